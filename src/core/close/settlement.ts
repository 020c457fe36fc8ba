/**
 * Ledger settlement [D365-SETTLE, D365-SETTLE-PART, D365-SETTLE-AUTO] as a
 * close step: settle marked entries, settle partially, settle automatically by
 * rule, reverse a settlement. Nothing is written; each function returns a
 * Proposal (step "settlement" / "settlement-reversal") whose vouchers carry the
 * settlement id, plus the settlement records the app layer keeps in its
 * settlements register. See settlementModel.ts for how settlements are recorded
 * next to an append-only ledger [derived], and settlementVoucher.ts for the
 * realized exchange gain/loss.
 *
 * Worked example (W1, USD ledger): #1 Dr 100.00 EUR = 110.00 USD and #2 Cr
 * 100.00 EUR = −105.00 USD on balance-sheet account 1100, settled on the later
 * date: the EUR amounts net to zero, so they settle as SET-000001 with
 * entries [{1, 100.00, 110.00}, {2, −100.00, −105.00}] and the voucher
 * Dr realized loss 5.00 / Cr 1100 5.00 (EUR 0.00), both lines settlementId SET-000001.
 *
 * Rules:
 *  - marked entries must be on one settle-flagged account, not settled already
 *    (partly settled ones settle what remains), not lines posted by a settlement;
 *  - they must net to zero in their transaction currency when they share one,
 *    otherwise in accounting currency (settleMarked);
 *  - the settlement date is not before the latest marked entry;
 *  - any error → no vouchers and no settlement records;
 *  - with `closedYears` (yearEndState.ts): nothing dated in a fiscal year closed by
 *    a year-end close is settled, nor a settlement of it reversed, and no
 *    settlement is dated there (D365: "No settle or reverse inside a fiscal year
 *    closed by YEC"); reverse the year-end close first. After a keep-detail
 *    close the opening line carrying an entry is settled instead.
 *  - rerun "delta": the register itself keeps a re-run from settling twice
 *    (settled entries are refused or skipped, a reversed settlement cannot be
 *    reversed again), so a second auto-settlement with the same date is allowed.
 *    A settlement with equal accounting amounts proposes no voucher but still
 *    returns its record, which the app layer must record. Reverse a settlement
 *    with reverseSettlement (not a generic run reversal), so its record is
 *    marked reversed together with the FX voucher.
 */
import { columnsOf, linePrefilter } from "../ledger/columns";
import type { Account, AccountNumber, IsoDate, LedgerEntry } from "../ledger/types";
import { hasErrors, issue, type Issue, type IssueCode } from "../issues/issue";
import { cellAt, inTable, type Where } from "../issues/where";
import { Amount } from "../money";
import { formatVoucher } from "../posting/postJournal";
import { negatedLine, type Proposal, type ProposedLine, type ProposedVoucher, type TraceRow } from "./proposal";
import {
  compareItems,
  openItemOf,
  openItemScope,
  postedBySettlement,
  settlementStates,
  settlementTaken,
  type OpenItem,
  type SettledEntry,
  type SettlementBasis,
  type SettlementRecord,
} from "./settlementModel";
import {
  dimensionKey,
  fmt,
  precisionOf,
  prorate,
  realizedVoucher,
  typicalSide,
  type SettlementSetup,
} from "./settlementVoucher";
import { inClosedYear, type ClosedYear } from "./yearEndState";

export * from "./settlementModel";
export { realizedKind, prorate, type SettlementSetup } from "./settlementVoucher";

export const SETTLEMENT_STEP = "settlement";
export const SETTLEMENT_REVERSAL_STEP = "settlement-reversal";

export interface SettlementInput {
  readonly setup: SettlementSetup;
  /** the posted ledger (including earlier settlements' realized FX lines) */
  readonly ledger: readonly LedgerEntry[];
  /** the settlements register */
  readonly settlements: readonly SettlementRecord[];
  /** settlement ids are `prefix` + 6 digits from this number on (a "settlement" sequence) */
  readonly nextSettlementNo: number;
  readonly settlementPrefix: string;
  /** the fiscal years closed by a year-end close (closedYears): nothing dated in them is settled */
  readonly closedYears?: readonly ClosedYear[];
}

/** A marked entry; `amount` (signed like the entry, transaction currency) settles only part of what remains. */
export interface Mark {
  readonly entryNo: number;
  readonly amount?: Amount;
}

export interface SettleMarkedInput extends SettlementInput {
  readonly marked: readonly (number | Mark)[];
  /** the settlement date: the realized FX voucher's date */
  readonly date: IsoDate;
  /** when given, every marked entry must be on this account */
  readonly account?: AccountNumber;
}

export interface SettlementResult {
  readonly proposal: Proposal;
  /** new records for the settlements register (empty when there are errors) */
  readonly settlements: readonly SettlementRecord[];
  /** the settlement sequence's next number after this run */
  readonly nextSettlementNo: number;
}

interface Resolved {
  readonly item: OpenItem;
  readonly requested?: Amount;
}

/** An entry's ledger row (`where`: setup.where), at its Entry no unless another column is at fault. */
const cellOf = (where: Where, item: Pick<OpenItem, "row">, key = "entryNo") => cellAt(where.ledger, key, item.row);

