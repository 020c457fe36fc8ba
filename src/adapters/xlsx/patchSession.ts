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
 * rows rewritten, the rest copied) and its table part's ref updated.
 * Undefined when a part cannot be patched: the adapter saves through exceljs.
 *
 * Example: open a 100,000-line workbook, appendRows("tblLedger", six rows),
 *   updateCells("tblRuns", …) → build() rewrites the Ledger and Runs sheet parts
 *   and their two table parts; the other 60-odd parts are copied as they were.
 */
import type { CellUpdate, CellValue, KeyedUpdate, RawTable, ReportSheet } from "../../ports/workbook";
import { MemoryWorkbook, isBlank, key } from "../memory/memoryWorkbook";
import type { SheetLock } from "../memory/sheetLocks";
import type { LazyTables, PatchSource } from "./lazyTables";
import { EXCEL_MAX_ROWS } from "./layout";
import { protectionElement, readProtection } from "./protectionXml";
import { addReportParts } from "./reportPatch";
import { HashedLock, isProtectedModel } from "./sheetProtection";
import { patchSheet, patchTableRef } from "./sheetPatch";
import { patchSheetStreamed, sheetFrame, streamable } from "./sheetStream";
import type { ZipOutEntry, ZipOutPieces } from "./zipWriter";
import { ZipTooLargeError, deflatedEntry, zipPackageChunks } from "./zipWriter";

type Rows = readonly (readonly CellValue[])[];

interface Patched {
  readonly source: PatchSource;
  /** the table as written: its rows after the first `base` */
  mem: MemoryWorkbook;
  /**
   * leading rows of the file not held (a large table whose rows the reader handed out): `mem` holds what
   * was appended after them; a write or read that needs them reads them again (`whole`)
   */
  base: number;
  /** the sheet's lock as read from the file */
  readonly fileLock: SheetLock | undefined;
  kept: number;
  readonly dirty: Set<number>;
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
    if (t.base > 0 && rows.some((r) => Array.isArray(r) && r.every(isBlank))) await this.whole(t);
    await t.mem.appendRows(name, rows);
    return true;
  }

  async updateCells(name: string, updates: readonly CellUpdate[]): Promise<boolean> {
    const t = await this.table(name);
    if (!t) return false;
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
    if (!t) return false;
    await (await this.whole(t)).mem.updateCellsByKey(name, keyColumns, updates);
    for (const u of updates) t.dirty.add(u.row - 1);
    return true;
  }

  async truncateRows(name: string, keep: number): Promise<boolean> {
    const t = await this.table(name);
    if (!t) return false;
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
    const { zip, date1904, isDateStyle } = this.lazy.pkg;
    const when = new Date();
    const changed = new Map<string, Buffer>();
    const streamed = new Map<string, ZipOutPieces>();
    for (const t of this.tables.values()) {
      if (!t) continue;
      const { entry, shape } = t.source;
      const held = t.mem.view()[0]!.rows;
      // rows not held stand in as empty slots: only a streamed patch runs with them, and it copies them from the file
      const rows = t.base > 0 ? [...new Array<CellValue[]>(t.base), ...held] : held;
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
      };
      let ref: string;
      if (t.base > 0 && !streamable(plan)) return undefined; // not reached: every write that changes a file row reads them first
      if (streamable(plan)) {
        const s = await patchSheetStreamed(zip.chunks(entry.sheetPart), plan);
        if (!s) return undefined;
        const name = deflatedEntry(entry.sheetPart, Buffer.alloc(0), when);
        streamed.set(entry.sheetPart, { ...name, crc32: s.crc32, size: s.size, data: s.pieces });
        ref = s.ref;
      } else {
        const patched = patchSheet(await zip.read(entry.sheetPart), plan);
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
      const added = await addReportParts(zip, reports);
      if (!added) return undefined;
      for (const [name, content] of added) changed.set(name, content);
    }
    const entries: (ZipOutEntry | ZipOutPieces)[] = [];
    const names = zip.names();
    for (const name of names) {
      const content = changed.get(name);
      entries.push(streamed.get(name) ?? (content ? deflatedEntry(name, content, when) : await zip.raw(name)));
    }
    for (const [name, content] of changed) if (!zip.has(name)) entries.push(deflatedEntry(name, content, when));
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
    const lock = t.mem.lockOf(shape.sheet);
    t.mem = MemoryWorkbook.from([{ ...shape, rows: [...rows, ...t.mem.view()[0]!.rows] }], {
      trusted: true,
      owned: true,
      locks: lock ? [{ sheet: shape.sheet, lock }] : [],
    });
    t.base = 0;
    return t;
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
    // the part walked once, not held (a million-line sheet is 1 GB of XML): its fixes and its protection
    const frame = source && (await sheetFrame(this.lazy.pkg.zip.chunks(source.entry.sheetPart)));
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
      made = { source, mem, base, fileLock, kept: source.count, dirty: new Set() };
    }
    this.tables.set(k, made);
    return made ?? undefined;
  }
}
