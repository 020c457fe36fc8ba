/**
 * XlsxWorkbook: the WorkbookPort over an .xlsx file, for the CLI (exceljs 4.4.0).
 *
 * Design (why: exceljs' own table round trip writes files Excel must repair,
 * exceljs#1959, #2184, #2277):
 * - open() reads every table's rows into an in-memory MemoryWorkbook (which
 *   holds the port semantics) and drops the table sheets from the exceljs
 *   workbook; sheets without tables stay there untouched.
 * - Port calls change only the model (plus layout bookkeeping).
 * - save() rebuilds every table sheet and report sheet from the model with
 *   exceljs addTable (real ListObjects: style, header row, filter buttons,
 *   ref = exactly header + rows, at least one data row), puts all sheets in
 *   their tab order, writes the bytes to a temporary file and renames it over
 *   the target (atomic). The rebuilt sheets are dropped again afterwards.
 * - Formulas found in table cells are read as their cached result (or
 *   { error: "#FORMULA" } without one) and saved again as formulas while the
 *   cell is not rewritten; a workbook with formulas is flagged to recalculate
 *   on load. Custom totals-row formulas are saved as "none".
 * - New tables go on their own new sheet at A1 with the header row frozen.
 *   Tables loaded from a file keep their position, style and totals row, and
 *   their sheet keeps the cells outside the tables; a write that would make a
 *   table grow over such cells or another table throws and changes nothing.
 * - open() is lazy (lazyTables.ts): it reads the package's small parts and
 *   each table's header and first rows with a streaming reader (yauzl + htmlparser2),
 *   and listTables/readTable answer from it, parsing a table's sheet only when
 *   the table is read. The first call that needs more (a write, protection,
 *   save, reportSheets) loads the whole file with exceljs as below; a file the
 *   fast reader cannot index is loaded so at once.
 * - Writes to a lazily opened workbook are taken by the patch session
 *   (patchSession.ts) while they touch only tables alone on their sheet, their
 *   sheets' protection and new report sheets: save() then copies every part it
 *   did not change with its compressed bytes and patches the changed sheets
 *   (rows appended or rewritten, sheetPatch.ts; reports merged in, reportPatch.ts),
 *   without exceljs. Any other write loads the whole file as below and replays
 *   what the session took; a part that cannot be patched saves through exceljs.
 *   CLOSEBOOK_XLSX_PATCH=0 turns the patch session off.
 * - Files other tools wrote (openpyxl's absolute relationship targets,
 *   LibreOffice's "true"/"false" flags) are normalised before exceljs reads
 *   them (foreignPackage.ts).
 * - reportSheets() gives the report sheets back: those written, and the
 *   sheets without tables read as reports (readReport.ts), so a workbook can
 *   travel with its statements (the preview's upload).
 * - Protection (sheetProtection.ts): table and report sheets keep their state
 *   in the model (a HashedLock per protected sheet; writes to them throw
 *   "AccessDenied: ..."); sheets without tables keep it on their exceljs
 *   worksheet. protect() hashes the password once (SHA-512, spinCount 10,000);
 *   save() writes <sheetProtection sheet="1" ...> with that hash. A sheet
 *   loaded protected stays protected and unprotects with its password, checked
 *   against the hash in the file.
 *
 * Example:
 *   const wb = XlsxWorkbook.create();
 *   await wb.createTable({ name: "tblCurrencies", sheet: "Currencies",
 *     headers: ["Currency", "Precision"], numberFormats: ["@", "0"] }, [["EUR", 2]]);
 *   await wb.save("book.xlsx");                       // atomic
 *   const again = await XlsxWorkbook.open("book.xlsx");
 *   (await again.readTable("tblCurrencies"))?.rows    // [["EUR", 2]]
 */
