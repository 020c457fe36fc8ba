/**
 * The period-end adjustments of a period: every posted voucher dated in it that
 * adjusts the period rather than records a transaction — accruals (journal lines
 * marked Auto-reverse, or a description saying "accrue"/"accrual"), reversals of
 * earlier accruals (the automatic "Reversal of accrual …" vouchers, or manual ones
 * whose description says so), and manual adjustments marked by their journal's
 * type (a journal name starting ADJ, ACC or ACR, or containing "adjust"). Each is
 * listed with its journal, whether it reverses itself, and its debit total in the
 * accounting currency (at its precision); totals per kind and overall. Vouchers of reversed runs,
 * and the reversals of runs, are left out (they cancel out).
 *
 * Example (demo November): "Accrue utilities 2026-11" (GJ-2026-11, GL-000410, 3,100.00 debit) and
 *   "Reverse utilities accrual 2026-10" (GL-000380, 2,950.00)
 *   → adjustmentsOf(book, { start: "2026-11-01", end: "2026-11-30" }).vouchers →
 *     [{ voucher: "GL-000380", kind: "accrual reversal", how: "manual", autoReversing: false, debit: 2950.00 },
 *      { voucher: "GL-000410", kind: "accrual", how: "manual", autoReversing: false, debit: 3100.00 }]
 *     totals: accrual 1 · 3100.00; accrual reversal 1 · 2950.00; total 6050.00
 */
import type { Book } from "../ledger/book";
import type { LedgerEntry } from "../ledger/types";
import { Amount } from "../money";

export type AdjustmentKind = "accrual" | "accrual reversal" | "adjustment";

export interface AdjustmentVoucher {
  readonly voucher: string;
  readonly date: string;
  /** the journal's name ("GJ-2026-11"); "" for a voucher not posted from a journal */
  readonly journal: string;
  readonly kind: AdjustmentKind;
  /** "auto-reverse": marked Auto-reverse; "automatic": the reversal Closebook posted; "journal type"; "manual": by its description */
  readonly how: "auto-reverse" | "automatic" | "journal type" | "manual";
  /** reversed automatically on the first day of the next period */
  readonly autoReversing: boolean;
  readonly description: string;
  /** the sum of its debit lines in the accounting currency */
  readonly debit: Amount;
  /** the data row of its first line in tblLedger */
  readonly row?: number;
}

export interface AdjustmentTotals {
  readonly count: number;
  readonly debit: Amount;
}

export interface AdjustmentList {
  readonly vouchers: readonly AdjustmentVoucher[];
  readonly byKind: Readonly<Record<AdjustmentKind, AdjustmentTotals>>;
  readonly total: AdjustmentTotals;
}

/** a journal whose name marks it as an adjustment journal (its type) */
export const ADJUSTMENT_JOURNAL = /^(adj|acc|acr)|adjust/i;
const ACCRUAL = /\baccru/i;
const REVERSAL = /\brevers/i;

function classify(
  description: string,
  journal: string,
  autoReverse: boolean,
): Pick<AdjustmentVoucher, "kind" | "how" | "autoReversing"> | undefined {
  if (description.startsWith("Reversal of accrual"))
    return { kind: "accrual reversal", how: "automatic", autoReversing: false };
  if (autoReverse) return { kind: "accrual", how: "auto-reverse", autoReversing: true };
  if (ACCRUAL.test(description))
    return { kind: REVERSAL.test(description) ? "accrual reversal" : "accrual", how: "manual", autoReversing: false };
  if (ADJUSTMENT_JOURNAL.test(journal)) return { kind: "adjustment", how: "journal type", autoReversing: false };
  return undefined;
}

export function adjustmentsOf(
  book: Pick<Book, "setup" | "journal" | "ledger" | "runs">,
  x: { readonly start: string; readonly end: string },
): AdjustmentList {
  const places = book.setup.currencies.get(book.setup.settings.accountingCurrency)?.precision ?? 2;
  const reversedRuns = new Set(book.runs.filter((r) => r.status === "reversed").map((r) => r.runId));
  const autoReversed = new Set(
    book.journal.filter((l) => l.autoReverse && l.status === "Posted").map((l) => l.postedVoucher),
  );
  const byVoucher = new Map<string, LedgerEntry[]>();
  for (const e of book.ledger) {
    if (e.date < x.start || e.date > x.end || reversedRuns.has(e.runId) || e.source.startsWith("reversal:")) continue;
    byVoucher.set(e.voucher, [...(byVoucher.get(e.voucher) ?? []), e]);
  }
  const vouchers: AdjustmentVoucher[] = [];
  for (const [voucher, es] of byVoucher) {
    const first = es[0]!;
    const journal = first.source.startsWith("journal:") ? first.source.slice("journal:".length) : "";
    const c = classify(first.description, journal, autoReversed.has(voucher));
    if (!c) continue;
    const debit = Amount.sum(es.map((e) => e.amountAccounting).filter((a) => a.isPositive())).round(places);
    vouchers.push({
      voucher,
      date: first.date,
      journal,
      ...c,
      description: first.description,
      debit,
      ...(first.row !== undefined ? { row: first.row } : {}),
    });
  }
  vouchers.sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.voucher < b.voucher ? -1 : a.voucher > b.voucher ? 1 : 0,
  );
  const totalOf = (vs: readonly AdjustmentVoucher[]): AdjustmentTotals => ({
    count: vs.length,
    debit: Amount.sum(vs.map((v) => v.debit)).round(places),
  });
  const of = (k: AdjustmentKind) => totalOf(vouchers.filter((v) => v.kind === k));
  return {
    vouchers,
    byKind: { accrual: of("accrual"), "accrual reversal": of("accrual reversal"), adjustment: of("adjustment") },
    total: totalOf(vouchers),
  };
}
