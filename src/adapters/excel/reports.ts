/**
 * writeReport over Excel: a report owns its sheet. The sheet is created, or
 * cleared when it exists (values and formats), unless it is protected
 * ("AccessDenied: ...") or holds a table (a report never replaces a table).
 * Layout as in the xlsx adapter: the title in A1 (bold), the grid from row 3,
 * one number format per column (General when not given; a date in a column
 * without a date format gets one; `cellFormats` per cell), bold rows, columns
 * fitted to the contents; formula cells get their cached result as the value,
 * then their formula; then the print-ready layout (writeLayout: alignment,
 * underlines, given widths, print titles, frozen headings, page X of Y footer).
 *
 * Example:
 *   await writeReport(ctx, "1900", { sheet: "TB", title: "Trial balance", rows: [["Account", "Balance"], ["1000", 5]],
 *     numberFormats: ["@", "#,##0.00"], boldRows: [0] });
 */
import type { ReportSheet } from "../../ports/workbook";
import { ACCESS_DENIED, excelFooterParts, isFormulaCell, shownValue } from "../../ports/workbook";
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
  const shown = report.rows.map((r) => r.map(shownValue));
  const own = new Map((report.cellFormats ?? []).map((f) => [`${f.row},${f.col}`, f.format]));
  for (const chunk of planChunks(shown, width, (j) => report.numberFormats?.[j] ?? GENERAL, dates, toExcelCell)) {
    const range = ws.getRangeByIndexes(REPORT_FIRST_ROW + chunk.offset, 0, chunk.values.length, width);
    if (own.size)
      chunk.formats.forEach((row, i) =>
        row.forEach((_, j) => {
          const f = own.get(`${chunk.offset + i},${j}`);
          if (f !== undefined) row[j] = f;
        }),
      );
    range.numberFormat = chunk.formats;
    range.values = chunk.values;
    await syncOr(ctx, op);
    ctx.application.suspendApiCalculationUntilNextSync();
  }
  const queue = new CallQueue(ctx, op);
  for (const [first, count] of runsOf(report.boldRows ?? [], report.rows.length)) {
    ws.getRangeByIndexes(REPORT_FIRST_ROW + first, 0, count, width).format.font.bold = true;
    await queue.added(0);
  }
  await writeFormulas(ws, report, queue);
  ws.getRangeByIndexes(0, 0, REPORT_FIRST_ROW + Math.max(1, report.rows.length), width).format.autofitColumns();
  await writeLayout(ws, report, width, queue);
  await syncOr(ctx, op);
}

/** Sorted runs [first, count] of consecutive rows below `limit`: [0, 2, 3, 4, 9] → [[0, 1], [2, 3], [9, 1]]. */
function runsOf(rows: readonly number[], limit: number): [number, number][] {
  const sorted = [...new Set(rows)].filter((r) => r >= 0 && r < limit).sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === r) last[1]++;
    else runs.push([r, 1]);
  }
  return runs;
}

/** What one queued call costs a request besides its own text (the fake host counts 120 bytes; an address, a path). */
const CALL_BYTES = 200;
/** A request's aim: well under Excel on the web's 5 MB, as the adapter's chunks aim (chunks.ts). */
const REQUEST_BYTES = 2 * 1024 * 1024;
/** Calls queued per sync at most, whatever their size (a request of many calls is slow to replay). */
const CALLS_PER_SYNC = 2_000;

/**
 * The report's formatting and formula calls, synced when the queued ones reach CALLS_PER_SYNC or their estimated
 * size REQUEST_BYTES: a journal report of 100k lines queues tens of thousands of them, 13.7 MB in one request
 * before (refused by Excel on the web).
 */
class CallQueue {
  private calls = 0;
  private bytes = 0;
  constructor(
    private readonly ctx: XlContext,
    private readonly op: string,
  ) {}
  /** counts a queued call carrying `textBytes` of its own; syncs when the request is full */
  async added(textBytes: number): Promise<void> {
    this.calls++;
    this.bytes += CALL_BYTES + textBytes;
    if (this.calls < CALLS_PER_SYNC && this.bytes < REQUEST_BYTES) return;
    this.calls = 0;
    this.bytes = 0;
    await syncOr(this.ctx, this.op);
  }
}

