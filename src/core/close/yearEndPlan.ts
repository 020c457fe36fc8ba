/**
 * The full year-end close of one fiscal year as planned lines: the closing
 * lines (profit and loss into retained earnings, in the closing period) and
 * the opening lines (balance sheet brought forward into the next year's
 * opening period), with a trace row per group. Pure; used by yearEndClose.ts,
 * which decides what is proposed (everything, or the delta to earlier runs).
 *
 * Per (account, dimension set, transaction currency) group of the counted
 * entries (yearEndBalances.ts):
 *   profit and loss   closing line  −balance (transaction, accounting, reporting)
 *                     retained earnings, per dimension set mapped by the
 *                     dimension mode, in accounting currency: Σ accounting (and
 *                     reporting) balance of the groups mapped to it
 *   balance sheet     opening line  +balance
 *   settle-flagged    opening line  Σ remaining of the open items (settled
 *   balance sheet                   entries and the settlement FX lines left
 *                                   out); with keepDetail one line per open
 *                                   item, named after the entry it carries
 *
 * [derived] Closing vouchers and the opening voucher never double-count: the
 * retained-earnings transfer is made exactly once. With closing vouchers it is
 * posted in the closing period, so retained earnings' closing balance already
 * holds the year's result and the opening voucher carries every balance-sheet
 * account, retained earnings included, at its balance after the closing
 * vouchers (D365: the opening transaction brings forward the closing
 * balances). Without them, the opening voucher carries retained earnings at
 * its own balance and adds the year's result on separate lines.
 *
 * Worked example (W4, USD ledger, income in departments 200/300/400 totalling
 * 100,000.00, Department = single "100"): retained earnings · Department=100
 * Cr 100,000.00 in the opening voucher; with "all": one line per department.
 */
import { Sum } from "../ledger/amountSum";
import type { Setup } from "../ledger/book";
import type { LedgerColumns } from "../ledger/columns";
import { columnAccountSums, columnGroups, usable } from "./yearEndColumns";
import { isBalanceSheet, type Account, type DimensionSet, type LedgerEntry } from "../ledger/types";
import { Amount } from "../money";
import type { ProposedLine, TraceRow } from "./proposal";
import { postedBySettlement, settlementStates, type OpenItem, type SettlementRecord } from "./settlementModel";
import {
  atPrecision,
  dimensionText,
  groupKey,
  Groups,
  isEmptyGroup,
  normalDimensions,
  precision,
  transferDimensions,
  type DimensionMode,
  type Group,
  type YearScope,
} from "./yearEndBalances";

export interface PlannedLine extends ProposedLine {
  /** the entry number a keep-detail opening line carries ("" otherwise) */
  readonly ref: string;
}

export interface YearEndPlan {
  readonly closing: PlannedLine[];
  readonly opening: PlannedLine[];
  readonly trace: TraceRow[];
  /** accounts whose balance differs from the sum of their open items (a warning each) */
  readonly settlementDifferences: { account: string; accounting: Amount; reporting: Amount }[];
}

export interface PlanInput {
  readonly setup: Setup;
  /** the counted entries (yearEndBalances.ts) */
  readonly range: readonly LedgerEntry[];
  readonly settlements: readonly SettlementRecord[];
  readonly scope: YearScope;
  readonly nextFiscalYear: string;
  readonly retainedEarnings: string;
  readonly closingVouchers: boolean;
  readonly dimensionMode: DimensionMode;
  readonly keepDetail: boolean;
  /** the ledger's columns and the counted lines' indexes in it (range[k] is line lines[k]): groups found by index */
  readonly columns?: { readonly cols: LedgerColumns; readonly lines: Int32Array };
}

/** "Brought forward: entry 17, voucher GL-000017 of 2026-03-05" — the entry number is read back by the delta re-run. */
export const DETAIL_PREFIX = "Brought forward: entry ";
export function detailRef(description: string): string {
  if (!description.startsWith(DETAIL_PREFIX)) return "";
  const m = /^(\d+),/.exec(description.slice(DETAIL_PREFIX.length));
  return m?.[1] ?? "";
}

