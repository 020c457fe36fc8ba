/**
 * Building worksheets from the model at save time.
 *
 * Table sheet: each table is a real Excel table (exceljs addTable, one call
 * with all rows) with header row, filter buttons and a table style. Number
 * formats go on the column style before the rows are added, so every data cell
 * inherits its column's format without per-cell work (a "General" column gets a
 * default bottom alignment instead, so reading can tell "General" from "no column
 * format"). Dates in a column without a date format get a date format of their
 * own, so they come back as dates. An empty table is written with one blank data
 * row (Excel tables cannot be empty). New sheets freeze the header row; sheets
 * loaded from a file keep their views, widths, protection, merges and the cells
 * outside their tables. New table sheets print landscape, one page wide, with the
 * header row on every page and "Page X of Y" in the footer. A table created with conditional formats
 * gets them over its columns' data rows; a loaded sheet's own follow its tables (conditionalFormats.ts).
 *
 * Report sheet: bold title in A1, row 2 blank, the report's rows from row 3,
 * each column in its number format (a cell of `cellFormats` in its own),
 * `boldRows` bold, formula cells as formula + cached result, alignment per
 * column, a thin line above the numbers of `ruleAbove` rows and a double line
 * below those of `doubleBelow`, widths given or from the content; print setup
 * and frozen headings from `print` (applyReportPrint). The save path must keep
 * all of these (pageSetup, headerFooter, views, borders, alignment, formulas).
 *
 * Example: addTableSheet(wb, "Currencies", [{ table: { name: "tblCurrencies", sheet: "Currencies",
 *   headers: ["Currency", "Precision"], numberFormats: ["@", "0"], rows: [["EUR", 2]] },
 *   layout: { top: 1, left: 1, style: DEFAULT_TABLE_STYLE, formulas: new Map() } }])
 *   → sheet "Currencies" with table tblCurrencies at A1:B2, B2 formatted "0".
 */
import type * as ExcelJS from "exceljs";
import type { CellValue, ReportSheet } from "../../ports/workbook";
import { excelHeaderFooter, isCellError, isFormulaCell, shownValue } from "../../ports/workbook";
import type { TableSnapshot } from "../memory/memoryWorkbook";
import {
  FORMULA_WITHOUT_RESULT,
  dateFormatFor,
  displayWidth,
  encodeColumnName,
  isDateFormat,
  toExcel,
} from "./cellValues";
import type { TableMove } from "./conditionalFormats";
import { addTableRules, followTables } from "./conditionalFormats";
import type { SheetExtras, TableLayout } from "./layout";
import { cellAddress, contains, rectOf } from "./layout";

export interface TableToWrite {
  readonly table: TableSnapshot;
  readonly layout: TableLayout;
}

/** Row of a report sheet where `rows[0]` goes (title in row 1, row 2 blank). */
export const REPORT_FIRST_ROW = 3;
const GENERAL_MARKER: Partial<ExcelJS.Alignment> = { vertical: "bottom" };
const WIDTH_SAMPLE = 200;
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

