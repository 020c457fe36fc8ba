/**
 * The period action dialog's fields checked into a PeriodAction for
 * changePeriod: a reason is always required, closing permanently needs the
 * confirmation ticked, an access change needs the new access.
 *
 * Example: actionFromForm("close", "2026-03", { reason: "Year audited", confirm: false, access: "" })
 *   → { errors: { confirm: "Tick this to close the period for good." } }
 *   actionFromForm("hold", "2026-03", { reason: " March close ", … })
 *   → { action: { kind: "hold", period: "2026-03", reason: "March close" }, errors: {} }
 *   with override "auditor on site" (a controller locking with open checklist tasks) → … overrideChecklist: "auditor on site"
 */
import type { PeriodAction } from "../../core/calendar/periodChange";
import type { PeriodActionKind } from "./periodModel";

export interface ActionForm {
  readonly reason: string;
  readonly confirm: boolean;
  readonly access: string;
  /** hold or close with open checklist tasks: the controller's reason (empty: no override) */
  readonly override?: string;
}

export interface CheckedActionForm {
  readonly action?: PeriodAction;
  readonly errors: Partial<Record<keyof ActionForm, string>>;
}

export function actionFromForm(kind: PeriodActionKind, period: string, form: ActionForm): CheckedActionForm {
  const errors: Partial<Record<keyof ActionForm, string>> = {};
  const reason = form.reason.trim();
  const access = form.access.trim();
  if (!reason) errors.reason = "Give a reason: it is recorded in the audit log.";
  if (kind === "close" && !form.confirm) errors.confirm = "Tick this to close the period for good.";
  if (kind === "access" && !access) errors.access = "Choose the new access.";
  if (Object.keys(errors).length) return { errors };
  const override = form.override?.trim() ? { overrideChecklist: form.override.trim() } : {};
  switch (kind) {
    case "close":
      return { action: { kind, period, reason, confirm: true, ...override }, errors };
    case "access":
      return { action: { kind, period, reason, access }, errors };
    case "hold":
      return { action: { kind, period, reason, ...override }, errors };
    default:
      return { action: { kind, period, reason }, errors };
  }
}
