/**
 * Shared pieces of the financial statements: the date arithmetic behind their
 * columns, the presentation sign, grouping by statement category, and the
 * auditor's tie-out to the trial balance.
 *
 * Worked examples (setup with fiscal year = calendar year):
 *   fiscalYearStartOf(setup, "2026-03-31")       → "2026-01-01"
 *   (fiscalYearStartMonth 7, no period table)     → "2025-07-01"
 *   sameDateLastYear("2026-03-15")                → "2025-03-15"
 *   sameDateLastYear("2025-02-28") (month end)    → "2024-02-29" (month end stays month end)
 *   sameDateLastYear("2024-02-29")                → "2023-02-28"
 *   presented("revenue", −1,200.00)               → 1,200.00  (credit balances read positive)
 *   presented("expense", 300.00)                  → 300.00
 *   groupByCategory([{category:"Sales",...4000}, {category:"Other",...4900}, {category:"Sales",...4100}])
 *     → Sales [4000, 4100], Other [4900]   (categories in order of their first account)
 */
import { daysInMonth, isoDate } from "../calendar/fiscalYear";
import type { Setup } from "../ledger/book";
import type { IsoDate, LedgerEntry } from "../ledger/types";
import { issue, type Issue } from "../issues/issue";
import { Amount } from "../money";

/** The statement's total next to the trial-balance figure it must equal; `difference` must be 0. */
export interface TieOut {
  readonly label: string;
  readonly statement: Amount;
  /** how the trial-balance figure is taken, in words an auditor can redo on the TB sheet */
  readonly trialBalanceLabel: string;
  readonly trialBalance: Amount;
  /** statement − trial balance */
  readonly difference: Amount;
}

export function tieOut(
  label: string,
  statement: Amount,
  trialBalanceLabel: string,
  trialBalanceFigure: Amount,
): TieOut {
  return {
    label,
    statement,
    trialBalanceLabel,
    trialBalance: trialBalanceFigure,
    difference: statement.minus(trialBalanceFigure),
  };
}

/** A TIE_OUT_DIFFERENCE error for each tie-out whose two figures differ. */
export function tieOutIssues(tieOuts: readonly TieOut[]): Issue[] {
  return tieOuts
    .filter((t) => !t.difference.isZero())
    .map((t) =>
      issue(
        "TIE_OUT_DIFFERENCE",
        `${t.label}: the statement shows ${t.statement.toString()}, the trial balance ${t.trialBalance.toString()}.`,
      ),
    );
}

/** Decimal places of the accounting currency (2 when the currency table lacks it). */
export function accountingPlaces(setup: Pick<Setup, "currencies" | "settings">): number {
  return setup.currencies.get(setup.settings.accountingCurrency)?.precision ?? 2;
}

export function zero(places: number): Amount {
  return Amount.fromUnits(0n, places);
}

/** Revenue, liability and equity balances are credits: shown with the sign reversed so they read positive. */
export function presented(type: string, debitPositive: Amount): Amount {
  return type === "revenue" || type === "liability" || type === "equity" ? debitPositive.neg() : debitPositive;
}

export function isProfitAndLoss(type: string): boolean {
  return type === "revenue" || type === "expense";
}

/**
 * First day of the fiscal year `date` falls in: the earliest start of the
 * periods of the fiscal year whose operating period holds `date`; without such
 * a period, the first day of the settings' start month on or before `date`.
 */
export function fiscalYearStartOf(setup: Pick<Setup, "periods" | "settings">, date: IsoDate): IsoDate {
  const p = setup.periods.find((x) => x.kind === "operating" && x.start <= date && date <= x.end);
  if (p) {
    let start = p.start;
    for (const x of setup.periods) if (x.fiscalYear === p.fiscalYear && x.start < start) start = x.start;
    return start;
  }
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const sm = setup.settings.fiscalYearStartMonth;
  return m >= sm ? isoDate(y, sm, 1) : isoDate(y - 1, sm, 1);
}

/**
 * The same date one year earlier. A month end maps to the same month's end
 * (so 2025-02-28 → 2024-02-29 and a range of whole months stays whole months);
 * any other day keeps its day number.
 */
export function sameDateLastYear(date: IsoDate): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const monthEnd = d === daysInMonth(y, m);
  return isoDate(y - 1, m, monthEnd ? daysInMonth(y - 1, m) : Math.min(d, daysInMonth(y - 1, m)));
}

/** Ids of the closing-kind periods (year-end closing transactions are posted there). */
export function closingPeriodIds(setup: Pick<Setup, "periods">): Set<string> {
  return new Set(setup.periods.filter((p) => p.kind === "closing").map((p) => p.id));
}

/** The entries without those posted in a closing period, and the entries left out. */
export function withoutClosingPeriods(
  entries: readonly LedgerEntry[],
  setup: Pick<Setup, "periods">,
): { entries: readonly LedgerEntry[]; left: readonly LedgerEntry[] } {
  const ids = closingPeriodIds(setup);
  if (ids.size === 0) return { entries, left: [] };
  const kept: LedgerEntry[] = [];
  const left: LedgerEntry[] = [];
  for (const e of entries) (ids.has(e.period) ? left : kept).push(e);
  return { entries: kept, left };
}

export function categoryLabel(category: string): string {
  return category.trim() === "" ? "(no category)" : category;
}

/** Groups items (already in account order) by category, categories in order of their first item. */
export function groupByCategory<T extends { readonly category: string }>(
  items: readonly T[],
): { category: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const it of items) {
    const key = categoryLabel(it.category);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(it);
  }
  return [...groups].map(([category, its]) => ({ category, items: its }));
}

export function sumAmounts(values: Iterable<Amount>, places: number): Amount {
  return Amount.sum(values).atScale(places);
}

/**
 * Text order with embedded numbers compared by value: "GL-9" < "GL-10",
 * "GL-000010" = "GL-10" up to the tie-break on the text itself.
 */
export function compareNatural(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] ?? "";
    const y = pb[i] ?? "";
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const nx = x.replace(/^0+(?=\d)/, "");
      const ny = y.replace(/^0+(?=\d)/, "");
      if (nx.length !== ny.length) return nx.length - ny.length;
      if (nx !== ny) return nx < ny ? -1 : 1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  if (pa.length !== pb.length) return pa.length - pb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
