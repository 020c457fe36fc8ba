/**
 * A large worksheet part patched as it streams (the patch save, patchSession.ts), never held whole: a
 * million-line Ledger part is 1 GB unpacked. `streamable` says when: every row of the file stays where it
 * is (rows appended, rows rewritten in place such as a posting's journal statuses, protection changed). The
 * part is inflated chunk by chunk (ZipPackage.chunks); its head (up to the first data row, <dimension>
 * following the new bottom) and its tail (from </sheetData>: conditional formats, protection) are patched as
 * sheetPatch.ts patches them, the rows between are copied as they come (a rewritten row's XML, up to the next
 * row, replaced by rowXml's; a rewritten row the session did not keep is decoded from that XML, rowDecode.ts,
 * and its `edits` applied, after its key cells are checked against the file's), and the new rows (rowXml.ts) go in
 * before </sheetData>. What
 * is written is deflated a few megabytes at a time (each piece ends with a sync flush, the last one
 * finishes the stream: one deflate stream, as streamAppend.ts writes it; the head and the tail pieces of their
 * own, so the next append finds the rows' restart points, deflatedAppend.ts) and checksummed as it goes, so
 * only the compressed part is kept. The bytes are patchSheet's for the same part and plan; undefined
 * whenever patchSheet would give undefined (the caller then saves through exceljs).
 * `sheetFrame` is the same walk for what the session needs when it takes the table: whether the part
 * needs foreignPackage.ts' fixes (worksheetMayNeedFix) and its <sheetProtection> element (protectionElementOf).
 *
 * Example: the Ledger part of a million-line book (rows 2..1,000,001), six rows appended →
 *   pieces: head with <dimension ref="A1:Q1000007"/>, the million rows as read, rows 1,000,002..1,000,007,
 *   </sheetData> and the rest; ref "A1:Q1000007"; at most a few megabytes of XML in memory at a time.
 */
import { sameCell } from "../../ports/rowKeys";
import type { CellValue } from "../../ports/workbook";
import { cellAddress } from "./layout";
import type { RowLayout } from "./rowXml";
import { rowsXml } from "./rowXml";
import type { SheetRowsPlan } from "./sheetPatch";
import { columnStyles, patchDimension, patchTail } from "./sheetPatch";
import { DeflatedPart } from "./zipWriter";

const SHEET_DATA_END = Buffer.from("</sheetData>");
const ROW_OPEN = Buffer.from("<row");
/** bytes held back at a chunk's end: the longest needle (`<row r="1048576"`, `</sheetData>`) less one */
const KEEP = 24;
/** the most of a part's head (before its first data row) or tail (from </sheetData>) held: beyond, the part is not patched */
const FRAME_MAX = 64 * 1024 * 1024;
/** appended rows turned into XML at a time (about 10 MB of XML for a ledger row's 17 cells) */
export const APPEND_BATCH = 10_000;

/**
 * A file row written again whose cells the session did not keep (TWICE, #14: a large table's rows were handed to
 * the reader): its changed cells, and the key cells the change was checked against (their values in the file).
 */
export interface RowEdit {
  /** column (0-based in the table) → the value as stored */
  readonly cells: ReadonlyMap<number, CellValue>;
  /** column → the value the file's cell holds (a row that holds another is not written: undefined, exceljs then refuses it) */
  readonly keys: ReadonlyMap<number, CellValue>;
}

/** A streamed patch's plan: a dirty file row not in `rows` is decoded from its XML as it streams past, and `edits` applied. */
export interface StreamPlan extends SheetRowsPlan {
  readonly edits?: ReadonlyMap<number, RowEdit>;
  /** the cells of a sheet row from its XML (rowDecode.ts); undefined when it does not decode */
  readonly decodeRow?: (xml: Buffer, row: number) => CellValue[] | undefined;
}

export interface StreamedSheet {
  /** the part's deflated bytes, one deflate stream laid end to end */
  readonly pieces: Buffer[];
  readonly crc32: number;
  /** unpacked size */
  readonly size: number;
  /** the table's new ref */
  readonly ref: string;
}

/** Whether the plan keeps every file row in place (then patchSheetStreamed applies): none cut, none moved; rewritten ones held. */
export function streamable(
  plan: Pick<StreamPlan, "rect" | "rows" | "kept" | "dirty" | "edits" | "decodeRow">,
): boolean {
  const fileRows = plan.rect.bottom - plan.rect.top;
  if (fileRows < 1 || plan.kept < fileRows || plan.rows.length < fileRows) return false;
  const decodes = plan.decodeRow !== undefined;
  for (const i of plan.dirty)
    if (i < fileRows && plan.rows[i] === undefined && !(decodes && plan.edits?.has(i))) return false;
  return true;
}