import type * as ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";
import type {
  CellBlock,
  CellUpdate,
  CellValue,
  KeyedUpdate,
  RawTable,
  ReportSheet,
  TableShape,
  WorkbookPort,
} from "../../ports/workbook";
import { ACCESS_DENIED, SheetNotFoundError } from "../../ports/workbook";
import { checkRowKeys } from "../../ports/rowKeys";
import { MemoryWorkbook, findHeader, key } from "../memory/memoryWorkbook";
import { resolve } from "node:path";
import { sha256Of, writeFileAtomic } from "./atomicWrite";
import { normalOutsideWorksheets, normalizePackage } from "./foreignPackage";
import type { ReadTable } from "./lazyTables";
import { LazyTables } from "./lazyTables";
import { leaveOutRows } from "./leaveOutRows";
import { PartTooLargeError } from "./partLimits";
import { PatchSession } from "./patchSession";
import type { SheetPlan, TableLayout } from "./layout";
import {
  DEFAULT_TABLE_STYLE,
  EXCEL_MAX_ROWS,
  cellAddress,
  contains,
  overlaps,
  parseRange,
  rectAddress,
  rectOf,
} from "./layout";
import { otherSheetCells, tableSheetCells } from "./readRange";
import { readReportSheet } from "./readReport";
import { readWorkbookModel } from "./readWorkbook";
import { HashedLock, isProtectedModel } from "./sheetProtection";
import { addReportSheet, addTableSheet } from "./writeSheets";

type Rows = readonly (readonly CellValue[])[];

/** exceljs, required on first use: a command that only reads the file or patches it never loads it (~0.6 s of CPU). */
function exceljs(): typeof ExcelJS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("exceljs") as typeof ExcelJS;
}

export class XlsxWorkbook implements WorkbookPort {
  private pending: Promise<unknown> = Promise.resolve();
  /** the latest lock of each sheet (current or last removed): protecting again with its password reuses its hash */
  private readonly hashed = new Map<string, HashedLock>();

  private constructor(
    /** holds only the sheets without tables or reports between saves */
    private wb: ExcelJS.Workbook,
    private model: MemoryWorkbook,
    private sheets: SheetPlan[],
    private layouts: Map<string, TableLayout>,
  ) {}

  /** Set while the workbook is read through the fast reader only (open()); the file's bytes wait for `full()`. */
  private lazy?: { readonly tables: LazyTables; readonly data: Buffer };
  private loading?: Promise<void>;
  /** The writes taken without loading the file whole (patchSession.ts), while the workbook is lazy. */
  private patch?: PatchSession;
  /** Set while full() replays the patch session's calls on the whole workbook. */
  private replaying = false;
  private clean?: Promise<boolean>;

  /** An empty workbook (no sheets until a table or report is written). */
  static create(): XlsxWorkbook {
    const wb = new (exceljs().Workbook)();
    wb.creator = "Closebook";
    return new XlsxWorkbook(wb, new MemoryWorkbook(), [], new Map());
  }

  /**
   * Opens a file lazily (see the top comment); `eager` loads it whole at once,
   * for callers that need reportSheets() straight away.
   */
  static async open(path: string, options: { eager?: boolean } = {}): Promise<XlsxWorkbook> {
    const data = await readFile(path);
    const wb = (!options.eager && (await XlsxWorkbook.lazyLoad(data))) || (await XlsxWorkbook.load(data));
    wb.origin = { path: resolve(path), sha256: sha256Of(data) };
    return wb;
  }

  /** The workbook over the fast reader; undefined when the fast reader cannot index the file (exceljs then reads it, with its own errors). */
  private static async lazyLoad(data: Buffer): Promise<XlsxWorkbook | undefined> {
    let tables: LazyTables;
    try {
      tables = await LazyTables.open(data);
    } catch (e) {
      if (e instanceof PartTooLargeError) throw e;
      return undefined;
    }
    // no exceljs workbook while lazy: full() sets it before anything uses it
    const wb = new XlsxWorkbook(undefined as unknown as ExcelJS.Workbook, new MemoryWorkbook(), [], new Map());
    wb.lazy = { tables, data };
    return wb;
  }

