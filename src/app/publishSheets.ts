/**
 * The report sheets of a published period (publish.ts) that are not
 * statements: the cover "About this workbook", the rates used, the period's
 * run history and audit-log extract, and a checklist table copied as values.
 * Plain values only, so the sheets read the same without the add-in.
 *
 * Example: coverSheet({ company: "Test Co", period: 2026-03 On hold, seal {hash "$1$ab…", count 6}, … })
 *   → rows ["Company", "Test Co"], ["Period", "2026-03 (2026-03-01 to 2026-03-31)"], ["Status", "On hold"],
 *     …, ["Net income (period)", 1200], …, ["How to verify", "closebook verify FILE.xlsx …"]
 */
import type { AuditRecord, ExchangeRate, FiscalPeriod, RunRecord } from "../core/ledger/types";
import type { SealRecord } from "../core/seal/seal";
import type { BalanceSheet } from "../core/statements/balanceSheet";
import { amountFormat } from "../core/statements/layout";
import type { IncomeStatement } from "../core/statements/incomeStatement";
import type { TrialBalance } from "../core/ledger/trialBalance";
import type { CellValue, RawTable, ReportSheet } from "../ports/workbook";
import { AUDIT, RATES, RUNS } from "../schema/tables";
import type { Key, TableDef } from "../schema/defineTable";
import { headers } from "../schema/typedCells";

export interface CoverFacts {
  readonly company: string;
  readonly period: FiscalPeriod;
  readonly draft: boolean;
  /** the seal carried: the source's seal in force, or for an unsealed draft one computed at publishing */
  readonly seal: SealRecord;
  readonly sealedInSource: boolean;
  readonly publishedBy: string;
  readonly publishedAt: string;
  readonly version: string;
  readonly income: IncomeStatement;
  readonly balance: BalanceSheet;
  readonly tb: TrialBalance;
  /** sheet name → what it holds, in tab order */
  readonly contents: readonly (readonly [string, string])[];
}

/** The labels of the cover's key figures (a test reads them back by label). */
export const COVER_FIGURES = {
  revenue: "Total revenue (period)",
  expenses: "Total expenses (period)",
  netIncome: "Net income (period)",
  netIncomeYtd: "Net income (year to date)",
  assets: "Total assets",
  liabilitiesAndEquity: "Total liabilities and equity",
  tbDebit: "Trial balance debits (period)",
  tbCredit: "Trial balance credits (period)",
} as const;

export function coverSheet(sheet: string, f: CoverFacts): ReportSheet {
  const last = <T>(xs: readonly T[]): T => xs[xs.length - 1]!;
  const p = f.period;
  const rows: CellValue[][] = [];
  const bold: number[] = [];
  const head = (text: string) => {
    bold.push(rows.length);
    rows.push([text, null]);
  };
  if (f.draft) {
    bold.push(rows.length);
    rows.push(["DRAFT", `Not a closed period's final figures: published with --draft while ${p.id} is ${p.status}.`]);
  }
  head("The period");
  rows.push(["Company", f.company]);
  rows.push(["Period", `${p.id} (${p.start} to ${p.end})`]);
  rows.push(["Status", p.status]);
  rows.push(["Closed by", f.sealedInSource ? f.seal.sealedBy : "(not sealed)"]);
  rows.push(["Closed at", f.sealedInSource ? f.seal.sealedAt : "(not sealed)"]);
  rows.push(["Published by", f.publishedBy]);
  rows.push(["Published at", f.publishedAt]);
  rows.push([]);
  head("The seal");
  rows.push(["Seal chain head", f.seal.hash]);
  rows.push(["Ledger rows sealed", f.seal.count]);
  rows.push([
    "Algorithm",
    `SHA-256 hash chain over each ledger row's canonical form, seal format version ${f.seal.version}`,
  ]);
  rows.push([
    "Sealed in the source workbook",
    f.sealedInSource
      ? "yes"
      : "no: this draft's hash was computed when it was published and proves only that this file is unchanged since",
  ]);
  rows.push(["Closebook version", f.version]);
  rows.push([]);
  head(`Key figures (${f.income.currency})`);
  rows.push([COVER_FIGURES.revenue, last(f.income.revenue.total).period.toNumber()]);
  rows.push([COVER_FIGURES.expenses, last(f.income.expenses.total).period.toNumber()]);
  rows.push([COVER_FIGURES.netIncome, last(f.income.netIncome).period.toNumber()]);
  rows.push([COVER_FIGURES.netIncomeYtd, last(f.income.netIncome).ytd.toNumber()]);
  rows.push([COVER_FIGURES.assets, f.balance.assets.total.toNumber()]);
  rows.push([COVER_FIGURES.liabilitiesAndEquity, f.balance.totalLiabilitiesAndEquity.toNumber()]);
  rows.push([COVER_FIGURES.tbDebit, f.tb.totals.debit.toNumber()]);
  rows.push([COVER_FIGURES.tbCredit, f.tb.totals.credit.toNumber()]);
  rows.push([]);
  head("Sheets");
  for (const [name, what] of f.contents) rows.push([name, what]);
  rows.push([]);
  head("How to verify");
  rows.push(["Command", "closebook verify THIS-FILE.xlsx"]);
  rows.push([
    "What it does",
    `Recomputes the seal from the rows of the Ledger sheet and compares it with the seal this file carries (sheets Seals and Seal rows); any changed, added, deleted or reordered ledger row is named by entry, row and column. Compare the seal chain head above with the one the controller kept (the seal receipt of ${p.id}) to prove the file was not rebuilt.`,
  ]);
  rows.push([
    "What it covers",
    "The ledger rows of the period. The statements, trial balances and other sheets are reports computed from the whole ledger when this file was published; they are protected but not sealed.",
  ]);
  // amounts only in the key-figure rows: the format applies to column B, text cells ignore it
  const formats = [undefined, amountFormat(f.income.places)];
  return {
    sheet,
    title: `${f.draft ? "DRAFT — " : ""}${f.company} — About this workbook: ${p.id}`,
    rows: rows.map((r) => (r.length ? r : [null, null])),
    numberFormats: formats,
    boldRows: bold,
  };
}

