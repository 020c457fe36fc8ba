/**
 * A report sheet's worksheet XML written without exceljs (the patch save's new report sheets, reportPatch.ts),
 * laid out as addReportSheet (writeSheets.ts) lays it out and exceljs would write it: bold 14-point title in A1,
 * the report's rows from row 3, each cell in its number format (a Date without a date format gets its own),
 * `boldRows` bold, a column's alignment, a thin line above / double line below the number cells of
 * `ruleAbove` / `doubleBelow` rows, formulas with their cached results, widths given or fitted, and the print
 * setup (fit to one page wide, orientation, header and footer, the heading row frozen; its print titles are a
 * definedName of the workbook: `printTitles`). Cell styles are the file's: ReportStyles hands out cellXfs
 * indices after the file's own (`base`) and gives the styles part to merge (mergeStyles in reportPatch.ts).
 * Text is an inline string; "" is the shared string `emptyString` (an empty inline string reads as a blank).
 * Rows are written as they are made (`out`), so an 85,000-row journal report is never one string.
 * Throws Unwritable for a value it cannot write (text XML cannot hold, an _xHHHH_ look-alike, a non-finite
 * number): the caller then saves through exceljs.
 *
 * Example: report { sheet: "TB", title: "TB 2026-03", rows: [["Account", "Balance"], ["1000", 12.5]],
 *   numberFormats: [undefined, "#,##0.00"], boldRows: [0] }, base 8 →
 *   <c r="A1" s="9" t="inlineStr">…TB 2026-03…</c> (title font), row 3 bold (s="10", "11" with the format),
 *   <c r="B4" s="12"><v>12.5</v></c>; cellXfs 9.. appended to the file's 8.
 */
import type { CellValue, ReportCell, ReportSheet } from "../../ports/workbook";
import { excelHeaderFooter, isCellError, isFormulaCell, shownValue } from "../../ports/workbook";
import { FORMULA_WITHOUT_RESULT, dateFormatFor, displayWidth, isDateFormat } from "./cellValues";
import { cellAddress, columnLetters } from "./layout";
import { inlineText, xmlText } from "./rowXml";
import { REPORT_FIRST_ROW, clampWidth } from "./writeSheets";

export class Unwritable extends Error {}

/** exceljs' built-in number formats (NumFmtXform.getDefaultFmtId): these take no numFmt element */
const BUILTIN_FORMATS: ReadonlyMap<string, number> = new Map(
  Object.entries({
    General: 0,
    "0": 1,
    "0.00": 2,
    "#,##0": 3,
    "#,##0.00": 4,
    "0%": 9,
    "0.00%": 10,
    "0.00E+00": 11,
    "# ?/?": 12,
    "# ??/??": 13,
    "mm-dd-yy": 14,
    "d-mmm-yy": 15,
    "d-mmm": 16,
    "mmm-yy": 17,
    "h:mm AM/PM": 18,
    "h:mm:ss AM/PM": 19,
    "h:mm": 20,
    "h:mm:ss": 21,
    'm/d/yy "h":mm': 22,
    "#,##0 ;(#,##0)": 37,
    "#,##0 ;[Red](#,##0)": 38,
    "#,##0.00 ;(#,##0.00)": 39,
    "#,##0.00 ;[Red](#,##0.00)": 40,
    "mm:ss": 45,
    "[h]:mm:ss": 46,
    "mmss.0": 47,
    "##0.0E+0": 48,
    "@": 49,
  }),
);

const FONTS = [
  '<font><color theme="1"/><family val="2"/><scheme val="minor"/><sz val="11"/><name val="Calibri"/></font>',
  '<font><b/><sz val="14"/><name val="Calibri"/></font>',
  '<font><b/><sz val="11"/><name val="Calibri"/></font>',
];
const TITLE_FONT = 1;
const BOLD_FONT = 2;
/** none, thin top (ruleAbove), double bottom (doubleBelow), both */
const BORDERS = [0, 1, 2, 3].map(
  (b) =>
    `<border><left/><right/>${b & 1 ? '<top style="thin"/>' : "<top/>"}${
      b & 2 ? '<bottom style="double"/>' : "<bottom/>"
    }<diagonal/></border>`,
);
const EXCELJS_DEFAULT_WIDTH = 9;
const DEFAULT_XF = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';

/** The cell formats of the reports being written, numbered after the file's `base` ones. */
export class ReportStyles {
  private readonly formats = new Map<string, number>();
  /** per number format ("" none): the id of each font × border × alignment, filled as asked */
  private readonly ids = new Map<string, number[]>();
  private readonly xfs: string[] = [DEFAULT_XF];

