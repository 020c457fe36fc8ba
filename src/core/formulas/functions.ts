/**
 * The CLOSEBOOK.* worksheet functions as pure functions over a book, answered
 * from one LedgerIndex built when the evaluator is made. Bad arguments give
 * Excel's own errors with a message, never a throw: #VALUE! for an unknown
 * account, period, dimension, currency or rate type; #N/A for a missing rate.
 *
 *   BALANCE(account, period [, dimension filter] [, currency])   closing balance at the period's end
 *   ACTIVITY(account, from period, to period [, filter] [, currency])   debits − credits of the range
 *   RATE(from currency, to currency, date [, rate type])          the rate in force (latest on or before)
 *   STATUS(period)                                                "Open", "On hold", "Permanently closed"
 *
 * Amounts are debit-positive, in the accounting currency unless `currency`
 * names the reporting currency or a transaction currency (then only lines in
 * that currency count, in their own amounts). A period is its id ("2026-03")
 * or a date (an Excel serial number or "2026-03-15") inside it.
 *
 * Example (the small company's March, test/support/smallCompany.ts):
 *   const f = closebookFunctions(book);
 *   f.balance("4000", "2026-03")            → { ok: true, value: -1609 }   (1500.00 + 109.00 credited)
 *   f.balance("4000", "2026-03", "Department=SALES") → -1500
 *   f.activity("6*", "2026-01", "2026-03")  → 400
 *   f.rate("EUR", "USD", "2026-03-25")      → 1.09
 *   f.rate("CHF", "USD", "2026-03-25")      → { ok: false, error: "#N/A", message: "No CHF→USD spot rate on or before 2026-03-25." }
 *   f.status("2026-03")                     → "On hold"
 */
import type { Book } from "../ledger/book";
import { RATE_TYPES, type FiscalPeriod, type IsoDate, type RateType } from "../ledger/types";
import { Amount } from "../money";
import { RateTable } from "../rates/rateTable";
import { accountFilter, dimensionFilter, isProblem, type Problem } from "./filters";
import { LedgerIndex, type DimensionFilter, type Measure } from "./ledgerIndex";

export type FormulaError = { readonly ok: false; readonly error: "#VALUE!" | "#N/A"; readonly message: string };
export type FormulaResult =
  { readonly ok: true; readonly value: number | string; readonly amount?: Amount } | FormulaError;

/** What a worksheet cell can pass: text, a number, or nothing (an omitted optional argument). */
export type Arg = string | number | boolean | null | undefined;

const valueError = (message: string): FormulaError => ({ ok: false, error: "#VALUE!", message });

