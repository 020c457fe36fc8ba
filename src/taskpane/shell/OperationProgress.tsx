/**
 * The progress of the running operation, for any tab: a determinate
 * ProgressBar when the port reports chunk counts, an indeterminate one
 * otherwise, with the words under it, and *Cancel* while the operation has
 * written nothing (useOperation's canCancel). After a cancel: "Cancelled:
 * nothing was written to the workbook." Nothing when idle.
 *
 * Example: <OperationProgress op={op} /> while posting →
 *   [██████░░░░] "Posting journals: reading tblLedger, 10,000 of 24,000 rows" [Cancel]
 */
import { Button, Caption1, Field, ProgressBar, makeStyles, tokens } from "@fluentui/react-components";
import { progressText } from "./progressText";
import type { Operation } from "./useOperation";

const useStyles = makeStyles({
  row: { display: "flex", alignItems: "flex-start", columnGap: tokens.spacingHorizontalS },
  bar: { flexGrow: 1, minWidth: 0 },
});

type Shown = Pick<Operation, "busy" | "progress"> & Partial<Pick<Operation, "canCancel" | "cancel" | "cancelled">>;

export function OperationProgress({ op }: { readonly op: Shown }) {
  const styles = useStyles();
  if (!op.busy && op.cancelled)
    return <Caption1 role="status">Cancelled: nothing was written to the workbook.</Caption1>;
  if (!op.busy || !op.progress) return null;
  const p = op.progress;
  const value = p.total && p.done !== undefined ? Math.min(1, p.done / p.total) : undefined;
  return (
    <div className={styles.row}>
      <Field className={styles.bar} validationMessage={progressText(p)} validationState="none">
        <ProgressBar value={value} aria-label={p.label} />
      </Field>
      {op.canCancel && op.cancel ? (
        <Button size="small" onClick={op.cancel}>
          Cancel
        </Button>
      ) : null}
    </div>
  );
}
