/**
 * Reading a loaded exceljs workbook into the adapter's model. Every table
 * (ListObject) on every sheet is read into plain rows once; its sheet is then
 * removed from the exceljs workbook, because saving rebuilds table sheets from
 * the model (exceljs' own table round trip writes files Excel must repair:
 * exceljs#1959, #2184, #2277). Sheets without tables stay in the exceljs
 * workbook untouched.
 *
 * Per table: headers are the table's column names (Excel's _xHHHH_ escapes
 * decoded) and must match the header cells; data rows exclude the header and
 * the totals row; a table whose only data row is blank has zero rows (see
 * MemoryWorkbook). A column's number format is the column's style when the
 * column has one (Closebook writes one for every table column), else the most
 * common format of its first 50 data cells, else "General". Formulas in data
 * cells are kept (by position) so an unchanged cell is saved as a formula again.
 *
 * Example: a sheet "Currencies" with table tblCurrencies at A1:C3 →
 *   { init: { name: "tblCurrencies", sheet: "Currencies", headers: ["Currency", "Name", "Precision"],
 *             numberFormats: ["@", "@", "0"], rows: [["EUR", "Euro", 2], ["JPY", "Yen", 0]] },
 *     layout: { top: 1, left: 1, style: {...}, formulas: Map {} } }
 */
import type * as ExcelJS from "exceljs";
import type { CellValue } from "../../ports/workbook";
import type { TableInit } from "../memory/memoryWorkbook";
import { decodeColumnName, fromExcel } from "./cellValues";
import type { ExtraCell, Rect, SheetExtras, SheetPlan, TableLayout, TotalsFunction } from "./layout";
import { DEFAULT_TABLE_STYLE, cellAddress, contains, overlaps, parseRange } from "./layout";

export interface LoadedTable {
  readonly init: TableInit;
  readonly layout: TableLayout;
}

export interface LoadedModel {
  readonly tables: LoadedTable[];
  readonly sheets: SheetPlan[];
}

/** The table model exceljs builds when it reads a file. */
interface ExcelTableModel {
  name: string;
  tableRef: string;
  totalsRow?: boolean;
  headerRow?: boolean;
  columns: { name: string; totalsRowLabel?: string; totalsRowFunction?: string }[];
  style?: Partial<Record<"theme" | "name", string>> &
    Partial<Record<"showFirstColumn" | "showLastColumn" | "showRowStripes" | "showColumnStripes", boolean>>;
}

const TOTALS_FUNCTIONS = new Set(["none", "average", "countNums", "count", "max", "min", "stdDev", "var", "sum"]);
const FORMAT_SAMPLE = 50;

export function readWorkbookModel(wb: ExcelJS.Workbook): LoadedModel {
  const tables: LoadedTable[] = [];
  const sheets: SheetPlan[] = [];
  for (const ws of wb.worksheets) {
    const models = (ws.getTables() as unknown as { model: ExcelTableModel }[]).map((t) => t.model);
    if (models.length === 0) {
      sheets.push({ name: ws.name, kind: "other" });
      continue;
    }
    const rects: Rect[] = [];
    const onSheet: LoadedTable[] = [];
    for (const m of models) {
      const { table, rect } = readTable(ws, m);
      onSheet.push(table);
      rects.push(rect);
    }
    // tables in reading order (top to bottom, left to right)
    onSheet.sort((a, b) => a.layout.top - b.layout.top || a.layout.left - b.layout.left);
    tables.push(...onSheet);
    sheets.push({ name: ws.name, kind: "tables", extras: readExtras(ws, rects) });
    wb.removeWorksheet(ws.id);
  }
  return { tables, sheets };
}

