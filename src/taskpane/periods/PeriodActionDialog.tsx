/**
 * The dialog every period action opens: what will happen, a required
 * "Reason" and, to close permanently, the checkbox "I understand this period
 * can never be reopened" (for an access change, the new access); a hold or close also
 * takes a controller's checklist override (why it locks with open tasks). "Confirm"
 * hands the checked PeriodAction to the tab, which runs changePeriod.
 *
 * Example: <PeriodActionDialog kind="hold" period="2026-03" … onConfirm={(a) => run(a)} />
 *   → Dialog "Put on hold: 2026-03", Reason "March close", Confirm → { kind: "hold", period: "2026-03", reason: "March close" }
 */
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  Option,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { PeriodAction } from "../../core/calendar/periodChange";
import { actionFromForm, type ActionForm } from "./actionForm";
import { ACTION_TITLES, type PeriodActionKind } from "./periodModel";

const useStyles = makeStyles({
  nowrap: { whiteSpace: "nowrap" },
  content: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
});

const EXPLAIN: Readonly<Record<PeriodActionKind, string>> = {
  hold: "Nobody can post into the period while it is on hold. Its ledger rows are sealed, so any later change to them shows when the workbook is verified. Refused while draft lines are dated in it.",
  reopen: "The period opens for posting again. Its seal is lifted (the seal's history stays in tblSeals).",
  close:
    "The period is sealed and locked for good: it can never be reopened or changed. Refused while draft lines are dated in it.",
  access: "Who may post into the period while it is open: All, None, or one user group.",
};

export interface PeriodActionDialogProps {
  /** the action to ask about; undefined keeps the dialog closed */
  readonly kind: PeriodActionKind | undefined;
  readonly period: string;
  readonly currentAccess: string;
  readonly accessChoices: readonly string[];
  readonly busy: boolean;
  onCancel(): void;
  onConfirm(action: PeriodAction): void;
}

const EMPTY: ActionForm = { reason: "", confirm: false, access: "" };

export function PeriodActionDialog({
  kind,
  period,
  currentAccess,
  accessChoices,
  busy,
  onCancel,
  onConfirm,
}: PeriodActionDialogProps) {
  const styles = useStyles();
  const [form, setForm] = useState<ActionForm>(EMPTY);
  const [showErrors, setShowErrors] = useState(false);
  useEffect(() => {
    setForm(EMPTY);
    setShowErrors(false);
  }, [kind, period]);
  if (!kind) return null;
  const checked = actionFromForm(kind, period, form);
  const error = (k: keyof ActionForm) =>
    showErrors && checked.errors[k] ? { validationState: "error" as const, validationMessage: checked.errors[k] } : {};
  const confirm = () => {
    setShowErrors(true);
    if (checked.action) onConfirm(checked.action);
  };

  return (
    <Dialog open modalType="modal" onOpenChange={(_, d) => (d.open || busy ? undefined : onCancel())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>
            {ACTION_TITLES[kind]}: <span className={styles.nowrap}>{period}</span>
          </DialogTitle>
          <DialogContent className={styles.content}>
            <span>{EXPLAIN[kind]}</span>
            {kind === "access" ? (
              <Field label="Access" required hint={`Now: ${currentAccess.trim() || "All"}`} {...error("access")}>
                <Dropdown
                  placeholder="Choose the new access"
                  value={form.access}
                  selectedOptions={form.access ? [form.access] : []}
                  onOptionSelect={(_, d) => setForm((f) => ({ ...f, access: d.optionValue ?? "" }))}
                >
                  {accessChoices.map((a) => (
                    <Option key={a} value={a}>
                      {a}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
            ) : null}
            <Field label="Reason" required {...error("reason")}>
              <Textarea
                value={form.reason}
                resize="vertical"
                onChange={(_, d) => setForm((f) => ({ ...f, reason: d.value }))}
              />
            </Field>
            {kind === "hold" || kind === "close" ? (
              <Field
                label="Checklist override (controllers only)"
                hint="Only to lock with open checklist tasks: say why. Audited; leave empty otherwise."
              >
                <Textarea
                  value={form.override ?? ""}
                  resize="vertical"
                  onChange={(_, d) => setForm((f) => ({ ...f, override: d.value }))}
                />
              </Field>
            ) : null}
            {kind === "close" ? (
              <Field {...error("confirm")}>
                <Checkbox
                  label="I understand this period can never be reopened"
                  checked={form.confirm}
                  onChange={(_, d) => setForm((f) => ({ ...f, confirm: d.checked === true }))}
                />
              </Field>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={busy} onClick={confirm}>
              Confirm
            </Button>
            <Button disabled={busy} onClick={onCancel}>
              Cancel
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