function usedIds(input: SettlementInput): Set<string> {
  const ids = new Set(input.settlements.map((s) => s.settlementId));
  // over a large ledger the columns list the lines posted by a settlement
  const cols = columnsOf(input.ledger, input.setup);
  if (cols) for (const i of cols.settledLines) ids.add(input.ledger[i]!.settlementId);
  else for (const e of input.ledger) if (postedBySettlement(e)) ids.add(e.settlementId);
  return ids;
}

/** Hands out settlement ids from the sequence; an id already in the register or the ledger is an error. */
function idSource(input: SettlementInput, issues: Issue[]): { next(): string; readonly no: number } {
  const W = input.setup.where;
  const used = usedIds(input);
  let no = input.nextSettlementNo;
  return {
    next(): string {
      const id = formatVoucher(input.settlementPrefix, no++);
      if (used.has(id)) {
        issues.push(
          issue(
            "SETTLEMENT_ID_USED",
            `Settlement id ${id} is already used; advance the settlement sequence.`,
            inTable(W.settlements),
          ),
        );
      }
      used.add(id);
      return id;
    },
    get no() {
      return no;
    },
  };
}

/** Checks the marked entries (shared by settleMarked and settlePartial). */
function resolveMarks(
  input: SettleMarkedInput,
  issues: Issue[],
): { resolved: Resolved[]; account?: Account; basis: SettlementBasis; currency: string } {
  const accCcy = input.setup.settings.accountingCurrency;
  const known: KnownEntries = {
    states: settlementStates(input.ledger, input.settlements, input.setup.accounts, undefined, {
      ...(input.closedYears ? { closedYears: input.closedYears } : {}),
    }),
    byNo: new Map(input.ledger.map((e) => [e.entryNo, e])),
    seen: new Set<number>(),
  };
  const resolved: Resolved[] = [];
  for (const m of input.marked) {
    const r = resolveMark(input, typeof m === "number" ? { entryNo: m } : m, known);
    if ("issue" in r) issues.push(r.issue);
    else resolved.push(r.ok);
  }
  issues.push(...markedSetIssues(input, resolved));
  const accountNos = [...new Set(resolved.map((r) => r.item.account))];
  const currencies = [...new Set(resolved.map((r) => r.item.currency))];
  const basis: SettlementBasis = currencies.length === 1 ? "transaction" : "accounting";
  const currency = basis === "transaction" ? (currencies[0] ?? accCcy) : accCcy;
  const account = accountNos.length === 1 ? input.setup.accounts.get(accountNos[0] ?? "") : undefined;
  return { resolved, ...(account ? { account } : {}), basis, currency };
}

/** What resolveMark looks marks up in: open-item states and ledger lines by entry number, the marks seen so far. */
interface KnownEntries {
  readonly states: ReturnType<typeof settlementStates>;
  readonly byNo: ReadonlyMap<number, LedgerEntry>;
  readonly seen: Set<number>;
}

/** One mark checked: an open item of a settlement account, marked once, outside a closed year; or why not. */
function resolveMark(input: SettleMarkedInput, mark: Mark, known: KnownEntries): { ok: Resolved } | { issue: Issue } {
  const W = input.setup.where;
  if (known.seen.has(mark.entryNo))
    return { issue: issue("DUPLICATE_MARK", `Entry ${mark.entryNo} is marked twice.`, inTable(W.ledger)) };
  known.seen.add(mark.entryNo);
  const e = known.byNo.get(mark.entryNo);
  if (!e) return { issue: issue("UNKNOWN_ENTRY", `Entry ${mark.entryNo} is not in the ledger.`, inTable(W.ledger)) };
  if (postedBySettlement(e))
    return {
      issue: issue(
        "SETTLEMENT_LINE",
        `Entry ${e.entryNo} was posted by settlement ${e.settlementId}; it cannot be settled itself.`,
        cellOf(W, e),
      ),
    };
  const acct = input.setup.accounts.get(e.account);
  if (!acct?.settle)
    return {
      issue: issue(
        "NOT_SETTLE_ACCOUNT",
        `Entry ${e.entryNo} is on account ${e.account}, which is not a settlement account.`,
        cellOf(W, e, "account"),
      ),
    };
  const closed = inClosedYear(input.closedYears, e.date);
  if (closed)
    return {
      issue: issue("SETTLEMENT_IN_CLOSED_YEAR", `Entry ${e.entryNo} (${e.date}) is ${closed}.`, cellOf(W, e, "date")),
    };
  const item = known.states.get(e.entryNo);
  if (!item)
    return {
      issue: issue(
        "NOT_OPEN_ITEM",
        `Entry ${e.entryNo} is a line of a reversed year-end close (or its reversal); it is not an open item.`,
        cellOf(W, e),
      ),
    };
  if (item.status === "Settled")
    return {
      issue: issue("ALREADY_SETTLED", `Entry ${e.entryNo} is already settled (${item.settlementId}).`, cellOf(W, e)),
    };
  return { ok: mark.amount !== undefined ? { item, requested: mark.amount } : { item } };
}

