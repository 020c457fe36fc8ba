/**
 * A worksheet cell's value from its type attribute and its text, decoded as exceljs decodes it (sheetScan.ts
 * lists the rules), read off the part's text where it lies: a number, a shared string's index or a column
 * letter is parsed from the characters of the chunk without a string made for it.
 *
 * Examples: numberIn('<v>69327.06</v>', 3, 11) → 69327.06 (6932706 / 100, exactly what parseFloat gives);
 *   columnIn("AB12", 0, 4) → 28; cellType("inlineStr", 0, 9) → CellType.InlineStr.
 */
import type { CellValue } from "../../ports/workbook";
import { isoDateToSerial } from "./foreignPackage";
import type { SheetContext } from "./sheetScan";

export const enum CellType {
  Number,
  Shared,
  Str,
  InlineStr,
  Bool,
  Error,
  Date,
}

/** whether s holds the word w at a (s.startsWith(w, a), which optimised code calls out of line) */
export function wordAt(s: string, a: number, w: string): boolean {
  for (let i = 0; i < w.length; i++) if (s.charCodeAt(a + i) !== w.charCodeAt(i)) return false;
  return true;
}

/** the t attribute's value s[a..b) ("s", "str", "inlineStr", "b", "e", "d"; anything else is a number) */
export function cellType(s: string, a: number, b: number): CellType {
  const n = b - a;
  if (n === 1) {
    const c = s.charCodeAt(a);
    return c === 115
      ? CellType.Shared
      : c === 98
        ? CellType.Bool
        : c === 101
          ? CellType.Error
          : c === 100
            ? CellType.Date
            : CellType.Number;
  }
  if (n === 3 && wordAt(s, a, "str")) return CellType.Str;
  if (n === 9 && wordAt(s, a, "inlineStr")) return CellType.InlineStr;
  return CellType.Number;
}

/** The column of a cell reference ("AB12" → 28; "$B$3" → 2): its letters, up to the first other character. */
export function columnIn(ref: string, a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else if (c !== 36) break; // "$"
  }
  return n;
}

export function columnNumber(ref: string): number {
  return columnIn(ref, 0, ref.length);
}

/** parseInt(s.slice(a, b), 10), without the slice when s[a..b) is 1 to 15 digits */
export function intIn(s: string, a: number, b: number): number {
  if (b <= a || b - a > 15) return parseInt(s.slice(a, b), 10);
  let n = 0;
  for (let i = a; i < b; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return parseInt(s.slice(a, b), 10);
    n = n * 10 + d;
  }
  return n;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * parseFloat(s.slice(a, b)), without the slice for a plain decimal of at most 15 digits ("-1234.50"): its digits
 * as an integer m < 10^15 < 2^53 and 10^k are exact doubles, and IEEE division rounds m / 10^k correctly, as
 * parseFloat rounds the decimal.
 */
export function numberIn(s: string, a: number, b: number): number {
  let i = a;
  const negative = i < b && s.charCodeAt(i) === 45; // "-"
  if (negative) i++;
  let m = 0;
  let digits = 0;
  let point = -1;
  for (; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 && point < 0)
      point = i; // "."
    else if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
    } else return parseFloat(s.slice(a, b));
  }
  if (digits === 0 || digits > 15) return parseFloat(s.slice(a, b));
  const n = point < 0 ? m : m / POW10[b - point - 1]!;
  return negative ? -n : n;
}

/** exceljs' utils.excelToDate, then fromExcel's rounding to the millisecond */
export function serialToDate(v: number, date1904: boolean): Date {
  // the same order of operations as exceljs: floating point makes (x * 24 * 3600 * 1000) differ from x * 86,400,000
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** exceljs' utils.xmlDecode (applied once more to t="str" text) */
export function xmlDecode(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(
    /&([a-z]*);/g,
    (c) => ({ "&lt;": "<", "&gt;": ">", "&amp;": "&", "&apos;": "'", "&quot;": '"' })[c] ?? c,
  );
}

/**
 * A cell's text kept apart from the part's XML: the tokenizer's pieces are slices of the 256 KB chunk they were
 * read from, and V8 keeps a whole chunk alive for any slice of 13 characters or more (a million-line sheet's
 * rows would hold its 1 GB of XML). Repeated texts (accounts, currencies, run ids) share one copy; the table
 * forgets what it holds once full (a ledger's next rows repeat the texts of the last ones).
 */
export class TextCopies {
  private readonly known = new Map<string, string>();
  of(s: string): string {
    if (s.length < 13) return s; // V8 copies short slices
    const hit = this.known.get(s);
    if (hit !== undefined) return hit;
    if (this.known.size >= 50_000) this.known.clear();
    const own = (" " + s).slice(1); // flattened, then sliced off a string of s.length + 1: holds no larger string
    this.known.set(own, own);
    return own;
  }
}

/**
 * Dates by serial, one object per distinct value in a scan (a ledger's days repeat). Small tables are copied when
 * handed out; a large one (LazyTables.handOutRows) is handed out as read, its Dates shared: callers do not mutate cells.
 */
class DateCopies {
  private readonly known = new Map<number, Date>();
  of(serial: number, date1904: boolean): Date {
    let d = this.known.get(serial);
    if (d === undefined) {
      if (this.known.size >= 50_000) this.known.clear();
      d = serialToDate(serial, date1904);
      this.known.set(serial, d);
    }
    return d;
  }
}

/** Cell values of one scan: its texts and dates shared. */
export class CellDecoder {
  private readonly texts = new TextCopies();
  private readonly dates = new DateCopies();
  constructor(private readonly ctx: SheetContext) {}

  private number(n: number, styleId: number): CellValue {
    if (styleId > 0 && this.ctx.styles.isDate(styleId)) {
      const d = this.dates.of(n, this.ctx.date1904);
      return Number.isNaN(d.getTime()) ? { error: "#VALUE!" } : d;
    }
    return n === 0 ? 0 : n;
  }

  /** each column's last inline text (a ledger's columns repeat their texts row after row: one string for all) */
  private readonly last: string[] = [];

  private inline(col: number, s: string, a: number, b: number): string {
    const prev = col < 16_384 ? this.last[col] : undefined;
    if (prev !== undefined && prev.length === b - a && wordAt(s, a, prev)) return prev;
    const text = this.texts.of(s.slice(a, b));
    if (col < 16_384) this.last[col] = text;
    return text;
  }

  /** a cell of column `col` with text s[a..b) (its <v>, or its <is>'s <t> runs joined) */
  decode(type: CellType, formula: boolean, styleId: number, col: number, s: string, a: number, b: number): CellValue {
    switch (type) {
      case CellType.Shared:
        if (formula) break;
        return this.ctx.sharedStrings[intIn(s, a, b)] ?? null;
      case CellType.Str:
        return this.texts.of(xmlDecode(s.slice(a, b)));
      case CellType.InlineStr:
        if (formula) break;
        return this.inline(col, s, a, b);
      case CellType.Bool:
        return intIn(s, a, b) !== 0;
      case CellType.Error:
        return { error: formula ? s.slice(a, b) : this.texts.of(s.slice(a, b)) };
      case CellType.Date: {
        if (formula) break;
        const text = s.slice(a, b);
        const serial = isoDateToSerial(text, this.ctx.date1904);
        return this.number(serial === undefined ? parseFloat(text) : serial, styleId);
      }
      default:
    }
    return this.number(numberIn(s, a, b), styleId);
  }
}
