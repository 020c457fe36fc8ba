/**
 * The Checklist tab's pure view model: tiles, progress per area and per
 * person, the "My tasks" filter, and each task's row (status, due date and
 * whether it is late, who prepares and reviews, its blocker, its link, which
 * buttons apply), plus the sentence saying who signs.
 *
 * Example: T2 (Accruals, preparer alice, reviewer bob) depends on T1 (Prepared), due 2026-02-02, today 2026-02-03 →
 *   { id: "T2", status: "Not started", due: "2026-02-02", late: true, blocker: "Blocked by T1 (not Reviewed or N/A yet)",
 *     can: { prepare: false, review: false, reopen: false, na: true } }
 *   taskLink("range:Bank!B2:B9") → { kind: "range", sheet: "Bank", address: "B2:B9", text: "Bank!B2:B9" }
 */
import { isAssigned } from "../../core/checklist/signoff";
import { summarize, type Tiles, type TaskView } from "../../core/checklist/state";
import { CHANGED_AFTER_SIGNOFF, isDone } from "../../core/checklist/types";
import type { User } from "../../core/ledger/types";

export type TaskLink =
  | { readonly kind: "step"; readonly step: string; readonly text: string }
  | { readonly kind: "range"; readonly sheet: string; readonly address: string; readonly text: string }
  | { readonly kind: "url"; readonly url: string; readonly text: string };

/** "step:revaluation", "range:Bank!B2" ('My sheet'!A1 too) or an http(s) URL; anything else is no link. */
export function taskLink(link: string): TaskLink | undefined {
  const s = link.trim();
  const step = /^step:\s*(\S+)\s*$/i.exec(s);
  if (step) return { kind: "step", step: step[1]!, text: `Close step ${step[1]}` };
  const range = /^range:\s*(?:'((?:[^']|'')+)'|([^!]+))!\s*(\S+)\s*$/i.exec(s);
  if (range) {
    const sheet = range[1] !== undefined ? range[1].replace(/''/g, "'") : range[2]!.trim();
    return { kind: "range", sheet, address: range[3]!, text: `${sheet}!${range[3]}` };
  }
  if (/^https?:\/\/\S+$/i.test(s)) return { kind: "url", url: s, text: s };
  return undefined;
}

export interface TaskRow {
  readonly id: string;
  readonly title: string;
  readonly area: string;
  readonly status: string;
  readonly due: string;
  /** past due and not done: shown in red */
  readonly late: boolean;
  readonly preparer: string;
  readonly reviewer: string;
  /** "Prepared by alice 2026-02-03" / "Reviewed by bob 2026-02-04", when signed */
  readonly signed: readonly string[];
  readonly blocker?: string;
  /** "Changed after sign-off: ledger 100.00 → 120.00" */
  readonly changed?: string;
  readonly reason?: string;
  readonly link?: TaskLink;
  readonly can: { readonly prepare: boolean; readonly review: boolean; readonly reopen: boolean; readonly na: boolean };
}

const day = (at: string) => at.slice(0, 10);

export function taskRow(v: TaskView): TaskRow {
  const t = v.task;
  const s = v.status;
  const automatic = t.automatic && /^step:/i.test(t.link);
  const signed = [
    t.preparedBy ? `Prepared by ${t.preparedBy} ${day(t.preparedAt)}`.trim() : "",
    t.reviewedBy ? `${s === "N/A" ? "Marked N/A by" : "Reviewed by"} ${t.reviewedBy} ${day(t.reviewedAt)}`.trim() : "",
  ].filter(Boolean);
  const link = taskLink(t.link);
  return {
    id: t.id,
    title: t.title,
    area: t.area || "(no area)",
    status: s,
    due: t.due,
    late: v.pastDue,
    preparer: t.preparer || "preparer",
    reviewer: t.reviewer || "reviewer",
    signed,
    ...(v.blockedBy.length ? { blocker: `Blocked by ${v.blockedBy.join(", ")} (not Reviewed or N/A yet)` } : {}),
    ...(v.suspended
      ? { changed: `${CHANGED_AFTER_SIGNOFF}: ledger ${v.suspended.old.toString()} → ${v.suspended.now.toString()}` }
      : {}),
    ...(t.reason ? { reason: t.reason } : {}),
    ...(link ? { link } : {}),
    can: {
      prepare: !automatic && (s === "Not started" || s === "In progress") && v.blockedBy.length === 0,
      review: s === "Prepared" || s === CHANGED_AFTER_SIGNOFF,
      reopen: s === "Prepared" || s === "Reviewed" || s === CHANGED_AFTER_SIGNOFF || s === "N/A",
      na: s !== "N/A" && s !== "Reviewed",
    },
  };
}

/** Whether the task is the user's: they (or a role they hold) prepare or review it. */
export function isMine(v: TaskView, user: User | undefined): boolean {
  if (!user) return false;
  return isAssigned(user, v.task.preparer, "preparer") || isAssigned(user, v.task.reviewer, "reviewer");
}

export interface Progress {
  readonly name: string;
  readonly done: number;
  readonly total: number;
  /** whole percent, rounded down so 100 means every task done */
  readonly percent: number;
  readonly text: string;
}

function progress(name: string, t: Tiles): Progress {
  const percent = t.total ? Math.floor((t.done * 100) / t.total) : 0;
  return { name, done: t.done, total: t.total, percent, text: `${name}: ${t.done} of ${t.total} done` };
}

export interface ChecklistView {
  readonly tiles: {
    readonly pastDue: number;
    readonly dueToday: number;
    readonly blocked: number;
    readonly remaining: number;
  };
  readonly byArea: readonly Progress[];
  readonly byPerson: readonly Progress[];
  readonly rows: readonly TaskRow[];
  /** the whole checklist's count, whatever the filter */
  readonly total: number;
}

/** `mine`: only the tasks `user` prepares or reviews; tiles and progress follow the filter. */
export function checklistView(views: readonly TaskView[], user: User | undefined, mine: boolean): ChecklistView {
  const shown = mine ? views.filter((v) => isMine(v, user)) : views;
  const s = summarize(shown);
  return {
    tiles: { pastDue: s.all.pastDue, dueToday: s.all.dueToday, blocked: s.all.blocked, remaining: s.all.remaining },
    byArea: [...s.byArea].map(([k, t]) => progress(k, t)),
    byPerson: [...s.byPerson].map(([k, t]) => progress(k, t)),
    rows: shown.map(taskRow),
    total: views.length,
  };
}

/** Where the user signs: the identity caveat, said plainly. */
export function signedAsSentence(user: string): string {
  return `Signed as ${user} — chosen in this pane, not authenticated: the sign-off is tamper-evident, not proof of identity.`;
}

export type SignKind = "prepare" | "review" | "reopen" | "na";

/** Reopen and N/A need a reason (the note field); prepare and review take it as an optional note. */
export function needsReason(kind: SignKind): boolean {
  return kind === "reopen" || kind === "na";
}

export function doneCount(views: readonly TaskView[]): number {
  return views.filter((v) => isDone(v.status)).length;
}

/** the period shown first (core/checklist/defaultPeriod.ts; the Checklist tab's view command picks it too) */
export { defaultChecklistPeriod } from "../../core/checklist/defaultPeriod";