  /** Loads the whole file with exceljs (once) when the workbook was opened lazily. */
  private async full(): Promise<void> {
    if (!this.lazy) return;
    this.loading ??= (async () => {
      const { tables, data } = this.lazy!;
      // the rows the fast reader already read are not parsed again (leaveOutRows.ts)
      const leftOut = await leaveOutRows(data, await tables.readTables());
      const loaded = leftOut
        ? await XlsxWorkbook.loadWith(leftOut.data, leftOut.tables)
        : await XlsxWorkbook.load(data);
      this.wb = loaded.wb;
      this.model = loaded.model;
      this.sheets = loaded.sheets;
      this.layouts = loaded.layouts;
      this.lazy = undefined;
      // the writes the patch session took, made again on the whole workbook
      const calls = this.patch?.log ?? [];
      this.patch = undefined;
      this.replaying = true;
      try {
        const self = this as unknown as Record<string, (...args: readonly unknown[]) => Promise<void>>;
        for (const c of calls) await self[c.method]!.apply(this, [...c.args]);
      } finally {
        this.replaying = false;
      }
    })();
    await this.loading;
  }

  /** The file this workbook was opened from and its bytes' hash: a save over it is refused if it changed meanwhile. */
  private origin?: { path: string; sha256: string };

  /** Reads .xlsx bytes; a package written by another tool is normalised first (foreignPackage.ts). */
  static async load(data: Buffer): Promise<XlsxWorkbook> {
    return XlsxWorkbook.loadWith(data);
  }

  /** `read`: tables whose rows leaveOutRows cut from `data`; their rows and number formats are taken from there. */
  private static async loadWith(data: Buffer, read?: ReadonlyMap<string, ReadTable>): Promise<XlsxWorkbook> {
    const wb = new (exceljs().Workbook)();
    await wb.xlsx.load((await normalizePackage(data)) as unknown as ExcelJS.Buffer);
    return XlsxWorkbook.fromExcelJs(wb, read);
  }

  private static fromExcelJs(wb: ExcelJS.Workbook, read?: ReadonlyMap<string, ReadTable>): XlsxWorkbook {
    const loaded = readWorkbookModel(wb);
    const tables = loaded.tables.map((t) => {
      const r = read?.get(t.init.name);
      return r ? { ...t, init: { ...t.init, rows: r.rows, numberFormats: r.numberFormats } } : t;
    });
    const locks = loaded.sheets.flatMap((s) => {
      const p = s.kind === "tables" ? s.extras?.sheetProtection : undefined;
      return isProtectedModel(p) ? [{ sheet: s.name, lock: new HashedLock(p) }] : [];
    });
    const model = MemoryWorkbook.from(
      tables.map((t) => t.init),
      { trusted: true, locks },
    );
    const layouts = new Map(tables.map((t) => [key(t.init.name), t.layout] as const));
    for (const t of tables) if (model.rowCount(t.init.name) === 0) t.layout.formulas.clear();
    return new XlsxWorkbook(wb, model, loaded.sheets, layouts);
  }

  /** Sheet names in tab order (tables, reports and other sheets). */
  sheetNames(): string[] {
    if (this.lazy) return [...this.lazy.tables.sheetNames(), ...(this.patch?.reportSheetNames() ?? [])];
    return this.sheets.map((s) => s.name);
  }

  /**
   * The report sheets, in tab order: those written since the workbook was
   * opened as written, and every sheet without tables read from the file that
   * holds values as the ReportSheet that lays it out again (readReport.ts).
   * The WorkbookPort cannot read reports; the preview server uses this to keep
   * an uploaded workbook's statements and reports. With `formulas`, a formula
   * cell of a sheet read from the file is its formula and cached result (publish's CLOSEBOOK cells).
   */
  reportSheets(options: { formulas?: boolean } = {}): ReportSheet[] {
    if (this.lazy) throw new Error("reportSheets: open the workbook with { eager: true } to read its report sheets");
    return this.sheets.flatMap((plan) => {
      if (plan.kind === "report") return this.model.getReport(plan.name) ?? [];
      const ws = plan.kind === "other" ? this.wb.getWorksheet(plan.name) : undefined;
      return (ws && readReportSheet(ws, options)) ?? [];
    });
  }

