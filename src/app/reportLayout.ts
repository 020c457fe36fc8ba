/**
 * A statement grid (src/core/statements/layout.ts) as the port's ReportSheet,
 * print-ready: the grid's formulas in A1 form over the sheet's rows (the grid's
 * row 0 is sheet row 3, REPORT_SHEET_FIRST_ROW), each with the grid's number as
 * its cached result; ISO dates of date columns as real dates; the heading row
 * repeated on every printed page and frozen; the footer's company and period.
 *
 * Example: a grid whose row 5 col 1 is SUM of rows 3..4 (value 2100)
 *   → rows[5][1] = { formula: "=SUM(B6:B7)", result: 2100 }
 */
import type { GridFormula, GridRef, Grid } from "../core/statements/layout";
import type { ReportCell, ReportPrint, ReportSheet } from "../ports/workbook";
import { REPORT_SHEET_FIRST_ROW } from "../ports/workbook";

/** "A", "B", …, "Z", "AA": the letters of 0-based column `col`. */
export function columnLetters(col: number): string {
  let s = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The sheet address of a report cell (0-based row in `rows`, 0-based column): { row: 0, col: 1 } → "B3". */
export function reportAddress(ref: GridRef): string {
  return `${columnLetters(ref.col)}${REPORT_SHEET_FIRST_ROW + ref.row}`;
}

/** "=SUM(B6:B7,B9)" for a grid formula. */
export function a1Formula(f: GridFormula): string {
  if (f.op === "MINUS") return `=${reportAddress(f.left)}-${reportAddress(f.right)}`;
  const refs = f.ranges.map(([a, b]) =>
    a.row === b.row && a.col === b.col ? reportAddress(a) : `${reportAddress(a)}:${reportAddress(b)}`,
  );
  return f.op === "SUM" ? `=SUM(${refs.join(",")})` : `=SUBTOTAL(9,${refs.join(",")})`;
}

/** Who and what a printed page names in its footer. */
export interface ReportStamp {
  readonly company: string;
  /** "Period 2026-12" or "2026-12-01 to 2026-12-31" */
  readonly period: string;
  readonly ranBy?: string;
}

export function reportPrint(headingRow: number, landscape: boolean, stamp?: ReportStamp): ReportPrint {
  return {
    headingRow,
    orientation: landscape ? "landscape" : "portrait",
    fitToWidth: true,
    ...(stamp ? { footerLeft: `${stamp.company} · ${stamp.period}` } : {}),
    ...(stamp?.ranBy ? { footerRight: `Run by ${stamp.ranBy}` } : {}),
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function gridSheet(sheet: string, grid: Grid, stamp?: ReportStamp): ReportSheet {
  const formulas = new Map<string, string>();
  for (const f of grid.formulas) formulas.set(`${f.row},${f.col}`, a1Formula(f.formula));
  const dateCols = new Set(grid.dateColumns);
  const rows: ReportCell[][] = grid.rows.map((row, i) =>
    row.map((v, j): ReportCell => {
      const formula = formulas.get(`${i},${j}`);
      if (formula !== undefined) return { formula, result: v };
      if (dateCols.has(j) && i > grid.heading && typeof v === "string" && ISO_DATE.test(v))
        return new Date(`${v}T00:00:00.000Z`);
      return v;
    }),
  );
  const formats = grid.formats.map((f, j) => (dateCols.has(j) ? "yyyy-mm-dd" : f));
  return {
    sheet,
    title: grid.title,
    rows,
    numberFormats: formats,
    boldRows: grid.bold,
    ...(grid.cellFormats.length ? { cellFormats: grid.cellFormats } : {}),
    align: grid.align,
    widths: grid.widths,
    ruleAbove: grid.ruleAbove,
    doubleBelow: grid.doubleBelow,
    print: reportPrint(grid.heading, grid.landscape, stamp),
  };
}
