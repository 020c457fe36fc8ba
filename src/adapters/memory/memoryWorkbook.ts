/**
 * MemoryWorkbook: the WorkbookPort kept in plain arrays. Used by tests and the
 * browser preview, and as the in-memory model behind the xlsx adapter, so the
 * port's semantics live here once:
 *
 * - Table names are unique case-insensitively and looked up case-insensitively
 *   (the declared spelling is kept); headers are unique case-insensitively and
 *   `updateCells` finds its column case-insensitively too.
 * - Every write validates everything first and changes nothing when it throws.
 *   Values are copied in and out, so callers can never mutate stored state.
 * - A table write stores "" as a blank cell, read back as null (Excel keeps no
 *   empty text); every other value reads back as written.
 * - A table whose only data row is entirely blank (null or "") has zero rows:
 *   Excel tables always keep one data row, so an "empty" table on a sheet is a
 *   header plus one blank row, and every adapter reads it back as empty.
 * - Values Excel cannot store are refused: non-finite numbers, invalid dates or
 *   dates outside 1900-01-01..9999-12-31, text over 32,767 characters or with
 *   control characters other than tab/CR/LF, unknown error codes. -0 is stored as 0.
 * - One sheet holds one table or one report: createTable on a sheet that holds
 *   a table or a report throws; writeReport on a table's sheet throws.
 * - Protection (sheetLocks.ts): a sheet of a table or report can be protected;
 *   while it is, every write touching it throws "AccessDenied: ..." and changes
 *   nothing. protect/unprotect count as write calls for `failOnWrite` (and
 *   `writeCount`), also when they throw; isProtected is a read. Adapters with
 *   their own password check (xlsx: a hash from the file) use `protectWith`.
 *
 * Example:
 *   const wb = new MemoryWorkbook();
 *   await wb.createTable({ name: "tblCurrencies", sheet: "Currencies",
 *     headers: ["Currency", "Precision"], numberFormats: ["@", "0"] }, [["EUR", 2]]);
 *   await wb.updateCells("TBLCURRENCIES", [{ row: 1, column: "precision", value: 3 }]);
 *   (await wb.readTable("tblCurrencies"))?.rows   // [["EUR", 3]]
 *   wb.failOnWrite(1);  // the next write call throws "injected failure", changing nothing
 */
import type {
  CellBlock,
  CellUpdate,
  CellValue,
  KeyedUpdate,
  RawTable,
  ReportCell,
  ReportSheet,
  TableShape,
  WorkbookPort,
} from "../../ports/workbook";
import { SheetNotFoundError, isCellError, isFormulaCell } from "../../ports/workbook";
import { checkRowKeys } from "../../ports/rowKeys";
import type { AppliedRule, ColumnFormatRule } from "../../ports/conditionalFormats";
import { ruleProblem, rulesAt } from "../../ports/conditionalFormats";
import type { SheetLock } from "./sheetLocks";
import { SheetLocks, passwordLock } from "./sheetLocks";
import { textOf } from "../../core/text/textOf";

/** A table as given to `MemoryWorkbook.from` (number formats default to "General"). */
export interface TableInit {
  readonly name: string;
  readonly sheet: string;
  readonly headers: readonly string[];
  readonly numberFormats?: readonly string[];
  readonly rows?: readonly (readonly CellValue[])[];
}

export interface TableSnapshot extends TableShape {
  readonly rows: readonly (readonly CellValue[])[];
}

export interface MemoryWorkbookOptions {
  /** The nth write call (1-based, counted from construction) throws "injected failure". */
  readonly failOnWrite?: number;
}

export interface FromOptions extends MemoryWorkbookOptions {
  /**
   * Loading values that already exist in a file (xlsx adapter): skip the checks
   * of cell values, header characters and one-table-per-sheet. Names, header
   * uniqueness and row lengths are still checked.
   */
  readonly trusted?: boolean;
  /** the rows are handed over, not copied (the caller keeps no reference to them: a million-line table read from a file) */
  readonly owned?: boolean;
  /** sheets (of the given tables) that are protected, each with its password check */
  readonly locks?: readonly { readonly sheet: string; readonly lock: SheetLock }[];
}

/** Error codes a workbook cell may hold when written through the port. */
export const WRITABLE_ERRORS: readonly string[] = [
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
];
export const MAX_TEXT_LENGTH = 32767;
const MIN_DATE = Date.UTC(1900, 0, 1);
const MAX_DATE = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex
const HEADER_CONTROL_CHARS = /[\u0000-\u001F]/;
const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/;

