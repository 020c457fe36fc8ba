/**
 * The close-step contract: one object per step of the month-end close, in one
 * ordered list (index.ts). The app previews, posts, reverses and runs them all
 * by looping over that list (src/app/closeStepByStep.ts); a step needs an
 * app-side hook (src/app/closeStepHooks.ts) only for what the book alone cannot
 * give it (a report sheet, the rate rows, extra register rows and their reversal).
 *
 * Example: a posting step
 *   { id: "revaluation", title: "Revaluation", kind: "posting", runStep: "fx-revaluation",
 *     params: (p) => ({ date: p.end }), propose: (book, x) => fxRevaluation({ …, date: x.date }),
 *     owns: (run, p) => run.date === p.end }
 *   registerCloseSteps([a, b, a]) → throws 'close step "a" is registered twice'
 */
import type { Proposal } from "../proposal";
import type { Book } from "../../ledger/book";
import type { FiscalPeriod, RunRecord } from "../../ledger/types";

/** check: finds problems, posts nothing; posting: posts a run (and can be reversed); report: writes sheets */
export type CloseStepKind = "check" | "posting" | "report";

export type StepParams = Readonly<Record<string, unknown>>;

export interface CloseStep<P extends StepParams = StepParams> {
  /** unique in its registry; the pane's card id and closePeriod's result id */
  readonly id: string;
  /** the title the pane shows and its buttons are named by ("Post Revaluation") */
  readonly title: string;
  /** one line for accountants */
  readonly what: string;
  readonly kind: CloseStepKind;
  /** posting steps: the step name their runs carry in tblRuns (the proposal's `step`) */
  readonly runStep?: string;
  /** the step's parameters for an operating period */
  params(period: FiscalPeriod, book: Book): P;
  /** pure: what the step would post (a check: its findings as issues, no vouchers) */
  propose?(book: Book, params: P): Proposal;
  /** which runs in tblRuns are this step's runs for the period, from their parameters (default: all runs of runStep dated its end) */
  owns?(run: StepParams, period: FiscalPeriod): boolean;
  /** a post while a run of the step is posted, in the one-command close: "delta" posts only what is missing; default: refused */
  readonly rerun?: "delta";
}

/** The parameters a run stored (tblRuns' Parameters), {} when unreadable. */
export function storedParameters(run: RunRecord): Record<string, unknown> {
  try {
    const x: unknown = JSON.parse(run.parameters);
    return typeof x === "object" && x !== null ? (x as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Whether a committed or reversed run is this step's run for the period. */
export function ownsRun(step: CloseStep, run: RunRecord, period: FiscalPeriod): boolean {
  if (!step.runStep || run.step !== step.runStep || (run.status !== "committed" && run.status !== "reversed"))
    return false;
  const x = storedParameters(run);
  return step.owns ? step.owns(x, period) : x.date === period.end;
}

/** The ordered registry; a step id registered twice is refused (thrown at start-up: a programming error, not bad input). */
export function registerCloseSteps<S extends CloseStep>(steps: readonly S[]): readonly S[] {
  const seen = new Set<string>();
  for (const s of steps) {
    if (seen.has(s.id)) throw new Error(`close step "${s.id}" is registered twice`);
    seen.add(s.id);
  }
  return Object.freeze([...steps]);
}

/** An empty proposal for a step with nothing to post (a check's findings go in `issues`). */
export function findings(step: string, parameters: StepParams, issues: Proposal["issues"]): Proposal {
  return { step, parameters: parameters as Proposal["parameters"], vouchers: [], trace: [], issues };
}
