/**
 * The storage port: everything the app layer needs from a workbook, in raw
 * cell values. Adapters: memory (tests, browser preview), xlsx (CLI, via
 * exceljs), Excel (office-js, task pane). Decoding to domain values happens
 * only in src/schema/codecs.ts.
 *
 * Example:
 *   await port.createTable({ name: "tblCurrencies", sheet: "Currencies",
 *     headers: ["Currency", "Name", "Precision"], numberFormats: ["@", "@", "0"] },
 *     [["USD", "US dollar", 2]]);
 *   (await port.readTable("tblCurrencies"))?.rows  // [["USD", "US dollar", 2]]
 *
 * Worksheet protection is a deterrent that mirrors period locks (the real lock
 * is checked in code): a protected sheet refuses every port write, so the app
 * unprotects, writes and re-protects, best through `withUnprotected`
 * (src/ports/protection.ts):
 *   await port.protect("Ledger", pw);       // throws if already protected
 *   await port.appendRows("tblGL", rows);   // throws "AccessDenied: ..."
 *   await withUnprotected(port, ["Ledger"], pw, () => port.appendRows("tblGL", rows));
 */

/** An Excel error value such as #N/A or #VALUE!. */
export interface CellError {
  readonly error: string;
}

/**
 * A raw cell: text, number (dates may arrive as Excel serial numbers),
 * boolean, a JS Date (UTC midnight for a date), an error value, or empty.
 */
export type CellValue = string | number | boolean | Date | CellError | null;

export function isCellError(v: CellValue | undefined): v is CellError {
  return typeof v === "object" && v !== null && !(v instanceof Date) && "error" in v;
}

export interface TableShape {
  readonly name: string;
  readonly sheet: string;
  readonly headers: readonly string[];
  /** one Excel number format per column */
  readonly numberFormats: readonly string[];
}

export interface RawTable {
  readonly name: string;
  readonly sheet: string;
  readonly headers: readonly string[];
  /** data rows, header excluded; each row has headers.length cells */
  readonly rows: readonly (readonly CellValue[])[];
}

export interface CellUpdate {
  /** 1-based data row */
  readonly row: number;
  readonly column: string;
  readonly value: CellValue;
}

/**
 * A cell change guarded by its row's key: `key` holds the values of the key
 * columns (given to updateCellsByKey) that data row `row` held when it was
 * read. If the row no longer holds them (the user sorted, inserted or deleted
 * rows since), the write is refused with RowsMovedError and nothing changes.
 */
export interface KeyedUpdate extends CellUpdate {
  readonly key: readonly CellValue[];
}

/** Thrown by updateCellsByKey when a row no longer holds its key: nothing was written. */
export class RowsMovedError extends Error {
  override readonly name = "RowsMovedError";
  constructor(
    readonly table: string,
    readonly row: number,
    readonly column: string,
    found: CellValue | undefined,
    expected: CellValue,
  ) {
    super(
      `updateCellsByKey ${table}: data row ${row} no longer holds the row read earlier (${column} is ${JSON.stringify(found ?? null)}, expected ${JSON.stringify(expected)}); rows were sorted, inserted or deleted meanwhile, so nothing was written`,
    );
  }
}

export function isRowsMoved(e: unknown): e is RowsMovedError {
  return e instanceof RowsMovedError || (e instanceof Error && e.name === "RowsMovedError");
}

/** A report written to its own sheet: a neutral grid plus light styling. */
export interface ReportSheet {
  readonly sheet: string;
  readonly title: string;
  readonly rows: readonly (readonly CellValue[])[];
  readonly numberFormats?: readonly (string | undefined)[];
  /** rows (0-based in `rows`) shown bold, e.g. headings and totals */
  readonly boldRows?: readonly number[];
}

/**
 * Thrown by isProtected / protect / unprotect for a sheet the workbook does not
 * have (`withUnprotected` skips such sheets by this class, so adapters must use it).
 */
export class SheetNotFoundError extends Error {
  override readonly name = "SheetNotFoundError";
  constructor(
    readonly sheet: string,
    op: string,
  ) {
    super(`${op}: the workbook has no sheet "${sheet}"`);
  }
}

/** The message prefix of the error a write to a protected sheet throws (as Excel answers). */
export const ACCESS_DENIED = "AccessDenied:";

export function isSheetNotFound(e: unknown): e is SheetNotFoundError {
  return e instanceof SheetNotFoundError || (e instanceof Error && e.name === "SheetNotFoundError");
}

export interface WorkbookPort {
  /** The tables present, with their sheets and headers. */
  listTables(): Promise<readonly TableShape[]>;
  /** A table's headers and data rows; undefined when the workbook has no such table. */
  readTable(name: string): Promise<RawTable | undefined>;
  /** Creates a real Excel table (ListObject) on its sheet, creating the sheet when needed. */
  createTable(shape: TableShape, rows: readonly (readonly CellValue[])[]): Promise<void>;
  /** Appends rows at the end of a table (the table grows). */
  appendRows(name: string, rows: readonly (readonly CellValue[])[]): Promise<void>;
  /** Changes single cells of existing rows, addressed by data row and header. */
  updateCells(name: string, updates: readonly CellUpdate[]): Promise<void>;
  /**
   * updateCells for rows the user may move: each update names the values its
   * row held in `keyColumns` when read. The key cells are checked in the same
   * step as the write (in Excel: the same sync, re-checked after it); when any
   * row moved, throws RowsMovedError and leaves every cell as it was.
   */
  updateCellsByKey(name: string, keyColumns: readonly string[], updates: readonly KeyedUpdate[]): Promise<void>;
  /**
   * Keeps the first `keep` data rows of a table and removes the rest. Only the
   * recovery of an interrupted run uses it, to take back rows that run appended
   * (append-only tables included: those rows were never committed).
   * Keeping more rows than the table has changes nothing.
   */
  truncateRows(name: string, keep: number): Promise<void>;
  /** Replaces every data row of a table (setup tables only; never the ledger or audit log). */
  replaceRows(name: string, rows: readonly (readonly CellValue[])[]): Promise<void>;
  /** Writes (or rewrites) a report sheet. */
  writeReport(report: ReportSheet): Promise<void>;

  // Worksheet protection. Sheet names match case-insensitively. While a sheet is
  // protected, every write touching it (createTable, appendRows, updateCells,
  // replaceRows on a table there, writeReport there) throws an Error whose
  // message starts with "AccessDenied:" and changes nothing, as Excel rejects
  // API writes to a protected sheet. Protection is saved with the workbook.

  /** Whether `sheet` is protected; throws SheetNotFoundError when there is no such sheet. */
  isProtected(sheet: string): Promise<boolean>;
  /**
   * Protects `sheet` with `password` ("" = no password). Throws when the sheet
   * is already protected, as current Excel builds do (excel-addin.md §2.2,
   * OfficeDev/office-js#6784): check `isProtected` first. SheetNotFoundError
   * when there is no such sheet.
   */
  protect(sheet: string, password: string): Promise<void>;
  /**
   * Removes the protection of `sheet`. Throws when the sheet is not protected,
   * when `password` is wrong (the sheet stays protected), and
   * SheetNotFoundError when there is no such sheet.
   */
  unprotect(sheet: string, password: string): Promise<void>;
}
