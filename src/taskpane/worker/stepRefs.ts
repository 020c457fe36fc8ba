/**
 * The close steps as wire constants (wire.ts): a step crosses the worker boundary by its name and arrives as
 * the other side's own object (its functions cannot be posted). The worker registers them at start; the main
 * thread imports this module lazily, before its first command (remoteCommands' `ready`).
 *
 * Example: registerStepRefs(); encode(CLOSE_STEPS[0]) → { __closebookWire: ["ref", "CLOSE_STEPS:verify-journals"] }
 */
import { CLOSE_STEPS, CONSOLIDATION_STEPS } from "../../core/close/steps";
import { registerWireRefs } from "./wire";

export function registerStepRefs(): void {
  registerWireRefs({ CLOSE_STEPS, CONSOLIDATION_STEPS });
}
