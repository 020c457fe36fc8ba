/** Small checklist fixtures shared by the checklist tests (users, a template, tasks). */
import type { CloseTask, TemplateTask, WorkCalendar } from "../../../src/core/checklist/types";
import { MON_FRI } from "../../../src/core/checklist/businessDays";
import type { Role, User } from "../../../src/core/ledger/types";

export function user(name: string, roles: Role[], row: number, active = true): User {
  return { name, fullName: name, groups: [], roles: new Set(roles), active, row };
}

/** alice preparer (row 1), bob reviewer (row 2), carol controller (row 3), dave reviewer (row 4). */
export const USERS: ReadonlyMap<string, User> = new Map(
  [
    user("alice", ["preparer"], 1),
    user("bob", ["reviewer"], 2),
    user("carol", ["controller"], 3),
    user("dave", ["reviewer", "preparer"], 4),
  ].map((u) => [u.name, u]),
);

export const CAL: WorkCalendar = { workingWeekdays: MON_FRI, holidays: new Set() };

export function tpl(id: string, extra: Partial<TemplateTask> = {}): TemplateTask {
  return {
    id,
    area: "Cash",
    title: `Task ${id}`,
    description: "",
    preparer: "alice",
    reviewer: "bob",
    due: 1,
    dependsOn: [],
    link: "",
    automatic: false,
    account: "",
    ...extra,
  };
}

export function task(id: string, extra: Partial<CloseTask> = {}): CloseTask {
  return {
    period: "2026-01",
    id,
    area: "Cash",
    title: `Task ${id}`,
    preparer: "alice",
    reviewer: "bob",
    due: "2026-02-02",
    dependsOn: [],
    link: "",
    automatic: false,
    account: "",
    status: "Not started",
    preparedBy: "",
    preparedAt: "",
    evidence: "",
    reviewedBy: "",
    reviewedAt: "",
    note: "",
    reason: "",
    ...extra,
  };
}
