/**
 * The lock gate: with the setting "Require a reviewed checklist to lock" on,
 * a period is put on hold or closed only when every one of its tasks is
 * Reviewed or N/A — one issue per open task, naming owner, due date and
 * blocker. A controller may override with a reason (the issues become
 * warnings, and the caller audits the override). A template without tasks
 * generated for the period gives CHECKLIST_NOT_GENERATED (no task is open, none
 * was reviewed either) at the severity the caller asks (`notGenerated`, default
 * "error": refused unless a controller overrides it with a reason, audited).
 *
 * Example: 2026-01 with T1 Reviewed, T2 Prepared by alice (reviewer bob, due 2026-02-04) →
 *   CHECKLIST_OPEN at tblCloseTasks row 2, Status: "Task T2 Bank reconciliation is Prepared
 *   (preparer alice, reviewer bob, due 2026-02-04); it must be Reviewed or N/A before 2026-01 is locked."
 */
import { issue, type Issue } from "../issues/issue";
import { cellAt, type Where } from "../issues/where";
import type { User } from "../ledger/types";
import type { TaskView } from "./state";
import { isDone } from "./types";

export interface GateInput {
  /** the workbook's tables (setup.where), for issue locations */
  readonly where: Pick<Where, "closeTasks" | "users">;
  readonly required: boolean;
  readonly period: string;
  readonly views: readonly TaskView[];
  /** how many tasks the template holds (a template with none generated for the period is refused) */
  readonly templateSize: number;
  readonly user: User;
  /** the controller's reason to lock with open tasks */
  readonly overrideReason?: string;
  /** a checklist never generated for the period: "error" (default) refuses the lock, "warning" lets it pass */
  readonly notGenerated?: "error" | "warning";
}

export interface GateResult {
  readonly issues: Issue[];
  readonly overridden: boolean;
  readonly open: readonly TaskView[];
}

export function checklistGate(g: GateInput): GateResult {
  if (!g.required) return { issues: [], overridden: false, open: [] };
  const open = g.views.filter((v) => !isDone(v.status));
  const reason = g.overrideReason?.trim() ?? "";
  const override = reason !== "" && g.user.active && g.user.roles.has("controller");
  const sev = override ? "warning" : "error";
  const out: Issue[] = [];
  const notGenerated = !g.views.length && g.templateSize > 0;
  if (notGenerated) {
    out.push(
      issue(
        "CHECKLIST_NOT_GENERATED",
        `The close checklist of ${g.period} has not been generated (closebook checklist FILE --period ${g.period} --generate), so none of its tasks was reviewed.`,
        cellAt(g.where.closeTasks, "period"),
        override || g.notGenerated === "warning" ? "warning" : "error",
      ),
    );
  }
  for (const v of open) {
    const t = v.task;
    const blocker = v.blockedBy.length ? `; blocked by ${v.blockedBy.join(", ")}` : "";
    const who =
      v.status === "Prepared"
        ? `prepared by ${t.preparedBy}, reviewer ${t.reviewer || "(role reviewer)"}`
        : `preparer ${t.preparer || "(role preparer)"}, reviewer ${t.reviewer || "(role reviewer)"}`;
    out.push(
      issue(
        "CHECKLIST_OPEN",
        `Task ${t.id} ${t.title} is ${v.status} (${who}, due ${t.due}${blocker}); it must be Reviewed or N/A before ${g.period} is locked.`,
        cellAt(g.where.closeTasks, "status", t.row),
        sev,
      ),
    );
  }
  if (reason && !override && out.some((i) => i.severity === "error"))
    out.unshift(
      issue(
        "CONTROLLER_REQUIRED",
        `Only a controller may lock ${g.period} with open checklist tasks; ${g.user.name} is not one.`,
        cellAt(g.where.users, "roles", g.user.row),
      ),
    );
  return { issues: out, overridden: override && (open.length > 0 || notGenerated), open };
}
