/**
 * What a tab shows while its operation runs: the operation's name and, once
 * the port reports chunks, a determinate bar with counts; before that an
 * indeterminate bar. Nothing when idle.
 *
 * Example: <BusyStatus progress={op.progress} />
 *   → "Writing the trial balance: writing tblRuns, 1 of 1 rows" and a full bar
 */
import { Caption1, Field, ProgressBar } from "@fluentui/react-components";
import type { OperationProgress } from "../shell/useOperation";

export function busyText(p: OperationProgress): string {
  if (p.table === undefined || p.total === undefined || p.done === undefined) return `${p.label}…`;
  return `${p.label}: ${p.op === "write" ? "writing" : "reading"} ${p.table}, ${p.done.toLocaleString("en-US")} of ${p.total.toLocaleString("en-US")} rows`;
}

export function BusyStatus({ progress }: { readonly progress: OperationProgress | undefined }) {
  if (!progress) return null;
  const value = progress.total ? Math.min(1, (progress.done ?? 0) / progress.total) : undefined;
  return (
    <Field validationMessage={<Caption1 role="status">{busyText(progress)}</Caption1>} validationState="none">
      <ProgressBar value={value} thickness="medium" aria-label={progress.label} />
    </Field>
  );
}
