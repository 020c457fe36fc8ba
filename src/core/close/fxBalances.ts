/**
 * The balances foreign currency revaluation works on: the ledger summed per
 * (account, dimension set, transaction currency), in the transaction, the
 * accounting and the reporting currency. Pure; used by fxRevaluation.ts.
 *
 * Which entries count (close-reference b2, D365-FXGL):
 * - only accounts flagged `revalue`;
 * - balance-sheet accounts (asset, liability, equity): every entry dated on or
 *   before `date` — the cumulative balance. [derived] D365 sums from the
 *   fiscal-year start because its year-end close brings the prior years in as
 *   opening balances; Closebook has no such opening entries yet, so the only
 *   balance that includes prior years is the cumulative one (the trial balance
 *   sums the same way). A year-end close that posts both closing and opening
 *   transactions keeps the two equal.
 * - profit-and-loss accounts (revenue, expense): only when asked, entries dated
 *   plFrom..date;
 * - entries in the accounting currency are skipped (nothing to revalue);
 * - entries with a settlementId are skipped (settled items are closed);
 * - earlier revaluation lines count: they are entries in the transaction
 *   currency with amount 0 and an accounting (and reporting) amount only.
 *
 * Example: 1010 Dept=SALES +600.00 EUR / 649.50 USD and 1010 Dept=ADMIN
 * +400.00 EUR / 433.00 USD are two groups, "1010 · Department=ADMIN · EUR" and
 * "1010 · Department=SALES · EUR"; a blank dimension value is the same as an
 * absent one.
 */
import type { Setup } from "../ledger/book";
import type { Account, CurrencyCode, DimensionSet, IsoDate, LedgerEntry } from "../ledger/types";
import { Amount } from "../money";

export interface FxGroup {
  /** "1010 · Department=SALES · EUR" */
  readonly key: string;
  readonly account: Account;
  readonly dimensions: DimensionSet;
  readonly currency: CurrencyCode;
  /** in the transaction currency */
  readonly balance: Amount;
  /** in the accounting currency, including earlier revaluations */
  readonly accounting: Amount;
  /** in the reporting currency (0 when there is none) */
  readonly reporting: Amount;
  /** how many entries have no reporting amount */
  readonly missingReporting: number;
}

export interface FxScope {
  readonly date: IsoDate;
  readonly includeProfitAndLoss: boolean;
  readonly plFrom: IsoDate;
}

export function isBalanceSheet(account: Account): boolean {
  return account.type === "asset" || account.type === "liability" || account.type === "equity";
}

/** The non-blank dimension values in name order: [["Department", "SALES"]]. */
function dimensionPairs(dims: DimensionSet): [string, string][] {
  return Object.keys(dims)
    .filter((k) => (dims[k] ?? "") !== "")
    .sort()
    .map((k) => [k, dims[k]!]);
}

interface Acc {
  key: string;
  account: Account;
  dimensions: DimensionSet;
  currency: CurrencyCode;
  balance: Amount;
  accounting: Amount;
  reporting: Amount;
  missingReporting: number;
}

/** The revaluation groups of the ledger, sorted by account, dimensions and currency. */
export function revaluationGroups(setup: Setup, ledger: readonly LedgerEntry[], scope: FxScope): FxGroup[] {
  const accCcy = setup.settings.accountingCurrency;
  const blank = Object.fromEntries(setup.dimensions.map((d) => [d.name, ""]));
  const groups = new Map<string, Acc>();
  for (const e of ledger) {
    if (e.date > scope.date) continue;
    if (e.currency === accCcy) continue;
    if (e.settlementId !== "") continue;
    const account = setup.accounts.get(e.account);
    if (!account || !account.revalue) continue;
    if (!isBalanceSheet(account) && (!scope.includeProfitAndLoss || e.date < scope.plFrom)) continue;
    const pairs = dimensionPairs(e.dimensions);
    const id = `${e.account}\u0000${pairs.map(([k, v]) => `${k}\u0001${v}`).join("\u0000")}\u0002${e.currency}`;
    let g = groups.get(id);
    if (!g) {
      const key = [e.account, ...pairs.map(([k, v]) => `${k}=${v}`), e.currency].join(" · ");
      g = { key, account, dimensions: { ...blank, ...Object.fromEntries(pairs) }, currency: e.currency, balance: Amount.ZERO, accounting: Amount.ZERO, reporting: Amount.ZERO, missingReporting: 0 };
      groups.set(id, g);
    }
    g.balance = g.balance.plus(e.amount);
    g.accounting = g.accounting.plus(e.amountAccounting);
    if (e.amountReporting) g.reporting = g.reporting.plus(e.amountReporting);
    else g.missingReporting++;
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}
