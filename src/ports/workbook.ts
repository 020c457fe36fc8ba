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

/** A report written to its own sheet: a neutral grid plus light styling. */
export interface ReportSheet {
  readonly sheet: string;
  readonly title: string;
  readonly rows: readonly (readonly CellValue[])[];
  readonly numberFormats?: readonly (string | undefined)[];
  /** rows (0-based in `rows`) shown bold, e.g. headings and totals */
  readonly boldRows?: readonly number[];
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
  /** Replaces every data row of a table (setup tables only; never the ledger or audit log). */
  replaceRows(name: string, rows: readonly (readonly CellValue[])[]): Promise<void>;
  /** Writes (or rewrites) a report sheet. */
  writeReport(report: ReportSheet): Promise<void>;
}
