/**
 * Writing a lazily opened workbook without loading it whole (the patch save).
 * The table writes and the protection changes of a command are taken here while
 * every table they touch can be changed in place (LazyTables.patchSource: alone on
 * its sheet, no totals row, plain rows): each such table gets its own
 * MemoryWorkbook (the port's semantics, its sheet's lock from the file), and the
 * session remembers which of the file's rows are still in place (`kept`) and
 * which were written (`dirty`). Anything else (a report, a new table, a table
 * beside others, protection of a sheet without a table) is refused (false): the
 * adapter then loads the file whole and replays the `log` of what was taken.
 *
 * build() writes the package: every part not changed is copied with its
 * compressed bytes (ZipPackage.raw), each changed table's worksheet part is
 * patched (sheetPatch.ts: appended rows written after the last one, changed
 * rows rewritten, the rest copied; streamed, sheetStream.ts, when no file row is
 * cut or moved) and its table part's ref updated; new report sheets are written
 * row by row (reportXml.ts, merged by reportPatch.ts).
 * Undefined when a part cannot be patched: the adapter saves through exceljs.
 *
 * Example: open a 100,000-line workbook, appendRows("tblLedger", six rows),
 *   updateCells("tblRuns", …) → build() rewrites the Ledger and Runs sheet parts
 *   and their two table parts; the other 60-odd parts are copied as they were.
 */
import { keyIndexes, movedRow } from "../../ports/rowKeys";
import type { CellUpdate, CellValue, KeyedUpdate, RawTable, ReportSheet } from "../../ports/workbook";
import { MemoryWorkbook, checkCellValue, copyCell, findHeader, isBlank, key } from "../memory/memoryWorkbook";
import type { SheetLock } from "../memory/sheetLocks";
import type { LazyTables, PatchSource } from "./lazyTables";
import { worksheetMayNeedFix } from "./foreignPackage";
import { EXCEL_MAX_ROWS } from "./layout";
import { protectionElement, readProtection } from "./protectionXml";
import { addReportParts } from "./reportPatch";
import { HashedLock, isProtectedModel } from "./sheetProtection";
import { patchSheet, patchTableRef } from "./sheetPatch";
import { decodeRowXml } from "./rowDecode";
import type { RowEdit } from "./sheetStream";
import { appendDeflated, appendsOnly } from "./deflatedAppend";
import { layoutFrame, patchSheetStreamed, sheetFrame, streamable } from "./sheetStream";
import type { ZipOutEntry, ZipOutPieces } from "./zipWriter";
import { ZipTooLargeError, deflatedEntry, zipPackageChunks } from "./zipWriter";

type Rows = readonly (readonly CellValue[])[];

interface Patched {
  readonly source: PatchSource;
  /** the table as written: its rows after the first `base` */
  mem: MemoryWorkbook;
  /**
   * leading rows of the file not held (a large table whose rows the reader handed out): `mem` holds what
   * was appended after them; cell changes of them are kept as `edits` (the save decodes those rows as it streams
   * the part); a write or read that needs them whole reads them again (`whole`)
   */
  base: number;
  /** the sheet's lock as read from the file */
  readonly fileLock: SheetLock | undefined;
  kept: number;
  readonly dirty: Set<number>;
  /** taken without its rows read (PatchSource.unchecked): a write rewriting them asks `rewritable` first */
  unchecked?: boolean;
  /** the part was not walked when taken (an unprotected sheet): build() refuses it if it needs foreignPackage.ts' fixes */
  unframed?: boolean;
  /**
   * TWICE (#14): cell changes of file rows not held (0-based data row → its edit), written as the save streams the
   * part (each row decoded from its XML there); `whole` applies them to the rows it reads again
   */
  readonly edits: Map<number, { cells: Map<number, CellValue>; keys: Map<number, CellValue> }>;
}

/** A port call the session took, to be replayed on the whole workbook if a later call needs it. */
export interface LoggedCall {
  readonly method: string;
  readonly args: readonly unknown[];
}

