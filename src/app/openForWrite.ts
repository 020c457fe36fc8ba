/**
 * Opens a workbook for a command that writes — kept for callers that want the
 * book only; an operation opens with openWrite (operation.ts), which does this
 * (read, write-lock check, recovery of an interrupted run, reprotection, read
 * again only after a repair) and keeps the session for the writes.
 *
 * Example: const { book, raw, issues } = await openForWrite(port, "alice", clock);
 */
import type { Clock } from "../ports/clock";
import type { WorkbookPort } from "../ports/workbook";
import type { LoadedBook } from "./loadBook";
import { openWrite } from "./operation";

export async function openForWrite(port: WorkbookPort, user: string, clock: Clock): Promise<LoadedBook> {
  return (await openWrite(port, { user, clock })).loaded;
}
