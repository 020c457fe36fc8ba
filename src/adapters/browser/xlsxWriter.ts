/**
 * An .xlsx built where the task pane runs (Excel on the web and desktop, the
 * browser preview), for the pane's Publish: no server, no Node.
 *
 * BrowserXlsxWorkbook is a MemoryWorkbook that also remembers the order its
 * sheets were first written and the password each protected sheet was
 * protected with. `toBytes()` loads exceljs on first use (`import()`: webpack
 * gives it a chunk of its own, fetched at the first Publish, so the pane's
 * first load does not grow; the pane imports this module lazily too) and builds every sheet with the xlsx adapter's
 * own writers (xlsx/writeSheets.ts, as `closebook publish` saves): real tables with
 * their number formats, report sheets with bold rows, rules, formulas with
 * cached results, print setup and frozen headings. Each protected sheet gets
 * Excel's SHA-512 password hash (xlsx/sheetProtection.ts' algorithm and options,
 * 10,000 spins), computed with Web Crypto, once per password.
 *
 * Example:
 *   const target = new BrowserXlsxWorkbook();
 *   await publishPeriod(port, target, { period: "2026-11", user: "bob", now });
 *   const bytes = await target.toBytes();   // Uint8Array "PK…": cover first, every sheet protected
 *   hashPasswordWeb("s3cret", salt, 10_000) === hashPassword("s3cret", "SHA-512", salt, 10_000)  // (Node's)
 */
import type * as ExcelJS from "exceljs";
import { MemoryWorkbook, key } from "../memory/memoryWorkbook";
import type { CellValue, ReportSheet, TableShape } from "../../ports/workbook";
import { DEFAULT_TABLE_STYLE } from "../xlsx/layout";
import { addReportSheet, addTableSheet } from "../xlsx/writeSheets";

/** What users may still do on a protected sheet: xlsx/sheetProtection.ts' PROTECT_OPTIONS (a test keeps them equal). */
export const WEB_PROTECT_OPTIONS = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  sort: true,
  autoFilter: true,
} as const;
export const WEB_SPIN_COUNT = 10_000;

export class BrowserXlsxWorkbook extends MemoryWorkbook {
  private readonly order: string[] = [];
  private readonly passwords = new Map<string, string>();

  private remember(sheet: string): void {
    if (!this.order.some((s) => key(s) === key(sheet))) this.order.push(sheet);
  }

  override async createTable(shape: TableShape, rows: readonly (readonly CellValue[])[]): Promise<void> {
    await super.createTable(shape, rows);
    this.remember(shape.sheet);
  }

  override async writeReport(report: ReportSheet): Promise<void> {
    await super.writeReport(report);
    this.remember(report.sheet);
  }

  override async protect(sheet: string, password: string): Promise<void> {
    await super.protect(sheet, password);
    this.passwords.set(key(sheet), password);
  }

  override async unprotect(sheet: string, password: string): Promise<void> {
    await super.unprotect(sheet, password);
    this.passwords.delete(key(sheet));
  }

  /** The workbook as .xlsx bytes: sheets in the order first written, protected ones protected. */
  async toBytes(): Promise<Uint8Array> {
    const excel = await loadExcelJs();
    const wb = new excel.Workbook();
    wb.creator = "Closebook";
    wb.lastModifiedBy = "Closebook";
    const tables = this.view();
    const reports = this.reportView();
    const models = new Map<string, Promise<object>>();
    const modelFor = (password: string) => {
      let m = models.get(password);
      if (!m) models.set(password, (m = protectionModelWeb(password)));
      return m;
    };
    for (const sheet of this.order) {
      const k = key(sheet);
      const onSheet = tables.filter((t) => key(t.sheet) === k);
      const report = reports.find((r) => key(r.sheet) === k);
      let ws: ExcelJS.Worksheet | undefined;
      if (onSheet.length)
        ws = addTableSheet(
          wb,
          onSheet[0]!.sheet,
          onSheet.map((table) => ({
            table,
            layout: { top: 1, left: 1, style: DEFAULT_TABLE_STYLE, formulas: new Map<number, string>() },
          })),
        );
      else if (report) ws = addReportSheet(wb, report);
      const password = this.passwords.get(k);
      if (ws && password !== undefined)
        (ws as unknown as { sheetProtection: object }).sheetProtection = { ...(await modelFor(password)) };
    }
    if (wb.worksheets.length === 0) wb.addWorksheet("Sheet1");
    const out = (await wb.xlsx.writeBuffer()) as ArrayBuffer | Uint8Array;
    return out instanceof Uint8Array ? out : new Uint8Array(out);
  }
}

/** exceljs, loaded on first use (Node: its CommonJS build; webpack: its browser build, a lazy chunk). */
async function loadExcelJs(): Promise<typeof ExcelJS> {
  const m = (await import(/* webpackChunkName: "xlsx-writer" */ "exceljs")) as unknown as typeof ExcelJS & {
    default?: typeof ExcelJS;
  };
  return typeof m.Workbook === "function" ? m : m.default!;
}

/** exceljs' model of <sheetProtection> for `password` ("" = protected without a password). */
export async function protectionModelWeb(password: string, spinCount = WEB_SPIN_COUNT): Promise<object> {
  const base = { sheet: true, ...WEB_PROTECT_OPTIONS };
  if (password === "") return base;
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const saltValue = toBase64(salt);
  return {
    ...base,
    algorithmName: "SHA-512",
    saltValue,
    spinCount,
    hashValue: await hashPasswordWeb(password, saltValue, spinCount),
  };
}

/**
 * Excel's SHA-512 password verifier (ECMA-376 Part 1 §18.2.28), base64:
 * H0 = SHA512(salt + UTF-16LE(password)); Hn+1 = SHA512(Hn + n as 4-byte little-endian).
 */
export async function hashPasswordWeb(password: string, saltValue: string, spinCount: number): Promise<string> {
  const subtle = globalThis.crypto.subtle;
  const salt = fromBase64(saltValue);
  const first = new Uint8Array(salt.length + password.length * 2);
  first.set(salt);
  for (let i = 0; i < password.length; i++) {
    const c = password.charCodeAt(i);
    first[salt.length + 2 * i] = c & 0xff;
    first[salt.length + 2 * i + 1] = c >> 8;
  }
  let hash = new Uint8Array(await subtle.digest("SHA-512", first));
  const buf = new Uint8Array(64 + 4);
  for (let i = 0; i < spinCount; i++) {
    buf.set(hash);
    buf[64] = i & 0xff;
    buf[65] = (i >>> 8) & 0xff;
    buf[66] = (i >>> 16) & 0xff;
    buf[67] = (i >>> 24) & 0xff;
    hash = new Uint8Array(await subtle.digest("SHA-512", buf));
  }
  return toBase64(hash);
}

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
