/**
 * What every close step returns: a proposal — the vouchers it would post, a
 * calculation trace an auditor can recompute, and issues. Nothing is written;
 * the app layer previews a proposal (report sheet), posts it (as a run, with
 * voucher numbers, the posting gate and the balance check), or reverses the
 * run that posted it.
 *
 * Example (revaluation of a EUR bank account at 1.10 on 2026-03-31):
 *   { step: "fx-revaluation", parameters: { date: "2026-03-31", rateType: "spot" },
 *     vouchers: [{ date: "2026-03-31", description: "FX revaluation 2026-03-31",
 *       lines: [ { account: "1010", currency: "EUR", amount: 0, amountAccounting: 11.75, ... },
 *                { account: "7100", currency: "USD", amount: -11.75, amountAccounting: -11.75, ... } ] }],
 *     trace: [{ key: "1010 · EUR", inputs: { balance: "1000.00 EUR", booked: "1088.25 USD" },
 *               rate: { value: "1.1", date: "2026-03-31", type: "spot", quotationUnit: 1, how: "EUR→USD spot …" },
 *               formula: "round(1000.00 × 1.1) − 1088.25", result: "11.75", residue: "0" }],
 *     issues: [] }
 */
import type { Issue } from "../issues/issue";
import type { AccountNumber, CurrencyCode, DimensionSet, IsoDate, LedgerEntry } from "../ledger/types";
import type { Amount } from "../money";

export interface ProposedLine {
  readonly account: AccountNumber;
  readonly dimensions: DimensionSet;
  readonly currency: CurrencyCode;
  /** signed, in the transaction currency (0 for an accounting-only adjustment such as revaluation) */
  readonly amount: Amount;
  /** signed, in the accounting currency, already rounded to its precision */
  readonly amountAccounting: Amount;
  /** signed, in the reporting currency when the settings have one */
  readonly amountReporting?: Amount;
  readonly description: string;
  /** set when the line settles ledger entries (settlement) */
  readonly settlementId?: string;
}

export interface ProposedVoucher {
  readonly date: IsoDate;
  /** only for postings into a closing or opening period, which share dates with operating ones */
  readonly period?: string;
  readonly description: string;
  /** the ledger source of this voucher's lines, when not the posting's (e.g. "reversal:RUN-000005" when one run reverses several) */
  readonly source?: string;
  /** every voucher balances to zero in accounting (and reporting) currency */
  readonly lines: readonly ProposedLine[];
}

export interface TraceRate {
  readonly value: string;
  readonly date: IsoDate;
  readonly type: string;
  readonly quotationUnit: number;
  /** how the rate was found: direct, inverse, triangulated */
  readonly how: string;
}

export interface TraceRow {
  /** what the row computes for: "1010 · Department=SALES · EUR" */
  readonly key: string;
  readonly inputs: Readonly<Record<string, string>>;
  readonly rate?: TraceRate;
  /** the formula with the numbers filled in */
  readonly formula: string;
  readonly result: string;
  /** what rounding left over, when it matters */
  readonly residue?: string;
}

/**
 * One thing a proposal posts that must never be posted twice while an earlier
 * run of it stands unreversed: `key` is compared, `what` names it for people.
 * Example: { key: "allocation:A3:2026-11", what: "allocation rule A3 for 2026-11" }.
 */
export interface PostingKey {
  readonly key: string;
  readonly what: string;
}

export interface Proposal {
  /** the close step: "fx-revaluation", "settlement", "allocation", "accruals", … */
  readonly step: string;
  /** the parameters that define the run; a re-run with the same ones must not double-post */
  readonly parameters: Readonly<Record<string, string | number | boolean>>;
  /**
   * How a re-run with the same parameters is kept from double-posting:
   * "refuse" (default) — refused while an unreversed run with them exists;
   * "delta" — the step itself proposes only what is still missing (revaluation's delta method).
   * With postingKeys, "refuse" compares those instead of the parameters.
   */
  readonly rerun?: "refuse" | "delta";
  /** what the vouchers post, per rule / fiscal year / …: refused while an unreversed run posted any of them */
  readonly postingKeys?: readonly PostingKey[];
  readonly vouchers: readonly ProposedVoucher[];
  readonly trace: readonly TraceRow[];
  readonly issues: readonly Issue[];
}

/** A posted line taken back: every amount negated, same account, dimensions and currency ("Reversal: …"). */
export function negatedLine(e: LedgerEntry): ProposedLine {
  return {
    account: e.account,
    dimensions: e.dimensions,
    currency: e.currency,
    amount: e.amount.neg(),
    amountAccounting: e.amountAccounting.neg(),
    ...(e.amountReporting !== undefined ? { amountReporting: e.amountReporting.neg() } : {}),
    description: `Reversal: ${e.description}`,
  };
}
