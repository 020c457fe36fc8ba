/**
 * A worksheet part changed in place for the patch save (patchSession.ts): the
 * one table on the sheet gets its new data rows, everything else in the part is
 * kept byte for byte. Rows still holding what the file held are copied as they
 * were (runs of them in one slice); changed, added or moved rows are written
 * with rowXml.ts in their column's style; rows past the new end are dropped (an
 * empty table keeps one blank row, as Excel needs). <dimension> follows the
 * table's new bottom, and so do conditional formats over whole table columns
 * (conditionalFormats.ts); <sheetProtection> is replaced when the lock changed. The
 * table part's ref (and its autoFilter's) is rewritten to the new size.
 * Undefined whenever the part is not laid out as Closebook and Excel write it
 * (unprefixed <row r="N"> elements in order, one </sheetData>): the caller then
 * saves through exceljs.
 *
 * Example: the Ledger part with rows 1..100001 (header + 100,000 rows), 6 rows
 *   appended → rows 1..100001 copied, rows 100002..100007 written, then
 *   </sheetData> and the rest; <dimension ref="A1:Q100007"/>; table ref "A1:Q100007".
 */
import { SaxesParser } from "saxes";
import type { CellValue } from "../../ports/workbook";
import { patchSqref } from "./conditionalFormats";
import type { Rect } from "./layout";
import { cellAddress } from "./layout";
import { columnNumber } from "./sheetScan";
import type { RowLayout } from "./rowXml";
import { rowsXml } from "./rowXml";

export interface SheetRowsPlan {
  /** the table's range in the file (header row, data rows, no totals row) */
  readonly rect: Rect;
  /** the data rows now */
  readonly rows: readonly (readonly CellValue[])[];
  /** leading data rows of the file still in place (the rest were truncated or replaced) */
  readonly kept: number;
  /** data rows (0-based) whose cells were written since the file was read */
  readonly dirty: ReadonlySet<number>;
  /** the <sheetProtection> element to write ("" = none); undefined keeps the part's own */
  readonly protection?: string;
  readonly styleIsDate: (style: number) => boolean;
  readonly date1904: boolean;
}

export interface PatchedSheet {
  readonly sheet: Buffer;
  /** the table's new ref */
  readonly ref: string;
}

const SHEET_DATA_END = "</sheetData>";

export function patchSheet(xml: Buffer, plan: SheetRowsPlan): PatchedSheet | undefined {
  const { rect, rows } = plan;
  const width = rect.right - rect.left + 1;
  const endData = xml.indexOf(SHEET_DATA_END);
  if (endData < 0 || xml.indexOf(SHEET_DATA_END, endData + 1) >= 0) return undefined;
  const firstData = rect.top + 1;
  const fileRows = rect.bottom - rect.top;
  const start0 = xml.indexOf(`<row r="${firstData}"`);
  if (start0 < 0 || start0 > endData) return undefined;

  const styles = columnStyles(xml, start0, endData, rect);
  const layout = (firstRow: number): RowLayout => ({
    firstRow,
    left: rect.left,
    styles,
    dateStyle: styles.map(plan.styleIsDate),
    date1904: plan.date1904,
  });

  const parts: Buffer[] = [];
  let cur = start0;
  const startOf = (idx: number): number => {
    if (idx >= fileRows) return endData;
    const at = xml.indexOf(`<row r="${firstData + idx}"`, cur);
    return at < 0 || at > endData ? -1 : at;
  };
  const limit = Math.min(plan.kept, rows.length, fileRows);
  let i = 0;
  while (i < limit) {
    let j = i;
    if (plan.dirty.has(i)) {
      while (j < limit && plan.dirty.has(j)) j++;
      const written = rowsXml(rows.slice(i, j), layout(firstData + i));
      if (written === undefined) return undefined;
      parts.push(Buffer.from(written, "utf8"));
      const next = startOf(j);
      if (next < 0) return undefined;
      cur = next;
    } else {
      while (j < limit && !plan.dirty.has(j)) j++;
      const next = startOf(j);
      if (next < 0) return undefined;
      parts.push(xml.subarray(cur, next));
      cur = next;
    }
    i = j;
  }
  const rest =
    rows.length > limit ? rows.slice(limit) : rows.length === 0 ? [new Array<CellValue>(width).fill(null)] : [];
  const written = rowsXml(rest, layout(firstData + limit));
  if (written === undefined) return undefined;
  parts.push(Buffer.from(written, "utf8"));

  const bottom = rect.top + Math.max(rows.length, 1);
  const head = patchDimension(xml.subarray(0, start0).toString("utf8"), rect.bottom, bottom);
  const tail = patchTail(xml.subarray(endData), plan, bottom);
  if (tail === undefined) return undefined;
  return {
    sheet: Buffer.concat([Buffer.from(head, "utf8"), ...parts, tail]),
    ref: `${cellAddress(rect.top, rect.left)}:${cellAddress(bottom, rect.right)}`,
  };
}

/** The part from </sheetData> on, its conditional formats following the new bottom and its protection replaced when asked. */
export function patchTail(
  xml: Buffer,
  plan: Pick<SheetRowsPlan, "rect" | "protection">,
  bottom: number,
): Buffer | undefined {
  let tail = patchSqref(xml.toString("utf8"), { before: plan.rect, bottom });
  if (plan.protection !== undefined) {
    const without = tail.replace(/<sheetProtection\b[^>]*?(\/>|>\s*<\/sheetProtection>)/, "");
    const calc = /^<\/sheetData>(<sheetCalcPr\b[^>]*\/>)?/.exec(without);
    if (!calc) return undefined;
    tail = calc[0] + plan.protection + without.slice(calc[0].length);
  }
  return Buffer.from(tail, "utf8");
}

