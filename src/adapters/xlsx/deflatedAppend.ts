/**
 * Rows appended to a large worksheet part without inflating it (#14): Closebook deflates a part's head (up to
 * its first data row), its rows and its tail (from </sheetData>) as separate pieces, each but the last ending
 * with a sync flush of its own deflate stream (sheetStream.ts, streamAppend.ts), so the compressed bytes have
 * byte-aligned restart points (the empty stored block 00 00 FF FF) right after the head and right before the
 * tail, with nothing after them referring back past them. An append keeps the rows' compressed bytes as they
 * are and writes a new head (its <dimension> following the new bottom) and the new rows and tail (patched as
 * sheetStream.ts patches them). Each restart point is checked by inflating from just after it (a fresh
 * inflater fails on any reference to earlier bytes): the first data row must start there, and the tail must
 * inflate whole from the other. The part's CRC-32 comes from the directory's: the old tail's bytes undone
 * (crc32Unappend), the old head's taken off (crc32Combine), the new pieces' combined in. Anything that does not
 * check out (a part another tool wrote, file rows rewritten, a part to check for foreign fixes) gives
 * undefined and the caller streams the whole part (patchSheetStreamed).
 * `partLayout` is that check alone: the session reads such a part's protection and frame from the head and tail
 * it gives (LazyTables.layoutOf, sheetStream.ts' layoutFrame), the rows never inflated (#14). The rows are trusted
 * for what Closebook's writers guarantee (no t="d" cell): only they lay a part out so, and each either wrote the
 * rows (rowXml.ts) or copied them from a part searched whole for foreign traits, or from a part in this layout.
 *
 * Example: the Ledger part of a 100,000-line book (8.9 MB deflated, 83 MB unpacked), 1,000 rows appended →
 *   pieces [head with <dimension ref="A1:Q101001"/>, the 8.9 MB as stored less head and tail, the 1,000 rows,
 *   the tail]; it inflates to what patchSheetStreamed writes, byte for byte; 83 MB never inflated.
 */
import * as zlib from "node:zlib";
import { columnStyles, patchDimension } from "./sheetPatch";
import type { StreamPlan, StreamedSheet } from "./sheetStream";
import { refOf, rowLayouts, streamable, writeNewRowsAndTail } from "./sheetStream";
import type { ZipOutEntry } from "./zipWriter";
import { DeflatedPart, crc32, crc32Combine, crc32Unappend } from "./zipWriter";

const RESTART = Buffer.from([0x00, 0x00, 0xff, 0xff]);
/** how far into the compressed part the head's restart point is looked for */
const HEAD_SEARCH = 256 * 1024;
/** how far back from the end the tail's is looked for */
const TAIL_SEARCH = 256 * 1024;
/** compressed bytes inflated after the head's restart point to see the first data row whole */
const PEEK = 64 * 1024;
const SHEET_DATA_END = Buffer.from("</sheetData>");
/** the most a head or tail inflates to (sheetStream.ts holds no more of either) */
const FRAME_MAX = 64 * 1024 * 1024;
const PARTIAL = { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: FRAME_MAX };

/** Whether the plan only adds rows after the file's (or changes the tail: protection), none of them rewritten. */
export function appendsOnly(
  plan: Pick<StreamPlan, "rect" | "rows" | "kept" | "dirty" | "edits" | "decodeRow">,
): boolean {
  const fileRows = plan.rect.bottom - plan.rect.top;
  if (!streamable(plan)) return false;
  for (const i of plan.dirty) if (i < fileRows) return false;
  return true;
}

/**
 * A part in Closebook's layout: its head and its tail, each inflated from its restart point (the checks above);
 * the rows between were not inflated. Example: the 100,000-line Ledger → head 740 compressed bytes (up to
 * `<row r="2"`), tail from 8,962,550 (`</sheetData><sheetProtection …/>…</worksheet>`).
 */
export interface PartLayout {
  /** the part's XML before its first data row */
  readonly head: Buffer;
  /** the first data row's XML */
  readonly firstRow: Buffer;
  /** where the rows' compressed bytes start */
  readonly headAt: number;
  /** the part's XML from its (last) </sheetData> on */
  readonly tail: Buffer;
  /** where the tail's compressed bytes start */
  readonly tailAt: number;
  /** the part as stored, which the offsets are into */
  readonly stored: ZipOutEntry;
}