/** The block of a grid whose row 0 is sheet row 1; a report's formula cell gives its cached result. */
export function cellsOf(grid: readonly (readonly unknown[])[], b: CellBlock): CellValue[][] {
  return Array.from({ length: b.rows }, (_, i) =>
    Array.from({ length: b.columns }, (_, j) => {
      const v = grid[b.row - 1 + i]?.[b.column - 1 + j] ?? null;
      const shown = v !== null && typeof v === "object" && "result" in v ? (v as { result: CellValue }).result : v;
      return copyCell(shown === "" ? null : (shown as CellValue));
    }),
  );
}

interface StoredTable {
  shape: TableShape;
  rows: CellValue[][];
  /** createTable's conditional formats (kept as data; not part of the listed shape) */
  rules?: readonly ColumnFormatRule[];
}

export class MemoryWorkbook implements WorkbookPort {
  private readonly tables = new Map<string, StoredTable>();
  private readonly reportSheets = new Map<string, ReportSheet>();
  private readonly locks = new SheetLocks();
  private writes = 0;
  private failAt: number | undefined;

  constructor(options: MemoryWorkbookOptions = {}) {
    if (options.failOnWrite !== undefined) this.failAt = checkFailIndex(options.failOnWrite);
  }

  /** A workbook holding the given tables (validated like createTable unless `trusted`). */
  static from(tables: readonly TableInit[], options: FromOptions = {}): MemoryWorkbook {
    const wb = new MemoryWorkbook(options);
    const trusted = options.trusted ?? false;
    for (const t of tables) {
      const shape: TableShape = {
        name: t.name,
        sheet: t.sheet,
        headers: [...t.headers],
        numberFormats: t.numberFormats ? [...t.numberFormats] : t.headers.map(() => "General"),
      };
      const rows = t.rows ?? [];
      wb.checkNewTable(shape, rows, "from", trusted);
      const held = options.owned ? (rows as CellValue[][]) : rows.map((r) => r.map(copyCell));
      wb.tables.set(key(shape.name), { shape, rows: normaliseBlank(held) });
    }
    for (const l of options.locks ?? []) wb.locks.lock(wb.mustSheet(l.sheet, "from"), l.lock, "from");
    return wb;
  }

  // ---------------------------------------------------------------- test helpers

  /** Makes the nth write call from now (1 = the very next) throw "injected failure", once. */
  failOnWrite(n: number): void {
    this.failAt = this.writes + checkFailIndex(n);
  }

  /** Write calls made so far (including ones that threw). */
  get writeCount(): number {
    return this.writes;
  }

  /** A deep copy of every table (with rows) and report, and the protected sheets (in the order protected). */
  snapshot(): { tables: TableSnapshot[]; reports: ReportSheet[]; protectedSheets: string[] } {
    return {
      tables: [...this.tables.values()].map((t) => ({
        ...copyShape(t.shape),
        rows: t.rows.map((r) => r.map(copyCell)),
      })),
      reports: this.reports(),
      protectedSheets: this.locks.names(),
    };
  }

  /** Copies of the reports written so far, in the order first written. */
  reports(): ReportSheet[] {
    return [...this.reportSheets.values()].map(copyReport);
  }

  getReport(sheet: string): ReportSheet | undefined {
    const r = this.reportSheets.get(key(sheet));
    return r ? copyReport(r) : undefined;
  }

  /**
   * The stored tables without copying, for adapters that serialise this model
   * (xlsx save). Read-only by contract: never mutate what this returns.
   */
  view(): readonly TableSnapshot[] {
    return [...this.tables.values()].map((t) => ({
      ...t.shape,
      rows: t.rows,
      ...(t.rules ? { conditionalFormats: t.rules } : {}),
    }));
  }

  /** The conditional formats on `sheet` as laid out here (header in row 1 from A1): each over its column's data rows. */
  conditionalFormats(sheet: string): AppliedRule[] {
    const t = [...this.tables.values()].find((x) => key(x.shape.sheet) === key(sheet));
    return t?.rules ? rulesAt(t.shape.headers, t.rules, 1, 1, t.rows.length) : [];
  }

  /** The stored reports without copying (read-only, see `view`). */
  reportView(): readonly ReportSheet[] {
    return [...this.reportSheets.values()];
  }

