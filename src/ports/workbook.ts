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

import type { ColumnFormatRule } from "./conditionalFormats";

/** An Excel error value such as #N/A or #VALUE!. */
export interface CellError {
  readonly error: string;
}

/**
 * A raw cell: text, number (dates may arrive as Excel serial numbers),
 * boolean, a JS Date (UTC midnight for a date), an error value, or empty.
 * A table cell written reads back as written on every adapter (a number as the
 * number, also in a date column; only a Date reads back as a Date), except ""
 * which reads back as null: Excel keeps no empty text (the contract suite,
 * test/adapters/contract, checks both).
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
  /**
   * Conditional formatting of the table's columns (conditionalFormats.ts), applied by createTable over each
   * column's data body and kept as rows are appended. Write-only: listTables does not give them back.
   */
  readonly conditionalFormats?: readonly ColumnFormatRule[];
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

/**
 * A formula cell with its computed value cached, so a file opened without
 * recalculation still shows it. `formula` as Excel shows it, with "=", A1
 * references on the same sheet: { formula: "=SUM(B5:B9)", result: 1500 }.
 */
export interface FormulaCell {
  readonly formula: string;
  readonly result: CellValue;
}

/** A report cell: a value or a formula with its cached result. */
export type ReportCell = CellValue | FormulaCell;

export function isFormulaCell(v: unknown): v is FormulaCell {
  return typeof v === "object" && v !== null && !(v instanceof Date) && typeof (v as FormulaCell).formula === "string";
}

/** The value a report cell shows: its own value, or a formula's cached result. */
export function shownValue(v: ReportCell): CellValue {
  return isFormulaCell(v) ? v.result : v;
}

/** 1-based sheet row of a report's rows[0] in every adapter: title in row 1, row 2 blank. */
export const REPORT_SHEET_FIRST_ROW = 3;

/** The largest sheet (used range, in cells) `readSheets` reads: a report, not a data dump (Excel on the web answers 5 MB at most per sync). */
export const READ_SHEETS_MAX_CELLS = 50_000;

/**
 * How a report prints and reads, as data (each adapter maps it to its own API).
 * `headingRow`: the column-heading row (0-based in `rows`), repeated at the top
 * of every printed page and frozen on screen with the rows above it.
 * Footer: left and right plain text (no Excel codes), with "Page X of Y" in the centre.
 */
export interface ReportPrint {
  readonly headingRow?: number;
  readonly orientation?: "portrait" | "landscape";
  /** all columns on one page wide, as many pages tall as needed */
  readonly fitToWidth?: boolean;
  readonly header?: string;
  readonly footerLeft?: string;
  readonly footerRight?: string;
}

/** The footer's three parts in Excel's codes (& doubled in plain text; &P page, &N pages): office-js sets them one by one. */
export function excelFooterParts(print: ReportPrint): { left: string; center: string; right: string; header: string } {
  const esc = (s: string) => s.replace(/&/g, "&&");
  return {
    left: esc(print.footerLeft ?? ""),
    center: "Page &P of &N",
    right: esc(print.footerRight ?? ""),
    header: esc(print.header ?? ""),
  };
}

/** Excel's header/footer text for `print`: "&Lcompany · period&CPage &P of &N&RRun by alice" (xlsx). */
export function excelHeaderFooter(print: ReportPrint): { header?: string; footer: string } {
  const p = excelFooterParts(print);
  return { ...(p.header ? { header: `&L${p.header}` } : {}), footer: `&L${p.left}&C${p.center}&R${p.right}` };
}

/** A report written to its own sheet: a neutral grid plus light styling. */
export interface ReportSheet {
  readonly sheet: string;
  readonly title: string;
  readonly rows: readonly (readonly ReportCell[])[];
  readonly numberFormats?: readonly (string | undefined)[];
  /** rows (0-based in `rows`) shown bold, e.g. headings and totals */
  readonly boldRows?: readonly number[];
  /** cells whose format differs from their column's (e.g. a JPY amount without decimals) */
  readonly cellFormats?: readonly { readonly row: number; readonly col: number; readonly format: string }[];
  /** horizontal alignment per column (a heading aligned with its numbers); undefined = General */
  readonly align?: readonly ("left" | "right" | "center" | undefined)[];
  /** column widths in characters; undefined = fitted to the contents */
  readonly widths?: readonly (number | undefined)[];
  /** rows with a single line above their number cells (subtotals) */
  readonly ruleAbove?: readonly number[];
  /** rows with a double line below their number cells (totals) */
  readonly doubleBelow?: readonly number[];
  readonly print?: ReportPrint;
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

/**
 * A block of cells on a sheet: 1-based first row and column, and its size.
 * Example: B2:B40 → { row: 2, column: 2, rows: 39, columns: 1 }.
 */
export interface CellBlock {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

export function isSheetNotFound(e: unknown): e is SheetNotFoundError {
  return e instanceof SheetNotFoundError || (e instanceof Error && e.name === "SheetNotFoundError");
}

export interface WorkbookPort {
  /** The tables present, with their sheets and headers. */
  listTables(): Promise<readonly TableShape[]>;
  /** A table's headers and data rows; undefined when the workbook has no such table. */
  readTable(name: string): Promise<RawTable | undefined>;
  /**
   * Optional: a table's headers and data row count without reading its rows (what a run appending to it needs,
   * src/app/ledgerTail.ts); undefined when the workbook has no such table. Agrees with readTable: `rows` is
   * readTable(name).rows.length. An adapter without it has the table read.
   */
  tableSize?(name: string): Promise<{ readonly headers: readonly string[]; readonly rows: number } | undefined>;
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
  /**
   * The values of a block of cells on `sheet` (any sheet: a table's, a report's, or one the user
   * filled), `rows` arrays of `columns` values, as the sheet shows them: an empty cell is null, a
   * date-formatted number a Date, a formula its value. A table's header is in its first row (A1 for
   * a table Closebook created); a report's title is A1 and its rows start in row 3. Undefined when
   * the workbook has no such sheet (names match case-insensitively). Keep blocks small (a column of
   * a statement): adapters read it in one step.
   */
  readRange(sheet: string, block: CellBlock): Promise<CellValue[][] | undefined>;
  /**
   * Optional: the sheets that hold no table, each read back as a report (A1 the title, rows from
   * row 3, a formula cell as { formula, result }, a column's number format when its numbers share
   * one), so `publish` carries a management report's CLOSEBOOK.* formulas as values. Sheets over
   * READ_SHEETS_MAX_CELLS cells are left out. Adapters that cannot read formulas leave it out.
   */
  readSheets?(): Promise<ReportSheet[]>;

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