  constructor(private readonly base: number) {}

  /** The file's cellXfs index of a cell style; 0 (no s attribute) for the default one. */
  id(numFmt: string | undefined, font: number, border: number, align: string | undefined): number {
    let byStyle = this.ids.get(numFmt ?? "");
    if (!byStyle) this.ids.set(numFmt ?? "", (byStyle = []));
    const slot = (font * 4 + border) * 4 + (align === "left" ? 1 : align === "right" ? 2 : align === "center" ? 3 : 0);
    const known = byStyle[slot];
    if (known !== undefined) return known;
    const fmt = numFmt ? (BUILTIN_FORMATS.get(numFmt) ?? this.formatId(numFmt)) : 0;
    const xf =
      `<xf numFmtId="${fmt}" fontId="${font}" fillId="0" borderId="${border}" xfId="0"` +
      (fmt ? ' applyNumberFormat="1"' : "") +
      (font ? ' applyFont="1"' : "") +
      (border ? ' applyBorder="1"' : "") +
      (align ? ` applyAlignment="1"><alignment horizontal="${align}"/></xf>` : "/>");
    let local = this.xfs.indexOf(xf);
    if (local < 0) local = this.xfs.push(xf) - 1;
    const id = local === 0 ? 0 : this.base + local;
    byStyle[slot] = id;
    return id;
  }

  /** A styles part holding these formats (local numbering from 0, custom number formats from 164), to merge. */
  stylesXml(): string {
    const fmts = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${attr(code)}"/>`);
    return (
      `<styleSheet>` +
      (fmts.length ? `<numFmts count="${fmts.length}">${fmts.join("")}</numFmts>` : "") +
      `<fonts count="${FONTS.length}">${FONTS.join("")}</fonts>` +
      `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
      `<borders count="${BORDERS.length}">${BORDERS.join("")}</borders>` +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join("")}</cellXfs></styleSheet>`
    );
  }

  private formatId(code: string): number {
    let id = this.formats.get(code);
    if (id === undefined) this.formats.set(code, (id = 164 + this.formats.size));
    return id;
  }
}

export interface ReportTarget {
  readonly styles: ReportStyles;
  /** the shared string index of "" (undefined: the file has none to give; a "" cell is then Unwritable) */
  readonly emptyString: number | undefined;
  readonly date1904: boolean;
}

/** Whether a report holds "" anywhere it is written as text (its title, a cell). */
export function needsEmptyString(report: ReportSheet): boolean {
  return report.title === "" || report.rows.some((r) => r.some((v) => v === ""));
}