  /** The declared name of the table on `sheet` (case-insensitive), if any. */
  tableOnSheet(sheet: string): string | undefined {
    const k = key(sheet);
    for (const t of this.tables.values()) if (key(t.shape.sheet) === k) return t.shape.name;
    return undefined;
  }

  // ---------------------------------------------------------------- reading

  async listTables(): Promise<readonly TableShape[]> {
    return [...this.tables.values()].map((t) => copyShape(t.shape));
  }

  /** A table's sheet: header in row 1 from A1, data below; a report's: title A1, rows from row 3. */
  async readRange(sheet: string, block: CellBlock): Promise<CellValue[][] | undefined> {
    const k = key(sheet);
    const t = [...this.tables.values()].find((x) => key(x.shape.sheet) === k);
    const r = this.reportSheets.get(k);
    if (!t && !r) return undefined;
    const grid: readonly (readonly unknown[])[] = t ? [t.shape.headers, ...t.rows] : [[r!.title], [], ...r!.rows];
    return cellsOf(grid, block);
  }

  async readTable(name: string): Promise<RawTable | undefined> {
    const t = this.tables.get(key(name));
    if (!t) return undefined;
    return {
      name: t.shape.name,
      sheet: t.shape.sheet,
      headers: [...t.shape.headers],
      rows: t.rows.map((r) => r.map(copyCell)),
    };
  }

  /** The port's optional tableSize: headers and data row count, no rows copied. */
  async tableSize(name: string): Promise<{ headers: string[]; rows: number } | undefined> {
    const t = this.tables.get(key(name));
    return t ? { headers: [...t.shape.headers], rows: t.rows.length } : undefined;
  }

  async isProtected(sheet: string): Promise<boolean> {
    return this.locks.has(this.mustSheet(sheet, "isProtected"));
  }

  /** The lock of a protected sheet (undefined when not protected), for adapters that save it. */
  lockOf(sheet: string): SheetLock | undefined {
    return this.locks.get(sheet);
  }

  /** Number of data rows of a table (undefined when absent). */
  rowCount(name: string): number | undefined {
    return this.tables.get(key(name))?.rows.length;
  }

  /** A copy of a table's shape (undefined when absent). */
  shape(name: string): TableShape | undefined {
    const t = this.tables.get(key(name));
    return t ? copyShape(t.shape) : undefined;
  }

  // ---------------------------------------------------------------- writing

  async createTable(shape: TableShape, rows: readonly (readonly CellValue[])[]): Promise<void> {
    this.beforeWrite();
    this.locks.assertWritable(shape?.sheet, `createTable ${shape?.name}`);
    this.checkNewTable(shape, rows, "createTable", false);
    const stored: StoredTable = { shape: copyShape(shape), rows: normaliseBlank(rows.map((r) => r.map(storedCell))) };
    if (shape.conditionalFormats?.length) stored.rules = structuredClone(shape.conditionalFormats);
    this.tables.set(key(shape.name), stored);
  }

  async appendRows(name: string, rows: readonly (readonly CellValue[])[]): Promise<void> {
    this.beforeWrite();
    const t = this.mustGet(name, "appendRows");
    this.locks.assertWritable(t.shape.sheet, `appendRows ${t.shape.name}`);
    checkRows(t.shape, rows, "appendRows", false);
    t.rows = normaliseBlank([...t.rows, ...rows.map((r) => r.map(storedCell))]);
  }

  async truncateRows(name: string, keep: number): Promise<void> {
    this.beforeWrite();
    const t = this.mustGet(name, "truncateRows");
    if (!Number.isInteger(keep) || keep < 0)
      throw new Error(`truncateRows ${t.shape.name}: keep must be a whole number ≥ 0, not ${keep}`);
    this.locks.assertWritable(t.shape.sheet, `truncateRows ${t.shape.name}`);
    if (keep < t.rows.length) t.rows = t.rows.slice(0, keep);
  }

  /** Checks every row's key against the rows now held, then updateCells (nothing changes when a row moved). */
  async updateCellsByKey(name: string, keyColumns: readonly string[], updates: readonly KeyedUpdate[]): Promise<void> {
    checkRowKeys(await this.readTable(name), name, keyColumns, updates);
    await this.updateCells(name, updates);
  }

