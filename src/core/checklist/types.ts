/**
 * The close checklist's domain types: a template of tasks, the work calendar
 * the due dates are counted on, the tasks of one period and their sign-offs,
 * and account reconciliations.
 *
 * Example: template task { id: "T05", area: "Cash", title: "Bank reconciliation EUR",
 *   preparer: "alice", reviewer: "reviewer" (a role: anyone holding it), due: 3, dependsOn: ["T01"] }
 *   generated for 2026-01 (period end Sat 2026-01-31) → task due Wed 2026-02-04, status "Not started".
 */
import type { Amount } from "../money";
import type { IsoDate } from "../ledger/types";

export const TASK_STATUSES = ["Not started", "In progress", "Prepared", "Reviewed", "N/A"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Shown instead of the stored status when a signed reconciliation's ledger balance moved. */
export const CHANGED_AFTER_SIGNOFF = "Changed after sign-off";

export interface TemplateTask {
  readonly id: string;
  readonly area: string;
  readonly title: string;
  readonly description: string;
  /** a user name, or a role (preparer, reviewer, controller, admin): anyone holding it */
  readonly preparer: string;
  readonly reviewer: string;
  /** business days relative to the period end (BD−2 = −2, BD+3 = 3) */
  readonly due: number;
  readonly dependsOn: readonly string[];
  /** "step:<close step id>", "range:Sheet!A1:B2" or a URL */
  readonly link: string;
  readonly automatic: boolean;
  /** a reconciliation task: the account reconciled */
  readonly account: string;
  readonly row?: number;
}

export interface WorkCalendar {
  /** 0 = Sunday … 6 = Saturday */
  readonly workingWeekdays: ReadonlySet<number>;
  readonly holidays: ReadonlySet<IsoDate>;
  /** days worked although their weekday is not a working weekday */
  readonly extraWorkingDays?: ReadonlySet<IsoDate>;
}

export interface CloseTask {
  readonly period: string;
  readonly id: string;
  readonly area: string;
  readonly title: string;
  readonly preparer: string;
  readonly reviewer: string;
  readonly due: IsoDate;
  readonly dependsOn: readonly string[];
  readonly link: string;
  readonly automatic: boolean;
  readonly account: string;
  readonly status: TaskStatus;
  readonly preparedBy: string;
  readonly preparedAt: string;
  readonly evidence: string;
  readonly reviewedBy: string;
  readonly reviewedAt: string;
  readonly note: string;
  /** why it was reopened or is N/A */
  readonly reason: string;
  /** reconciliation tasks: the ledger balance when it was last signed */
  readonly signedBalance?: Amount;
  readonly row?: number;
}

export interface ReconItem {
  readonly period: string;
  readonly account: string;
  readonly amount: Amount;
  readonly explanation: string;
  readonly row?: number;
}

export interface Reconciliation {
  readonly period: string;
  readonly account: string;
  readonly supporting?: Amount;
  /** where the supporting balance came from: "typed" or a range such as Bank!B2 */
  readonly source: string;
  readonly row?: number;
}

export function isDone(status: string): boolean {
  return status === "Reviewed" || status === "N/A";
}

export function isSigned(t: Pick<CloseTask, "status">): boolean {
  return t.status === "Prepared" || t.status === "Reviewed" || t.status === "N/A";
}
