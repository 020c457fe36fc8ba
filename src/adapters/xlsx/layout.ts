/**
 * Where things sit on the sheets of an xlsx workbook, kept beside the
 * in-memory model so saving can rebuild every table sheet exactly: each
 * table's top-left cell, style, totals row and preserved formulas, and for
 * table sheets loaded from a file the other things on the sheet (cells outside
 * the tables, merges, widths, views, protection...).
 *
 * A table occupies rows top .. top + max(rowCount, 1) (+1 with a totals row):
 * the header, at least one data row (Excel tables cannot have zero rows: an
 * empty table is written with one blank row), and the totals row.
 *
 * Example: a new table → { top: 1, left: 1, style: DEFAULT_TABLE_STYLE, formulas: new Map() }
 *   rectOf(layout, 3 headers, 0 rows) → { top: 1, left: 1, bottom: 2, right: 3 }
 *   cellAddress(2, 28) → "AB2"
 */

export interface TableStyle {
  readonly theme: string;
  readonly showFirstColumn: boolean;
  readonly showLastColumn: boolean;
  readonly showRowStripes: boolean;
  readonly showColumnStripes: boolean;
}

export const DEFAULT_TABLE_STYLE: TableStyle = {
  theme: "TableStyleMedium2",
  showFirstColumn: false,
  showLastColumn: false,
  showRowStripes: true,
  showColumnStripes: false,
};

export type TotalsFunction = "none" | "average" | "countNums" | "count" | "max" | "min" | "stdDev" | "var" | "sum";

export interface TotalsRow {
  /** the first column's label */
  readonly label: string | undefined;
  /** one per column (the first column carries the label instead) */
  readonly functions: readonly TotalsFunction[];
}

export interface TableLayout {
  /** 1-based row and column of the header's first cell */
  readonly top: number;
  readonly left: number;
  readonly style: TableStyle;
  readonly totals?: TotalsRow;
  /** formulas of data cells read from the file, by rowIndex * width + colIndex (0-based); dropped when the cell or rows are rewritten */
  readonly formulas: Map<number, string>;
  /** a table read from a file: where it stood there, header row to last data row (conditional formats follow it) */
  readonly loaded?: Rect;
}

/** A cell outside every table on a table sheet, kept as exceljs holds it. */
export interface ExtraCell {
  readonly row: number;
  readonly col: number;
  readonly value: unknown;
  readonly style: unknown;
}

/** What a table sheet loaded from a file carried besides its tables. */
export interface SheetExtras {
  readonly extras: readonly ExtraCell[];
  readonly merges: readonly string[];
  readonly widths: ReadonlyMap<number, number>;
  readonly views: unknown;
  readonly properties: unknown;
  readonly pageSetup: unknown;
  readonly headerFooter: unknown;
  readonly state: unknown;
  readonly sheetProtection: unknown;
  readonly conditionalFormattings: unknown;
  readonly dataValidations: unknown;
}

/** A sheet of the workbook, in tab order. Only "other" sheets stay in the exceljs workbook between saves. */
export interface SheetPlan {
  name: string;
  kind: "tables" | "report" | "other";
  /** set for table sheets loaded from a file */
  extras?: SheetExtras;
}

export interface Rect {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export const EXCEL_MAX_ROWS = 1048576;
export const EXCEL_MAX_COLS = 16384;

export function rectOf(layout: TableLayout, width: number, rowCount: number): Rect {
  return {
    top: layout.top,
    left: layout.left,
    bottom: layout.top + Math.max(rowCount, 1) + (layout.totals ? 1 : 0),
    right: layout.left + width - 1,
  };
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

export function contains(r: Rect, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

export function columnLetters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

export function rectAddress(r: Rect): string {
  return `${cellAddress(r.top, r.left)}:${cellAddress(r.bottom, r.right)}`;
}

/** "B3:D10" or "$B$3:$D$10" → Rect; a single cell "B3" → a 1×1 Rect. */
export function parseRange(ref: string): Rect {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref.trim());
  if (!m) throw new Error(`not a cell range: ${ref}`);
  const c1 = lettersToColumn(m[1] ?? "A");
  const r1 = Number(m[2]);
  const c2 = m[3] ? lettersToColumn(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
