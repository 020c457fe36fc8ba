/**
 * What the Journals tab shows before posting, as pure functions: the draft
 * and failed lines of tblJournal counted per period and journal, the default
 * "Post through" date, and the result sentences.
 *
 * Example: lines D-1 (GJ, 2026-03-10, Draft) ×2 and D-7 (GJ, 2026-04-02, Error)
 *   summarizeDrafts → [{ period: "2026-03", journal: "GJ", drafts: 2, failed: 0 },
 *                      { period: "2026-04", journal: "GJ", drafts: 0, failed: 1 }]
 *   defaultThrough (both periods Open) → "2026-03-31"
 */
import { periodOfDate } from "../../core/calendar/fiscalYear";
import type { FiscalPeriod, IsoDate, JournalLine } from "../../core/ledger/types";
import type { PostedVoucher } from "../../core/posting/postJournal";

export interface DraftGroup {
  /** the operating period the lines are dated in; "" when the date is blank or outside the calendar */
  readonly period: string;
  readonly journal: string;
  /** lines with status Draft */
  readonly drafts: number;
  /** lines a failed posting marked Error */
  readonly failed: number;
  /** earliest and latest date among the lines ("" when every date is blank) */
  readonly first: IsoDate;
  readonly last: IsoDate;
}

/** Lines not yet posted, grouped by (period, journal); periods in calendar order, then journal name. */
export function summarizeDrafts(journal: readonly JournalLine[], periods: readonly FiscalPeriod[]): DraftGroup[] {
  const groups = new Map<
    string,
    { period: string; journal: string; drafts: number; failed: number; first: string; last: string }
  >();
  for (const l of journal) {
    if (l.status === "Posted") continue;
    const period = l.date ? (periodOfDate(periods, l.date)?.id ?? "") : "";
    const key = `${period}\u0000${l.journal}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { period, journal: l.journal, drafts: 0, failed: 0, first: "", last: "" }));
    if (l.status === "Error") g.failed++;
    else g.drafts++;
    if (l.date && (g.first === "" || l.date < g.first)) g.first = l.date;
    if (l.date && l.date > g.last) g.last = l.date;
  }
  const order = new Map(periods.map((p, i) => [p.id, i]));
  const rank = (id: string) => (id === "" ? Number.MAX_SAFE_INTEGER : (order.get(id) ?? Number.MAX_SAFE_INTEGER - 1));
  return [...groups.values()].sort((a, b) => rank(a.period) - rank(b.period) || a.journal.localeCompare(b.journal));
}

/**
 * The default "Post through" date: the end of the earliest Open operating
 * period that has lines to post; else the end of the earliest Open operating
 * period; else "" (no default).
 */
export function defaultThrough(journal: readonly JournalLine[], periods: readonly FiscalPeriod[]): IsoDate {
  const open = periods
    .filter((p) => p.kind === "operating" && p.status === "Open")
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const pending = journal.filter((l) => l.status !== "Posted" && l.date);
  const withDrafts = open.find((p) => pending.some((l) => l.date >= p.start && l.date <= p.end));
  return (withDrafts ?? open[0])?.end ?? "";
}

/** Every voucher number a posting creates, including accrual reversals, sorted. */
export function voucherNumbers(vouchers: readonly PostedVoucher[]): string[] {
  return vouchers.flatMap((v) => (v.reversal ? [v.voucher, v.reversal.voucher] : [v.voucher])).sort();
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

function range(numbers: readonly string[]): string {
  if (numbers.length === 0) return "";
  return numbers.length === 1 ? ` (${numbers[0]})` : ` (${numbers[0]}..${numbers[numbers.length - 1]})`;
}

function reversals(vouchers: readonly PostedVoucher[]): string {
  const n = vouchers.filter((v) => v.reversal).length;
  return n ? `, including ${plural(n, "accrual reversal")}` : "";
}

/** "Posted 2 vouchers (GL-000001..GL-000002), 4 lines as RUN-000001." */
export function postedSentence(vouchers: readonly PostedVoucher[], lines: number, runId: string): string {
  const numbers = voucherNumbers(vouchers);
  return `Posted ${plural(numbers.length, "voucher")}${range(numbers)}${reversals(vouchers)}, ${plural(lines, "line")} as ${runId}.`;
}

/** "Ready to post 2 vouchers (GL-000001..GL-000002), 4 ledger lines from 4 draft lines through 2026-03-31. Nothing was written." */
export function validatedSentence(
  vouchers: readonly PostedVoucher[],
  lines: number,
  draftLines: number,
  through: IsoDate,
): string {
  const numbers = voucherNumbers(vouchers);
  const upTo = through ? ` through ${through}` : "";
  return `Ready to post ${plural(numbers.length, "voucher")}${range(numbers)}${reversals(vouchers)}, ${plural(lines, "ledger line")} from ${plural(draftLines, "draft line")}${upTo}. Nothing was written.`;
}

/** "2026-03" → "2026-03"; "" → "No period (blank date or outside the calendar)" */
export function periodLabel(period: string): string {
  return period || "No period (date blank or outside the calendar)";
}
