/**
 * The year-end close's sums over the columnar ledger (ledger/columns.ts), for yearEndPlan.ts: per (account,
 * dimension set, currency) index triple of the chosen lines, the transaction and accounting totals as the
 * Sum of their Amounts would give them — the same units and the same scale (the largest scale of the amounts
 * summed) — from the integer units in the columns, summed as doubles. Only when that is exact: no reporting
 * currency (the columns hold no reporting amounts), no sum able to pass 2^53 and no amount with a digit beyond
 * its currency's precision (`usable`); otherwise the plan sums the line objects.
 *
 * Example (USD accounting, scale 2): lines on 6100 · SALES · EUR of 10.5 EUR (scale 1) = 11.34 USD and
 * 2.25 EUR = 2.43 USD → one group: amount 12.75 (units 1275, scale 2), accounting 13.77, entries 2.
 */
import type { LedgerColumns, TxnColumns } from "../ledger/columns";
import type { DimensionSet } from "../ledger/types";
import { Amount } from "../money";

export interface ColumnGroup {
  readonly account: string;
  /** a dimension set of the group's lines (equal by content to each of theirs) */
  readonly dimensions: DimensionSet;
  readonly currency: string;
  readonly amount: Amount;
  readonly accounting: Amount;
  readonly entries: number;
}

/** The columns' transaction amounts when float sums over them (and the accounting ones) are exact, else undefined. */
export function usable(cols: LedgerColumns, withReporting: boolean): TxnColumns | undefined {
  if (withReporting || !cols.exactSums || cols.big.size > 0 || !cols.accExact) return undefined;
  const txn = cols.txn();
  return txn.exactSums && txn.big.size === 0 && txn.exact ? txn : undefined;
}

/** `units` at scale `at` as the Amount Sum gives at `scale`, the largest scale added (exact: see the header). */
export function sumAmount(units: number, at: number, scale: number): Amount {
  const u = BigInt(units);
  return scale >= at
    ? Amount.fromUnits(u * 10n ** BigInt(scale - at), scale)
    : Amount.fromUnits(u / 10n ** BigInt(at - scale), scale);
}

/** The groups of the lines `lines[k]` with take(k) true, in order of first line. */
export function columnGroups(
  cols: LedgerColumns,
  txn: TxnColumns,
  lines: ArrayLike<number>,
  take: (k: number) => boolean,
): ColumnGroup[] {
  const nD = cols.dimSets.length;
  const nC = cols.currencies.length;
  const slotOf = new Map<number, number>();
  const first: number[] = [];
  const amt: number[] = [];
  const acc: number[] = [];
  const amtScale: number[] = [];
  const accScale: number[] = [];
  const count: number[] = [];
  const { account, dimSet, currency, units } = cols;
  for (let k = 0; k < lines.length; k++) {
    if (!take(k)) continue;
    const i = lines[k]!;
    const key = (account[i]! * nD + dimSet[i]!) * nC + currency[i]!;
    let s = slotOf.get(key);
    if (s === undefined) {
      slotOf.set(key, (s = first.length));
      first.push(i);
      amt.push(0);
      acc.push(0);
      amtScale.push(0);
      accScale.push(0);
      count.push(0);
    }
    amt[s]! += txn.units[i]!;
    acc[s]! += units[i]!;
    if (txn.scale[i]! > amtScale[s]!) amtScale[s] = txn.scale[i]!;
    if (cols.accScale[i]! > accScale[s]!) accScale[s] = cols.accScale[i]!;
    count[s]!++;
  }
  return first.map((i, s) => {
    return {
      account: cols.accounts[account[i]!]!,
      dimensions: cols.dimSets[dimSet[i]!]!,
      currency: cols.currencies[currency[i]!]!,
      amount: sumAmount(amt[s]!, txn.scales[currency[i]!]!, amtScale[s]!),
      accounting: sumAmount(acc[s]!, cols.scale, accScale[s]!),
      entries: count[s]!,
    };
  });
}

/** Σ accounting per account of the lines `lines[k]` with take(k) true, as Sum gives it; accounts in order of first line. */
export function columnAccountSums(
  cols: LedgerColumns,
  lines: ArrayLike<number>,
  take: (k: number) => boolean,
): Map<string, Amount> {
  const sum = new Map<number, { units: number; scale: number }>();
  for (let k = 0; k < lines.length; k++) {
    if (!take(k)) continue;
    const i = lines[k]!;
    const a = cols.account[i]!;
    let s = sum.get(a);
    if (!s) sum.set(a, (s = { units: 0, scale: 0 }));
    s.units += cols.units[i]!;
    if (cols.accScale[i]! > s.scale) s.scale = cols.accScale[i]!;
  }
  const out = new Map<string, Amount>();
  for (const [a, s] of sum) out.set(cols.accounts[a]!, sumAmount(s.units, cols.scale, s.scale));
  return out;
}
