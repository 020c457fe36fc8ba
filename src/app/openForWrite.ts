/**
 * Opens a workbook for a command that writes: loads it, repairs any
 * interrupted run (recover.ts) and loads it again, so the command sees a
 * consistent book. The repair's warnings come back with the read issues.
 *
 * Example: const { book, raw, issues } = await openForWrite(port, "alice", clock);
 */
import type { Clock } from "../ports/clock";
import type { WorkbookPort } from "../ports/workbook";
import { loadBook, type LoadedBook } from "./loadBook";
import { interruptedRuns, recover } from "./recover";

export async function openForWrite(port: WorkbookPort, user: string, clock: Clock): Promise<LoadedBook> {
  const first = await loadBook(port);
  if (interruptedRuns(first.book).length === 0) return first;
  const repaired = await recover(port, first.book, first.raw, user, clock.now());
  const again = await loadBook(port);
  return { ...again, issues: [...repaired, ...again.issues] };
}
