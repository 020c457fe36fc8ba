/**
 * A sign-off counts only when the audit log holds it. Every status change a
 * command makes is an audit row ("task-prepare", "task-review", …, subject
 * "<period> <task>", new value the status); a status typed into the sheet by
 * hand has none, so the task is read at its last audited status (Not started
 * when it never had one) and an issue names the cell. The audit log is
 * hash-chained, so such a row cannot be added unseen either.
 *
 * Example: T3's Status typed "Reviewed" in tblCloseTasks row 3, last audit row for
 *   "2026-01 T3" is task-prepare → T3 read as Prepared, and
 *   SIGNOFF_NOT_AUDITED at tblCloseTasks row 3, Status.
 */
import { issue, type Issue } from "../issues/issue";
import { cellAt, type Where } from "../issues/where";
import type { AuditRecord } from "../ledger/types";
import { type CloseTask, type TaskStatus } from "./types";

export function auditedTasks(
  tasks: readonly CloseTask[],
  audit: readonly AuditRecord[],
  where: Pick<Where, "closeTasks">,
): { tasks: CloseTask[]; issues: Issue[] } {
  const last = new Map<string, string>();
  for (const a of audit) if (a.action.startsWith("task-")) last.set(a.subject.toUpperCase(), a.newValue);
  const issues: Issue[] = [];
  const out = tasks.map((t) => {
    const expected = (last.get(`${t.period} ${t.id}`.toUpperCase()) ?? "Not started") as TaskStatus;
    if (t.status === expected) return t;
    issues.push(
      issue(
        "SIGNOFF_NOT_AUDITED",
        `Task ${t.id} of ${t.period} reads ${t.status}, but the audit log's last sign-off of it says ${expected}: the status was changed outside Closebook, so ${expected} counts. Sign it with closebook task.`,
        cellAt(where.closeTasks, "status", t.row),
      ),
    );
    const unsigned = expected === "Not started" || expected === "In progress";
    return {
      ...t,
      status: expected,
      ...(unsigned
        ? { preparedBy: "", preparedAt: "", reviewedBy: "", reviewedAt: "" }
        : expected === "Prepared"
          ? { reviewedBy: "", reviewedAt: "" }
          : {}),
    };
  });
  return { tasks: out, issues };
}
