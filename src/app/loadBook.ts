/**
 * Reads every Closebook table through the port (one read phase) and decodes
 * it into a Book with the issues found on the way.
 *
 * Example: const { book, issues } = await loadBook(port);
 *          book.ledger.length  // posted lines
 */
import type { Issue } from "../core/issues/issue";
import type { Book } from "../core/ledger/book";
import type { RawTable, WorkbookPort } from "../ports/workbook";
import { decodeBook } from "../schema/bookCodec";
import { ALL_TABLES, RUNS, WRITE_LOCK } from "../schema/tables";
import { issue } from "../core/issues/issue";
import { where } from "../schema/typedCells";

export interface LoadedBook {
  readonly book: Book;
  readonly issues: Issue[];
  readonly raw: ReadonlyMap<string, RawTable | undefined>;
}

export async function readAllTables(port: WorkbookPort): Promise<Map<string, RawTable | undefined>> {
  const raw = new Map<string, RawTable | undefined>();
  // the write lock is read only by the claim (writeLock.ts), so a cached read scope never answers it from an earlier read
  for (const t of ALL_TABLES) if (t !== WRITE_LOCK) raw.set(t.name, await port.readTable(t.name));
  return raw;
}

/**
 * Reads and decodes the workbook. Ledger rows of a run that never committed
 * (an interrupted write, see runs.ts) are left out of the book and reported;
 * the next command that writes rolls them back.
 */
export async function loadBook(port: WorkbookPort): Promise<LoadedBook> {
  return bookOf(await readAllTables(port));
}

/** The book of tables read (decoded here unless `decoded` is given), without the ledger rows of runs that never committed. */
export function bookOf(
  raw: ReadonlyMap<string, RawTable | undefined>,
  decoded: { readonly book: Book; readonly issues: readonly Issue[] } = decodeBook((name) => raw.get(name)),
): LoadedBook {
  const started = new Set(decoded.book.runs.filter((r) => r.status === "started").map((r) => r.runId));
  if (started.size === 0) return { book: decoded.book, issues: [...decoded.issues], raw };
  const ledger = decoded.book.ledger.filter((e) => !started.has(e.runId));
  const ignored = decoded.book.ledger.length - ledger.length;
  const warning = issue(
    "RUN_INTERRUPTED",
    `Run${started.size > 1 ? "s" : ""} ${[...started].join(", ")} did not finish; ${ignored} ledger rows of ${started.size > 1 ? "them" : "it"} are ignored and will be rolled back by the next command that writes.`,
    where(RUNS, "status"),
    "warning",
  );
  return { book: { ...decoded.book, ledger }, issues: [warning, ...decoded.issues], raw };
}

export function nextEntryNo(book: Book): number {
  let max = 0;
  for (const e of book.ledger) if (e.entryNo > max) max = e.entryNo;
  return max + 1;
}
