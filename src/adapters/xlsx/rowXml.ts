/**
 * SpreadsheetML for table rows written without exceljs (the patch save,
 * patchSession.ts): one <row> per data row, every cell with its column's style
 * (s, taken from the sheet as it was) so it keeps the column's number format.
 *   number → <v>, as JS prints it (shortest round-trip text; -0 → 0)
 *   text → an inline string (t="inlineStr", no shared string table to rewrite),
 *          & < > escaped, CR as &#xD; (XML would turn it into LF), xml:space="preserve" where
 *          the text has leading, trailing, doubled, tab or line-end whitespace
 *   boolean → t="b" 1/0; error → t="e"; Date → its serial in the workbook's date
 *          system, as exceljs computes it, in a column whose style is a date format;
 *   null → an empty cell carrying the style.
 * A value that cannot be written so (a Date in a column without a date style, a number in one with, empty text,
 * text with characters XML 1.0 cannot hold or an _xHHHH_ look-alike the two
 * readers would decode differently, a formula marker, a non-finite number) makes
 * rowsXml return undefined: the caller saves through exceljs instead.
 *
 * Example: rowsXml([[1, "a&b", null]], { firstRow: 5, left: 1, styles: [3, 1, 6], dateStyle: [false, false, false], date1904: false })
 *   → '<row r="5"><c r="A5" s="3"><v>1</v></c><c r="B5" s="1" t="inlineStr"><is><t>a&amp;b</t></is></c><c r="C5" s="6"/></row>'
 */
import type { CellValue } from "../../ports/workbook";
import { isCellError } from "../../ports/workbook";
import { WRITABLE_ERRORS } from "../memory/memoryWorkbook";
import { columnLetters } from "./layout";

export interface RowLayout {
  /** sheet row of rows[0] */
  readonly firstRow: number;
  /** sheet column of each row's first value */
  readonly left: number;
  /** the cell style of each column */
  readonly styles: readonly number[];
  /** whether each column's style shows dates */
  readonly dateStyle: readonly boolean[];
  readonly date1904: boolean;
}

const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ESCAPE_LOOKALIKE = /_x[0-9A-Fa-f]{4}_/;

/** emptyAsBlank: "" written as a blank cell (how every port stores it: streamAppend.ts) instead of refused */
export function rowsXml(
  rows: readonly (readonly CellValue[])[],
  layout: RowLayout,
  { emptyAsBlank = false } = {},
): string | undefined {
  const letters = layout.styles.map((_, j) => columnLetters(layout.left + j));
  const out: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = layout.firstRow + i;
    const row = rows[i]!;
    let xml = `<row r="${r}">`;
    for (let j = 0; j < letters.length; j++) {
      const v = row[j] ?? null;
      const cell = cellXml(emptyAsBlank && v === "" ? null : v, `${letters[j]}${r}`, layout, j);
      if (cell === undefined) return undefined;
      xml += cell;
    }
    out.push(`${xml}</row>`);
  }
  return out.join("");
}

function cellXml(v: CellValue, ref: string, layout: RowLayout, j: number): string | undefined {
  const s = layout.styles[j] ?? 0;
  const head = s > 0 ? `<c r="${ref}" s="${s}"` : `<c r="${ref}"`;
  if (v === null) return `${head}/>`;
  // a number in a date-styled column would read back as a Date: exceljs gives its cell a style of its own
  if (typeof v === "number")
    return Number.isFinite(v) && !layout.dateStyle[j] ? `${head}><v>${v === 0 ? 0 : v}</v></c>` : undefined;
  if (typeof v === "string") {
    const text = inlineText(v);
    return text === undefined ? undefined : `${head} t="inlineStr">${text}</c>`;
  }
  if (typeof v === "boolean") return `${head} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (v instanceof Date) {
    if (!layout.dateStyle[j] || Number.isNaN(v.getTime())) return undefined;
    // exceljs' utils.dateToExcel, so both writers store the same serial
    return `${head}><v>${25569 + v.getTime() / (24 * 3600 * 1000) - (layout.date1904 ? 1462 : 0)}</v></c>`;
  }
  if (isCellError(v) && WRITABLE_ERRORS.includes(v.error)) return `${head} t="e"><v>${escapeText(v.error)}</v></c>`;
  return undefined;
}

/**
 * The <is> of an inline string; undefined for "" (it needs a shared string to read back as "": an empty
 * inline string reads as a blank cell) and for text XML 1.0 cannot hold or an _xHHHH_ look-alike.
 */
export function inlineText(v: string): string | undefined {
  if (v === "" || NOT_XML.test(v) || ESCAPE_LOOKALIKE.test(v)) return undefined;
  return PRESERVE.test(v)
    ? `<is><t xml:space="preserve">${escapeText(v)}</t></is>`
    : `<is><t>${escapeText(v)}</t></is>`;
}

/** Whitespace a reader could trim or fold without xml:space="preserve" (Excel writes it only then): leading,
 * trailing, doubled, tab or line end. Without it a 100k-line ledger sheet is about a fifth smaller to scan. */
const PRESERVE = /^\s|\s$|\s\s|[\t\n\r]/;

/** Text in an element: & < > escaped, CR as &#xD;. Undefined for characters XML 1.0 cannot hold. */
export function xmlText(v: string): string | undefined {
  return NOT_XML.test(v) ? undefined : escapeText(v);
}

function escapeText(s: string): string {
  return s.replace(/[&<>\r]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&#xD;"));
}
