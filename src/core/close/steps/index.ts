/**
 * The month-end close's steps, in the order they run. Adding a step is one
 * file in this folder (a CloseStep) and one entry here; see ARCHITECTURE.md,
 * "Close steps".
 *
 * Example: CLOSE_STEPS.map((s) => s.id) → ["verify-journals", "rate-checks", "settlement",
 *   "revaluation", "allocations", "adjustments", "statements"]
 */
import { adjustmentsStep } from "./adjustments";
import { allocationsStep } from "./allocations";
import { type CloseStep, registerCloseSteps } from "./closeStep";
import { consolidationStep } from "./consolidation";
import { rateChecksStep } from "./rateChecks";
import { revaluationStep } from "./revaluation";
import { settlementStep } from "./settlement";
import { statementsStep } from "./statements";
import { verifyJournalsStep } from "./verifyJournals";

// each step keeps its own parameter type; the registry sees them through the common contract
const steps = [
  verifyJournalsStep,
  rateChecksStep,
  settlementStep,
  revaluationStep,
  allocationsStep,
  adjustmentsStep,
  statementsStep,
] as unknown as readonly CloseStep[];

export const CLOSE_STEPS: readonly CloseStep[] = registerCloseSteps(steps);

/** A group workbook's close (Consolidation company = yes): the entity steps do not apply to it. */
export const CONSOLIDATION_STEPS: readonly CloseStep[] = registerCloseSteps([consolidationStep]);

export type { CloseStep, CloseStepKind, StepParams } from "./closeStep";
export { ownsRun, registerCloseSteps, storedParameters } from "./closeStep";