/** Excel's 1900 date system: serial 1 = 1900-01-01 (serial 60 is the fictitious 1900-02-29). */
export function serialToIso(serial: number): IsoDate {
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

function text(a: Arg): string | undefined {
  if (a === undefined || a === null || a === "") return undefined;
  return String(a).trim();
}

export interface ClosebookFunctions {
  balance(account: Arg, period: Arg, filter?: Arg, currency?: Arg): FormulaResult;
  activity(account: Arg, from: Arg, to: Arg, filter?: Arg, currency?: Arg): FormulaResult;
  rate(from: Arg, to: Arg, date: Arg, type?: Arg): FormulaResult;
  status(period: Arg): FormulaResult;
}

export function closebookFunctions(book: Pick<Book, "ledger" | "setup">): ClosebookFunctions {
  const { setup } = book;
  const index = new LedgerIndex(book.ledger, setup);
  const dims = setup.dimensions.map((d) => d.name);
  let rates: RateTable | undefined;

  const dateOf = (a: Arg, what: string): IsoDate | FormulaError => {
    if (typeof a === "number" && Number.isFinite(a) && a >= 1) return serialToIso(a);
    const t = text(a);
    if (t && /^\d{4}-\d{2}-\d{2}$/.test(t) && !Number.isNaN(Date.parse(t))) return t;
    return valueError(`${what} must be a date (yyyy-mm-dd or a date cell), not ${JSON.stringify(a ?? "")}.`);
  };

  const periodOf = (a: Arg, what: string): FiscalPeriod | FormulaError => {
    const t = text(a);
    if (t === undefined) return valueError(`${what} is missing: give a period such as "2026-03".`);
    const byId = setup.periods.find((p) => p.id.toLowerCase() === t.toLowerCase());
    if (byId) return byId;
    const date = typeof a === "number" || /^\d{4}-\d{2}-\d{2}$/.test(t) ? dateOf(a, what) : undefined;
    if (typeof date === "string") {
      const p = setup.periods.find((x) => x.kind === "operating" && x.start <= date && date <= x.end);
      if (p) return p;
    }
    return valueError(`There is no period "${t}" in the calendar.`);
  };

  const accountsOf = (a: Arg): string[] | FormulaError => {
    if (a === undefined || a === null || a === "" || typeof a === "boolean")
      return valueError('The account is missing: give a number, a range like "4000:4999" or a wildcard like "6*".');
    const match = accountFilter(a);
    if (isProblem(match)) return valueError(`Account ${JSON.stringify(a)}: ${match.problem}.`);
    const accounts = index.accounts(match);
    if (accounts.length === 0) return valueError(`No account matches ${JSON.stringify(a)}.`);
    return accounts;
  };

  const measureOf = (a: Arg): Measure | FormulaError => {
    const c = text(a)?.toUpperCase();
    const acc = setup.settings.accountingCurrency;
    if (c === undefined || c === acc) return { kind: "accounting", scale: index.accountingScale };
    const precision = setup.currencies.get(c)?.precision;
    if (precision === undefined) return valueError(`Currency "${c}" is not in the currency table.`);
    if (c === setup.settings.reportingCurrency) return { kind: "reporting", scale: precision };
    return { kind: "currency", currency: c, scale: precision };
  };

  const filterOf = (a: Arg): DimensionFilter | undefined | Problem => {
    const t = text(a);
    const match = dimensionFilter(t, dims);
    return match === undefined || isProblem(match) ? match : { key: (t ?? "").toUpperCase(), match };
  };

  const amount = (units: bigint, scale: number): FormulaResult => {
    const value = Amount.fromUnits(units, scale);
    return { ok: true, value: value.toNumber(), amount: value };
  };

  return {
    balance(account, period, filter, currency) {
      const accounts = accountsOf(account);
      if (!Array.isArray(accounts)) return accounts;
      const p = periodOf(period, "The period");
      if ("ok" in p) return p;
      const f = filterOf(filter);
      if (isProblem(f)) return valueError(`Dimension filter: ${f.problem}.`);
      const m = measureOf(currency);
      if ("ok" in m) return m;
      return amount(index.balance(accounts, p.end, m, f), m.scale);
    },
    activity(account, from, to, filter, currency) {
      const accounts = accountsOf(account);
      if (!Array.isArray(accounts)) return accounts;
      const pf = periodOf(from, "The first period");
      if ("ok" in pf) return pf;
      const pt = periodOf(to ?? from, "The last period");
      if ("ok" in pt) return pt;
      if (pf.start > pt.end) return valueError(`The range starts (${pf.id}) after it ends (${pt.id}).`);
      const f = filterOf(filter);
      if (isProblem(f)) return valueError(`Dimension filter: ${f.problem}.`);
      const m = measureOf(currency);
      if ("ok" in m) return m;
      return amount(index.movement(accounts, pf.start, pt.end, m, f), m.scale);
    },
    rate(from, to, date, type) {
      const f = text(from)?.toUpperCase();
      const t = text(to)?.toUpperCase();
      if (!f || !t) return valueError("RATE needs a from and a to currency.");
      const d = dateOf(date, "The date");
      if (typeof d !== "string") return d;
      const rt = (text(type)?.toLowerCase() ?? setup.settings.defaultRateType) as RateType;
      if (!RATE_TYPES.includes(rt))
        return valueError(`Rate type "${text(type)}" is not one of ${RATE_TYPES.join(", ")}.`);
      if (f === t) return { ok: true, value: 1 };
      rates ??= new RateTable(setup.rates, setup.settings.triangulationCurrency);
      const q = rates.find(f, t, d, rt);
      if (!q) return { ok: false, error: "#N/A", message: `No ${f}→${t} ${rt} rate on or before ${d}.` };
      return { ok: true, value: q.factor.toNumber() };
    },
    status(period) {
      const p = periodOf(period, "The period");
      if ("ok" in p) return p;
      return { ok: true, value: p.status };
    },
  };
}
