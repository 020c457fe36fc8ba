/**
 * Small hand-made books for tests, written so the numbers can be worked by hand.
 *
 * Setup: USD ledger (2 places); EUR 2, JPY 0, GBP 2; FY2026 = calendar 2026;
 * users alice (Accountants, role preparer), bob (Controllers, role controller); dimension Department (SALES, ADMIN, OLD inactive).
 * Rates: EUR→USD spot 1.0825 on 2026-03-01, 1.0900 on 2026-03-20; 100 JPY→USD 0.6712 on 2026-03-01;
 *        GBP→USD 1.2700 on 2026-03-01.
 */
import { buildFiscalYear } from "../../src/core/calendar/fiscalYear";
import type { Setup } from "../../src/core/ledger/book";
import type { Account, ExchangeRate, FiscalPeriod, JournalLine, Settings } from "../../src/core/ledger/types";
import { Amount, Rate } from "../../src/core/money";
import { WORKBOOK_WHERE } from "../../src/schema/where";

export const A = (s: string): Amount => {
  const a = Amount.parse(s);
  if (!a) throw new Error(`bad amount ${s}`);
  return a;
};

export function acct(number: string, name: string, type: Account["type"], extra: Partial<Account> = {}): Account {
  return { number, name, type, category: type, revalue: false, settle: false, active: true, blocked: false, ...extra };
}

export const ACCOUNTS: Account[] = [
  acct("1000", "Cash USD", "asset", { currency: "USD" }),
  acct("1010", "Bank EUR", "asset", { currency: "EUR", revalue: true }),
  acct("1030", "Bank JPY", "asset", { currency: "JPY" }),
  acct("1100", "Receivables", "asset"),
  acct("1900", "Old account", "asset", { active: false }),
  acct("1950", "Suspense", "asset", { blocked: true }),
  acct("2000", "Payables", "liability"),
  acct("3000", "Share capital", "equity"),
  acct("3900", "Retained earnings", "equity"),
  acct("4000", "Revenue", "revenue"),
  acct("6100", "Rent", "expense"),
  acct("6900", "Rounding differences", "expense"),
];

export function rate(
  date: string,
  from: string,
  to: string,
  r: string,
  quotationUnit = 1,
  type: ExchangeRate["type"] = "spot",
): ExchangeRate {
  return { date, from, to, type, rate: Rate.parse(r)!, quotationUnit, source: "test" };
}

export const SETTINGS: Settings = {
  company: "Test Co",
  accountingCurrency: "USD",
  fiscalYearStartMonth: 1,
  defaultRateType: "spot",
  triangulationCurrency: "USD",
  roundingAccount: "6900",
  retainedEarningsAccount: "3900",
  roundingMode: "halfAwayFromZero",
  roundingPlacement: "roundingAccount",
  schemaVersion: 1,
};

export function makeSetup(
  overrides: {
    settings?: Partial<Settings>;
    periods?: FiscalPeriod[];
    rates?: ExchangeRate[];
    accounts?: Account[];
  } = {},
): Setup {
  const periods = overrides.periods ?? buildFiscalYear(2026, 1);
  return {
    settings: { ...SETTINGS, ...overrides.settings },
    currencies: new Map([
      ["USD", { code: "USD", name: "US dollar", precision: 2 }],
      ["EUR", { code: "EUR", name: "Euro", precision: 2 }],
      ["GBP", { code: "GBP", name: "Pound", precision: 2 }],
      ["JPY", { code: "JPY", name: "Yen", precision: 0 }],
    ]),
    accounts: new Map((overrides.accounts ?? ACCOUNTS).map((a) => [a.number, a])),
    dimensions: [{ name: "Department", description: "", required: false }],
    dimensionValues: new Map([
      [
        "Department",
        new Map([
          ["SALES", { dimension: "Department", value: "SALES", description: "", active: true }],
          ["ADMIN", { dimension: "Department", value: "ADMIN", description: "", active: true }],
          ["OLD", { dimension: "Department", value: "OLD", description: "", active: false }],
        ]),
      ],
    ]),
    rates: overrides.rates ?? [
      rate("2026-03-01", "EUR", "USD", "1.0825"),
      rate("2026-03-20", "EUR", "USD", "1.09"),
      rate("2026-03-01", "JPY", "USD", "0.6712", 100),
      rate("2026-03-01", "GBP", "USD", "1.27"),
    ],
    periods,
    users: new Map([
      [
        "alice",
        {
          name: "alice",
          fullName: "Alice",
          groups: ["Accountants"],
          roles: new Set(["preparer"] as const),
          active: true,
        },
      ],
      [
        "bob",
        {
          name: "bob",
          fullName: "Bob",
          groups: ["Controllers"],
          roles: new Set(["controller"] as const),
          active: true,
        },
      ],
      ["carol", { name: "carol", fullName: "Carol", groups: [], roles: new Set(), active: false }],
    ]),
    where: WORKBOOK_WHERE,
  };
}

let nextRow = 1;
export function resetRows(): void {
  nextRow = 1;
}

/**
 * A journal line from a compact spec: "D-1 2026-03-31 1010 EUR Dr 100.00" (optionally
 * "dept=SALES", "rate=1.1", "journal=GJ2").
 */
export function jl(spec: string): JournalLine {
  const parts = spec.trim().split(/\s+/);
  const [voucher, date, account, currency, side, amount, ...rest] = parts;
  const opts = Object.fromEntries(rest.map((p) => p.split("=") as [string, string]));
  const value = amount === undefined || amount === "-" ? undefined : A(amount);
  return {
    row: nextRow++,
    journal: opts.journal ?? "GJ",
    draftVoucher: voucher ?? "",
    date: date ?? "",
    account: account ?? "",
    dimensions: { Department: opts.dept ?? "" },
    currency: currency ?? "",
    ...(side === "Dr" && value ? { debit: value } : {}),
    ...(side === "Cr" && value ? { credit: value } : {}),
    ...(opts.rate ? { rate: Rate.parse(opts.rate)! } : {}),
    description: opts.desc ?? "",
    status: "Draft",
    message: "",
    postedVoucher: "",
  };
}

export function journal(text: string): JournalLine[] {
  resetRows();
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map(jl);
}