  async updateCells(name: string, updates: readonly CellUpdate[]): Promise<void> {
    this.beforeWrite();
    const t = this.mustGet(name, "updateCells");
    this.locks.assertWritable(t.shape.sheet, `updateCells ${t.shape.name}`);
    const resolved = resolveUpdates(t.shape, t.rows.length, updates);
    for (const u of resolved) {
      const row = t.rows[u.row];
      if (row) row[u.col] = storedCell(u.value);
    }
    t.rows = normaliseBlank(t.rows);
  }

  async replaceRows(name: string, rows: readonly (readonly CellValue[])[]): Promise<void> {
    this.beforeWrite();
    const t = this.mustGet(name, "replaceRows");
    this.locks.assertWritable(t.shape.sheet, `replaceRows ${t.shape.name}`);
    checkRows(t.shape, rows, "replaceRows", false);
    t.rows = normaliseBlank(rows.map((r) => r.map(storedCell)));
  }

  async writeReport(report: ReportSheet): Promise<void> {
    this.beforeWrite();
    this.locks.assertWritable(report?.sheet, "writeReport");
    checkReport(report);
    const onSheet = this.tableOnSheet(report.sheet);
    if (onSheet !== undefined)
      throw new Error(`writeReport: sheet "${report.sheet}" holds table ${onSheet}; a report needs its own sheet`);
    const k = key(report.sheet);
    // Map.set keeps the original position when the key exists.
    this.reportSheets.set(k, copyReport(report));
  }

  async protect(sheet: string, password: string): Promise<void> {
    this.beforeWrite();
    if (typeof password !== "string") throw new Error(`protect: the password for sheet "${sheet}" must be text`);
    this.locks.lock(this.mustSheet(sheet, "protect"), passwordLock(password));
  }

  /** protect() with an adapter's own password check (xlsx: a hash); a write call like protect. */
  async protectWith(sheet: string, lock: SheetLock): Promise<void> {
    this.beforeWrite();
    this.locks.lock(this.mustSheet(sheet, "protect"), lock);
  }

  async unprotect(sheet: string, password: string): Promise<void> {
    this.beforeWrite();
    this.locks.unlock(this.mustSheet(sheet, "unprotect"), password);
  }

  // ---------------------------------------------------------------- internals

  /** The declared name of `sheet` (a table's or report's sheet); SheetNotFoundError when there is none. */
  private mustSheet(sheet: string, op: string): string {
    if (typeof sheet === "string") {
      const k = key(sheet);
      for (const t of this.tables.values()) if (key(t.shape.sheet) === k) return t.shape.sheet;
      const report = this.reportSheets.get(k);
      if (report) return report.sheet;
    }
    throw new SheetNotFoundError(String(sheet), op);
  }

  private beforeWrite(): void {
    this.writes++;
    if (this.failAt !== undefined && this.writes === this.failAt) {
      this.failAt = undefined;
      throw new Error("injected failure");
    }
  }

  private mustGet(name: string, op: string): StoredTable {
    const t = this.tables.get(key(name));
    if (!t) throw new Error(`${op}: the workbook has no table ${name}`);
    return t;
  }

  private checkNewTable(
    shape: TableShape,
    rows: readonly (readonly CellValue[])[],
    op: string,
    trusted: boolean,
  ): void {
    checkTableName(shape.name, op);
    checkSheetName(shape.sheet, op);
    const existing = this.tables.get(key(shape.name));
    if (existing) throw new Error(`${op}: table ${shape.name} already exists (as ${existing.shape.name})`);
    checkHeaders(shape, op, trusted);
    const bad = ruleProblem(shape.name, shape.headers, shape.conditionalFormats);
    if (bad) throw new Error(`${op}: ${bad}`);
    if (!trusted) {
      const onSheet = this.tableOnSheet(shape.sheet);
      if (onSheet !== undefined) throw new Error(`${op}: sheet "${shape.sheet}" already holds table ${onSheet}`);
      if (this.reportSheets.has(key(shape.sheet))) throw new Error(`${op}: sheet "${shape.sheet}" holds a report`);
    }
    checkRows(shape, rows, op, trusted);
  }
}

// ------------------------------------------------------------------ validation (shared with the xlsx adapter)

export function key(name: string): string {
  return name.toLowerCase();
}

function checkFailIndex(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new Error(`failOnWrite: expected a positive integer, got ${n}`);
  return n;
}

