/**
 * A workbook's tables as JSON, to move a workbook between adapters through
 * the port alone: the browser preview gets its starting workbook from the
 * server this way (memory or xlsx → JSON → the fake Excel host), and sends it
 * back for "Download .xlsx" (fake host → JSON → xlsx). Each table keeps its
 * shape (sheet, headers, number formats), its rows and whether its sheet is
 * protected. The port cannot read report sheets back, so reports come along
 * only when the caller reads them its own way (MemoryWorkbook.reports(),
 * XlsxWorkbook.reportSheets(), the preview's fake host) and passes them to
 * snapshotOf, which adds whether each report's sheet is protected (a closed
 * period's statements are); restoreSnapshot writes them with port.writeReport
 * and protects them again.
 *
 * Cells are JSON-safe: a Date becomes { date: "2026-03-31" } (UTC midnight) or
 * { date: "2026-03-31T17:00:00.000Z" }; an error stays { error: "#N/A" };
 * text, numbers, booleans and null stay as they are.
 *
 * Example:
 *   const snap = await snapshotOf(memory, { reports: memory.reports() });   // { version: 1, tables: [{ shape, rows, protected }], reports }
 *   const json = JSON.stringify(snap);
 *   await restoreSnapshot(excelPort, parseSnapshot(JSON.parse(json)));
 *   // every table created and report written, then the protected sheets protected with the
 *   // "Protection password" setting (tblSettings), or options.password
 */
import type { CellValue, ReportCell, ReportSheet, TableShape, WorkbookPort } from "../ports/workbook";
import { isCellError, isFormulaCell, isSheetNotFound } from "../ports/workbook";
import { SETTINGS, tableByName } from "../schema/tables";

export type JsonCell = string | number | boolean | null | { readonly date: string } | { readonly error: string };
export type JsonReportCell = JsonCell | { readonly formula: string; readonly result: JsonCell };

export interface SnapshotTable {
  readonly shape: TableShape;
  readonly rows: readonly (readonly JsonCell[])[];
  /** whether the table's sheet is protected */
  readonly protected: boolean;
}

/** A report sheet (ports/workbook ReportSheet) in JSON: a missing number format is null. */
export interface SnapshotReport {
  readonly sheet: string;
  readonly title: string;
  readonly rows: readonly (readonly JsonReportCell[])[];
  readonly numberFormats?: readonly (string | null)[];
  readonly boldRows?: readonly number[];
  readonly align?: readonly ("left" | "right" | "center" | null)[];
  readonly widths?: readonly (number | null)[];
  readonly cellFormats?: ReportSheet["cellFormats"];
  readonly ruleAbove?: readonly number[];
  readonly doubleBelow?: readonly number[];
  readonly print?: ReportSheet["print"];
  /** whether the report's sheet is protected (snapshotOf always says; missing = false) */
  readonly protected?: boolean;
}

export interface WorkbookSnapshot {
  readonly version: 1;
  readonly tables: readonly SnapshotTable[];
  readonly reports?: readonly SnapshotReport[];
}

export interface SnapshotOptions {
  /** the workbook's report sheets, read by the caller (the port cannot read them) */
  readonly reports?: readonly ReportSheet[];
}

export interface RestoreOptions {
  /** the password the protected sheets get; default: the snapshot's "Protection password" setting, else "" */
  readonly password?: string;
}

const DAY_MS = 86_400_000;

export function encodeCell(v: CellValue): JsonCell {
  if (v instanceof Date) {
    const iso = v.toISOString();
    return { date: v.getTime() % DAY_MS === 0 ? iso.slice(0, 10) : iso };
  }
  if (isCellError(v)) return { error: v.error };
  return v;
}

export function decodeCell(v: JsonCell): CellValue {
  if (v === null || typeof v !== "object") return v;
  if ("date" in v) return new Date(v.date.length === 10 ? `${v.date}T00:00:00.000Z` : v.date);
  return { error: v.error };
}

/** A report cell: a formula keeps its text and its cached result. */
export function encodeReportCell(v: ReportCell): JsonReportCell {
  return isFormulaCell(v) ? { formula: v.formula, result: encodeCell(v.result) } : encodeCell(v);
}

export function decodeReportCell(v: JsonReportCell): ReportCell {
  return v !== null && typeof v === "object" && "formula" in v
    ? { formula: v.formula, result: decodeCell(v.result) }
    : decodeCell(v);
}

/** The print-ready layout (ReportSheet's align, widths, underlines, print, cell formats) is plain JSON already. */
type ReportLayoutFields = Omit<
  ReportSheet,
  "sheet" | "title" | "rows" | "numberFormats" | "boldRows" | "align" | "widths"
