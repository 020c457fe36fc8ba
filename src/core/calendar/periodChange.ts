/**
 * Period status and access changes, as plans (nothing is written here).
 * Lifecycle: Open ⇄ On hold; Open or On hold → Permanently closed, which
 * never reopens. Putting a period on hold or closing it is refused while
 * draft journal lines are dated in it, seals it (seal.ts), and needs a
 * reason; closing permanently also needs an explicit confirmation.
 * Reopening needs a reason and unseals (the seal's history is kept).
 * Access is All, None or a user group; time-boxed exceptions let one user
 * (or "*" everyone) past an access restriction until a time.
 * Only a user with a lock role may change any of this, and with "Separate
 * lock from posting" not the one who posted in the period (lockRights.ts).
 *
 * Example: hold 2026-03 with reason "March close" while tblJournal row 12 is a
 * draft dated 2026-03-30 → DRAFTS_IN_PERIOD "Period 2026-03 has 1 draft
 * journal line (rows 12); post or delete them first."
 */
import { draft, type AuditDraft } from "../audit/auditChain";
import { issue, type Issue, type IssueCode } from "../issues/issue";
import { cellAt, type TableWhere } from "../issues/where";
import type { Book } from "../ledger/book";
import type { FiscalPeriod, LockException, PeriodStatus } from "../ledger/types";
import { activeSeals, chainHead, computeSeal, type SealRecord, type SealRow } from "../seal/seal";
import { verifySeals } from "../seal/verifySeals";
import { CHECKLIST_SEALED, sealChecklist } from "../checklist/checklistSeal";
import { checklistGate } from "../checklist/lockGate";
import type { TaskView } from "../checklist/state";
import type { CloseTask } from "../checklist/types";
import { lockRoleRefusal, separationRefusal } from "./lockRights";

/** The period's close checklist, for the lock gate (checklist/lockGate.ts) and the checklist's seal. */
export interface ChecklistLock {
  readonly required: boolean;
  readonly views: readonly TaskView[];
  readonly templateSize: number;
  /** a checklist never generated for the period: refused ("error", the default) or a warning */
  readonly notGenerated?: "error" | "warning";
  /** the period's tasks as stored, sealed with the period */
  readonly stored: readonly CloseTask[];
}

export type PeriodAction =
  | { readonly kind: "hold"; readonly period: string; readonly reason: string; readonly overrideChecklist?: string }
  | { readonly kind: "reopen"; readonly period: string; readonly reason: string }
  | {
      readonly kind: "close";
      readonly period: string;
      readonly reason: string;
      readonly confirm: boolean;
      readonly overrideChecklist?: string;
    }
  | { readonly kind: "access"; readonly period: string; readonly access: string; readonly reason: string }
  | {
      readonly kind: "exception";
      readonly period: string;
      readonly user: string;
      readonly until: string;
      readonly reason: string;
    };

export interface PeriodPlan {
  readonly issues: Issue[];
  readonly period?: FiscalPeriod;
  readonly status?: PeriodStatus;
  readonly access?: string;
  readonly seal?: { readonly seal: SealRecord; readonly rows: SealRow[] };
  readonly unseal?: SealRecord;
  readonly exception?: LockException;
  readonly audit: AuditDraft[];
}

export function draftsInPeriod(book: Book, p: FiscalPeriod): number[] {
  return book.journal.filter((l) => l.status !== "Posted" && l.date >= p.start && l.date <= p.end).map((l) => l.row);
}

/** A refusal located at the period's row, in its Status (or Access) column. */
function refuser(periods: TableWhere) {
  return (code: IssueCode, message: string, p?: FiscalPeriod, key: "status" | "access" = "status"): PeriodPlan => {
    // a refusal is an error whatever the code's usual severity (NO_CHANGE is info elsewhere)
    const at = cellAt(periods, key, p?.row || undefined);
    return { issues: [issue(code, message, at, "error")], audit: [] };
  };
}