/** The checks of the marks together: any marked, one account (the one asked for), dated on or after the latest. */
function markedSetIssues(input: SettleMarkedInput, resolved: readonly Resolved[]): Issue[] {
  const W = input.setup.where;
  const issues: Issue[] = [];
  if (input.marked.length === 0)
    issues.push(issue("NOTHING_MARKED", "No entries are marked for settlement.", inTable(W.ledger)));
  const closedDate = inClosedYear(input.closedYears, input.date);
  if (closedDate)
    issues.push(
      issue("SETTLEMENT_IN_CLOSED_YEAR", `The settlement date ${input.date} is ${closedDate}.`, inTable(W.ledger)),
    );
  const accountNos = [...new Set(resolved.map((r) => r.item.account))];
  if (accountNos.length > 1)
    issues.push(
      issue(
        "DIFFERENT_ACCOUNTS",
        `Marked entries are on different accounts (${accountNos.join(", ")}); a settlement settles one account.`,
        inTable(W.ledger),
      ),
    );
  if (input.account !== undefined)
    for (const r of resolved)
      if (r.item.account !== input.account)
        issues.push(
          issue(
            "DIFFERENT_ACCOUNTS",
            `Entry ${r.item.entryNo} is on account ${r.item.account}, not on ${input.account}.`,
            cellOf(W, r.item, "account"),
          ),
        );
  const latest = resolved.reduce((d, r) => (r.item.date > d ? r.item.date : d), "");
  if (latest !== "" && input.date < latest)
    issues.push(
      issue(
        "SETTLEMENT_BEFORE_ENTRY",
        `The settlement date ${input.date} is before the latest marked entry's date ${latest}.`,
        inTable(W.ledger),
      ),
    );
  return issues;
}

/** What settling `amount` (transaction currency) of an item takes in every currency. */
function settledPart(setup: SettlementSetup, item: OpenItem, amount: Amount): SettledEntry {
  const s = setup.settings;
  const mode = s.roundingMode;
  const accPlaces = precisionOf(setup, s.accountingCurrency);
  const settledAccounting = prorate(item.remainingAccounting, amount, item.remaining, accPlaces, mode);
  const entry: SettledEntry = { entryNo: item.entryNo, settledAmount: amount, settledAccounting };
  if (!s.reportingCurrency) return entry;
  const rem = item.remainingReporting ?? Amount.ZERO;
  return {
    ...entry,
    settledReporting: prorate(rem, amount, item.remaining, precisionOf(setup, s.reportingCurrency), mode),
  };
}

function fullPart(setup: SettlementSetup, item: OpenItem): SettledEntry {
  const entry: SettledEntry = {
    entryNo: item.entryNo,
    settledAmount: item.remaining,
    settledAccounting: item.remainingAccounting,
  };
  if (!setup.settings.reportingCurrency) return entry;
  return { ...entry, settledReporting: item.remainingReporting ?? Amount.ZERO };
}

function emptyResult(
  step: string,
  parameters: Proposal["parameters"],
  issues: Issue[],
  trace: TraceRow[],
  nextSettlementNo: number,
): SettlementResult {
  return {
    proposal: { step, parameters, rerun: "delta", vouchers: [], trace, issues },
    settlements: [],
    nextSettlementNo,
  };
}

/** Builds vouchers for the records; all or nothing. */
function finish(
  input: SettlementInput,
  parameters: Proposal["parameters"],
  records: SettlementRecord[],
  states: ReadonlyMap<number, OpenItem>,
  issues: Issue[],
  extraTrace: TraceRow[],
  nextNo: number,
): SettlementResult {
  const vouchers: ProposedVoucher[] = [];
  const trace: TraceRow[] = [...extraTrace];
  for (const r of records) {
    const account = input.setup.accounts.get(r.account);
    if (!account) continue;
    const fx = realizedVoucher(input.setup, r, account, states);
    trace.push(fx.trace);
    issues.push(...fx.issues);
    if (fx.voucher) vouchers.push(fx.voucher);
  }
  if (hasErrors(issues)) return emptyResult(SETTLEMENT_STEP, parameters, issues, trace, input.nextSettlementNo);
  return {
    proposal: { step: SETTLEMENT_STEP, parameters, rerun: "delta", vouchers, trace, issues },
    settlements: records,
    nextSettlementNo: nextNo,
  };
}

function markedParameters(input: SettleMarkedInput, account: string): Proposal["parameters"] {
  const nos = input.marked.map((m) =>
    typeof m === "number" ? String(m) : m.amount ? `${m.entryNo}:${m.amount.toString()}` : String(m.entryNo),
  );
  return { account, date: input.date, entries: nos.join(",") };
}

/**
 * Settles marked entries on one account under one settlement id when they net
 * to zero (transaction currency if they share one, else accounting currency).
 * A mark with an amount settles that much of the entry (partial), the
 * accounting amount prorated from what remains.
 */