/** The report's worksheet part, a few hundred rows at a time to `out`; its print titles' range ("$3:$3"). */
export function writeReportSheet(report: ReportSheet, target: ReportTarget, out: (xml: string) => void): string {
  const p = report.print;
  const heading = REPORT_FIRST_ROW + (p?.headingRow ?? 0);
  const bold = new Set(report.boldRows ?? []);
  const rule = new Set(report.ruleAbove ?? []);
  const double = new Set(report.doubleBelow ?? []);
  // a cell's own format, by row then column (no key string per cell: a journal report has a million cells)
  const own = new Map<number, Map<number, string>>();
  for (const f of report.cellFormats ?? []) {
    let row = own.get(f.row);
    if (!row) own.set(f.row, (row = new Map()));
    row.set(f.col, f.format);
  }
  const formatOf = (i: number, j: number): string | undefined => own.get(i)?.get(j) ?? report.numberFormats?.[j];

  // widths first (the <cols> come before the rows), as addReportSheet fits them
  const fitted: number[] = [];
  report.rows.forEach((values, i) =>
    values.forEach((v, j) => {
      fitted[j] = Math.max(fitted[j] ?? 0, displayWidth(shownValue(v), formatOf(i, j)) + 2);
    }),
  );
  const width = Math.max(1, fitted.length);
  const lastRow = report.rows.length > 0 ? REPORT_FIRST_ROW + report.rows.length - 1 : 1;
  const fit = p?.fitToWidth !== false;
  const frozen = p?.headingRow !== undefined && report.rows.length > p.headingRow + 1;
  let head =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    (fit ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : "") +
    `<dimension ref="A1:${cellAddress(lastRow, width)}"/>`;
  if (frozen) {
    const top = cellAddress(heading + 1, 1);
    head +=
      `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${heading}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/>` +
      `<selection pane="bottomLeft"/></sheetView></sheetViews>`;
  }
  head += '<sheetFormatPr defaultRowHeight="15"/>';
  // a width of 9 is exceljs' default column: it writes no <col> for it (Excel's own default, 8.43, shows)
  const cols = fitted.flatMap((w, j) => {
    const width = report.widths?.[j] ?? clampWidth(w);
    return width === EXCELJS_DEFAULT_WIDTH
      ? []
      : [`<col min="${j + 1}" max="${j + 1}" width="${width}" customWidth="1"/>`];
  });
  if (cols.length > 0) head += `<cols>${cols.join("")}</cols>`;
  const { styles } = target;
  const titleStyle = styles.id(undefined, TITLE_FONT, 0, undefined);
  out(`${head}<sheetData><row r="1">${cellXml("A1", titleStyle, report.title, target)}</row>`);

  const letters = Array.from({ length: width }, (_, j) => columnLetters(j + 1));
  let batch = "";
  report.rows.forEach((values, i) => {
    const r = REPORT_FIRST_ROW + i;
    let cells = "";
    values.forEach((v, j) => {
      const shown = shownValue(v);
      const fmt = formatOf(i, j);
      const numFmt = shown instanceof Date && !isDateFormat(fmt) ? dateFormatFor(shown) : fmt;
      const numeric = typeof shown === "number";
      const border = numeric ? (rule.has(i) ? 1 : 0) | (double.has(i) ? 2 : 0) : 0;
      const s = styles.id(numFmt, bold.has(i) ? BOLD_FONT : 0, border, report.align?.[j]);
      cells += cellXml(`${letters[j]}${r}`, s, v, target);
    });
    if (cells !== "") batch += `<row r="${r}">${cells}</row>`;
    if (batch.length > 1 << 20) {
      out(batch);
      batch = "";
    }
  });
  const hf = excelHeaderFooter(p ?? {});
  const setup =
    `<pageSetup orientation="${p?.orientation ?? "landscape"}"` + (fit ? ' fitToWidth="1" fitToHeight="0"/>' : "/>");
  out(
    `${batch}</sheetData>` +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
      setup +
      "<headerFooter>" +
      (hf.header ? `<oddHeader>${text(hf.header)}</oddHeader>` : "") +
      `<oddFooter>${text(hf.footer)}</oddFooter></headerFooter></worksheet>`,
  );
  return `$${heading}:$${heading}`;
}

/** A cell as exceljs writes it; "" when it has neither value nor style. */
function cellXml(ref: string, s: number, v: ReportCell, target: ReportTarget): string {
  const head = s > 0 ? `<c r="${ref}" s="${s}"` : `<c r="${ref}"`;
  if (isFormulaCell(v)) {
    const f = `<f>${text(v.formula.replace(/^=/, ""))}</f>`;
    const result = v.result;
    if (result === null || (isCellError(result) && result.error === FORMULA_WITHOUT_RESULT)) return `${head}>${f}</c>`;
    // exceljs writes a text result as t="str" (never a shared string)
    if (typeof result === "string") return `${head} t="str">${f}<v>${text(result)}</v></c>`;
    const typed = valueXml(result, target);
    return `${head}${typed.t}>${f}${typed.v}</c>`;
  }
  if (v === null) return s > 0 ? `${head}/>` : "";
  if (typeof v === "string") {
    if (v === "") {
      if (target.emptyString === undefined) throw new Unwritable(`${ref}: "" without a shared string`);
      return `${head} t="s"><v>${target.emptyString}</v></c>`;
    }
    const is = inlineText(v);
    if (is === undefined) throw new Unwritable(`${ref}: text an inline string cannot hold`);
    return `${head} t="inlineStr">${is}</c>`;
  }
  const typed = valueXml(v, target);
  return `${head}${typed.t}>${typed.v}</c>`;
}

function valueXml(v: Exclude<CellValue, null | string>, target: ReportTarget): { t: string; v: string } {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Unwritable(`${v}: not a number a cell holds`);
    return { t: "", v: `<v>${v === 0 ? 0 : v}</v>` };
  }
  if (typeof v === "boolean") return { t: ' t="b"', v: `<v>${v ? 1 : 0}</v>` };
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw new Unwritable("an invalid date");
    // exceljs' utils.dateToExcel, in the file's date system
    return { t: "", v: `<v>${25569 + v.getTime() / 86_400_000 - (target.date1904 ? 1462 : 0)}</v>` };
  }
  return { t: ' t="e"', v: `<v>${text(v.error)}</v>` };
}

function text(s: string): string {
  const t = xmlText(s);
  if (t === undefined) throw new Unwritable("text XML cannot hold");
  return t;
}

function attr(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}