export function planPeriodChange(
  book: Book,
  action: PeriodAction,
  user: string,
  now: string,
  runId: string,
  checklist?: ChecklistLock,
): PeriodPlan {
  const refuse = refuser(book.setup.where.periods);
  const p = book.setup.periods.find((x) => x.id.toLowerCase() === action.period.toLowerCase());
  if (!p) return refuse("UNKNOWN_PERIOD", `There is no period "${action.period}" in the calendar.`);
  const u = book.setup.users.get(user.toLowerCase());
  if (!u || !u.active) return refuse("UNKNOWN_USER", `User "${user}" is not an active user in the users table.`, p);
  const noRole = lockRoleRefusal(book, u);
  if (noRole) return { issues: [noRole], audit: [] };
  if (!action.reason.trim()) return refuse("REASON_REQUIRED", `Give a reason for this change to period ${p.id}.`, p);
  if (p.status === "Permanently closed")
    return refuse("PERIOD_PERMANENT", `Period ${p.id} is permanently closed; it can never be reopened or changed.`, p);
  const separated = separationRefusal(book, u, action, p);
  if (separated) return { issues: [separated], audit: [] };
  const reason = action.reason.trim();
  const seal = activeSeals(book.seals).get(p.id);
  const c: Change = {
    book,
    p,
    u,
    now,
    runId,
    reason,
    refuse,
    audit: (what, oldValue, newValue, detail = "") =>
      draft(now, u.name, what, { subject: p.id, oldValue, newValue, reason, detail, runId }),
    seal,
    sealedNow: seal?.status === "sealed",
  };
  switch (action.kind) {
    case "hold":
    case "close":
      return planLock(c, action, checklist);
    case "reopen":
      return planReopen(c);
    case "access":
      return planAccess(c, action);
    case "exception":
      return planException(c, action);
  }
}

type User = NonNullable<ReturnType<Book["setup"]["users"]["get"]>>;

/** What every kind of change is planned with: the period, the acting user, the reason, the period's seal in force. */
interface Change {
  readonly book: Book;
  readonly p: FiscalPeriod;
  readonly u: User;
  readonly now: string;
  readonly runId: string;
  readonly reason: string;
  readonly refuse: ReturnType<typeof refuser>;
  readonly audit: (what: string, oldValue: string, newValue: string, detail?: string) => AuditDraft;
  readonly seal: SealRecord | undefined;
  readonly sealedNow: boolean;
}

/** Hold or close: no drafts in the period, the checklist's gate passed (or overridden), the period sealed (or its seal kept when intact). */
function planLock(
  c: Change,
  action: Extract<PeriodAction, { kind: "hold" | "close" }>,
  checklist: ChecklistLock | undefined,
): PeriodPlan {
  const { book, p, u, now, runId, refuse, audit } = c;
  const to: PeriodStatus = action.kind === "hold" ? "On hold" : "Permanently closed";
  if (p.status === to) return refuse("NO_CHANGE", `Period ${p.id} is already ${to}.`, p);
  if (action.kind === "close" && !action.confirm)
    return refuse("CONFIRM_REQUIRED", `Closing period ${p.id} permanently cannot be undone; confirm it.`, p);
  const drafts = draftsInPeriod(book, p);
  if (drafts.length) {
    const shown = drafts.slice(0, 20).join(", ") + (drafts.length > 20 ? `, … (${drafts.length - 20} more)` : "");
    return refuse(
      "DRAFTS_IN_PERIOD",
      `Period ${p.id} has ${drafts.length} draft journal line${drafts.length > 1 ? "s" : ""} (rows ${shown}); post or delete them first.`,
      p,
    );
  }
  const gate = checklistPart(c, to, action.overrideChecklist, checklist);
  if ("refused" in gate) return gate.refused;
  const { overridden, checklistSealed, warnings } = gate;
  if (c.sealedNow) {
    const broken = verifySeals(book.setup.where, book.ledger, book.seals, book.sealRows).filter((i) =>
      i.message.toLowerCase().includes(`period ${p.id.toLowerCase()}`),
    );
    if (broken.length) return { issues: broken, audit: [] };
    return {
      issues: warnings,
      period: p,
      status: to,
      audit: [...overridden, audit("period-status", p.status, to, "seal kept")],
    };
  }
  const s = computeSeal(book.ledger, {
    period: p.id,
    previousHash: chainHead(book.seals),
    user: u.name,
    now,
    reason: c.reason,
    runId,
  });
  return {
    issues: warnings,
    period: p,
    status: to,
    seal: s,
    audit: [
      ...overridden,
      audit("period-status", p.status, to, `sealed ${s.seal.count} ledger rows, hash ${s.seal.hash}`),
      ...checklistSealed,
    ],
  };
}

