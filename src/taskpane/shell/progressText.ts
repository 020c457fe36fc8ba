/**
 * The words under a progress bar, from the running operation's label and the
 * port's chunk counts.
 *
 * Example: progressText({ label: "Posting journals", table: "tblLedger", op: "write", done: 10000, total: 24000 })
 *   → "Posting journals: writing tblLedger, 10,000 of 24,000 rows"
 *   progressText({ label: "Verifying seals" }) → "Verifying seals…"
 */
import type { OperationProgress } from "./useOperation";

export function progressText(p: OperationProgress): string {
  if (p.table === undefined || p.total === undefined || p.done === undefined) return `${p.label}…`;
  const verb = p.op === "write" ? "writing" : "reading";
  return `${p.label}: ${verb} ${p.table}, ${p.done.toLocaleString("en-US")} of ${p.total.toLocaleString("en-US")} rows`;
}
