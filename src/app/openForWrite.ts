/**
 * Opens a workbook for a command that writes: loads it, repairs any
 * interrupted run (recover.ts), restores the protection of system sheets left
 * unprotected (by an interrupted write, or by hand), and loads it again if it
 * repaired anything, so the command sees a consistent book. The repairs'
 * warnings come back with the read issues.
 *
 * Example: const { book, raw, issues } = await openForWrite(port, "alice", clock);
 */
import { issue, type Issue } from "../core/issues/issue";
import type { Clock } from "../ports/clock";
import type { WorkbookPort } from "../ports/workbook";
import { loadBook, type LoadedBook } from "./loadBook";
import { protectionPassword, protectSystemSheets } from "./protectedSheets";
import { interruptedRuns, recover } from "./recover";
import { lockedByOther } from "./writeLock";

export async function openForWrite(port: WorkbookPort, user: string, clock: Clock): Promise<LoadedBook> {
  const first = await loadBook(port);
  // a co-author writing now: their run looks interrupted and their sheets unprotected; repair nothing (the write itself is refused with who holds the lock)
  const locked = await lockedByOther(port, user, clock.now());
  if (locked) return { ...first, issues: [locked, ...first.issues] };
  const repaired: Issue[] = [];
  if (interruptedRuns(first.book).length > 0)
    repaired.push(...(await recover(port, first.book, first.raw, user, clock.now())));
  const reprotected = await protectSystemSheets(port, protectionPassword(first.book));
  for (const sheet of reprotected)
    repaired.push(
      issue(
        "SHEET_REPROTECTED",
        `Sheet "${sheet}" was not protected; its protection was restored.`,
        { table: sheet },
        "warning",
      ),
    );
  if (repaired.length === 0) return first;
  const again = await loadBook(port);
  return { ...again, issues: [...repaired, ...again.issues] };
}
