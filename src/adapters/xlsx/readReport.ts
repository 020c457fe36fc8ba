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
 *   Date, a formula its cached result; a cell merged away is null.
 * - numberFormats: per column, the one format of its non-date cells when they
 *   all share it (General = none); a column of dates alone keeps their shared
 *   date format unless each date just has the format addReportSheet gives a
 *   date in a column without one. Left out when no column has a format.
 * - boldRows: rows whose cells (at least one) are all bold. Left out when none.
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
import type { CellValue, ReportSheet } from "../../ports/workbook";
import { dateFormatFor, fromExcel, isDateFormat } from "./cellValues";
import { REPORT_FIRST_ROW } from "./writeSheets";

const GENERAL = "General";

interface ReadCell {
  readonly value: CellValue;
  readonly numFmt: string;
  readonly bold: boolean;
}

/** The report a sheet without tables holds, or undefined when it holds no values. */
export function readReportSheet(ws: ExcelJS.Worksheet): ReportSheet | undefined {
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

  const rows = body.map((row) => Array.from({ length: width }, (_, j) => row[j]?.value ?? null));
  const boldRows = body.flatMap((row, i) => {
    const cells = row.filter((c): c is ReadCell => c !== undefined);
    return cells.length > 0 && cells.every((c) => c.bold) ? [i] : [];
  });
  const numberFormats = Array.from({ length: width }, (_, j) => columnFormat(body.flatMap((row) => row[j] ?? [])));
  return {
    sheet: ws.name,
    title: text(titleValue),
    rows,
    ...(numberFormats.some((f) => f !== undefined) ? { numberFormats } : {}),
    ...(boldRows.length > 0 ? { boldRows } : {}),
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
  return { value, numFmt: cell.numFmt || GENERAL, bold: cell.font?.bold === true };
}

/** The column's number format when its cells agree on one (see the top comment); undefined for General or a mix. */
function columnFormat(cells: readonly ReadCell[]): string | undefined {
  const plain = new Set<string>();
  const dated = new Set<string>();
  let ownDateFormats = false;
  for (const c of cells) {
    if (c.value instanceof Date) {
      dated.add(c.numFmt);
      if (c.numFmt !== dateFormatFor(c.value)) ownDateFormats = true;
    } else {
      plain.add(c.numFmt);
    }
  }
  if (plain.size === 1) {
    const [only] = plain;
    return only === GENERAL ? undefined : only;
  }
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
