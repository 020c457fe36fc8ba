/**
 * Double-entry checks used before any write: every voucher's accounting
 * amounts (and reporting amounts, when present) sum to zero.
 *
 * Example: lines +108.25 and -108.25 in voucher GL-000001 → no issue;
 * +108.25 and -108.24 → UNBALANCED "Voucher GL-000001 does not balance:
 * debits 108.25, credits 108.24 (difference 0.01) in accounting currency".
 */
import { issue, type Issue } from "../issues/issue";
import { Amount } from "../money";
import type { LedgerEntry } from "./types";

/** `table`: where the entries are (the ledger, setup.where.ledger.table, or a preview sheet). */
export function unbalancedVouchers(entries: readonly LedgerEntry[], table: string): Issue[] {
  const sums = new Map<string, { acc: Amount; rep: Amount; debit: Amount; credit: Amount }>();
  for (const e of entries) {
    let s = sums.get(e.voucher);
    if (!s) sums.set(e.voucher, (s = { acc: Amount.ZERO, rep: Amount.ZERO, debit: Amount.ZERO, credit: Amount.ZERO }));
    s.acc = s.acc.plus(e.amountAccounting);
    if (e.amountReporting) s.rep = s.rep.plus(e.amountReporting);
    if (e.amountAccounting.isPositive()) s.debit = s.debit.plus(e.amountAccounting);
    else s.credit = s.credit.minus(e.amountAccounting);
  }
  const out: Issue[] = [];
  for (const [voucher, s] of sums) {
    if (!s.acc.isZero()) {
      out.push(
        issue(
          "UNBALANCED",
          `Voucher ${voucher} does not balance: debits ${s.debit.toString()}, credits ${s.credit.toString()} (difference ${s.acc.toString()}) in accounting currency.`,
          { table, voucher },
        ),
      );
    }
    if (!s.rep.isZero())
      out.push(
        issue(
          "UNBALANCED",
          `Voucher ${voucher} does not balance in reporting currency (difference ${s.rep.toString()}).`,
          { table, voucher },
        ),
      );
  }
  return out;
}
