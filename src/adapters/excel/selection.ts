/**
 * Selecting the cell an issue names, so the accountant sees it: the table's
 * sheet is activated and the cell (data row × column) selected. Without a row
 * the whole column of the table (header included) is selected; without a
 * column the whole data row; without either the whole table. Resolves false,
 * changing nothing, when the table, the column (case-insensitive header) or
 * the row (1-based data row) does not exist, or the sheet is hidden (Excel
 * cannot activate it; it is not unhidden). One Excel.run, 3 syncs (does
 * the table exist; its sheet, header and size; activate + select).
 *
 * Example:
 *   await selectCell(run, "tblJournal", 4, "Account")   // Journal!C5 selected → true
 *   await selectCell(run, "tblJournal", 999, "Account") // → false (the table has 648 rows)
 */
import type { RunBatch } from "./excelHost";
import { syncOr } from "./officeErrors";

export function selectCell(run: RunBatch, table: string, row?: number, column?: string): Promise<boolean> {
  return run(async (ctx) => {
    const op = `selectCell ${table}`;
    const t = ctx.workbook.tables.getItemOrNullObject(table).load("name");
    await syncOr(ctx, op);
    if (t.isNullObject) return false;
    const sheet = t.worksheet.load("visibility");
    const header = t.getHeaderRowRange().load("values, rowIndex, columnIndex, columnCount");
    const body = t.getDataBodyRange().load("rowCount");
    await syncOr(ctx, op);
    if (sheet.visibility !== "Visible") return false; // Excel cannot activate a hidden sheet; never unhide one the user hid
    const headers = (header.values[0] ?? []).map((h) => String(h).toLowerCase());
    const col = column === undefined ? -1 : headers.indexOf(column.toLowerCase());
    if (column !== undefined && col < 0) return false;
    if (row !== undefined && !(Number.isInteger(row) && row >= 1 && row <= body.rowCount)) return false;
    const top = header.rowIndex;
    const left = header.columnIndex;
    const range =
      row !== undefined
        ? col >= 0
          ? sheet.getRangeByIndexes(top + row, left + col, 1, 1)
          : sheet.getRangeByIndexes(top + row, left, 1, header.columnCount)
        : col >= 0
          ? sheet.getRangeByIndexes(top, left + col, 1 + body.rowCount, 1)
          : sheet.getRangeByIndexes(top, left, 1 + body.rowCount, header.columnCount);
    sheet.activate();
    range.select();
    await syncOr(ctx, op);
    return true;
  });
}