>;
const layoutOf = (r: ReportSheet | SnapshotReport): ReportLayoutFields => ({
  ...(r.cellFormats ? { cellFormats: r.cellFormats } : {}),
  ...(r.ruleAbove ? { ruleAbove: r.ruleAbove } : {}),
  ...(r.doubleBelow ? { doubleBelow: r.doubleBelow } : {}),
  ...(r.print ? { print: r.print } : {}),
});

/** A report's name, title, per-column lists and layout, a missing entry as `blank` (null in a snapshot, undefined in a sheet). */
function listsOf<B extends null | undefined>(r: ReportSheet | SnapshotReport, blank: B) {
  return {
    sheet: r.sheet,
    title: r.title,
    ...(r.numberFormats ? { numberFormats: r.numberFormats.map((f) => f ?? blank) } : {}),
    ...(r.boldRows ? { boldRows: [...r.boldRows] } : {}),
    ...(r.align ? { align: r.align.map((a) => a ?? blank) } : {}),
    ...(r.widths ? { widths: r.widths.map((w) => w ?? blank) } : {}),
    ...layoutOf(r),
  };
}

export function encodeReport(r: ReportSheet): SnapshotReport {
  return { ...listsOf(r, null), rows: r.rows.map((row) => row.map(encodeReportCell)) };
}

export function decodeReport(r: SnapshotReport): ReportSheet {
  return { ...listsOf(r, undefined), rows: r.rows.map((row) => row.map(decodeReportCell)) };
}

/** Every table of `port` with its rows and its sheet's protection (and the reports given). */
export async function snapshotOf(port: WorkbookPort, options: SnapshotOptions = {}): Promise<WorkbookSnapshot> {
  const tables: SnapshotTable[] = [];
  const protectedSheets = new Map<string, boolean>();
  for (const shape of await port.listTables()) {
    const raw = await port.readTable(shape.name);
    if (!raw) continue;
    const sheetKey = shape.sheet.toLowerCase();
    let isProtected = protectedSheets.get(sheetKey);
    if (isProtected === undefined) {
      isProtected = await port.isProtected(shape.sheet);
      protectedSheets.set(sheetKey, isProtected);
    }
    tables.push({
      shape: {
        name: shape.name,
        sheet: shape.sheet,
        headers: [...shape.headers],
        numberFormats: [...shape.numberFormats],
      },
      rows: raw.rows.map((row) => row.map(encodeCell)),
      protected: isProtected,
    });
  }
  const reports: SnapshotReport[] = [];
  for (const r of options.reports ?? [])
    reports.push({ ...encodeReport(r), protected: await reportProtected(port, r.sheet) });
  return reports.length > 0 ? { version: 1, tables, reports } : { version: 1, tables };
}

/** Whether a report's sheet is protected; false when the port has no such sheet (a report read some other way). */
async function reportProtected(port: WorkbookPort, sheet: string): Promise<boolean> {
  try {
    return await port.isProtected(sheet);
  } catch (e) {
    if (isSheetNotFound(e)) return false;
    throw e;
  }
}

/** Creates every table of `snapshot` in `port` (which must not have them yet), writes its reports, then protects the protected sheets (tables' and reports'). */
export async function restoreSnapshot(
  port: WorkbookPort,
  snapshot: WorkbookSnapshot,
  options: RestoreOptions = {},
): Promise<void> {
  for (const t of snapshot.tables) {
    // a port lists no conditional formats: a Closebook table gets its declared ones back (the checklist's colours)
    const rules = tableByName(t.shape.name)?.conditionalFormats;
    await port.createTable(
      rules ? { ...t.shape, conditionalFormats: rules } : t.shape,
      t.rows.map((row) => row.map(decodeCell)),
    );
  }
  for (const r of snapshot.reports ?? []) await port.writeReport(decodeReport(r));
  const password = options.password ?? settingsPassword(snapshot);
  const done = new Set<string>();
  const sheets = [
    ...snapshot.tables.map((t) => ({ sheet: t.shape.sheet, protected: t.protected })),
    ...(snapshot.reports ?? []).map((r) => ({ sheet: r.sheet, protected: r.protected === true })),
  ];
  for (const s of sheets) {
    const key = s.sheet.toLowerCase();
    if (!s.protected || done.has(key)) continue;
    done.add(key);
    if (!(await port.isProtected(s.sheet))) await port.protect(s.sheet, password);
  }
}