/** Excel's rules for table names: letter/underscore/backslash first, no spaces, not a cell address. */
export function checkTableName(name: string, op: string): void {
  if (typeof name !== "string" || name.length === 0 || name.length > 255)
    throw new Error(`${op}: invalid table name "${String(name)}"`);
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name))
    throw new Error(
      `${op}: invalid table name "${name}" (letters, digits, "_" and "." only, not starting with a digit)`,
    );
  if (/^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]\d*$/.test(name) || /^[Rr]\d+[Cc]\d+$/.test(name)) {
    throw new Error(`${op}: table name "${name}" reads as a cell address`);
  }
}

/** Excel's rules for sheet names. */
export function checkSheetName(sheet: string, op: string): void {
  if (typeof sheet !== "string" || sheet.length === 0 || sheet.length > 31)
    throw new Error(`${op}: invalid sheet name "${String(sheet)}" (1 to 31 characters)`);
  if (
    SHEET_NAME_FORBIDDEN.test(sheet) ||
    sheet.startsWith("'") ||
    sheet.endsWith("'") ||
    HEADER_CONTROL_CHARS.test(sheet)
  ) {
    throw new Error(`${op}: invalid sheet name "${sheet}" (no [ ] : * ? / \\, no leading or trailing ')`);
  }
  if (key(sheet) === "history") throw new Error(`${op}: "History" is a reserved sheet name`);
}

function checkHeaders(shape: TableShape, op: string, trusted: boolean): void {
  if (!Array.isArray(shape.headers) || shape.headers.length === 0)
    throw new Error(`${op}: table ${shape.name} needs at least one header`);
  const seen = new Set<string>();
  for (const h of shape.headers) {
    if (typeof h !== "string" || h.trim().length === 0)
      throw new Error(`${op}: table ${shape.name} has an empty header`);
    if (!trusted && (h.length > 255 || HEADER_CONTROL_CHARS.test(h)))
      throw new Error(`${op}: table ${shape.name} header "${h}" is too long or has control characters`);
    if (seen.has(key(h))) throw new Error(`${op}: table ${shape.name} has header "${h}" twice`);
    seen.add(key(h));
  }
  if (!Array.isArray(shape.numberFormats) || shape.numberFormats.length !== shape.headers.length) {
    throw new Error(
      `${op}: table ${shape.name} has ${shape.headers.length} headers but ${shape.numberFormats?.length ?? 0} number formats`,
    );
  }
  for (const f of shape.numberFormats) {
    if (typeof f !== "string" || f.length === 0)
      throw new Error(`${op}: table ${shape.name} has an empty number format`);
  }
}

function checkRows(shape: TableShape, rows: readonly (readonly CellValue[])[], op: string, trusted: boolean): void {
  if (!Array.isArray(rows)) throw new Error(`${op}: rows for ${shape.name} must be an array`);
  const width = shape.headers.length;
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== width) {
      throw new Error(
        `${op}: table ${shape.name}: row ${i + 1} has ${Array.isArray(row) ? row.length : "no"} cells, expected ${width}`,
      );
    }
    if (!trusted)
      row.forEach((v, j) =>
        checkCellValue(v, () => `${op}: table ${shape.name} row ${i + 1}, ${shape.headers[j] ?? j + 1}`),
      );
  });
}

/** Throws when `v` is not a value an Excel cell can hold. */
export function checkCellValue(v: CellValue, where: () => string): void {
  if (v === null || typeof v === "boolean") return;
  if (typeof v === "string") {
    if (v.length > MAX_TEXT_LENGTH) throw new Error(`${where()}: text longer than ${MAX_TEXT_LENGTH} characters`);
    const bad = CONTROL_CHARS.exec(v);
    if (bad)
      throw new Error(
        `${where()}: text contains control character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`,
      );
    return;
  }
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`${where()}: ${v} is not a finite number`);
    return;
  }
  if (v instanceof Date) {
    const t = v.getTime();
    if (Number.isNaN(t)) throw new Error(`${where()}: invalid date`);
    if (t < MIN_DATE || t > MAX_DATE)
      throw new Error(`${where()}: date ${v.toISOString()} is outside Excel's range 1900-01-01..9999-12-31`);
    return;
  }
  if (isCellError(v)) {
    if (!WRITABLE_ERRORS.includes(v.error))
      throw new Error(
        `${where()}: error value ${String(v.error)} cannot be written (use one of ${WRITABLE_ERRORS.join(" ")})`,
      );
    return;
  }
  throw new Error(`${where()}: not a cell value: ${describe(v)}`);
}

