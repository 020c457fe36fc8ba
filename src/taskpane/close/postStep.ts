/**
 * What the Close tab's "Post now" does: with an override reason (the period
 * still has draft journal lines), first the drafts check with the override —
 * recorded in the audit log, as `closebook close --override-drafts --reason` —
 * then the step's post. Without a reason, the post alone.
 *
 * Example: await postStep(send, { period: "2026-12", step: "revaluation", reason: "Drafts are next year's accruals", user: "bob" })
 *   → { override: { step: "verify-journals", status: "ok", summary: "53 draft lines (overridden)" }, outcome: { status: "ok", posted: … } }
 */
import type { Send } from "../../app/commands";
import type { CloseStepOutcome } from "../../app/closeStepByStep";
import { CLOSE_STEPS } from "../../core/close/steps";

export const DRAFTS_STEP = CLOSE_STEPS.find((s) => s.id === "verify-journals");

export async function postStep(
  send: Send,
  request: { readonly period: string; readonly step: string; readonly reason: string; readonly user: string },
): Promise<{ override?: CloseStepOutcome; outcome?: CloseStepOutcome }> {
  const { period, step, reason, user } = request;
  const post = () => send("run-close-step", { period, step, mode: "post", user });
  if (reason.trim() && DRAFTS_STEP) {
    const override = await send("run-close-step", {
      period,
      step: DRAFTS_STEP.id,
      mode: "post",
      overrideDrafts: { reason: reason.trim() },
      user,
    });
    if (override.status !== "ok") return { override };
    return { override, outcome: await post() };
  }
  return { outcome: await post() };
}
