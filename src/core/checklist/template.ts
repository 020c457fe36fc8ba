/**
 * Checks a close template before anything is generated from it: each task id
 * once, dependencies on existing tasks and without a cycle, a whole-number due
 * offset within BD−MAX…BD+MAX, preparer and reviewer a known user or a role.
 * Every problem is an issue at the template row and column; nothing throws.
 *
 * Example: T1 depends on T2, T2 on T1 (rows 1, 2) →
 *   CIRCULAR_DEPENDENCY at tblCloseTemplate row 1, Depends on: "Tasks T1 → T2 → T1 depend on each other in a circle."
 */
import { issue, type Issue } from "../issues/issue";
import { cellAt, type Where } from "../issues/where";
import { ROLES, type User } from "../ledger/types";
import { type TemplateTask } from "./types";
import { textOf } from "../text/textOf";

export const MAX_DUE_OFFSET = 30;

export function isRoleName(who: string): boolean {
  return (ROLES as readonly string[]).includes(who.trim().toLowerCase());
}

/** A due offset as typed ("3", "+3", "BD+3", "-2", "BD-2", "BD−2"), or undefined when it is not a whole number. */
export function parseDueOffset(text: unknown): number | undefined {
  if (typeof text === "number") return Number.isInteger(text) ? text : undefined;
  const m = /^\s*(?:BD)?\s*([+\-−]?)\s*(\d{1,4})\s*$/i.exec(textOf(text));
  if (!m) return undefined;
  const n = Number(m[2]);
  return m[1] === "-" || m[1] === "−" ? -n : n;
}

function findCycle(tasks: ReadonlyMap<string, TemplateTask>): string[] | undefined {
  const state = new Map<string, 1 | 2>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    const s = state.get(id);
    if (s === 2) return undefined;
    if (s === 1) return [...path.slice(path.indexOf(id)), id];
    state.set(id, 1);
    path.push(id);
    for (const d of tasks.get(id)?.dependsOn ?? []) {
      if (!tasks.has(d.toUpperCase())) continue;
      const c = visit(d.toUpperCase());
      if (c) return c;
    }
    path.pop();
    state.set(id, 2);
    return undefined;
  };
  for (const id of tasks.keys()) {
    const c = visit(id);
    if (c) return c;
  }
  return undefined;
}

/** `where`: the workbook's tables (setup.where), for issue locations. */
export function validateTemplate(
  template: readonly TemplateTask[],
  users: ReadonlyMap<string, User>,
  where: Pick<Where, "closeTemplate" | "users">,
): Issue[] {
  const at = (row: number | undefined, key: string) => cellAt(where.closeTemplate, key, row);
  const out: Issue[] = [];
  const byId = new Map<string, TemplateTask>();
  for (const t of template) {
    const key = t.id.trim().toUpperCase();
    if (!key) out.push(issue("BAD_TASK_ID", "A template task needs an id.", at(t.row, "id")));
    else if (byId.has(key))
      out.push(
        issue(
          "DUPLICATE_TASK",
          `Task id ${t.id} is used twice (first at row ${byId.get(key)!.row ?? "?"}).`,
          at(t.row, "id"),
        ),
      );
    else byId.set(key, t);
    if (!Number.isInteger(t.due) || Math.abs(t.due) > MAX_DUE_OFFSET) {
      out.push(
        issue(
          "BAD_DUE_OFFSET",
          `Task ${t.id}: the due offset must be a whole number of business days from BD-${MAX_DUE_OFFSET} to BD+${MAX_DUE_OFFSET}.`,
          at(t.row, "due"),
        ),
      );
    }
    for (const [key, who] of [
      ["preparer", t.preparer],
      ["reviewer", t.reviewer],
    ] as const) {
      if (who.trim() && !isRoleName(who) && !users.has(who.trim().toLowerCase())) {
        out.push(
          issue(
            "UNKNOWN_USER",
            `Task ${t.id}: ${key} "${who}" is neither a user in ${where.users.table} nor a role (${ROLES.join(", ")}).`,
            at(t.row, key),
          ),
        );
      }
    }
    for (const d of t.dependsOn) {
      if (!template.some((x) => x.id.trim().toUpperCase() === d.trim().toUpperCase())) {
        out.push(
          issue(
            "UNKNOWN_DEPENDENCY",
            `Task ${t.id} depends on ${d}, which is not in the template.`,
            at(t.row, "dependsOn"),
          ),
        );
      }
    }
  }
  const cycle = findCycle(byId);
  if (cycle) {
    const first = byId.get(cycle[0]!);
    out.push(
      issue(
        "CIRCULAR_DEPENDENCY",
        `Tasks ${cycle.map((k) => byId.get(k)?.id ?? k).join(" → ")} depend on each other in a circle.`,
        at(first?.row, "dependsOn"),
      ),
    );
  }
  return out;
}
