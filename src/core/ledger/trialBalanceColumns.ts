/**
 * The trial balance's sums over the columnar ledger (columns.ts): the same accumulators as the object loop in
 * trialBalance.ts — per account (and dimension values, and currency) the opening, debit and credit units, and the
 * transaction-currency units — from typed arrays: integer units summed as doubles when `exactSums` says no sum
 * can pass 2^53, in bigint otherwise; a line beyond 2^53 on its own is added from its bigint.
 *
 * Example (range 2026-03-01..2026-03-31, scale 2): 2026-02-10 1000 +500.00, 2026-03-05 1000 −120.00 →
 *   one accumulator { account "1000", opening 50000n, debit 0n, credit 12000n }.
 */
import type { Setup } from "./book";
import { dayNumber, ledgerColumns } from "./columns";
import type { IsoDate, LedgerEntry } from "./types";

export interface TbAcc {
  account: string;
  dims: string[];
  currency: string;
  opening: bigint;
  debit: bigint;
  credit: bigint;
  txn: bigint;
  txnScale: number;
}

export interface TbRange {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly byDimensions?: readonly string[];
  readonly byCurrency?: boolean;
}

const TABLE_MAX = 1 << 22;

/** The trial balance's accumulators, in order of first line; undefined when the columns cannot answer (a date not ISO). */
export function columnarAccumulators(
  entries: readonly LedgerEntry[],
  setup: Setup,
  options: TbRange,
  start: IsoDate | undefined,
): TbAcc[] | undefined {
  const cols = ledgerColumns(entries, setup);
  const from = dayNumber(options.from);
  const to = dayNumber(options.to);
  const st = start === undefined ? -Infinity : dayNumber(start);
  if (!cols || Number.isNaN(from) || Number.isNaN(to) || Number.isNaN(st)) return undefined;
  const dimNames = options.byDimensions ?? [];
  const byCurrency = options.byCurrency ?? false;
  // each dimension set's group: its values of the named dimensions
  const groupOf = new Int32Array(cols.dimSets.length);
  const groups: string[][] = [[]];
  if (dimNames.length) {
    groups.length = 0;
    const ids = new Map<string, number>();
    cols.dimSets.forEach((set, s) => {
      const dims = dimNames.map((nm) => set[nm] ?? "");
      const k = dims.join("\u0000");
      let g = ids.get(k);
      if (g === undefined) {
        ids.set(k, (g = groups.length));
        groups.push(dims);
      }
      groupOf[s] = g;
    });
  }
  const nG = groups.length;
  const nC = byCurrency ? cols.currencies.length : 1;
  const keys = cols.accounts.length * nG * nC;
  if (!Number.isSafeInteger(keys)) return undefined;
  const table = keys <= TABLE_MAX ? new Int32Array(keys) : undefined;
  const map = table ? undefined : new Map<number, number>();
  const openingPeriod = new Uint8Array(cols.periods.length);
  const openingIds = new Set(setup.periods.filter((p) => p.kind === "opening").map((p) => p.id));
  cols.periods.forEach((p, i) => (openingPeriod[i] = openingIds.has(p) ? 1 : 0));

  const exact = cols.exactSums;
  const txn = byCurrency ? cols.txn() : undefined;
  const txnExact = txn?.exactSums ?? true;
  const accs: TbAcc[] = [];
  let op: Float64Array = new Float64Array(16);
  let de: Float64Array = new Float64Array(16);
  let cr: Float64Array = new Float64Array(16);
  let tx: Float64Array = new Float64Array(16);
  const { account, period, currency, dimSet, day, units, big } = cols;
  const tunits = txn?.units;
  const n = cols.length;
  const newRow = (i: number): number => {
    const r = accs.length;
    const cur = cols.currencies[currency[i]!]!;
    accs.push({
      account: cols.accounts[account[i]!]!,
      dims: dimNames.length ? groups[groupOf[dimSet[i]!]!]!.slice() : [],
      currency: cur,
      opening: 0n,
      debit: 0n,
      credit: 0n,
      txn: 0n,
      txnScale: setup.currencies.get(cur)?.precision ?? 2,
    });
    if (r === op.length) {
      op = grow(op);
      de = grow(de);
      cr = grow(cr);
      tx = grow(tx);
    }
    return r;
  };
  // in bigint: a line beyond 2^53, every line when a sum could pass it
  const bigLine = (i: number, r: number, opening: boolean): void => {
    const a = accs[r]!;
    const u = units[i]!;
    const b = u === u ? BigInt(u) : big.get(i)!;
    if (opening) a.opening += b;
    else if (b >= 0n) a.debit += b;
    else a.credit -= b;
  };
  if (table && exact && !tunits) {
    // the common case, kept free of the branches below
    for (let i = 0; i < n; i++) {
      const d = day[i]!;
      if (d > to || d < st) continue;
      const k = account[i]! * nG + groupOf[dimSet[i]!]!;
      let r = table[k]! - 1;
      if (r < 0) table[k] = (r = newRow(i)) + 1;
      const u = units[i]!;
      const opening = d < from || (d === from && openingPeriod[period[i]!] === 1);
      if (u !== u) bigLine(i, r, opening);
      else if (opening) op[r]! += u;
      else if (u >= 0) de[r]! += u;
      else cr[r]! -= u;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const d = day[i]!;
      if (d > to || d < st) continue;
      const k = (account[i]! * nG + groupOf[dimSet[i]!]!) * nC + (byCurrency ? currency[i]! : 0);
      let r = table ? table[k]! - 1 : (map!.get(k) ?? -1);
      if (r < 0) {
        r = newRow(i);
        if (table) table[k] = r + 1;
        else map!.set(k, r);
      }
      const opening = d < from || (d === from && openingPeriod[period[i]!] === 1);
      const u = units[i]!;
      if (exact && u === u) {
        if (opening) op[r]! += u;
        else if (u >= 0) de[r]! += u;
        else cr[r]! -= u;
      } else bigLine(i, r, opening);
      if (tunits) {
        const t = tunits[i]!;
        if (txnExact && t === t) tx[r]! += t;
        else accs[r]!.txn += t === t ? BigInt(t) : txn.big.get(i)!;
      }
    }
  }
  for (let r = 0; r < accs.length; r++) {
    const a = accs[r]!;
    a.opening += BigInt(op[r]!);
    a.debit += BigInt(de[r]!);
    a.credit += BigInt(cr[r]!);
    a.txn += BigInt(tx[r]!);
  }
  return accs;
}

function grow(a: Float64Array): Float64Array {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}
