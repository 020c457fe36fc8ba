/**
 * A small group for the consolidation tests: USD group ledger, FY2026 = calendar 2026.
 * Chart: 1000 cash, 1300 IC receivable, 1400 loan receivable, 2000 payables, 2300 IC payable,
 * 2400 loan payable, 3000 capital, 3100 retained earnings, 3900 CTA, 3950 NCI equity,
 * 4000 sales, 5000 costs, 6990 elimination differences, 8900 NCI share of profit.
 * Rates GBP→USD spot: 2023-12-31 1.10, 2024-06-30 1.20, 2024-12-31 1.20, 2025-12-31 1.25,
 *   2026-02-20 1.25, 2026-03-01 1.26, 2026-03-21 1.30.
 */
import { buildFiscalYear } from "../../../src/core/calendar/fiscalYear";
import type { Book, Setup } from "../../../src/core/ledger/book";
import type { DimensionSet, ExchangeRate, LedgerEntry } from "../../../src/core/ledger/types";
import type { EntityPackage, EquityChange, GroupEntity, PackageLine } from "../../../src/core/consolidation/model";
import { Amount } from "../../../src/core/money";
import { A, acct, makeSetup, rate } from "../../support/fixtures";

export const GROUP_ACCOUNTS = [
  acct("1000", "Cash", "asset"),
  acct("1300", "IC receivable", "asset"),
  acct("1400", "Loan receivable", "asset"),
  acct("2000", "Payables", "liability"),
  acct("2300", "IC payable", "liability"),
  acct("2400", "Loan payable", "liability"),
  acct("3000", "Share capital", "equity"),
  acct("3100", "Retained earnings", "equity"),
  acct("3900", "CTA", "equity"),
  acct("3950", "NCI equity", "equity"),
  acct("4000", "Sales", "revenue"),
  acct("5000", "Costs", "expense"),
  acct("6990", "Elimination differences", "expense"),
  acct("8900", "NCI share of profit", "expense"),
];

export const GBP_RATES: ExchangeRate[] = [
  rate("2023-12-31", "GBP", "USD", "1.10"),
  rate("2024-06-30", "GBP", "USD", "1.20"),
  rate("2024-12-31", "GBP", "USD", "1.20"),
  rate("2025-12-31", "GBP", "USD", "1.25"),
  rate("2026-02-20", "GBP", "USD", "1.25"),
  rate("2026-03-01", "GBP", "USD", "1.26"),
  rate("2026-03-21", "GBP", "USD", "1.30"),
];

export function groupSetup(over: { currency?: string; rates?: ExchangeRate[] } = {}): Setup {
  const s = makeSetup({
    accounts: GROUP_ACCOUNTS,
    rates: over.rates ?? GBP_RATES,
    settings: { accountingCurrency: over.currency ?? "USD", triangulationCurrency: "USD" },
  });
  const currencies = new Map(s.currencies);
  currencies.set("MXN", { code: "MXN", name: "Peso", precision: 2 });
  return { ...s, currencies };
}

export function groupBook(setup: Setup, ledger: LedgerEntry[] = []): Book {
  return {
    setup,
    sequences: [],
    journal: [],
    ledger,
    runs: [],
    audit: [],
    lockExceptions: [],
    seals: [],
    sealRows: [],
    settlements: [],
  };
}

export const PERIODS = buildFiscalYear(2026, 1).filter((p) => p.kind === "operating");
export const period = (id: string) => PERIODS.find((p) => p.id === id)!;

/** "1000 2300.00" closing in `at`; P&L: "4000 -1000.00 @2026-03" activity in that period; "TradingPartner=US" dims after */
export function pkg(
  entity: string,
  currency: string,
  at: string,
  spec: string,
  equity: [string, string, string][] = [],
  extra: Partial<EntityPackage> = {},
): EntityPackage {
  const lines: PackageLine[] = [];
  const upto = PERIODS.filter((p) => p.id <= at);
  for (const raw of spec
    .trim()
    .split("\n")
    .map((x) => x.trim())
    .filter(Boolean)) {
    const [account = "", amount = "0", ...rest] = raw.split(/\s+/);
    const when = rest.find((x) => x.startsWith("@"))?.slice(1);
    const dims: Record<string, string> = {};
    for (const d of rest.filter((x) => x.includes("="))) dims[d.split("=")[0]!] = d.split("=")[1]!;
    const a = A(amount);
    if (when) {
      // P&L activity in one period: zero activity lines in the other periods up to `at`
      let before = Amount.ZERO;
      for (const p of upto) {
        const act = p.id === when ? a : Amount.ZERO;
        lines.push(line(account, dims, currency, p.id, before, act));
        before = before.plus(act);
      }
    } else {
      lines.push(line(account, dims, currency, at, a, Amount.ZERO));
    }
  }
  const equityChanges: EquityChange[] = equity.map(([account, date, amount]) => ({
    account,
    dimensions: {},
    date,
    amount: A(amount),
  }));
  const p = period(at);
  return {
    source: `${entity}.csv`,
    entity,
    currency,
    period: at,
    periodEnd: p.end,
    status: "On hold",
    draft: false,
    sealHead: "",
    lines,
    equityChanges,
    ...extra,
  };
}

function line(
  account: string,
  dimensions: DimensionSet,
  currency: string,
  id: string,
  opening: Amount,
  activity: Amount,
): PackageLine {
  const p = period(id);
  return {
    account,
    dimensions,
    currency,
    period: id,
    start: p.start,
    end: p.end,
    opening,
    activity,
    closing: opening.plus(activity),
  };
}

export function entity(id: string, currency: string, extra: Partial<GroupEntity> = {}): GroupEntity {
  return {
    id,
    name: id,
    currency,
    ownership: A("100"),
    method: "full",
    ctaAccount: "3900",
    nciEquityAccount: "3950",
    nciIncomeAccount: "8900",
    ...extra,
  };
}
