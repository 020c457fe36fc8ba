/**
 * Who prepared and reviewed each close step, from the period's checklist: a
 * task linked to a step ("step:revaluation") signs that step's card. Tasks
 * without a step link, or without a signature, add nothing.
 *
 * Example: signoffLines([{ id: "T04", link: "step:revaluation", status: "Reviewed", preparedBy: "closebook", reviewedBy: "bob" }])
 *   → Map { "revaluation" → "T04 Reviewed · prepared by closebook · reviewed by bob" }
 */
import type { CloseTask } from "../../core/checklist/types";

export type SignedTask = Pick<CloseTask, "id" | "link" | "status" | "preparedBy" | "reviewedBy">;

const STEP_LINK = /^\s*step:\s*([\w-]+)\s*$/i;

export function signoffLines(tasks: readonly SignedTask[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of tasks) {
    const step = STEP_LINK.exec(t.link)?.[1]?.toLowerCase();
    if (!step || out.has(step)) continue;
    const who = [t.preparedBy && `prepared by ${t.preparedBy}`, t.reviewedBy && `reviewed by ${t.reviewedBy}`].filter(
      Boolean,
    );
    out.set(step, [`${t.id} ${t.status}`, ...who].join(" · "));
  }
  return out;
}
