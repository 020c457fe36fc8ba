/**
 * The port's readSheets for Excel: every sheet without a table read back as a
 * report sheet (title A1, rows from row 3), its formula cells as
 * { formula, result } from `Range.formulas` and `Range.values`, so publish
 * can carry a management report's CLOSEBOOK.* formulas as values.
 *
 Syncs: the sheets, their table counts, the used ranges' sizes, then the
 * sheets' formulas, values, number formats and value types, as many sheets per
 * sync as fit in READ_SHEETS_MAX_CELLS cells (far below the 5 MB answer of
 * Excel on the web); a sheet over that cap is skipped. A column's number format is the one its numbers share (a cell
 * that differs keeps its own in cellFormats).
 *
 * Example: "Management report" with A1 "Revenue by department", A5 "Sales",
 *   B5 =CLOSEBOOK.ACTIVITY("4*","2026-11","2026-11","Department=SALES") showing -81234.5 →
 *   { sheet: "Management report", title: "Revenue by department",
 *     rows: [[null, null], [null, null], ["Sales", { formula: '=CLOSEBOOK.ACTIVITY(…)', result: -81234.5 }]] }
 */
import type { CellValue, ReportCell, ReportSheet } from "../../ports/workbook";
import { READ_SHEETS_MAX_CELLS, REPORT_SHEET_FIRST_ROW, isCellError } from "../../ports/workbook";
import type { DateSystem } from "./cellValues";
import { GENERAL, fromExcelCell } from "./cellValues";
import type { RunBatch, XlRange, XlWorksheet } from "./excelHost";
import { syncOr } from "./officeErrors";
import { textOf } from "../../core/text/textOf";

export function readSheets(run: RunBatch, dates: DateSystem): Promise<ReportSheet[]> {
  return run(async (ctx) => {
    const op = "readSheets";
    const sheets = ctx.workbook.worksheets.load("items/name");
    await syncOr(ctx, op);
    const counted = sheets.items.map((ws) => ({ ws, tables: ws.tables.load("items/name") }));
    await syncOr(ctx, op);
    const plain = counted
      .filter((s) => s.tables.items.length === 0)
      .map((s) => ({
        ws: s.ws,
        used: s.ws.getUsedRangeOrNullObject(true).load("rowIndex, columnIndex, rowCount, columnCount"),
      }));
    if (plain.length) await syncOr(ctx, op);
    // from A1, so row and column numbers are the sheet's; sheets batched up to the cap's cells per sync
    const out: ReportSheet[] = [];
    let batch: { ws: XlWorksheet; r: XlRange }[] = [];
    let cells = 0;
    const flush = async () => {
      if (!batch.length) return;
      await syncOr(ctx, op);
      for (const { ws, r } of batch) out.push(asReport(ws, r, dates));
      batch = [];
      cells = 0;
    };
    for (const { ws, used } of plain) {
      if (used.isNullObject) continue;
      const rows = used.rowIndex + used.rowCount;
      const columns = used.columnIndex + used.columnCount;
      if (rows * columns > READ_SHEETS_MAX_CELLS) continue;
      if (cells + rows * columns > READ_SHEETS_MAX_CELLS) await flush();
      const r = ws.getRangeByIndexes(0, 0, rows, columns).load("formulas, values, numberFormat, valueTypes");
      batch.push({ ws, r });
      cells += rows * columns;
    }
    await flush();
    return out;
  });
}

function asReport(ws: XlWorksheet, r: XlRange, dates: DateSystem): ReportSheet {
  const cell = (i: number, j: number): ReportCell => {
    const format = textOf(r.numberFormat[i]?.[j] ?? GENERAL);
    const value: CellValue = fromExcelCell(r.values[i]?.[j], format, r.valueTypes[i]?.[j] === "Error", dates);
    const f = r.formulas[i]?.[j];
    return typeof f === "string" && f.startsWith("=") ? { formula: f, result: value } : value;
  };
  const width = r.values[0]?.length ?? 0;
  const rows: ReportCell[][] = [];
  for (let i = REPORT_SHEET_FIRST_ROW - 1; i < r.values.length; i++)
    rows.push(Array.from({ length: width }, (_, j) => cell(i, j)));
  const title = cell(0, 0);
  const shown = typeof title === "object" && title !== null && "formula" in title ? title.result : title;
  // each column's format: the one most of its numbers have; the others keep theirs
  const numberFormats: (string | undefined)[] = [];
  const cellFormats: { row: number; col: number; format: string }[] = [];
  for (let j = 0; j < width; j++) {
    const counts = new Map<string, number>();
    const numeric: [number, string][] = [];
    rows.forEach((_, i) => {
      const v = r.values[i + REPORT_SHEET_FIRST_ROW - 1]?.[j];
      const fmt = textOf(r.numberFormat[i + REPORT_SHEET_FIRST_ROW - 1]?.[j] ?? GENERAL);
      if (typeof v !== "number") return;
      numeric.push([i, fmt]);
      counts.set(fmt, (counts.get(fmt) ?? 0) + 1);
    });
    const common = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    numberFormats.push(common === undefined || common === GENERAL ? undefined : common);
    for (const [i, fmt] of numeric) if (fmt !== common) cellFormats.push({ row: i, col: j, format: fmt });
  }
  return {
    sheet: ws.name,
    title:
      shown === null
        ? ""
        : shown instanceof Date
          ? shown.toISOString().slice(0, 10)
          : isCellError(shown)
            ? shown.error
            : String(shown),
    rows,
    ...(numberFormats.some((f) => f !== undefined) ? { numberFormats } : {}),
    ...(cellFormats.length ? { cellFormats } : {}),
  };
}
