/**
 * Generates a period's tasks from the template (and one reconciliation task
 * per account flagged "Reconcile" that no template task reconciles).
 * Regenerating keeps what was signed: a task already Prepared, Reviewed or
 * N/A is left exactly as it is; an unsigned one takes the template's current
 * title, people, due date and dependencies; template tasks not yet in the
 * period are added. Nothing is ever removed.
 *
 * Example: template T1 (due BD+1), T2 (BD+3); 2026-01 already has T1 Reviewed by bob →
 *   { update: [], add: [T2 due 2026-02-04 "Not started"] }   (T1 untouched)
 */
import type { FiscalPeriod } from "../ledger/types";
import { businessDay } from "./businessDays";
import { isSigned, type CloseTask, type TemplateTask, type WorkCalendar } from "./types";

export interface ReconcileAccount {
  readonly number: string;
  readonly name: string;
}

export const RECON_DUE = 3;

export function reconTaskId(account: string): string {
  return `REC-${account}`;
}

export interface Generated {
  /** existing unsigned tasks refreshed from the template (same row) */
  readonly update: CloseTask[];
  readonly add: CloseTask[];
}

function blank(
  period: string,
): Omit<
  CloseTask,
  "id" | "area" | "title" | "preparer" | "reviewer" | "due" | "dependsOn" | "link" | "automatic" | "account"
> {
  return {
    period,
    status: "Not started",
    preparedBy: "",
    preparedAt: "",
    evidence: "",
    reviewedBy: "",
    reviewedAt: "",
    note: "",
    reason: "",
  };
}

/** The template plus the default reconciliation tasks. */
export function effectiveTemplate(
  template: readonly TemplateTask[],
  reconcile: readonly ReconcileAccount[],
): TemplateTask[] {
  const covered = new Set(template.filter((t) => t.account).map((t) => t.account));
  const recs = reconcile
    .filter((a) => !covered.has(a.number))
    .map((a): TemplateTask => ({
      id: reconTaskId(a.number),
      area: "Reconciliations",
      title: `Reconcile ${a.number} ${a.name}`,
      description: "",
      preparer: "preparer",
      reviewer: "reviewer",
      due: RECON_DUE,
      dependsOn: [],
      link: "",
      automatic: false,
      account: a.number,
    }));
  return [...template, ...recs];
}

export function generateTasks(
  template: readonly TemplateTask[],
  period: FiscalPeriod,
  cal: WorkCalendar,
  existing: readonly CloseTask[],
): Generated {
  const mine = new Map(existing.filter((t) => t.period === period.id).map((t) => [t.id.toUpperCase(), t]));
  const update: CloseTask[] = [];
  const add: CloseTask[] = [];
  for (const t of template) {
    const due = businessDay(cal, period.end, t.due) ?? period.end;
    const fields = {
      id: t.id,
      area: t.area,
      title: t.title,
      preparer: t.preparer,
      reviewer: t.reviewer,
      due,
      dependsOn: t.dependsOn,
      link: t.link,
      automatic: t.automatic,
      account: t.account,
    };
    const old = mine.get(t.id.toUpperCase());
    if (!old) add.push({ ...blank(period.id), ...fields });
    else if (!isSigned(old)) {
      const changed = (Object.keys(fields) as (keyof typeof fields)[]).some(
        (k) => String(fields[k]) !== String(old[k]),
      );
      if (changed) update.push({ ...old, ...fields });
    }
  }
  return { update, add };
}
