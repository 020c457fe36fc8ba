/**
 * What a user does in Excel between two of the add-in's syncs, for tests
 * (FakeExcel.betweenSyncs): sort a table by a column (whole table rows move,
 * as Excel's sort does), insert an entire sheet row (tables below move down,
 * a table the row falls inside grows).
 *
 * Example (journal rows D2, D1; the user sorts ascending by "Draft voucher"):
 *   fake.betweenSyncs((m, n) => { if (n === 3) sortTable(m, "tblJournal", "Draft voucher"); });
 *   → after sync 3 starts, data row 1 holds D1 and row 2 holds D2.
 */
import { officeError } from "./errors";
import type { WorkbookModel } from "./model";
import { textOf } from "../../core/text/textOf";

/** Sorts table `name`'s data rows by `column` (ascending text/number order; blanks last), moving whole rows of the table's columns. */
export function sortTable(model: WorkbookModel, name: string, column: string, descending = false): void {
  const t = model.tableByName(name);
  if (!t) throw officeError("ItemNotFound", `sortTable: no table ${name}`);
  const col = t.headers().findIndex((h) => h.toLowerCase() === column.toLowerCase());
  if (col < 0) throw officeError("InvalidArgument", `sortTable: ${name} has no column ${column}`);
  const s = t.sheet;
  const body = Array.from({ length: t.rows - 1 }, (_, i) => {
    const r = t.top + 1 + i;
    return Array.from({ length: t.cols }, (_, j) => ({
      v: s.value(r, t.left + j),
      f: s.format(r, t.left + j),
      b: s.bold(r, t.left + j),
    }));
  });
  const rank = (v: unknown): string =>
    typeof v === "number"
      ? `0${String(v + 1e15).padStart(32, "0")}`
      : v === undefined || v === ""
        ? "\uffff"
        : `1${textOf(v)}`;
  const sorted = body
    .map((cells, i) => ({ cells, i }))
    .sort((a, b) => {
      const x = rank(a.cells[col]?.v);
      const y = rank(b.cells[col]?.v);
      const c = x < y ? -1 : x > y ? 1 : a.i - b.i;
      return descending && x !== y ? -c : c;
    });
  sorted.forEach(({ cells }, i) => {
    cells.forEach((cell, j) => {
      s.setValue(t.top + 1 + i, t.left + j, cell.v);
      s.setFormat(t.top + 1 + i, t.left + j, cell.f);
      s.setBold(t.top + 1 + i, t.left + j, cell.b);
    });
  });
}

/** Inserts an entire empty row on `sheet` above 0-based sheet row `row`. */
export function insertSheetRow(model: WorkbookModel, sheet: string, row: number): void {
  const s = model.sheetByName(sheet);
  if (!s) throw officeError("ItemNotFound", `insertSheetRow: no sheet ${sheet}`);
  if (row < s.rows.length) s.rows.splice(row, 0, undefined);
  for (const t of model.tablesOn(s)) {
    if (t.top >= row) t.top++;
    else if (t.top + t.rows > row) t.rows++;
  }
}
