/**
 * What the Close tab's "Post now" does: with an override reason (the period
 * still has draft journal lines), first the drafts check with the override —
 * recorded in the audit log, as `closebook close --override-drafts --reason` —
 * then the step's post. Without a reason, the post alone.
 *
 * Example: await postStep(port, { period: "2026-12", step: "revaluation", reason: "Drafts are next year's accruals" }, ctx)
 *   → { override: { step: "verify-journals", status: "ok", summary: "53 draft lines (overridden)" }, outcome: { status: "ok", posted: … } }
 */
import { CLOSE_STEPS, runCloseStep, type CloseStepOutcome } from "../../app/closeStepByStep";
import type { StepContext } from "../../app/closeRuns";
import type { WorkbookPort } from "../../ports/workbook";

export const DRAFTS_STEP = CLOSE_STEPS.find((s) => s.id === "verify-journals");

export async function postStep(
  port: WorkbookPort,
  request: { readonly period: string; readonly step: string; readonly reason: string },
  ctx: StepContext,
): Promise<{ override?: CloseStepOutcome; outcome?: CloseStepOutcome }> {
  const { period, step, reason } = request;
  if (reason.trim() && DRAFTS_STEP) {
    const override = await runCloseStep(
      port,
      { period, step: DRAFTS_STEP.id, mode: "post", overrideDrafts: { reason: reason.trim() } },
      ctx,
    );
    if (override.status !== "ok") return { override };
    return { override, outcome: await runCloseStep(port, { period, step, mode: "post" }, ctx) };
  }
  return { outcome: await runCloseStep(port, { period, step, mode: "post" }, ctx) };
}
