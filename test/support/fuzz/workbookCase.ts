/**
 * The workbook side of the bad-input fuzz test: a small company with a few
 * balanced draft vouchers, some of them posted (a base per "through" date,
 * built once), rebuilt per case from its snapshot with corruptions applied;
 * and the oracles: issue shape, the issues a corruption must produce, and the
 * ledger before/after comparison.
 */
import { MemoryWorkbook, type TableSnapshot } from "../../../src/adapters/memory/memoryWorkbook";
import { passwordLock } from "../../../src/adapters/memory/sheetLocks";
import { checkWorkbook } from "../../../src/app/checkWorkbook";
import { postJournals } from "../../../src/app/postJournals";
import { setupWorkbook } from "../../../src/app/setupWorkbook";
import type { Issue } from "../../../src/core/issues/issue";
import { fixedClock } from "../../../src/ports/clock";
import { isCellError, type CellValue } from "../../../src/ports/workbook";
import { normalizeHeader } from "../../../src/schema/decodeTable";
import { ALL_TABLES } from "../../../src/schema/tables";
import { journal } from "../fixtures";
import { smallCompany } from "../smallCompany";
import { applyCorruption, type Corruption, type MutableTable } from "./corruptions";

export const clock = fixedClock("2026-04-01T09:00:00.000Z");

/** Six balanced draft vouchers in four currencies; D-5 needs a conversion rounding line. */
export const JOURNAL = `
  D-1 2026-03-05 1010 EUR Dr 100.00 dept=SALES
  D-1 2026-03-05 4000 EUR Cr 100.00 dept=SALES
  D-2 2026-03-10 6100 USD Dr 50.00 dept=ADMIN
  D-2 2026-03-10 1000 USD Cr 50.00
  D-3 2026-03-15 1030 JPY Dr 12345
  D-3 2026-03-15 4000 JPY Cr 12345
  D-4 2026-03-20 1100 GBP Dr 250.00
  D-4 2026-03-20 2000 GBP Cr 250.00
  D-5 2026-03-25 1010 EUR Dr 3.00
  D-5 2026-03-25 4000 EUR Cr 1.50
  D-5 2026-03-25 4000 EUR Cr 1.50
  D-6 2026-03-28 6100 USD Dr 10.00
  D-6 2026-03-28 2000 USD Cr 10.00`;

/** Post through one of these dates first, so the ledger has rows and some drafts remain. */
export const THROUGH = ["2026-03-05", "2026-03-10", "2026-03-15", "2026-03-20", "2026-03-25"] as const;

export interface Base {
  readonly tables: readonly TableSnapshot[];
  readonly protectedSheets: readonly string[];
}

const bases = new Map<string, Promise<Base>>();

async function makeBase(through: string): Promise<Base> {
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, smallCompany(journal(JOURNAL)));
  const r = await postJournals(wb, { user: "alice", clock: fixedClock("2026-03-31T17:00:00.000Z"), through });
  if (!r.posted) throw new Error(`base posting through ${through} failed: ${JSON.stringify(r.issues)}`);
  const s = wb.snapshot();
  return { tables: s.tables, protectedSheets: s.protectedSheets };
}

export function base(through: string): Promise<Base> {
  let b = bases.get(through);
  if (!b) bases.set(through, (b = makeBase(through)));
  return b;
}

export function mutableCopy(b: Base): { tables: MutableTable[]; protectedSheets: string[] } {
  return {
    tables: b.tables.map((t) => ({
      name: t.name,
      sheet: t.sheet,
      headers: [...t.headers],
      numberFormats: [...t.numberFormats],
      rows: t.rows.map((r) => [...r]),
    })),
    protectedSheets: [...b.protectedSheets],
  };
}

/** The workbook a case runs on: the base with the corruptions applied, its system sheets protected (password ""). */
export function corruptedWorkbook(b: Base, corruptions: readonly Corruption[]): MemoryWorkbook {
  const { tables, protectedSheets } = mutableCopy(b);
  for (const c of corruptions) applyCorruption(tables, protectedSheets, c);
  const sheets = new Set(tables.map((t) => t.sheet.toLowerCase()));
  return MemoryWorkbook.from(tables, {
    locks: protectedSheets
      .filter((s) => sheets.has(s.toLowerCase()))
      .map((sheet) => ({ sheet, lock: passwordLock("") })),
  });
}

