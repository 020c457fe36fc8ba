/**
 * Close step 6, a check: the period-end adjustments of the period
 * (adjustmentJournals.ts) — accruals (auto-reversing or not), the reversals
 * of earlier ones (automatic or manual), and manual adjustments marked by
 * their journal's type — one trace row each, with the totals. Posts nothing.
 *
 * Example: demo November → propose(book, { start: "2026-11-01", end: "2026-11-30" }).trace →
 *   "GL-000380 · GJ-2026-11 | accrual reversal, manual, 2026-11-01: Reverse utilities accrual 2026-10 | 2950.00 USD",
 *   "GL-000410 · GJ-2026-11 | accrual, manual (not auto-reversing), 2026-11-30: Accrue utilities 2026-11 | 3100.00 USD",
 *   "Total | 1 accrual, 1 accrual reversal, 0 other adjustments | 6050.00 USD"
 */
import type { Book } from "../../ledger/book";
import { adjustmentsOf, type AdjustmentList, type AdjustmentVoucher } from "../adjustmentJournals";
import type { TraceRow } from "../proposal";
import type { CloseStep } from "./closeStep";

type Range = { start: string; end: string };

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function what(v: AdjustmentVoucher): string {
  if (v.kind === "adjustment") return "adjustment (by journal type)";
  const kind = v.kind === "accrual" ? "accrual" : "accrual reversal";
  const how =
    v.how === "auto-reverse"
      ? "auto-reversing"
      : v.how === "automatic"
        ? "automatic"
        : v.kind === "accrual"
          ? "manual (not auto-reversing)"
          : "manual";
  return `${kind}, ${how}`;
}

/** "1 accrual, 1 accrual reversal, 0 other adjustments" */
export function adjustmentCounts(list: AdjustmentList): string {
  return `${count(list.byKind.accrual.count, "accrual")}, ${count(list.byKind["accrual reversal"].count, "accrual reversal")}, ${count(list.byKind.adjustment.count, "other adjustment")}`;
}

export function adjustmentsTrace(list: AdjustmentList, currency: string): TraceRow[] {
  const rows: TraceRow[] = list.vouchers.map((v) => ({
    key: `${v.voucher}${v.journal ? ` · ${v.journal}` : ""}`,
    inputs: { date: v.date, journal: v.journal, how: v.how },
    formula: `${what(v)}, ${v.date}: ${v.description}`,
    result: `${v.debit.toString()} ${currency}`,
  }));
  return [
    ...rows,
    { key: "Total", inputs: {}, formula: adjustmentCounts(list), result: `${list.total.debit.toString()} ${currency}` },
  ];
}

export const adjustmentsStep: CloseStep<Range> = {
  id: "adjustments",
  title: "Period-end adjustments",
  kind: "check",
  what: "Lists the period's adjustments: accruals, reversals of earlier ones, adjustment journals, with totals.",
  params: (p) => ({ start: p.start, end: p.end }),
  propose: (book: Book, x) => ({
    step: "adjustments",
    parameters: { start: x.start, end: x.end },
    vouchers: [],
    trace: adjustmentsTrace(adjustmentsOf(book, x), book.setup.settings.accountingCurrency),
    issues: [],
  }),
};