/** A dirty row not held: its file cells (decoded from `xml`) with its edits, or undefined (no edit, not decoded, a key cell differs). */
function editedRow(plan: StreamPlan, i: number, xml: Buffer): CellValue[] | undefined {
  const edit = plan.edits?.get(i);
  const cells = edit && plan.decodeRow?.(xml, plan.rect.top + 1 + i);
  if (!edit || !cells) return undefined;
  for (const [c, v] of edit.keys) if (!sameCell(cells[c], v)) return undefined;
  for (const [c, v] of edit.cells) cells[c] = v;
  return cells;
}

/** The part patched as patchSheet patches it, for a plan `streamable` accepts; undefined as patchSheet. */
export async function patchSheetStreamed(
  chunks: AsyncIterable<Buffer>,
  plan: StreamPlan,
  /** refuse (undefined) a part needing foreignPackage.ts' fixes, as sheetFrame finds them (a part not framed before) */
  { refuseForeign = false } = {},
): Promise<StreamedSheet | undefined> {
  if (!streamable(plan)) return undefined;
  const { rect, rows } = plan;
  const firstData = rect.top + 1;
  const fileRows = rect.bottom - rect.top;
  const bottom = rect.top + Math.max(rows.length, 1);
  const startTag = Buffer.from(`<row r="${firstData}"`);
  const out = new DeflatedPart();
  let head: Buffer | undefined = Buffer.alloc(0);
  let carry = Buffer.alloc(0);
  let tail: Buffer | undefined;
  // set once the first data row is read (its cells' styles)
  let layout = rowLayouts(plan, []);
  // file rows written again, in file order: each replaces the row's XML up to the next row
  const dirty = [...plan.dirty].filter((i) => i < fileRows).sort((a, b) => a - b);
  let nextDirty = 0;
  let wanted = dirty.length > 0 ? Buffer.from(`<row r="${firstData + dirty[0]!}"`) : undefined;
  let skipping = false;
  // a dirty row not held, being skipped: its XML gathered (from `from` in the current data) to decode it at its end
  let gathering: { i: number; parts: Buffer[]; from: number } | undefined;
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
      layout = rowLayouts(plan, columnStyles(head, start0, endData < 0 ? head.length : endData, rect));
      out.write(Buffer.from(patchDimension(head.subarray(0, start0).toString("utf8"), rect.bottom, bottom), "utf8"));
      out.flush(); // the rows start a piece of their own: a restart point an append finds (deflatedAppend.ts)
      if (refuseForeign && NEEDLES.some((n) => head!.includes(n))) return undefined;
      data = head.subarray(start0);
      head = undefined;
    } else {
      data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    }
    // data starts with the last KEEP bytes of the one before: a needle across two chunks is seen
    if (refuseForeign && NEEDLES.some((n) => data.includes(n))) return undefined;
    let at = 0;
    for (;;) {
      if (skipping) {
        // a rewritten row runs to the next row or to </sheetData>
        const next = data.indexOf(ROW_OPEN, at);
        const end = data.indexOf(SHEET_DATA_END, at);
        const to = next < 0 ? end : end < 0 ? next : Math.min(next, end);
        if (to < 0) {
          at = Math.max(at, data.length - KEEP);
          if (gathering) {
            gathering.parts.push(Buffer.from(data.subarray(gathering.from, at)));
            gathering.from = 0; // the next data starts at `at`
          }
          break;
        }
        if (gathering) {
          gathering.parts.push(data.subarray(gathering.from, to));
          const row = editedRow(plan, gathering.i, Buffer.concat(gathering.parts));
          const written = row && rowsXml([row], layout(firstData + gathering.i));
          if (written === undefined) return undefined;
          out.write(written);
          gathering = undefined;
        }
        at = to;
        skipping = false;
      }
      const end = data.indexOf(SHEET_DATA_END, at);
      const found = wanted ? data.indexOf(wanted, at) : -1;
      if (found >= 0 && (end < 0 || found < end)) {
        out.write(data.subarray(at, found));
        const i = dirty[nextDirty++]!;
        const row = rows[i];
        if (row === undefined) gathering = { i, parts: [], from: found };
        else {
          const written = rowsXml([row], layout(firstData + i));
          if (written === undefined) return undefined;
          out.write(written);
        }
        wanted = nextDirty < dirty.length ? Buffer.from(`<row r="${firstData + dirty[nextDirty]!}"`) : undefined;
        at = found + ROW_OPEN.length;
        skipping = true;
        continue;
      }
      if (end >= 0) {
        if (wanted) return undefined; // a changed row not found in the part (patchSheet refuses it too)
        out.write(data.subarray(at, end));
        tail = Buffer.from(data.subarray(end));
        at = data.length;
        break;
      }
      // </sheetData> or a row's start may straddle two chunks: their first bytes wait for the next one
      const upTo = Math.max(at, data.length - KEEP);
      out.write(data.subarray(at, upTo));
      at = upTo;
      break;
    }
    carry = Buffer.from(data.subarray(at));
  }
  if (!tail || tail.indexOf(SHEET_DATA_END, 1) >= 0) return undefined;
  if (refuseForeign && (protectionFlagged(tail) || NEEDLES.some((n) => tail.includes(n)))) return undefined;
  if (!writeNewRowsAndTail(out, plan, tail, layout)) return undefined;
  return { pieces: out.pieces, crc32: out.crc, size: out.size, ref: refOf(plan) };
}

