/**
 * The month-end close as single steps, each previewed, posted or reversed on
 * its own (the task pane's Close tab; closePeriod.ts runs them all in order).
 * The steps are the registry in src/core/close/steps (one file per step, one
 * ordered list); this file is the loop over it: a step's hook
 * (closeStepHooks.ts) when it has one, else the generic path — propose, then
 * preview or post as a run (a posting step) or report its findings (a check).
 * A step's persisted state is read from tblRuns: the runs it owns for the period.
 *
 * Example: await runCloseStep(port, { period: "2026-03", step: "revaluation", mode: "post" }, ctx)
 *   → { status: "ok", summary: "posted 1 vouchers (2 lines) as RUN-000004", posted: { runId: "RUN-000004", … } }
 *   closeStepStates(port, "2026-03") → revaluation { state: "posted", runId: "RUN-000004", … }
 *   and posting it again → failed, REPEATED_RUN "Revaluation of 2026-03 was already posted as RUN-000004 …"
 */
import { CLOSE_STEPS, ownsRun, type CloseStep } from "../core/close/steps";
import { hasErrors, issue, type Issue } from "../core/issues/issue";
import type { Book } from "../core/ledger/book";
import type { FiscalPeriod } from "../core/ledger/types";
import { PERIODS, RUNS } from "../schema/tables";
import { notPosted, reverseRun, type PostResult, type StepContext } from "./closeRuns";
import {
  CLOSE_STEP_HOOKS,
  postingOutcome,
  type CloseStepId,
  type CloseStepOutcome,
  type CloseStepRequest,
} from "./closeStepHooks";
import { runProposal } from "./closeSteps";
import { CLOSE_READS, type LoadedBook } from "./loadBook";
import { isSession, readBook, readSession, type Session, type Source } from "./operation";
import { runReversalIssues } from "./runReversal";
import { where } from "../schema/typedCells";

export { CLOSE_STEPS };
export type { CloseStepId, CloseStepOutcome, CloseStepRequest };
/** a registered close step (src/core/close/steps) */
export type CloseStepDef = CloseStep;

export function closeStepDef(id: CloseStepId, steps: readonly CloseStep[] = CLOSE_STEPS): CloseStep {
  const def = steps.find((s) => s.id === id);
  if (!def) throw new Error(`no close step "${id}"`);
  return def;
}

export type PersistedStepState = "not run" | "posted" | "reversed";

export interface CloseStepState {
  readonly step: CloseStepId;
  readonly state: PersistedStepState;
  readonly runId?: string;
  /** the run's voucher range ("GL-000321..GL-000334"), blank when it posted none */
  readonly vouchers?: string;
  readonly startedAt?: string;
  readonly user?: string;
  /** tblRuns' note (for a reversed run: by which run and why) */
  readonly note?: string;
  /** 1-based data row of the run in tblRuns */
  readonly row?: number;
}

/** The persisted state of every step of a period: its latest posted run, else its latest reversed run, else "not run". */
export function stepStatesOf(book: Book, p: FiscalPeriod, steps: readonly CloseStep[] = CLOSE_STEPS): CloseStepState[] {
  return steps.map((def) => {
    const runs = book.runs.map((r, i) => ({ r, row: i + 1 })).filter(({ r }) => ownsRun(def, r, p));
    const chosen = runs.filter(({ r }) => r.status === "committed").pop() ?? runs.pop();
    if (!chosen) return { step: def.id, state: "not run" };
    const { r, row } = chosen;
    return {
      step: def.id,
      state: r.status === "committed" ? "posted" : "reversed",
      runId: r.runId,
      vouchers: r.vouchers,
      startedAt: r.startedAt,
      user: r.user,
      note: r.note,
      row,
    };
  });
}

export function operatingPeriod(book: Book, period: string): FiscalPeriod | undefined {
  return book.setup.periods.find((x) => x.id.toLowerCase() === period.toLowerCase() && x.kind === "operating");
}

export function unknownPeriod(period: string): Issue {
  return issue("UNKNOWN_PERIOD", `There is no operating period "${period}".`, where(PERIODS));
}

const isLoaded = (x: Source | LoadedBook): x is LoadedBook => !isSession(x) && "book" in x && "raw" in x;