export class PatchSession {
  private readonly tables = new Map<string, Patched | null>();
  /** report sheets new to the file (reportPatch.ts), checked as the port checks them */
  private readonly reports = new MemoryWorkbook();
  readonly log: LoggedCall[] = [];

  constructor(private readonly lazy: LazyTables) {}

  // ---------------------------------------------------------------- reading

  /** The table as written so far; undefined when the session does not hold it. */
  async readTable(name: string): Promise<RawTable | undefined> {
    const t = typeof name === "string" ? this.tables.get(key(name)) : undefined;
    return t ? (await this.whole(t)).mem.readTable(name) : undefined;
  }

  /** The port's tableSize of a table the session holds (the file's rows it left there counted); undefined otherwise. */
  tableSize(name: string): { headers: string[]; rows: number } | undefined {
    const t = typeof name === "string" ? this.tables.get(key(name)) : undefined;
    return t ? { headers: [...t.source.shape.headers], rows: t.base + t.mem.rowCount(name)! } : undefined;
  }

  /** Whether the sheet is protected now; undefined when the session does not hold its table. */
  async isProtected(sheet: string): Promise<boolean | undefined> {
    const t = this.held(sheet);
    if (t) return t.mem.isProtected(sheet);
    // a report sheet the session added is not protected (protecting it loads the file whole)
    return typeof sheet === "string" && this.reportSheetNames().some((s) => key(s) === key(sheet)) ? false : undefined;
  }

  // ---------------------------------------------------------------- writing (false: not taken, nothing changed)

  async appendRows(name: string, rows: Rows): Promise<boolean> {
    const t = await this.table(name);
    if (!t || !Array.isArray(rows) || !this.fits(t, t.base + t.mem.rowCount(name)! + rows.length)) return false;
    // a blank row alone would read as an empty table (the memory workbook's rule): held after the file's rows, it is not
    if (t.base > 0 && rows.some((r) => Array.isArray(r) && r.every(isBlank))) {
      if (!(await this.rewritable(t))) return false;
      await this.whole(t);
    }
    await t.mem.appendRows(name, rows);
    return true;
  }

  async updateCells(name: string, updates: readonly CellUpdate[]): Promise<boolean> {
    const t = await this.table(name);
    if (!t || !(await this.rewritable(t))) return false;
    if (await this.editInPlace(t, updates)) return true;
    await (await this.whole(t)).mem.updateCells(name, updates);
    for (const u of updates) t.dirty.add(u.row - 1);
    return true;
  }

  async updateCellsByKey(
    name: string,
    keyColumns: readonly string[],
    updates: readonly KeyedUpdate[],
  ): Promise<boolean> {
    const t = await this.table(name);
    if (!t || !(await this.rewritable(t))) return false;
    if (await this.editInPlace(t, updates, keyColumns)) return true;
    await (await this.whole(t)).mem.updateCellsByKey(name, keyColumns, updates);
    for (const u of updates) t.dirty.add(u.row - 1);
    return true;
  }

  async truncateRows(name: string, keep: number): Promise<boolean> {
    const t = await this.table(name);
    if (!t || !(await this.rewritable(t))) return false;
    await (await this.whole(t)).mem.truncateRows(name, keep);
    t.kept = Math.min(t.kept, keep);
    return true;
  }

  async replaceRows(name: string, rows: Rows): Promise<boolean> {
    const t = await this.table(name);
    if (!t || !Array.isArray(rows) || !this.fits(t, rows.length)) return false;
    await t.mem.replaceRows(name, rows);
    t.base = 0;
    t.kept = 0;
    t.dirty.clear();
    t.edits.clear();
    return true;
  }

  /** A report on a sheet the file does not have (one it has is rewritten through exceljs). */
  async writeReport(report: ReportSheet): Promise<boolean> {
    if (typeof report?.sheet !== "string") return false;
    const k = key(report.sheet);
    if (this.lazy.sheetNames().some((s) => key(s) === k)) return false;
    await this.reports.writeReport(report);
    return true;
  }

  /** The new report sheets' names, in the order they were first written. */
  reportSheetNames(): string[] {
    return this.reports.reportView().map((r) => r.sheet);
  }

