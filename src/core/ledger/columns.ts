/**
 * A columnar view of a ledger array, built once per array and currency precisions (cached in a WeakMap keyed by
 * the array) for the sums over a million lines: account, period, currency and dimension set as indexes into
 * small tables, the date as the number yyyymmdd (ISO dates compare as those numbers do), and the accounting
 * amount as integer units at the accounting currency's precision in a Float64Array.
 *
 * Exactness: a line's units are `amountAccounting.unitsAt(scale)` (what the object trial balance sums; extra
 * decimals beyond the currency's are cut the same way); a line whose units are not a safe integer (|u| ≥ 2^53)
 * is NaN in the column and its bigint kept in `big`. `exactSums` says whether the sum of every |units| stays
 * below 2^53, so that any float sum of any subset is the exact integer; otherwise callers sum in bigint.
 *
 * Example: lines (2026-03-05, 6100, EUR, 108.25) and (2026-03-05, 1000, EUR, −108.25), accounting scale 2 →
 *   accounts ["6100", "1000"], account [0, 1], day [20260305, 20260305], units [10825, −10825], exactSums true.
 */
import type { Setup } from "./book";
import type { Amount } from "../money";
import type { DimensionSet, LedgerEntry } from "./types";

export interface LedgerColumns {
  readonly length: number;
  /** the accounting units' scale (the accounting currency's precision) */
  readonly scale: number;
  readonly accounts: readonly string[];
  readonly account: Int32Array;
  readonly periods: readonly string[];
  readonly period: Int32Array;
  readonly currencies: readonly string[];
  readonly currency: Int32Array;
  /** distinct dimension sets (by content), each line's index into them */
  readonly dimSets: readonly DimensionSet[];
  readonly dimSet: Int32Array;
  /** yyyymmdd */
  readonly day: Int32Array;
  /** amountAccounting.unitsAt(scale); NaN where not a safe integer (then in `big`) */
  readonly units: Float64Array;
  readonly big: ReadonlyMap<number, bigint>;
  /** Σ|units| < 2^53: every float sum over these lines is exact */
  readonly exactSums: boolean;
  /** each line's amountAccounting.scale (255 for 255 or more) */
  readonly accScale: Uint8Array;
  /** no line's accounting amount has a non-zero digit beyond the units' scale (nor a scale of 255 or more) */
  readonly accExact: boolean;
  /** lines whose source starts with "reversal:" (balanceStart reads them) */
  readonly reversalLines: readonly number[];
  /** lines posted by a settlement (a non-blank settlement id), in ledger order */
  readonly settledLines: readonly number[];
  /** every line's entry number is greater than the one before (then any subset of lines is in entry order too) */
  readonly entryNosIncreasing: boolean;
  /** the transaction amounts at their currency's precision, built on first use (trial balance by currency) */
  txn(): TxnColumns;
}

/** The transaction amounts: units at the line currency's precision, as `units` / `big` / `exactSums` / `accScale` / `accExact` are for the accounting amounts. */
export interface TxnColumns {
  readonly units: Float64Array;
  readonly big: ReadonlyMap<number, bigint>;
  readonly exactSums: boolean;
  readonly scale: Uint8Array;
  readonly exact: boolean;
  /** the units' scale per currency index (the currency's precision) */
  readonly scales: readonly number[];
}

/** yyyymmdd of an ISO date "YYYY-MM-DD"; NaN for any other text. */
export function dayNumber(date: string): number {
  if (typeof date !== "string" || date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45)
    return NaN;
  let n = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = date.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
}

/** From this many lines on, the sums over a ledger use its columns (the same figures; the tests move it to compare). */
export const COLUMNAR = { minLines: 2_000 };

export function useColumns(entries: readonly LedgerEntry[]): boolean {
  return entries.length >= COLUMNAR.minLines;
}

