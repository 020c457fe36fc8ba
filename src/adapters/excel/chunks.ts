/**
 * Batching limits and the row chunker. Excel on the web refuses a request or
 * response over 5 MB (RequestPayloadSizeLimitExceeded /
 * ResponsePayloadSizeLimitExceeded), and big blocks are best moved 5k–20k rows
 * at a time (excel-addin.md §2.6). So every read or write of table rows goes
 * in chunks of at most 5,000 rows and 100,000 cells, and a write chunk is also
 * cut before its JSON (values + number formats) passes 3 MB, 60 % of the limit.
 * Reads cannot know the size in advance: the first chunk is sized from a
 * sample of the first rows, and a chunk whose response came back over the
 * target makes the next one proportionally smaller.
 *
 * Example: 100,000 rows × 16 columns → 20 chunks of 5,000 rows (each ~1.8 MB);
 *          1,000 rows × 16 columns of 30,000-character text → chunks of ~6 rows.
 */
import type { CellValue } from "../../ports/workbook";
import type { ExcelScalar } from "./cellValues";
import { toExcelCell } from "./cellValues";

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
 * chunk, lazily; `formatOf(j)` is column j's number format.
 */
export function* planChunks(rows: readonly (readonly CellValue[])[], width: number, formatOf: (j: number) => string): Generator<Chunk> {
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
      const cell = toExcelCell(row[j] ?? null, formatOf(j));
      v[j] = cell.value;
      f[j] = cell.format;
    }
    const size = JSON.stringify(v).length + JSON.stringify(f).length + 2;
    if (values.length > 0 && (values.length >= maxRows || bytes + size > PAYLOAD_TARGET)) {
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
      const f = typeof row[j] === "string" && row[j] !== "" ? (row[j] as string) : "General";
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
