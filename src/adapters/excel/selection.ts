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

/** The cell the user selected, with what a report sheet says around it (readSelection). */
export interface SelectedCell {
  readonly sheet: string;
  /** 0-based sheet row and column of the selection's top-left cell */
  readonly row: number;
  readonly column: number;
  /** "'Trial balance'!D7" (the whole selection's address as Excel gives it) */
  readonly address: string;
  /** raw values of the sheet's first rows (through the selected row, at most HEAD_ROWS), columns A to the used range's end */
  readonly head: readonly (readonly unknown[])[];
  /** raw values of the selected row, same columns */
  readonly values: readonly unknown[];
}

/** How many rows from the top readSelection reads: a report's title, subtitle and column headings. */
export const HEAD_ROWS = 12;

/**
 * The active sheet's selected cell (its top-left cell when several are
 * selected), with the sheet's first rows and the selected row, so the pane can
 * tell which account and figure it is. One Excel.run, 3 syncs (selection and
 * sheet; used range; values). Undefined when the selection is not cells (a
 * chart, a shape) or the sheet is empty.
 *
 * Example: D7 selected on "Trial balance"
 *   → { sheet: "Trial balance", row: 6, column: 3, head: [[title], [], ["Account", "Name", …]], values: ["1000", "Cash USD", …] }
 */
export async function readSelection(run: RunBatch): Promise<SelectedCell | undefined> {
  try {
    return await run(async (ctx) => {
      const op = "readSelection";
      const range = ctx.workbook.getSelectedRange().load("address, rowIndex, columnIndex");
      const sheet = ctx.workbook.worksheets.getActiveWorksheet().load("name");
      await syncOr(ctx, op);
      const used = sheet.getUsedRangeOrNullObject(true).load("columnIndex, columnCount");
      await syncOr(ctx, op);
      if (used.isNullObject) return undefined;
      const width = Math.max(used.columnIndex + used.columnCount, range.columnIndex + 1);
      const head = sheet.getRangeByIndexes(0, 0, Math.min(range.rowIndex + 1, HEAD_ROWS), width).load("values");
      const line = sheet.getRangeByIndexes(range.rowIndex, 0, 1, width).load("values");
      await syncOr(ctx, op);
      return {
        sheet: sheet.name,
        row: range.rowIndex,
        column: range.columnIndex,
        address: range.address,
        head: head.values,
        values: line.values[0] ?? [],
      };
    });
  } catch {
    return undefined; // Excel refuses getSelectedRange when a chart or shape is selected
  }
}
