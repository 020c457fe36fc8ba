/**
 * Table reads and writes over Excel, in chunks (chunks.ts):
 * - openTable: 2 syncs (does the table exist, are its header and total rows
 *   on; then its sheet, protection, header, size, the number formats of its
 *   first rows for the column formats, and its first row for the "only row is
 *   blank = empty table" rule and the first read chunk's size).
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
 *   const h = await openTable(ctx, "tblLedger", "appendRows tblLedger", "1900", true);
 *   await writeRows(ctx, h, h.logicalRows, planChunks(rows, h.width, (j) => h.formats[j], h.dates), rows.length, op);
 */
import type { CellValue } from "../../ports/workbook";
import type { DateSystem } from "./cellValues";
import { fromExcelCell, mayBeError } from "./cellValues";
import type { Chunk } from "./chunks";
import {
  EXCEL_ROWS,
  columnFormats,
  firstReadChunk,
  halves,
  isPayloadError,
  jsonBytes,
  nextReadChunk,
  rowsJsonBytes,
} from "./chunks";
import type { XlContext, XlRange, XlTable, XlWorksheet } from "./excelHost";
import { ExcelApiError, syncOr } from "./officeErrors";
import { textOf } from "../../core/text/textOf";

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
  /** the workbook's date system: dates read and written as its serials */
  readonly dates: DateSystem;
  readonly isProtected: boolean;
  /** sheet row (exclusive) where the sheet's values end; -1 when unknown or none */
  readonly usedBottom: number;
  /** JSON bytes per row (values + formats) of the sampled first rows: sizes the first read chunk */
  readonly bytesPerRow: number;
  /** the table has a total row below its data (turned off while rows are written below the body, then on again) */
  readonly totals?: boolean;
  /** the data body's row count, loaded after queued deletes: checked by verifyDeletes after their sync */
  deleted?: XlRange;
}

/** The table `name` (case-insensitive) with what writes need; undefined when the workbook has none. */
export async function openTable(
  ctx: XlContext,
  name: string,
  op: string,
  dates: DateSystem,
  forWrite = false,
): Promise<TableHandle | undefined> {
  const table = ctx.workbook.tables.getItemOrNullObject(name);
  table.load("name, showHeaders, showTotals");
  await syncOr(ctx, op);
  if (table.isNullObject) return undefined;
  if (!table.showHeaders)
    throw new Error(
      `${op}: the header row of table ${table.name} is turned off; turn it on (Table Design › Header Row) so Closebook can find its columns`,
    );
  const sheet = table.worksheet;
  sheet.load("name");
  sheet.protection.load("protected");
  const header = table.getHeaderRowRange().load("values, rowIndex, columnIndex, columnCount");
  const body = table.getDataBodyRange().load("rowCount");
  // formats of the first rows; values of the first row only (25 rows of long text could pass the payload limit by themselves)
  const sample = header.getRowsBelow(SAMPLE_ROWS).getIntersection(body).load("numberFormat");
  const firstRow = header.getRowsBelow(1).getIntersection(body).load("values, numberFormat");
  const used = forWrite ? sheet.getUsedRangeOrNullObject(true).load("rowIndex, rowCount") : undefined;
  await syncOr(ctx, op);
  const width = header.columnCount;
  const physicalRows = body.rowCount;
  const firstBlank = (firstRow.values[0] ?? []).every((v) => v === "" || v === null);
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
    dates,
    isProtected: sheet.protection.protected,
    usedBottom: used && !used.isNullObject ? used.rowIndex + used.rowCount : -1,
    bytesPerRow: jsonBytes(firstRow.values) + jsonBytes(firstRow.numberFormat),
    totals: table.showTotals,
  };
}

/** Rows moved so far by a chunked read or write, of `total` (per chunk; for the pane's progress bar). */
export type ChunkDone = (done: number, total: number) => void;

