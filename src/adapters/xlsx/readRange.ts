/**
 * readRange for the xlsx adapter: a block of cells of a sheet the model does not hold (a sheet the
 * user filled: read from exceljs, values as in tables, cellValues.ts) or of a table sheet (each table
 * of the sheet at its top-left cell, header then rows; the other cells of such a sheet as the file held
 * them, a formula by its cached result; empty on a sheet Closebook created).
 *
 * Example: a sheet "Bank" with B2 60, B3 49.5 → otherSheetCells(ws, { row: 2, column: 2, rows: 2, columns: 1 })
 *   → [[60], [49.5]]; tblBank (top 3, left 2) → tableSheetCells([...], { row: 3, column: 2, rows: 1, columns: 1 }) → [["Date"]]
 */
import type * as ExcelJS from "exceljs";
import type { CellBlock, CellValue } from "../../ports/workbook";
import { fromExcel } from "./cellValues";
import type { ExtraCell } from "./layout";

export function otherSheetCells(ws: ExcelJS.Worksheet, b: CellBlock): CellValue[][] {
  return Array.from({ length: b.rows }, (_, i) => {
    const row = ws.findRow(b.row + i);
    return Array.from({ length: b.columns }, (_, j) => {
      const v = row ? fromExcel(row.findCell(b.column + j)?.value) : null;
      return v === "" ? null : v;
    });
  });
}

export interface PlacedTable {
  readonly top: number;
  readonly left: number;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly CellValue[])[];
}

/** `others`: the cells outside the tables a sheet loaded from a file holds (layout.ts ExtraCell). */
export function tableSheetCells(
  tables: readonly PlacedTable[],
  b: CellBlock,
  others: readonly ExtraCell[] = [],
): CellValue[][] {
  const outside = new Map(others.map((x) => [`${x.row},${x.col}`, x.value]));
  return Array.from({ length: b.rows }, (_, i) =>
    Array.from({ length: b.columns }, (_, j) => {
      const r = b.row + i;
      const c = b.column + j;
      for (const t of tables) {
        const k = c - t.left;
        if (k < 0 || k >= t.headers.length || r < t.top) continue;
        if (r === t.top) return t.headers[k] ?? null;
        const row = t.rows[r - t.top - 1];
        if (row) {
          const v = row[k] ?? null;
          return v instanceof Date ? new Date(v.getTime()) : typeof v === "object" && v ? { ...v } : v;
        }
      }
      const v = fromExcel(outside.get(`${r},${c}`));
      return v === "" ? null : v;
    }),
  );
}