  /** protect() of a table sheet: `lockFor` picks the lock (reusing a known hash) once the sheet is known to be unprotected. */
  async protect(sheet: string, lockFor: () => HashedLock): Promise<HashedLock | undefined> {
    const t = await this.sheetTable(sheet);
    if (!t) return undefined;
    if (await t.mem.isProtected(sheet))
      throw new Error(`protect: sheet "${t.source.shape.sheet}" is already protected`);
    const lock = lockFor();
    await t.mem.protectWith(sheet, lock);
    return lock;
  }

  /** unprotect() of a table sheet; the lock that opened (undefined: not taken). */
  async unprotect(sheet: string, password: string): Promise<{ lock: SheetLock | undefined } | undefined> {
    const t = await this.sheetTable(sheet);
    if (!t) return undefined;
    const lock = t.mem.lockOf(sheet);
    await t.mem.unprotect(sheet, password);
    return { lock };
  }

  // ---------------------------------------------------------------- saving

  /**
   * The package with the session's changes, as pieces to write one after the other (a changed sheet whose file
   * rows all stay is streamed, sheetStream.ts, and only its compressed bytes held); undefined when a part cannot be patched.
   */
  async build(): Promise<Buffer[] | undefined> {
    const { zip, date1904, isDateStyle, ctx } = this.lazy.pkg;
    const when = new Date();
    const changed = new Map<string, Buffer>();
    const streamed = new Map<string, ZipOutPieces>();
    for (const t of this.tables.values()) {
      if (!t) continue;
      const { entry, shape } = t.source;
      const held = t.mem.view()[0]!.rows;
      // rows not held stand in as empty slots: only a streamed patch runs with them, and it copies them from the file
      const rows = t.base > 0 ? afterHoles(t.base, held) : held;
      const lock = t.mem.lockOf(shape.sheet);
      const lockChanged = lock !== t.fileLock;
      const original = t.source.count;
      if (!lockChanged && t.dirty.size === 0 && t.kept === original && rows.length === original) continue;
      let protection: string | undefined;
      if (lockChanged) {
        if (lock !== undefined && !(lock instanceof HashedLock)) return undefined;
        protection = protectionElement(lock?.model);
      }
      const plan = {
        rect: entry.rect,
        rows,
        kept: t.kept,
        dirty: t.dirty,
        protection,
        styleIsDate: isDateStyle,
        date1904,
        edits: t.edits as ReadonlyMap<number, RowEdit>,
        decodeRow: (xml: Buffer, row: number) => decodeRowXml(xml, row, entry.rect, ctx),
      };
      let ref: string;
      if (t.base > 0 && !streamable(plan)) return undefined; // not reached: every write that changes a file row reads them first
      if (streamable(plan)) {
        // rows appended alone: the part's rows kept as stored when it has Closebook's layout (#14); a part not
        // framed when taken is checked for foreign fixes in its head and tail (layoutFrame), else as it streams
        const layout = appendsOnly(plan) ? await this.lazy.layoutOf(entry.sheetPart) : undefined;
        const inPlace = layout && (!t.unframed || layoutFrame(layout.head, layout.tail)?.mayNeedFix === false);
        const s =
          (inPlace ? appendDeflated(layout.stored, plan, layout) : undefined) ??
          (await patchSheetStreamed(zip.chunks(entry.sheetPart), plan, { refuseForeign: t.unframed }));
        if (!s) return undefined;
        const name = deflatedEntry(entry.sheetPart, Buffer.alloc(0), when);
        streamed.set(entry.sheetPart, { ...name, crc32: s.crc32, size: s.size, data: s.pieces });
        ref = s.ref;
      } else {
        const xml = await zip.read(entry.sheetPart);
        if (t.unframed && worksheetMayNeedFix(xml)) return undefined;
        const patched = patchSheet(xml, plan);
        if (!patched) return undefined;
        changed.set(entry.sheetPart, patched.sheet);
        ref = patched.ref;
      }
      if (ref !== entry.ref) {
        const table = patchTableRef(await zip.read(entry.tablePart), entry.ref, ref);
        if (!table) return undefined;
        changed.set(entry.tablePart, table);
      }
    }
    const reports = this.reports.reportView();
    if (reports.length > 0) {
      const added = await addReportParts(zip, reports, { date1904, when });
      if (!added) return undefined;
      for (const [name, content] of added.parts) changed.set(name, content);
      for (const [name, part] of added.sheets) streamed.set(name, part);
    }
    const entries: (ZipOutEntry | ZipOutPieces)[] = [];
    const names = zip.names();
    for (const name of names) {
      const content = changed.get(name);
      entries.push(streamed.get(name) ?? (content ? deflatedEntry(name, content, when) : await zip.raw(name)));
    }
    for (const [name, content] of changed) if (!zip.has(name)) entries.push(deflatedEntry(name, content, when));
    for (const [name, part] of streamed) if (!zip.has(name)) entries.push(part);
    try {
      return zipPackageChunks(entries);
    } catch (e) {
      if (e instanceof ZipTooLargeError) return undefined;
      throw e;
    }
  }

