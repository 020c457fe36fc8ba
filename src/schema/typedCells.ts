/**
 * Cells addressed through a table's declaration, by column key: the only way code outside src/schema names a
 * column. A misspelt key does not compile, and a renamed header changes here only.
 *
 * Example: cellUpdates(PERIODS, 3, { status: "On hold", access: "Controllers" })
 *   → [{ row: 3, column: "Status", value: "On hold" }, { row: 3, column: "Access", value: "Controllers" }]
 *   cellUpdates(SETTLEMENTS, 2, { reversedOn: "2026-03-31" })
 *   → [{ row: 2, column: "Reversed on", value: Date(2026-03-31) }]   (the column's codec encodes the value)
 *   rawCell(RUNS, runsRaw, 2, "status") → the raw cell of column "Status" in data row 2 ("committed")
 *   where(RUNS, "status", 2) → { table: "tblRuns", row: 2, column: "Status" }   (an issue's location)
 */
import type { IssueLocation } from "../core/issues/issue";
import type { CellUpdate, CellValue, KeyedUpdate, RawTable } from "../ports/workbook";
import { encodeCell } from "./cells";
import { normalizeHeader } from "./decodeTable";
import type { ColumnOf, ColumnValue, Key, TableDef } from "./defineTable";

/** Values to write, by column key: a column's domain value, or null to blank the cell. */
export type CellValues<D extends TableDef> = { readonly [K in Key<D>]?: ColumnValue<D, K> | null };

function column<D extends TableDef>(def: D, key: Key<D>): ColumnOf<D, Key<D>> {
  const c = def.columns.find((x) => x.key === key);
  // unreachable for a key that type-checks; a key built at run time (dim:…) is not a declared column
  if (!c) throw new Error(`${def.name} declares no column "${key}"`);
  return c as ColumnOf<D, Key<D>>;
}

/** The header of a column, by key. */
export function header<D extends TableDef>(def: D, key: Key<D>): string {
  return column(def, key).header;
}

/** The headers of key columns (for updateCellsByKey), by key. */
export function headers<D extends TableDef>(def: D, keys: readonly Key<D>[]): string[] {
  return keys.map((k) => header(def, k));
}

/** An issue location in a declared table: its name, the column's header, the data row when known. */
export function where<D extends TableDef>(def: D, key?: Key<D>, row?: number): IssueLocation {
  return {
    table: def.name,
    ...(row !== undefined ? { row } : {}),
    ...(key !== undefined ? { column: header(def, key) } : {}),
  };
}

/** A value encoded by its column's codec (an ISO date becomes a date cell, an Amount a number). */
export function encodeValue<D extends TableDef, K extends Key<D>>(
  def: D,
  key: K,
  value: ColumnValue<D, K> | null,
): CellValue {
  return encodeCell(column(def, key).type, value);
}

/** Cell updates of one data row (1-based), in the order the values are given. */
export function cellUpdates<D extends TableDef>(def: D, row: number, values: CellValues<D>): CellUpdate[] {
  return (Object.keys(values) as Key<D>[]).map((k) => ({
    row,
    column: header(def, k),
    value: encodeValue(def, k, values[k] ?? null),
  }));
}

/** Encoded cells by header (a row's changed cells as a record), by key: { Title: "…", Due: Date(…) }. */
export function cellsByHeader<D extends TableDef>(def: D, values: CellValues<D>): Record<string, CellValue> {
  return Object.fromEntries(cellUpdates(def, 0, values).map((u) => [u.column, u.value]));
}

/** cellUpdates guarded by the row's key cells (see WorkbookPort.updateCellsByKey). */
export function keyedUpdates<D extends TableDef>(
  def: D,
  row: number,
  key: readonly CellValue[],
  values: CellValues<D>,
): KeyedUpdate[] {
  return cellUpdates(def, row, values).map((u) => ({ ...u, key }));
}

/** A cell change recorded with the value it replaces (a run's restore list), addressed by table name. */
export interface TableCellChange {
  readonly table: string;
  readonly row: number;
  readonly column: string;
  readonly value: CellValue;
  readonly old: CellValue;
}

/** One cell change with its old cell, for a run that restores it when reversed or rolled back. */
export function cellChange<D extends TableDef, K extends Key<D>>(
  def: D,
  row: number,
  key: K,
  value: ColumnValue<D, K> | null,
  old: CellValue,
): TableCellChange {
  return { table: def.name, row, column: header(def, key), value: encodeValue(def, key, value), old };
}

/** The position of a column in a raw table's headers (case and spacing ignored); -1 when absent. */
export function columnIndex<D extends TableDef>(def: D, raw: RawTable | undefined, key: Key<D>): number {
  const h = normalizeHeader(header(def, key));
  return raw?.headers.findIndex((x) => normalizeHeader(String(x ?? "")) === h) ?? -1;
}

/** The raw cell of column `key` in data row `row` (1-based); undefined when the table, row or column is absent. */
export function rawCell<D extends TableDef>(
  def: D,
  raw: RawTable | undefined,
  row: number,
  key: Key<D>,
): CellValue | undefined {
  const i = columnIndex(def, raw, key);
  return i < 0 ? undefined : raw?.rows[row - 1]?.[i];
}
