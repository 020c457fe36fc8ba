/**
 * Signing a task: start, prepare (note, evidence), review (note), reopen (reason),
 * N/A (reason). Rules, each refusal an issue at the task's row:
 * - only the assigned preparer (or reviewer) — a user name, or anyone holding
 *   the named role — or a controller may sign;
 * - separation of duties: the reviewer is never the preparer, controller or not;
 * - a task whose dependencies are not Reviewed or N/A cannot be prepared (names them);
 * - a reconciliation cannot be prepared or reviewed while its unexplained
 *   difference exceeds the tolerance; signing records the ledger balance;
 * - an automatic task is prepared by its close step's run, not by hand;
 * - reopen and N/A need a reason.
 *
 * Example: T3 prepared by alice; alice reviews →
 *   SEPARATION_OF_DUTIES at tblCloseTasks row 3, Reviewed by:
 *   "alice prepared T3 and may not also review it; another reviewer must (bob, carol)."
 */
import { issue, type Issue, type IssueCode } from "../issues/issue";
import { cellAt, type Where } from "../issues/where";
import type { User } from "../ledger/types";
import type { Amount } from "../money";
import { isRoleName } from "./template";
import type { ReconState } from "./reconciliation";
import type { TaskView } from "./state";
import { CHANGED_AFTER_SIGNOFF, type CloseTask } from "./types";

export type TaskAction =
  | { readonly kind: "start" }
  | { readonly kind: "prepare"; readonly note?: string; readonly evidence?: string }
  | { readonly kind: "review"; readonly note?: string }
  | { readonly kind: "reopen"; readonly reason: string }
  | { readonly kind: "na"; readonly reason: string };

export interface SignContext {
  /** the workbook's tables (setup.where), for issue locations */
  readonly where: Pick<Where, "closeTasks" | "users">;
  readonly users: ReadonlyMap<string, User>;
  readonly now: string;
  /** the reconciliation's state, for a task with an account */
  readonly recon?: ReconState;
}

export interface SignResult {
  readonly issues: Issue[];
  readonly task?: CloseTask;
}

/** Whether `user` is who `assigned` names: the user, a role they hold; a blank assignment means the default role. */
export function isAssigned(user: User, assigned: string, defaultRole: string): boolean {
  const a = assigned.trim().toLowerCase() || defaultRole;
  return isRoleName(a) ? user.roles.has(a as never) : a === user.name.toLowerCase();
}

export function mayAct(user: User, assigned: string, defaultRole: string): boolean {
  return user.active && (isAssigned(user, assigned, defaultRole) || user.roles.has("controller"));
}

function fmt(a: Amount | undefined): string {
  return a === undefined ? "(none)" : a.toFixed(Math.max(2, a.decimalPlaces()));
}

export function signTask(view: TaskView, action: TaskAction, userName: string, ctx: SignContext): SignResult {
  const t = view.task;
  const user = ctx.users.get(userName.trim().toLowerCase());
  if (!user || !user.active)
    return {
      issues: [
        issue(
          "UNKNOWN_USER",
          `User "${userName}" is not an active user in ${ctx.where.users.table}.`,
          cellAt(ctx.where.users, "name"),
        ),
      ],
    };
  const s: Signing = {
    view,
    t,
    ctx,
    user,
    who: user.name,
    status: view.status,
    no: (code, message, key = "status") => ({
      issues: [issue(code, message, cellAt(ctx.where.closeTasks, key, t.row), "error")],
    }),
  };
  switch (action.kind) {
    case "start":
      return start(s);
    case "prepare":
      return prepare(s, action);
    case "review":
      return review(s, action);
    case "reopen":
      return reopen(s, action);
    case "na":
      return notApplicable(s, action);
  }
}

/** One sign-off: the task, its view, who signs; `no` refuses at the task's row (in the Status column unless named). */
interface Signing {
  readonly view: TaskView;
  readonly t: CloseTask;
  readonly ctx: SignContext;
  readonly user: User;
  readonly who: string;
  readonly status: TaskView["status"];
  readonly no: (code: IssueCode, message: string, key?: string) => SignResult;
}

/** A reconciliation's refusal while its difference is not given or not explained; undefined when it may be signed. */
function reconRefusal({ t, ctx, no }: Signing): SignResult | undefined {
  if (!t.account || !ctx.recon) return undefined;
  const r = ctx.recon;
  if (r.difference === undefined)
    return no(
      "RECON_NO_SUPPORT",
      `Reconciliation of ${t.account}: give the supporting balance first (closebook recon … --supporting or --range).`,
      "status",
    );
  if (!r.explained)
    return no(
      "RECON_DIFFERENCE",
      `Reconciliation of ${t.account} has an unexplained difference of ${fmt(r.difference)} (ledger ${fmt(r.ledger)}, supporting ${fmt(r.supporting)}, reconciling items ${fmt(r.items)}); explain it with reconciling items or correct the ledger.`,
    );
  return undefined;
}

/** The task with the ledger balance its reconciliation signs (the task's own otherwise). */
function withBalance({ t, ctx }: Signing): CloseTask {
  return { ...t, signedBalance: t.account && ctx.recon ? ctx.recon.ledger : t.signedBalance };
}

