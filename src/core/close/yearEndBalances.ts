/**
 * What the year-end close works on: the closed year's scope (its dates, its
 * closing period, the next year's opening period), which ledger lines count,
 * and the balances per (account, dimension set, transaction currency). Pure;
 * used by yearEndClose.ts.
 *
 * [derived] Balances are fiscal-year balances, as in D365: a year's balance of
 * an account is what its opening period brought forward plus the year's own
 * entries (operating and closing periods). Closebook's ledger also holds the
 * earlier years, so the first day that counts is found from the ledger:
 *   balanceStart = the start of the latest fiscal year (not after the closed
 *   one) whose opening period holds ledger lines — a year-end close (or an
 *   imported opening balance) brought everything before it forward;
 *   with no such year, every entry up to the year end counts (the first year,
 *   or earlier years that were never closed: their balances and their profit
 *   or loss are carried with this year's). A reversed run and its reversal
 *   bring nothing forward, so they do not make an opening period count.
 * The app layer's trial balance sums every entry before its range; once a
 * year has an opening it should start that year's balances at balanceStart,
 * or the balance sheet is counted twice (the old entries and their opening).
 * The closed year's own year-end lines in its closing period (earlier runs of
 * this close, source "close:year-end", and the reversals of those runs) never
 * count: the close is computed from the balances before it.
 *
 * Example (FY2026 = calendar 2026, FY2025 closed into FY2026-OPEN):
 *   2025-06-01 1000 +500.00   (before balanceStart 2026-01-01: not counted)
 *   2026-01-01 1000 +500.00   (FY2026-OPEN, the FY2025 close: counted)
 *   2026-03-05 1000 −120.00   (counted)            → 1000 · USD: 380.00
 */
import type { Setup } from "../ledger/book";
import type { LedgerColumns } from "../ledger/columns";
import type { CurrencyCode, DimensionSet, FiscalPeriod, IsoDate, LedgerEntry } from "../ledger/types";
import { addDays } from "../rates/rateDates";
import { Amount } from "../money";

export const YEAR_END_STEP = "year-end";
/** the ledger source of posted year-end lines (proposalToEntries' default "close:<step>") */
export const YEAR_END_SOURCE = `close:${YEAR_END_STEP}`;

/** How one dimension's profit-and-loss values reach retained earnings (D365 "Transfer profit and loss dimensions"). */
export type DimensionTransfer = "all" | { readonly single: string };
export type DimensionMode = Readonly<Record<string, DimensionTransfer>>;

export interface YearScope {
  readonly fiscalYear: string;
  readonly start: IsoDate;
  readonly end: IsoDate;
  /** the closed year's closing period, when the calendar has one */
  readonly closing?: FiscalPeriod;
  /** the next year's opening period, when it exists */
  readonly nextOpening?: FiscalPeriod;
}

/** The closed year's dates and periods; undefined when `fiscalYear` has no operating period. */
export function yearScope(periods: readonly FiscalPeriod[], fiscalYear: string): YearScope | undefined {
  const own = periods.filter((p) => p.fiscalYear === fiscalYear);
  const operating = own.filter((p) => p.kind === "operating");
  if (operating.length === 0) return undefined;
  const start = own.reduce((m, p) => (p.start < m ? p.start : m), operating[0]!.start);
  const end = operating.reduce((m, p) => (p.end > m ? p.end : m), operating[0]!.end);
  const closing = own.find((p) => p.kind === "closing");
  const next = addDays(end, 1);
  const nextOpening = periods.find((p) => p.kind === "opening" && p.start === next && p.fiscalYear !== fiscalYear);
  return { fiscalYear, start, end, ...(closing ? { closing } : {}), ...(nextOpening ? { nextOpening } : {}) };
}

export { balanceStart } from "../ledger/balanceStart";

/**
 * The run ids of posted year-end lines, and a test for the lines of this
 * year's earlier runs in its closing period (and their reversals, source
 * "reversal:<run id>"), which the balances leave out.
 */
export function earlierCloseFilter(
  ledger: readonly LedgerEntry[],
  scope: YearScope,
  earlierRuns: readonly LedgerEntry[] | undefined,
): (e: LedgerEntry) => boolean {
  const runIds = new Set<string>();
  for (const e of ledger) if (e.source === YEAR_END_SOURCE && e.runId !== "") runIds.add(e.runId);
  for (const e of earlierRuns ?? []) if (e.runId !== "") runIds.add(e.runId);
  const entryNos = new Set((earlierRuns ?? []).map((e) => e.entryNo));
  const closingId = scope.closing?.id;
  return (e) => {
    if (entryNos.has(e.entryNo)) return true;
    if (closingId === undefined || e.period !== closingId) return false;
    if (e.source === YEAR_END_SOURCE) return true;
    return e.source.startsWith("reversal:") && runIds.has(e.source.slice("reversal:".length));
  };
}

/** Earlier year-end lines of this close: `earlierRuns` when given, else found in the ledger; with the reversals of those runs. */
export function earlierCloseLines(
  ledger: readonly LedgerEntry[],
  scope: YearScope,
  earlierRuns: readonly LedgerEntry[] | undefined,
  cols?: LedgerColumns,
): LedgerEntry[] {
  const periods = new Set([scope.closing?.id, scope.nextOpening?.id].filter((x): x is string => x !== undefined));
  // every line kept is in one of the two periods: with the columns, only those lines are looked at (in order)
  const candidates = cols ? linesInPeriods(ledger, cols, periods) : ledger;
  const own = earlierRuns ?? candidates.filter((e) => e.source === YEAR_END_SOURCE && periods.has(e.period));
  const runIds = new Set(own.map((e) => e.runId).filter((r) => r !== ""));
  const seen = new Set(own.map((e) => e.entryNo));
  const reversals = candidates.filter(
    (e) =>
      e.source.startsWith("reversal:") &&
      runIds.has(e.source.slice("reversal:".length)) &&
      periods.has(e.period) &&
      !seen.has(e.entryNo),
  );
  return [...own, ...reversals];
}

