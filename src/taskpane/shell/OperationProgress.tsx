/**
 * The progress of the running operation, for any tab: a determinate
 * ProgressBar when the port reports chunk counts, an indeterminate one
 * otherwise, with the words under it. Nothing when idle.
 *
 * Example: <OperationProgress op={op} /> while posting →
 *   [██████░░░░] "Posting journals: writing tblLedger, 10,000 of 24,000 rows"
 */
import { Field, ProgressBar } from "@fluentui/react-components";
import { progressText } from "./progressText";
import type { Operation } from "./useOperation";

export function OperationProgress({ op }: { readonly op: Pick<Operation, "busy" | "progress"> }) {
  if (!op.busy || !op.progress) return null;
  const p = op.progress;
  const value = p.total && p.done !== undefined ? Math.min(1, p.done / p.total) : undefined;
  return (
    <Field validationMessage={progressText(p)} validationState="none">
      <ProgressBar value={value} aria-label={p.label} />
    </Field>
  );
}
