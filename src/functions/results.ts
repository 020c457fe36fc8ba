/**
 * From the core evaluator's answer (src/core/formulas) to what a custom
 * function hands Excel: the value, or Excel's own error with its message
 * (#VALUE!, #N/A) built by `makeError` (CustomFunctions.Error in Excel).
 *
 * Example: toCell({ ok: false, error: "#N/A", message: "No CHF→USD spot rate …" }, mk)
 *   → throws mk("#N/A", "No CHF→USD spot rate …"), which Excel shows as #N/A with that message.
 */
import type { FormulaResult } from "../core/formulas/functions";

export type MakeError = (error: "#VALUE!" | "#N/A", message: string) => Error;

export function toCell(r: FormulaResult, makeError: MakeError): number | string {
  if (r.ok) return r.value;
  throw makeError(r.error, r.message);
}