function describe(v: unknown): string {
  if (v === undefined) return "undefined";
  try {
    return JSON.stringify(v) ?? textOf(v);
  } catch {
    return textOf(v);
  }
}

interface ResolvedUpdate {
  row: number; // 0-based
  col: number; // 0-based
  value: CellValue;
}

function resolveUpdates(shape: TableShape, rowCount: number, updates: readonly CellUpdate[]): ResolvedUpdate[] {
  if (!Array.isArray(updates)) throw new Error(`updateCells: updates for ${shape.name} must be an array`);
  return updates.map((u) => {
    const col = findHeader(shape.headers, u.column);
    if (col < 0) throw new Error(`updateCells: table ${shape.name} has no column "${u.column}"`);
    if (!Number.isInteger(u.row) || u.row < 1 || u.row > rowCount) {
      throw new Error(`updateCells: table ${shape.name} has no row ${u.row} (rows 1..${rowCount})`);
    }
    checkCellValue(u.value, () => `updateCells: table ${shape.name} row ${u.row}, ${u.column}`);
    return { row: u.row - 1, col, value: u.value };
  });
}

/** Index of `column` among `headers`: exact spelling first, then case-insensitive; -1 when absent. */
export function findHeader(headers: readonly string[], column: string): number {
  const exact = headers.indexOf(column);
  if (exact >= 0) return exact;
  const k = typeof column === "string" ? key(column) : "";
  return headers.findIndex((h) => key(h) === k);
}

export function checkReport(report: ReportSheet): void {
  checkSheetName(report.sheet, "writeReport");
  if (typeof report.title !== "string") throw new Error(`writeReport: report on "${report.sheet}" needs a title`);
  checkCellValue(report.title, () => `writeReport: "${report.sheet}" title`);
  if (!Array.isArray(report.rows)) throw new Error(`writeReport: rows of "${report.sheet}" must be an array`);
  report.rows.forEach((row, i) => {
    if (!Array.isArray(row)) throw new Error(`writeReport: "${report.sheet}" row ${i + 1} is not an array`);
    row.forEach((v, j) => {
      const where = () => `writeReport: "${report.sheet}" row ${i + 1}, column ${j + 1}`;
      if (!isFormulaCell(v)) return checkCellValue(v, where);
      if (!v.formula.startsWith("="))
        throw new Error(`${where()}: formula ${JSON.stringify(v.formula)} must start with =`);
      checkCellValue(v.result, where);
    });
  });
  for (const b of report.boldRows ?? []) {
    if (!Number.isInteger(b) || b < 0)
      throw new Error(`writeReport: "${report.sheet}" bold row ${b} is not a row index`);
  }
}

// ------------------------------------------------------------------ copying

export function copyCell(v: CellValue): CellValue {
  if (typeof v === "number") return v === 0 ? 0 : v; // -0 → 0, as in a file
  if (v === null || typeof v !== "object") return v; // text, logical, blank: the common cells first
  if (v instanceof Date) return new Date(v.getTime());
  if (isCellError(v)) return { error: v.error };
  return v;
}

/** A cell as a table write stores it: "" is a blank cell (Excel keeps no empty text, so every adapter reads it back as null). */
function storedCell(v: CellValue): CellValue {
  return v === "" ? null : copyCell(v);
}

export function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || v === "";
}

/** The "single blank row = empty table" rule. */
function normaliseBlank(rows: CellValue[][]): CellValue[][] {
  const only = rows.length === 1 ? rows[0] : undefined;
  return only && only.every(isBlank) ? [] : rows;
}

function copyShape(s: TableShape): TableShape {
  return { name: s.name, sheet: s.sheet, headers: [...s.headers], numberFormats: [...s.numberFormats] };
}

function copyReportCell(v: ReportCell): ReportCell {
  return isFormulaCell(v) ? { formula: v.formula, result: copyCell(v.result) } : copyCell(v);
}

/** A deep copy: formula cells keep formula and cached result; the print-ready layout fields are plain data. */
function copyReport(r: ReportSheet): ReportSheet {
  return {
    ...structuredClone({ ...r, rows: [] }),
    sheet: r.sheet,
    title: r.title,
    rows: r.rows.map((row) => row.map(copyReportCell)),
  };
}