/** The "Protection password" row of the snapshot's settings table, or "". */
function settingsPassword(snapshot: WorkbookSnapshot): string {
  const settings = snapshot.tables.find((t) => t.shape.name.toLowerCase() === SETTINGS.name.toLowerCase());
  if (!settings) return "";
  const keyCol = settings.shape.headers.findIndex((h) => h.toLowerCase() === "setting");
  const valueCol = settings.shape.headers.findIndex((h) => h.toLowerCase() === "value");
  if (keyCol < 0 || valueCol < 0) return "";
  const row = settings.rows.find(
    (r) => typeof r[keyCol] === "string" && r[keyCol].trim().toLowerCase() === "protection password",
  );
  const value = row?.[valueCol];
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

/**
 * Checks that `json` (parsed from a request or response) is a snapshot;
 * throws an Error saying what is wrong otherwise.
 */
export function parseSnapshot(json: unknown): WorkbookSnapshot {
  const fail = (what: string): never => {
    throw new Error(`Not a Closebook workbook snapshot: ${what}`);
  };
  if (typeof json !== "object" || json === null) return fail("not an object");
  const { version, tables, reports } = json as { version?: unknown; tables?: unknown; reports?: unknown };
  if (version !== 1) fail(`version ${JSON.stringify(version)} (expected 1)`);
  if (!Array.isArray(tables)) return fail("no tables list");
  const isText = (x: unknown): x is string => typeof x === "string";
  tables.forEach((t: unknown, i) => {
    const where = `table ${i + 1}`;
    if (typeof t !== "object" || t === null) return fail(`${where} is not an object`);
    const { shape, rows, protected: prot } = t as { shape?: unknown; rows?: unknown; protected?: unknown };
    const s = shape as Partial<TableShape> | undefined;
    if (
      !s ||
      !isText(s.name) ||
      !isText(s.sheet) ||
      !Array.isArray(s.headers) ||
      !s.headers.every(isText) ||
      !Array.isArray(s.numberFormats) ||
      !s.numberFormats.every(isText)
    ) {
      return fail(`${where} has no valid shape (name, sheet, headers, numberFormats)`);
    }
    if (typeof prot !== "boolean") fail(`${s.name}: "protected" is not true or false`);
    if (!Array.isArray(rows)) return fail(`${s.name}: rows is not a list`);
    rows.forEach((row: unknown, r) => {
      if (!Array.isArray(row)) return fail(`${s.name} row ${r + 1} is not a list`);
      for (const cell of row)
        if (!isJsonCell(cell)) fail(`${s.name} row ${r + 1} has a cell that is not a value: ${JSON.stringify(cell)}`);
    });
  });
  if (reports !== undefined) {
    if (!Array.isArray(reports)) fail("reports is not a list");
    (reports as unknown[]).forEach((r: unknown, i) => {
      const rep = (typeof r === "object" && r !== null ? r : {}) as {
        sheet?: unknown;
        title?: unknown;
        rows?: unknown;
        numberFormats?: unknown;
        boldRows?: unknown;
        protected?: unknown;
      };
      const where = `report ${i + 1}`;
      if (!isText(rep.sheet) || !isText(rep.title)) return fail(`${where} has no sheet or title`);
      if (
        !Array.isArray(rep.rows) ||
        !rep.rows.every((row: unknown) => Array.isArray(row) && row.every(isJsonReportCell))
      )
        fail(`report ${rep.sheet}: rows are not lists of values`);
      if (
        rep.numberFormats !== undefined &&
        !(Array.isArray(rep.numberFormats) && rep.numberFormats.every((f: unknown) => f === null || isText(f)))
      )
        fail(`report ${rep.sheet}: numberFormats`);
      if (
        rep.boldRows !== undefined &&
        !(Array.isArray(rep.boldRows) && rep.boldRows.every((b: unknown) => Number.isInteger(b)))
      )
        fail(`report ${rep.sheet}: boldRows`);
      if (rep.protected !== undefined && typeof rep.protected !== "boolean")
        fail(`report ${rep.sheet}: "protected" is not true or false`);
    });
  }
  return json as WorkbookSnapshot;
}

function isJsonReportCell(v: unknown): v is JsonReportCell {
  if (typeof v !== "object" || v === null || !("formula" in v)) return isJsonCell(v);
  const f = v as { formula?: unknown; result?: unknown };
  return Object.keys(v).length === 2 && typeof f.formula === "string" && isJsonCell(f.result);
}

function isJsonCell(v: unknown): v is JsonCell {
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (typeof v === "number") return Number.isFinite(v);
  if (typeof v !== "object") return false;
  const keys = Object.keys(v);
  if (keys.length !== 1) return false;
  const o = v as { date?: unknown; error?: unknown };
  if (typeof o.date === "string")
    return !Number.isNaN(new Date(o.date.length === 10 ? `${o.date}T00:00:00.000Z` : o.date).getTime());
  return typeof o.error === "string";
}