export function addTableSheet(
  wb: ExcelJS.Workbook,
  name: string,
  tables: readonly TableToWrite[],
  extras?: SheetExtras,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  const first = tables[0];
  if (extras) applySheetSettings(ws, extras, tableMoves(tables));
  else if (first) {
    // data sheets print like reports: landscape, one page wide, the header row on every page
    ws.pageSetup = {
      ...ws.pageSetup,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${first.layout.top}:${first.layout.top}`,
    };
    ws.headerFooter = { ...ws.headerFooter, oddFooter: excelHeaderFooter({ footerLeft: name }).footer };
  }
  if (!extras && first)
    ws.views = [
      {
        state: "frozen",
        xSplit: 0,
        ySplit: first.layout.top,
        topLeftCell: cellAddress(first.layout.top + 1, 1),
        activeCell: cellAddress(first.layout.top + 1, first.layout.left),
      },
    ];

  const rects = tables.map((t) => rectOf(t.layout, t.table.headers.length, t.table.rows.length));
  for (const x of extras?.extras ?? []) {
    if (rects.some((r) => contains(r, x.row, x.col)))
      throw new Error(
        `sheet "${name}": cell ${cellAddress(x.row, x.col)} lies inside a table (internal error: the write should have been refused)`,
      );
  }

  const widths = new Map<number, number>();
  for (const t of tables) writeTable(ws, t, tables.length === 1, widths);
  for (const x of extras?.extras ?? []) {
    const cell = ws.getRow(x.row).getCell(x.col);
    cell.value = x.value as ExcelJS.CellValue;
    cell.style = x.style as Partial<ExcelJS.Style>;
  }
  for (const m of extras?.merges ?? []) ws.mergeCells(m);
  for (const [c, w] of widths) ws.getColumn(c).width = extras?.widths.get(c) ?? w;
  for (const [c, w] of extras?.widths ?? []) if (!widths.has(c)) ws.getColumn(c).width = w;
  return ws;
}

function writeTable(
  ws: ExcelJS.Worksheet,
  { table, layout }: TableToWrite,
  columnStyles: boolean,
  widths: Map<number, number>,
): void {
  const width = table.headers.length;
  const formats = table.numberFormats;
  const isDateColumn = formats.map(isDateFormat);
  const { top, left } = layout;

  if (columnStyles) {
    formats.forEach((fmt, j) => {
      const column = ws.getColumn(left + j);
      if (fmt === "General") column.alignment = GENERAL_MARKER;
      else column.numFmt = fmt;
    });
  }

  const ownFormats: [number, number, string][] = [];
  const rows: unknown[][] = new Array<unknown[]>(table.rows.length);
  table.rows.forEach((src, i) => {
    const out = new Array<unknown>(width);
    for (let j = 0; j < width; j++) {
      const v = src[j] ?? null;
      const formula = layout.formulas.get(i * width + j);
      out[j] = formula === undefined ? toExcel(v) : { formula, result: formulaResult(v) };
      if (v instanceof Date && !isDateColumn[j]) ownFormats.push([i, j, dateFormatFor(v)]);
      // a number in a date column would read back as a Date: its cell shows it as a number
      else if (typeof v === "number" && isDateColumn[j] && formula === undefined) ownFormats.push([i, j, "General"]);
    }
    rows[i] = out;
  });
  if (rows.length === 0) rows.push(new Array<unknown>(width).fill(null));

  const totals = layout.totals;
  ws.addTable({
    name: table.name,
    displayName: table.name,
    ref: cellAddress(top, left),
    headerRow: true,
    totalsRow: totals !== undefined,
    style: { ...layout.style, theme: layout.style.theme as ExcelJS.TableStyleProperties["theme"] },
    columns: table.headers.map((h, j) => ({
      name: encodeColumnName(h),
      filterButton: true,
      ...(totals
        ? j === 0
          ? { totalsRowLabel: totals.label ?? "" }
          : { totalsRowFunction: totals.functions[j] ?? "none" }
        : {}),
    })),
    rows,
  });

  // header cells: the real header text, no column number format
  const headerRow = ws.getRow(top);
  table.headers.forEach((h, j) => {
    const cell = headerRow.getCell(left + j);
    cell.value = h;
    cell.style = {};
  });
  for (const [i, j, fmt] of ownFormats) ws.getRow(top + 1 + i).getCell(left + j).numFmt = fmt;
  if (table.conditionalFormats?.length)
    addTableRules(ws, table.headers, table.conditionalFormats, top, left, table.rows.length);
  if (!columnStyles) {
    formats.forEach((fmt, j) => {
      if (fmt === "General") return;
      for (let i = 0; i < rows.length; i++) {
        const cell = ws.getRow(top + 1 + i).getCell(left + j);
        if (!cell.numFmt) cell.numFmt = fmt;
      }
    });
  }

  table.headers.forEach((h, j) => {
    let w = Math.max(h.length + 3, formatWidth(formats[j] ?? "General"));
    const n = Math.min(table.rows.length, WIDTH_SAMPLE);
    for (let i = 0; i < n; i++) w = Math.max(w, displayWidth(table.rows[i]?.[j] ?? null, formats[j]) + 2);
    widths.set(left + j, clampWidth(w));
  });
}

function formulaResult(v: CellValue): unknown {
  if (v === null || (isCellError(v) && v.error === FORMULA_WITHOUT_RESULT)) return undefined;
  return toExcel(v);
}

function formatWidth(fmt: string): number {
  if (isDateFormat(fmt)) return /h/i.test(fmt) ? 20 : 12;
  if (fmt.includes("#,##0")) return 15;
  return 10;
}

/** A fitted column width within 8..60 characters (tables and reports). */
export function clampWidth(w: number): number {
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.ceil(w)));
}

/** Where the tables read from the file stood there, and their last data row now. */
function tableMoves(tables: readonly TableToWrite[]): TableMove[] {
  return tables.flatMap(({ table, layout }) =>
    layout.loaded ? [{ before: layout.loaded, bottom: layout.top + Math.max(table.rows.length, 1) }] : [],
  );
}

function applySheetSettings(ws: ExcelJS.Worksheet, x: SheetExtras, moves: readonly TableMove[]): void {
  const target = ws as unknown as Record<string, unknown>;
  if (Array.isArray(x.views)) ws.views = x.views as ExcelJS.Worksheet["views"];
  if (x.properties && typeof x.properties === "object") Object.assign(ws.properties, x.properties);
  if (x.pageSetup && typeof x.pageSetup === "object") Object.assign(ws.pageSetup, x.pageSetup);
  if (x.headerFooter && typeof x.headerFooter === "object") Object.assign(ws.headerFooter, x.headerFooter);
  if (typeof x.state === "string") ws.state = x.state as ExcelJS.WorksheetState;
  if (x.sheetProtection) target.sheetProtection = x.sheetProtection;
  if (Array.isArray(x.conditionalFormattings))
    target.conditionalFormattings = followTables(x.conditionalFormattings, moves);
  if (x.dataValidations && typeof x.dataValidations === "object")
    (ws as unknown as { dataValidations: { model: unknown } }).dataValidations.model = x.dataValidations;
}

export function addReportSheet(wb: ExcelJS.Workbook, report: ReportSheet): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(report.sheet);
  const title = ws.getRow(1).getCell(1);
  title.value = report.title;
  title.font = { name: "Calibri", size: 14, bold: true };
  applyReportPrint(ws, report);
  const bold = new Set(report.boldRows ?? []);
  const rule = new Set(report.ruleAbove ?? []);
  const double = new Set(report.doubleBelow ?? []);
  const own = new Map((report.cellFormats ?? []).map((f) => [`${f.row},${f.col}`, f.format]));
  const widths: number[] = [];
  report.rows.forEach((values, i) => {
    const row = ws.getRow(REPORT_FIRST_ROW + i);
    values.forEach((v, j) => {
      const cell = row.getCell(j + 1);
      const shown = shownValue(v);
      cell.value = (
        isFormulaCell(v) ? { formula: v.formula.replace(/^=/, ""), result: formulaResult(v.result) } : toExcel(v)
      ) as ExcelJS.CellValue;
      const fmt = own.get(`${i},${j}`) ?? report.numberFormats?.[j];
      if (shown instanceof Date && !isDateFormat(fmt)) cell.numFmt = dateFormatFor(shown);
      else if (fmt) cell.numFmt = fmt;
      if (bold.has(i)) cell.font = { name: "Calibri", size: 11, bold: true };
      const align = report.align?.[j];
      if (align) cell.alignment = { horizontal: align };
      const numeric = typeof shown === "number";
      if (numeric && (rule.has(i) || double.has(i)))
        cell.border = {
          ...(rule.has(i) ? { top: { style: "thin" } } : {}),
          ...(double.has(i) ? { bottom: { style: "double" } } : {}),
        };
      widths[j] = Math.max(widths[j] ?? 0, displayWidth(shown, fmt) + 2);
    });
  });
  widths.forEach((w, j) => {
    ws.getColumn(j + 1).width = report.widths?.[j] ?? clampWidth(w);
  });
  return ws;
}

/**
 * Print setup from `report.print`: the heading row repeated on every page and
 * frozen, orientation, one page wide, footer "company · period | Page X of Y |
 * run by". Without `print`: landscape, one page wide, rows[0] repeated, page X of Y.
 */
function applyReportPrint(ws: ExcelJS.Worksheet, report: ReportSheet): void {
  const p = report.print;
  const heading = REPORT_FIRST_ROW + (p?.headingRow ?? 0);
  ws.pageSetup = {
    ...ws.pageSetup,
    orientation: p?.orientation ?? "landscape",
    ...(p?.fitToWidth === false ? {} : { fitToPage: true, fitToWidth: 1, fitToHeight: 0 }),
    printTitlesRow: `${heading}:${heading}`,
  };
  const hf = excelHeaderFooter(p ?? {});
  ws.headerFooter = { ...ws.headerFooter, oddFooter: hf.footer, ...(hf.header ? { oddHeader: hf.header } : {}) };
  if (p?.headingRow !== undefined && report.rows.length > p.headingRow + 1)
    ws.views = [{ state: "frozen", xSplit: 0, ySplit: heading, topLeftCell: cellAddress(heading + 1, 1) }];
}
