/**
 * Automatic tasks follow the close steps (src/core/close/steps). A task linked
 * "step:<id>" and marked automatic is prepared by the step's latest committed
 * run for the period (its user and time; evidence the run id) and goes back to
 * Not started when that run is reversed; a review signed for an earlier run no
 * longer counts. A check step (verify journals; rate checks, evaluated by the
 * app over the rate rows) is prepared while it finds nothing. State comes from tblRuns and the book, never from memory.
 *
 * A report step (statements) is prepared by the run that wrote its sheets (a run "statements"
 * without ledger lines, recorded by the close) and goes back to Not started when a later run posts
 * or reverses ledger lines dated up to the period end: the statements no longer show the ledger.
 *
 * Example: "Revaluation posted" linked step:revaluation; RUN-000007 (fx-revaluation,
 *   date 2026-03-31, committed by alice at 2026-04-02T10:00:00Z) →
 *   Prepared by alice at 2026-04-02T10:00:00Z, evidence RUN-000007.
 *   RUN-000007 reversed, no later run → Not started.
 */
import { hasErrors } from "../issues/issue";
import type { Book } from "../ledger/book";
import type { FiscalPeriod, RunRecord } from "../ledger/types";
import { CLOSE_STEPS, type CloseStep, ownsRun } from "../close/steps";
import type { CloseTask } from "./types";

export const SYSTEM_USER = "closebook";

export function linkedStep(
  task: Pick<CloseTask, "link">,
  steps: readonly CloseStep[] = CLOSE_STEPS,
): CloseStep | undefined {
  const m = /^step:\s*(.+)$/i.exec(task.link.trim());
  return m ? steps.find((s) => s.id === m[1]!.trim().toLowerCase()) : undefined;
}

function stepRuns(step: CloseStep, runs: readonly RunRecord[], p: FiscalPeriod): RunRecord[] {
  return runs.filter(
    (r) =>
      ownsRun(step, r, p) ||
      (r.step === step.id && r.period === p.id && (r.status === "committed" || r.status === "reversed")),
  );
}

/** A report run (the statements written) that a later run's ledger lines dated up to the period end made stale. */
function staleReport(live: RunRecord, book: Book, p: FiscalPeriod): boolean {
  const later = new Set(book.runs.slice(book.runs.indexOf(live) + 1).map((r) => r.runId));
  return later.size > 0 && book.ledger.some((l) => l.runId !== "" && later.has(l.runId) && l.date <= p.end);
}

function reset(t: CloseTask): CloseTask {
  return { ...t, status: "Not started", preparedBy: "", preparedAt: "", evidence: "", reviewedBy: "", reviewedAt: "" };
}

/** The task as the runs say it is (unchanged for a manual task, an N/A one, or a step without runs or check). */
/**
 * `checks`: the outcome of check steps the app evaluates (those needing more
 * than the book, such as rate checks over the rate rows): step id → passed.
 */
export function deriveAutomatic(
  task: CloseTask,
  book: Book,
  p: FiscalPeriod,
  steps: readonly CloseStep[] = CLOSE_STEPS,
  checks: ReadonlyMap<string, boolean> = new Map(),
): CloseTask {
  if (!task.automatic || task.status === "N/A") return task;
  const step = linkedStep(task, steps);
  if (!step) return task;
  if (step.kind === "check" && (step.propose || checks.has(step.id))) {
    const ok = checks.get(step.id) ?? !hasErrors(step.propose!(book, step.params(p, book)).issues);
    if (!ok) return reset(task);
    if (task.evidence === "check passed" && task.status === "Reviewed") return task;
    return {
      ...task,
      status: "Prepared",
      preparedBy: SYSTEM_USER,
      preparedAt: task.preparedAt,
      evidence: "check passed",
      reviewedBy: "",
      reviewedAt: "",
    };
  }
  const runs = stepRuns(step, book.runs, p);
  const live = [...runs].reverse().find((r) => r.status === "committed");
  if (!live) return runs.length || task.evidence ? reset(task) : task;
  if (step.kind === "report" && staleReport(live, book, p)) return reset(task);
  if (task.evidence === live.runId && task.status === "Reviewed") return task;
  return {
    ...task,
    status: "Prepared",
    preparedBy: live.user,
    preparedAt: live.startedAt,
    evidence: live.runId,
    reviewedBy: "",
    reviewedAt: "",
  };
}