  /** Saves atomically: temporary file in the same directory, then rename over `path`. */
  async save(path: string): Promise<void> {
    const run = this.pending.then(async () => {
      const data = await this.bytes();
      const same = this.origin?.path === resolve(path);
      await writeFileAtomic(path, data, same ? { expectedSha256: this.origin!.sha256 } : {});
      this.origin = { path: resolve(path), sha256: sha256Of(data) };
    });
    this.pending = run.catch(() => undefined);
    return run;
  }

  /** The workbook as .xlsx bytes. */
  async toBuffer(): Promise<Buffer> {
    const run = this.pending.then(async () => {
      const data = await this.bytes();
      return Buffer.isBuffer(data) ? data : Buffer.concat(data);
    });
    this.pending = run.catch(() => undefined);
    return run;
  }

  // ---------------------------------------------------------------- port: reading

  async listTables(): Promise<readonly TableShape[]> {
    if (this.lazy) return this.lazy.tables.shapes();
    return this.model.listTables();
  }

  async readTable(name: string): Promise<RawTable | undefined> {
    if (this.lazy) return (await this.patch?.readTable(name)) ?? this.lazy.tables.readTable(name);
    return this.model.readTable(name);
  }

  /** The port's tableSize (NEEDS, #14): while lazy, from the patch session or the table's ref, no row read. */
  async tableSize(name: string): Promise<{ headers: string[]; rows: number } | undefined> {
    if (this.lazy) return this.patch?.tableSize(name) ?? this.lazy.tables.tableSize(name);
    const shape = this.model.shape(name);
    return shape && { headers: [...shape.headers], rows: this.model.rowCount(name) ?? 0 };
  }

  async readRange(sheet: string, block: CellBlock): Promise<CellValue[][] | undefined> {
    await this.idle();
    const plan = this.findSheet(sheet);
    if (!plan) return undefined;
    if (plan.kind === "report") return this.model.readRange(plan.name, block);
    if (plan.kind === "other") {
      const ws = this.wb.getWorksheet(plan.name);
      return ws ? otherSheetCells(ws, block) : undefined;
    }
    const placed = this.model
      .view()
      .filter((t) => key(t.sheet) === key(plan.name))
      .map((t) => ({ ...(this.layouts.get(key(t.name)) ?? { top: 1, left: 1 }), headers: t.headers, rows: t.rows }));
    return tableSheetCells(placed, block, plan.extras?.extras);
  }

  // ---------------------------------------------------------------- port: writing

  async createTable(shape: TableShape, rows: Rows): Promise<void> {
    await this.idle();
    const plan = this.findSheet(shape?.sheet);
    const existing = plan?.kind === "other" ? this.wb.getWorksheet(plan.name) : undefined;
    if (existing) assertOtherWritable(existing, `createTable ${shape.name}`);
    if (existing && hasContent(existing))
      throw new Error(`createTable: sheet "${plan?.name}" already exists and is not empty`);
    if (Array.isArray(rows) && 1 + Math.max(rows.length, 1) > EXCEL_MAX_ROWS)
      throw new Error(`createTable: ${shape.name} would not fit on a sheet (${rows.length} rows)`);
    await this.model.createTable(shape, rows);
    if (existing) this.wb.removeWorksheet(existing.id);
    if (plan) Object.assign(plan, { name: shape.sheet, kind: "tables" });
    else this.sheets.push({ name: shape.sheet, kind: "tables" });
    this.layouts.set(key(shape.name), { top: 1, left: 1, style: DEFAULT_TABLE_STYLE, formulas: new Map() });
  }

  async appendRows(name: string, rows: Rows): Promise<void> {
    if (await this.patched("appendRows", [name, rows], (p) => p.appendRows(name, rows))) return;
    await this.idle();
    const n = this.model.rowCount(name);
    if (n !== undefined && Array.isArray(rows)) this.checkFits("appendRows", name, n + rows.length);
    await this.model.appendRows(name, rows);
  }

  async truncateRows(name: string, keep: number): Promise<void> {
    if (await this.patched("truncateRows", [name, keep], (p) => p.truncateRows(name, keep))) return;
    await this.idle();
    await this.model.truncateRows(name, keep);
    const layout = this.layouts.get(key(name));
    const shape = this.model.shape(name);
    if (!layout || !shape) return;
    const limit = keep * shape.headers.length;
    for (const cell of [...layout.formulas.keys()]) if (cell >= limit) layout.formulas.delete(cell);
  }