export function settleMarked(input: SettleMarkedInput): SettlementResult {
  const W = input.setup.where;
  const issues: Issue[] = [];
  const { resolved, account, basis, currency } = resolveMarks(input, issues);
  const parameters = markedParameters(input, account?.number ?? input.account ?? "");
  const parts: SettledEntry[] = [];
  let partial = false;
  for (const { item, requested } of resolved) {
    if (requested === undefined) {
      parts.push(fullPart(input.setup, item));
      continue;
    }
    const bad = (code: IssueCode, why: string): void =>
      void issues.push(issue(code, `Entry ${item.entryNo}: ${why}`, cellOf(W, item)));
    if (requested.isZero()) bad("PARTIAL_AMOUNT", "the amount to settle is zero.");
    else if (item.remaining.isZero()) bad("PARTIAL_AMOUNT", "has no transaction amount left; settle it in full.");
    else if (requested.sign() !== item.remaining.sign())
      bad(
        "PARTIAL_AMOUNT",
        `the amount to settle ${requested.toString()} has the opposite sign of what remains (${item.remaining.toString()}).`,
      );
    else if (requested.abs().cmp(item.remaining.abs()) > 0)
      bad(
        "OVER_SETTLEMENT",
        `the amount to settle ${requested.toString()} exceeds what remains (${item.remaining.toString()}).`,
      );
    else {
      if (!requested.eq(item.remaining)) partial = true;
      parts.push(settledPart(input.setup, item, requested));
    }
  }
  if (parts.length === resolved.length && resolved.length > 0 && !hasErrors(issues)) {
    const net =
      basis === "transaction"
        ? Amount.sum(parts.map((p) => p.settledAmount))
        : Amount.sum(parts.map((p) => p.settledAccounting));
    if (!net.isZero()) {
      const places = precisionOf(input.setup, currency);
      issues.push(
        issue(
          "NOT_NETTING",
          `The marked amounts net to ${fmt(net, places)} ${currency}${basis === "accounting" ? " (accounting currency, the entries are in several currencies)" : ""}, not zero; nothing is settled.`,
          inTable(W.ledger),
        ),
      );
    }
  }
  const ids = idSource(input, issues);
  if (hasErrors(issues) || !account)
    return emptyResult(SETTLEMENT_STEP, parameters, issues, [], input.nextSettlementNo);
  const record: SettlementRecord = {
    settlementId: ids.next(),
    date: input.date,
    account: account.number,
    basis,
    currency,
    how: partial ? "partial" : "manual",
    status: "settled",
    entries: parts,
  };
  const states = new Map(resolved.map((r) => [r.item.entryNo, r.item]));
  return finish(input, { ...parameters, basis }, [record], states, issues, [], ids.no);
}

/**
 * Partial settlement [D365-SETTLE-PART]: the marked debits and credits need
 * not be equal. They are paired in date order (then entry number); each pair
 * settles the smaller of what remains on the two under its own settlement id,
 * so the larger side keeps a remainder (W2). Pairs on transaction amounts when
 * the entries share a currency, else on accounting amounts; the other
 * currencies are prorated from what remains, and the last piece of an entry
 * takes exactly what is left.
 */
export function settlePartial(input: SettleMarkedInput): SettlementResult {
  const W = input.setup.where;
  const issues: Issue[] = [];
  const { resolved, account, basis, currency } = resolveMarks(input, issues);
  const parameters = { ...markedParameters(input, account?.number ?? input.account ?? ""), mode: "partial" };
  const running: Running[] = resolved.map(({ item }) => ({
    item,
    key: basis === "transaction" ? item.remaining : item.remainingAccounting,
    amount: item.remaining,
    acc: item.remainingAccounting,
    rep: item.remainingReporting ?? Amount.ZERO,
  }));
  issues.push(...partialIssues(input, resolved, running, basis === "transaction" ? currency : "accounting currency"));
  const byDate = (a: Running, b: Running): number => compareItems(a.item, b.item);
  const debits = running.filter((r) => r.key.isPositive()).sort(byDate);
  const credits = running.filter((r) => r.key.isNegative()).sort(byDate);
  if (resolved.length > 0 && (debits.length === 0 || credits.length === 0)) {
    issues.push(
      issue("NOTHING_TO_PAIR", "Partial settlement needs at least one debit and one credit.", inTable(W.ledger)),
    );
  }
  if (hasErrors(issues) || !account)
    return emptyResult(SETTLEMENT_STEP, parameters, issues, [], input.nextSettlementNo);

  const ids = idSource(input, issues);
  const { records, pairing } = pairRemainders(input, { account, basis, currency, ids }, debits, credits);
  const states = new Map(resolved.map((r) => [r.item.entryNo, r.item]));
  return finish(input, { ...parameters, basis }, records, states, issues, pairing, ids.no);
}

/** An item in a partial settlement: its pairing amount (`key`) and what remains of it in each currency. */
interface Running {
  readonly item: OpenItem;
  key: Amount;
  amount: Amount;
  acc: Amount;
  rep: Amount;
}

/** PARTIAL_AMOUNT for a mark with an amount, NOTHING_TO_PAIR for an item with nothing left in `pairedIn`. */
function partialIssues(
  input: SettleMarkedInput,
  resolved: readonly Resolved[],
  running: readonly Running[],
  pairedIn: string,
): Issue[] {
  const W = input.setup.where;
  const issues: Issue[] = [];
  for (const r of resolved)
    if (r.requested !== undefined)
      issues.push(
        issue(
          "PARTIAL_AMOUNT",
          `Entry ${r.item.entryNo}: partial settlement pairs whole remainders; give no amount.`,
          cellOf(W, r.item),
        ),
      );
  for (const r of running)
    if (r.key.isZero())
      issues.push(
        issue(
          "NOTHING_TO_PAIR",
          `Entry ${r.item.entryNo} has nothing left in ${pairedIn} to pair; settle it with a full settlement.`,
          cellOf(W, r.item),
        ),
      );
  return issues;
}

