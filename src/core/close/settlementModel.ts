/**
 * Ledger settlement as data — the records and the open items computed from them.
 *
 * [derived] The ledger is append-only, so settling cannot stamp a settlement id
 * on the rows it settles. Closebook records a settlement in two places instead:
 *
 *  1. A settlement record (one per settlement id) that lists the settled entry
 *     numbers with the amount settled on each, in transaction, accounting and
 *     (when the settings have one) reporting currency. The app layer keeps these
 *     in a settlements register (suggested table `tblSettlements`, one row per
 *     settlement id and entry: see `toSettlementRows`). A record's only change
 *     after it is written is Status Settled → Reversed (like a run's status).
 *  2. Ledger vouchers whose lines carry the settlement id: the realized exchange
 *     gain/loss voucher (dated the settlement date) and, on reversal, its exact
 *     negation. A ledger line with a non-empty settlement id was posted *by* a
 *     settlement; it is never an open item itself (the FX line on the settled
 *     account clears the accounting difference of the settled entries, and a
 *     reversed settlement's FX line and its reversal cancel).
 *
 * Open items are computed: for each entry on a settle-flagged account,
 *   remaining = amount − Σ settledAmount over the records in status "settled"
 * (the same in accounting and reporting currency). Reversing a settlement
 * therefore restores the remaining amounts it took, and the FX reversal voucher
 * restores the account balance, so after posting every settlement's vouchers:
 *   accounting balance of a settle account = Σ remainingAccounting of its open items.
 *
 * After a year-end close (yearEndState.ts, pass `closedYears`), the entries of
 * the closed years are carried by the openings and are not open items
 * themselves: with keep detail the opening line that names an entry is its open
 * item in the new year (W2 insurance: 12,000 Dr less three 1,000 Cr settled →
 * the opening copy, 9,000.00, is the one open item, not the original as well).
 * The lines of a reversed year-end run and their reversals are never open items.
 *
 * Status per entry (D365 names): Not settled (no live settlement touches it),
 * Settled (nothing remains in any currency), Partially settled (otherwise); the
 * settlement id shown is the one live id, or "Multiple" (W2).
 *
 * Example (W2): GJ00105 Dr 1,000.00; GJ00210 Cr 700.00; GJ00236 Cr 400.00, settled
 * partially as SET-000001 {105: +700, 210: −700} and SET-000002 {105: +300, 236: −300}
 * → 105 Settled "Multiple", 210 Settled SET-000001, 236 Partially settled SET-000002,
 * remaining −100.00.
 */
import type { Account, AccountNumber, CurrencyCode, DimensionSet, IsoDate, LedgerEntry } from "../ledger/types";
import { Amount } from "../money";
import { cancelledYearEndLines, closedThrough, type ClosedYear } from "./yearEndState";

export type SettlementStatus = "settled" | "reversed";
/** how the settlement was made: marked lines netting to zero, partial pairing, an automation rule */
export type SettlementHow = "manual" | "partial" | "automatic";
/** the currency the settled amounts net to zero in */
export type SettlementBasis = "transaction" | "accounting";

export interface SettledEntry {
  readonly entryNo: number;
  /** signed like the entry (debit positive), in the entry's transaction currency */
  readonly settledAmount: Amount;
  /** signed, in the accounting currency */
  readonly settledAccounting: Amount;
  /** signed, in the reporting currency, when the settings have one */
  readonly settledReporting?: Amount;
}

export interface SettlementRecord {
  readonly settlementId: string;
  /** the settlement date (the realized FX voucher's date) */
  readonly date: IsoDate;
  readonly account: AccountNumber;
  readonly basis: SettlementBasis;
  /** the shared transaction currency (basis "transaction") or the accounting currency */
  readonly currency: CurrencyCode;
  readonly how: SettlementHow;
  readonly status: SettlementStatus;
  /** the reversal date, once reversed */
  readonly reversedOn?: IsoDate;
  readonly entries: readonly SettledEntry[];
}

export type EntrySettlementStatus = "Not settled" | "Partially settled" | "Settled";