  // ---------------------------------------------------------------- internals

  /** The table with the file's rows held (read again when they were handed out), the appended ones after them. */
  private async whole(t: Patched): Promise<Patched> {
    if (t.base === 0) return t;
    const { shape } = t.source;
    const rows = await this.lazy.rowsAgain(shape.name);
    if (!rows || rows.length !== t.base) throw new Error(`${shape.name}: its rows could not be read again`);
    for (const [i, edit] of t.edits) for (const [c, v] of edit.cells) rows[i]![c] = v;
    t.edits.clear();
    const lock = t.mem.lockOf(shape.sheet);
    t.mem = MemoryWorkbook.from([{ ...shape, rows: [...rows, ...t.mem.view()[0]!.rows] }], {
      trusted: true,
      owned: true,
      locks: lock ? [{ sheet: shape.sheet, lock }] : [],
    });
    t.base = 0;
    return t;
  }

  /**
   * TWICE (#14): cell changes of file rows the session does not hold (a large table the reader was handed), taken
   * without reading the rows again: each row's changes kept (`edits`) and written as the save streams the part.
   * With `keyColumns`, checked as updateCellsByKey checks them, against the rows the reader still holds (and the
   * edits before): a row that does not hold its key throws RowsMovedError; the key cells read are kept with the
   * edit, and the save checks them against the file's row. False (nothing changed) when the rows handed out are
   * gone, an update is not a plain change of a file row (the whole table then checks it as before), or the sheet
   * is protected (the whole table refuses it so).
   */
  private async editInPlace(
    t: Patched,
    updates: readonly CellUpdate[],
    keyColumns?: readonly string[],
  ): Promise<boolean> {
    const { shape } = t.source;
    // (one row in all: a blanked row would make the table empty, the memory workbook's rule)
    if (t.base === 0 || !Array.isArray(updates) || t.base + t.mem.rowCount(shape.name)! < 2) return false;
    const given = keyColumns ? t.source.given?.deref() : undefined;
    if (keyColumns && (!given || given.length !== t.base)) return false;
    if (await t.mem.isProtected(shape.sheet)) return false;
    const cols: number[] = [];
    for (const u of updates) {
      const col = u === null || typeof u !== "object" ? -1 : findHeader(shape.headers, u.column);
      if (col < 0 || !Number.isInteger(u.row) || u.row < 1 || u.row > t.base) return false;
      try {
        checkCellValue(u.value, () => "");
      } catch {
        return false;
      }
      cols.push(col);
    }
    const read: [number, number, CellValue][] = [];
    if (keyColumns) {
      const idx = keyIndexes(shape.name, shape.headers, keyColumns);
      const cellAt = (row: number, col: number): CellValue | undefined => {
        const edit = t.edits.get(row - 1)?.cells;
        if (edit?.has(col)) return edit.get(col);
        const v = given![row - 1]?.[col];
        read.push([row - 1, col, v ?? null]);
        return v;
      };
      const moved = movedRow(shape.name, keyColumns, idx, updates as readonly KeyedUpdate[], cellAt);
      if (moved) throw moved;
    }
    const editOf = (i: number) => {
      let e = t.edits.get(i);
      if (!e) t.edits.set(i, (e = { cells: new Map(), keys: new Map() }));
      return e;
    };
    for (const [i, c, v] of read) if (!editOf(i).cells.has(c)) editOf(i).keys.set(c, v);
    updates.forEach((u, k) => {
      editOf(u.row - 1).cells.set(cols[k]!, u.value === "" ? null : copyCell(u.value));
      t.dirty.add(u.row - 1);
    });
    return true;
  }

