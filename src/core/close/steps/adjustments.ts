/**
 * Close step 6, a check: the accruals posted in the period (journal lines
 * marked Auto-reverse, reversed on the first day of the next period) and the
 * reversals of earlier ones dated in it.
 *
 * Example: one accrual voucher posted in 2026-03, one February accrual reversed on 2026-03-01 →
 *   accrualsOf(book, params) → { accruals: 1, reversals: 1 }
 */
import type { Book } from "../../ledger/book";
import type { CloseStep } from "./closeStep";

type Range = { start: string; end: string };

export function accrualsOf(book: Pick<Book, "journal" | "ledger">, x: Range): { accruals: number; reversals: number } {
  const inRange = (d: string) => d >= x.start && d <= x.end;
  const accruals = new Set(book.journal.filter((l) => l.autoReverse && l.status === "Posted" && inRange(l.date)).map((l) => l.postedVoucher));
  const reversals = new Set(book.ledger.filter((e) => inRange(e.date) && e.description.startsWith("Reversal of accrual")).map((e) => e.voucher));
  return { accruals: accruals.size, reversals: reversals.size };
}

export const adjustmentsStep: CloseStep<Range> = {
  id: "adjustments",
  title: "Period-end adjustments",
  kind: "check",
  what: "Lists the accruals posted in the period and the reversals of earlier ones.",
  params: (p) => ({ start: p.start, end: p.end }),
};
