/**
 * A period's checklist as read from the workbook: the tables decoded, the
 * automatic tasks derived from tblRuns, each reconciliation's ledger balance
 * (trial balance at period end), difference and suspension, and the views
 * (status shown, blocked by, past due) the CLI, the gate and the sheets use.
 *
 * Example: periodChecklist(book, decodeChecklist(raw), "2026-01", "2026-02-03")
 *   → { period, tasks: [...], views: [{ task: T1, status: "Reviewed", blockedBy: [] }, …], recon: Map { "1010" → {…} } }
 */
import { auditedTasks } from "../../core/checklist/audited";
import { deriveAutomatic } from "../../core/checklist/automatic";
import { ledgerBalancesAt, reconState, type ReconState } from "../../core/checklist/reconciliation";
import { viewTasks, type TaskView } from "../../core/checklist/state";
import type { CloseTask } from "../../core/checklist/types";
import { CLOSE_STEPS } from "../../core/close/steps";
import { hasErrors, issue, type Issue } from "../../core/issues/issue";
import type { Book } from "../../core/ledger/book";
import type { FiscalPeriod } from "../../core/ledger/types";
import type { RawTable } from "../../ports/workbook";
import type { ChecklistData } from "../../schema/checklistCodec";
import { PERIODS } from "../../schema/tables";
import { rateIssuesBeforeRun } from "../rates/rateRows";
import { where } from "../../schema/typedCells";

export interface PeriodChecklist {
  readonly period: FiscalPeriod;
  readonly data: ChecklistData;
  /** the period's tasks, automatic ones derived from the runs */
  readonly tasks: CloseTask[];
  readonly views: TaskView[];
  readonly recon: ReadonlyMap<string, ReconState>;
  /** sign-offs the audit log does not hold (typed into the sheet) */
  readonly issues: readonly Issue[];
}

export function findPeriod(book: Book, id: string): FiscalPeriod | Issue {
  const p = book.setup.periods.find((x) => x.id.toLowerCase() === id.trim().toLowerCase());
  return p ?? issue("UNKNOWN_PERIOD", `There is no period "${id}" in the calendar.`, where(PERIODS, "id"));
}

/** `raw`, when given, lets rate checks (which read the rate rows) prepare their automatic task. */
export function periodChecklist(
  book: Book,
  data: ChecklistData,
  p: FiscalPeriod,
  today: string,
  raw?: ReadonlyMap<string, RawTable | undefined>,
): PeriodChecklist {
  const audited = auditedTasks(
    data.tasks.filter((t) => t.period === p.id),
    book.audit,
    book.setup.where,
  );
  const wantsRates = raw && audited.tasks.some((t) => t.automatic && /^step:\s*rate-checks\s*$/i.test(t.link));
  const checks = new Map<string, boolean>(
    wantsRates ? [["rate-checks", !hasErrors(rateIssuesBeforeRun({ book, raw }, { asOf: p.end }))]] : [],
  );
  const tasks = audited.tasks.map((t) => deriveAutomatic(t, book, p, CLOSE_STEPS, checks));
  const accounts = [...new Set(tasks.map((t) => t.account).filter(Boolean))];
  const ledger = ledgerBalancesAt(book.ledger, book.setup, p, accounts);
  const recon = new Map(
    accounts.map((a) => [
      a,
      reconState(
        a,
        ledger.get(a)!,
        data.recons.filter((r) => r.period === p.id && r.account === a).pop(),
        data.items.filter((i) => i.period === p.id),
        data.tolerance,
      ),
    ]),
  );
  return { period: p, data, tasks, views: viewTasks(tasks, today, ledger), recon, issues: audited.issues };
}
