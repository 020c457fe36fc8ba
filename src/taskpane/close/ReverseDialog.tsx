/**
 * The confirmation before a close step's run is reversed: what will happen,
 * a "Reason" (required; kept in tblRuns and the audit log) and the buttons
 * "Reverse run" and "Cancel". Fluent Dialog: focus is trapped and Escape cancels.
 *
 * Example: <ReverseDialog title="Revaluation" runId="RUN-000004" vouchers="GL-000012" open onReverse={(reason) => …} onCancel={…} />
 */
import { ReasonDialog } from "../shell/ReasonDialog";

export interface ReverseDialogProps {
  readonly open: boolean;
  readonly title: string;
  readonly runId: string;
  readonly vouchers: string;
  readonly busy: boolean;
  /** the last sentence (default: "Afterwards the step can be posted again.") */
  readonly after?: string;
  onReverse(reason: string): void;
  onCancel(): void;
}

export function ReverseDialog({
  open,
  title,
  runId,
  vouchers,
  busy,
  after = "Afterwards the step can be posted again.",
  onReverse,
  onCancel,
}: ReverseDialogProps) {
  return (
    <ReasonDialog
      open={open}
      title={`Reverse ${title}`}
      reasonLabel="Reason"
      confirm="Reverse run"
      busy={busy}
      onConfirm={onReverse}
      onCancel={onCancel}
    >
      <p>
        {runId}
        {vouchers ? ` (${vouchers})` : ""} stays in the ledger; new vouchers on the same dates cancel it, and the run is
        marked reversed.
        {title === "Settlement" ? " The items it settled are open again." : ""} {after}
      </p>
    </ReasonDialog>
  );
}