  async updateCellsByKey(name: string, keyColumns: readonly string[], updates: readonly KeyedUpdate[]): Promise<void> {
    const args = [name, keyColumns, updates];
    if (await this.patched("updateCellsByKey", args, (p) => p.updateCellsByKey(name, keyColumns, updates))) return;
    await this.idle();
    checkRowKeys(await this.model.readTable(name), name, keyColumns, updates);
    await this.updateCells(name, updates);
  }

  async updateCells(name: string, updates: readonly CellUpdate[]): Promise<void> {
    if (await this.patched("updateCells", [name, updates], (p) => p.updateCells(name, updates))) return;
    await this.idle();
    await this.model.updateCells(name, updates);
    const layout = this.layouts.get(key(name));
    const shape = this.model.shape(name);
    if (!layout || !shape || layout.formulas.size === 0) return;
    const width = shape.headers.length;
    for (const u of updates) layout.formulas.delete((u.row - 1) * width + findHeader(shape.headers, u.column));
    if (this.model.rowCount(name) === 0) layout.formulas.clear();
  }

  async replaceRows(name: string, rows: Rows): Promise<void> {
    if (await this.patched("replaceRows", [name, rows], (p) => p.replaceRows(name, rows))) return;
    await this.idle();
    if (this.model.rowCount(name) !== undefined && Array.isArray(rows))
      this.checkFits("replaceRows", name, rows.length);
    await this.model.replaceRows(name, rows);
    this.layouts.get(key(name))?.formulas.clear();
  }

  async writeReport(report: ReportSheet): Promise<void> {
    if (await this.patched("writeReport", [report], (p) => p.writeReport(report))) return;
    await this.idle();
    const plan = this.findSheet(report?.sheet);
    const other = plan?.kind === "other" ? this.wb.getWorksheet(plan.name) : undefined;
    if (other) assertOtherWritable(other, "writeReport");
    await this.model.writeReport(report);
    if (!plan) {
      this.sheets.push({ name: report.sheet, kind: "report" });
      return;
    }
    if (plan.kind === "other") {
      const ws = this.wb.getWorksheet(plan.name);
      if (ws) this.wb.removeWorksheet(ws.id);
    }
    plan.kind = "report";
    plan.name = report.sheet;
  }

  // ---------------------------------------------------------------- port: protection

  async isProtected(sheet: string): Promise<boolean> {
    if (this.lazy) return (await this.patch?.isProtected(sheet)) ?? this.lazy.tables.isProtected(sheet);
    const other = this.otherSheet(sheet, "isProtected");
    return other ? isProtectedModel(other.sheetProtection) : this.model.isProtected(sheet);
  }

  async protect(sheet: string, password: string): Promise<void> {
    if (typeof password !== "string") throw new Error(`protect: the password for sheet "${sheet}" must be text`);
    const reuse = (): HashedLock => {
      const previous = this.hashed.get(key(sheet));
      return previous?.knows(password) ? previous : HashedLock.create(password);
    };
    const taken = async (p: PatchSession): Promise<boolean> => {
      const lock = await p.protect(sheet, reuse);
      if (lock) this.hashed.set(key(sheet), lock);
      return lock !== undefined;
    };
    if (await this.patched("protect", [sheet, password], taken)) return;
    await this.idle();
    const other = this.otherSheet(sheet, "protect");
    // checked before hashing (~45 ms); the model checks again
    if (other ? isProtectedModel(other.sheetProtection) : await this.model.isProtected(sheet))
      throw new Error(`protect: sheet "${other?.name ?? sheet}" is already protected`);
    const previous = this.hashed.get(key(sheet));
    const lock = previous?.knows(password) ? previous : HashedLock.create(password);
    if (other) other.sheetProtection = lock.model;
    else await this.model.protectWith(sheet, lock);
    this.hashed.set(key(sheet), lock);
  }

