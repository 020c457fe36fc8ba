/**
 * The rates translation uses, from an entity's accounting currency to the
 * group's, over the group's rate table (direct, inverse or triangulated):
 * - current: the last rate on or before the date;
 * - average: the simple average of the rates dated in the period (none dated in
 *   it: the rate in effect at its start, which held all period);
 * - weighted average: Σ rate × days in effect / days in the period;
 * - historical: the last rate on or before a transaction's date.
 *
 * Example (GBP→USD spot: 02-20 1.25, 03-01 1.26, 03-21 1.30; period 2026-03-01..03-31, 31 days):
 *   current(03-31) = 1.30; average = (1.26 + 1.30) / 2 = 1.28;
 *   weighted = (1.26 × 20 + 1.30 × 11) / 31 = 39.50 / 31 = 1.274193…
 */
import type { CurrencyCode, ExchangeRate, IsoDate, RateType } from "../ledger/types";
import { Rate } from "../money";
import type { RateTable } from "../rates/rateTable";
import { issue, type Issue } from "../issues/issue";
import { inTable } from "../issues/where";
import type { Setup } from "../ledger/book";
import type { TranslationMethod } from "./model";

export interface FoundRate {
  readonly rate: Rate;
  readonly how: string;
  readonly date: IsoDate;
}

const DAY = 86_400_000;
function epochDay(d: IsoDate): number {
  return Math.round(Date.parse(`${d}T00:00:00Z`) / DAY);
}
function isoOf(day: number): IsoDate {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

export function currentRate(
  table: RateTable,
  from: CurrencyCode,
  to: CurrencyCode,
  date: IsoDate,
  type: RateType,
): FoundRate | undefined {
  const q = table.find(from, to, date, type);
  return q ? { rate: q.factor, how: `current ${date}: ${q.how}`, date: q.date } : undefined;
}

/** dates in [start, end] on which a rate of the type between the two currencies (or a leg through the triangulation currency) is dated */
function rateDates(
  rows: readonly ExchangeRate[],
  from: CurrencyCode,
  to: CurrencyCode,
  start: IsoDate,
  end: IsoDate,
  type: RateType,
  via: CurrencyCode,
): IsoDate[] {
  const ours = [from, to, via];
  const touches = (r: ExchangeRate) =>
    r.from !== r.to && ours.includes(r.from) && ours.includes(r.to) && (r.from !== via || r.to !== via);
  return [
    ...new Set(
      rows.filter((r) => r.type === type && r.date >= start && r.date <= end && touches(r)).map((r) => r.date),
    ),
  ].sort();
}

export function averageRate(
  table: RateTable,
  rows: readonly ExchangeRate[],
  from: CurrencyCode,
  to: CurrencyCode,
  start: IsoDate,
  end: IsoDate,
  type: RateType,
  via: CurrencyCode = to,
): FoundRate | undefined {
  if (from === to) return { rate: Rate.ONE, how: `${from}=${to}`, date: end };
  const dates = rateDates(rows, from, to, start, end, type, via);
  if (!dates.length) {
    const q = table.find(from, to, start, type);
    return q
      ? {
          rate: q.factor,
          how: `average ${start}..${end}: no rate dated in the period, ${q.how} in effect`,
          date: q.date,
        }
      : undefined;
  }
  const found = dates.map((d) => table.find(from, to, d, type));
  if (found.some((q) => !q)) return undefined;
  const rates = found.map((q) => q!.factor);
  const mean = Rate.mean(
    rates,
    rates.map(() => 1n),
  )!;
  return {
    rate: mean,
    how: `average ${start}..${end} of ${rates.length} rates (${rates.map((r) => r.toString()).join(" + ")}) / ${rates.length}`,
    date: dates[0]!,
  };
}

export function weightedAverageRate(
  table: RateTable,
  rows: readonly ExchangeRate[],
  from: CurrencyCode,
  to: CurrencyCode,
  start: IsoDate,
  end: IsoDate,
  type: RateType,
  via: CurrencyCode = to,
): FoundRate | undefined {
  if (from === to) return { rate: Rate.ONE, how: `${from}=${to}`, date: end };
  const first = epochDay(start);
  const last = epochDay(end);
  const changes = rateDates(rows, from, to, start, end, type, via)
    .map(epochDay)
    .filter((d) => d > first);
  const bounds = [first, ...changes, last + 1];
  const rates: Rate[] = [];
  const days: bigint[] = [];
  const parts: string[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const q = table.find(from, to, isoOf(bounds[i]!), type);
    if (!q) return undefined;
    const n = bounds[i + 1]! - bounds[i]!;
    rates.push(q.factor);
    days.push(BigInt(n));
    parts.push(`${q.factor.toString()} × ${n}`);
  }
  const total = last + 1 - first;
  return {
    rate: Rate.mean(rates, days)!,
    how: `weighted average ${start}..${end}: (${parts.join(" + ")}) / ${total} days`,
    date: start,
  };
}

/** Finds a translation rate by method, rate type and period (or date). */
export type RateFinder = (
  method: TranslationMethod,
  type: RateType,
  start: IsoDate,
  end: IsoDate,
) => FoundRate | undefined;

/**
 * The rates one entity's translation asks for, found once per method, rate type and period (or date), not once per
 * balance; a rate not found is a MISSING_RATE issue (once per what, date and rate type).
 */
export function rateFinder(
  table: RateTable,
  setup: Setup,
  entity: string,
  currency: CurrencyCode,
  issues: Issue[],
): RateFinder {
  const group = setup.settings.accountingCurrency;
  const missing = new Set<string>();
  const noRate = (what: string, date: IsoDate, type: RateType) => {
    const k = `${what}|${date}|${type}`;
    if (missing.has(k)) return;
    missing.add(k);
    issues.push(
      issue(
        "MISSING_RATE",
        `Entity ${entity}: no ${type} rate ${currency}→${group} for ${what} (${date}); add it to ${setup.where.rates.table}.`,
        inTable(setup.where.rates),
      ),
    );
  };
  const rateCache = new Map<string, FoundRate | undefined>();
  return (method, type, start, end) => {
    const k = method + type + start + end;
    const hit = rateCache.get(k);
    if (hit !== undefined || rateCache.has(k)) return hit;
    const f =
      method === "average"
        ? averageRate(table, setup.rates, currency, group, start, end, type, setup.settings.triangulationCurrency)
        : method === "weightedAverage"
          ? weightedAverageRate(
              table,
              setup.rates,
              currency,
              group,
              start,
              end,
              type,
              setup.settings.triangulationCurrency,
            )
          : currentRate(table, currency, group, end, type);
    rateCache.set(k, f);
    if (!f)
      noRate(
        method === "current" || method === "historical"
          ? `the rate on ${end}`
          : `the ${method === "average" ? "average" : "weighted average"} of ${start}..${end}`,
        end,
        type,
      );
    return f;
  };
}
