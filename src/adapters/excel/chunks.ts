/**
 * Batching limits and the row chunker. Excel on the web refuses a request or
 * response over 5 MB (RequestPayloadSizeLimitExceeded /
 * ResponsePayloadSizeLimitExceeded), and big blocks are best moved 5k–20k rows
 * at a time (excel-addin.md §2.6). So every read or write of table rows goes
 * in chunks of at most 5,000 rows and 100,000 cells, and a write chunk is also
 * cut before its JSON (values + number formats, in UTF-8 bytes, plus
 * OP_OVERHEAD per call) passes 3 MB, under 60 % of the limit. A chunk Excel
 * still refuses as too big (or with a bare GeneralException) is retried in
 * halves (tableIO.ts).
 * Reads cannot know the size in advance: the first chunk is sized from a
 * sample of the first rows, and a chunk whose response came back over the
 * target makes the next one proportionally smaller.
 *
 * Example: 100,000 rows × 16 columns → 20 chunks of 5,000 rows (each ~1.8 MB);
 *          1,000 rows × 16 columns of 30,000-character text → chunks of ~6 rows.
 */
import type { CellValue } from "../../ports/workbook";
import type { DateSystem, ExcelScalar } from "./cellValues";
import { toExcelCell, toTableCell } from "./cellValues";

/** Bytes Excel's request JSON spends on one call beyond its arguments (action, object path): counted per operation. */
export const OP_OVERHEAD = 200;

/** UTF-8 bytes of `s` (the 5 MB limit counts bytes: "東" is 3, an emoji 4). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** UTF-8 bytes of `v` as JSON. */
export const jsonBytes = (v: unknown): number => utf8Length(JSON.stringify(v ?? null));

/** UTF-8 bytes of rows of cells as JSON (a read chunk's values or formats), as jsonBytes(rows) counts them. */
export function rowsJsonBytes(rows: readonly (readonly unknown[])[]): number {
  let n = 1 + Math.max(0, rows.length - 1) + 1;
  for (const row of rows) n += rowJsonBytes(row);
  return n;
}

/** Printable ASCII but `"` and `\`: a string of only these is its length + 2 bytes as JSON. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * UTF-8 bytes of a row of cells as JSON, as jsonBytes(row) counts them, without making the row's JSON: numbers and
 * plain ASCII strings by their length (a write plan sizes every row of a 100k-row table).
 * Example: [1, "GL-000001", null, true] → `[1,"GL-000001",null,true]` = 25.
 */
export function rowJsonBytes(row: readonly unknown[]): number {
  let n = 1 + Math.max(0, row.length - 1) + 1; // brackets and commas
  for (const v of row) {
    if (typeof v === "number") n += Number.isFinite(v) ? String(v).length : 4;
    else if (typeof v === "string") n += PLAIN.test(v) ? v.length + 2 : jsonBytes(v);
    else if (v === null || v === undefined) n += 4;
    else if (typeof v === "boolean") n += v ? 4 : 5;
    else n += jsonBytes(v);
  }
  return n;
}

/** Errors a smaller request may avoid: the payload limits, and the bare GeneralException Excel on the web has answered oversized requests with (office-js #1012, #1314). */
export function isPayloadError(code: string | undefined): boolean {
  return (
    code === "RequestPayloadSizeLimitExceeded" ||
    code === "ResponsePayloadSizeLimitExceeded" ||
    code === "GeneralException"
  );
}

/** The two halves of a chunk (a chunk Excel refused as too big is written again as these). */
export function halves(c: Chunk): [Chunk, Chunk] {
  const k = Math.ceil(c.values.length / 2);
  return [
    { offset: c.offset, values: c.values.slice(0, k), formats: c.formats.slice(0, k) },
    { offset: c.offset + k, values: c.values.slice(k), formats: c.formats.slice(k) },
  ];
}

/**
 * Splits single-cell updates into syncs of at most `maxCount` and about
 * PAYLOAD_TARGET bytes: each costs 3 calls (the range, its number format, its
 * value) plus the value's and format's bytes.
 * Example: 2,000 cells of 1,000 "東" (3,002 bytes each + 600 overhead) → 2 syncs (832 + 832 + 336 … ≤ 3 MB each).
 */
