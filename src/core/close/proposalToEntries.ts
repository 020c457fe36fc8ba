/**
 * Turns a close step's proposal into ledger entries, after the same checks a
 * journal posting gets: the posting gate for every voucher's date (or its
 * explicit closing/opening period), known active unblocked accounts, known
 * currencies, amounts within each currency's precision, and every voucher
 * balanced in accounting (and reporting) currency. Any error: no entries.
 *
 * Example: a revaluation proposal with one voucher dated 2026-03-31 (period
 * Open) → entries GL-000120 lines 1–2, source "close:fx-revaluation", run id set;
 * the same proposal with March On hold → PERIOD_NOT_OPEN naming the voucher.
 */
import { PostingGate } from "../calendar/postingGate";
import { issue, hasErrors, type Issue } from "../issues/issue";
import { header } from "../issues/where";
import type { Setup } from "../ledger/book";
import { unbalancedVouchers } from "../ledger/balance";
import type { LedgerEntry, LockException } from "../ledger/types";
import { formatVoucher } from "../posting/postJournal";
import type { Proposal } from "./proposal";

export interface ProposalPosting {
  readonly setup: Setup;
  readonly proposal: Proposal;
  readonly user: string;
  readonly now: string;
  readonly runId: string;
  readonly nextEntryNo: number;
  readonly nextVoucherNo: number;
  readonly voucherPrefix: string;
  readonly locks: { readonly exceptions: readonly LockException[]; readonly sealed: ReadonlySet<string> };
  /** the ledger source tag; default "close:<step>" */
  readonly source?: string;
}

export interface ProposalEntries {
  readonly entries: LedgerEntry[];
  readonly vouchers: string[];
  readonly nextVoucherNo: number;
  readonly issues: Issue[];
  readonly overrides: LockException[];
}

export function proposalToEntries(p: ProposalPosting): ProposalEntries {
  const { setup, proposal } = p;
  const issues: Issue[] = [];
  const overrides = new Set<LockException>();
  const gate = new PostingGate(setup.periods, setup.users, {
    exceptions: p.locks.exceptions,
    sealed: p.locks.sealed,
    now: p.now,
  });
  const entries: LedgerEntry[] = [];
  const vouchers: string[] = [];
  let voucherNo = p.nextVoucherNo;
  let entryNo = p.nextEntryNo;
  const source = p.source ?? `close:${proposal.step}`;
  const table = `preview:${proposal.step}`;
  // the preview sheet lists the proposed lines under the ledger's headers
  const column = (key: string) => header(setup.where.ledger, key);
  proposal.vouchers.forEach((v, vi) => {
    const where = { table, row: vi + 1 };
    const g = gate.check(p.user, v.date, v.period);
    if (!g.ok) {
      issues.push(
        issue(g.code, `Voucher ${vi + 1} (${v.description}): ${g.message}`, { ...where, column: column("date") }),
      );
      return;
    }
    if (g.override) overrides.add(g.override);
    const voucher = formatVoucher(p.voucherPrefix, voucherNo++);
    for (const l of v.lines) {
      const account = setup.accounts.get(l.account);
      const currency = setup.currencies.get(l.currency);
      if (!account || !account.active || account.blocked) {
        issues.push(
          issue(
            "UNKNOWN_ACCOUNT",
            `Voucher ${vi + 1}: account ${l.account} is ${!account ? "not in the chart of accounts" : account.blocked ? "blocked" : "inactive"}.`,
            { ...where, column: column("account") },
          ),
        );
      }
      if (!currency)
        issues.push(
          issue("UNKNOWN_CURRENCY", `Voucher ${vi + 1}: currency ${l.currency} is not in the currencies table.`, {
            ...where,
            column: column("currency"),
          }),
        );
      else if (l.amount.decimalPlaces() > currency.precision)
        issues.push(
          issue(
            "DECIMALS",
            `Voucher ${vi + 1}: ${l.amount.toString()} ${l.currency} has more decimals than ${currency.precision}.`,
            { ...where, column: column("amount") },
          ),
        );
      entries.push({
        entryNo: entryNo++,
        voucher,
        date: v.date,
        period: g.period.id,
        account: l.account,
        dimensions: l.dimensions,
        currency: l.currency,
        amount: l.amount,
        amountAccounting: l.amountAccounting,
        amountReporting: setup.settings.reportingCurrency ? l.amountReporting : undefined,
        description: l.description,
        source: v.source ?? source,
        runId: p.runId,
        settlementId: l.settlementId ?? "",
        user: p.user,
        postedAt: p.now,
      });
    }
    vouchers.push(voucher);
  });
  issues.push(...unbalancedVouchers(entries, table));
  if (hasErrors(issues)) return { entries: [], vouchers: [], nextVoucherNo: p.nextVoucherNo, issues, overrides: [] };
  return { entries, vouchers, nextVoucherNo: voucherNo, issues, overrides: [...overrides] };
}
