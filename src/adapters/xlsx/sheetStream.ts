/**
 * A large worksheet part patched as it streams (the patch save, patchSession.ts), never held whole: a
 * million-line Ledger part is 1 GB unpacked. `streamable` says when: every row of the file stays where it
 * is, unchanged (rows appended, protection changed). The part is inflated chunk by chunk
 * (ZipPackage.chunks); its head (up to the first data row, <dimension> following the new bottom) and its
 * tail (from </sheetData>: conditional formats, protection) are patched as sheetPatch.ts patches them,
 * the rows between are copied as they come, and the new rows (rowXml.ts) go in before </sheetData>. What
 * is written is deflated a few megabytes at a time (each piece ends with a sync flush, the last one
 * finishes the stream: one deflate stream, as streamAppend.ts writes it) and checksummed as it goes, so
 * only the compressed part is kept. The bytes are patchSheet's for the same part and plan; undefined
 * whenever patchSheet would give undefined (the caller then saves through exceljs).
 * `sheetFrame` is the same walk for what the session needs when it takes the table: whether the part
 * needs foreignPackage.ts' fixes (worksheetMayNeedFix) and its <sheetProtection> element (protectionElementOf).
 *
 * Example: the Ledger part of a million-line book (rows 2..1,000,001), six rows appended →
 *   pieces: head with <dimension ref="A1:Q1000007"/>, the million rows as read, rows 1,000,002..1,000,007,
 *   </sheetData> and the rest; ref "A1:Q1000007"; at most a few megabytes of XML in memory at a time.
 */
import * as zlib from "node:zlib";
import { cellAddress } from "./layout";
import { rowsXml } from "./rowXml";
import type { SheetRowsPlan } from "./sheetPatch";
import { columnStyles, patchDimension, patchTail } from "./sheetPatch";
import { crc32 } from "./zipWriter";

const SHEET_DATA_END = Buffer.from("</sheetData>");
/** the most of a part's head (before its first data row) or tail (from </sheetData>) held: beyond, the part is not patched */
const FRAME_MAX = 64 * 1024 * 1024;
/** XML deflated per piece */
const PIECE = 4 * 1024 * 1024;
/** appended rows turned into XML at a time (about 10 MB of XML for a ledger row's 17 cells) */
export const APPEND_BATCH = 10_000;

export interface StreamedSheet {
  /** the part's deflated bytes, one deflate stream laid end to end */
  readonly pieces: Buffer[];
  readonly crc32: number;
  /** unpacked size */
  readonly size: number;
  /** the table's new ref */
  readonly ref: string;
}

/** Whether the plan keeps every file row in place, unchanged (then patchSheetStreamed applies). */
export function streamable(plan: Pick<SheetRowsPlan, "rect" | "rows" | "kept" | "dirty">): boolean {
  const fileRows = plan.rect.bottom - plan.rect.top;
  if (fileRows < 1 || plan.kept < fileRows || plan.rows.length < fileRows) return false;
  for (const i of plan.dirty) if (i < fileRows) return false;
  return true;
}

/** XML written, deflated a piece at a time. */
class Deflated {
  readonly pieces: Buffer[] = [];
  crc = 0;
  size = 0;
  private pending: Buffer[] = [];
  private pendingSize = 0;

  write(b: Buffer): void {
    if (b.length === 0) return;
    this.crc = crc32(b, this.crc);
    this.size += b.length;
    this.pending.push(b);
    this.pendingSize += b.length;
    if (this.pendingSize >= PIECE) this.flush(false);
  }

  end(): void {
    this.flush(true);
  }

  private flush(last: boolean): void {
    const input = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingSize = 0;
    this.pieces.push(
      zlib.deflateRawSync(input, last ? { level: 1 } : { level: 1, finishFlush: zlib.constants.Z_SYNC_FLUSH }),
    );
  }
}