export interface OpenItem {
  readonly entryNo: number;
  /** the entry's data row in tblLedger, when known */
  readonly row?: number;
  readonly voucher: string;
  readonly date: IsoDate;
  readonly account: AccountNumber;
  readonly dimensions: DimensionSet;
  readonly currency: CurrencyCode;
  readonly amount: Amount;
  readonly amountAccounting: Amount;
  readonly amountReporting?: Amount;
  /** signed, what is left to settle in transaction currency */
  readonly remaining: Amount;
  readonly remainingAccounting: Amount;
  readonly remainingReporting?: Amount;
  readonly status: EntrySettlementStatus;
  /** the live settlement ids that touched the entry, in record order */
  readonly settlementIds: readonly string[];
  /** for display: "", the one id, or "Multiple" */
  readonly settlementId: string;
}

/** The realized adjustment a settlement implies: 0 − Σ settled (debits − credits), per currency layer. */
export function realizedOf(record: Pick<SettlementRecord, "entries">): { accounting: Amount; reporting?: Amount } {
  const accounting = Amount.ZERO.minus(Amount.sum(record.entries.map((e) => e.settledAccounting)));
  const hasReporting = record.entries.some((e) => e.settledReporting !== undefined);
  if (!hasReporting) return { accounting };
  return {
    accounting,
    reporting: Amount.ZERO.minus(Amount.sum(record.entries.map((e) => e.settledReporting ?? Amount.ZERO))),
  };
}

/** Whether a ledger line was posted by a settlement (its realized FX voucher or that voucher's reversal). */
export function postedBySettlement(e: LedgerEntry): boolean {
  return e.settlementId.trim() !== "";
}

/** What the live settlements took from each entry, by entry number. */
export interface SettlementTaken {
  amount: Amount;
  acc: Amount;
  rep: Amount;
  ids: string[];
}

/** Σ settled per entry over the records in status "settled" (ids in record order). */
export function settlementTaken(settlements: readonly SettlementRecord[]): Map<number, SettlementTaken> {
  const taken = new Map<number, SettlementTaken>();
  for (const s of settlements) {
    if (s.status !== "settled") continue;
    for (const x of s.entries) {
      let t = taken.get(x.entryNo);
      if (!t) taken.set(x.entryNo, (t = { amount: Amount.ZERO, acc: Amount.ZERO, rep: Amount.ZERO, ids: [] }));
      t.amount = t.amount.plus(x.settledAmount);
      t.acc = t.acc.plus(x.settledAccounting);
      if (x.settledReporting) t.rep = t.rep.plus(x.settledReporting);
      if (!t.ids.includes(s.settlementId)) t.ids.push(s.settlementId);
    }
  }
  return taken;
}

/** The entry state of one ledger entry given what live settlements took from it. */
export function openItemOf(e: LedgerEntry, t: SettlementTaken | undefined): OpenItem {
  const remaining = t ? e.amount.minus(t.amount) : e.amount;
  const remainingAccounting = t ? e.amountAccounting.minus(t.acc) : e.amountAccounting;
  const hasReporting = e.amountReporting !== undefined || (t !== undefined && !t.rep.isZero());
  const remainingReporting = hasReporting ? (e.amountReporting ?? Amount.ZERO).minus(t?.rep ?? Amount.ZERO) : undefined;
  const ids = t?.ids ?? [];
  const nothingLeft = remaining.isZero() && remainingAccounting.isZero() && (remainingReporting?.isZero() ?? true);
  const status: EntrySettlementStatus =
    ids.length === 0 ? "Not settled" : nothingLeft ? "Settled" : "Partially settled";
  return {
    entryNo: e.entryNo,
    ...(e.row !== undefined ? { row: e.row } : {}),
    voucher: e.voucher,
    date: e.date,
    account: e.account,
    dimensions: e.dimensions,
    currency: e.currency,
    amount: e.amount,
    amountAccounting: e.amountAccounting,
    ...(e.amountReporting !== undefined ? { amountReporting: e.amountReporting } : {}),
    remaining,
    remainingAccounting,
    ...(remainingReporting !== undefined ? { remainingReporting } : {}),
    status,
    settlementIds: ids,
    settlementId: ids.length === 0 ? "" : ids.length === 1 ? (ids[0] ?? "") : "Multiple",
  };
}

export interface OpenItemOptions {
  /** the fiscal years closed by a year-end close (closedYears): their entries are carried by the openings, not open items */
  readonly closedYears?: readonly ClosedYear[];
}

/**
 * Whether a ledger line can be an open item at all: not posted by a settlement,
 * not dated in a closed year (options.closedYears), not a line of a reversed
 * year-end run or its reversal.
 */