/** The rates a period used: every rate dated in it, and for each pair and type the last one dated before it. */
export function ratesUsed(rates: readonly ExchangeRate[], p: FiscalPeriod): ExchangeRate[] {
  const before = new Map<string, ExchangeRate>();
  const inside: ExchangeRate[] = [];
  for (const r of rates) {
    if (r.date >= p.start && r.date <= p.end) inside.push(r);
    else if (r.date < p.start) {
      const k = `${r.from}|${r.to}|${r.type}`;
      const seen = before.get(k);
      if (!seen || seen.date <= r.date) before.set(k, r);
    }
  }
  const key = (r: ExchangeRate) => `${r.from}|${r.to}|${r.type}|${r.date}`;
  return [...before.values(), ...inside].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Records as a report of values under their table's declared headers: the columns `keys`, or a line saying there are none. */
function recordSheet<R>(
  sheet: string,
  title: string,
  columns: readonly CellValue[],
  records: readonly R[],
  cells: (r: R) => CellValue[],
  none: string,
): ReportSheet {
  const rows: CellValue[][] = [[...columns], ...records.map(cells)];
  if (records.length === 0) rows.push([none]);
  return { sheet, title, rows, boldRows: [0] };
}

export function ratesSheet(sheet: string, title: string, rates: readonly ExchangeRate[]): ReportSheet {
  // the rates table's own columns, as declared
  const keys = ["date", "from", "to", "type", "rate", "quotationUnit", "source"] as const;
  return recordSheet(
    sheet,
    title,
    headers(RATES, keys),
    rates,
    (r) => keys.map((k) => (k === "rate" ? r.rate.toString() : r[k])),
    "(no rates in or before the period)",
  );
}

/** A report of records under their declared table's headers, the columns `keys` (each also a field of the record). */
function declaredSheet<D extends TableDef, R>(def: D, keys: readonly (Key<D> & keyof R)[], none: string) {
  return (sheet: string, title: string, records: readonly R[]): ReportSheet =>
    recordSheet(sheet, title, headers(def, keys), records, (r) => keys.map((k) => (r[k] ?? null) as CellValue), none);
}

export const runsSheet = declaredSheet<typeof RUNS, RunRecord>(
  RUNS,
  ["runId", "step", "period", "user", "startedAt", "status", "vouchers", "lines", "parameters", "note"],
  "(no runs filed under the period)",
);

export const auditSheet = declaredSheet<typeof AUDIT, AuditRecord>(
  AUDIT,
  ["seq", "at", "user", "action", "subject", "oldValue", "newValue", "reason", "detail", "runId", "hash"],
  "(no audit rows for the period)",
);

/** A table of the source (a checklist, its sign-offs) as a report of values: header row, then the rows. */
export function tableAsSheet(sheet: string, title: string, raw: RawTable): ReportSheet {
  return { sheet, title, rows: [[...raw.headers], ...raw.rows.map((r) => [...r])], boldRows: [0] };
}