/** The part's layout when its first data row (`firstData`) and its tail each follow a restart point; undefined otherwise. */
export function partLayout(stored: ZipOutEntry, firstData: number): PartLayout | undefined {
  if (stored.method !== 8) return undefined;
  const head = findHead(stored.data, firstData);
  if (!head) return undefined;
  const tail = findTail(stored.data, head.at);
  if (!tail || stored.size - head.text.length - tail.text.length <= 0) return undefined;
  return { head: head.text, firstRow: head.firstRow, headAt: head.at, tail: tail.text, tailAt: tail.at, stored };
}

/** The part with the plan's new rows, from its stored bytes (its layout found here unless given); undefined when the part must be streamed whole. */
export function appendDeflated(
  stored: ZipOutEntry,
  plan: StreamPlan,
  found: PartLayout | undefined = partLayout(stored, plan.rect.top + 1),
): StreamedSheet | undefined {
  if (stored.method !== 8 || !appendsOnly(plan) || !found || found.stored.data !== stored.data) return undefined;
  const data = stored.data;
  const head = { text: found.head, firstRow: found.firstRow, at: found.headAt };
  const tail = { text: found.tail, at: found.tailAt };
  const rowsSize = stored.size - head.text.length - tail.text.length;
  if (rowsSize <= 0) return undefined;
  // CRC(head‖rows) with the tail's bytes undone, then the head's share taken off: CRC(head‖rows) = shift(CRC(head)) ^ CRC(rows)
  const headAndRows = crc32Unappend(stored.crc32, tail.text);
  const rowsCrc = (headAndRows ^ crc32Combine(crc32(head.text), 0, rowsSize)) >>> 0;

  const { rect } = plan;
  const bottom = rect.top + Math.max(plan.rows.length, 1);
  const frame = Buffer.concat([head.text, head.firstRow]);
  const layout = rowLayouts(plan, columnStyles(frame, head.text.length, frame.length, rect));
  const newHead = new DeflatedPart();
  newHead.write(patchDimension(head.text.toString("utf8"), rect.bottom, bottom));
  newHead.flush();
  const rest = new DeflatedPart();
  if (!writeNewRowsAndTail(rest, plan, tail.text, layout)) return undefined;
  const crc = crc32Combine(crc32Combine(newHead.crc, rowsCrc, rowsSize), rest.crc, rest.size);
  return {
    pieces: [...newHead.pieces, data.subarray(head.at, tail.at), ...rest.pieces],
    crc32: crc,
    size: newHead.size + rowsSize + rest.size,
    ref: refOf(plan),
  };
}

/** Positions just after each 00 00 FF FF in data[from, to), in order. */
function restartPoints(data: Buffer, from: number, to: number): number[] {
  const found: number[] = [];
  for (let at = data.indexOf(RESTART, from); at >= 0 && at + 4 <= to; at = data.indexOf(RESTART, at + 1))
    found.push(at + 4);
  return found;
}

/** The head (inflated) and where the rows' compressed bytes start: the first restart point after which the first data row inflates on its own. */
function findHead(data: Buffer, firstData: number): { text: Buffer; firstRow: Buffer; at: number } | undefined {
  const rowStart = Buffer.from(`<row r="${firstData}"`);
  for (const at of restartPoints(data, 0, Math.min(data.length, HEAD_SEARCH))) {
    try {
      const rows = zlib.inflateRawSync(data.subarray(at, at + PEEK), PARTIAL);
      const rowEnd = rows.indexOf("</row>");
      if (!rows.subarray(0, rowStart.length).equals(rowStart) || rowEnd < 0) continue;
      const text = zlib.inflateRawSync(data.subarray(0, at), PARTIAL);
      if (text.includes(rowStart) || text.includes(SHEET_DATA_END)) continue;
      return { text, firstRow: rows.subarray(0, rowEnd + 6), at };
    } catch {
      // not a restart point: the bytes after it refer back, or are not deflate data
    }
  }
  return undefined;
}

/** The tail (inflated) and where its compressed bytes start: the last restart point after `after` from which the rest inflates to a finished stream opening with </sheetData>. */
function findTail(data: Buffer, after: number): { text: Buffer; at: number } | undefined {
  const points = restartPoints(data, Math.max(after, data.length - TAIL_SEARCH), data.length);
  for (let k = points.length - 1; k >= 0; k--) {
    const at = points[k]!;
    try {
      const text = zlib.inflateRawSync(data.subarray(at), { maxOutputLength: FRAME_MAX });
      if (text.subarray(0, SHEET_DATA_END.length).equals(SHEET_DATA_END) && text.indexOf(SHEET_DATA_END, 1) < 0)
        return { text, at };
    } catch {
      // a stream not finished from here, or not a restart point
    }
  }
  return undefined;
}