/** Excel's column width unit is about 7 px = 5.7 pt per character of Calibri 11 (8.43 characters = 48 pt). */
const POINTS_PER_CHARACTER = 5.7;

/**
 * The print-ready layout (after the autofit, so given widths stay): alignment per column,
 * a thin line above / double line below the numbers of the ruled rows, given widths,
 * print titles and frozen heading row, orientation, one page wide, footer.
 */
async function writeLayout(
  ws: ReturnType<XlContext["workbook"]["worksheets"]["add"]>,
  report: ReportSheet,
  width: number,
  queue: CallQueue,
): Promise<void> {
  const rows = Math.max(1, report.rows.length);
  const ALIGN = { left: "Left", right: "Right", center: "Center" } as const;
  report.align?.forEach((a, j) => {
    if (a && j < width) ws.getRangeByIndexes(REPORT_FIRST_ROW, j, rows, 1).format.horizontalAlignment = ALIGN[a];
  });
  report.widths?.forEach((w, j) => {
    if (w !== undefined && j < width)
      ws.getRangeByIndexes(0, j, 1, 1).format.columnWidth = Math.round(w * POINTS_PER_CHARACTER);
  });
  const rule = async (list: readonly number[] | undefined, edge: "EdgeTop" | "EdgeBottom", style: string) => {
    for (const i of list ?? []) {
      const row = report.rows[i];
      if (!row) continue;
      for (let j = 0; j < row.length; j++) {
        if (typeof shownValue(row[j]!) !== "number") continue;
        let k = j;
        while (k + 1 < row.length && typeof shownValue(row[k + 1]!) === "number") k++;
        ws.getRangeByIndexes(REPORT_FIRST_ROW + i, j, 1, k - j + 1).format.borders.getItem(edge).style = style;
        j = k;
        await queue.added(0);
      }
    }
  };
  await rule(report.ruleAbove, "EdgeTop", "Continuous");
  await rule(report.doubleBelow, "EdgeBottom", "Double");
  const p = report.print;
  const heading = REPORT_FIRST_ROW + 1 + (p?.headingRow ?? 0); // 1-based sheet row
  ws.pageLayout.orientation = p?.orientation === "portrait" ? "Portrait" : "Landscape";
  if (p?.fitToWidth !== false) ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  ws.pageLayout.setPrintTitleRows(`$${heading}:$${heading}`);
  const footer = excelFooterParts(p ?? {});
  const hf = ws.pageLayout.headersFooters.defaultForAllPages;
  hf.leftFooter = footer.left;
  hf.centerFooter = footer.center;
  hf.rightFooter = footer.right;
  if (footer.header) hf.leftHeader = footer.header;
  if (p?.headingRow !== undefined && report.rows.length > p.headingRow + 1) ws.freezePanes.freezeRows(heading);
}

/**
 * The formula cells, after their cached results went in as values: each run of
 * adjacent formula cells in a row is one `formulas` call (Excel recalculates them).
 */
async function writeFormulas(
  ws: ReturnType<XlContext["workbook"]["worksheets"]["add"]>,
  report: ReportSheet,
  queue: CallQueue,
): Promise<void> {
  for (let i = 0; i < report.rows.length; i++) {
    const row = report.rows[i]!;
    for (let j = 0; j < row.length; j++) {
      if (!isFormulaCell(row[j])) continue;
      const run: string[] = [];
      for (let k = j; k < row.length; k++) {
        const c = row[k];
        if (!isFormulaCell(c)) break;
        run.push(c.formula);
      }
      ws.getRangeByIndexes(REPORT_FIRST_ROW + i, j, 1, run.length).formulas = [run];
      j += run.length - 1;
      // UTF-16 length × 3 bounds the UTF-8 bytes of the formulas' JSON
      await queue.added(run.reduce((n, f) => n + 3 * f.length + 3, 0));
    }
  }
}
