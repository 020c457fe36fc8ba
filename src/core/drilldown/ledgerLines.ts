/**
 * Drill-down: the ledger lines behind one trial balance figure. An account
 * selector as the CLOSEBOOK.* functions take it ("4000", "4000:4999", "6*",
 * "1000,1010"), a range from..to, an optional dimension filter
 * ("Department=SALES"), and which figure: the range's movement (debit −
 * credit, the default), its debits, its credits, the opening or the closing
 * balance. Lines are counted exactly as the trial balance counts them
 * (trialBalance.ts): nothing before the fiscal year's balance start, an
 * opening voucher on the range's first day is opening, not movement. Lines
 * come sorted by date, then entry number, each with its tblLedger row.
 *
 * Worked example (the trial balance's worked example, range 2026-03-01..2026-03-31):
 *   2026-02-10 1000 +500.00 / 3000 −500.00, 2026-03-05 6100 +120.00 / 1000 −120.00
 *   ledgerLines(entries, setup, { account: "1000", from, to })                    → 1 line, total −120.00
 *   ledgerLines(entries, setup, { account: "1000", from, to, figure: "closing" }) → 2 lines, total 380.00
 *   ledgerLines(entries, setup, { account: "1000", from, to, figure: "credit" })  → 1 line, figure 120.00
 *   (the TB shows 1000: opening 500.00, credit 120.00, closing 380.00)
 */
import { accountFilter, dimensionFilter, isProblem } from "../formulas/filters";
import { issue, type Issue } from "../issues/issue";
import type { Setup } from "../ledger/book";
import { balanceStartFor } from "../ledger/trialBalance";
import type { DimensionSet, IsoDate, LedgerEntry } from "../ledger/types";
import { Amount } from "../money";

/** Which trial balance figure: movement = debit − credit of the range. */
export type DrillFigure = "movement" | "debit" | "credit" | "opening" | "closing";
export const DRILL_FIGURES: readonly DrillFigure[] = ["movement", "debit", "credit", "opening", "closing"];

export interface LinesQuery {
  readonly account: string | number;
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** "Department=SALES" (several joined by ";"); undefined or "" = every line */
  readonly dimension?: string;
  /** default "movement" */
  readonly figure?: DrillFigure;
}

export interface DrillLine {
  /** 1-based data row in tblLedger (undefined for a ledger not read from a workbook) */
  readonly row?: number;
  readonly entryNo: number;
  readonly voucher: string;
  readonly date: IsoDate;
  readonly period: string;
  readonly account: string;
  readonly dimensions: DimensionSet;
  readonly description: string;
  readonly currency: string;
  /** transaction currency, debit positive */
  readonly amount: Amount;
  /** accounting currency, debit positive */
  readonly amountAccounting: Amount;
}

export interface DrilledLines {
  readonly query: LinesQuery;
  readonly figure: DrillFigure;
  /** the accounts the selector matched (chart and ledger), sorted */
  readonly accounts: readonly string[];
  readonly lines: readonly DrillLine[];
  /** Σ accounting amounts (debit positive), at the accounting precision */
  readonly total: Amount;
  /** the figure as the trial balance prints it: total, but a credit figure is positive */
  readonly value: Amount;
  readonly currency: string;
  /** Σ transaction amounts per transaction currency, sorted by code */
  readonly byCurrency: readonly { readonly currency: string; readonly total: Amount }[];
}

export function ledgerLines(
  entries: readonly LedgerEntry[],
  setup: Setup,
  query: LinesQuery,
): { result?: DrilledLines; issues: Issue[] } {
  const figure = query.figure ?? "movement";
  const selector = typeof query.account === "string" ? query.account.trim() : query.account;
  if (selector === "")
    return {
      issues: [issue("BAD_ACCOUNT", 'Give an account: a number, a range like "4000:4999" or a wildcard like "6*".')],
    };
  const match = accountFilter(selector);
  if (isProblem(match)) return { issues: [issue("BAD_ACCOUNT", `Account "${selector}": ${match.problem}.`)] };
  const dims = dimensionFilter(
    query.dimension,
    setup.dimensions.map((d) => d.name),
  );
  if (isProblem(dims))
    return { issues: [issue("BAD_DIMENSION", `Dimension filter "${query.dimension}": ${dims.problem}.`)] };
  if (query.from > query.to)
    return { issues: [issue("BAD_RANGE", `The range starts (${query.from}) after it ends (${query.to}).`)] };
  const accounts = [...new Set([...setup.accounts.keys(), ...entries.map((e) => e.account)])].filter(match).sort();
  if (accounts.length === 0) return { issues: [issue("UNKNOWN_ACCOUNT", `No account matches "${selector}".`)] };
  const chosen = new Set(accounts);
  const scale = setup.currencies.get(setup.settings.accountingCurrency)?.precision ?? 2;
  const start = balanceStartFor(entries, setup, query.to);
  const openingPeriods = new Set(setup.periods.filter((p) => p.kind === "opening").map((p) => p.id));
  const picked: LedgerEntry[] = [];
  for (const e of entries) {
    if (!chosen.has(e.account) || e.date > query.to || (start !== undefined && e.date < start)) continue;
    if (dims && !dims(e.dimensions)) continue;
    const opening = e.date < query.from || (e.date === query.from && openingPeriods.has(e.period));
    const units = e.amountAccounting.unitsAt(scale);
    const keep =
      figure === "closing" ||
      (figure === "opening" && opening) ||
      (!opening && (figure === "movement" || (figure === "debit" ? units >= 0n : figure === "credit" && units < 0n)));
    if (keep) picked.push(e);
  }
  picked.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.entryNo - b.entryNo));
  const lines = picked.map((e) => toLine(e, setup.currencies.get(e.currency)?.precision ?? 2, scale));
  const total = Amount.fromUnits(
    picked.reduce((t, e) => t + e.amountAccounting.unitsAt(scale), 0n),
    scale,
  );
  const perCurrency = new Map<string, bigint>();
  for (const e of picked) {
    const s = setup.currencies.get(e.currency)?.precision ?? 2;
    perCurrency.set(e.currency, (perCurrency.get(e.currency) ?? 0n) + e.amount.unitsAt(s));
  }
  const byCurrency = [...perCurrency.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, units]) => ({
      currency,
      total: Amount.fromUnits(units, setup.currencies.get(currency)?.precision ?? 2),
    }));
  return {
    result: {
      query,
      figure,
      accounts,
      lines,
      total,
      value: figure === "credit" ? total.neg() : total,
      currency: setup.settings.accountingCurrency,
      byCurrency,
    },
    issues: [],
  };
}

/** A line with its amounts at their currencies' precision (a cell read back as 1500 shows as 1500.00). */
function toLine(e: LedgerEntry, txnScale: number, scale: number): DrillLine {
  return {
    ...(e.row !== undefined ? { row: e.row } : {}),
    entryNo: e.entryNo,
    voucher: e.voucher,
    date: e.date,
    period: e.period,
    account: e.account,
    dimensions: e.dimensions,
    description: e.description,
    currency: e.currency,
    amount: e.amount.decimalPlaces() <= txnScale ? e.amount.atScale(txnScale) : e.amount,
    amountAccounting:
      e.amountAccounting.decimalPlaces() <= scale ? e.amountAccounting.atScale(scale) : e.amountAccounting,
  };
}
