/**
 * The realized exchange gain/loss voucher of one settlement [D365-SETTLE §6],
 * and the proration helper partial settlement uses.
 *
 * adjustment = 0 − (Debits − Credits) over the settled accounting amounts
 * (= 0 − Σ settledAccounting, amounts signed debit-positive).
 *  - Balance-sheet accounts (asset, liability, equity): gain if adjustment > 0, loss if < 0.
 *  - P&L accounts (revenue, expense): loss if adjustment > 0, gain if < 0.
 *  - adjustment = 0: no voucher.
 * Lines: the settled account gets `adjustment` (so its settled entries net to
 * zero in accounting currency), the realized gain/loss account gets −adjustment.
 * The same is done for the reporting currency when the settings have one; when
 * the two layers classify differently (a gain in one, a loss in the other) each
 * gets its own pair of lines.
 *
 * [derived] Dimensions: the lines take the dimensions of the settled entries on
 * the account's typical side (debit for asset/expense, credit otherwise —
 * D365's "settlement typical balance"); several dimension sets share the
 * adjustment in proportion to their settled accounting amounts (largest
 * remainder). The settled-account line is in the settlement currency with a
 * transaction amount of 0 (an accounting-only adjustment, as revaluation), or
 * equal to the accounting amount when that currency is the accounting currency.
 *
 * Worked example W1 (balance sheet, EUR entries, USD ledger): Dr 100.00 EUR =
 * 110.00 USD, Cr 100.00 EUR = −105.00 USD → adjustment = 0 − (110.00 − 105.00) =
 * −5.00 → realized loss 5.00: Dr loss 5.00 / Cr settled account 5.00.
 */
import type { Setup } from "../ledger/book";
import { isBalanceSheet, type Account, type AccountType, type DimensionSet, type IsoDate } from "../ledger/types";
import { issue, type Issue } from "../issues/issue";
import { inTable } from "../issues/where";
import { allocate, Amount, type RoundingMode } from "../money";
import type { ProposedLine, ProposedVoucher, TraceRow } from "./proposal";
import { realizedOf, type OpenItem, type SettlementRecord } from "./settlementModel";

export type SettlementSetup = Pick<Setup, "settings" | "accounts" | "currencies" | "where">;

export function precisionOf(setup: SettlementSetup, currency: string): number {
  return setup.currencies.get(currency)?.precision ?? 2;
}

/** total × part / whole, rounded to `places` (exact when part = whole). */
export function prorate(total: Amount, part: Amount, whole: Amount, places: number, mode: RoundingMode): Amount {
  if (part.eq(whole)) return total;
  if (whole.isZero()) return Amount.ZERO.atScale(places);
  const s = Math.max(part.scale, whole.scale);
  let num = part.atScale(s).units;
  let den = whole.atScale(s).units;
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  return total.mulDivRound(num, den, places, mode);
}

/** D365 sign rule: which side of the realized accounts an adjustment goes to (undefined when zero). */
export function realizedKind(adjustment: Amount, type: AccountType): "gain" | "loss" | undefined {
  if (adjustment.isZero()) return undefined;
  const positive = adjustment.isPositive();
  return isBalanceSheet(type) ? (positive ? "gain" : "loss") : positive ? "loss" : "gain";
}

/** +1 when the account's typical balance is a debit (asset, expense), −1 otherwise. */
export function typicalSide(type: AccountType): 1 | -1 {
  return type === "asset" || type === "expense" ? 1 : -1;
}

export function dimensionKey(d: DimensionSet, names?: readonly string[]): string {
  const keys = names ?? Object.keys(d).sort();
  return JSON.stringify(keys.map((k) => [k, d[k] ?? ""]));
}

export function fmt(a: Amount, places: number): string {
  return a.round(places).toString();
}

interface DimGroup {
  readonly dimensions: DimensionSet;
  weight: Amount;
}

function dimensionGroups(record: SettlementRecord, items: ReadonlyMap<number, OpenItem>, side: 1 | -1): DimGroup[] {
  const signOf = (x: SettlementRecord["entries"][number]): number =>
    x.settledAmount.isZero() ? x.settledAccounting.sign() : x.settledAmount.sign();
  const typical = record.entries.filter((x) => signOf(x) === side);
  const chosen = typical.length > 0 ? typical : record.entries;
  const groups = new Map<string, DimGroup>();
  for (const x of chosen) {
    const dims = items.get(x.entryNo)?.dimensions ?? {};
    const key = dimensionKey(dims);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { dimensions: dims, weight: Amount.ZERO }));
    g.weight = g.weight.plus(x.settledAccounting.abs());
  }
  return [...groups.values()];
}

function split(total: Amount, groups: readonly DimGroup[], places: number): Amount[] {
  if (groups.length === 1) return [total];
  const shares = allocate(
    total,
    groups.map((g) => g.weight),
    places,
  );
  if (shares) return shares;
  return groups.map((_, i) => (i === 0 ? total : Amount.ZERO.atScale(places)));
}

export interface RealizedResult {
  readonly voucher?: ProposedVoucher;
  readonly trace: TraceRow;
  readonly issues: Issue[];
}

/**
 * The realized FX voucher and trace row for one settlement record. `items` are
 * the entry states before the settlement (for dimensions and descriptions).
 */