/** A worksheet part split for rows streamed after its `kept` data rows (streamAppend.ts). */
export interface AppendFrame {
  /** the part up to and including the kept rows, <dimension> set to the new bottom */
  readonly head: Buffer;
  /** </sheetData> and the rest, conditional formats following the new bottom */
  readonly tail: Buffer;
  /** where the first streamed row goes, in its columns' styles */
  readonly layout: RowLayout;
  /** the table's new ref */
  readonly ref: string;
}

/**
 * The frame of a table alone on its sheet that will hold `total` data rows: its first `kept`
 * rows (those of the file) copied, the rest to be written between head and tail.
 * Example: an empty Ledger table (A1:Q2, one blank row), kept 0, total 1,000,000 → head ends
 * before <row r="2">, layout.firstRow 2, ref "A1:Q1000001".
 */
export function appendFrame(
  xml: Buffer,
  plan: Pick<SheetRowsPlan, "rect" | "kept" | "styleIsDate" | "date1904"> & { readonly total: number },
): AppendFrame | undefined {
  const { rect, kept, total } = plan;
  const endData = xml.indexOf(SHEET_DATA_END);
  if (endData < 0 || xml.indexOf(SHEET_DATA_END, endData + 1) >= 0) return undefined;
  const firstData = rect.top + 1;
  const fileRows = rect.bottom - rect.top;
  const start0 = xml.indexOf(`<row r="${firstData}"`);
  if (start0 < 0 || start0 > endData || kept > fileRows || total < Math.max(kept, 1)) return undefined;
  const keptEnd = kept === fileRows ? endData : xml.indexOf(`<row r="${firstData + kept}"`, start0);
  if (keptEnd < 0 || keptEnd > endData) return undefined;
  const styles = columnStyles(xml, start0, endData, rect);
  const bottom = rect.top + total;
  const head = patchDimension(xml.subarray(0, start0).toString("utf8"), rect.bottom, bottom);
  const tail = patchSqref(xml.subarray(endData).toString("utf8"), { before: rect, bottom });
  return {
    head: Buffer.concat([Buffer.from(head, "utf8"), xml.subarray(start0, keptEnd)]),
    tail: Buffer.from(tail, "utf8"),
    layout: {
      firstRow: firstData + kept,
      left: rect.left,
      styles,
      dateStyle: styles.map(plan.styleIsDate),
      date1904: plan.date1904,
    },
    ref: `${cellAddress(rect.top, rect.left)}:${cellAddress(bottom, rect.right)}`,
  };
}

/** The <sheetProtection> element of a worksheet part (after its rows), or undefined. */
export function protectionElementOf(xml: Buffer): string | undefined {
  const endData = xml.lastIndexOf(SHEET_DATA_END);
  const from = endData < 0 ? 0 : endData;
  const at = xml.indexOf("<sheetProtection", from);
  if (at < 0) return undefined;
  const end = xml.indexOf(">", at);
  return end < 0 ? undefined : xml.subarray(at, end + 1).toString("utf8");
}

/** The table part with its ref (and its autoFilter's, the same without a totals row) set to `ref`. */
export function patchTableRef(xml: Buffer, oldRef: string, ref: string): Buffer | undefined {
  const text = xml.toString("utf8");
  const old = `ref="${oldRef}"`;
  if (!text.includes(old)) return undefined;
  return Buffer.from(text.split(old).join(`ref="${ref}"`), "utf8");
}

export function patchDimension(head: string, oldBottom: number, bottom: number): string {
  return head.replace(/(<dimension ref="[A-Z]+\d+:[A-Z]+)(\d+)("\s*\/>)/, (whole, a: string, row: string, b: string) =>
    Number(row) === oldBottom ? `${a}${bottom}${b}` : whole,
  );
}

/** Each table column's cell style: its cell's in the first data row, else its <col> style, else 0. */
export function columnStyles(xml: Buffer, start0: number, endData: number, rect: Rect): number[] {
  const width = rect.right - rect.left + 1;
  const styles: (number | undefined)[] = new Array<number | undefined>(width).fill(undefined);
  const rowEnd = xml.indexOf("</row>", start0);
  const selfClosed = xml.indexOf("/>", start0);
  const tagEnd = xml.indexOf(">", start0);
  const end =
    selfClosed >= 0 && selfClosed + 1 === tagEnd ? tagEnd + 1 : rowEnd < 0 || rowEnd > endData ? -1 : rowEnd + 6;
  const cols: { min: number; max: number; style: number }[] = [];
  const parser = new SaxesParser({ fragment: true });
  let col = rect.left - 1;
  parser.on("opentag", (tag) => {
    const a = tag.attributes as Record<string, string>;
    const local = tag.name.slice(tag.name.indexOf(":") + 1);
    if (local === "c") {
      col = a.r === undefined ? col + 1 : columnNumber(a.r);
      if (col >= rect.left && col <= rect.right) styles[col - rect.left] = parseInt(a.s ?? "0", 10) || 0;
    } else if (local === "col") {
      cols.push({ min: Number(a.min), max: Number(a.max), style: parseInt(a.style ?? "0", 10) || 0 });
    }
  });
  const colsAt = xml.lastIndexOf("<cols>", start0);
  const colsEnd = colsAt < 0 ? -1 : xml.indexOf("</cols>", colsAt);
  try {
    if (colsAt >= 0 && colsEnd > colsAt && colsEnd < start0)
      parser.write(xml.subarray(colsAt, colsEnd + 7).toString("utf8"));
    if (end > start0) parser.write(xml.subarray(start0, end).toString("utf8"));
    parser.close();
  } catch {
    // an unreadable first row: the column styles alone
  }
  return styles.map((s, j) => s ?? cols.find((c) => rect.left + j >= c.min && rect.left + j <= c.max)?.style ?? 0);
}
