/**
 * The fast read path of the xlsx adapter: the workbook's tables read straight
 * from the package (yauzl + htmlparser2, zipPackage.ts, xmlScan.ts, sheetScan.ts), each only when
 * asked for. Opening reads the small parts (packageIndex.ts), the shared strings
 * and, per table, its sheet's column styles and header row plus the first 50 data
 * rows (for the number formats), then stops inflating that sheet. readTable()
 * reads the table's rows on first use and keeps them.
 *
 * Gives what readWorkbook.ts gives from exceljs (same checks, same messages,
 * same values): headers from the table columns (_xHHHH_ decoded) that must match
 * the header cells; data rows without the header and totals row; one all-blank
 * row reads as none; a column's number format is its column style's when the
 * column has one, else the most common of its first 50 data cells, else "General".
 *
 * Example: const lazy = await LazyTables.open(readFileSync("book.xlsx"));
 *   lazy.shapes()                        → [{ name: "tblSettings", sheet: "Settings", headers: [...], numberFormats: [...] }, …]
 *   await lazy.readTable("tblLedger")    → { name: "tblLedger", sheet: "Ledger", headers, rows } (Ledger's sheet parsed now)
 */
import type { CellValue, RawTable, TableShape } from "../../ports/workbook";
import { SheetNotFoundError } from "../../ports/workbook";
import { isBlank, key } from "../memory/memoryWorkbook";
import { decodeColumnName } from "./cellValues";
import type { PartLayout } from "./deflatedAppend";
import { partLayout } from "./deflatedAppend";
import { cellAddress } from "./layout";
import type { PackageIndex, TableEntry } from "./packageIndex";
import { readPackageIndex } from "./packageIndex";
import type { ColumnStyle, ScanRequest, SheetContext } from "./sheetScan";
import { readSharedStrings, scanSheet } from "./sheetScan";
import { ZipPackage } from "./zipPackage";

const FORMAT_SAMPLE = 50;

interface Known {
  readonly entry: TableEntry;
  readonly shape: TableShape;
  rows?: CellValue[][];
  /** how many data rows its sheet holds, once read (kept when the rows were handed out) */
  count?: number;
  /** its rows were read, they run to the end of the sheet's cells, and the sheet holds nothing else in those rows (no other cell, no formula) */
  plain?: boolean;
  /** TWICE (#14): the rows last handed out, while their reader holds them (never kept alive from here) */
  given?: WeakRef<readonly (readonly CellValue[])[]>;
}

/** A table whose sheet a full load need not parse row by row: its data rows after the first can be left out and taken from here. */
export interface ReadTable {
  readonly name: string;
  readonly sheetPart: string;
  /** the first row to leave out (the second data row) */
  readonly fromRow: number;
  readonly numberFormats: readonly string[];
  readonly rows: readonly (readonly CellValue[])[];
}

/** A table the patch save can write in place (patchSession.ts), with what it needs from the package. */
export interface PatchSource {
  readonly entry: TableEntry;
  readonly shape: TableShape;
  /** its data rows; undefined when they were handed out (a large table read once: `count` says how many) */
  readonly rows: readonly (readonly CellValue[])[] | undefined;
  readonly count: number;
  /** its rows were not read (a large table taken to append to): whether they are plain is asked (`isPlain`) before a write rewrites them */
  readonly unchecked?: boolean;
  /** TWICE (#14): the rows handed out, while their reader holds them: the patch session checks keys against them */
  readonly given?: WeakRef<readonly (readonly CellValue[])[]>;
}

export class LazyTables {
  /**
   * A table with more data rows than this is handed out as read, not copied, and not kept (a million-line
   * ledger is read once per command; a copy and the kept rows would hold it three times): a second read
   * parses its sheet again. Smaller tables are kept and copied for each read.
   */
  static handOutRows = 10_000;

  private constructor(
    private readonly zip: ZipPackage,
    private readonly index: PackageIndex,
    private readonly ctx: SheetContext,
    private readonly tables: Map<string, Known>,
  ) {}

  /** whether each worksheet part is protected, learnt while its rows were read (or by a scan of its own) */
  private readonly protection = new Map<string, boolean>();
  /** each part's layout once looked for (layoutOf); null: not Closebook's */
  private readonly layouts = new Map<string, PartLayout | null>();

