/**
 * Reading a sheet without tables back as the ReportSheet that would lay it
 * out again (the inverse of addReportSheet in writeSheets.ts: bold title in
 * A1, row 2 blank, the report's rows from row 3).
 *
 * - title: A1 as text ("" when empty); rows: every row from row 3 down to the
 *   last row holding a cell (a value, or an empty cell with a format or font,
 *   which is how addReportSheet leaves blank cells of formatted columns and
 *   bold rows), each padded with null to the report's width (the rightmost
 *   such cell): Closebook's reports are rectangular.
 * - Cell values as in tables (cellValues.ts): a date-formatted number is a
 *   Date, a formula its cached result (with `formulas`: { formula, result }); a cell merged away is null.
 * - numberFormats: per column, the one format of its non-date cells when they
 *   all share it (General = none); a column of dates alone keeps their shared
 *   date format unless each date just has the format addReportSheet gives a
 *   date in a column without one. Left out when no column has a format.
 * - boldRows: rows whose cells (at least one) are all bold. Left out when none.
 * - The print-ready layout addReportSheet writes: cellFormats (cells not in
 *   their column's most common format), align (a column's one alignment),
 *   widths (every column's, when the sheet has print setup), ruleAbove / doubleBelow (a thin top or a
 *   double bottom border), print (print titles, orientation, fit, footer).
 * - A sheet laid out otherwise (values in row 2, or in row 1 beyond A1) is
 *   read whole from row 1 with an empty title, so rewriting it keeps every
 *   value (two rows lower). A sheet without values is no report (undefined).
 *
 * Example: a sheet "Trial balance" with A1 "Trial balance 2026-03" (bold),
 *   A3:B3 "Account" "Balance" (bold), A4 "1000", B4 -12.5 ("#,##0.00") →
 *   { sheet: "Trial balance", title: "Trial balance 2026-03",
 *     rows: [["Account", "Balance"], ["1000", -12.5]], numberFormats: [undefined, "#,##0.00"], boldRows: [0] }
 *   (B3 holds "Balance" in "#,##0.00" too: addReportSheet formats whole columns)
 */
import type * as ExcelJS from "exceljs";
import type { CellValue, ReportCell, ReportPrint, ReportSheet } from "../../ports/workbook";
import { dateFormatFor, fromExcel, isDateFormat } from "./cellValues";
import { REPORT_FIRST_ROW } from "./writeSheets";

const GENERAL = "General";

interface ReadCell {
  readonly value: CellValue;
  readonly formula?: string;
  readonly numFmt: string;
  readonly bold: boolean;
  readonly align?: "left" | "right" | "center";
  readonly ruleAbove: boolean;
  readonly doubleBelow: boolean;
}

/** The report a sheet without tables holds, or undefined when it holds no values. */
export function readReportSheet(ws: ExcelJS.Worksheet, options: { formulas?: boolean } = {}): ReportSheet | undefined {
  const grid = readGrid(ws);
  if (!grid.some((row) => row.some((c) => c !== undefined && c.value !== null))) return undefined;
  const first = REPORT_FIRST_ROW - 1;
  const reportShaped =
    (grid[1] ?? []).every((c) => c === undefined || c.value === null) &&
    (grid[0] ?? []).slice(1).every((c) => c === undefined || c.value === null);
  const titleValue = reportShaped ? (grid[0]?.[0]?.value ?? null) : null;
  const body = grid.slice(reportShaped ? first : 0);
  while (body.length > 0 && (body[body.length - 1] ?? []).every((c) => c === undefined)) body.pop();
  const width = Math.max(0, ...body.map((row) => row.length));

  // with `formulas`, a formula cell is { formula: "=…", result } (its cached result), else the result alone
  const rows = body.map((row) =>
    Array.from({ length: width }, (_, j): ReportCell => {
      const c = row[j];
      return options.formulas && c?.formula ? { formula: `=${c.formula}`, result: c.value } : (c?.value ?? null);
    }),
  );
  const rowsWhere = (test: (cells: ReadCell[]) => boolean) =>
    body.flatMap((row, i) => {
      const cells = row.filter((c): c is ReadCell => c !== undefined);
      return cells.length > 0 && test(cells) ? [i] : [];
    });
  const boldRows = rowsWhere((cells) => cells.every((c) => c.bold));
  const ruleAbove = rowsWhere((cells) => cells.some((c) => c.ruleAbove));
  const doubleBelow = rowsWhere((cells) => cells.some((c) => c.doubleBelow));
  const numberFormats = Array.from({ length: width }, (_, j) => columnFormat(body.flatMap((row) => row[j] ?? [])));
  const cellFormats = reportShaped ? ownFormats(body, numberFormats) : [];
  const align = Array.from({ length: width }, (_, j) => {
    const seen = new Set(body.flatMap((row) => (row[j] ? [row[j].align] : [])));
    return seen.size === 1 ? [...seen][0] : undefined;
  });
  const print = reportShaped ? readPrint(ws) : undefined;
  // a print-ready report's widths are part of its layout (the fitted ones come back as given)
  const widths = print ? Array.from({ length: width }, (_, j) => ws.getColumn(j + 1).width) : [];
  return {
    sheet: ws.name,
    title: text(titleValue),
    rows,
    ...(numberFormats.some((f) => f !== undefined) ? { numberFormats } : {}),
    ...(boldRows.length > 0 ? { boldRows } : {}),
    ...(cellFormats.length > 0 ? { cellFormats } : {}),
    ...(align.some((a) => a !== undefined) ? { align } : {}),
    ...(widths.some((w) => w !== undefined) ? { widths } : {}),
    ...(ruleAbove.length > 0 ? { ruleAbove } : {}),
    ...(doubleBelow.length > 0 ? { doubleBelow } : {}),
    ...(print ? { print } : {}),
  };
}

