/**
 * The one-command month-end close, in the standard order: verify journals are
 * posted, check the rates, settle (so revaluation sees only open items),
 * revalue at the period end, run the allocation rules, report the period-end
 * adjustments (accruals and their reversals), write the journal
 * report and the statements. Each step is defined once, in
 * closeStepByStep.ts; this runs them in order and stops at the first
 * step with errors, reporting what each step proposed or posted. With
 * `preview`, every step writes its preview sheet and nothing is posted (each
 * step then sees the ledger without the earlier steps' proposals). A re-run
 * posts only what is missing (settlement and revaluation are delta steps;
 * allocations already posted for the period are reported as such).
 *
 * Example: await closePeriod(port, { period: "2026-11", preview: false }, ctx)
 *   → steps: verify journals ok; rate checks ok; settlement 75 settlements;
 *     revaluation GL-000321; allocation GL-000322
 */
import { issue, type Issue } from "../core/issues/issue";
import type { WorkbookPort } from "../ports/workbook";
import type { StepContext } from "./closeRuns";
import { CLOSE_STEPS, runCloseStep, type CloseStepId } from "./closeStepByStep";
import { loadBook } from "./loadBook";

export interface ClosePeriodOptions {
  readonly period: string;
  readonly preview: boolean;
  /** continue although draft journal lines are dated in the period (recorded with the reason) */
  readonly overrideDrafts?: { readonly reason: string };
}

export interface CloseStepResult {
  /** the step's title in lower case ("verify journals are posted", …, "journal report and statements") */
  readonly step: string;
  /** the step's id in closeStepByStep.ts (absent for the unknown-period failure) */
  readonly id?: CloseStepId;
  readonly status: "ok" | "skipped" | "failed";
  readonly summary: string;
  readonly issues: readonly Issue[];
}

export async function closePeriod(port: WorkbookPort, options: ClosePeriodOptions, ctx: StepContext): Promise<{ steps: CloseStepResult[]; completed: boolean }> {
  const loaded = await loadBook(port);
  const p = loaded.book.setup.periods.find((x) => x.id.toLowerCase() === options.period.toLowerCase() && x.kind === "operating");
  if (!p) return { steps: [{ step: "period", status: "failed", summary: "unknown period", issues: [issue("UNKNOWN_PERIOD", `There is no operating period "${options.period}".`, { table: "tblPeriods" })] }], completed: false };
  const steps: CloseStepResult[] = [];
  for (const def of CLOSE_STEPS) {
    const r = await runCloseStep(port, { period: p.id, step: def.id, mode: options.preview ? "preview" : "post", repeat: "rerun", loaded, ...(options.overrideDrafts ? { overrideDrafts: options.overrideDrafts } : {}) }, ctx);
    steps.push({ step: def.title.toLowerCase(), id: def.id, status: r.status, summary: r.summary, issues: r.issues });
    if (r.status === "failed") return { steps, completed: false };
  }
  return { steps, completed: true };
}