function readTable(ws: ExcelJS.Worksheet, m: ExcelTableModel): { table: LoadedTable; rect: Rect } {
  const rect = parseRange(m.tableRef);
  const where = `table ${m.name} on sheet "${ws.name}"`;
  const width = rect.right - rect.left + 1;
  if (m.columns.length !== width)
    throw new Error(`${where}: ${m.columns.length} columns but range ${m.tableRef} is ${width} wide`);
  const headers = m.columns.map((c) => decodeColumnName(c.name));

  // Excel omits headerRowCount when the header row is shown; exceljs then says headerRow: false,
  // so check the header cells themselves.
  const headerRow = ws.findRow(rect.top);
  headers.forEach((h, j) => {
    const text = cellText(fromExcel(headerRow?.findCell(rect.left + j)?.value));
    if (text.trim().toLowerCase() !== h.trim().toLowerCase()) {
      throw new Error(
        `${where}: header cell ${cellAddress(rect.top, rect.left + j)} reads "${text}" but the table column is "${h}"` +
          ` (a table without a header row?). Turn on the table's Header Row in Excel.`,
      );
    }
  });

  const totals = m.totalsRow === true;
  const firstData = rect.top + 1;
  const lastData = rect.bottom - (totals ? 1 : 0);
  const rows: CellValue[][] = [];
  const formulas = new Map<number, string>();
  for (let r = firstData; r <= lastData; r++) {
    const row = ws.findRow(r);
    const values: CellValue[] = new Array<CellValue>(width);
    for (let j = 0; j < width; j++) {
      const cell = row?.findCell(rect.left + j);
      if (!cell) {
        values[j] = null;
        continue;
      }
      const formula = cell.formula;
      if (formula) formulas.set(rows.length * width + j, formula);
      // exceljs drops falsy cached results (0, FALSE, "") from cell.value; cell.result keeps them
      values[j] = fromExcel(formula ? { formula, result: cell.result } : cell.value);
    }
    rows.push(values);
  }

  const style = m.style ?? {};
  const layout: TableLayout = {
    top: rect.top,
    left: rect.left,
    style: {
      theme: style.theme ?? style.name ?? DEFAULT_TABLE_STYLE.theme,
      showFirstColumn: style.showFirstColumn ?? false,
      showLastColumn: style.showLastColumn ?? false,
      showRowStripes: style.showRowStripes ?? true,
      showColumnStripes: style.showColumnStripes ?? false,
    },
    ...(totals
      ? {
          totals: {
            label: m.columns[0]?.totalsRowLabel,
            functions: m.columns.map((c) =>
              c.totalsRowFunction && TOTALS_FUNCTIONS.has(c.totalsRowFunction)
                ? (c.totalsRowFunction as TotalsFunction)
                : "none",
            ),
          },
        }
      : {}),
    formulas,
    loaded: { ...rect, bottom: lastData },
  };
  const numberFormats = headers.map((_, j) => columnFormat(ws, rect.left + j, firstData, lastData));
  return { table: { init: { name: m.name, sheet: ws.name, headers, numberFormats, rows }, layout }, rect };
}

function cellText(v: CellValue): string {
  if (v === null) return "";
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") return v.error;
  return String(v);
}

function columnFormat(ws: ExcelJS.Worksheet, col: number, firstData: number, lastData: number): string {
  const column = ws.getColumn(col);
  if (column.style && Object.keys(column.style).length > 0) return column.numFmt || "General";
  const counts = new Map<string, number>();
  for (let r = firstData; r <= Math.min(lastData, firstData + FORMAT_SAMPLE - 1); r++) {
    const fmt = ws.findRow(r)?.findCell(col)?.numFmt || "General";
    counts.set(fmt, (counts.get(fmt) ?? 0) + 1);
  }
  let best = "General";
  let most = 0;
  for (const [fmt, n] of counts) if (n > most) [best, most] = [fmt, n];
  return best;
}

/** Cells, merges and sheet settings of a table sheet that lie outside its tables. */
function readExtras(ws: ExcelJS.Worksheet, rects: readonly Rect[]): SheetExtras {
  const extras: ExtraCell[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const inRects = rects.filter((x) => r >= x.top && r <= x.bottom);
    // fast path: a row inside a table with nothing beyond the table's right edge
    if (inRects.length === 1 && inRects[0] && inRects[0].left === 1 && row.cellCount <= inRects[0].right) return;
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (inRects.some((x) => contains(x, r, c))) return;
      if (cell.isMerged && cell.master.address !== cell.address) return; // merged-away cells echo their master
      const formula = cell.formula;
      const value = formula ? { formula, result: (cell.value as { result?: unknown } | null)?.result } : cell.value;
      extras.push({ row: r, col: c, value, style: structuredClone(cell.style) });
    });
  });
  const merges = Object.values((ws as unknown as { _merges?: Record<string, { range?: string }> })._merges ?? {})
    .map((m) => m.range)
    .filter((m): m is string => typeof m === "string")
    .filter((m) => !rects.some((x) => overlaps(x, parseRange(m))));
  const widths = new Map<number, number>();
  const colCount = ws.columnCount;
  for (let c = 1; c <= colCount; c++) {
    const w = ws.getColumn(c).width;
    if (typeof w === "number" && w > 0) widths.set(c, w);
  }
  return {
    extras,
    merges,
    widths,
    views: ws.views,
    properties: ws.properties,
    pageSetup: ws.pageSetup,
    headerFooter: ws.headerFooter,
    state: ws.state,
    sheetProtection: (ws as unknown as { sheetProtection?: unknown }).sheetProtection,
    conditionalFormattings: (ws as unknown as { conditionalFormattings?: unknown }).conditionalFormattings,
    dataValidations: (ws as unknown as { dataValidations?: { model?: unknown } }).dataValidations?.model,
  };
}
