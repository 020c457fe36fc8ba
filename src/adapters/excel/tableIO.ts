/**
 * Table reads and writes over Excel, in chunks (chunks.ts):
 * - openTable: 2 syncs (does the table exist; then its sheet, protection,
 *   header, size, and a sample of its first rows for the column formats and
 *   the "only row is blank = empty table" rule).
 * - readRows: one sync per chunk of values + number formats (the first chunk
 *   sized from the sample, later ones from the previous response; a response
 *   Excel refuses as too big is read again in smaller chunks); afterwards one
 *   sync per 10,000 cells whose text could be an error code ("#N/A"), to ask
 *   their valueTypes (text "#N/A" and the error #N/A read alike) — none for a
 *   ledger without such text.
 * - writeRows: one sync per chunk: number formats, then values (in the table or
 *   just below it), then table.resize when the table grows (writing below a
 *   table grows it only when the user's AutoExpansion setting is on), with
 *   calculation suspended (and screen updating, on the first chunk).
 * - deleteRows: range.delete("Up") on full-width data rows (rows.deleteRows
 *   is ExcelApiOnline only); an Excel table keeps at least one data row, so
 *   "no rows" is one blank row in the column formats.
 *
 * Example:
 *   const h = await openTable(ctx, "tblLedger", "appendRows tblLedger", true);
 *   await writeRows(ctx, h, h.logicalRows, planChunks(rows, h.width, (j) => h.formats[j]), rows.length, op);
 */
import type { CellValue } from "../../ports/workbook";
import { fromExcelCell, mayBeError } from "./cellValues";
import type { Chunk } from "./chunks";
import { EXCEL_ROWS, columnFormats, firstReadChunk, nextReadChunk } from "./chunks";
import type { XlContext, XlRange, XlTable, XlWorksheet } from "./excelHost";
import { ExcelApiError, syncOr } from "./officeErrors";

const SAMPLE_ROWS = 25;
const TYPE_CHECKS_PER_SYNC = 10_000;

export interface TableHandle {
  readonly table: XlTable;
  readonly sheet: XlWorksheet;
  /** declared spelling */
  readonly name: string;
  readonly sheetName: string;
  readonly headers: readonly string[];
  /** 0-based sheet row of the header, and first column */
  readonly top: number;
  readonly left: number;
  readonly width: number;
  /** data rows of the Excel table (at least 1) */
  physicalRows: number;
  /** data rows as the port counts them: 0 when the only data row is blank */
  logicalRows: number;
  readonly formats: readonly string[];
  readonly isProtected: boolean;
  /** sheet row (exclusive) where the sheet's values end; -1 when unknown or none */
  readonly usedBottom: number;
  /** JSON bytes per row (values + formats) of the sampled first rows: sizes the first read chunk */
  readonly bytesPerRow: number;
}

/** The table `name` (case-insensitive) with what writes need; undefined when the workbook has none. */
export async function openTable(ctx: XlContext, name: string, op: string, forWrite = false): Promise<TableHandle | undefined> {
  const table = ctx.workbook.tables.getItemOrNullObject(name);
  table.load("name");
  await syncOr(ctx, op);
  if (table.isNullObject) return undefined;
  const sheet = table.worksheet;
  sheet.load("name");
  sheet.protection.load("protected");
  const header = table.getHeaderRowRange().load("values, rowIndex, columnIndex, columnCount");
  const body = table.getDataBodyRange().load("rowCount");
  const sample = header.getRowsBelow(SAMPLE_ROWS).getIntersection(body).load("values, numberFormat");
  const used = forWrite ? sheet.getUsedRangeOrNullObject(true).load("rowIndex, rowCount") : undefined;
  await syncOr(ctx, op);
  const width = header.columnCount;
  const physicalRows = body.rowCount;
  const firstBlank = (sample.values[0] ?? []).every((v) => v === "" || v === null);
  return {
    table,
    sheet,
    name: table.name,
    sheetName: sheet.name,
    headers: (header.values[0] ?? []).map((h) => String(h)),
    top: header.rowIndex,
    left: header.columnIndex,
    width,
    physicalRows,
    logicalRows: physicalRows === 1 && firstBlank ? 0 : physicalRows,
    formats: columnFormats(sample.numberFormat, width),
    isProtected: sheet.protection.protected,
    usedBottom: used && !used.isNullObject ? used.rowIndex + used.rowCount : -1,
    bytesPerRow: (JSON.stringify(sample.values).length + JSON.stringify(sample.numberFormat).length) / Math.max(1, sample.values.length),
  };
}

/** Rows moved so far by a chunked read or write, of `total` (per chunk; for the pane's progress bar). */
export type ChunkDone = (done: number, total: number) => void;