  static async open(data: Buffer): Promise<LazyTables> {
    const zip = await ZipPackage.fromBuffer(data);
    const index = await readPackageIndex(zip);
    const ctx: SheetContext = {
      styles: index.styles,
      date1904: index.date1904,
      sharedStrings: await readSharedStrings(zip, index.sharedStringsPart),
    };
    const tables = new Map<string, Known>();
    // tables in tab order, and on a sheet in reading order (as readWorkbook.ts)
    for (const s of index.sheets) {
      const onSheet = index.tables
        .filter((t) => t.sheet === s.name)
        .sort((a, b) => a.rect.top - b.rect.top || a.rect.left - b.rect.left);
      for (const t of onSheet) {
        const shape = await readShape(zip, ctx, t);
        if (tables.has(key(t.name))) throw new Error(`table ${t.name} appears twice`);
        tables.set(key(t.name), { entry: t, shape });
      }
    }
    return new LazyTables(zip, index, ctx, tables);
  }

  /** Worksheet names in tab order. */
  sheetNames(): string[] {
    return this.index.sheets.filter((s) => s.part !== undefined).map((s) => s.name);
  }

  /**
   * The tables read so far that sit alone on their sheet with plain rows (see Known.plain),
   * without totals row, with at least two data rows: a full load may leave their rows out
   * of the sheet it parses and take them from here (xlsxWorkbook.ts). Rows as in the file (those
   * handed out are read again).
   */
  async readTables(): Promise<ReadTable[]> {
    const all = [...this.tables.values()];
    const out: ReadTable[] = [];
    for (const t of all) {
      const alone = all.filter((o) => o.entry.sheetPart === t.entry.sheetPart).length === 1;
      if (t.count === undefined || !t.plain || !alone || t.entry.totalsRow || t.count < 2) continue;
      // rows handed out (a large table) are read again: the fast reader is quicker than exceljs' load
      const rows = t.rows ?? (await readRows(this.zip, this.ctx, t.entry, {}));
      out.push({
        name: t.shape.name,
        sheetPart: t.entry.sheetPart,
        fromRow: t.entry.rect.top + 2,
        numberFormats: t.shape.numberFormats,
        rows,
      });
    }
    return out;
  }

  /** Whether a worksheet is protected (names match case-insensitively); SheetNotFoundError for a sheet the workbook lacks. */
  async isProtected(sheet: string): Promise<boolean> {
    const k = typeof sheet === "string" ? key(sheet) : undefined;
    const part = this.index.sheets.find((s) => s.part !== undefined && key(s.name) === k)?.part;
    if (part === undefined) throw new SheetNotFoundError(String(sheet), "isProtected");
    const found = this.zip.find(part) ?? part;
    // the <sheetProtection> after the cells (a write session asks this of the 100 MB ledger sheet a posting never
    // reads): from the tail alone when the part has Closebook's layout (#14), else found in the inflated bytes;
    // the scan when the part's end is not plain
    if (!this.protection.has(found)) {
      const layout = await this.layoutOf(found);
      const fromTail =
        layout && layout.tail.length <= TAIL_MAX
          ? protectionIn(layout.tail.toString("latin1"))
          : await protectionAfterCells(this.zip.chunks(found));
      if (fromTail !== undefined) this.protection.set(found, fromTail);
    }
    if (!this.protection.has(found)) {
      await scanSheet(this.zip, found, this.ctx, {
        top: Infinity,
        bottom: Infinity,
        left: 1,
        right: 0,
        onCell: () => undefined,
        onProtection: (p) => this.protection.set(found, p),
      });
    }
    return this.protection.get(found) === true;
  }

  /**
   * A worksheet part's head and tail when it has Closebook's layout (deflatedAppend.ts: restart points before its
   * table's first data row and before </sheetData>), found once from its compressed bytes without inflating its
   * rows (#14); undefined when it has not, or when it does not hold exactly one table.
   */
  async layoutOf(part: string): Promise<PartLayout | undefined> {
    const found = this.zip.find(part) ?? part;
    if (!this.layouts.has(found)) {
      const on = [...this.tables.values()].filter(
        (t) => (this.zip.find(t.entry.sheetPart) ?? t.entry.sheetPart) === found,
      );
      const layout =
        on.length === 1 && this.zip.has(found)
          ? partLayout(await this.zip.raw(found), on[0]!.entry.rect.top + 1)
          : undefined;
      this.layouts.set(found, layout ?? null);
    }
    return this.layouts.get(found) ?? undefined;
  }