/** The columns of a ledger large enough to use them (COLUMNAR.minLines), else undefined. */
export function columnsOf(entries: readonly LedgerEntry[], setup: Precisions): LedgerColumns | undefined {
  return useColumns(entries) ? ledgerColumns(entries, setup) : undefined;
}

/**
 * Which lines can pass a filter by day (from ≤ day ≤ to, either end open with undefined), account index and
 * currency index, as a test by line index; undefined when there are no columns or a bound is not an ISO date.
 * Callers use it to skip lines before reading them and keep their own tests on the lines that pass.
 */
export function linePrefilter(
  cols: LedgerColumns | undefined,
  options: {
    from?: string;
    to?: string;
    accounts?: (account: string) => boolean;
    notCurrency?: string;
  },
): ((i: number) => boolean) | undefined {
  if (!cols) return undefined;
  const from = options.from === undefined ? -Infinity : dayNumber(options.from);
  const to = options.to === undefined ? Infinity : dayNumber(options.to);
  if (Number.isNaN(from) || Number.isNaN(to)) return undefined;
  const accountOk = options.accounts
    ? Uint8Array.from(cols.accounts, (a) => (options.accounts!(a) ? 1 : 0))
    : undefined;
  const skipCurrency = options.notCurrency === undefined ? -1 : cols.currencies.indexOf(options.notCurrency);
  const { day, account, currency } = cols;
  return (i) => {
    const d = day[i]!;
    return (
      d >= from && d <= to && (accountOk === undefined || accountOk[account[i]!] === 1) && currency[i] !== skipCurrency
    );
  };
}

type Precisions = Pick<Setup, "currencies" | "settings">;

const cache = new WeakMap<readonly LedgerEntry[], Map<string, LedgerColumns | null>>();

function precisionKey(setup: Precisions): string {
  let k = `${setup.settings.accountingCurrency}`;
  for (const [code, c] of setup.currencies) k += `|${code}:${c.precision}`;
  return k;
}

/**
 * The columns of `entries` for this setup's precisions, or undefined when a line's date is not an ISO date
 * (the callers then use the line objects). Cached: the array must not be changed after (ledger arrays are
 * readonly and replaced on append; the length is checked all the same).
 */
export function ledgerColumns(entries: readonly LedgerEntry[], setup: Precisions): LedgerColumns | undefined {
  const key = precisionKey(setup);
  let byKey = cache.get(entries);
  if (!byKey) cache.set(entries, (byKey = new Map()));
  const got = byKey.get(key);
  if (got !== undefined && (got === null || got.length === entries.length)) return got ?? undefined;
  const built = buildColumns(entries, setup);
  byKey.set(key, built ?? null);
  return built;
}

/** Columns already built for `entries` with any precisions (balanceStart reads only periods and sources). */
export function cachedColumns(entries: readonly LedgerEntry[]): LedgerColumns | undefined {
  for (const c of cache.get(entries)?.values() ?? []) if (c && c.length === entries.length) return c;
  return undefined;
}

/** Interns strings to indexes. */
function interner(): { ids: Map<string, number>; list: string[]; id(s: string): number } {
  const ids = new Map<string, number>();
  const list: string[] = [];
  let last = "";
  let lastId = -1;
  return {
    ids,
    list,
    id(s: string): number {
      if (s === last && lastId >= 0) return lastId;
      let i = ids.get(s);
      if (i === undefined) {
        i = list.length;
        ids.set(s, i);
        list.push(s);
      }
      last = s;
      lastId = i;
      return i;
    },
  };
}

/** Records `a.scale` at `scales[i]`; false when unitsAt(`at`) cuts a non-zero digit or the scale is 255 or more. */
function noLostDigits(a: Amount, at: number, scales: Uint8Array, i: number): boolean {
  const s = a.scale;
  if (s >= 255) {
    scales[i] = 255;
    return false;
  }
  scales[i] = s;
  return s <= at || a.units % 10n ** BigInt(s - at) === 0n;
}

