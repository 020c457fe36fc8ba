/**
 * Reads the Closebook tables an operation needs through the port (one read
 * phase) and decodes them into a Book with the issues found on the way. The
 * setup tables and tblRuns are always read; `needs` names the others ("all" by
 * default). A Book field, or a `raw` table, the operation did not read throws
 * TableNotReadError instead of looking empty.
 *
 * Example: const { book, issues } = await loadBook(port);
 *          book.ledger.length  // posted lines
 *          (await loadBook(port, [LEDGER])).book.journal  // throws: tblJournal was not read by this operation
 */
import type { Issue } from "../core/issues/issue";
import type { Book } from "../core/ledger/book";
import type { RawTable, WorkbookPort } from "../ports/workbook";
import { bookWith, decodeBook, TableNotReadError, wasRead } from "../schema/bookCodec";
import type { TableDef } from "../schema/defineTable";
import {
  ACCOUNTS,
  ALL_TABLES,
  CURRENCIES,
  DIMENSIONS,
  DIMENSION_VALUES,
  JOURNAL,
  PERIODS,
  RATES,
  RUNS,
  SETTINGS,
  USERS,
  WRITE_LOCK,
} from "../schema/tables";
import { issue } from "../core/issues/issue";
import { where } from "../schema/typedCells";

export interface LoadedBook {
  readonly book: Book;
  readonly issues: Issue[];
  readonly raw: ReadonlyMap<string, RawTable | undefined>;
}

/** Read by every operation: the setup (every decode needs it) and the runs (rows of runs that never committed are left out). */
export const ALWAYS_READ: readonly TableDef[] = [
  SETTINGS,
  CURRENCIES,
  ACCOUNTS,
  DIMENSIONS,
  DIMENSION_VALUES,
  RATES,
  PERIODS,
  USERS,
  RUNS,
];

/**
 * Every table but the drafts: what a posting of a close step (revaluation, allocation, settlement, year-end) and
 * a reversal read — the journal (on a large workbook as large as the ledger) is only for posting drafts, the
 * draft checks of the close and the period lock, and the rate checks.
 */
export const ALL_BUT_JOURNAL: readonly TableDef[] = ALL_TABLES.filter((t) => t !== JOURNAL && t !== WRITE_LOCK);

/**
 * Not a table: asks for the journal's open lines only (bookCodec's isOpenJournalLine: drafts, failed, error and
 * auto-reversing lines). The journal is read, those lines decoded and its rows let go (SessionState): on a
 * million-line workbook the posted lines are ~480 MB of rows and lines a close never looks at (issue #14).
 * book.journal then holds only those lines; an operation that needs every line declares JOURNAL (read then).
 */
export const OPEN_JOURNAL: TableDef = { ...JOURNAL, name: `${JOURNAL.name} (open lines)` };

/**
 * What the month-end close and its steps read: every table but the journal, of which the open lines
 * (verify journals, the rate checks, the adjustments list). Example: readSession(port, CLOSE_READS).
 */
export const CLOSE_READS: readonly TableDef[] = [...ALL_BUT_JOURNAL, OPEN_JOURNAL];

/** The tables an operation reads: every one, or these besides ALWAYS_READ. */
export type TableNeeds = "all" | readonly TableDef[];

// the write lock is read only by the claim (writeLock.ts), so a cached read scope never answers it from an earlier read
const READABLE = ALL_TABLES.filter((t) => t !== WRITE_LOCK).map((t) => t.name);
const GUARDED = new Set(READABLE);

/** The names of the tables `needs` reads, in the workbook's order. */
export function tablesOf(needs: TableNeeds): string[] {
  if (needs === "all") return READABLE;
  const wanted = new Set([...ALWAYS_READ, ...needs].map((t) => t.name));
  return READABLE.filter((n) => wanted.has(n));
}

/**
 * A table a write appends to without reading its rows (the ledger of a posting): its headers and data row
 * count, from the port's tableSize (SessionState.tail; used by ledgerTail.ts).
 * Example: { name: "tblLedger", headers: [...], rows: 100000 }.
 */
export interface TableTail {
  readonly name: string;
  readonly headers: readonly string[];
  readonly rows: number;
}

