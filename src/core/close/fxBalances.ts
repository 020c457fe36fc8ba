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
 * - only what is still open counts (D365: "FX revaluation only revalues Not
 *   settled transactions"): an entry that a settlement live on `date` settled
 *   counts with what remains of it (amount − settled, in every currency), and
 *   the lines posted *by* a settlement (its realized exchange difference and
 *   that line's reversal, which carry the settlement id) are left out. The two
 *   go together: a settlement's settled accounting amounts and its realized
 *   line net to zero on the account, so the booked balance of a group is
 *   exactly its open items' accounting amounts plus earlier revaluations —
 *   the ledger's balance less what settlement has closed. (Counting the
 *   settled entries but not the realized line, as before, booked the realized
 *   difference a second time.) A settlement is live on `date` when it is dated
 *   on or before it and not reversed on or before it;
 * - once a year-end close has brought a year in as openings, a balance-sheet
 *   balance starts at that year's openings (balanceStart.ts), as the trial
 *   balance does, so the closed years are not counted twice;
 * - earlier revaluation lines count: they are entries in the transaction
 *   currency with amount 0 and an accounting (and reporting) amount only.
 *
 * Example (USD ledger, GBP payable 2010): Cr 1,000.00 GBP at 1.25 = −1,250.00;
 * Dr 400.00 GBP at 1.30 = +520.00; partially settled 400.00 → realized loss
 * 20.00 (2010 Cr 20.00). Open: −600.00 GBP booked at −750.00 (−1,250.00 +
 * 500.00 settled). At 1.40: round(−600.00 × 1.40) − (−750.00) = −90.00, and the
 * ledger ends at −1,250.00 + 520.00 − 20.00 − 90.00 = −840.00 = −600.00 × 1.40.
 *
 * Example: 1010 Dept=SALES +600.00 EUR / 649.50 USD and 1010 Dept=ADMIN
 * +400.00 EUR / 433.00 USD are two groups, "1010 · Department=ADMIN · EUR" and
 * "1010 · Department=SALES · EUR"; a blank dimension value is the same as an
 * absent one.
 */
import { Sum } from "../ledger/amountSum";
import { columnsOf, linePrefilter } from "../ledger/columns";
import type { Setup } from "../ledger/book";
import { balanceStart } from "../ledger/balanceStart";
import {
  isBalanceSheet,
  type Account,
  type CurrencyCode,
  type DimensionSet,
  type IsoDate,
  type LedgerEntry,
} from "../ledger/types";
import { Amount } from "../money";
import { postedBySettlement, type SettlementRecord } from "./settlementModel";

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
  /** what live settlements closed, in the accounting currency (left out of `accounting`) */
  readonly settledAccounting: Amount;
  /** in the reporting currency (0 when there is none) */
  readonly reporting: Amount;
  /** how many entries have no reporting amount */
  readonly missingReporting: number;
}

export interface FxScope {
  readonly date: IsoDate;
  readonly includeProfitAndLoss: boolean;
  readonly plFrom: IsoDate;
  /** the start of the fiscal year containing `date` (for balanceStart) */
  readonly fiscalYearStart?: IsoDate;
}

interface Taken {
  amount: Amount;
  acc: Amount;
  rep: Amount;
}

/** What the settlements live on `date` took from each entry (a settlement reversed later was still live then). */
export function settledAsOf(settlements: readonly SettlementRecord[], date: IsoDate): Map<number, Taken> {
  const taken = new Map<number, Taken>();
  for (const s of settlements) {
    if (s.date > date) continue;
    if (s.status !== "settled" && !(s.reversedOn !== undefined && s.reversedOn > date)) continue;
    for (const x of s.entries) {
      const t = taken.get(x.entryNo) ?? { amount: Amount.ZERO, acc: Amount.ZERO, rep: Amount.ZERO };
      t.amount = t.amount.plus(x.settledAmount);
      t.acc = t.acc.plus(x.settledAccounting);
      if (x.settledReporting) t.rep = t.rep.plus(x.settledReporting);
      taken.set(x.entryNo, t);
    }
  }
  return taken;
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
  settledAccounting: Amount;
  reporting: Amount;
  missingReporting: number;
}

/** The revaluation groups of the ledger, sorted by account, dimensions and currency. */
export function revaluationGroups(
  setup: Setup,
  ledger: readonly LedgerEntry[],
  scope: FxScope,
  settlements: readonly SettlementRecord[] = [],
): FxGroup[] {
  const accCcy = setup.settings.accountingCurrency;
  const blank = Object.fromEntries(setup.dimensions.map((d) => [d.name, ""]));
  const groups = new Map<string, Acc>();
  const sums = new Map<Acc, { balance: Sum; accounting: Sum; settled: Sum; reporting: Sum }>();
  const taken = settledAsOf(settlements, scope.date);
  const start = scope.fiscalYearStart ? balanceStart(setup.periods, ledger, scope.fiscalYearStart) : undefined;
  // a dimensions object's sorted non-blank pairs and their part of the group id, once per object
  const dimParts = new Map<object, { pairs: [string, string][]; id: string }>();
  // over a large ledger the columns skip, unread, the lines the first tests below would skip
  const pass = linePrefilter(columnsOf(ledger, setup), {
    to: scope.date,
    notCurrency: accCcy,
    accounts: (a) => !!setup.accounts.get(a)?.revalue,
  });
  for (let i = 0; i < ledger.length; i++) {
    if (pass && !pass(i)) continue;
    const e = ledger[i]!;
    if (e.date > scope.date) continue;
    if (e.currency === accCcy) continue;
    if (postedBySettlement(e)) continue;
    const account = setup.accounts.get(e.account);
    if (!account || !account.revalue) continue;
    if (
      isBalanceSheet(account.type)
        ? start !== undefined && e.date < start
        : !scope.includeProfitAndLoss || e.date < scope.plFrom
    )
      continue;
    let dp = dimParts.get(e.dimensions);
    if (!dp) {
      const pairs = dimensionPairs(e.dimensions);
      dimParts.set(e.dimensions, (dp = { pairs, id: pairs.map(([k, v]) => `${k}\u0001${v}`).join("\u0000") }));
    }
    const pairs = dp.pairs;
    const id = `${e.account}\u0000${dp.id}\u0002${e.currency}`;
    let g = groups.get(id);
    let s = g && sums.get(g);
    if (!g || !s) {
      const key = [e.account, ...pairs.map(([k, v]) => `${k}=${v}`), e.currency].join(" · ");
      g = {
        key,
        account,
        dimensions: { ...blank, ...Object.fromEntries(pairs) },
        currency: e.currency,
        balance: Amount.ZERO,
        accounting: Amount.ZERO,
        settledAccounting: Amount.ZERO,
        reporting: Amount.ZERO,
        missingReporting: 0,
      };
      groups.set(id, g);
      sums.set(g, (s = { balance: new Sum(), accounting: new Sum(), settled: new Sum(), reporting: new Sum() }));
    }
    const t = taken.get(e.entryNo);
    s.balance.add(t ? e.amount.minus(t.amount) : e.amount);
    s.accounting.add(t ? e.amountAccounting.minus(t.acc) : e.amountAccounting);
    if (t) s.settled.add(t.acc);
    if (e.amountReporting) s.reporting.add(t ? e.amountReporting.minus(t.rep) : e.amountReporting);
    else g.missingReporting++;
  }
  for (const [g, s] of sums) {
    g.balance = s.balance.value();
    g.accounting = s.accounting.value();
    g.settledAccounting = s.settled.value();
    g.reporting = s.reporting.value();
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}