  /**
   * The table when a patch save can change its sheet in place: alone on its sheet, no totals
   * row, its rows plain (read now if they were not yet); undefined otherwise or when there is no such table.
   */
  async patchSource(name: string): Promise<PatchSource | undefined> {
    const t = typeof name === "string" ? this.tables.get(key(name)) : undefined;
    if (!t || t.entry.totalsRow) return undefined;
    const alone = [...this.tables.values()].filter((o) => o.entry.sheetPart === t.entry.sheetPart).length === 1;
    // NEEDS (#14): a large table not read (a posting appends to the ledger without reading it): taken with its
    // rows left in the file, their count from its ref; a streamed append copies them as they are
    const fromRef = refRows(t.entry);
    if (t.count === undefined && alone && fromRef > LazyTables.handOutRows)
      return { entry: t.entry, shape: copyShape(t.shape), rows: undefined, count: fromRef, unchecked: true };
    if (t.count === undefined) await this.readRowsOf(t);
    if (!t.plain || !alone || t.count === undefined) return undefined;
    return { entry: t.entry, shape: copyShape(t.shape), rows: t.rows, count: t.count, given: t.given };
  }

  /**
   * Whether a table taken `unchecked` has plain rows (Known.plain; its sheet scanned now, the rows not kept)
   * and as many as its ref said: a write rewriting its rows in place needs both.
   */
  async isPlain(name: string): Promise<boolean> {
    const t = typeof name === "string" ? this.tables.get(key(name)) : undefined;
    if (!t) return false;
    if (t.count === undefined) {
      await this.readRowsOf(t);
      t.rows = undefined;
    }
    return t.plain === true && t.count === refRows(t.entry);
  }

  /**
   * The port's tableSize: headers and data row count without reading the rows (the count from the table's
   * ref); a table of at most one data row is read (one all-blank row is how Excel holds an empty table).
   */
  async tableSize(name: string): Promise<{ headers: string[]; rows: number } | undefined> {
    const t = typeof name === "string" ? this.tables.get(key(name)) : undefined;
    if (!t) return undefined;
    const rows = t.count ?? (refRows(t.entry) > 1 ? refRows(t.entry) : (await this.readRowsOf(t)).length);
    return { headers: [...t.shape.headers], rows };
  }

  /** A table's rows read again from its sheet (after they were handed out), not kept. */
  async rowsAgain(name: string): Promise<CellValue[][] | undefined> {
    const t = typeof name === "string" ? this.tables.get(key(name)) : undefined;
    return t && readRows(this.zip, this.ctx, t.entry, {});
  }

  /**
   * Lets go of a table's rows once the patch session holds them (patchSource's rows, not copied): a later
   * readTable parses its sheet again, and a full load has exceljs parse it (readTables leaves it out).
   */
  release(name: string): void {
    const t = typeof name === "string" ? this.tables.get(key(name)) : undefined;
    if (t) t.rows = undefined;
  }

  /** The table on a worksheet (names match case-insensitively), when it is the only one there. */
  tableOnSheet(sheet: string): string | undefined {
    const k = typeof sheet === "string" ? key(sheet) : undefined;
    const on = [...this.tables.values()].filter((t) => key(t.entry.sheet) === k);
    return on.length === 1 ? on[0]!.shape.name : undefined;
  }

  /** The package, its date system and cell styles, for the patch save. */
  get pkg(): {
    readonly zip: ZipPackage;
    readonly date1904: boolean;
    readonly isDateStyle: (s: number) => boolean;
    /** TWICE (#14): for rows the save decodes from their XML (rowDecode.ts) */
    readonly ctx: SheetContext;
  } {
    return {
      zip: this.zip,
      date1904: this.index.date1904,
      isDateStyle: (s) => s > 0 && this.ctx.styles.isDate(s),
      ctx: this.ctx,
    };
  }

  shapes(): TableShape[] {
    return [...this.tables.values()].map((t) => copyShape(t.shape));
  }

