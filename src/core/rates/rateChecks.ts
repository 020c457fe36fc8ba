/**
 * Checks of the exchange-rate table to run before any posting or close run,
 * so a run is not started on rates that are missing, old or wrong:
 *
 *   MISSING_RATE       error    no rate on or before a date that needs one: a
 *                                draft journal line's date (its currency to the
 *                                accounting and reporting currency, the default
 *                                rate type; lines with their own rate need none
 *                                to the accounting currency), or the run date for
 *                                every revaluation-flagged account's currency
 *                                (its revaluation rate type, else the default)
 *   STALE_RATE         warning  the rate that would be used is more than
 *                                `staleDays` (default 5) days older than that date
 *   RATE_OUTLIER       warning  a rate moved more than `outlierThreshold` (default
 *                                5%) from the pair's previous rate of the same type
 *                                (consecutive dated rows, per unit)
 *   NON_POSITIVE_RATE  error    a rate or quotation unit that is zero, negative or
 *                                (unit) not a whole number
 *   DUPLICATE_RATE     error    the same date, pair and type twice with different
 *                                values (per unit: 0.67 per 100 equals 0.0067 per 1)
 *   REPEATED_RATE      info     the same twice with the same value (harmless)
 *
 * Lookups go through RateTable, as posting does: direct, inverse, or crossed
 * through the triangulation currency. Issues about a row name tblRates, that
 * row and the column at fault; a missing rate names tblRates without a row and
 * says which journal rows or accounts need it.
 *
 * Example (rates: EUR→USD 1.0825 on 03-01, 1.09 on 03-20; GBP→USD 1.27 on 03-01):
 *   checkRates({ setup, rates, journal: [line 4: 2026-02-27 GBP], asOf: "2026-03-31" })
 *   → MISSING_RATE "No spot rate GBP→USD on or before 2026-02-27 (needed by tblJournal row 4)."
 *     STALE_RATE   "The spot rate EUR→USD used on 2026-03-31 is dated 2026-03-20, 11 days
 *                   earlier (more than 5)." at tblRates row 2, Date   (account 1010 revalues EUR)
 */
import { issue, type Issue, type IssueLocation } from "../issues/issue";
import { cellAt, inTable, type TableWhere } from "../issues/where";
import type { Setup } from "../ledger/book";
import type { CurrencyCode, ExchangeRate, IsoDate, JournalLine, LedgerEntry, RateType } from "../ledger/types";
import { Rate } from "../money";
import { daysBetween } from "./rateDates";
import { RateTable } from "./rateTable";

export const DEFAULT_STALE_DAYS = 5;
export const DEFAULT_OUTLIER_THRESHOLD = 0.05;

/** A rate with its 1-based data row in tblRates, when it was read from there. */
export interface RateRow extends ExchangeRate {
  readonly row?: number;
}

export interface RateCheckOptions {
  /** a rate older than this many days before the date it is used on is stale */
  readonly staleDays?: number;
  /** a relative day-to-day change above this (0.05 = 5%) is an outlier */
  readonly outlierThreshold?: number;
}

export interface RateCheckInput extends RateCheckOptions {
  readonly setup: Pick<Setup, "settings" | "accounts" | "where">;
  /** every row of tblRates, invalid values included (decoding keeps them; see rateRows.ts) */
  readonly rates: readonly RateRow[];
  /** draft journal lines; posted ones are ignored */
  readonly journal?: readonly JournalLine[];
  /** the posted ledger: the currencies on revaluation accounts that are not restricted to one */
  readonly ledger?: readonly Pick<LedgerEntry, "account" | "currency">[];
  /** the run date: revaluation accounts need rates on it; without it they are not checked */
  readonly asOf?: IsoDate;
}

function at(where: TableWhere, r: RateRow, key: string): IssueLocation {
  return cellAt(where, key, r.row);
}

function describe(r: RateRow): string {
  return `${r.from}→${r.to} ${r.type} ${r.date}`;
}

function rowText(r: RateRow): string {
  return r.row !== undefined ? `row ${r.row}` : "another row";
}

function isValid(r: RateRow): boolean {
  return r.rate.isPositive() && Number.isSafeInteger(r.quotationUnit) && r.quotationUnit > 0;
}

function perUnit(r: RateRow): Rate {
  return Rate.quoted(r.rate, r.quotationUnit);
}

function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** Row-level checks: non-positive values, duplicates, outliers. */
/** `where` is the rates table (`setup.where.rates`). */
export function checkRateRows(rates: readonly RateRow[], options: RateCheckOptions, where: TableWhere): Issue[] {
  const threshold = options.outlierThreshold ?? DEFAULT_OUTLIER_THRESHOLD;
  const out: Issue[] = [];
  const valid: RateRow[] = [];
  for (const r of rates) {
    if (!r.rate.isPositive())
      out.push(
        issue(
          "NON_POSITIVE_RATE",
          `The rate ${describe(r)} is ${r.rate.toString()}; a rate must be positive.`,
          at(where, r, "rate"),
        ),
      );
    else if (!Number.isSafeInteger(r.quotationUnit) || r.quotationUnit <= 0)
      out.push(
        issue(
          "NON_POSITIVE_RATE",
          `The quotation unit of ${describe(r)} is ${r.quotationUnit}; it must be a positive whole number.`,
          at(where, r, "quotationUnit"),
        ),
      );
    else valid.push(r);
  }
  const first = new Map<string, RateRow>();
  const series = new Map<string, RateRow[]>();
  for (const r of valid) {
    const pair = `${r.type}|${r.from}|${r.to}`;
    const key = `${pair}|${r.date}`;
    const earlier = first.get(key);
    if (earlier) {
      if (perUnit(earlier).eq(perUnit(r)))
        out.push(
          issue(
            "REPEATED_RATE",
            `The rate ${describe(r)} appears again with the same value (first at ${rowText(earlier)}).`,
            at(where, r, "rate"),
            "info",
          ),
        );
      else
        out.push(
          issue(
            "DUPLICATE_RATE",
            `The rate ${describe(r)} is ${r.rate.toString()}/${r.quotationUnit} here but ${earlier.rate.toString()}/${earlier.quotationUnit} at ${rowText(earlier)}; keep one.`,
            at(where, r, "rate"),
          ),
        );
      continue;
    }
    first.set(key, r);
    let list = series.get(pair);
    if (!list) series.set(pair, (list = []));
    list.push(r);
  }
  for (const list of series.values()) {
    const sorted = [...list].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!;
      const cur = sorted[i]!;
      const change = perUnit(cur).changeFrom(perUnit(prev));
      if (change > threshold) {
        out.push(
          issue(
            "RATE_OUTLIER",
            `${cur.from}→${cur.to} ${cur.type} moved ${percent(change)} from ${perUnit(prev).toString()} on ${prev.date} to ${perUnit(cur).toString()} on ${cur.date} (per unit), more than ${percent(threshold)}; check it.`,
            at(where, cur, "rate"),
            "warning",
          ),
        );
      }
    }
  }
  return out;
}