/** What a partial settlement's pairs share: the account, the basis and its currency, the settlement ids. */
interface Pairing {
  readonly account: Account;
  readonly basis: SettlementBasis;
  readonly currency: string;
  readonly ids: ReturnType<typeof idSource>;
}

/**
 * Debits and credits paired in date order: each pair settles the smaller remainder under its own id, the larger
 * side keeps the rest for the next pair; one trace row per pair.
 */
function pairRemainders(
  input: SettleMarkedInput,
  p: Pairing,
  debits: readonly Running[],
  credits: readonly Running[],
): { records: SettlementRecord[]; pairing: TraceRow[] } {
  const records: SettlementRecord[] = [];
  const pairing: TraceRow[] = [];
  const places = precisionOf(input.setup, p.currency);
  let di = 0;
  let ci = 0;
  while (di < debits.length && ci < credits.length) {
    const d = debits[di];
    const c = credits[ci];
    if (!d || !c) break;
    const x = d.key.cmp(c.key.neg()) <= 0 ? d.key : c.key.neg();
    const before = { d: d.key, c: c.key };
    const entries = [takePart(input, p.basis, d, x), takePart(input, p.basis, c, x.neg())];
    const id = p.ids.next();
    records.push({
      settlementId: id,
      date: input.date,
      account: p.account.number,
      basis: p.basis,
      currency: p.currency,
      how: "partial",
      status: "settled",
      entries,
    });
    pairing.push({
      key: `${p.account.number} · ${id} · pair`,
      inputs: {
        debit: `#${d.item.entryNo} remaining ${fmt(before.d, places)}`,
        credit: `#${c.item.entryNo} remaining ${fmt(before.c, places)}`,
      },
      formula: `min(${fmt(before.d, places)}, ${fmt(before.c.neg(), places)})`,
      result: `${fmt(x, places)} ${p.currency}; left #${d.item.entryNo} ${fmt(d.key, places)}, #${c.item.entryNo} ${fmt(c.key, places)}`,
    });
    if (d.key.isZero()) di++;
    if (c.key.isZero()) ci++;
  }
  return { records, pairing };
}

/** `keyPart` (signed like r.key) of an item settled: the other currencies prorated from what remains; r updated. */
function takePart(input: SettleMarkedInput, basis: SettlementBasis, r: Running, keyPart: Amount): SettledEntry {
  const s = input.setup.settings;
  const mode = s.roundingMode;
  const whole = r.key;
  const amount =
    basis === "transaction"
      ? keyPart
      : prorate(r.amount, keyPart, whole, precisionOf(input.setup, r.item.currency), mode);
  const acc =
    basis === "accounting"
      ? keyPart
      : prorate(r.acc, keyPart, whole, precisionOf(input.setup, s.accountingCurrency), mode);
  const rep = s.reportingCurrency
    ? prorate(r.rep, keyPart, whole, precisionOf(input.setup, s.reportingCurrency), mode)
    : undefined;
  r.key = r.key.minus(keyPart);
  r.amount = r.amount.minus(amount);
  r.acc = r.acc.minus(acc);
  if (rep) r.rep = r.rep.minus(rep);
  return {
    entryNo: r.item.entryNo,
    settledAmount: amount,
    settledAccounting: acc,
    ...(rep ? { settledReporting: rep } : {}),
  };
}

export interface AutoSettleInput extends SettlementInput {
  /** the run date: entries up to it are considered and it is the settlement date */
  readonly date: IsoDate;
  /** entries from this date on (default: all) */
  readonly from?: IsoDate;
  /** settle-flagged accounts to scan (default: all of them) */
  readonly accounts?: readonly AccountNumber[];
  /** also require equal dimensions: true = all of them, or the listed names */
  readonly sameDimensions?: boolean | readonly string[];
  /** entries left out (e.g. marked manually) */
  readonly exclude?: readonly number[];
}

const MAX_SAFE_UNITS = 2n ** 53n;
const POW10_NUM: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * A bucket key for |a|: equal values always give equal keys (different values
 * may share one; buckets are split exactly afterwards). A double is exact for
 * the units and the power of ten, so the correctly rounded quotient depends on
 * the value only.
 */
function absKey(a: Amount): number | string {
  let u = a.units < 0n ? -a.units : a.units;
  let s = a.scale;
  if (u < MAX_SAFE_UNITS && s >= 0 && s <= 22) return Number(u) / (POW10_NUM[s] ?? 1);
  if (s < 0) {
    u *= 10n ** BigInt(-s);
    s = 0;
  }
  while (s > 0 && u % 10n === 0n) {
    u /= 10n;
    s--;
  }
  if (u < MAX_SAFE_UNITS && s <= 22) return Number(u) / (POW10_NUM[s] ?? 1);
  return `${u}e-${s}`;
}

/** An exact key for the value of a (trailing zeros stripped). */
function exactKey(a: Amount): string {
  let u = a.units;
  let s = a.scale;
  if (s < 0) {
    u *= 10n ** BigInt(-s);
    s = 0;
  }
  while (s > 0 && u % 10n === 0n) {
    u /= 10n;
    s--;
  }
  return `${u}e-${s}`;
}

class AmountBucket {
  mask = 0;
  readonly list: LedgerEntry[] = [];
}

interface CcyGroup {
  mask: number;
  readonly list: LedgerEntry[];
}

/** Between a dimension key and an amount key: a character no dimension value holds. */
const KEY_SEPARATOR = "\u0000";