// ------------------------------------------------------------------ issues

const SEVERITIES = new Set(["error", "warning", "info"]);
const TABLE_NAMES = new Set(ALL_TABLES.map((t) => t.name));
/**
 * Protection issues name the sheet they are about (SHEET_UNPROTECTED from verify,
 * SHEET_REPROTECTED from openForWrite): accepted for the sheets of Closebook tables.
 */
const SHEET_CODES = new Set(["SHEET_UNPROTECTED", "SHEET_REPROTECTED"]);
const SHEETS = new Set(ALL_TABLES.map((t) => t.sheet));

/** Problems with the shape of an issue (empty when it is well-formed); `files` are file names an issue may name. */
export function issueProblems(i: Issue, files: readonly string[] = []): string[] {
  const out: string[] = [];
  const where = JSON.stringify(i).slice(0, 300);
  if (typeof i.code !== "string" || (i.code as string) === "") out.push(`no code: ${where}`);
  if (!SEVERITIES.has(i.severity)) out.push(`bad severity: ${where}`);
  if (typeof i.message !== "string" || i.message.trim() === "") out.push(`empty message: ${where}`);
  if (!i.at) out.push(`no location: ${where}`);
  else {
    const t = i.at.table;
    const ok = TABLE_NAMES.has(t) || files.includes(t) || (SHEET_CODES.has(i.code) && SHEETS.has(t));
    if (!ok) out.push(`location names no table: ${where}`);
    if (i.at.row !== undefined && (!Number.isInteger(i.at.row) || i.at.row < 0)) out.push(`bad row: ${where}`);
    if (i.code === "BAD_CELL" || i.code === "MISSING_VALUE") {
      if (!Number.isInteger(i.at.row) || (i.at.row ?? 0) < 1) out.push(`${i.code} without a row: ${where}`);
      if (typeof i.at.column !== "string" || i.at.column === "") out.push(`${i.code} without a column: ${where}`);
    }
  }
  return out;
}

const isBlank = (v: CellValue | undefined) =>
  v === null || v === undefined || (typeof v === "string" && v.trim() === "");
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const NUMERIC = new Set(["amount", "rate", "int", "date"]);

export interface Expected {
  readonly code: string;
  readonly table: string;
  readonly row?: number;
  readonly column?: string;
}

/**
 * Issues checkWorkbook must report for the workbook as it is: a missing table,
 * a missing required column, and — in a table whose required columns are all
 * there — every cell holding an error value, a non-ISO text in a date column,
 * a logical value in a number or date column (BAD_CELL), and every blank
 * required cell in a non-blank row (MISSING_VALUE), each at its row and column.
 */
export function expectedIssues(tables: readonly TableSnapshot[], checked: ReadonlySet<string>): Expected[] {
  const out: Expected[] = [];
  for (const def of ALL_TABLES) {
    if (!checked.has(def.name)) continue;
    const t = tables.find((x) => x.name.toLowerCase() === def.name.toLowerCase());
    if (!t) {
      out.push({ code: "MISSING_TABLE", table: def.name });
      continue;
    }
    const position = new Map<string, number>();
    t.headers.forEach((h, i) => {
      const n = normalizeHeader(h);
      if (!position.has(n)) position.set(n, i);
    });
    const missing = def.columns.filter((c) => c.required && !position.has(normalizeHeader(c.header)));
    for (const c of missing) out.push({ code: "MISSING_COLUMN", table: def.name, column: c.header });
    if (missing.length) continue;
    t.rows.forEach((cells, i) => {
      if (cells.every(isBlank)) return;
      for (const c of def.columns) {
        const p = position.get(normalizeHeader(c.header));
        if (p === undefined) continue;
        const v = cells[p] ?? null;
        const at = { table: def.name, row: i + 1, column: c.header };
        if (isCellError(v)) out.push({ code: "BAD_CELL", ...at });
        else if (c.type === "date" && typeof v === "string" && v.trim() !== "" && !ISO_DATE.test(v.trim()))
          out.push({ code: "BAD_CELL", ...at });
        else if (NUMERIC.has(c.type) && typeof v === "boolean") out.push({ code: "BAD_CELL", ...at });
        else if (c.required && isBlank(v)) out.push({ code: "MISSING_VALUE", ...at });
      }
    });
  }
  return out;
}

