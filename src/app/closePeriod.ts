/**
 * The one-command month-end close: every registered close step
 * (src/core/close/steps), in order — verify journals are posted, check the
 * rates, settle (so revaluation sees only open items), revalue at the period
 * end, run the allocation rules, report the period-end adjustments (accruals
 * and their reversals), write the journal report and the statements. Each
 * step runs through runCloseStep (closeStepByStep.ts); this stops at the first
 * step with errors, reporting what each step proposed or posted. With
 * `preview`, every step writes its preview sheet and nothing is posted (each
 * step then sees the ledger without the earlier steps' proposals). A re-run
 * posts only what is missing (settlement and revaluation are delta steps;
 * allocations already posted for the period are reported as such); with
 * `posted: "keep"` (the pane's Run all steps) a posting step already posted
 * for the period is left as it is.
 *
 * Example: await closePeriod(port, { period: "2026-11", preview: false }, ctx)
 *   → steps: verify journals ok; rate checks ok; settlement 75 settlements;
 *     revaluation GL-000321; allocation GL-000322
 */
import type { CloseStep } from "../core/close/steps";
import type { Issue } from "../core/issues/issue";
import type { StepContext } from "./closeRuns";
import {
  CLOSE_STEPS,
  operatingPeriod,
  runCloseStep,
  stepStatesOf,
  unknownPeriod,
  type CloseStepId,
  type CloseStepOutcome,
} from "./closeStepByStep";
import { CLOSE_READS } from "./loadBook";
import { readSession, type Source } from "./operation";

export interface ClosePeriodOptions {
  readonly period: string;
  readonly preview: boolean;
  /** continue although draft journal lines are dated in the period (recorded with the reason) */
  readonly overrideDrafts?: { readonly reason: string };
  /** a posting step already posted for the period: "rerun" (default: post only what is missing) or "keep" (leave it, run the next) */
  readonly posted?: "rerun" | "keep";
  /** told each step's outcome as it finishes (the pane shows them one by one) */
  readonly onStep?: (step: CloseStep, outcome: CloseStepOutcome) => void;
}

export interface CloseStepResult {
  /** the step's title in lower case ("verify journals are posted", …, "journal report and statements") */
  readonly step: string;
  /** the step's id in the registry (absent for the unknown-period failure) */
  readonly id?: CloseStepId;
  readonly status: "ok" | "skipped" | "failed";
  readonly summary: string;
  readonly issues: readonly Issue[];
}

export async function closePeriod(
  source: Source,
  options: ClosePeriodOptions,
  ctx: StepContext,
  steps: readonly CloseStep[] = CLOSE_STEPS,
): Promise<{ steps: CloseStepResult[]; completed: boolean }> {
  // one operation for every step: the workbook is read once, each step sees the earlier steps' postings
  // the journal's open lines only (loadBook.ts' CLOSE_READS): no step reads its posted lines
  const session = await readSession(source, CLOSE_READS);
  const loaded = session.loaded;
  const p = operatingPeriod(loaded.book, options.period);
  if (!p)
    return {
      steps: [{ step: "period", status: "failed", summary: "unknown period", issues: [unknownPeriod(options.period)] }],
      completed: false,
    };
  const kept = options.posted === "keep" ? stepStatesOf(loaded.book, p, steps).filter((s) => s.state === "posted") : [];
  const results: CloseStepResult[] = [];
  for (const def of steps) {
    const held = kept.find((s) => s.step === def.id);
    if (held && def.kind === "posting") {
      results.push({
        step: def.title.toLowerCase(),
        id: def.id,
        status: "skipped",
        summary: `already posted as ${held.runId}`,
        issues: [],
      });
      continue;
    }
    const mode = options.preview ? "preview" : "post";
    const repeat = options.posted === "keep" ? "refuse" : "rerun";
    const r = await runCloseStep(
      session,
      {
        period: p.id,
        step: def.id,
        mode,
        repeat,
        ...(options.overrideDrafts ? { overrideDrafts: options.overrideDrafts } : {}),
      },
      ctx,
      steps,
    );
    options.onStep?.(def, r);
    results.push({ step: def.title.toLowerCase(), id: def.id, status: r.status, summary: r.summary, issues: r.issues });
    if (r.status === "failed") return { steps: results, completed: false };
  }
  return { steps: results, completed: true };
}