interface Need {
  readonly from: CurrencyCode;
  readonly to: CurrencyCode;
  readonly type: RateType;
  readonly date: IsoDate;
  /** "tblJournal row 4", "account 1010" */
  readonly by: string;
}

/** The rates the draft journal and the revaluation accounts need, with who needs them. */
function needs(input: RateCheckInput): Need[] {
  const { settings, accounts } = input.setup;
  const acc = settings.accountingCurrency;
  const rep = settings.reportingCurrency;
  const out: Need[] = [];
  for (const line of input.journal ?? []) {
    if (line.status === "Posted" || !line.currency || !line.date) continue;
    const by = `${input.setup.where.journal.table} row ${line.row}`;
    if (line.currency !== acc && line.rate === undefined)
      out.push({ from: line.currency, to: acc, type: settings.defaultRateType, date: line.date, by });
    if (rep && line.currency !== rep)
      out.push({ from: line.currency, to: rep, type: settings.defaultRateType, date: line.date, by });
  }
  if (input.asOf) {
    const ledgerCurrencies = new Map<string, Set<CurrencyCode>>();
    for (const e of input.ledger ?? []) {
      let set = ledgerCurrencies.get(e.account);
      if (!set) ledgerCurrencies.set(e.account, (set = new Set()));
      set.add(e.currency);
    }
    for (const a of accounts.values()) {
      if (!a.revalue) continue;
      const currencies = a.currency ? [a.currency] : [...(ledgerCurrencies.get(a.number) ?? [])].sort();
      for (const c of currencies) {
        if (c === acc) continue;
        out.push({
          from: c,
          to: acc,
          type: a.revalueRateType ?? settings.defaultRateType,
          date: input.asOf,
          by: `account ${a.number}`,
        });
      }
    }
  }
  return out;
}

function listed(by: readonly string[]): string {
  const unique = [...new Set(by)];
  return unique.length <= 3 ? unique.join(", ") : `${unique.slice(0, 3).join(", ")} and ${unique.length - 3} more`;
}

/** Missing and stale rates for what the journal and the revaluation accounts need. */
export function checkRateCoverage(input: RateCheckInput): Issue[] {
  const staleDays = input.staleDays ?? DEFAULT_STALE_DAYS;
  const valid = input.rates.filter(isValid);
  const table = new RateTable(valid, input.setup.settings.triangulationCurrency);
  const missing = new Map<string, { need: Need; by: string[] }>();
  const stale = new Map<string, { need: Need; rateDate: IsoDate; age: number; by: string[] }>();
  for (const need of needs(input)) {
    const pair = `${need.type}|${need.from}|${need.to}`;
    const quote = table.find(need.from, need.to, need.date, need.type);
    if (!quote) {
      const m = missing.get(pair);
      if (!m) missing.set(pair, { need, by: [need.by] });
      else {
        m.by.push(need.by);
        if (need.date < m.need.date) m.need = need;
      }
      continue;
    }
    const age = daysBetween(quote.date, need.date);
    if (age <= staleDays) continue;
    const s = stale.get(pair);
    if (!s) stale.set(pair, { need, rateDate: quote.date, age, by: [need.by] });
    else {
      s.by.push(need.by);
      if (age > s.age) Object.assign(s, { need, rateDate: quote.date, age });
    }
  }
  const out: Issue[] = [];
  for (const { need, by } of missing.values()) {
    out.push(
      issue(
        "MISSING_RATE",
        `No ${need.type} rate ${need.from}→${need.to} on or before ${need.date} (needed by ${listed(by)}).`,
        inTable(input.setup.where.rates),
      ),
    );
  }
  for (const { need, rateDate, age, by } of stale.values()) {
    const row = valid.find(
      (r) => r.type === need.type && r.date === rateDate && (r.from === need.from || r.to === need.from),
    );
    const where = cellAt(input.setup.where.rates, "date", row?.row);
    out.push(
      issue(
        "STALE_RATE",
        `The ${need.type} rate ${need.from}→${need.to} used on ${need.date} is dated ${rateDate}, ${age} days earlier (more than ${staleDays}; needed by ${listed(by)}).`,
        where,
        "warning",
      ),
    );
  }
  return out;
}

/** Every check: row problems first, then missing and stale rates. */
export function checkRates(input: RateCheckInput): Issue[] {
  return [...checkRateRows(input.rates, input, input.setup.where.rates), ...checkRateCoverage(input)];
}