let checkedTables: Promise<Set<string>> | undefined;

/**
 * The tables checkWorkbook reads (those it reports as missing when they are),
 * to which `expectedIssues` applies; tables other commands read on their own
 * (e.g. allocation rules) are still corrupted, but not held to it.
 */
export function tablesCheckWorkbookReads(): Promise<Set<string>> {
  checkedTables ??= (async () => {
    const b = await base(THROUGH[0]);
    const out = new Set<string>();
    for (const def of ALL_TABLES) {
      const issues = await checkWorkbook(corruptedWorkbook(b, [{ kind: "missingTable", table: def.name }]));
      if (issues.some((i) => i.code === "MISSING_TABLE" && i.at?.table === def.name)) out.add(def.name);
    }
    return out;
  })();
  return checkedTables;
}

export function reported(issues: readonly Issue[], e: Expected): boolean {
  return issues.some(
    (i) =>
      i.code === e.code &&
      i.at?.table === e.table &&
      (e.row === undefined || i.at.row === e.row) &&
      (e.column === undefined || normalizeHeader(i.at.column ?? "") === normalizeHeader(e.column)),
  );
}

// ------------------------------------------------------------------ the ledger

export interface LedgerState {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly CellValue[])[];
}

export function ledgerOf(wb: MemoryWorkbook): LedgerState | undefined {
  const t = wb.view().find((x) => x.name === "tblLedger");
  return t ? { headers: [...t.headers], rows: t.rows.map((r) => [...r]) } : undefined;
}

/** A copy of a table's headers and rows (the workbook's own rows change in place on updateCells). */
export function tableCopy(tables: readonly TableSnapshot[], name: string): LedgerState | undefined {
  const t = tables.find((x) => x.name === name);
  return t ? { headers: [...t.headers], rows: t.rows.map((r) => [...r]) } : undefined;
}

/**
 * Run ids of the rows of tblRuns whose Status reads "started" (a superset of the
 * runs recovery rolls back): the only runs whose ledger rows may be taken back.
 */
export function startedRuns(tables: readonly TableSnapshot[]): Set<string> {
  const t = tables.find((x) => x.name === "tblRuns");
  const out = new Set<string>();
  if (!t) return out;
  const at = (h: string) => t.headers.findIndex((x) => normalizeHeader(x) === normalizeHeader(h));
  const [id, status] = [at("Run id"), at("Status")];
  for (const r of t.rows) {
    const s = status >= 0 ? r[status] : null;
    const v = id >= 0 ? r[id] : null;
    if (typeof s === "string" && s.trim() === "started" && v !== null && v !== undefined) out.add(String(v).trim());
  }
  return out;
}

/** A typed, exact text of a cell, so "1" and 1, or 0 and false, never compare equal. */
export function cellKey(v: CellValue | undefined): string {
  if (v === undefined) return "undefined";
  if (v === null) return "null";
  if (v instanceof Date) return `date:${v.getTime()}`;
  if (isCellError(v)) return `error:${v.error}`;
  if (typeof v === "number") return `number:${Object.is(v, -0) ? "-0" : String(v)}`;
  return `${typeof v}:${String(v)}`;
}

export function rowKey(r: readonly CellValue[]): string {
  return JSON.stringify(r.map(cellKey));
}

export function column(l: LedgerState, header: string): number {
  return l.headers.findIndex((h) => normalizeHeader(h) === normalizeHeader(header));
}

/**
 * The exact number of micro-units (10^-6, finer than any currency precision 0..6
 * allowed) a stored number holds, read from its shortest decimal text; undefined
 * when it is not a number or not a whole number of micro-units.
 */
export function microUnits(v: CellValue | undefined): bigint | undefined {
  if (typeof v !== "number" || !Number.isFinite(v)) return undefined;
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(v));
  if (!m) return undefined;
  const frac = m[3] ?? "";
  const mantissa = BigInt(`${m[1]}${m[2]}${frac}`);
  const exp = Number(m[4] ?? 0) - frac.length + 6;
  if (exp >= 0) return mantissa * 10n ** BigInt(exp);
  const f = 10n ** BigInt(-exp);
  return mantissa % f === 0n ? mantissa / f : undefined;
}
