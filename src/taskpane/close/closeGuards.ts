/**
 * The Close tab's guards and summaries, pure: the one-line close summary at the
 * top of the tab, why a step's Post is disabled (posted already; an earlier step
 * failed), and what a post will post (the confirmation: vouchers, lines, total
 * debit, accounts).
 *
 * Example: closeSummary("November 2026", "Open", [verify Done, rates Done, settlement Posted, revaluation Posted,
 *            allocations Not run, adjustments Done, statements Not run])
 *   → "November 2026: 5 of 7 done · next: Allocations · then put the period on hold"
 *          postGuard(steps, 3, badges, marks) with Rate checks failed → "Rate checks has errors: fix them and run it again first."
 *          postSummary(proposal with 1 voucher of 2 lines, 4,165.34 debit) → { vouchers: 1, lines: 2, totalDebit: "USD 4,165.34", accounts: ["1010 Bank EUR", "7100 FX loss"] }
 */
import type { CloseStepState } from "../../app/closeStepByStep";
import type { Proposal } from "../../core/close/proposal";
import type { FiscalPeriod } from "../../core/ledger/types";
import { Amount } from "../../core/money";
import type { BadgeText, SessionMark } from "./closeTabState";
import { money, plural } from "../shell/words";

const DONE: ReadonlySet<BadgeText> = new Set(["Posted", "Done", "Skipped"]);

export interface SummaryStep {
  readonly title: string;
  readonly badge: BadgeText;
}

/** "November 2026: 5 of 7 done · next: Allocations · then put the period on hold" */
export function closeSummary(
  periodName: string,
  status: FiscalPeriod["status"],
  steps: readonly SummaryStep[],
): string {
  if (status !== "Open") return `${periodName}: ${status.toLowerCase()}; nothing more can be posted to it.`;
  const done = steps.filter((s) => DONE.has(s.badge)).length;
  const head = `${periodName}: ${done} of ${steps.length} done`;
  const next = steps.find((s) => !DONE.has(s.badge));
  if (!next) return `${head} · next: put the period on hold (Periods tab)`;
  const after = steps.slice(steps.indexOf(next) + 1).find((s) => !DONE.has(s.badge));
  return `${head} · next: ${next.title}${next.badge === "Failed" ? " (failed: fix its issues)" : ""} · then ${after ? after.title : "put the period on hold"}`;
}

export interface GuardStep {
  readonly title: string;
  readonly state?: Pick<CloseStepState, "state" | "runId">;
  readonly mark?: SessionMark;
  /** its failure is overridden at the post (the drafts check, while the confirmation asks for the override reason) */
  readonly overridable?: boolean;
}

/** Why the step at `index` may not be posted now, or undefined: posted already (reverse first), or an earlier step failed. */
export function postGuard(steps: readonly GuardStep[], index: number): string | undefined {
  const s = steps[index];
  if (!s) return undefined;
  if (s.state?.state === "posted") return `Already posted as ${s.state.runId}; reverse it first to post again.`;
  const failed = steps.slice(0, index).find((x) => x.mark?.kind === "failed" && !x.overridable);
  return failed ? `${failed.title} has errors: fix them and run it again first.` : undefined;
}

export interface PostSummary {
  readonly vouchers: number;
  readonly lines: number;
  /** the sum of the debit (positive) accounting amounts, with the currency: "USD 4,165.34" */
  readonly totalDebit: string;
  /** "1010 Bank EUR", in account order, each once */
  readonly accounts: readonly string[];
}

export function postSummary(
  proposal: Pick<Proposal, "vouchers">,
  accountNames: ReadonlyMap<string, string>,
  currency: string,
): PostSummary {
  const lines = proposal.vouchers.flatMap((v) => v.lines);
  const debit = Amount.sum(lines.map((l) => l.amountAccounting).filter((a) => a.isPositive()));
  const accounts = [...new Set(lines.map((l) => l.account))]
    .sort()
    .map((a) => (accountNames.has(a) ? `${a} ${accountNames.get(a)}` : a));
  return {
    vouchers: proposal.vouchers.length,
    lines: lines.length,
    totalDebit: money(debit.toString(), currency),
    accounts,
  };
}

/** "1 voucher, 2 ledger lines, total debit USD 4,165.34" */
export function postSummaryLine(s: PostSummary): string {
  return `${plural(s.vouchers, "voucher")}, ${plural(s.lines, "ledger line")}, total debit ${s.totalDebit}`;
}

/** The override's sentence when the period still has drafts, or undefined: "2 draft journal lines are dated in 2026-12 …" */
export function draftsWarning(drafts: number, period: string): string | undefined {
  if (drafts === 0) return undefined;
  return `${plural(drafts, "draft journal line")} ${drafts === 1 ? "is" : "are"} dated in ${period} and not posted. Posting this step anyway is an override: give the reason (kept in the audit log).`;
}