/** Every data row of the table as port values; `onChunk` after each chunk read. */
export async function readRows(
  ctx: XlContext,
  h: TableHandle,
  op: string,
  onChunk?: ChunkDone,
): Promise<CellValue[][]> {
  if (h.logicalRows === 0) return [];
  const rows: CellValue[][] = [];
  const suspects: [number, number][] = [];
  let chunk = firstReadChunk(h.bytesPerRow, h.width);
  for (let start = 0; start < h.physicalRows;) {
    const n = Math.min(chunk, h.physicalRows - start);
    const range = h.sheet.getRangeByIndexes(h.top + 1 + start, h.left, n, h.width).load("values, numberFormat");
    try {
      await syncOr(ctx, op);
    } catch (e) {
      // rows much longer than the sampled ones: read the same rows again in halves
      if (!(e instanceof ExcelApiError && isPayloadError(e.code) && n > 1)) throw e;
      chunk = Math.ceil(n / 2);
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
        out[j] = fromExcelCell(v[j], textOf(f[j] ?? "General"), false, h.dates);
      }
      rows.push(out);
    }
    chunk = nextReadChunk(n, rowsJsonBytes(values) + rowsJsonBytes(formats), h.width);
    start += n;
    onChunk?.(start, h.physicalRows);
  }
  for (let k = 0; k < suspects.length; k += TYPE_CHECKS_PER_SYNC) {
    const batch = suspects
      .slice(k, k + TYPE_CHECKS_PER_SYNC)
      .map(([r, c]) => ({ r, c, cell: h.sheet.getRangeByIndexes(h.top + 1 + r, h.left + c, 1, 1).load("valueTypes") }));
    await syncOr(ctx, op);
    for (const { r, c, cell } of batch) {
      const row = rows[r];
      if (row && cell.valueTypes[0]?.[0] === "Error") row[c] = { error: textOf(row[c]) };
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
export async function writeRows(
  ctx: XlContext,
  h: TableHandle,
  start: number,
  chunks: Iterable<Chunk>,
  count: number,
  op: string,
  onChunk?: ChunkDone,
): Promise<void> {
  const end = start + count;
  const grows = end > h.physicalRows;
  if (grows) await checkRoomBelow(ctx, h, end - h.physicalRows, op);
  if (!(grows && h.totals)) return writeChunks(ctx, h, start, chunks, count, op, onChunk);
  // a total row sits where the new rows go: turn it off for the writes and back on below them (in finally: never left off)
  h.table.showTotals = false;
  const restore = async (): Promise<void> => {
    h.table.showTotals = true;
    await syncOr(ctx, op);
  };
  try {
    await writeChunks(ctx, h, start, chunks, count, op, onChunk);
  } catch (e) {
    await restore().catch(() => undefined); // the write's own error is the one to report
    throw e;
  }
  await restore();
}

async function writeChunks(
  ctx: XlContext,
  h: TableHandle,
  start: number,
  chunks: Iterable<Chunk>,
  count: number,
  op: string,
  onChunk?: ChunkDone,
): Promise<void> {
  const end = start + count;
  let first = true;
  const write = async (chunk: Chunk): Promise<void> => {
    const at = start + chunk.offset;
    const n = chunk.values.length;
    const range = h.sheet.getRangeByIndexes(h.top + 1 + at, h.left, n, h.width);
    ctx.application.suspendApiCalculationUntilNextSync();
    if (first) ctx.application.suspendScreenUpdatingUntilNextSync();
    first = false;
    range.numberFormat = chunk.formats;
    range.values = chunk.values;
    const grows = at + n > h.physicalRows;
    if (grows) h.table.resize(h.sheet.getRangeByIndexes(h.top, h.left, 1 + at + n, h.width));
    try {
      await syncOr(ctx, op);
    } catch (e) {
      // too big for Excel after all (CJK text, overhead): the same rows again, in halves (writing them twice is harmless)
      if (!(e instanceof ExcelApiError && isPayloadError(e.code) && n > 1)) throw e;
      for (const half of halves(chunk)) await write(half);
      return;
    }
    if (grows) h.physicalRows = at + n;
    onChunk?.(chunk.offset + n, count);
  };
  for (const chunk of chunks) await write(chunk);
  h.logicalRows = Math.max(h.logicalRows, end);
}

async function checkRoomBelow(ctx: XlContext, h: TableHandle, extra: number, op: string): Promise<void> {
  // with a total row, the rows needed start below it (it moves down by `extra`)
  const bottom = h.top + 1 + h.physicalRows + (h.totals ? 1 : 0);
  if (bottom + extra > EXCEL_ROWS)
    throw new Error(
      `${op}: table ${h.name} would pass Excel's last row (${EXCEL_ROWS}); it has ${h.physicalRows} rows`,
    );
  if (h.usedBottom <= bottom) return;
  const below: XlRange = h.sheet
    .getRangeByIndexes(bottom, h.left, Math.min(extra, h.usedBottom - bottom), h.width)
    .getUsedRangeOrNullObject(true)
    .load("address");
  await syncOr(ctx, op);
  if (!below.isNullObject)
    throw new Error(
      `${op}: table ${h.name} cannot grow: sheet "${h.sheetName}" has values below it (${below.address}); move them first`,
    );
}

/** Queues the deletion of data rows [from, from + count) (full table width, cells below move up). */
export function deleteRows(h: TableHandle, from: number, count: number): void {
  if (count <= 0) return;
  // a filtered table ignores or refuses deletes in Excel (office-js #994, #468): clear its filters first
  h.table.clearFilters();
  h.sheet.getRangeByIndexes(h.top + 1 + from, h.left, count, h.width).delete("Up");
  h.deleted = h.table.getDataBodyRange().load("rowCount");
  h.physicalRows -= count;
  h.logicalRows = Math.min(h.logicalRows, h.physicalRows);
}

/** After the sync that ran deleteRows: throws when Excel left another number of rows than asked. */
export function verifyDeletes(h: TableHandle, op: string): void {
  const got = h.deleted?.rowCount;
  h.deleted = undefined;
  if (got === undefined || got === h.physicalRows) return;
  throw new Error(
    `${op}: Excel left table ${h.name} with ${got} data rows instead of ${h.physicalRows} (is a filter or sort applied?); clear the table's filters and try again`,
  );
}

/** Queues making the table empty: one blank data row in the column formats. */
export function makeEmpty(h: TableHandle): void {
  deleteRows(h, 1, h.physicalRows - 1);
  const row = h.sheet.getRangeByIndexes(h.top + 1, h.left, 1, h.width);
  row.clear("Contents");
  row.numberFormat = [[...h.formats]];
  h.logicalRows = 0;
}