/**
 * The raw tables an operation read: asking for a declared table it did not read throws TableNotReadError.
 * `tails`: tables not read whose headers and row count are known (a run appends to them: runs.ts' tailOf
 * and layoutIssues ask `tailTable`); not among the keys, so the book's field still throws.
 */
export class ReadTables extends Map<string, RawTable | undefined> {
  readonly tails = new Map<string, TableTail | undefined>();
  override get(name: string): RawTable | undefined {
    if (!this.has(name) && GUARDED.has(name)) throw new TableNotReadError(name);
    return super.get(name);
  }
}

/** A copy of `raw` (a ReadTables stays one, with its tails), to add tables to. */
export function copyTables(raw: ReadonlyMap<string, RawTable | undefined>): Map<string, RawTable | undefined> {
  if (!(raw instanceof ReadTables)) return new Map(raw);
  const out = new ReadTables(raw);
  for (const [n, t] of raw.tails) out.tails.set(n, t);
  return out;
}

/**
 * Headers and data row count of table `name`: of the rows read, or of its tail; undefined when the workbook
 * lacks it. Throws TableNotReadError when it was neither read nor its tail taken.
 */
export function tailTable(raw: ReadonlyMap<string, RawTable | undefined>, name: string): TableTail | undefined {
  if (raw instanceof ReadTables && !raw.has(name) && raw.tails.has(name)) return raw.tails.get(name);
  const t = raw.get(name);
  return t && { name: t.name, headers: t.headers, rows: t.rows.length };
}

/** Reads the tables `names` (into `into`, kept otherwise). */
export async function readTables(
  port: WorkbookPort,
  names: Iterable<string>,
  into: ReadTables = new ReadTables(),
): Promise<ReadTables> {
  for (const n of names) into.set(n, await port.readTable(n));
  return into;
}

export async function readAllTables(port: WorkbookPort, needs: TableNeeds = "all"): Promise<ReadTables> {
  return readTables(port, tablesOf(needs));
}

/** The declared tables `raw` holds (undefined: every one, a plain map of a caller). */
export function readSet(raw: ReadonlyMap<string, unknown>): ReadonlySet<string> | undefined {
  return raw instanceof ReadTables ? new Set(raw.keys()) : undefined;
}

/**
 * Reads and decodes the workbook. Ledger rows of a run that never committed
 * (an interrupted write, see runs.ts) are left out of the book and reported;
 * the next command that writes rolls them back.
 */
export async function loadBook(port: WorkbookPort, needs: TableNeeds = "all"): Promise<LoadedBook> {
  return bookOf(await readAllTables(port, needs));
}

/** The book of tables read (decoded here unless `decoded` is given), without the ledger rows of runs that never committed. */
export function bookOf(
  raw: ReadonlyMap<string, RawTable | undefined>,
  decoded: { readonly book: Book; readonly issues: readonly Issue[] } = decodeBook(
    (name) => raw.get(name),
    readSet(raw),
  ),
): LoadedBook {
  const started = new Set(decoded.book.runs.filter((r) => r.status === "started").map((r) => r.runId));
  // without the ledger there are no rows to leave out (the next write reads it and rolls them back)
  if (started.size === 0 || !wasRead(decoded.book, "ledger"))
    return { book: decoded.book, issues: [...decoded.issues], raw };
  const ledger = decoded.book.ledger.filter((e) => !started.has(e.runId));
  const ignored = decoded.book.ledger.length - ledger.length;
  const warning = issue(
    "RUN_INTERRUPTED",
    `Run${started.size > 1 ? "s" : ""} ${[...started].join(", ")} did not finish; ${ignored} ledger rows of ${started.size > 1 ? "them" : "it"} are ignored and will be rolled back by the next command that writes.`,
    where(RUNS, "status"),
    "warning",
  );
  return { book: bookWith(decoded.book, { ledger }), issues: [warning, ...decoded.issues], raw };
}

export function nextEntryNo(book: Book): number {
  let max = 0;
  for (const e of book.ledger) if (e.entryNo > max) max = e.entryNo;
  return max + 1;
}
