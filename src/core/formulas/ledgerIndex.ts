/**
 * The in-memory ledger index the CLOSEBOOK.* functions answer from: built once
 * from the ledger (per account, lines sorted by date with running sums), then
 * each BALANCE / ACTIVITY is two binary searches per account selected.
 * A dimension filter or another currency gets its own series (the account's
 * matching lines and their running sums), built on first use and kept, so
 * every query is two binary searches per account.
 * Figures follow the trial balance exactly (src/core/ledger/trialBalance.ts):
 * a balance counts every line from the fiscal year's balance start (its
 * openings, once a year-end close posted them) to the period's end; activity
 * is the range's debits − credits, an opening voucher on the range's first day
 * being an opening, not activity.
 *
 * Example (the trial balance's worked example): 2026-02-10 1000 +500.00 / 3000 −500.00,
 * 2026-03-05 6100 +120.00 / 1000 −120.00 →
 *   sum("1000", to 2026-03-31) = 380.00; movement("1000", 2026-03-01..2026-03-31) = −120.00
 */
import { balanceYearStart } from "../ledger/trialBalance";
import { balanceStartScan } from "../ledger/balanceStart";
import type { Setup } from "../ledger/book";
import type { IsoDate, LedgerEntry } from "../ledger/types";
import type { AccountMatch, DimensionMatch } from "./filters";

interface Line {
  readonly date: IsoDate;
  readonly entry: LedgerEntry;
  readonly opening: boolean;
}

interface Series {
  readonly lines: Line[];
  /** prefix[i] = units (of the series' measure) of lines[0..i-1] */
  readonly prefix: bigint[];
}

/** A dimension filter with a key naming it (the same key, the same filter): its series are cached by it. */
export interface DimensionFilter {
  readonly key: string;
  readonly match: DimensionMatch;
}

/** Which amount of a line is summed: accounting (units at the accounting precision), reporting, or one transaction currency. */
export type Measure =
  | { readonly kind: "accounting"; readonly scale: number }
  | { readonly kind: "reporting"; readonly scale: number }
  | { readonly kind: "currency"; readonly currency: string; readonly scale: number };

export class LedgerIndex {
  private readonly byAccount = new Map<string, Line[]>();
  private readonly series = new Map<string, Series>();
  private readonly startOf: (yearStart: IsoDate) => IsoDate | undefined;
  private readonly starts = new Map<IsoDate, IsoDate | undefined>();

  constructor(
    ledger: readonly LedgerEntry[],
    private readonly setup: Setup,
  ) {
    const openings = new Set(setup.periods.filter((p) => p.kind === "opening").map((p) => p.id));
    const grouped = new Map<string, Line[]>();
    for (const e of ledger) {
      let list = grouped.get(e.account);
      if (!list) grouped.set(e.account, (list = []));
      list.push({ date: e.date, entry: e, opening: openings.has(e.period) });
    }
    for (const [account, lines] of grouped) {
      lines.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      this.byAccount.set(account, lines);
    }
    this.startOf = balanceStartScan(setup.periods, ledger);
  }

  get accountingScale(): number {
    return this.setup.currencies.get(this.setup.settings.accountingCurrency)?.precision ?? 2;
  }

  /** Accounts of the chart and of the ledger that `match` selects. */
  accounts(match: AccountMatch): string[] {
    const all = new Set([...this.setup.accounts.keys(), ...this.byAccount.keys()]);
    return [...all].filter(match);
  }

  /** The first date counted in balances up to `date` (undefined: every line). */
  balanceStart(date: IsoDate): IsoDate | undefined {
    const yearStart = balanceYearStart(this.setup, date);
    if (yearStart === undefined) return undefined;
    if (!this.starts.has(yearStart)) this.starts.set(yearStart, this.startOf(yearStart));
    return this.starts.get(yearStart);
  }

  /** Closing balance at `to`: the lines from the balance start to `to`, in units of `measure.scale`. */
  balance(accounts: readonly string[], to: IsoDate, measure: Measure, dims?: DimensionFilter): bigint {
    const start = this.balanceStart(to);
    let total = 0n;
    for (const a of accounts) total += this.sum(a, start, to, undefined, measure, dims);
    return total;
  }

  /** Debits − credits of `from`..`to`, as the trial balance of that range counts them. */
  movement(accounts: readonly string[], from: IsoDate, to: IsoDate, measure: Measure, dims?: DimensionFilter): bigint {
    const start = this.balanceStart(to);
    const lo = start !== undefined && start > from ? start : from;
    let total = 0n;
    for (const a of accounts) total += this.sum(a, lo, to, from, measure, dims);
    return total;
  }

  /** The account's lines (those `dims` selects) with running sums of `measure`, built once per account, measure and filter. */
  private seriesOf(account: string, measure: Measure, dims: DimensionFilter | undefined): Series | undefined {
    const all = this.byAccount.get(account);
    if (!all) return undefined;
    const key = `${account}\u0000${measure.kind}\u0000${measure.kind === "currency" ? measure.currency : ""}\u0000${measure.scale}\u0000${dims?.key ?? ""}`;
    let s = this.series.get(key);
    if (!s) {
      const lines = dims ? all.filter((l) => dims.match(l.entry.dimensions)) : all;
      const prefix = [0n];
      for (const l of lines) prefix.push(prefix[prefix.length - 1]! + unitsOf(l.entry, measure));
      this.series.set(key, (s = { lines, prefix }));
    }
    return s;
  }

  /** Lines of `account` dated lo..hi (lo undefined: from the first), leaving out opening-period lines dated `openingDay`. */
  private sum(
    account: string,
    lo: IsoDate | undefined,
    hi: IsoDate,
    openingDay: IsoDate | undefined,
    measure: Measure,
    dims?: DimensionFilter,
  ): bigint {
    const s = this.seriesOf(account, measure, dims);
    if (!s) return 0n;
    const i = lo === undefined ? 0 : lowerBound(s.lines, lo);
    const j = upperBound(s.lines, hi);
    if (i >= j) return 0n;
    let total = s.prefix[j]! - s.prefix[i]!;
    // an opening voucher on the range's first day is an opening balance, not activity (that day's lines come first in the range)
    for (let k = i; k < j && s.lines[k]!.date === openingDay; k++) {
      const l = s.lines[k]!;
      if (l.opening) total -= unitsOf(l.entry, measure);
    }
    return total;
  }
}

function unitsOf(e: LedgerEntry, m: Measure): bigint {
  if (m.kind === "accounting") return e.amountAccounting.unitsAt(m.scale);
  if (m.kind === "reporting") return e.amountReporting?.unitsAt(m.scale) ?? 0n;
  return e.currency === m.currency ? e.amount.unitsAt(m.scale) : 0n;
}

function lowerBound(lines: readonly Line[], date: IsoDate): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid]!.date < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(lines: readonly Line[], date: IsoDate): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid]!.date <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