  async unprotect(sheet: string, password: string): Promise<void> {
    const taken = async (p: PatchSession): Promise<boolean> => {
      const r = await p.unprotect(sheet, password);
      if (r?.lock instanceof HashedLock) this.hashed.set(key(sheet), r.lock);
      return r !== undefined;
    };
    if (await this.patched("unprotect", [sheet, password], taken)) return;
    await this.idle();
    const other = this.otherSheet(sheet, "unprotect");
    if (!other) {
      const lock = this.model.lockOf(sheet);
      await this.model.unprotect(sheet, password);
      if (lock instanceof HashedLock) this.hashed.set(key(sheet), lock);
      return;
    }
    if (!isProtectedModel(other.sheetProtection)) throw new Error(`unprotect: sheet "${other.name}" is not protected`);
    const previous = this.hashed.get(key(sheet));
    const lock = previous?.model === other.sheetProtection ? previous : new HashedLock(other.sheetProtection);
    if (typeof password !== "string" || !lock.verify(password))
      throw new Error(`unprotect: wrong password for sheet "${other.name}"`);
    this.hashed.set(key(sheet), lock);
    other.sheetProtection = null;
  }

  // ---------------------------------------------------------------- internals

  /** The exceljs worksheet of a sheet without tables or reports; SheetNotFoundError for a sheet the workbook lacks. */
  private otherSheet(sheet: string, op: string): ProtectableSheet | undefined {
    const plan = this.findSheet(sheet);
    if (!plan) throw new SheetNotFoundError(String(sheet), op);
    return plan.kind === "other" ? (this.wb.getWorksheet(plan.name) as ProtectableSheet | undefined) : undefined;
  }

  private async idle(): Promise<void> {
    if (this.replaying) return;
    await this.pending;
    await this.full();
  }

  /**
   * A write of a lazily opened workbook taken by the patch session (true), which then
   * needs no full load; false when the workbook is loaded or the session cannot take it.
   */
  private async patched(
    method: string,
    args: readonly unknown[],
    take: (p: PatchSession) => Promise<boolean>,
  ): Promise<boolean> {
    if (this.replaying || !this.lazy || process.env.CLOSEBOOK_XLSX_PATCH === "0") return false;
    await this.pending;
    if (!this.lazy || this.loading || !(await this.patchable())) return false;
    this.patch ??= new PatchSession(this.lazy.tables);
    if (!(await take(this.patch))) return false;
    this.patch.log.push({ method, args });
    return true;
  }

  /**
   * The workbook as .xlsx bytes: while lazy, the file's bytes with the patch session's
   * changes (patchSession.ts: pieces, a large package is never joined); otherwise, or when a part cannot be
   * patched, through exceljs.
   */
  private async bytes(): Promise<Buffer | Buffer[]> {
    if (this.lazy && !this.loading && (await this.patchable())) {
      const data = this.patch ? await this.patch.build() : this.lazy.data;
      if (data) return data;
    }
    await this.full();
    return this.build();
  }

  /** Whether the file can be saved by patching: a package exceljs reads as it is (foreignPackage.ts; its worksheets are checked as they are patched). */
  private patchable(): Promise<boolean> {
    this.clean ??= normalOutsideWorksheets(this.lazy!.data).catch(() => false);
    return this.clean;
  }

  private findSheet(sheet: string | undefined): SheetPlan | undefined {
    if (typeof sheet !== "string") return undefined;
    const k = key(sheet);
    return this.sheets.find((s) => key(s.name) === k);
  }

