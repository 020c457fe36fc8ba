/**
 * The report sheets of the preview's fake Excel host, read back as the
 * ReportSheets that wrote them (the port cannot read reports), so "Download
 * .xlsx" keeps the statements and reports the pane wrote. A report sheet is a
 * sheet without a table that holds values; its layout is the one writeReport
 * uses (src/adapters/excel/reports.ts): the title in A1, the grid from row 3.
 * A cell with a date format reads as a Date, a formula cell as { formula, result }; each column's number format is
 * its most common one (General → none); a row is bold when its first cell is.
 *
 * Example: reportsOf(fake.model) → [{ sheet: "Trial balance", title: "Trial balance 2026-10", rows: [["Account", …], …], numberFormats: ["@", …], boldRows: [0, 29] }]
 */
import { isDateFormat } from "../schema/dateFormats";
import type { CellValue, ReportCell, ReportSheet } from "../ports/workbook";
import { serialToDate } from "./cellText";
import type { SheetModel, WorkbookModel } from "./fakeExcel/model";
import { ErrorValue, GENERAL, WHOLE_SHEET } from "./fakeExcel/model";

/** 0-based sheet row of a report's first grid row (A3), as writeReport lays it out. */
const FIRST_ROW = 2;

function cellOf(sheet: SheetModel, r: number, c: number): ReportCell {
  const formula = sheet.formula(r, c);
  if (formula !== undefined) return { formula, result: valueOf(sheet, r, c) };
  return valueOf(sheet, r, c);
}

function valueOf(sheet: SheetModel, r: number, c: number): CellValue {
  const v = sheet.value(r, c);
  if (v === undefined) return null;
  if (v instanceof ErrorValue) return { error: v.code };
  if (typeof v === "number" && isDateFormat(sheet.format(r, c))) return serialToDate(v);
  return v;
}

function mostCommon(formats: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  let best: string | undefined;
  let bestCount = 0;
  for (const f of formats) {
    const n = (counts.get(f) ?? 0) + 1;
    counts.set(f, n);
    if (n > bestCount) {
      best = f;
      bestCount = n;
    }
  }
  return best === undefined || best === GENERAL ? undefined : best;
}

function reportOf(sheet: SheetModel): ReportSheet | undefined {
  const used = sheet.usedRect(WHOLE_SHEET, true);
  if (!used) return undefined;
  const width = used.col + used.cols;
  const bottom = used.row + used.rows;
  const rows: ReportCell[][] = [];
  const boldRows: number[] = [];
  for (let r = FIRST_ROW; r < bottom; r++) {
    const row = Array.from({ length: width }, (_, c) => cellOf(sheet, r, c));
    while (row.length > 0 && row[row.length - 1] === null) row.pop();
    rows.push(row);
    if (sheet.bold(r, 0)) boldRows.push(r - FIRST_ROW);
  }
  const numberFormats = Array.from({ length: width }, (_, c) => {
    const formats: string[] = [];
    for (let r = FIRST_ROW; r < bottom; r++) if (sheet.value(r, c) !== undefined) formats.push(sheet.format(r, c));
    return mostCommon(formats);
  });
  const title = sheet.value(0, 0);
  return {
    sheet: sheet.name,
    title: title === undefined ? "" : title instanceof ErrorValue ? title.code : String(title),
    rows,
    ...(numberFormats.some((f) => f !== undefined) ? { numberFormats } : {}),
    ...(boldRows.length > 0 ? { boldRows } : {}),
  };
}

/** Every sheet without a table that holds values, as a report, in tab order. */
export function reportsOf(model: WorkbookModel): ReportSheet[] {
  return model.sheets.filter((s) => model.tablesOn(s).length === 0).flatMap((s) => reportOf(s) ?? []);
}