function hasSomethingLeft(i: OpenItem): boolean {
  return !(i.remaining.isZero() && i.remainingAccounting.isZero() && (i.remainingReporting?.isZero() ?? true));
}

type Money = Pick<Group, "amount" | "accounting" | "reporting" | "currency">;
type LineSource = Pick<Group, "account" | "dimensions" | "currency" | "ref" | "amount" | "accounting" | "reporting">;

/** The plan's currencies and how it writes money: in trace text at the currency's precision, and as planned lines. */
interface Format {
  readonly accCcy: string;
  readonly repCcy: string | undefined;
  readonly names: readonly string[];
  /** trace text: money at its currency's precision (ledger cells may sum to 1206.0 or 1206) */
  acc(a: Amount): string;
  rep(a: Amount): string;
  cur(a: Amount, ccy: string): string;
  money(g: Money): Record<string, string>;
  line(g: LineSource, sign: 1 | -1, description: string): PlannedLine;
}

function formatOf(setup: Setup): Format {
  const accCcy = setup.settings.accountingCurrency;
  const repCcy = setup.settings.reportingCurrency;
  const accPlaces = precision(setup, accCcy);
  const repPlaces = repCcy ? precision(setup, repCcy) : 0;
  const acc = (a: Amount) => atPrecision(a, accPlaces).toString();
  const rep = (a: Amount) => atPrecision(a, repPlaces).toString();
  const cur = (a: Amount, ccy: string) => atPrecision(a, precision(setup, ccy)).toString();
  return {
    accCcy,
    repCcy,
    names: setup.dimensions.map((d) => d.name),
    acc,
    rep,
    cur,
    money: (g) => ({
      balance: `${cur(g.amount, g.currency)} ${g.currency}`,
      accounting: `${acc(g.accounting)} ${accCcy}`,
      ...(repCcy ? { reporting: `${rep(g.reporting)} ${repCcy}` } : {}),
    }),
    line: (g, sign, description) => {
      const s = (a: Amount) => (sign < 0 ? a.neg() : a);
      return {
        account: g.account,
        dimensions: g.dimensions,
        currency: g.currency,
        amount: atPrecision(s(g.amount), precision(setup, g.currency)),
        amountAccounting: atPrecision(s(g.accounting), accPlaces),
        ...(repCcy ? { amountReporting: atPrecision(s(g.reporting), repPlaces) } : {}),
        description,
        ref: g.ref,
      };
    },
  };
}

/** The settle-flagged accounts' part of the plan: what the opening brings forward of them. */
interface SettleOutcome {
  /** keep-detail groups → the open item each stands for */
  readonly detail: Map<string, OpenItem>;
  /** account → entries settled in full (not brought forward) */
  readonly settledOut: Map<string, number>;
  readonly settleGroups: Set<string>;
  readonly settlementDifferences: YearEndPlan["settlementDifferences"];
}

/** The profit-and-loss transfer to retained earnings. */
interface Transfer {
  readonly re: Groups;
  readonly closing: PlannedLine[];
  /** without closing vouchers: the net income lines of the opening */
  readonly netLines: PlannedLine[];
  readonly revenue: Amount;
  readonly expense: Amount;
}

export function planYearEnd(p: PlanInput): YearEndPlan {
  const f = formatOf(p.setup);
  const trace: TraceRow[] = [];
  const { pl, bs, settleRaw, dimsOf } = groupEntries(p, f);
  const settled = settleOpenItems(p, f, bs, settleRaw, dimsOf, trace);
  const transfer = transferProfitAndLoss(p, f, pl, bs, trace);
  const opening = openingLines(p, f, bs, settled, transfer, trace);
  return { closing: transfer.closing, opening, trace, settlementDifferences: settled.settlementDifferences };
}

/**
 * The counted entries by group: summed in bigint units per (account, dimension text, currency), the
 * dimension set normalized once per distinct dimensions object; the same sums (and scales) as adding the
 * Amounts one by one. Settle-flagged balance-sheet accounts are only totalled (their open items count).
 */
