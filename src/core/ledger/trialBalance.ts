/**
 * Trial balance in accounting currency: per account (optionally per dimension
 * and per transaction currency) the opening balance (everything dated before
 * the range), the debits and credits of the range, and the closing balance.
 * Because every voucher balances, each column sums to zero. Once a year-end
 * close has posted a year's opening vouchers, that year's balances start at
 * its opening period (balanceStart.ts), so nothing is counted twice.
 *
 * Sums are exact scaled integers at the accounting currency's precision
 * (ledger amounts never carry more decimals than that precision). From
 * COLUMNAR.minLines lines on they are summed over the columnar view of the
 * ledger (columns.ts, trialBalanceColumns.ts): the same figures, exactly.
 *
 * Worked example (range 2026-03-01..2026-03-31):
 *   2026-02-10 1000 +500.00 / 3000 −500.00   (opening)
 *   2026-03-05 6100 +120.00 / 1000 −120.00   (movement)
 *   → 1000: opening 500.00, credit 120.00, closing 380.00
 *     3000: opening −500.00, closing −500.00
 *     6100: debit 120.00, closing 120.00          totals: 0, 120, 120, 0
 */
import { Amount } from "../money";
import type { Setup } from "./book";
import type { IsoDate, LedgerEntry } from "./types";
import { balanceStart } from "./balanceStart";
import { ledgerColumns, useColumns } from "./columns";
import { columnarAccumulators, type TbAcc } from "./trialBalanceColumns";

export interface TrialBalanceOptions {
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** split rows by these dimensions */
  readonly byDimensions?: readonly string[];
  /** split rows by transaction currency */
  readonly byCurrency?: boolean;
}

export interface TrialBalanceRow {
  readonly account: string;
  readonly name: string;
  readonly type: string;
  readonly category: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly currency?: string;
  readonly opening: Amount;
  readonly debit: Amount;
  readonly credit: Amount;
  readonly closing: Amount;
  /** closing balance in the transaction currency (only when split by currency) */
  readonly closingTransaction?: Amount;
}

export interface TrialBalance {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly currency: string;
  readonly rows: TrialBalanceRow[];
  readonly totals: {
    readonly opening: Amount;
    readonly debit: Amount;
    readonly credit: Amount;
    readonly closing: Amount;
  };
}

export function trialBalance(
  entries: readonly LedgerEntry[],
  setup: Setup,
  options: TrialBalanceOptions,
): TrialBalance {
  // the columns first, so that the balance start reads them too (balanceStart.ts)
  if (useColumns(entries)) ledgerColumns(entries, setup);
  return trialBalanceFrom(entries, setup, options, balanceStartFor(entries, setup, options.to));
}

/**
 * The trial balance with the balance start already known (`start` =
 * balanceStartFor(entries, setup, options.to)), for callers that work out
 * several balances of the same ledger.
 */
export function trialBalanceFrom(
  entries: readonly LedgerEntry[],
  setup: Setup,
  options: TrialBalanceOptions,
  start: IsoDate | undefined,
): TrialBalance {
  return trialBalanceVia(useColumns(entries) ? "columns" : "objects", entries, setup, options, start);
}

/** The trial balance summed over the line objects or over the columns (the property tests compare the two). */
export function trialBalanceVia(
  via: "objects" | "columns",
  entries: readonly LedgerEntry[],
  setup: Setup,
  options: TrialBalanceOptions,
  start: IsoDate | undefined,
): TrialBalance {
  const accs =
    (via === "columns" ? columnarAccumulators(entries, setup, options, start) : undefined) ??
    objectAccumulators(entries, setup, options, start);
  return fromAccumulators(accs, setup, options);
}

