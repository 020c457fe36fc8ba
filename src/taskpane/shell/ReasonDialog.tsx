/**
 * The shell of every confirmation that may ask for a reason (post, reverse):
 * a title, what will happen (children), an optional "Reason" field that must
 * be filled before the primary button works, and Cancel. The reason is trimmed
 * and cleared after each use. Fluent Dialog: focus is trapped and Escape cancels.
 *
 * Example: <ReasonDialog open title="Reverse Revaluation" reasonLabel="Reason" confirm="Reverse run"
 *            busy={false} onConfirm={(reason) => …} onCancel={…}>RUN-000004 stays in the ledger …</ReasonDialog>
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Textarea,
} from "@fluentui/react-components";
import { useState, type ReactNode } from "react";

export interface ReasonDialogProps {
  readonly open: boolean;
  readonly title: string;
  /** the reason field's label; no field (and "" passed on) when undefined */
  readonly reasonLabel: string | undefined;
  /** the primary button's text ("Post now", "Reverse run") */
  readonly confirm: string;
  readonly busy: boolean;
  /** what will happen, shown above the reason field */
  readonly children?: ReactNode;
  onConfirm(reason: string): void;
  onCancel(): void;
}

export function ReasonDialog({
  open,
  title,
  reasonLabel,
  confirm,
  busy,
  children,
  onConfirm,
  onCancel,
}: ReasonDialogProps) {
  const [reason, setReason] = useState("");
  const close = () => {
    setReason("");
    onCancel();
  };
  return (
    <Dialog open={open} onOpenChange={(_, d) => (d.open ? undefined : close())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>
            {children}
            {reasonLabel !== undefined ? (
              <Field label={reasonLabel} required>
                <Textarea value={reason} onChange={(_, d) => setReason(d.value)} resize="vertical" />
              </Field>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={busy || (reasonLabel !== undefined && reason.trim() === "")}
              onClick={() => {
                onConfirm(reasonLabel !== undefined ? reason.trim() : "");
                setReason("");
              }}
            >
              {confirm}
            </Button>
            <Button onClick={close}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