function groupEntries(
  p: PlanInput,
  f: Format,
): {
  pl: Groups;
  bs: Groups;
  settleRaw: Map<string, { accounting: Sum; reporting: Sum }>;
  dimsOf: (dims: DimensionSet) => NormalDims;
} {
  const { setup } = p;
  const pl = new Groups();
  const bs = new Groups();
  const settleRaw = new Map<string, { accounting: Sum; reporting: Sum }>();
  const isSettle = (a: Account) => a.settle && isBalanceSheet(a.type) && a.number !== p.retainedEarnings;
  const dimsOf = dimensionCache(f.names);
  const kinds = new Map<string, 0 | 1 | 2>();
  const plSums = new GroupSums();
  const bsSums = new GroupSums();
  if (p.columns) {
    groupByColumns(p, f, p.columns, dimsOf, isSettle, plSums, bsSums, settleRaw);
    plSums.flush(pl);
    bsSums.flush(bs);
    return { pl, bs, settleRaw, dimsOf };
  }
  for (const e of p.range) {
    let kind = kinds.get(e.account);
    if (kind === undefined) {
      const a = setup.accounts.get(e.account)!;
      kinds.set(e.account, (kind = !isBalanceSheet(a.type) ? 0 : !isSettle(a) ? 1 : 2));
    }
    const rep = f.repCcy ? e.amountReporting : undefined;
    if (kind !== 2)
      (kind === 0 ? plSums : bsSums).add(
        e.account,
        dimsOf(e.dimensions),
        e.currency,
        e.amount,
        e.amountAccounting,
        rep,
      );
    else {
      let r = settleRaw.get(e.account);
      if (!r) settleRaw.set(e.account, (r = { accounting: new Sum(), reporting: new Sum() }));
      r.accounting.add(e.amountAccounting);
      r.reporting.add(rep ?? Amount.ZERO);
    }
  }
  plSums.flush(pl);
  bsSums.flush(bs);
  return { pl, bs, settleRaw, dimsOf };
}

/**
 * groupEntries' loop over the counted lines by index: an account's kind per account index, and a group per
 * (account, dimension set, currency) index triple, each looked up in the nested maps once (the same groups:
 * dimension sets equal by content normalize alike), then summed from the line objects as before.
 */
function groupByColumns(
  p: PlanInput,
  f: Format,
  { cols, lines }: NonNullable<PlanInput["columns"]>,
  dimsOf: (dims: DimensionSet) => NormalDims,
  isSettle: (a: Account) => boolean,
  plSums: GroupSums,
  bsSums: GroupSums,
  settleRaw: Map<string, { accounting: Sum; reporting: Sum }>,
): void {
  const nD = cols.dimSets.length;
  const nC = cols.currencies.length;
  const kinds = new Int8Array(cols.accounts.length).fill(-1);
  const kindOf = (ai: number): number => {
    let kind = kinds[ai]!;
    if (kind < 0) {
      const a = p.setup.accounts.get(cols.accounts[ai]!)!;
      kinds[ai] = kind = !isBalanceSheet(a.type) ? 0 : !isSettle(a) ? 1 : 2;
    }
    return kind;
  };
  const slots = new Map<number, GroupSum>();
  const { account, dimSet, currency } = cols;
  const withRep = f.repCcy !== undefined;
  // the sums themselves from the columns' units when that is exact (yearEndColumns.ts)
  const txn = usable(cols, withRep);
  if (txn) {
    const kindAt = (k: number) => kindOf(account[lines[k]!]!);
    const ai = new Map(cols.accounts.map((a, i) => [a, i]));
    for (const g of columnGroups(cols, txn, lines, (k) => kindAt(k) !== 2)) {
      const sums = kindOf(ai.get(g.account)!) === 0 ? plSums : bsSums;
      const gs = sums.group(g.account, dimsOf(g.dimensions), g.currency);
      gs.amount.add(g.amount);
      gs.accounting.add(g.accounting);
      gs.entries += g.entries;
    }
    for (const [acct, accounting] of columnAccountSums(cols, lines, (k) => kindAt(k) === 2)) {
      const r = { accounting: new Sum(), reporting: new Sum() };
      r.accounting.add(accounting);
      settleRaw.set(acct, r);
    }
    return;
  }
  for (let k = 0; k < lines.length; k++) {
    const i = lines[k]!;
    const e = p.range[k]!;
    const ai = account[i]!;
    const kind = kindOf(ai);
    const rep = withRep ? e.amountReporting : undefined;
    if (kind !== 2) {
      const key = (ai * nD + dimSet[i]!) * nC + currency[i]!;
      let g = slots.get(key);
      if (!g) {
        const sums = kind === 0 ? plSums : bsSums;
        g = sums.group(cols.accounts[ai]!, dimsOf(cols.dimSets[dimSet[i]!]!), cols.currencies[currency[i]!]!);
        slots.set(key, g);
      }
      addTo(g, e.amount, e.amountAccounting, rep);
    } else {
      let r = settleRaw.get(e.account);
      if (!r) settleRaw.set(e.account, (r = { accounting: new Sum(), reporting: new Sum() }));
      r.accounting.add(e.amountAccounting);
      r.reporting.add(rep ?? Amount.ZERO);
    }
  }
}

