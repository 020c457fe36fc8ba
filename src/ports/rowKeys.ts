/**
 * Key checks for updateCellsByKey: does data row `row` still hold the key
 * values read earlier? Cells compare as the port reads them back, with "" and
 * null alike and Dates by their time.
 *
 * Example: rows [["GEN", "D1"], ["GEN", "D2"]], keyColumns ["Journal", "Draft voucher"],
 *   update { row: 2, key: ["GEN", "D2"] } → ok; after a sort putting D2 first →
 *   RowsMovedError(tblJournal, row 2, "Draft voucher", "D1", "D2").
 */
import { normalizeHeader } from "../schema/decodeTable";
import type { CellValue, KeyedUpdate, RawTable } from "./workbook";
import { RowsMovedError, isCellError } from "./workbook";

export function sameCell(a: CellValue | undefined, b: CellValue | undefined): boolean {
  const blank = (v: CellValue | undefined): boolean => v === null || v === undefined || v === "";
  if (blank(a) || blank(b)) return blank(a) && blank(b);
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (isCellError(a ?? null) || isCellError(b ?? null))
    return (
      isCellError(a ?? null) &&
      isCellError(b ?? null) &&
      (a as { error: string }).error === (b as { error: string }).error
    );
  return a === b;
}

/** Column indexes of `keyColumns` in `headers` (matched as the schema matches headers: case and spacing ignored); throws naming a missing one. */
export function keyIndexes(table: string, headers: readonly string[], keyColumns: readonly string[]): number[] {
  return keyColumns.map((c) => {
    const i = headers.findIndex((h) => normalizeHeader(String(h)) === normalizeHeader(String(c)));
    if (i < 0) throw new Error(`updateCellsByKey ${table}: no column "${c}"`);
    return i;
  });
}

/** The first update whose row does not hold its key in `cellAt(row, keyIndex)`, as a RowsMovedError; undefined when all match. */
export function movedRow(
  table: string,
  keyColumns: readonly string[],
  idx: readonly number[],
  updates: readonly KeyedUpdate[],
  cellAt: (row: number, col: number) => CellValue | undefined,
): RowsMovedError | undefined {
  for (const u of updates) {
    for (let k = 0; k < idx.length; k++) {
      const found = cellAt(u.row, idx[k]!);
      if (!sameCell(found, u.key[k] ?? null))
        return new RowsMovedError(table, u.row, keyColumns[k]!, found, u.key[k] ?? null);
    }
  }
  return undefined;
}

/** Checks `updates` against a table as read now; throws RowsMovedError for a moved row. */
export function checkRowKeys(
  t: RawTable | undefined,
  name: string,
  keyColumns: readonly string[],
  updates: readonly KeyedUpdate[],
): void {
  if (!t) throw new Error(`updateCellsByKey: the workbook has no table ${name}`);
  const idx = keyIndexes(t.name, t.headers, keyColumns);
  const moved = movedRow(t.name, keyColumns, idx, updates, (row, col) => t.rows[row - 1]?.[col]);
  if (moved) throw moved;
}