interface AutoPair {
  readonly lead: OpenItem;
  readonly match: OpenItem;
}

/** The dimension names sameDimensions compares: undefined = all of them. */
function autoDimensionNames(input: AutoSettleInput): readonly string[] | undefined {
  const dims = input.sameDimensions;
  return dims === true ? undefined : Array.isArray(dims) ? (dims as readonly string[]) : [];
}

/** The group a pair belongs to: account|currency|dimensions (dimensions only with sameDimensions). */
function autoGroupKey(
  input: AutoSettleInput,
  names: readonly string[] | undefined,
  item: Pick<OpenItem, "account" | "currency" | "dimensions">,
): string {
  return `${item.account}|${item.currency}|${input.sameDimensions ? dimensionKey(item.dimensions, names) : ""}`;
}

/** An entry autoSettle may consider: in the scanned accounts, not excluded, dated in the run's window. */
function autoCandidate(
  input: AutoSettleInput,
  scope: ReadonlySet<string> | undefined,
  exclude: ReadonlySet<number> | undefined,
  e: Pick<LedgerEntry, "account" | "entryNo" | "date">,
): boolean {
  if (scope && !scope.has(e.account)) return false;
  if (exclude && exclude.has(e.entryNo)) return false;
  return !(e.date > input.date || (input.from !== undefined && e.date < input.from));
}

/**
 * The pairs autoSettle makes, by group key (account|currency|dimensions), or
 * undefined when the ledger's entry numbers are not strictly increasing (then
 * the entry states are built in full). Only entries whose exact opposite
 * amount exists in their account and currency become open items: pairing
 * leads with the first unused exact opposite in date order is, within one
 * amount, pairing the k-th lead with the k-th opposite.
 */
function autoPairs(
  input: AutoSettleInput,
): { pairs: Map<string, AutoPair[]>; items: Map<number, OpenItem> } | undefined {
  const accounts = input.setup.accounts;
  const taken = settlementTaken(input.settlements);
  const hasTaken = taken.size > 0;
  const exclude = input.exclude && input.exclude.length > 0 ? new Set(input.exclude) : undefined;
  const scope = input.accounts ? new Set(input.accounts) : undefined;
  const inScope = openItemScope(input.ledger, { ...(input.closedYears ? { closedYears: input.closedYears } : {}) });
  const remainingOf = (e: LedgerEntry): Amount => {
    if (!hasTaken) return e.amount;
    const t = taken.get(e.entryNo);
    return t ? e.amount.minus(t.amount) : e.amount;
  };
  const byAccount = new Map<string, Map<string, CcyGroup>>();
  let prev = -Infinity;
  // over a large ledger the columns skip, unread, the lines of other accounts, and (entry numbers increasing
  // throughout, so the order test below cannot fail on them) the lines outside the run's dates
  const cols = columnsOf(input.ledger, input.setup);
  const pass = linePrefilter(cols, {
    accounts: (a) => accounts.get(a)?.settle === true,
    ...(cols?.entryNosIncreasing ? { to: input.date, ...(input.from !== undefined ? { from: input.from } : {}) } : {}),
  });
  const ledger = input.ledger;
  for (let i = 0; i < ledger.length; i++) {
    if (pass && !pass(i)) continue;
    const e = ledger[i]!;
    if (accounts.get(e.account)?.settle !== true) continue;
    if (postedBySettlement(e)) continue;
    if (!(e.entryNo > prev)) return undefined;
    prev = e.entryNo;
    if (!inScope(e)) continue;
    if (!autoCandidate(input, scope, exclude, e)) continue;
    const units = remainingOf(e).units;
    if (units === 0n) continue;
    let byCcy = byAccount.get(e.account);
    if (!byCcy) byAccount.set(e.account, (byCcy = new Map()));
    let g = byCcy.get(e.currency);
    if (!g) byCcy.set(e.currency, (g = { mask: 0, list: [] }));
    g.mask |= units > 0n ? 1 : 2;
    g.list.push(e);
  }
  const pairs = new Map<string, AutoPair[]>();
  const items = new Map<number, OpenItem>();
  const dims = input.sameDimensions;
  const names = autoDimensionNames(input);
  const itemOf = (e: LedgerEntry): OpenItem => {
    const item = openItemOf(e, hasTaken ? taken.get(e.entryNo) : undefined);
    items.set(e.entryNo, item);
    return item;
  };
  for (const [accountNo, byCcy] of byAccount) {
    const account = accounts.get(accountNo);
    if (!account) continue;
    const side = typicalSide(account.type);
    for (const g of byCcy.values()) {
      if (g.mask !== 3) continue;
      const buckets = new Map<number | string, LedgerEntry | AmountBucket>();
      for (const e of g.list) {
        const key = absKey(remainingOf(e));
        const b = buckets.get(key);
        if (b === undefined) buckets.set(key, e);
        else if (b instanceof AmountBucket) {
          b.mask |= remainingOf(e).units > 0n ? 1 : 2;
          b.list.push(e);
        } else {
          const nb = new AmountBucket();
          nb.mask = (remainingOf(b).units > 0n ? 1 : 2) | (remainingOf(e).units > 0n ? 1 : 2);
          nb.list.push(b, e);
          buckets.set(key, nb);
        }
      }
      for (const b of buckets.values()) {
        if (!(b instanceof AmountBucket) || b.mask !== 3) continue;
        const sub = new Map<string, { leading: OpenItem[]; opposite: OpenItem[] }>();
        for (const e of b.list) {
          const item = itemOf(e);
          const r = item.remaining;
          const key = `${dims ? dimensionKey(item.dimensions, names) : ""}${KEY_SEPARATOR}${exactKey(r.abs())}`;
          let s = sub.get(key);
          if (!s) sub.set(key, (s = { leading: [], opposite: [] }));
          (r.sign() === side ? s.leading : s.opposite).push(item);
        }
        for (const s of sub.values()) {
          const n = Math.min(s.leading.length, s.opposite.length);
          if (n === 0) continue;
          s.leading.sort(compareItems);
          s.opposite.sort(compareItems);
          const lead0 = s.leading[0];
          if (!lead0) continue;
          const groupKey = autoGroupKey(input, names, lead0);
          let list = pairs.get(groupKey);
          if (!list) pairs.set(groupKey, (list = []));
          for (let k = 0; k < n; k++) {
            const lead = s.leading[k];
            const match = s.opposite[k];
            if (lead && match) list.push({ lead, match });
          }
        }
      }
    }
  }
  return { pairs, items };
}