  async readTable(name: string): Promise<RawTable | undefined> {
    const t = typeof name === "string" ? this.tables.get(key(name)) : undefined;
    if (!t) return undefined;
    const rows = t.rows ?? (await this.readRowsOf(t));
    const { shape } = t;
    const large = rows.length > LazyTables.handOutRows;
    // a large table's rows go to the caller as read (cells repeated in them share their texts and dates);
    // TWICE (#14): remembered weakly, for the patch session's key checks while the caller holds them
    if (large) {
      t.rows = undefined;
      t.given = new WeakRef(rows);
      // a new WeakRef keeps its target alive for the rest of the job (until the event loop turns): without a turn
      // here, a caller that decodes and drops the rows, then computes without I/O (a close's steps), would still
      // have them held (1M journal rows, ~256 MB). The caller holds them through this turn anyway.
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
    return {
      name: shape.name,
      sheet: shape.sheet,
      headers: [...shape.headers],
      rows: large ? rows : rows.map((r) => r.map(copyCell)),
    };
  }

  private async readRowsOf(t: Known): Promise<CellValue[][]> {
    let plain = true;
    let reachedEnd = false;
    const rows = await readRows(this.zip, this.ctx, t.entry, {
      onProtection: (p) => {
        reachedEnd = true;
        this.protection.set(t.entry.sheetPart, p);
      },
      onOddCell: () => void (plain = false),
    });
    t.plain = plain && reachedEnd;
    t.count = rows.length;
    t.rows = rows;
    return rows;
  }
}

const SHEET_DATA_END = /<\/(?:[A-Za-z_][\w.-]*:)?sheetData\s*>/g;
const PROTECTION_TAG = /<(?:[A-Za-z_][\w.-]*:)?sheetProtection\b[^>]*>/g;
/** the most of a part's end (after its last </sheetData>) held; longer: undefined, the scan decides */
const TAIL_MAX = 1024 * 1024;

/**
 * Whether a worksheet part is protected, from what follows its last </sheetData> (where <sheetProtection> is):
 * its `sheet` attribute "1" or "true", as the sheet scan reads it. Undefined when the part has no </sheetData>
 * or its end is too long to hold. Example: `…</sheetData><sheetProtection sheet="1" …/>…` → true.
 */
export async function protectionAfterCells(chunks: AsyncIterable<Buffer>): Promise<boolean | undefined> {
  let tail = ""; // from the last </sheetData> seen (or the last bytes, for a tag across chunks)
  let seen = false;
  for await (const chunk of chunks) {
    // most chunks are rows: skipped by a byte search, without a string
    const across = (tail.slice(-16) + chunk.toString("latin1", 0, 16)).includes("sheetData");
    if (!seen && !across && chunk.lastIndexOf("sheetData") < 0) {
      tail = (tail + chunk.toString("latin1", Math.max(0, chunk.length - 64))).slice(-64);
      continue;
    }
    const text = tail + chunk.toString("latin1");
    let end = -1;
    for (const m of text.matchAll(SHEET_DATA_END)) end = m.index;
    if (end >= 0) {
      seen = true;
      tail = text.slice(end);
    } else if (seen) tail = text;
    else tail = text.slice(-64);
    if (seen && tail.length > TAIL_MAX) return undefined;
  }
  return seen ? protectionIn(tail) : undefined;
}

/** The last <sheetProtection>'s `sheet` flag in a part's text from its last </sheetData> (false: none). */
function protectionIn(tail: string): boolean {
  let sheet: boolean = false;
  for (const m of tail.matchAll(PROTECTION_TAG)) {
    const v = /\ssheet\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(m[0]);
    const value = v ? (v[1] ?? v[2]) : undefined;
    sheet = value === "1" || value === "true";
  }
  return sheet;
}

/** The data rows a table's ref spans (as readRows counts them, before an all-blank single row is taken as none). */
function refRows(t: TableEntry): number {
  return Math.max(0, t.rect.bottom - (t.totalsRow ? 1 : 0) - t.rect.top);
}

function copyShape(s: TableShape): TableShape {
  return { name: s.name, sheet: s.sheet, headers: [...s.headers], numberFormats: [...s.numberFormats] };
}

function copyCell(v: CellValue): CellValue {
  if (v instanceof Date) return new Date(v.getTime());
  if (v !== null && typeof v === "object") return { error: v.error };
  return v;
}

function cellText(v: CellValue): string {
  if (v === null) return "";
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") return v.error;
  return String(v);
}

/** Headers (checked against the header cells) and number formats, reading the sheet only down to the first 50 data rows. */
async function readShape(zip: ZipPackage, ctx: SheetContext, t: TableEntry): Promise<TableShape> {
  const { rect } = t;
  const where = `table ${t.name} on sheet "${t.sheet}"`;
  const width = rect.right - rect.left + 1;
  if (t.columns.length !== width)
    throw new Error(`${where}: ${t.columns.length} columns but range ${t.ref} is ${width} wide`);
  const headers = t.columns.map(decodeColumnName);
  const headerCells = new Map<number, CellValue>();
  const firstData = rect.top + 1;
  const lastData = rect.bottom - (t.totalsRow ? 1 : 0);
  const sampleEnd = Math.min(lastData, firstData + FORMAT_SAMPLE - 1);
  const sample = headers.map(() => new Map<string, number>());
  const seen = headers.map(() => 0);
  let cols: readonly ColumnStyle[] = [];
  await scanSheet(zip, t.sheetPart, ctx, {
    top: rect.top,
    bottom: Math.max(rect.top, sampleEnd),
    left: rect.left,
    right: rect.right,
    onCols: (c) => (cols = c),
    onCell(row, col, value, styleId) {
      if (row === rect.top) headerCells.set(col, value);
      else if (row <= sampleEnd) {
        const j = col - rect.left;
        const fmt = ctx.styles.numFmt(styleId) || "General";
        const m = sample[j]!;
        m.set(fmt, (m.get(fmt) ?? 0) + 1);
        seen[j]!++;
      }
    },
  });
  headers.forEach((h, j) => {
    const text = cellText(headerCells.get(rect.left + j) ?? null);
    if (text.trim().toLowerCase() !== h.trim().toLowerCase()) {
      throw new Error(
        `${where}: header cell ${cellAddress(rect.top, rect.left + j)} reads "${text}" but the table column is "${h}"` +
          ` (a table without a header row?). Turn on the table's Header Row in Excel.`,
      );
    }
  });
  const rowsSampled = Math.max(0, sampleEnd - firstData + 1);
  const numberFormats = headers.map((_, j) => {
    const c = rect.left + j;
    const colStyle = cols.find((x) => c >= x.min && c <= x.max)?.style ?? 0;
    if (ctx.styles.exists(colStyle)) return ctx.styles.numFmt(colStyle) || "General";
    const counts = sample[j]!;
    // rows without a cell in this column count as "General" (readWorkbook.ts: no cell → General)
    const missing = rowsSampled - seen[j]!;
    if (missing > 0) counts.set("General", (counts.get("General") ?? 0) + missing);
    let best = "General";
    let most = 0;
    for (const [fmt, n] of counts) if (n > most) [best, most] = [fmt, n];
    return best;
  });
  return { name: t.name, sheet: t.sheet, headers, numberFormats };
}

async function readRows(
  zip: ZipPackage,
  ctx: SheetContext,
  t: TableEntry,
  hooks: Pick<ScanRequest, "onProtection" | "onOddCell">,
): Promise<CellValue[][]> {
  const { rect } = t;
  const width = rect.right - rect.left + 1;
  const firstData = rect.top + 1;
  const lastData = rect.bottom - (t.totalsRow ? 1 : 0);
  const count = Math.max(0, lastData - firstData + 1);
  const rows: CellValue[][] = new Array<CellValue[]>(count);
  for (let i = 0; i < count; i++) rows[i] = new Array<CellValue>(width).fill(null);
  if (count > 0) {
    await scanSheet(zip, t.sheetPart, ctx, {
      top: firstData,
      bottom: lastData,
      left: rect.left,
      right: rect.right,
      onCell(row, col, value) {
        rows[row - firstData]![col - rect.left] = value;
      },
      ...hooks,
    });
  }
  // one all-blank data row is how Excel holds an empty table (MemoryWorkbook's normaliseBlank)
  if (rows.length === 1 && rows[0]!.every(isBlank)) return [];
  return rows;
}
