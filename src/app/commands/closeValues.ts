/**
 * The close's pure values for callers (values.ts holds the light ones): each step's state read from
 * a book the caller already holds (the Close tab computes them for the chosen period without reading again).
 *
 * Example: stepStatesOf(book, period) → [{ step: "verify-journals", state: "posted", runId: "RUN-000004", … }, …]
 */
export { stepStatesOf } from "../closeStepByStep";