/** Every data row of the table as port values; `onChunk` after each chunk read. */
export async function readRows(ctx: XlContext, h: TableHandle, op: string, onChunk?: ChunkDone): Promise<CellValue[][]> {
  if (h.logicalRows === 0) return [];
  const rows: CellValue[][] = [];
  const suspects: [number, number][] = [];
  let chunk = firstReadChunk(h.bytesPerRow, h.width);
  for (let start = 0; start < h.physicalRows; ) {
    const n = Math.min(chunk, h.physicalRows - start);
    const range = h.sheet.getRangeByIndexes(h.top + 1 + start, h.left, n, h.width).load("values, numberFormat");
    try {
      await syncOr(ctx, op);
    } catch (e) {
      // rows much longer than the sampled ones: read the same rows again in smaller chunks
      if (!(e instanceof ExcelApiError && e.code === "ResponsePayloadSizeLimitExceeded" && n > 1)) throw e;
      chunk = Math.ceil(n / 4);
      continue;
    }
    const values = range.values;
    const formats = range.numberFormat;
    for (let i = 0; i < n; i++) {
      const v = values[i] ?? [];
      const f = formats[i] ?? [];
      const out = new Array<CellValue>(h.width);
      for (let j = 0; j < h.width; j++) {
        if (mayBeError(v[j])) suspects.push([start + i, j]);
        out[j] = fromExcelCell(v[j], String(f[j] ?? "General"));
      }
      rows.push(out);
    }
    chunk = nextReadChunk(n, JSON.stringify(values).length + JSON.stringify(formats).length, h.width);
    start += n;
    onChunk?.(start, h.physicalRows);
  }
  for (let k = 0; k < suspects.length; k += TYPE_CHECKS_PER_SYNC) {
    const batch = suspects.slice(k, k + TYPE_CHECKS_PER_SYNC).map(([r, c]) => ({ r, c, cell: h.sheet.getRangeByIndexes(h.top + 1 + r, h.left + c, 1, 1).load("valueTypes") }));
    await syncOr(ctx, op);
    for (const { r, c, cell } of batch) {
      const row = rows[r];
      if (row && cell.valueTypes[0]?.[0] === "Error") row[c] = { error: String(row[c]) };
    }
  }
  return rows;
}

/**
 * Writes `count` encoded rows from data row `start` (0-based) on, growing the
 * table when they reach past its end. Refuses (before any change) to grow over
 * values below the table or past Excel's last row. `onChunk` after each chunk
 * written (done = the chunk's offset + its rows, of `count`).
 */
export async function writeRows(ctx: XlContext, h: TableHandle, start: number, chunks: Iterable<Chunk>, count: number, op: string, onChunk?: ChunkDone): Promise<void> {
  const end = start + count;
  if (end > h.physicalRows) await checkRoomBelow(ctx, h, end - h.physicalRows, op);
  let first = true;
  for (const chunk of chunks) {
    const at = start + chunk.offset;
    const n = chunk.values.length;
    const range = h.sheet.getRangeByIndexes(h.top + 1 + at, h.left, n, h.width);
    ctx.application.suspendApiCalculationUntilNextSync();
    if (first) ctx.application.suspendScreenUpdatingUntilNextSync();
    first = false;
    range.numberFormat = chunk.formats;
    range.values = chunk.values;
    if (at + n > h.physicalRows) {
      h.table.resize(h.sheet.getRangeByIndexes(h.top, h.left, 1 + at + n, h.width));
      h.physicalRows = at + n;
    }
    await syncOr(ctx, op);
    onChunk?.(chunk.offset + n, count);
  }
  h.logicalRows = Math.max(h.logicalRows, end);
}

async function checkRoomBelow(ctx: XlContext, h: TableHandle, extra: number, op: string): Promise<void> {
  const bottom = h.top + 1 + h.physicalRows;
  if (bottom + extra > EXCEL_ROWS) throw new Error(`${op}: table ${h.name} would pass Excel's last row (${EXCEL_ROWS}); it has ${h.physicalRows} rows`);
  if (h.usedBottom <= bottom) return;
  const below: XlRange = h.sheet.getRangeByIndexes(bottom, h.left, Math.min(extra, h.usedBottom - bottom), h.width).getUsedRangeOrNullObject(true).load("address");
  await syncOr(ctx, op);
  if (!below.isNullObject) throw new Error(`${op}: table ${h.name} cannot grow: sheet "${h.sheetName}" has values below it (${below.address}); move them first`);
}

/** Queues the deletion of data rows [from, from + count) (full table width, cells below move up). */
export function deleteRows(h: TableHandle, from: number, count: number): void {
  if (count <= 0) return;
  h.sheet.getRangeByIndexes(h.top + 1 + from, h.left, count, h.width).delete("Up");
  h.physicalRows -= count;
  h.logicalRows = Math.min(h.logicalRows, h.physicalRows);
}

/** Queues making the table empty: one blank data row in the column formats. */
export function makeEmpty(h: TableHandle): void {
  deleteRows(h, 1, h.physicalRows - 1);
  const row = h.sheet.getRangeByIndexes(h.top + 1, h.left, 1, h.width);
  row.clear("Contents");
  row.numberFormat = [[...h.formats]];
  h.logicalRows = 0;
}
