/**
 * Account reconciliation: the ledger balance at period end (closing balance of
 * the trial balance) against a supporting balance (a bank statement, a
 * subledger), less reconciling items; what remains is the unexplained
 * difference, which must be within the tolerance before the task is prepared.
 * A signed reconciliation whose ledger balance later moves is suspended.
 *
 * Worked example: ledger 10,250.00, bank 10,000.00, item "deposit in transit" 200.00,
 *   tolerance 0.01 → difference 10,250.00 − 10,000.00 − 200.00 = 50.00, not explained;
 *   a second item "bank fee not booked" 50.00 → difference 0.00, explained.
 *   Signed at 10,250.00, a revaluation re-run moves the ledger to 10,262.50 →
 *   suspended { old 10,250.00, new 10,262.50 }.
 */
import type { Setup } from "../ledger/book";
import { trialBalance } from "../ledger/trialBalance";
import type { FiscalPeriod, LedgerEntry } from "../ledger/types";
import { Amount } from "../money";
import type { CloseTask, ReconItem, Reconciliation } from "./types";

export interface ReconState {
  readonly account: string;
  readonly ledger: Amount;
  readonly supporting?: Amount;
  readonly items: Amount;
  /** ledger − supporting − items; undefined while no supporting balance is given */
  readonly difference?: Amount;
  readonly explained: boolean;
}

export function reconState(
  account: string,
  ledger: Amount,
  recon: Reconciliation | undefined,
  items: readonly ReconItem[],
  tolerance: Amount,
): ReconState {
  const sumItems = Amount.sum(items.filter((i) => i.account === account).map((i) => i.amount));
  if (recon?.supporting === undefined) return { account, ledger, items: sumItems, explained: false };
  const difference = ledger.minus(recon.supporting).minus(sumItems);
  return {
    account,
    ledger,
    supporting: recon.supporting,
    items: sumItems,
    difference,
    explained: difference.abs().cmp(tolerance) <= 0,
  };
}

/** The account's closing balance in accounting currency at the period's end. */
export function ledgerBalanceAt(
  entries: readonly LedgerEntry[],
  setup: Setup,
  period: FiscalPeriod,
  account: string,
): Amount {
  return ledgerBalancesAt(entries, setup, period, [account]).get(account)!;
}

/** The closing balances of several accounts at the period's end, from one trial balance. */
export function ledgerBalancesAt(
  entries: readonly LedgerEntry[],
  setup: Setup,
  period: FiscalPeriod,
  accounts: readonly string[],
): Map<string, Amount> {
  const out = new Map(accounts.map((a) => [a, Amount.ZERO]));
  if (!accounts.length) return out;
  const tb = trialBalance(entries, setup, { from: period.start, to: period.end });
  for (const r of tb.rows) if (out.has(r.account)) out.set(r.account, out.get(r.account)!.plus(r.closing));
  return out;
}

export interface Suspension {
  readonly old: Amount;
  readonly now: Amount;
}

/** A signed reconciliation task whose ledger balance is no longer the one signed. */
export function suspension(task: CloseTask, ledgerNow: Amount | undefined): Suspension | undefined {
  if (!task.account || ledgerNow === undefined || task.signedBalance === undefined) return undefined;
  if (task.status !== "Prepared" && task.status !== "Reviewed") return undefined;
  return task.signedBalance.eq(ledgerNow) ? undefined : { old: task.signedBalance, now: ledgerNow };
}