/** The close checklist's lock gate: refused, or its warnings, the override's audit row and the checklist's seal row. */
function checklistPart(
  c: Change,
  to: PeriodStatus,
  overrideChecklist: string | undefined,
  checklist: ChecklistLock | undefined,
): { refused: PeriodPlan } | { overridden: AuditDraft[]; checklistSealed: AuditDraft[]; warnings: Issue[] } {
  const { book, p, u, now, runId } = c;
  const gate = checklist
    ? checklistGate({
        ...checklist,
        where: book.setup.where,
        period: p.id,
        user: u,
        ...(overrideChecklist !== undefined ? { overrideReason: overrideChecklist } : {}),
      })
    : undefined;
  if (gate?.issues.some((i) => i.severity === "error")) return { refused: { issues: gate.issues, audit: [] } };
  const overridden = gate?.overridden
    ? [
        draft(now, u.name, "checklist-override", {
          subject: p.id,
          oldValue: gate.open.length ? `${gate.open.length} open tasks` : "checklist not generated",
          newValue: to,
          reason: overrideChecklist!.trim(),
          detail: gate.open.map((v) => `${v.task.id} ${v.status}`).join(", "),
          runId,
        }),
      ]
    : [];
  const cs = checklist && !c.sealedNow ? sealChecklist(checklist.stored) : undefined;
  const checklistSealed = cs
    ? [draft(now, u.name, CHECKLIST_SEALED, { subject: p.id, newValue: cs.hash, detail: cs.detail, runId })]
    : [];
  return { overridden, checklistSealed, warnings: gate?.issues ?? [] };
}

function planReopen(c: Change): PeriodPlan {
  const { p, u, now, runId, reason, seal, refuse, audit } = c;
  if (p.status !== "On hold")
    return refuse("NO_CHANGE", `Only a period On hold can be reopened; ${p.id} is ${p.status}.`, p);
  const unseal =
    c.sealedNow && seal
      ? { ...seal, status: "unsealed" as const, sealedBy: u.name, sealedAt: now, reason, runId }
      : undefined;
  return {
    issues: [],
    period: p,
    status: "Open",
    ...(unseal ? { unseal } : {}),
    audit: [audit("period-status", p.status, "Open", unseal ? `seal ${unseal.hash} lifted` : "")],
  };
}

function planAccess(c: Change, action: Extract<PeriodAction, { kind: "access" }>): PeriodPlan {
  const { book, p, refuse, audit } = c;
  const value = action.access.trim();
  const lower = value.toLowerCase();
  const normalized = lower === "all" ? "All" : lower === "none" ? "None" : value;
  if (!value) return refuse("BAD_ACCESS", "Access must be All, None or a user group.", p, "access");
  if (normalized !== "All" && normalized !== "None") {
    const known = [...book.setup.users.values()].some((x) => x.groups.some((g) => g.toLowerCase() === lower));
    if (!known) return refuse("UNKNOWN_GROUP", `No user belongs to a group "${value}".`, p, "access");
  }
  if (normalized === p.access)
    return refuse("NO_CHANGE", `Period ${p.id} already has access ${p.access}.`, p, "access");
  return { issues: [], period: p, access: normalized, audit: [audit("period-access", p.access, normalized)] };
}

function planException(c: Change, action: Extract<PeriodAction, { kind: "exception" }>): PeriodPlan {
  const { book, p, u, now, reason, refuse, audit } = c;
  const who = action.user.trim();
  if (who !== "*" && !book.setup.users.get(who.toLowerCase()))
    return refuse("UNKNOWN_USER", `User "${who}" is not in the users table (use * for everyone).`, p, "access");
  const until = Date.parse(action.until);
  if (Number.isNaN(until) || until <= Date.parse(now))
    return refuse("BAD_UNTIL", `An exception must end in the future (until ${action.until}).`, p, "access");
  const exception: LockException = {
    period: p.id,
    user: who,
    until: new Date(until).toISOString(),
    reason,
    createdBy: u.name,
    createdAt: now,
  };
  const same = book.lockExceptions.find(
    (x) => x.period === p.id && x.user.toLowerCase() === who.toLowerCase() && Date.parse(x.until) === until,
  );
  if (same) return refuse("NO_CHANGE", `${who} already has an exception for ${p.id} until ${same.until}.`, p, "access");
  return {
    issues: [],
    period: p,
    exception,
    audit: [audit("lock-exception", "", `${who} until ${exception.until}`)],
  };
}
