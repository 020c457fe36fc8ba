/**
 * A period's tasks as people see them: the effective status (automatic tasks
 * from the runs, "Changed after sign-off" for a reconciliation whose ledger
 * balance moved since it was signed), which unfinished dependencies block a
 * task, and whether it is past due or due today.
 *
 * Example: T2 depends on T1 (Prepared, not reviewed), T2 due 2026-02-02, today 2026-02-03 →
 *   { id: "T2", status: "Not started", blockedBy: ["T1"], pastDue: true, dueToday: false }
 */
import type { Amount } from "../money";
import type { Suspension } from "./reconciliation";
import { suspension } from "./reconciliation";
import { CHANGED_AFTER_SIGNOFF, isDone, type CloseTask, type TaskStatus } from "./types";

export type ShownStatus = TaskStatus | typeof CHANGED_AFTER_SIGNOFF;

export interface TaskView {
  readonly task: CloseTask;
  readonly status: ShownStatus;
  readonly blockedBy: readonly string[];
  readonly suspended?: Suspension;
  readonly pastDue: boolean;
  readonly dueToday: boolean;
}

/** `tasks`: one period's tasks, automatic ones already derived; `ledger`: the current ledger balance per reconciled account. */
export function viewTasks(
  tasks: readonly CloseTask[],
  today: string,
  ledger: ReadonlyMap<string, Amount> = new Map(),
): TaskView[] {
  const byId = new Map(tasks.map((t) => [t.id.toUpperCase(), t]));
  const shown = new Map<string, ShownStatus>();
  const susp = new Map<string, Suspension>();
  for (const t of tasks) {
    const s = suspension(t, t.account ? ledger.get(t.account) : undefined);
    if (s) susp.set(t.id.toUpperCase(), s);
    shown.set(t.id.toUpperCase(), s ? CHANGED_AFTER_SIGNOFF : t.status);
  }
  return tasks.map((t) => {
    const status = shown.get(t.id.toUpperCase())!;
    const done = isDone(status);
    const blockedBy = done
      ? []
      : t.dependsOn
          .filter((d) => byId.has(d.toUpperCase()) && !isDone(shown.get(d.toUpperCase())!))
          .map((d) => byId.get(d.toUpperCase())!.id);
    const s = susp.get(t.id.toUpperCase());
    return {
      task: t,
      status,
      blockedBy,
      ...(s ? { suspended: s } : {}),
      pastDue: !done && t.due < today,
      dueToday: !done && t.due === today,
    };
  });
}

export interface Tiles {
  readonly total: number;
  readonly done: number;
  readonly pastDue: number;
  readonly dueToday: number;
  readonly blocked: number;
  readonly remaining: number;
}

function tiles(views: readonly TaskView[]): Tiles {
  let done = 0;
  let pastDue = 0;
  let dueToday = 0;
  let blocked = 0;
  for (const v of views) {
    if (isDone(v.status)) done++;
    if (v.pastDue) pastDue++;
    if (v.dueToday) dueToday++;
    if (v.blockedBy.length > 0) blocked++;
  }
  return { total: views.length, done, pastDue, dueToday, blocked, remaining: views.length - done };
}

export interface Summary {
  readonly all: Tiles;
  readonly byArea: ReadonlyMap<string, Tiles>;
  /** by the person (or role) who must act next: the preparer until prepared, then the reviewer */
  readonly byPerson: ReadonlyMap<string, Tiles>;
}

function groupTiles(views: readonly TaskView[], key: (v: TaskView) => string): Map<string, Tiles> {
  const groups = new Map<string, TaskView[]>();
  for (const v of views) {
    const k = key(v);
    const g = groups.get(k);
    if (g) g.push(v);
    else groups.set(k, [v]);
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, vs]) => [k, tiles(vs)]));
}

export function summarize(views: readonly TaskView[]): Summary {
  const next = (v: TaskView) =>
    (v.status === "Prepared" || v.status === CHANGED_AFTER_SIGNOFF || v.status === "Reviewed"
      ? v.task.reviewer
      : v.task.preparer) || "(unassigned)";
  return {
    all: tiles(views),
    byArea: groupTiles(views, (v) => v.task.area || "(no area)"),
    byPerson: groupTiles(views, next),
  };
}