/**
 * Settle-flagged balance-sheet accounts: open items only, into `bs` (one group per item with keep-detail);
 * an account whose balance differs from the sum of its open items keeps the difference on the account.
 */
function settleOpenItems(
  p: PlanInput,
  f: Format,
  bs: Groups,
  settleRaw: ReadonlyMap<string, { accounting: Sum; reporting: Sum }>,
  dimsOf: (dims: DimensionSet) => NormalDims,
  trace: TraceRow[],
): SettleOutcome {
  const { setup } = p;
  const { acc, accCcy, repCcy } = f;
  const out: SettleOutcome = {
    detail: new Map(),
    settledOut: new Map(),
    settleGroups: new Set(),
    settlementDifferences: [],
  };
  if (settleRaw.size === 0) return out;
  const left = new Map<string, { accounting: Amount; reporting: Amount }>();
  const fast = p.keepDetail
    ? undefined
    : openItemSums(p.range, p.settlements, setup.accounts, settleRaw, dimsOf, repCcy !== undefined, p.columns);
  if (fast) {
    for (const [account, n] of fast.settledOut) out.settledOut.set(account, n);
    for (const g of fast.groups.flush(bs)) out.settleGroups.add(g.id);
    for (const [account, l] of fast.left)
      left.set(account, { accounting: l.accounting.value(), reporting: l.reporting.value() });
  } else {
    const states = settlementStates(p.range, p.settlements, setup.accounts);
    for (const item of states.values()) {
      if (!settleRaw.has(item.account)) continue;
      if (!hasSomethingLeft(item)) {
        out.settledOut.set(item.account, (out.settledOut.get(item.account) ?? 0) + 1);
        continue;
      }
      const ref = p.keepDetail ? String(item.entryNo) : "";
      const g = bs.add(
        item.account,
        normalDimensions(item.dimensions, f.names),
        item.currency,
        item.remaining,
        item.remainingAccounting,
        repCcy ? item.remainingReporting : undefined,
        ref,
      );
      out.settleGroups.add(g.id);
      if (ref) out.detail.set(g.id, item);
      const l = left.get(item.account) ?? { accounting: Amount.ZERO, reporting: Amount.ZERO };
      left.set(item.account, {
        accounting: l.accounting.plus(item.remainingAccounting),
        reporting: l.reporting.plus((repCcy ? item.remainingReporting : undefined) ?? Amount.ZERO),
      });
    }
  }
  for (const [account, rawSums] of [...settleRaw.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const raw = { accounting: rawSums.accounting.value(), reporting: rawSums.reporting.value() };
    const l = left.get(account) ?? { accounting: Amount.ZERO, reporting: Amount.ZERO };
    const accounting = raw.accounting.minus(l.accounting);
    const reporting = repCcy ? raw.reporting.minus(l.reporting) : Amount.ZERO;
    if (accounting.isZero() && reporting.isZero()) continue;
    // [derived] kept on the account so the opening voucher still balances; warned about by the caller
    const g = bs.add(account, normalDimensions({}, f.names), accCcy, accounting, accounting, reporting, "", 0);
    out.settleGroups.add(g.id);
    out.settlementDifferences.push({ account, accounting, reporting });
    trace.push({
      key: `${account} · settlement difference`,
      inputs: {
        "account balance": `${acc(raw.accounting)} ${accCcy}`,
        "Σ open items": `${acc(l.accounting)} ${accCcy}`,
      },
      formula: `${acc(raw.accounting)} − ${acc(l.accounting)}`,
      result: `${acc(accounting)} ${accCcy} brought forward without an open item`,
    });
  }
  return out;
}

/** Profit and loss into retained earnings (per transferred dimension set): closing lines, or net income lines for the opening. */
function transferProfitAndLoss(p: PlanInput, f: Format, pl: Groups, bs: Groups, trace: TraceRow[]): Transfer {
  const { acc, rep, accCcy, repCcy } = f;
  const fy = p.scope.fiscalYear;
  const re = new Groups();
  const reSources = new Map<string, { groups: number; revenue: Amount; expense: Amount }>();
  const closing: PlannedLine[] = [];
  let revenue = Amount.ZERO;
  let expense = Amount.ZERO;
  for (const g of pl.list()) {
    if (isEmptyGroup(g)) continue;
    const type = p.setup.accounts.get(g.account)!.type;
    if (type === "revenue") revenue = revenue.plus(g.accounting);
    else expense = expense.plus(g.accounting);
    const to = transferDimensions(g.dimensions, p.dimensionMode);
    const r = re.add(p.retainedEarnings, to, accCcy, g.accounting, g.accounting, g.reporting, "", g.entries);
    const src = reSources.get(r.id) ?? { groups: 0, revenue: Amount.ZERO, expense: Amount.ZERO };
    reSources.set(r.id, {
      groups: src.groups + 1,
      revenue: type === "revenue" ? src.revenue.plus(g.accounting) : src.revenue,
      expense: type === "expense" ? src.expense.plus(g.accounting) : src.expense,
    });
    const target = `${p.retainedEarnings}${dimensionText(to) ? ` · ${dimensionText(to)}` : ""}`;
    if (p.closingVouchers) closing.push(f.line(g, -1, `Year-end close ${fy}: ${g.account} to retained earnings`));
    trace.push({
      key: groupKey(g),
      inputs: { entries: String(g.entries), ...f.money(g) },
      formula: p.closingVouchers
        ? `closing line −(${acc(g.accounting)}); ${acc(g.accounting)} to ${target}`
        : `${acc(g.accounting)} to ${target} in the opening`,
      result: p.closingVouchers
        ? `${acc(g.accounting.neg())} ${accCcy} in ${p.scope.closing?.id ?? "the closing period"}`
        : `${acc(g.accounting)} ${accCcy} into retained earnings`,
    });
  }
  const netLines: PlannedLine[] = [];
  for (const r of re.list()) {
    if (isEmptyGroup(r)) continue;
    const src = reSources.get(r.id)!;
    const what = r.accounting.isPositive() ? "loss" : "profit";
    const description = p.closingVouchers
      ? `Year-end close ${fy}: net ${what} to retained earnings`
      : `Net ${what} ${fy} to retained earnings`;
    (p.closingVouchers ? closing : netLines).push(f.line(r, 1, description));
    trace.push({
      key: `${groupKey(r)} · net income ${fy}`,
      inputs: {
        "P&L groups": String(src.groups),
        revenue: `${acc(src.revenue)} ${accCcy}`,
        expense: `${acc(src.expense)} ${accCcy}`,
        ...(repCcy ? { reporting: `${rep(r.reporting)} ${repCcy}` } : {}),
      },
      formula: `${acc(src.revenue)} + ${acc(src.expense)}`,
      result: `${acc(r.accounting)} ${accCcy} (net ${what} ${acc(r.accounting.abs())})`,
    });
    // with closing vouchers the transfer is part of retained earnings' balance after them
    if (p.closingVouchers) bs.add(r.account, r.dimensions, r.currency, r.amount, r.accounting, r.reporting, "", 0);
  }
  return { re, closing, netLines, revenue, expense };
}

/** The opening: the balance sheet brought forward (and the net income lines without closing vouchers), with the totals' trace. */
function openingLines(
  p: PlanInput,
  f: Format,
  bs: Groups,
  settled: SettleOutcome,
  transfer: Transfer,
  trace: TraceRow[],
): PlannedLine[] {
  const { acc, cur, accCcy } = f;
  const fy = p.scope.fiscalYear;
  const opening: PlannedLine[] = [];
  const carried = new Map<string, Amount>();
  for (const g of bs.list()) {
    if (isEmptyGroup(g)) continue;
    const item = settled.detail.get(g.id);
    const type = p.setup.accounts.get(g.account)?.type ?? "equity";
    carried.set(type, (carried.get(type) ?? Amount.ZERO).plus(g.accounting));
    const description = item
      ? `${DETAIL_PREFIX}${item.entryNo}, voucher ${item.voucher} of ${item.date}${item.status === "Partially settled" ? " (partly settled)" : ""}`
      : `Opening balance ${p.nextFiscalYear} brought forward from ${fy}`;
    opening.push(f.line(g, 1, description));
    const isRe = g.account === p.retainedEarnings;
    const moved = isRe && p.closingVouchers ? transfer.re.get(g.id) : undefined;
    const open = settled.settleGroups.has(g.id);
    trace.push({
      key: `${groupKey(g)}${item ? ` · entry ${item.entryNo}` : ""}`,
      inputs: open ? { "open items": String(g.entries), ...f.money(g) } : { entries: String(g.entries), ...f.money(g) },
      formula: item
        ? `remaining of entry ${item.entryNo}: ${cur(item.amount, g.currency)} − settled ${cur(item.amount.minus(item.remaining), g.currency)} ${g.currency}`
        : open
          ? `Σ remaining of ${g.entries} open items (settled entries left out)`
          : moved
            ? `balance ${acc(g.accounting.minus(moved.accounting))} + closing transfer ${acc(moved.accounting)}`
            : `Σ ${g.entries} entries`,
      result: `${cur(g.amount, g.currency)} ${g.currency} / ${acc(g.accounting)} ${accCcy} brought forward`,
    });
  }
  for (const [account, n] of [...settled.settledOut.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    trace.push({
      key: `${account} · settled`,
      inputs: { "settled entries": String(n) },
      formula: "settled entries are not brought forward",
      result: "left out",
    });
  }
  opening.push(...transfer.netLines);
  for (const l of transfer.netLines) {
    const type = p.setup.accounts.get(l.account)?.type ?? "equity";
    carried.set(type, (carried.get(type) ?? Amount.ZERO).plus(l.amountAccounting));
  }

  // ---- totals per account group ----------------------------------------------
  for (const type of ["asset", "liability", "equity"]) {
    const sum = carried.get(type);
    if (sum)
      trace.push({
        key: `Σ ${type}`,
        inputs: {},
        formula: `Σ ${type} balances brought forward`,
        result: `${acc(sum)} ${accCcy}`,
      });
  }
  const net = transfer.revenue.plus(transfer.expense);
  trace.push({
    key: `Net income ${fy}`,
    inputs: { revenue: `${acc(transfer.revenue)} ${accCcy}`, expense: `${acc(transfer.expense)} ${accCcy}` },
    formula: `−(${acc(transfer.revenue)} + ${acc(transfer.expense)})`,
    result: `${acc(net.neg())} ${accCcy}`,
  });
  return opening;
}

// ---- fast sums ------------------------------------------------------------------

interface NormalDims {
  readonly dims: DimensionSet;
  readonly text: string;
  /** account → currency → sums */
  readonly byAccount: Map<string, Map<string, GroupSum>>;
}

interface GroupSum {
  readonly account: string;
  readonly dimensions: DimensionSet;
  readonly currency: string;
  readonly amount: Sum;
  readonly accounting: Sum;
  reporting: Sum | undefined;
  entries: number;
}

/** normalDimensions once per distinct dimensions object (and one normalized set per dimension text). */
function dimensionCache(names: readonly string[]): (dims: DimensionSet) => NormalDims {
  const byObject = new Map<DimensionSet, NormalDims>();
  const byText = new Map<string, NormalDims>();
  return (dims) => {
    let n = byObject.get(dims);
    if (n) return n;
    const norm = normalDimensions(dims, names);
    const text = dimensionText(norm);
    n = byText.get(text);
    if (!n) byText.set(text, (n = { dims: norm, text, byAccount: new Map() }));
    byObject.set(dims, n);
    return n;
  };
}

function addTo(g: GroupSum, amount: Amount, accounting: Amount, reporting: Amount | undefined): void {
  g.amount.add(amount);
  g.accounting.add(accounting);
  if (reporting) (g.reporting ??= new Sum()).add(reporting);
  g.entries++;
}

/** Sums per (account, normalized dimension set, currency), added to Groups in one step each. */
class GroupSums {
  private readonly all: GroupSum[] = [];
  private readonly seen = new Set<NormalDims>();
  private readonly mine = new Map<NormalDims, Map<string, Map<string, GroupSum>>>();

  add(
    account: string,
    d: NormalDims,
    currency: string,
    amount: Amount,
    accounting: Amount,
    reporting: Amount | undefined,
  ): void {
    addTo(this.group(account, d, currency), amount, accounting, reporting);
  }

  /** The sums of (account, normalized dimension set, currency), made on first use. */
  group(account: string, d: NormalDims, currency: string): GroupSum {
    let byAccount = this.mine.get(d);
    if (!byAccount) this.mine.set(d, (byAccount = new Map()));
    let byCurrency = byAccount.get(account);
    if (!byCurrency) byAccount.set(account, (byCurrency = new Map()));
    let g = byCurrency.get(currency);
    if (!g) {
      byCurrency.set(
        currency,
        (g = {
          account,
          dimensions: d.dims,
          currency,
          amount: new Sum(),
          accounting: new Sum(),
          reporting: undefined,
          entries: 0,
        }),
      );
      this.all.push(g);
    }
    return g;
  }

  /** Adds every sum to `groups` (in first-seen order); the groups touched. */
  flush(groups: Groups): Group[] {
    return this.all.map((g) =>
      groups.add(
        g.account,
        g.dimensions,
        g.currency,
        g.amount.value(),
        g.accounting.value(),
        g.reporting?.value(),
        "",
        g.entries,
      ),
    );
  }
}

/**
 * The open items of the settle-flagged accounts in `settleRaw` summed per
 * group — what settlementStates gives item by item, without an OpenItem per
 * entry. Undefined (use settlementStates) when entry numbers are not strictly
 * increasing, as the per-entry-number map would then keep only the last one.
 */
function openItemSums(
  range: readonly LedgerEntry[],
  settlements: readonly SettlementRecord[],
  accounts: ReadonlyMap<string, Account>,
  settleRaw: ReadonlyMap<string, unknown>,
  dimsOf: (dims: DimensionSet) => NormalDims,
  withReporting: boolean,
  columns?: PlanInput["columns"],
):
  | { groups: GroupSums; settledOut: Map<string, number>; left: Map<string, { accounting: Sum; reporting: Sum }> }
  | undefined {
  const byColumns =
    columns && !withReporting
      ? openItemsByColumns(range, settlements, accounts, settleRaw, dimsOf, columns)
      : undefined;
  if (byColumns) return byColumns;
  // with the columns, the settle flag per account index (the lines of other accounts are skipped unread)
  const settleOf = columns?.cols.accounts.map((a) => accounts.get(a)?.settle === true);
  const account = columns?.cols.account;
  const lines = columns?.lines;
  const taken = new Map<number, { amount: Amount; acc: Amount; rep: Amount; settled: boolean }>();
  for (const s of settlements) {
    if (s.status !== "settled") continue;
    for (const x of s.entries) {
      let t = taken.get(x.entryNo);
      if (!t) taken.set(x.entryNo, (t = { amount: Amount.ZERO, acc: Amount.ZERO, rep: Amount.ZERO, settled: true }));
      t.amount = t.amount.plus(x.settledAmount);
      t.acc = t.acc.plus(x.settledAccounting);
      if (x.settledReporting) t.rep = t.rep.plus(x.settledReporting);
    }
  }
  const groups = new GroupSums();
  const settledOut = new Map<string, number>();
  const left = new Map<string, { accounting: Sum; reporting: Sum }>();
  let last = -Infinity;
  for (let k = 0; k < range.length; k++) {
    if (settleOf ? !settleOf[account![lines![k]!]!] : accounts.get(range[k]!.account)?.settle !== true) continue;
    const e = range[k]!;
    if (postedBySettlement(e)) continue;
    if (!(e.entryNo > last)) return undefined;
    last = e.entryNo;
    if (!settleRaw.has(e.account)) continue;
    const t = taken.get(e.entryNo);
    const remaining = t ? e.amount.minus(t.amount) : e.amount;
    const remainingAccounting = t ? e.amountAccounting.minus(t.acc) : e.amountAccounting;
    const hasReporting = e.amountReporting !== undefined || (t !== undefined && !t.rep.isZero());
    const remainingReporting = hasReporting
      ? (e.amountReporting ?? Amount.ZERO).minus(t?.rep ?? Amount.ZERO)
      : undefined;
    if (remaining.isZero() && remainingAccounting.isZero() && (remainingReporting?.isZero() ?? true)) {
      settledOut.set(e.account, (settledOut.get(e.account) ?? 0) + 1);
      continue;
    }
    const rep = withReporting ? remainingReporting : undefined;
    groups.add(e.account, dimsOf(e.dimensions), e.currency, remaining, remainingAccounting, rep);
    let l = left.get(e.account);
    if (!l) left.set(e.account, (l = { accounting: new Sum(), reporting: new Sum() }));
    l.accounting.add(remainingAccounting);
    l.reporting.add(rep ?? Amount.ZERO);
  }
  return { groups, settledOut, left };
}

/**
 * openItemSums over the columns (yearEndColumns.ts), when exact there and no live settlement took anything
 * (each open item is then its whole entry) and entry numbers increase throughout the ledger (the order test
 * cannot fail); undefined otherwise. A line with zero transaction and accounting amounts is settled out unless
 * its reporting amount is non-zero, which only its object says.
 */
function openItemsByColumns(
  range: readonly LedgerEntry[],
  settlements: readonly SettlementRecord[],
  accounts: ReadonlyMap<string, Account>,
  settleRaw: ReadonlyMap<string, unknown>,
  dimsOf: (dims: DimensionSet) => NormalDims,
  { cols, lines }: NonNullable<PlanInput["columns"]>,
): ReturnType<typeof openItemSums> {
  const txn = usable(cols, false);
  if (!txn || !cols.entryNosIncreasing) return undefined;
  if (settlements.some((s) => s.status === "settled" && s.entries.length > 0)) return undefined;
  const bySettlement = new Uint8Array(cols.length);
  for (const i of cols.settledLines) bySettlement[i] = 1;
  const settle = cols.accounts.map((a) => accounts.get(a)?.settle === true);
  const raw = cols.accounts.map((a) => settleRaw.has(a));
  const settledOut = new Map<string, number>();
  const take = new Uint8Array(lines.length);
  for (let k = 0; k < lines.length; k++) {
    const i = lines[k]!;
    const a = cols.account[i]!;
    if (!settle[a] || bySettlement[i] === 1 || !raw[a]) continue;
    if (txn.units[i] === 0 && cols.units[i] === 0 && (range[k]!.amountReporting?.isZero() ?? true)) {
      const account = cols.accounts[a]!;
      settledOut.set(account, (settledOut.get(account) ?? 0) + 1);
      continue;
    }
    take[k] = 1;
  }
  const groups = new GroupSums();
  for (const g of columnGroups(cols, txn, lines, (k) => take[k] === 1)) {
    const gs = groups.group(g.account, dimsOf(g.dimensions), g.currency);
    gs.amount.add(g.amount);
    gs.accounting.add(g.accounting);
    gs.entries += g.entries;
  }
  const left = new Map<string, { accounting: Sum; reporting: Sum }>();
  for (const [account, accounting] of columnAccountSums(cols, lines, (k) => take[k] === 1)) {
    const l = { accounting: new Sum(), reporting: new Sum() };
    l.accounting.add(accounting);
    left.set(account, l);
  }
  return { groups, settledOut, left };
}