export function buildColumns(entries: readonly LedgerEntry[], setup: Precisions): LedgerColumns | undefined {
  const n = entries.length;
  const scale = setup.currencies.get(setup.settings.accountingCurrency)?.precision ?? 2;
  const accounts = interner();
  const periods = interner();
  const currencies = interner();
  const account = new Int32Array(n);
  const period = new Int32Array(n);
  const currency = new Int32Array(n);
  const dimSet = new Int32Array(n);
  const day = new Int32Array(n);
  const units = new Float64Array(n);
  const accScale = new Uint8Array(n);
  let accExact = true;
  const big = new Map<number, bigint>();
  const reversalLines: number[] = [];
  const settledLines: number[] = [];
  let lastEntryNo = -Infinity;
  let entryNosIncreasing = true;
  // dimension sets: by identity first (posted lines share one object), then by content (decoded lines do not)
  const dimSets: DimensionSet[] = [];
  const byObject = new Map<object, number>();
  const byContent = new Map<string, number>();
  let lastDims: object | undefined;
  let lastSet = -1;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const e = entries[i]!;
    const d = dayNumber(e.date);
    if (Number.isNaN(d)) return undefined;
    day[i] = d;
    account[i] = accounts.id(e.account);
    period[i] = periods.id(e.period);
    currency[i] = currencies.id(e.currency);
    const dims = e.dimensions;
    let ds = dims === lastDims ? lastSet : byObject.get(dims);
    if (ds === undefined) {
      let k = "";
      for (const name in dims) k += `${name}\u0001${dims[name]}\u0000`;
      ds = byContent.get(k);
      if (ds === undefined) {
        ds = dimSets.length;
        dimSets.push(dims);
        byContent.set(k, ds);
      }
      byObject.set(dims, ds);
    }
    dimSet[i] = ds;
    lastDims = dims;
    lastSet = ds;
    const a = e.amountAccounting;
    const u = a.unitsAt(scale);
    if (!noLostDigits(a, scale, accScale, i)) accExact = false;
    const f = Number(u);
    if (Number.isSafeInteger(f)) {
      units[i] = f;
      total += f < 0 ? -f : f;
    } else {
      units[i] = NaN;
      big.set(i, u);
    }
    const s = e.source;
    if (s.charCodeAt(0) === 114 /* r */ && s.startsWith("reversal:")) reversalLines.push(i);
    const sid = e.settlementId;
    if (sid.length > 0 && sid.trim() !== "") settledLines.push(i);
    const no = e.entryNo;
    if (!(no > lastEntryNo)) entryNosIncreasing = false;
    lastEntryNo = no;
  }
  let txn: ReturnType<LedgerColumns["txn"]> | undefined;
  const currencyList = currencies.list;
  return {
    length: n,
    scale,
    accounts: accounts.list,
    account,
    periods: periods.list,
    period,
    currencies: currencyList,
    currency,
    dimSets,
    dimSet,
    day,
    units,
    big,
    exactSums: total <= Number.MAX_SAFE_INTEGER,
    accScale,
    accExact,
    reversalLines,
    settledLines,
    entryNosIncreasing,
    txn() {
      if (txn) return txn;
      const scales = currencyList.map((c) => setup.currencies.get(c)?.precision ?? 2);
      const tu = new Float64Array(n);
      const tscale = new Uint8Array(n);
      let exact = true;
      const tbig = new Map<number, bigint>();
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const a = entries[i]!.amount;
        const at = scales[currency[i]!]!;
        const u = a.unitsAt(at);
        if (!noLostDigits(a, at, tscale, i)) exact = false;
        const f = Number(u);
        if (Number.isSafeInteger(f)) {
          tu[i] = f;
          sum += f < 0 ? -f : f;
        } else {
          tu[i] = NaN;
          tbig.set(i, u);
        }
      }
      return (txn = { units: tu, big: tbig, exactSums: sum <= Number.MAX_SAFE_INTEGER, scale: tscale, exact, scales });
    },
  };
}
