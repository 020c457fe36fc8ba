/**
 * The port's input checks for the Excel adapter, with the memory adapter's
 * rules and messages (src/adapters/memory/memoryWorkbook.ts holds the
 * reference semantics; its exported checks are reused). Everything a write
 * needs is checked before the first change is sent to Excel.
 *
 * Example:
 *   checkRows("tblT", 2, [["a", 1], ["b"]], "appendRows")
 *   // throws "appendRows: table tblT: row 2 has 1 cells, expected 2"
 */
import { ruleProblem } from "../../ports/conditionalFormats";
import type { CellUpdate, CellValue, TableShape } from "../../ports/workbook";
import { checkCellValue, checkReport, checkSheetName, checkTableName, findHeader, key } from "../memory/memoryWorkbook";

export type Rows = readonly (readonly CellValue[])[];

// eslint-disable-next-line no-control-regex
const HEADER_CONTROL_CHARS = /[\u0000-\u001F]/;

/** Table name, sheet name, headers and number formats of a new table. */
export function checkShape(shape: TableShape, op: string): void {
  checkTableName(shape?.name, op);
  checkSheetName(shape.sheet, op);
  if (!Array.isArray(shape.headers) || shape.headers.length === 0)
    throw new Error(`${op}: table ${shape.name} needs at least one header`);
  const seen = new Set<string>();
  for (const h of shape.headers) {
    if (typeof h !== "string" || h.trim().length === 0)
      throw new Error(`${op}: table ${shape.name} has an empty header`);
    if (h.length > 255 || HEADER_CONTROL_CHARS.test(h))
      throw new Error(`${op}: table ${shape.name} header "${h}" is too long or has control characters`);
    if (seen.has(key(h))) throw new Error(`${op}: table ${shape.name} has header "${h}" twice`);
    seen.add(key(h));
  }
  if (!Array.isArray(shape.numberFormats) || shape.numberFormats.length !== shape.headers.length) {
    throw new Error(
      `${op}: table ${shape.name} has ${shape.headers.length} headers but ${shape.numberFormats?.length ?? 0} number formats`,
    );
  }
  for (const f of shape.numberFormats)
    if (typeof f !== "string" || f.length === 0)
      throw new Error(`${op}: table ${shape.name} has an empty number format`);
  const bad = ruleProblem(shape.name, shape.headers, shape.conditionalFormats);
  if (bad) throw new Error(`${op}: ${bad}`);
}

/** Every row has `width` cells, each a value a cell can hold. */
export function checkRows(table: string, headers: readonly string[], rows: Rows, op: string): void {
  if (!Array.isArray(rows)) throw new Error(`${op}: rows for ${table} must be an array`);
  const width = headers.length;
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== width) {
      throw new Error(
        `${op}: table ${table}: row ${i + 1} has ${Array.isArray(row) ? row.length : "no"} cells, expected ${width}`,
      );
    }
    row.forEach((v, j) => checkCellValue(v, () => `${op}: table ${table} row ${i + 1}, ${headers[j] ?? j + 1}`));
  });
}

export interface ResolvedUpdate {
  /** 0-based data row */
  readonly row: number;
  /** 0-based column */
  readonly col: number;
  readonly value: CellValue;
}

/** Checks every update against the table's headers and row count; later updates of a cell win. */
export function resolveUpdates(
  table: string,
  headers: readonly string[],
  rowCount: number,
  updates: readonly CellUpdate[],
): ResolvedUpdate[] {
  if (!Array.isArray(updates)) throw new Error(`updateCells: updates for ${table} must be an array`);
  const byCell = new Map<string, ResolvedUpdate>();
  for (const u of updates) {
    const col = findHeader(headers, u.column);
    if (col < 0) throw new Error(`updateCells: table ${table} has no column "${u.column}"`);
    if (!Number.isInteger(u.row) || u.row < 1 || u.row > rowCount)
      throw new Error(`updateCells: table ${table} has no row ${u.row} (rows 1..${rowCount})`);
    checkCellValue(u.value, () => `updateCells: table ${table} row ${u.row}, ${u.column}`);
    const cell = `${u.row - 1}:${col}`;
    byCell.delete(cell); // keep the order of the last write
    byCell.set(cell, { row: u.row - 1, col, value: u.value });
  }
  return [...byCell.values()];
}

export { checkReport };