/** The table's ref once the plan's rows are written. */
/** The layout of the plan's rows from `firstRow` on, each cell with its column's style (`styles`, as the first data row has them). */
export function rowLayouts(
  plan: Pick<StreamPlan, "rect" | "styleIsDate" | "date1904">,
  styles: number[],
): (firstRow: number) => RowLayout {
  const dateStyle = styles.map(plan.styleIsDate);
  return (firstRow) => ({ firstRow, left: plan.rect.left, styles, dateStyle, date1904: plan.date1904 });
}

export function refOf({ rect, rows }: Pick<StreamPlan, "rect" | "rows">): string {
  return `${cellAddress(rect.top, rect.left)}:${cellAddress(rect.top + Math.max(rows.length, 1), rect.right)}`;
}

/**
 * The rows after the file's, then the part's tail (from </sheetData>) patched, in a piece of its own (a restart
 * point right before it, which deflatedAppend.ts finds); the stream ended. False when a row or the tail cannot be written.
 */
export function writeNewRowsAndTail(
  out: DeflatedPart,
  plan: StreamPlan,
  tail: Buffer,
  layout: (firstRow: number) => RowLayout,
): boolean {
  const { rect, rows } = plan;
  const firstData = rect.top + 1;
  // the new rows' XML a batch at a time: a million appended rows as one string would pass V8's string limit
  for (let i = rect.bottom - rect.top; i < rows.length; i += APPEND_BATCH) {
    const written = rowsXml(rows.slice(i, i + APPEND_BATCH), layout(firstData + i));
    if (written === undefined) return false;
    out.write(Buffer.from(written, "utf8"));
  }
  const patchedTail = patchTail(tail, plan, rect.top + Math.max(rows.length, 1));
  if (patchedTail === undefined) return false;
  out.flush();
  out.write(patchedTail);
  out.end();
  return true;
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
  const flagged = firstProtection !== undefined && protectionFlagged(firstProtection);
  const at = tail.indexOf("<sheetProtection");
  const close = at < 0 ? -1 : tail.indexOf(">", at);
  return {
    mayNeedFix: dated || flagged,
    protection: at < 0 || close < 0 ? undefined : tail.toString("utf8", at, close + 1),
  };
}

/**
 * sheetFrame of a part in Closebook's layout (deflatedAppend.ts: PartLayout) from its head and tail alone, its rows
 * not inflated (#14). The rows between were written by rowsXml (never a t="d" cell) or copied from a part that
 * was searched whole for the traits (sheetFrame, patchSheetStreamed's refuseForeign, streamAppend.ts) or that had
 * this layout itself: the only writers of the layout (its restart points) are those. So the traits are looked
 * for in the head and the tail; a "sheetProtection" in the rows could only be a cell's text, not an element.
 * Example: head `<worksheet>…<sheetData><row r="1">…</row>`, tail `</sheetData><sheetProtection sheet="1"/>…`
 *   → { mayNeedFix: false, protection: '<sheetProtection sheet="1"/>' }; a tail with sheet="true" → mayNeedFix.
 */
export function layoutFrame(head: Buffer, tail: Buffer): SheetFrame | undefined {
  if (head.length > FRAME_MAX || tail.length > FRAME_MAX || tail.indexOf(SHEET_DATA_END) !== 0) return undefined;
  const dated = NEEDLES.some((n) => head.includes(n) || tail.includes(n));
  const flagged = protectionFlagged(head.includes(PROTECTION) ? head : tail);
  const at = tail.indexOf("<sheetProtection");
  const close = at < 0 ? -1 : tail.indexOf(">", at);
  return {
    mayNeedFix: dated || flagged,
    protection: at < 0 || close < 0 ? undefined : tail.toString("utf8", at, close + 1),
  };
}

/** Whether the first "sheetProtection" of `from`, up to its ">", holds a true/false flag (LibreOffice's spelling). */
function protectionFlagged(from: Buffer): boolean {
  const at = from.indexOf(PROTECTION);
  if (at < 0) return false;
  const close = from.indexOf(">", at);
  return /true|false/.test(from.toString("latin1", at, close < 0 ? from.length : close));
}