export function updateBatches<T extends { readonly value: unknown; readonly format: string }>(
  items: readonly T[],
  maxCount: number,
): T[][] {
  const out: T[][] = [];
  let batch: T[] = [];
  let bytes = 0;
  for (const u of items) {
    const cost = 3 * OP_OVERHEAD + jsonBytes(u.value) + jsonBytes(u.format);
    if (batch.length > 0 && (batch.length >= maxCount || bytes + cost > PAYLOAD_TARGET)) {
      out.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(u);
    bytes += cost;
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

export const MAX_ROWS_PER_SYNC = 5_000;
export const MAX_CELLS_PER_SYNC = 100_000;
export const PAYLOAD_TARGET = 3_000_000;
/** Excel's grid height */
export const EXCEL_ROWS = 1_048_576;

export interface Chunk {
  /** index of the chunk's first row among the rows given */
  readonly offset: number;
  readonly values: ExcelScalar[][];
  readonly formats: string[][];
}

export function rowsPerChunk(width: number): number {
  return Math.max(1, Math.min(MAX_ROWS_PER_SYNC, Math.floor(MAX_CELLS_PER_SYNC / Math.max(1, width))));
}

/**
 * Encodes `rows` (each padded or cut to `width` cells) for writing, chunk by
 * chunk, lazily; `formatOf(j)` is column j's number format, `dates` the
 * workbook's date system (dates become its serials); `encode`: toTableCell
 * for a table's rows, toExcelCell for a report's.
 */
export function* planChunks(
  rows: readonly (readonly CellValue[])[],
  width: number,
  formatOf: (j: number) => string,
  dates: DateSystem,
  encode: typeof toExcelCell = toTableCell,
): Generator<Chunk> {
  const maxRows = rowsPerChunk(width);
  let values: ExcelScalar[][] = [];
  let formats: string[][] = [];
  let bytes = 0;
  let offset = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] ?? [];
    const v: ExcelScalar[] = new Array<ExcelScalar>(width);
    const f: string[] = new Array<string>(width);
    for (let j = 0; j < width; j++) {
      const cell = encode(row[j] ?? null, formatOf(j), dates);
      v[j] = cell.value;
      f[j] = cell.format;
    }
    const size = rowJsonBytes(v) + rowJsonBytes(f) + 2;
    if (values.length > 0 && (values.length >= maxRows || 2 * OP_OVERHEAD + bytes + size > PAYLOAD_TARGET)) {
      yield { offset, values, formats };
      offset = i;
      values = [];
      formats = [];
      bytes = 0;
    }
    values.push(v);
    formats.push(f);
    bytes += size;
  }
  if (values.length > 0) yield { offset, values, formats };
}

/** The first read chunk: what fits the target at the sampled rows' size, with room for longer rows. */
export function firstReadChunk(bytesPerRow: number, width: number): number {
  const max = rowsPerChunk(width);
  return bytesPerRow <= 0 ? max : Math.max(1, Math.min(max, Math.floor(PAYLOAD_TARGET / bytesPerRow)));
}

/** The next read chunk size after `rows` rows came back as `bytes` of JSON. */
export function nextReadChunk(rows: number, bytes: number, width: number): number {
  const max = rowsPerChunk(width);
  if (bytes <= PAYLOAD_TARGET / 2) return max;
  if (bytes <= PAYLOAD_TARGET) return Math.min(max, rows);
  return Math.max(1, Math.floor((rows * PAYLOAD_TARGET * 0.9) / bytes));
}

/**
 * The number format of each column: the most common one among the sampled
 * rows (ties: the earliest), so a single cell with its own format (a date in a
 * General column) does not change the column's.
 */
export function columnFormats(sample: readonly (readonly unknown[])[], width: number): string[] {
  return Array.from({ length: width }, (_, j) => {
    const counts = new Map<string, number>();
    let best = "General";
    let bestCount = 0;
    for (const row of sample) {
      const f = typeof row[j] === "string" && row[j] !== "" ? row[j] : "General";
      const n = (counts.get(f) ?? 0) + 1;
      counts.set(f, n);
      if (n > bestCount) {
        best = f;
        bestCount = n;
      }
    }
    return best;
  });
}