export function realizedVoucher(
  setup: SettlementSetup,
  record: SettlementRecord,
  account: Account,
  items: ReadonlyMap<number, OpenItem>,
): RealizedResult {
  const s = setup.settings;
  const accCcy = s.accountingCurrency;
  const accPlaces = precisionOf(setup, accCcy);
  const repPlaces = s.reportingCurrency ? precisionOf(setup, s.reportingCurrency) : accPlaces;
  const { accounting, reporting } = realizedOf(record);
  const rep = s.reportingCurrency ? (reporting ?? Amount.ZERO) : undefined;
  const debits = Amount.sum(
    record.entries.filter((e) => e.settledAccounting.isPositive()).map((e) => e.settledAccounting),
  );
  const credits = Amount.ZERO.minus(
    Amount.sum(record.entries.filter((e) => e.settledAccounting.isNegative()).map((e) => e.settledAccounting)),
  );
  const kindAcc = realizedKind(accounting, account.type);
  const kindRep = rep ? realizedKind(rep, account.type) : undefined;
  const describe = (k: "gain" | "loss" | undefined, a: Amount, places: number): string =>
    k ? `realized ${k} ${fmt(a.abs(), places)}` : "no realized gain or loss";
  const trace: TraceRow = {
    key: `${record.account} · ${record.settlementId}`,
    inputs: {
      entries: record.entries
        .map(
          (e) =>
            `#${e.entryNo} ${e.settledAmount.toString()} ${items.get(e.entryNo)?.currency ?? ""} = ${fmt(e.settledAccounting, accPlaces)} ${accCcy}`,
        )
        .join("; "),
      basis: `${record.basis} (${record.currency})`,
      accountType: `${account.type} (${isBalanceSheet(account.type) ? "balance sheet" : "profit and loss"})`,
      date: record.date,
    },
    formula: `0 − (${fmt(debits, accPlaces)} − ${fmt(credits, accPlaces)})`,
    result:
      `${fmt(accounting, accPlaces)} → ${describe(kindAcc, accounting, accPlaces)}` +
      (rep && s.reportingCurrency
        ? `; reporting ${fmt(rep, repPlaces)} ${s.reportingCurrency} → ${describe(kindRep, rep, repPlaces)}`
        : ""),
  };
  if (!kindAcc && !kindRep) return { trace, issues: [] };

  const issues: Issue[] = [];
  const accountFor = (k: "gain" | "loss"): string | undefined =>
    k === "gain" ? s.realizedGainAccount : s.realizedLossAccount;
  for (const k of new Set([kindAcc, kindRep])) {
    if (k && !accountFor(k)) {
      issues.push(
        issue(
          "NO_REALIZED_ACCOUNT",
          `Settlement ${record.settlementId} on account ${record.account} has a realized exchange ${k}, but the settings name no realized ${k} account.`,
          inTable(setup.where.settlements),
        ),
      );
    }
  }
  if (issues.length > 0) return { trace, issues };

  const groups = dimensionGroups(record, items, typicalSide(account.type));
  const accShares = split(accounting, groups, accPlaces);
  const repShares = rep ? split(rep, groups, repPlaces) : undefined;
  const lineCcy = record.currency;
  const together = !rep || !kindAcc || !kindRep || kindAcc === kindRep;
  const lines: ProposedLine[] = [];
  const pair = (dims: DimensionSet, k: "gain" | "loss", acc: Amount, repAmt: Amount | undefined): void => {
    const target = accountFor(k) ?? "";
    const what = `Realized exchange ${k}, ledger settlement ${record.settlementId}`;
    const withRep = (a: Amount | undefined): { amountReporting?: Amount } =>
      a !== undefined ? { amountReporting: a } : {};
    lines.push({
      account: record.account,
      dimensions: dims,
      currency: lineCcy,
      amount: lineCcy === accCcy ? acc : Amount.ZERO.atScale(precisionOf(setup, lineCcy)),
      amountAccounting: acc,
      ...withRep(repAmt),
      description: what,
      settlementId: record.settlementId,
    });
    lines.push({
      account: target,
      dimensions: dims,
      currency: accCcy,
      amount: acc.neg(),
      amountAccounting: acc.neg(),
      ...withRep(repAmt?.neg()),
      description: what,
      settlementId: record.settlementId,
    });
  };
  const zeroAcc = Amount.ZERO.atScale(accPlaces);
  const zeroRep = Amount.ZERO.atScale(repPlaces);
  groups.forEach((g, i) => {
    const a = accShares[i] ?? zeroAcc;
    const r = repShares?.[i];
    if (together) {
      const k = kindAcc ?? kindRep;
      if (k && !(a.isZero() && (r?.isZero() ?? true))) pair(g.dimensions, k, a, r);
    } else {
      if (kindAcc && !a.isZero()) pair(g.dimensions, kindAcc, a, zeroRep);
      if (kindRep && r && !r.isZero()) pair(g.dimensions, kindRep, zeroAcc, r);
    }
  });
  if (lines.length === 0) return { trace, issues };
  const voucher: ProposedVoucher = {
    date: record.date,
    description: `Ledger settlement ${record.settlementId} (${record.account}): realized exchange gain/loss`,
    lines,
  };
  return { voucher, trace, issues };
}

export function laterDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}
