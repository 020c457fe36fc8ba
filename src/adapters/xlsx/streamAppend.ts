/**
 * Rows streamed into tables of a workbook too large to hold (the large demo, a million ledger
 * lines): each table's rows are written as SpreadsheetML (rowXml.ts) a chunk at a time and
 * deflated at once, so only the compressed part is kept. A chunk is deflated on its own and
 * ends with a sync flush (a byte-aligned, non-final block: pigz's way), so the pieces laid end
 * to end are one deflate stream; the part's CRC is combined from the pieces' (crc32Combine).
 * `save` takes the workbook as saved (its tables alone on their sheets, no totals row, as the
 * patch save needs them), puts each table's part together — the part's head and its rows as
 * saved, the streamed rows, the rest (sheetPatch.ts appendFrame) — rewrites the table's ref,
 * copies every other part with its compressed bytes and writes the file atomically, piece by piece.
 *
 * Example: const rows = new StreamedRows(wb);            // wb: an XlsxWorkbook with its tables made
 *   const ledger = await rows.sink("tblLedger");          // layout from the workbook as saved now
 *   ledger.append(encodedRows);  …                        // a million rows, 20,000 at a time
 *   await rows.save("big.xlsx");                          // the workbook as saved then + the rows
 */
import * as zlib from "node:zlib";
import type { CellValue } from "../../ports/workbook";
import { writeFileAtomic } from "./atomicWrite";
import { worksheetMayNeedFix } from "./foreignPackage";
import { LazyTables } from "./lazyTables";
import { EXCEL_MAX_ROWS } from "./layout";
import type { RowLayout } from "./rowXml";
import { rowsXml } from "./rowXml";
import { appendFrame, patchTableRef, type AppendFrame } from "./sheetPatch";
import {
  DeflatedPart,
  crc32,
  crc32Combine,
  deflatedEntry,
  zipPackageChunks,
  type ZipOutEntry,
  type ZipOutPieces,
} from "./zipWriter";

type Rows = readonly (readonly CellValue[])[];

const SYNC = { level: 1, finishFlush: zlib.constants.Z_SYNC_FLUSH };
const PIECE = 4_000;

/** A table's rows written and deflated as they come. */
export class RowsAppender {
  /** the rows' XML, a stream neither started nor finished here: the part's head and tail go around it (partEntry) */
  readonly part = new DeflatedPart();
  count = 0;

  constructor(
    readonly table: string,
    /** where the first row goes, as the workbook was saved when the appender was made */
    readonly layout: RowLayout,
    private readonly room: number,
  ) {}

  append(rows: Rows): void {
    // a few thousand rows per XML string: each stays a few megabytes
    for (let i = 0; i < rows.length; i += PIECE) this.piece(rows.slice(i, i + PIECE));
  }

  private piece(rows: Rows): void {
    if (rows.length === 0) return;
    if (this.count + rows.length > this.room)
      throw new Error(`${this.table}: more rows than a sheet holds (${EXCEL_MAX_ROWS.toLocaleString("en")})`);
    // "" is a blank cell, as every port stores it
    const xml = rowsXml(rows, { ...this.layout, firstRow: this.layout.firstRow + this.count }, { emptyAsBlank: true });
    if (xml === undefined)
      throw new Error(
        `${this.table}: rows ${this.count + 1}..${this.count + rows.length} hold a value rowXml cannot write`,
      );
    this.part.write(xml);
    this.count += rows.length;
  }
}

/** Rows of several tables streamed past what a workbook holds, saved together with it. */
export class StreamedRows {
  private readonly appenders: RowsAppender[] = [];
  private saved: Promise<LazyTables> | undefined;

  constructor(private readonly wb: { toBuffer(): Promise<Buffer> }) {}

  /** An appender for a table, its layout read from the workbook as saved at the first call. */
  async sink(table: string): Promise<RowsAppender> {
    this.saved ??= this.wb.toBuffer().then((b) => LazyTables.open(b));
    const lazy = await this.saved;
    const frame = await frameOf(lazy, table, 1);
    const a = new RowsAppender(table, frame.layout, EXCEL_MAX_ROWS - frame.layout.firstRow + 1);
    this.appenders.push(a);
    return a;
  }

  /** The workbook as it is now, with every appender's rows after its table's rows, written to `file`. */
  async save(file: string): Promise<void> {
    const lazy = await LazyTables.open(await this.wb.toBuffer());
    const { zip } = lazy.pkg;
    const when = new Date();
    const changed = new Map<string, ZipOutEntry | ZipOutPieces>();
    for (const a of this.appenders) {
      if (a.count === 0) continue;
      const frame = await frameOf(lazy, a.table, a.count);
      if (JSON.stringify(frame.layout) !== JSON.stringify(a.layout))
        throw new Error(`${a.table}: its sheet changed since its rows were written (rows or column styles)`);
      changed.set(frame.sheetPart, partEntry(frame.sheetPart, frame, a, when));
      const table = patchTableRef(await zip.read(frame.tablePart), frame.oldRef, frame.ref);
      if (!table) throw new Error(`${a.table}: its table part has no ref ${frame.oldRef}`);
      changed.set(frame.tablePart, deflatedEntry(frame.tablePart, table, when));
    }
    const entries: (ZipOutEntry | ZipOutPieces)[] = [];
    for (const name of zip.names()) entries.push(changed.get(name) ?? (await zip.raw(name)));
    await writeFileAtomic(file, zipPackageChunks(entries));
  }
}

interface Frame extends AppendFrame {
  readonly sheetPart: string;
  readonly tablePart: string;
  readonly oldRef: string;
}

async function frameOf(lazy: LazyTables, table: string, added: number): Promise<Frame> {
  const source = await lazy.patchSource(table);
  if (!source) throw new Error(`${table}: not a plain table alone on its sheet; rows cannot be streamed into it`);
  const { zip, date1904, isDateStyle } = lazy.pkg;
  const xml = await zip.read(source.entry.sheetPart);
  const kept = source.count;
  const frame =
    xml && !worksheetMayNeedFix(xml)
      ? appendFrame(xml, { rect: source.entry.rect, kept, total: kept + added, styleIsDate: isDateStyle, date1904 })
      : undefined;
  if (!frame)
    throw new Error(`${table}: its sheet is not laid out as Closebook writes it; rows cannot be streamed into it`);
  return { ...frame, sheetPart: source.entry.sheetPart, tablePart: source.entry.tablePart, oldRef: source.entry.ref };
}

/** The worksheet part: head, the appender's pieces, tail — one deflate stream, its CRC combined. */
function partEntry(name: string, frame: AppendFrame, a: RowsAppender, when: Date): ZipOutPieces {
  a.part.flush();
  const head = zlib.deflateRawSync(frame.head, SYNC);
  const tail = zlib.deflateRawSync(frame.tail, { level: 1 });
  const rows = a.part;
  const crc = crc32Combine(crc32Combine(crc32(frame.head), rows.crc, rows.size), crc32(frame.tail), frame.tail.length);
  return {
    ...deflatedEntry(name, Buffer.alloc(0), when),
    crc32: crc,
    size: frame.head.length + rows.size + frame.tail.length,
    data: [head, ...rows.pieces, tail],
  };
}