export function openItemScope(ledger: readonly LedgerEntry[], options?: OpenItemOptions): (e: LedgerEntry) => boolean {
  const through = closedThrough(options?.closedYears);
  const cancelled = cancelledYearEndLines(ledger);
  if (through === undefined && !cancelled) return (e) => !postedBySettlement(e);
  return (e) => !postedBySettlement(e) && (through === undefined || e.date > through) && !(cancelled?.(e) ?? false);
}

/** Entry state for every entry on a settle-flagged account (optionally one account) that can be an open item (openItemScope), by entry number. */
export function settlementStates(
  ledger: readonly LedgerEntry[],
  settlements: readonly SettlementRecord[],
  accounts: ReadonlyMap<string, Account>,
  account?: AccountNumber,
  options?: OpenItemOptions,
): Map<number, OpenItem> {
  const taken = settlementTaken(settlements);
  const inScope = openItemScope(ledger, options);
  const out = new Map<number, OpenItem>();
  for (const e of ledger) {
    if (account !== undefined && e.account !== account) continue;
    if (accounts.get(e.account)?.settle !== true) continue;
    if (!inScope(e)) continue;
    out.set(e.entryNo, openItemOf(e, taken.get(e.entryNo)));
  }
  return out;
}

function hasSomethingLeft(i: OpenItem): boolean {
  return !(i.remaining.isZero() && i.remainingAccounting.isZero() && (i.remainingReporting?.isZero() ?? true));
}

/**
 * Open items: per settle-flagged account (or the one given), the entries not
 * settled or only partly settled, with what remains in transaction, accounting
 * (and reporting) currency; ordered by account, date, entry number. Pass the
 * closed years to leave out what a year-end close carried into openings.
 */
export function openItems(
  ledger: readonly LedgerEntry[],
  settlements: readonly SettlementRecord[],
  accounts: ReadonlyMap<string, Account>,
  account?: AccountNumber,
  options?: OpenItemOptions,
): OpenItem[] {
  return [...settlementStates(ledger, settlements, accounts, account, options).values()]
    .filter(hasSomethingLeft)
    .sort(compareItems);
}

export function compareItems(
  a: Pick<OpenItem, "account" | "date" | "entryNo">,
  b: Pick<OpenItem, "account" | "date" | "entryNo">,
): number {
  if (a.account !== b.account) return a.account < b.account ? -1 : 1;
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.entryNo - b.entryNo;
}

/** One register row per settlement id and entry: the flat shape for a settlements table. */
export interface SettlementRow {
  readonly settlementId: string;
  readonly date: IsoDate;
  readonly account: AccountNumber;
  readonly basis: SettlementBasis;
  readonly currency: CurrencyCode;
  readonly how: SettlementHow;
  readonly status: SettlementStatus;
  readonly reversedOn: IsoDate;
  readonly entryNo: number;
  readonly settledAmount: Amount;
  readonly settledAccounting: Amount;
  readonly settledReporting?: Amount;
}

export function toSettlementRows(records: readonly SettlementRecord[]): SettlementRow[] {
  return records.flatMap((r) =>
    r.entries.map((e) => ({
      settlementId: r.settlementId,
      date: r.date,
      account: r.account,
      basis: r.basis,
      currency: r.currency,
      how: r.how,
      status: r.status,
      reversedOn: r.reversedOn ?? "",
      entryNo: e.entryNo,
      settledAmount: e.settledAmount,
      settledAccounting: e.settledAccounting,
      ...(e.settledReporting !== undefined ? { settledReporting: e.settledReporting } : {}),
    })),
  );
}

/** Groups register rows back into records (first row of an id gives its header fields; order kept). */
export function fromSettlementRows(rows: readonly SettlementRow[]): SettlementRecord[] {
  const byId = new Map<string, { head: SettlementRow; entries: SettledEntry[] }>();
  for (const r of rows) {
    let g = byId.get(r.settlementId);
    if (!g) byId.set(r.settlementId, (g = { head: r, entries: [] }));
    g.entries.push({
      entryNo: r.entryNo,
      settledAmount: r.settledAmount,
      settledAccounting: r.settledAccounting,
      ...(r.settledReporting !== undefined ? { settledReporting: r.settledReporting } : {}),
    });
  }
  return [...byId.values()].map(({ head, entries }) => ({
    settlementId: head.settlementId,
    date: head.date,
    account: head.account,
    basis: head.basis,
    currency: head.currency,
    how: head.how,
    status: head.status,
    ...(head.reversedOn !== "" ? { reversedOn: head.reversedOn } : {}),
    entries,
  }));
}