/** The part patched as patchSheet patches it, for a plan `streamable` accepts; undefined as patchSheet. */
export async function patchSheetStreamed(
  chunks: AsyncIterable<Buffer>,
  plan: SheetRowsPlan,
): Promise<StreamedSheet | undefined> {
  if (!streamable(plan)) return undefined;
  const { rect, rows } = plan;
  const firstData = rect.top + 1;
  const fileRows = rect.bottom - rect.top;
  const bottom = rect.top + Math.max(rows.length, 1);
  const startTag = Buffer.from(`<row r="${firstData}"`);
  const out = new Deflated();
  let head: Buffer | undefined = Buffer.alloc(0);
  let carry = Buffer.alloc(0);
  let tail: Buffer | undefined;
  let styles: number[] = [];
  for await (const chunk of chunks) {
    if (tail) {
      tail = Buffer.concat([tail, chunk]);
      if (tail.length > FRAME_MAX) return undefined;
      continue;
    }
    let data: Buffer;
    if (head) {
      head = Buffer.concat([head, chunk]);
      const start0 = head.indexOf(startTag);
      const endData = head.indexOf(SHEET_DATA_END);
      if (endData >= 0 && (start0 < 0 || start0 > endData)) return undefined;
      // the first data row whole (its cells' styles), or the end of the rows
      if (start0 < 0 || (endData < 0 && head.indexOf("</row>", start0) < 0)) {
        if (head.length > FRAME_MAX) return undefined;
        continue;
      }
      styles = columnStyles(head, start0, endData < 0 ? head.length : endData, rect);
      out.write(Buffer.from(patchDimension(head.subarray(0, start0).toString("utf8"), rect.bottom, bottom), "utf8"));
      data = head.subarray(start0);
      head = undefined;
    } else {
      data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    }
    const end = data.indexOf(SHEET_DATA_END);
    if (end >= 0) {
      out.write(data.subarray(0, end));
      tail = Buffer.from(data.subarray(end));
      continue;
    }
    // </sheetData> may straddle two chunks: its first bytes wait for the next one
    const keep = Math.min(data.length, SHEET_DATA_END.length - 1);
    out.write(data.subarray(0, data.length - keep));
    carry = Buffer.from(data.subarray(data.length - keep));
  }
  if (!tail || tail.indexOf(SHEET_DATA_END, 1) >= 0) return undefined;
  // the new rows' XML a batch at a time: a million appended rows as one string would pass V8's string limit
  const dateStyle = styles.map(plan.styleIsDate);
  for (let i = fileRows; i < rows.length; i += APPEND_BATCH) {
    const written = rowsXml(rows.slice(i, i + APPEND_BATCH), {
      firstRow: firstData + i,
      left: rect.left,
      styles,
      dateStyle,
      date1904: plan.date1904,
    });
    if (written === undefined) return undefined;
    out.write(Buffer.from(written, "utf8"));
  }
  const patchedTail = patchTail(tail, plan, bottom);
  if (patchedTail === undefined) return undefined;
  out.write(patchedTail);
  out.end();
  return {
    pieces: out.pieces,
    crc32: out.crc,
    size: out.size,
    ref: `${cellAddress(rect.top, rect.left)}:${cellAddress(bottom, rect.right)}`,
  };
}

export interface SheetFrame {
  /** worksheetMayNeedFix of the whole part */
  readonly mayNeedFix: boolean;
  /** protectionElementOf the whole part */
  readonly protection: string | undefined;
}

const NEEDLES = ['t="d"', "t='d'"].map((s) => Buffer.from(s));
const PROTECTION = Buffer.from("sheetProtection");
const OVERLAP = 64;

/**
 * What the session needs of a part when it takes its table, read as it streams: worksheetMayNeedFix (a t="d"
 * cell, or a true/false flag in the first "sheetProtection" up to its ">") and protectionElementOf (the
 * <sheetProtection …> after the last </sheetData>). Undefined when the part has no </sheetData>, or its
 * tail or that flag's element is too long to hold (the part is then not patched).
 */
export async function sheetFrame(chunks: AsyncIterable<Buffer>): Promise<SheetFrame | undefined> {
  let tail: Buffer | undefined; // from the last </sheetData> seen
  let window = Buffer.alloc(0); // the end of what was read, for needles across chunks
  let dated = false;
  let firstProtection: Buffer | undefined; // from the first "sheetProtection" on, until its ">"
  for await (const chunk of chunks) {
    const data = window.length ? Buffer.concat([window, chunk]) : chunk;
    if (!dated) dated = NEEDLES.some((n) => data.includes(n));
    if (firstProtection) {
      if (!firstProtection.includes(">")) firstProtection = Buffer.concat([firstProtection, chunk]);
    } else {
      const at = data.indexOf(PROTECTION);
      if (at >= 0) firstProtection = Buffer.from(data.subarray(at));
    }
    if (firstProtection && !firstProtection.includes(">") && firstProtection.length > FRAME_MAX) return undefined;
    const end = data.lastIndexOf(SHEET_DATA_END);
    if (end >= 0) tail = Buffer.from(data.subarray(end));
    else if (tail) tail = Buffer.concat([tail, chunk]);
    if (tail && tail.length > FRAME_MAX) return undefined;
    window = Buffer.from(data.subarray(Math.max(0, data.length - OVERLAP)));
  }
  if (!tail) return undefined;
  let flagged = false;
  if (firstProtection) {
    const close = firstProtection.indexOf(">");
    flagged = /true|false/.test(firstProtection.toString("latin1", 0, close < 0 ? firstProtection.length : close));
  }
  const at = tail.indexOf("<sheetProtection");
  const close = at < 0 ? -1 : tail.indexOf(">", at);
  return {
    mayNeedFix: dated || flagged,
    protection: at < 0 || close < 0 ? undefined : tail.toString("utf8", at, close + 1),
  };
}