  /** NEEDS (#14): a table taken unchecked may have its rows rewritten only when they are plain (LazyTables.isPlain). */
  private async rewritable(t: Patched): Promise<boolean> {
    if (!t.unchecked) return true;
    if (!(await this.lazy.isPlain(t.source.shape.name))) return false;
    t.unchecked = false;
    return true;
  }

  private fits(t: Patched, rowCount: number): boolean {
    return t.source.entry.rect.top + Math.max(rowCount, 1) <= EXCEL_MAX_ROWS;
  }

  private held(sheet: string): Patched | undefined {
    const name = this.lazy.tableOnSheet(sheet);
    return name === undefined ? undefined : (this.tables.get(key(name)) ?? undefined);
  }

  private async sheetTable(sheet: string): Promise<Patched | undefined> {
    const name = this.lazy.tableOnSheet(sheet);
    return name === undefined ? undefined : this.table(name);
  }

  /** The session's copy of a table, taken from the file on first use; undefined when it cannot be patched. */
  private async table(name: string): Promise<Patched | undefined> {
    if (typeof name !== "string") return undefined;
    const k = key(name);
    const known = this.tables.get(k);
    if (known !== undefined) return known ?? undefined;
    const source = await this.lazy.patchSource(name);
    let made: Patched | null = null;
    // the part walked once, not held (a million-line sheet is 1 GB of XML): its fixes and its protection element
    // (the lock's hash). A sheet that is not protected (the reader knows it: seen as it read the rows, or when the
    // command asked before unprotecting) is not walked now: the save checks it for the fixes as it streams it (`unframed`).
    const unframed = source !== undefined && !(await this.lazy.isProtected(source.shape.sheet));
    // a part in Closebook's layout is framed from its head and tail (#14: its rows not inflated), else walked whole
    const layout = source && !unframed ? await this.lazy.layoutOf(source.entry.sheetPart) : undefined;
    const frame =
      source &&
      (unframed
        ? { mayNeedFix: false, protection: undefined }
        : ((layout && layoutFrame(layout.head, layout.tail)) ??
          (await sheetFrame(this.lazy.pkg.zip.chunks(source.entry.sheetPart)))));
    if (source && frame && !frame.mayNeedFix) {
      const model = frame.protection === undefined ? undefined : readProtection(frame.protection);
      const fileLock = isProtectedModel(model) ? new HashedLock(model) : undefined;
      // the rows are the session's from now on (not copied; the fast reader lets go of them)
      const mem = MemoryWorkbook.from([{ ...source.shape, rows: source.rows ?? [] }], {
        trusted: true,
        owned: true,
        locks: fileLock ? [{ sheet: source.shape.sheet, lock: fileLock }] : [],
      });
      this.lazy.release(name);
      const base = source.rows ? 0 : source.count;
      made = {
        source,
        mem,
        base,
        fileLock,
        kept: source.count,
        dirty: new Set(),
        unchecked: source.unchecked === true,
        unframed,
        edits: new Map(),
      };
    }
    this.tables.set(k, made);
    return made ?? undefined;
  }
}

/** `rows` after `base` empty slots, the slots not filled one by one (a million-line ledger's base) */
function afterHoles(base: number, rows: Rows): (readonly CellValue[])[] {
  const out = new Array<readonly CellValue[]>(base + rows.length);
  for (let i = 0; i < rows.length; i++) out[base + i] = rows[i]!;
  return out;
}