export async function closeStepStates(
  source: Source | LoadedBook,
  period: string,
  steps: readonly CloseStep[] = CLOSE_STEPS,
): Promise<CloseStepState[]> {
  // the states are the runs table's (stepStatesOf): nothing beyond the setup and runs is read
  const { book } = isLoaded(source) ? source : await readBook(source, []);
  const p = operatingPeriod(book, period);
  return p ? stepStatesOf(book, p, steps) : steps.map((d) => ({ step: d.id, state: "not run" }));
}

/** The generic path of a step without a hook: a posting step previews or posts its proposal; a check reports its findings. */
async function runGeneric(
  port: Session,
  def: CloseStep,
  book: Book,
  params: Readonly<Record<string, unknown>>,
  request: CloseStepRequest,
  ctx: StepContext,
): Promise<CloseStepOutcome> {
  const proposal = def.propose?.(book, params);
  if (def.kind === "posting" && proposal) {
    return postingOutcome(def.id, await runProposal(port, proposal, request.mode, ctx), request.mode);
  }
  const issues = proposal?.issues ?? [];
  return {
    step: def.id,
    status: hasErrors(issues) ? "failed" : "ok",
    summary: issues.length ? `${issues.length} findings` : "no findings",
    issues,
    ...(proposal ? { proposal } : {}),
  };
}

export async function runCloseStep(
  source: Source,
  request: CloseStepRequest,
  ctx: StepContext,
  steps: readonly CloseStep[] = CLOSE_STEPS,
): Promise<CloseStepOutcome> {
  const { step, mode } = request;
  const session = await readSession(source, CLOSE_READS);
  const loaded = session.loaded;
  const p = operatingPeriod(loaded.book, request.period);
  const fail = (summary: string, issues: Issue[]): CloseStepOutcome => ({ step, status: "failed", summary, issues });
  if (!p) return fail("unknown period", [unknownPeriod(request.period)]);
  const def = closeStepDef(step, steps);
  if (def.kind === "posting" && mode !== "preview" && request.repeat !== "rerun") {
    const s = stepStatesOf(loaded.book, p, steps).find((x) => x.step === step);
    if (s?.state === "posted")
      return fail(`already posted as ${s.runId}`, [
        issue(
          "REPEATED_RUN",
          `${def.title} of ${p.id} was already posted as ${s.runId} on ${(s.startedAt ?? "").slice(0, 10)} by ${s.user}; reverse that run before posting it again.`,
          where(RUNS, "runId", s.row),
        ),
      ]);
  }
  const params = { ...def.params(p, loaded.book), ...request.inputs };
  // hooks belong to the registered steps themselves (a test registry's own step of the same id runs generic)
  const hook = CLOSE_STEPS.includes(def) ? CLOSE_STEP_HOOKS[def.id] : undefined;
  if (hook?.run) return hook.run({ session, step: def, period: p, params, request, ctx });
  return runGeneric(session, def, loaded.book, params, request, ctx);
}

export interface ReverseStepRequest {
  readonly runId: string;
  readonly reason: string;
}

/**
 * Reverses a close step's run: the hook of the step that owns it when it has one (a settlement run:
 * every settlement it made reversed, its register rows marked reversed, the run marked reversed, in
 * one run); otherwise its ledger lines negated (reverseRun).
 */
export async function reverseCloseStep(
  source: Source,
  request: ReverseStepRequest,
  ctx: StepContext,
  steps: readonly CloseStep[] = CLOSE_STEPS,
): Promise<PostResult> {
  const session = await readSession(source);
  const loaded = session.loaded;
  const run = loaded.book.runs.find((r) => r.runId.toLowerCase() === request.runId.trim().toLowerCase());
  const def = run && steps.find((s) => s.runStep === run.step);
  const reverse = def && CLOSE_STEPS.includes(def) ? CLOSE_STEP_HOOKS[def.id]?.reverse : undefined;
  if (!run || !reverse || run.status !== "committed" || !request.reason.trim())
    return reverseRun(session, request.runId.trim(), { ...ctx, reason: request.reason });
  const blocked = runReversalIssues(loaded.book, run.runId);
  if (blocked.length) return notPosted(blocked);
  return reverse(session, run, request.reason, ctx);
}