/**
 * Automatic settlement by rule [D365-SETTLE-AUTO]: on the same account (and
 * optionally the same dimensions), an entry is paired with one entry of
 * exactly the opposite remaining transaction amount in the same currency — one
 * to one only — scanning in date order (earliest first) from the account's
 * typical side (debits for asset/expense accounts, credits otherwise). Each
 * pair is its own settlement dated the run date; unmatched entries stay open.
 */
export function autoSettle(input: AutoSettleInput): SettlementResult {
  const W = input.setup.where;
  const closed = inClosedYear(input.closedYears, input.date);
  if (closed)
    return emptyResult(
      SETTLEMENT_STEP,
      autoParameters(input),
      [issue("SETTLEMENT_IN_CLOSED_YEAR", `The settlement date ${input.date} is ${closed}.`, inTable(W.ledger))],
      [],
      input.nextSettlementNo,
    );
  const found = autoPairs(input) ?? autoPairsByStates(input);
  const issues: Issue[] = [];
  const ids = idSource(input, issues);
  const records: SettlementRecord[] = [];
  const pairing: TraceRow[] = [];
  for (const key of [...found.pairs.keys()].sort()) {
    const pairs = (found.pairs.get(key) ?? []).sort((a, b) => compareItems(a.lead, b.lead));
    const first = pairs[0];
    const account = first ? input.setup.accounts.get(first.lead.account) : undefined;
    if (!first || !account) continue;
    for (const { lead, match } of pairs) {
      const id = ids.next();
      records.push(autoRecord(input, id, account.number, lead, match));
      pairing.push({
        key: `${account.number} · ${id} · match`,
        inputs: {
          lead: `#${lead.entryNo} ${lead.date} ${lead.remaining.toString()} ${lead.currency}`,
          match: `#${match.entryNo} ${match.date} ${match.remaining.toString()} ${match.currency}`,
        },
        formula: `${lead.remaining.toString()} + ${match.remaining.toString()}`,
        result: "0 (exact opposite, one to one)",
      });
    }
  }
  return finish(input, autoParameters(input), records, found.items, issues, pairing, ids.no);
}

/** One automatic settlement: a lead and its exact opposite, in date order. */
function autoRecord(
  input: AutoSettleInput,
  id: string,
  account: AccountNumber,
  lead: OpenItem,
  match: OpenItem,
): SettlementRecord {
  return {
    settlementId: id,
    date: input.date,
    account,
    basis: "transaction",
    currency: lead.currency,
    how: "automatic",
    status: "settled",
    entries: [lead, match].sort(compareItems).map((i) => fullPart(input.setup, i)),
  };
}

function autoParameters(input: AutoSettleInput): Proposal["parameters"] {
  return {
    date: input.date,
    ...(input.from ? { from: input.from } : {}),
    accounts: input.accounts?.join(",") ?? "all",
    sameDimensions:
      input.sameDimensions === undefined
        ? false
        : typeof input.sameDimensions === "boolean"
          ? input.sameDimensions
          : input.sameDimensions.join(","),
    mode: "automatic",
  };
}

/** autoPairs over the full entry states (entry numbers not strictly increasing): each lead takes the first unused exact opposite. */
function autoPairsByStates(input: AutoSettleInput): {
  pairs: Map<string, AutoPair[]>;
  items: ReadonlyMap<number, OpenItem>;
} {
  const exclude = new Set(input.exclude ?? []);
  const scope = input.accounts ? new Set(input.accounts) : undefined;
  const states = settlementStates(input.ledger, input.settlements, input.setup.accounts, undefined, {
    ...(input.closedYears ? { closedYears: input.closedYears } : {}),
  });
  const names = autoDimensionNames(input);
  const groups = new Map<string, OpenItem[]>();
  for (const item of states.values()) {
    if (!autoCandidate(input, scope, exclude, item)) continue;
    if (item.status === "Settled" || item.remaining.isZero()) continue;
    const key = autoGroupKey(input, names, item);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(item);
  }
  const pairs = new Map<string, AutoPair[]>();
  for (const [key, group] of groups) {
    const items = group.sort(compareItems);
    const account = input.setup.accounts.get(items[0]?.account ?? "");
    if (!account) continue;
    const side = typicalSide(account.type);
    const opposite = items.filter((i) => i.remaining.sign() === -side);
    const used = new Set<number>();
    const list: AutoPair[] = [];
    for (const lead of items.filter((i) => i.remaining.sign() === side)) {
      const match = opposite.find((o) => !used.has(o.entryNo) && o.remaining.eq(lead.remaining.neg()));
      if (!match) continue;
      used.add(match.entryNo);
      list.push({ lead, match });
    }
    if (list.length > 0) pairs.set(key, list);
  }
  return { pairs, items: states };
}

