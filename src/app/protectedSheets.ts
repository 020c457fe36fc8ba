/**
 * Which sheets Closebook keeps protected (a deterrent that mirrors the locks:
 * the posting gate and the seal are the real controls), and the wrapper every
 * write goes through: unprotect, write, re-protect in `finally`.
 *
 * Example: await writeProtected(port, book, { user: "alice", operation: "post journals", now }, () => port.appendRows("tblLedger", rows));
 */
import { issue, type Issue } from "../core/issues/issue";
import type { Book } from "../core/ledger/book";
import { withUnprotected } from "../ports/protection";
import type { WorkbookPort } from "../ports/workbook";
import {
  AUDIT,
  LEDGER,
  LOCK_EXCEPTIONS,
  PERIODS,
  RUNS,
  SEALS,
  SEAL_ROWS,
  SETTLEMENTS,
  SETTINGS,
  JOURNALIZING,
  RUN_TRACE,
  WRITE_LOCK,
} from "../schema/tables";
import { isWriteLocked, withWriteLock, type WriteClaim } from "./writeLock";
import { where } from "../schema/typedCells";

export const PROTECTED_SHEETS: readonly string[] = [
  LEDGER.sheet,
  PERIODS.sheet,
  AUDIT.sheet,
  RUNS.sheet,
  SEALS.sheet,
  SEAL_ROWS.sheet,
  LOCK_EXCEPTIONS.sheet,
  SETTLEMENTS.sheet,
  JOURNALIZING.sheet,
  RUN_TRACE.sheet,
  WRITE_LOCK.sheet,
];

export function protectionPassword(book: Pick<Book, "setup">): string {
  return book.setup.settings.protectionPassword ?? "";
}

/**
 * Every write starts here: claims the write lock (writeLock.ts; throws
 * WriteLockedError naming the holder when a co-author is writing), then
 * unprotects, writes, re-protects, and clears the claim.
 */
export function writeProtected<R>(
  port: WorkbookPort,
  book: Pick<Book, "setup">,
  claim: WriteClaim,
  work: () => Promise<R>,
): Promise<R> {
  const password = protectionPassword(book);
  return withUnprotected(port, [WRITE_LOCK.sheet], password, () =>
    withWriteLock(port, claim, password, () => withUnprotected(port, PROTECTED_SHEETS, password, work)),
  );
}

/**
 * writeProtected, answering an issue instead of throwing when the system sheets
 * cannot be unprotected because the "Protection password" setting does not
 * open them (the adapters' "wrong password" error), or WRITE_LOCKED when a
 * co-author holds the write lock: nothing has been written then. Any other failure, of unprotecting or of `work`, still throws.
 *
 * Example: settings say "s3cret", the sheets were protected with "" →
 *   SHEET_PASSWORD at tblSettings, Value; the workbook is unchanged.
 */
export async function tryWriteProtected<R>(
  port: WorkbookPort,
  book: Pick<Book, "setup">,
  claim: WriteClaim,
  work: () => Promise<R>,
): Promise<R | Issue> {
  let working = false;
  try {
    return await writeProtected(port, book, claim, () => {
      working = true;
      return work();
    });
  } catch (e) {
    if (isWriteLocked(e)) return e.issue;
    const why = e instanceof Error ? e.message : String(e);
    if (working || !/wrong password/i.test(why)) throw e;
    return issue(
      "SHEET_PASSWORD",
      `The system sheets cannot be unprotected with the "Protection password" setting (${why}); nothing was written. Correct the setting to the sheets' password.`,
      where(SETTINGS, "value"),
    );
  }
}

/** Protects every Closebook system sheet that is not protected yet; returns the sheets it protected. */
export async function protectSystemSheets(port: WorkbookPort, password: string): Promise<string[]> {
  const done: string[] = [];
  const sheets = new Set((await port.listTables()).map((t) => t.sheet.toLowerCase()));
  for (const sheet of PROTECTED_SHEETS) {
    if (!sheets.has(sheet.toLowerCase())) continue;
    if (await port.isProtected(sheet)) continue;
    await port.protect(sheet, password);
    done.push(sheet);
  }
  return done;
}