function objectAccumulators(
  entries: readonly LedgerEntry[],
  setup: Setup,
  options: TrialBalanceOptions,
  start: IsoDate | undefined,
): TbAcc[] {
  const scale = setup.currencies.get(setup.settings.accountingCurrency)?.precision ?? 2;
  const dimNames = options.byDimensions ?? [];
  const byCurrency = options.byCurrency ?? false;
  const map = new Map<string, TbAcc>();
  const { from, to } = options;
  // a year's opening vouchers (dated its first day, in its opening period) are opening balances, not movement
  const openingPeriods = new Set(setup.periods.filter((p) => p.kind === "opening").map((p) => p.id));
  // the dimension part of the key, once per distinct dimensions object (many entries share one)
  const dimKeys = new Map<object, { key: string; dims: string[] }>();
  const noDims = { key: "", dims: [] as string[] };
  for (const e of entries) {
    const date = e.date;
    if (date > to) continue;
    if (start !== undefined && date < start) continue;
    let d = noDims;
    if (dimNames.length) {
      const got = dimKeys.get(e.dimensions);
      if (got) d = got;
      else {
        const dims = dimNames.map((n) => e.dimensions[n] ?? "");
        dimKeys.set(e.dimensions, (d = { key: `\u0000${dims.join("\u0000")}`, dims }));
      }
    }
    const key = byCurrency ? `${e.account}${d.key}\u0001${e.currency}` : d.key ? e.account + d.key : e.account;
    let a = map.get(key);
    if (!a) {
      const txnScale = setup.currencies.get(e.currency)?.precision ?? 2;
      map.set(
        key,
        (a = {
          account: e.account,
          dims: dimNames.length ? d.dims.slice() : [],
          currency: e.currency,
          opening: 0n,
          debit: 0n,
          credit: 0n,
          txn: 0n,
          txnScale,
        }),
      );
    }
    const u = e.amountAccounting.unitsAt(scale);
    if (date < from || (date === from && openingPeriods.has(e.period))) a.opening += u;
    else if (u >= 0n) a.debit += u;
    else a.credit -= u;
    if (byCurrency) a.txn += e.amount.unitsAt(a.txnScale);
  }
  return [...map.values()];
}

function fromAccumulators(accs: TbAcc[], setup: Setup, options: TrialBalanceOptions): TrialBalance {
  const scale = setup.currencies.get(setup.settings.accountingCurrency)?.precision ?? 2;
  const dimNames = options.byDimensions ?? [];
  const byCurrency = options.byCurrency ?? false;
  const { from, to } = options;
  const rows: TrialBalanceRow[] = accs
    .sort((x, y) =>
      x.account < y.account
        ? -1
        : x.account > y.account
          ? 1
          : cmpArr(x.dims, y.dims) || (x.currency < y.currency ? -1 : x.currency > y.currency ? 1 : 0),
    )
    .map((a) => {
      const acct = setup.accounts.get(a.account);
      const opening = Amount.fromUnits(a.opening, scale);
      const debit = Amount.fromUnits(a.debit, scale);
      const credit = Amount.fromUnits(a.credit, scale);
      return {
        account: a.account,
        name: acct?.name ?? "(unknown account)",
        type: acct?.type ?? "",
        category: acct?.category ?? "",
        dimensions: Object.fromEntries(dimNames.map((d, i) => [d, a.dims[i] ?? ""])),
        opening,
        debit,
        credit,
        closing: Amount.fromUnits(a.opening + a.debit - a.credit, scale),
        ...(byCurrency ? { currency: a.currency, closingTransaction: Amount.fromUnits(a.txn, a.txnScale) } : {}),
      };
    });
  const sum = (f: (r: TrialBalanceRow) => Amount) => Amount.sum(rows.map(f)).atScale(scale);
  return {
    from,
    to,
    currency: setup.settings.accountingCurrency,
    rows,
    totals: {
      opening: sum((r) => r.opening),
      debit: sum((r) => r.debit),
      credit: sum((r) => r.credit),
      closing: sum((r) => r.closing),
    },
  };
}

/** The balance start of the fiscal year holding `date` (balanceStart.ts); undefined = all entries count. */
export function balanceStartFor(entries: readonly LedgerEntry[], setup: Setup, date: IsoDate): IsoDate | undefined {
  const yearStart = balanceYearStart(setup, date);
  return yearStart === undefined ? undefined : balanceStart(setup.periods, entries, yearStart);
}

/**
 * The start of the fiscal year holding `date` when an opening period could
 * move its balance start (else undefined: every entry counts); pass it to
 * balanceStart / balanceStartScan.
 */
export function balanceYearStart(setup: Pick<Setup, "periods">, date: IsoDate): IsoDate | undefined {
  const p = setup.periods.find((x) => x.kind === "operating" && x.start <= date && date <= x.end);
  if (!p) return undefined;
  let yearStart: IsoDate | undefined;
  for (const x of setup.periods)
    if (x.fiscalYear === p.fiscalYear && (yearStart === undefined || x.start < yearStart)) yearStart = x.start;
  if (!setup.periods.some((x) => x.kind === "opening" && yearStart !== undefined && x.start <= yearStart))
    return undefined;
  return yearStart;
}

function cmpArr(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? "";
    const y = b[i] ?? "";
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
