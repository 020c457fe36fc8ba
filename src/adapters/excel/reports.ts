/**
 * writeReport over Excel: a report owns its sheet. The sheet is created, or
 * cleared when it exists (values and formats), unless it is protected
 * ("AccessDenied: ...") or holds a table (a report never replaces a table).
 * Layout as in the xlsx adapter: the title in A1 (bold), the grid from row 3,
 * one number format per column (General when not given; a date in a column
 * without a date format gets one), bold rows, columns fitted to the contents.
 *
 * Example:
 *   await writeReport(ctx, "1900", { sheet: "TB", title: "Trial balance", rows: [["Account", "Balance"], ["1000", 5]],
 *     numberFormats: ["@", "#,##0.00"], boldRows: [0] });
 */
import type { ReportSheet } from "../../ports/workbook";
import { ACCESS_DENIED } from "../../ports/workbook";
import type { DateSystem } from "./cellValues";
import { GENERAL, toExcelCell } from "./cellValues";
import { planChunks } from "./chunks";
import type { XlContext } from "./excelHost";
import { syncOr } from "./officeErrors";

/** 0-based sheet row of a report's first grid row (A3), as the xlsx adapter lays it out. */
export const REPORT_FIRST_ROW = 2;

/** `dates`: the workbook's date system (a date becomes its serial). */
export async function writeReport(ctx: XlContext, dates: DateSystem, report: ReportSheet): Promise<void> {
  const op = `writeReport ${report.sheet}`;
  let ws = ctx.workbook.worksheets.getItemOrNullObject(report.sheet).load("name");
  await syncOr(ctx, op);
  if (ws.isNullObject) {
    ws = ctx.workbook.worksheets.add(report.sheet);
  } else {
    ws.protection.load("protected");
    ws.tables.load("items/name");
    await syncOr(ctx, op);
    if (ws.protection.protected)
      throw new Error(`${ACCESS_DENIED} sheet "${ws.name}" is protected (writeReport); unprotect it first`);
    const table = ws.tables.items[0];
    if (table)
      throw new Error(`writeReport: sheet "${report.sheet}" holds table ${table.name}; a report needs its own sheet`);
    ws.getRange().clear("All");
  }
  const width = report.rows.reduce((w, r) => Math.max(w, r.length), 1); // no spread: a journal report may have 100k+ rows
  const title = ws.getRangeByIndexes(0, 0, 1, 1);
  const t = toExcelCell(report.title, GENERAL);
  ctx.application.suspendApiCalculationUntilNextSync();
  ctx.application.suspendScreenUpdatingUntilNextSync();
  title.numberFormat = [[t.format]];
  title.values = [[t.value]];
  title.format.font.bold = true;
  for (const chunk of planChunks(report.rows, width, (j) => report.numberFormats?.[j] ?? GENERAL, dates)) {
    const range = ws.getRangeByIndexes(REPORT_FIRST_ROW + chunk.offset, 0, chunk.values.length, width);
    range.numberFormat = chunk.formats;
    range.values = chunk.values;
    await syncOr(ctx, op);
    ctx.application.suspendApiCalculationUntilNextSync();
  }
  for (const b of new Set(report.boldRows ?? [])) {
    if (b < report.rows.length) ws.getRangeByIndexes(REPORT_FIRST_ROW + b, 0, 1, width).format.font.bold = true;
  }
  ws.getRangeByIndexes(0, 0, REPORT_FIRST_ROW + Math.max(1, report.rows.length), width).format.autofitColumns();
  await syncOr(ctx, op);
}