/** Cells whose number format differs from their column's (dates aside): a JPY amount in a USD column. */
function ownFormats(
  body: readonly (readonly (ReadCell | undefined)[])[],
  formats: readonly (string | undefined)[],
): { row: number; col: number; format: string }[] {
  const out: { row: number; col: number; format: string }[] = [];
  body.forEach((row, i) =>
    row.forEach((c, j) => {
      if (!c || c.value instanceof Date) return;
      const column = formats[j] ?? GENERAL;
      if (c.numFmt !== column) out.push({ row: i, col: j, format: c.numFmt });
    }),
  );
  return out;
}

/**
 * The print setup addReportSheet wrote from `print` (a frozen heading row or a footer
 * beyond "Page X of Y" says there was one); undefined otherwise.
 */
function readPrint(ws: ExcelJS.Worksheet): ReportPrint | undefined {
  const footer = /^&L(.*)&CPage &P of &N&R(.*)$/s.exec(ws.headerFooter?.oddFooter ?? "");
  const unescape = (t: string | undefined) => (t ?? "").replace(/&&/g, "&");
  const left = unescape(footer?.[1]);
  const right = unescape(footer?.[2]);
  const frozen = ws.views?.[0]?.state === "frozen";
  if (!frozen && left === "" && right === "") return undefined;
  const titles = /^(\d+):\d+$/.exec(ws.pageSetup?.printTitlesRow ?? "");
  const setup = ws.pageSetup;
  return {
    ...(titles ? { headingRow: Number(titles[1]) - REPORT_FIRST_ROW } : {}),
    ...(setup?.orientation ? { orientation: setup.orientation } : {}),
    fitToWidth: setup?.fitToPage === true && setup.fitToWidth === 1,
    ...(left ? { footerLeft: left } : {}),
    ...(right ? { footerRight: right } : {}),
  };
}

/** Every row of the sheet from row 1 as its cells (undefined where the file has no cell), up to the last cell of each row. */
function readGrid(ws: ExcelJS.Worksheet): (ReadCell | undefined)[][] {
  const grid: (ReadCell | undefined)[][] = [];
  const last = ws.rowCount;
  for (let r = 1; r <= last; r++) {
    const row = ws.findRow(r);
    const cells: (ReadCell | undefined)[] = [];
    const count = row?.cellCount ?? 0;
    for (let c = 1; c <= count; c++) {
      const cell = row?.findCell(c);
      if (!cell) {
        cells.push(undefined);
        continue;
      }
      cells.push(readCell(cell));
    }
    while (cells.length > 0 && cells[cells.length - 1] === undefined) cells.pop();
    grid.push(cells);
  }
  return grid;
}

function readCell(cell: ExcelJS.Cell): ReadCell {
  const mergedAway = cell.isMerged && cell.master.address !== cell.address;
  const formula = mergedAway ? undefined : cell.formula;
  // exceljs drops falsy cached results (0, FALSE, "") from cell.value; cell.result keeps them
  const value = mergedAway ? null : fromExcel(formula ? { formula, result: cell.result } : cell.value);
  const h = cell.alignment?.horizontal;
  return {
    value,
    numFmt: cell.numFmt || GENERAL,
    bold: cell.font?.bold === true,
    ...(formula ? { formula } : {}),
    ...(h === "left" || h === "right" || h === "center" ? { align: h } : {}),
    ruleAbove: cell.border?.top?.style === "thin",
    doubleBelow: cell.border?.bottom?.style === "double",
  };
}

/** The column's number format when its cells agree on one (see the top comment); undefined for General or a mix. */
function columnFormat(cells: readonly ReadCell[]): string | undefined {
  const plain = new Map<string, number>();
  const dated = new Set<string>();
  let ownDateFormats = false;
  for (const c of cells) {
    if (c.value instanceof Date) {
      dated.add(c.numFmt);
      if (c.numFmt !== dateFormatFor(c.value)) ownDateFormats = true;
    } else {
      plain.set(c.numFmt, (plain.get(c.numFmt) ?? 0) + 1);
    }
  }
  // the most common format; a cell in another is one of the report's cellFormats
  const common = [...plain].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (common !== undefined && (plain.size === 1 || dated.size === 0)) return common === GENERAL ? undefined : common;
  if (plain.size > 0 || dated.size !== 1 || !ownDateFormats) return undefined;
  const [shared] = dated;
  return shared !== undefined && isDateFormat(shared) ? shared : undefined;
}

function text(v: CellValue): string {
  if (v === null) return "";
  if (v instanceof Date) return v.toISOString().slice(0, v.getTime() % 86_400_000 === 0 ? 10 : 24);
  if (typeof v === "object") return v.error;
  return String(v);
}