function start(s: Signing): SignResult {
  const { t, user, who, status, no } = s;
  if (status !== "Not started")
    return no("NO_CHANGE", `Task ${t.id} is ${status}; only a task Not started can be started.`);
  if (!mayAct(user, t.preparer, "preparer"))
    return no(
      "NOT_ASSIGNED",
      `${who} is not the preparer of ${t.id} (${t.preparer || "role preparer"}) nor a controller.`,
      "preparer",
    );
  return { issues: [], task: { ...t, status: "In progress" } };
}

function prepare(s: Signing, action: Extract<TaskAction, { kind: "prepare" }>): SignResult {
  const { view, t, ctx, user, who, status, no } = s;
  if (t.automatic && /^step:/i.test(t.link))
    return no(
      "AUTOMATIC_TASK",
      `Task ${t.id} is prepared by its close step (${t.link.slice(5)}): run or post the step.`,
    );
  if (status !== "Not started" && status !== "In progress")
    return no("NO_CHANGE", `Task ${t.id} is ${status}; reopen it before preparing it again.`);
  if (!mayAct(user, t.preparer, "preparer"))
    return no(
      "NOT_ASSIGNED",
      `${who} is not the preparer of ${t.id} (${t.preparer || "role preparer"}) nor a controller.`,
      "preparer",
    );
  if (view.blockedBy.length)
    return no(
      "TASK_BLOCKED",
      `Task ${t.id} is blocked by ${view.blockedBy.join(", ")}: ${view.blockedBy.length > 1 ? "they are" : "it is"} not Reviewed or N/A yet.`,
      "dependsOn",
    );
  const r = reconRefusal(s);
  if (r) return r;
  return {
    issues: [],
    task: {
      ...withBalance(s),
      status: "Prepared",
      preparedBy: who,
      preparedAt: ctx.now,
      note: action.note ?? t.note,
      evidence: action.evidence ?? t.evidence,
      reviewedBy: "",
      reviewedAt: "",
      reason: "",
    },
  };
}

function review(s: Signing, action: Extract<TaskAction, { kind: "review" }>): SignResult {
  const { t, ctx, user, who, status, no } = s;
  if (status !== "Prepared" && status !== CHANGED_AFTER_SIGNOFF)
    return no(
      "NOT_PREPARED",
      `Task ${t.id} is ${status}; only a Prepared task (or one changed after sign-off) can be reviewed.`,
    );
  // separation of duties first: the preparer is told so even when not the reviewer either
  if (t.preparedBy.trim().toLowerCase() === who.toLowerCase()) {
    const others = [...ctx.users.values()]
      .filter((u) => u.name.toLowerCase() !== who.toLowerCase() && mayAct(u, t.reviewer, "reviewer"))
      .map((u) => u.name);
    return no(
      "SEPARATION_OF_DUTIES",
      `${who} prepared ${t.id} and may not also review it; another reviewer must${others.length ? ` (${others.join(", ")})` : ""}.`,
      "reviewedBy",
    );
  }
  if (!mayAct(user, t.reviewer, "reviewer"))
    return no(
      "NOT_ASSIGNED",
      `${who} is not the reviewer of ${t.id} (${t.reviewer || "role reviewer"}) nor a controller.`,
      "reviewer",
    );
  const r = reconRefusal(s);
  if (r) return r;
  return {
    issues: [],
    task: { ...withBalance(s), status: "Reviewed", reviewedBy: who, reviewedAt: ctx.now, note: action.note ?? t.note },
  };
}

function reopen(s: Signing, action: Extract<TaskAction, { kind: "reopen" }>): SignResult {
  const { t, user, who, status, no } = s;
  if (status !== "Prepared" && status !== "Reviewed" && status !== CHANGED_AFTER_SIGNOFF && status !== "N/A")
    return no("NO_CHANGE", `Task ${t.id} is ${status}; there is no sign-off to reopen.`);
  if (!action.reason.trim()) return no("REASON_REQUIRED", `Give a reason to reopen ${t.id}.`, "reason");
  if (!mayAct(user, t.reviewer, "reviewer") && !mayAct(user, t.preparer, "preparer"))
    return no("NOT_ASSIGNED", `${who} is neither preparer nor reviewer of ${t.id} nor a controller.`, "reviewer");
  const { signedBalance: _dropped, ...rest } = t;
  void _dropped;
  return {
    issues: [],
    task: {
      ...rest,
      status: "In progress",
      preparedBy: "",
      preparedAt: "",
      evidence: "",
      reviewedBy: "",
      reviewedAt: "",
      reason: action.reason.trim(),
    },
  };
}

function notApplicable(s: Signing, action: Extract<TaskAction, { kind: "na" }>): SignResult {
  const { t, ctx, user, who, status, no } = s;
  if (status === "N/A") return no("NO_CHANGE", `Task ${t.id} is already N/A.`);
  if (status === "Reviewed") return no("NO_CHANGE", `Task ${t.id} is Reviewed; reopen it first.`);
  if (!action.reason.trim()) return no("REASON_REQUIRED", `Give a reason why ${t.id} does not apply.`, "reason");
  if (!mayAct(user, t.reviewer, "reviewer"))
    return no(
      "NOT_ASSIGNED",
      `${who} is not the reviewer of ${t.id} (${t.reviewer || "role reviewer"}) nor a controller; they decide a task does not apply.`,
      "reviewer",
    );
  return {
    issues: [],
    task: { ...t, status: "N/A", reviewedBy: who, reviewedAt: ctx.now, reason: action.reason.trim() },
  };
}