/** The lines of `ledger` in the periods `ids`, in ledger order, found by the columns' period index. */
export function linesInPeriods(
  ledger: readonly LedgerEntry[],
  cols: LedgerColumns,
  ids: ReadonlySet<string>,
): LedgerEntry[] {
  const wanted = cols.periods.map((p) => ids.has(p));
  const out: LedgerEntry[] = [];
  if (!wanted.some(Boolean)) return out;
  const period = cols.period;
  for (let i = 0; i < cols.length; i++) if (wanted[period[i]!]) out.push(ledger[i]!);
  return out;
}

// ---- Dimensions and groups ------------------------------------------------------

/** The dimension set over the workbook's dimension names (blank when absent), plus any other non-blank key. */
export function normalDimensions(dims: DimensionSet, names: readonly string[]): DimensionSet {
  const out: Record<string, string> = {};
  for (const n of names) out[n] = dims[n] ?? "";
  for (const k of Object.keys(dims).sort()) if (!(k in out) && (dims[k] ?? "") !== "") out[k] = dims[k]!;
  return out;
}

/** "Department=SALES" for the non-blank values in name order; "" when all are blank. */
export function dimensionText(dims: DimensionSet): string {
  return Object.keys(dims)
    .filter((k) => (dims[k] ?? "") !== "")
    .sort()
    .map((k) => `${k}=${dims[k]}`)
    .join(", ");
}

/** A profit-and-loss dimension set as retained earnings gets it: "all" keeps the value, single replaces it. */
export function transferDimensions(dims: DimensionSet, mode: DimensionMode): DimensionSet {
  const out: Record<string, string> = {};
  for (const k of Object.keys(dims)) {
    const m = mode[k] ?? "all";
    out[k] = m === "all" ? (dims[k] ?? "") : m.single;
  }
  return out;
}

export function dimensionModeText(mode: DimensionMode, names: readonly string[]): string {
  const keys = [...new Set([...names, ...Object.keys(mode)])].sort();
  return keys
    .map((k) => {
      const m = mode[k] ?? "all";
      return `${k}=${m === "all" ? "all" : `single:${m.single === "" ? "(blank)" : m.single}`}`;
    })
    .join("; ");
}

export interface Group {
  /** the map key: account, dimensions, currency and (detail lines) the carried entry number */
  readonly id: string;
  readonly account: string;
  readonly dimensions: DimensionSet;
  readonly currency: CurrencyCode;
  /** the entry number a keep-detail line carries forward ("" for balances) */
  readonly ref: string;
  amount: Amount;
  accounting: Amount;
  reporting: Amount;
  entries: number;
}

export function groupId(account: string, dims: DimensionSet, currency: CurrencyCode, ref = ""): string {
  return `${account}\u0000${dimensionText(dims)}\u0000${currency}\u0000${ref}`;
}

/** "1010 · Department=SALES · EUR" */
export function groupKey(g: Pick<Group, "account" | "dimensions" | "currency">): string {
  const d = dimensionText(g.dimensions);
  return [g.account, ...(d ? [d] : []), g.currency].join(" · ");
}

export class Groups {
  private readonly map = new Map<string, Group>();

  add(
    account: string,
    dims: DimensionSet,
    currency: CurrencyCode,
    amount: Amount,
    accounting: Amount,
    reporting: Amount | undefined,
    ref = "",
    entries = 1,
  ): Group {
    const id = groupId(account, dims, currency, ref);
    let g = this.map.get(id);
    if (!g)
      this.map.set(
        id,
        (g = {
          id,
          account,
          dimensions: dims,
          currency,
          ref,
          amount: Amount.ZERO,
          accounting: Amount.ZERO,
          reporting: Amount.ZERO,
          entries: 0,
        }),
      );
    g.amount = g.amount.plus(amount);
    g.accounting = g.accounting.plus(accounting);
    if (reporting) g.reporting = g.reporting.plus(reporting);
    g.entries += entries;
    return g;
  }

  get(id: string): Group | undefined {
    return this.map.get(id);
  }

  /** sorted by account, dimensions, currency, then carried entry number */
  list(): Group[] {
    return [...this.map.values()].sort(compareGroups);
  }
}

export function compareGroups(a: Group, b: Group): number {
  if (a.account !== b.account) return a.account < b.account ? -1 : 1;
  const da = dimensionText(a.dimensions);
  const db = dimensionText(b.dimensions);
  if (da !== db) return da < db ? -1 : 1;
  if (a.currency !== b.currency) return a.currency < b.currency ? -1 : 1;
  if (a.ref !== b.ref) return Number(a.ref || 0) - Number(b.ref || 0) || (a.ref < b.ref ? -1 : 1);
  return 0;
}

export function isEmptyGroup(g: Pick<Group, "amount" | "accounting" | "reporting">): boolean {
  return g.amount.isZero() && g.accounting.isZero() && g.reporting.isZero();
}

/** At the currency's precision when that loses nothing (ledger amounts never carry more). */
export function atPrecision(a: Amount, places: number): Amount {
  return a.decimalPlaces() <= places ? a.round(places) : a;
}

export function precision(setup: Pick<Setup, "currencies">, currency: CurrencyCode): number {
  return setup.currencies.get(currency)?.precision ?? 2;
}
