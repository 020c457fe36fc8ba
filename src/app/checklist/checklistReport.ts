/**
 * The checklist as rows for people: the CLI's table/CSV/JSON, and the "Close
 * status" report sheet (per period: tiles, then every task with its status,
 * due date, who prepared and reviewed it and when, late or on time) that an
 * auditor reads without the add-in.
 *
 * Example: checklistRows(cl) → [["Task","Area","Title","Status","Due",…], ["T1","Ledger","Journals posted","Reviewed","2026-04-01",…]]
 */
import { summarize, type TaskView } from "../../core/checklist/state";
import type { CellValue, ReportSheet } from "../../ports/workbook";
import { CLOSE_TASKS } from "../../schema/checklistTables";
import type { PeriodChecklist } from "./checklistState";
import { headers } from "../../schema/typedCells";

/** The task's own columns under their declared headers, and three the view adds (Blocked by, Flag, Reconciliation). */
export const CHECKLIST_COLUMNS = [
  ...headers(CLOSE_TASKS, [
    "id",
    "area",
    "title",
    "status",
    "due",
    "preparer",
    "reviewer",
    "preparedBy",
    "preparedAt",
    "reviewedBy",
    "reviewedAt",
  ]),
  "Blocked by",
  "Flag",
  ...headers(CLOSE_TASKS, ["evidence", "note", "reason"]),
  "Reconciliation",
];

function flag(v: TaskView): string {
  if (v.suspended) return `changed after sign-off: ${v.suspended.old.toFixed(2)} → ${v.suspended.now.toFixed(2)}`;
  if (v.pastDue) return "past due";
  if (v.dueToday) return "due today";
  const t = v.task;
  const signedAt = (t.reviewedAt || t.preparedAt).slice(0, 10);
  if ((v.status === "Reviewed" || v.status === "N/A") && signedAt && signedAt > t.due) return "late";
  return "";
}

function reconText(cl: PeriodChecklist, v: TaskView): string {
  const r = v.task.account ? cl.recon.get(v.task.account) : undefined;
  if (!r) return "";
  const f = (a: { toFixed(n: number): string } | undefined) => (a ? a.toFixed(2) : "—");
  return `ledger ${f(r.ledger)}, supporting ${f(r.supporting)}, items ${f(r.items)}, difference ${f(r.difference)}${r.explained ? "" : " (unexplained)"}`;
}

export function checklistRows(cl: PeriodChecklist): string[][] {
  return cl.views.map((v) => {
    const t = v.task;
    return [
      t.id,
      t.area,
      t.title,
      v.status,
      t.due,
      t.preparer,
      t.reviewer,
      t.preparedBy,
      t.preparedAt,
      t.reviewedBy,
      t.reviewedAt,
      v.blockedBy.join(", "),
      flag(v),
      t.evidence,
      t.note,
      t.reason,
      reconText(cl, v),
    ];
  });
}

export function tilesLine(cl: PeriodChecklist): string {
  const s = summarize(cl.views).all;
  return `${cl.period.id}: ${s.done} of ${s.total} done; past due ${s.pastDue}, due today ${s.dueToday}, blocked ${s.blocked}, remaining ${s.remaining}`;
}

/** The "Close status" report of one period (sheet "Close status <period>"). */
export function closeStatusReport(cl: PeriodChecklist): ReportSheet {
  const s = summarize(cl.views);
  const rows: CellValue[][] = [
    [`Close status ${cl.period.id}`],
    [tilesLine(cl)],
    [],
    ["Area", "Tasks", "Done", "Past due", "Blocked"],
  ];
  for (const [area, t] of s.byArea) rows.push([area, t.total, t.done, t.pastDue, t.blocked]);
  rows.push([], ["Person (next to act)", "Tasks", "Remaining", "Past due"]);
  for (const [who, t] of s.byPerson) rows.push([who, t.total, t.remaining, t.pastDue]);
  rows.push([], CHECKLIST_COLUMNS);
  const head = rows.length - 1;
  rows.push(...checklistRows(cl));
  return {
    sheet: `Close status ${cl.period.id}`,
    title: `Close status ${cl.period.id}`,
    rows,
    boldRows: [0, 3, 4 + s.byArea.size + 1, head],
  };
}