  /** Throws when table `name` with `rowCount` rows would not fit where it stands. */
  private checkFits(op: string, name: string, rowCount: number): void {
    const shape = this.model.shape(name);
    const layout = this.layouts.get(key(name));
    if (!shape || !layout) return;
    const rect = rectOf(layout, shape.headers.length, rowCount);
    if (rect.bottom > EXCEL_MAX_ROWS)
      throw new Error(`${op}: table ${shape.name} would need ${rect.bottom} rows; a sheet has ${EXCEL_MAX_ROWS}`);
    const sheet = key(shape.sheet);
    for (const other of this.model.view()) {
      if (key(other.sheet) !== sheet || key(other.name) === key(name)) continue;
      const otherLayout = this.layouts.get(key(other.name));
      if (!otherLayout) continue;
      const otherRect = rectOf(otherLayout, other.headers.length, other.rows.length);
      if (overlaps(rect, otherRect))
        throw new Error(
          `${op}: table ${shape.name} would grow to ${rectAddress(rect)} over table ${other.name} (${rectAddress(otherRect)}) on sheet "${shape.sheet}"`,
        );
    }
    const extras = this.findSheet(shape.sheet)?.extras;
    for (const x of extras?.extras ?? []) {
      if (contains(rect, x.row, x.col))
        throw new Error(
          `${op}: table ${shape.name} would grow to ${rectAddress(rect)} over cell ${cellAddress(x.row, x.col)} on sheet "${shape.sheet}"; move that cell first`,
        );
    }
    for (const m of extras?.merges ?? []) {
      if (overlaps(rect, parseRange(m)))
        throw new Error(
          `${op}: table ${shape.name} would grow to ${rectAddress(rect)} over merged cells ${m} on sheet "${shape.sheet}"`,
        );
    }
  }

  /** Builds the table and report sheets into the exceljs workbook, writes the bytes, drops them again. */
  private async build(): Promise<Buffer> {
    const built: ExcelJS.Worksheet[] = [];
    try {
      const tables = this.model.view();
      const reports = this.model.reportView();
      this.sheets.forEach((plan, i) => {
        const k = key(plan.name);
        let ws: ExcelJS.Worksheet | undefined;
        if (plan.kind === "tables") {
          const onSheet = tables
            .filter((t) => key(t.sheet) === k)
            .map((table) => ({
              table,
              layout: this.layouts.get(key(table.name)) ?? {
                top: 1,
                left: 1,
                style: DEFAULT_TABLE_STYLE,
                formulas: new Map<number, string>(),
              },
            }));
          ws = addTableSheet(this.wb, plan.name, onSheet, plan.extras);
          built.push(ws);
        } else if (plan.kind === "report") {
          const report = reports.find((r) => key(r.sheet) === k);
          if (report) built.push((ws = addReportSheet(this.wb, report)));
        } else {
          ws = this.wb.getWorksheet(plan.name);
        }
        if (ws && plan.kind !== "other") this.writeProtection(ws as ProtectableSheet, plan.name);
        if (ws) (ws as unknown as { orderNo: number }).orderNo = i + 1;
      });
      if (this.wb.worksheets.length === 0) built.push(this.wb.addWorksheet("Sheet1"));
      const formulas = [...this.layouts.values()].some((l) => l.formulas.size > 0 || l.totals !== undefined);
      if (formulas || this.sheets.some((s) => s.kind === "other")) this.wb.calcProperties.fullCalcOnLoad = true;
      this.wb.modified = new Date();
      this.wb.lastModifiedBy = "Closebook";
      return Buffer.from(await this.wb.xlsx.writeBuffer());
    } finally {
      for (const ws of built) this.wb.removeWorksheet(ws.id);
    }
  }

  /** The model's protection of a rebuilt sheet onto it (replacing what the file had). */
  private writeProtection(ws: ProtectableSheet, sheet: string): void {
    const lock = this.model.lockOf(sheet);
    if (lock instanceof HashedLock) ws.sheetProtection = { ...lock.model };
    else if (lock) throw new Error(`sheet "${sheet}": protected without a password hash (internal error)`);
    else if (isProtectedModel(ws.sheetProtection)) ws.sheetProtection = null;
  }
}

/** An exceljs worksheet with its (untyped) protection model. */
type ProtectableSheet = ExcelJS.Worksheet & { sheetProtection: object | null };

/** Throws "AccessDenied: ..." for a protected sheet without tables (as Excel refuses the write). */
function assertOtherWritable(ws: ExcelJS.Worksheet, what: string): void {
  if (isProtectedModel((ws as ProtectableSheet).sheetProtection))
    throw new Error(`${ACCESS_DENIED} sheet "${ws.name}" is protected (${what}); unprotect it first`);
}

function hasContent(ws: ExcelJS.Worksheet): boolean {
  return ws.actualRowCount > 0 || ws.getTables().length > 0;
}
