/**
 * The one-command month-end close, in the standard order: verify journals are
 * posted, check the rates, settle (so revaluation sees only open items),
 * revalue at the period end, run the allocation rules, report the period-end
 * adjustments (accruals and their reversals), write the journal
 * report and the statements. It stops at the first
 * step with errors and reports what each step proposed or posted. With
 * `preview`, every step writes its preview sheet and nothing is posted (each
 * step then sees the ledger without the earlier steps' proposals).
 *
 * Example: await closePeriod(port, { period: "2026-11", preview: false }, ctx)
 *   → steps: verify journals ok; rate checks ok; settlement 75 settlements;
 *     revaluation GL-000321; allocation GL-000322
 */
import { draftsInPeriod } from "../core/calendar/periodChange";
import { hasErrors, issue, type Issue } from "../core/issues/issue";
import type { WorkbookPort } from "../ports/workbook";
import type { StepContext } from "./closeRuns";
import { allocate, revalue, type StepOutcome } from "./closeSteps";
import { loadBook } from "./loadBook";
import { rateIssuesBeforeRun } from "./rates/rateRows";
import { settle } from "./settle";
import { writeStatements } from "./statements";
import { ALLOCATION_RULES, JOURNAL } from "../schema/tables";
import { AuditWriter } from "./auditLog";
import { draft } from "../core/audit/auditChain";
import { writeProtected } from "./protectedSheets";

export interface ClosePeriodOptions {
  readonly period: string;
  readonly preview: boolean;
  /** continue although draft journal lines are dated in the period (recorded with the reason) */
  readonly overrideDrafts?: { readonly reason: string };
}

export interface CloseStepResult {
  readonly step: string;
  readonly status: "ok" | "skipped" | "failed";
  readonly summary: string;
  readonly issues: readonly Issue[];
}

function summarize(o: StepOutcome, preview: boolean): string {
  if (preview) return o.proposal ? `${o.proposal.vouchers.length} vouchers proposed (sheet "${o.preview?.sheet ?? ""}")` : "nothing proposed";
  if (o.posted?.posted) return `posted ${o.posted.vouchers.length} vouchers (${o.posted.lines} lines) as ${o.posted.runId}`;
  return "nothing to post";
}

export async function closePeriod(port: WorkbookPort, options: ClosePeriodOptions, ctx: StepContext): Promise<{ steps: CloseStepResult[]; completed: boolean }> {
  const steps: CloseStepResult[] = [];
  const mode = options.preview ? "preview" : "post";
  const loaded = await loadBook(port);
  const p = loaded.book.setup.periods.find((x) => x.id.toLowerCase() === options.period.toLowerCase() && x.kind === "operating");
  if (!p) return { steps: [{ step: "period", status: "failed", summary: "unknown period", issues: [issue("UNKNOWN_PERIOD", `There is no operating period "${options.period}".`, { table: "tblPeriods" })] }], completed: false };
  const stop = (r: CloseStepResult) => {
    steps.push(r);
    return r.status === "failed";
  };

  const drafts = draftsInPeriod(loaded.book, p);
  const draftIssues = drafts.length
    ? [issue("DRAFTS_IN_PERIOD", `${drafts.length} draft or failed journal lines are dated in ${p.id} (rows ${drafts.slice(0, 20).join(", ")}${drafts.length > 20 ? ", …" : ""}).`, { table: JOURNAL.name, row: drafts[0]! }, options.overrideDrafts ? "warning" : "error")]
    : [];
  if (drafts.length && options.overrideDrafts && !options.preview) {
    await writeProtected(port, loaded.book, () => new AuditWriter(loaded.book.audit).append(port, [draft(ctx.clock.now(), ctx.user, "override", { subject: p.id, reason: options.overrideDrafts!.reason, detail: `month-end close continued with ${drafts.length} draft journal lines in the period` })]));
  }
  if (stop({ step: "verify journals are posted", status: drafts.length && !options.overrideDrafts ? "failed" : "ok", summary: drafts.length ? `${drafts.length} draft lines${options.overrideDrafts ? " (overridden)" : ""}` : "no drafts in the period", issues: draftIssues })) return { steps, completed: false };

  const rateIssues = rateIssuesBeforeRun(loaded, { asOf: p.end });
  if (stop({ step: "rate checks", status: hasErrors(rateIssues) ? "failed" : "ok", summary: rateIssues.length ? `${rateIssues.length} findings` : "complete, current, no outliers", issues: rateIssues })) return { steps, completed: false };

  const s = await settle(port, { kind: "auto", date: p.end }, mode, ctx);
  if (stop({ step: "settlement", status: hasErrors(s.issues) ? "failed" : "ok", summary: `${s.settlements.length} settlements; ${summarize(s, options.preview)}`, issues: s.issues })) return { steps, completed: false };

  const r = await revalue(port, { date: p.end, mode }, ctx);
  if (stop({ step: "revaluation", status: hasErrors(r.issues) ? "failed" : "ok", summary: summarize(r, options.preview), issues: r.issues })) return { steps, completed: false };

  const hasRules = (loaded.raw.get(ALLOCATION_RULES.name)?.rows.length ?? 0) > 0; // the close steps do not change the rules
  if (hasRules) {
    const a = await allocate(port, { period: p.id, mode }, ctx);
    const repeated = a.issues.some((i) => i.code === "REPEATED_RUN");
    // a rule whose source is zero this period has nothing to allocate: not a failure of the close
    const real = a.issues.filter((i) => i.code !== "ALLOCATION_ZERO_SOURCE");
    const nothing = !hasErrors(real) && hasErrors(a.issues);
    if (stop({ step: "allocations", status: hasErrors(real) && !repeated ? "failed" : "ok", summary: repeated ? "already posted for this period" : nothing ? "nothing to allocate (zero source)" : summarize(a, options.preview), issues: repeated || nothing ? [] : a.issues })) return { steps, completed: false };
  } else steps.push({ step: "allocations", status: "skipped", summary: "no allocation rules", issues: [] });

  // period-end adjustments: accruals post with their journals (Auto-reverse) and reverse on the first day of the next period
  const after = await loadBook(port);
  const accruals = after.book.journal.filter((l) => l.autoReverse && l.status === "Posted" && l.date >= p.start && l.date <= p.end);
  const accrualVouchers = new Set(accruals.map((l) => l.postedVoucher));
  const reversals = after.book.ledger.filter((e) => e.date >= p.start && e.date <= p.end && e.description.startsWith("Reversal of accrual")).map((e) => e.voucher);
  steps.push({ step: "period-end adjustments", status: "ok", summary: `${accrualVouchers.size} accruals posted in the period (reversing on the first day of the next), ${new Set(reversals).size} reversals of earlier accruals`, issues: [] });

  const st = await writeStatements(port, { period: p.id });
  const unbalanced = st.journal ? !st.journal.balanced : true;
  const check = st.balance?.check;
  if (
    stop({
      step: "journal report and statements",
      status: unbalanced || !check?.isZero() ? "failed" : "ok",
      summary: `${st.journal?.vouchers.length ?? 0} vouchers in the journal report; balance-sheet check ${check?.toString() ?? "?"}; sheets ${st.sheets.join(", ")}`,
      issues: st.issues.filter((i) => i.severity !== "info"),
    })
  )
    return { steps, completed: false };
  return { steps, completed: true };
}