export interface ReverseSettlementInput {
  /** the workbook's tables (setup.where), for issue locations */
  readonly where: Where;
  readonly ledger: readonly LedgerEntry[];
  readonly settlements: readonly SettlementRecord[];
  readonly settlementId: string;
  /** the reversal date (not before the settlement date) */
  readonly date: IsoDate;
  /** the fiscal years closed by a year-end close (closedYears): a settlement touching them is not reversed */
  readonly closedYears?: readonly ClosedYear[];
}

export interface ReversalResult {
  readonly proposal: Proposal;
  /** the reversed record (status "reversed"), to replace the register's one; empty on error */
  readonly settlements: readonly SettlementRecord[];
}

/**
 * Reverses a whole settlement id: its realized FX voucher(s) are posted again
 * negated (lines keep the settlement id), and the record is marked reversed,
 * which gives the settled amounts back to the entries' open items.
 */
export function reverseSettlement(input: ReverseSettlementInput): ReversalResult {
  const W = input.where;
  const issues: Issue[] = [];
  const parameters = { settlementId: input.settlementId, date: input.date };
  const record = input.settlements.find((s) => s.settlementId === input.settlementId);
  const fail = (): ReversalResult => ({
    proposal: { step: SETTLEMENT_REVERSAL_STEP, parameters, rerun: "delta", vouchers: [], trace: [], issues },
    settlements: [],
  });
  if (!record) {
    issues.push(
      issue(
        "UNKNOWN_SETTLEMENT",
        `Settlement ${input.settlementId} is not in the settlements register.`,
        inTable(W.settlements),
      ),
    );
    return fail();
  }
  if (record.status === "reversed") {
    issues.push(
      issue(
        "ALREADY_REVERSED",
        `Settlement ${input.settlementId} was already reversed${record.reversedOn ? ` on ${record.reversedOn}` : ""}.`,
        inTable(W.settlements),
      ),
    );
    return fail();
  }
  if (input.date < record.date) {
    issues.push(
      issue(
        "REVERSAL_BEFORE_SETTLEMENT",
        `The reversal date ${input.date} is before the settlement date ${record.date}.`,
        inTable(W.settlements),
      ),
    );
    return fail();
  }
  if (input.closedYears?.length) {
    // the earliest date the settlement touches: its entries' dates, else its own
    const byNo = new Map(input.ledger.map((e) => [e.entryNo, e]));
    const earliest = record.entries
      .map((x) => byNo.get(x.entryNo))
      .reduce<LedgerEntry | undefined>((m, e) => (e && (!m || e.date < m.date) ? e : m), undefined);
    const date = earliest && earliest.date < record.date ? earliest.date : record.date;
    const closed = inClosedYear(input.closedYears, date);
    if (closed) {
      const what =
        earliest && earliest.date < record.date
          ? `it settles entry ${earliest.entryNo} of ${earliest.date}, ${closed}`
          : `it is dated ${record.date}, ${closed}`;
      issues.push(
        issue(
          "SETTLEMENT_IN_CLOSED_YEAR",
          `Settlement ${input.settlementId} cannot be reversed: ${what}.`,
          inTable(W.settlements),
        ),
      );
      return fail();
    }
  }
  const posted = input.ledger.filter((e) => e.settlementId === input.settlementId);
  const byVoucher = new Map<string, LedgerEntry[]>();
  for (const e of posted) {
    let v = byVoucher.get(e.voucher);
    if (!v) byVoucher.set(e.voucher, (v = []));
    v.push(e);
  }
  const vouchers: ProposedVoucher[] = [...byVoucher].map(([voucher, lines]) => ({
    date: input.date,
    description: `Reversal of ledger settlement ${input.settlementId} (voucher ${voucher})`,
    lines: lines.map((e): ProposedLine => ({ ...negatedLine(e), settlementId: input.settlementId })),
  }));
  const trace: TraceRow[] = [
    {
      key: `${record.account} · ${record.settlementId} · reversal`,
      inputs: {
        entries: record.entries.map((e) => `#${e.entryNo} ${e.settledAmount.toString()}`).join("; "),
        vouchers: [...byVoucher.keys()].join(",") || "none",
      },
      formula: "−(each line of the settlement's vouchers)",
      result: `${vouchers.reduce((n, v) => n + v.lines.length, 0)} lines reversed; entries reopened`,
    },
  ];
  const reversed: SettlementRecord = { ...record, status: "reversed", reversedOn: input.date };
  return {
    proposal: { step: SETTLEMENT_REVERSAL_STEP, parameters, rerun: "delta", vouchers, trace, issues },
    settlements: [reversed],
  };
}
