/**
 * The close steps' app-side hooks: what a step needs beyond its pure core
 * definition (src/core/close/steps) — the workbook (rate rows, allocation rule
 * rows, report sheets), an audit row, or extra rows with their reversal
 * (settlement's register). A step without a hook is run by the generic path in
 * closeStepByStep.ts: propose, then preview or post (posting steps), or its
 * findings (checks). Hooks are keyed by step id; a hook for an unregistered id
 * is refused at start-up.
 *
 * Example: CLOSE_STEP_HOOKS.settlement.run(…) → settle(port, { kind: "auto", date: "2026-03-31" }, "post", ctx)
 *   → { status: "ok", summary: "1 settlements; posted 1 vouchers (3 lines) as RUN-000004" }
 */
import { count } from "../core/text/count";
import { draft } from "../core/audit/auditChain";
import { draftsInPeriod } from "../core/calendar/periodChange";
import { adjustmentsOf } from "../core/close/adjustmentJournals";
import { adjustmentCounts } from "../core/close/steps/adjustments";
import { CLOSE_STEPS, storedParameters, type CloseStep, type StepParams } from "../core/close/steps";
import { reverseSettlement } from "../core/close/settlement";
import type { Proposal } from "../core/close/proposal";
import { hasErrors, type Issue } from "../core/issues/issue";
import type { FiscalPeriod, RunRecord } from "../core/ledger/types";
import { ALLOCATION_RULES, RUNS, SETTLEMENTS } from "../schema/tables";
import { cellChange, rawCell } from "../schema/typedCells";
import { postProposal, type PostResult, type StepContext } from "./closeRuns";
import { allocate, revalue, type StepMode, type StepOutcome } from "./closeSteps";
import { CLOSE_READS } from "./loadBook";
import { writeSession, type Session } from "./operation";
import { writeRun } from "./runRitual";
import { rateIssuesBeforeRun } from "./rates/rateRows";
import { settle } from "./settle";
import { recordStatementsRun } from "./checklist/statementsRun";
import { writeStatements } from "./statements";
import { textOf } from "../core/text/textOf";

export type CloseStepId = string;

export interface CloseStepRequest {
  readonly period: string;
  readonly step: CloseStepId;
  readonly mode: StepMode;
  /** inputs beyond the book, merged over the step's params (plain data, e.g. consolidation's packages and rules) */
  readonly inputs?: StepParams;
  /** continue although draft journal lines are dated in the period (recorded in the audit log with the reason) */
  readonly overrideDrafts?: { readonly reason: string };
  /**
   * A post while a run of this step for the period is posted: "refuse" (default; reverse it first) or
   * "rerun" (the one-command close: settlement and revaluation post only what is missing, allocations
   * report that they were already posted).
   */
  readonly repeat?: "refuse" | "rerun";
}

export interface CloseStepOutcome {
  readonly step: CloseStepId;
  readonly status: "ok" | "skipped" | "failed";
  readonly summary: string;
  readonly issues: readonly Issue[];
  readonly proposal?: Proposal;
  readonly posted?: PostResult;
  /** the preview sheet written (posting steps in preview mode) */
  readonly previewSheet?: string;
  /** report sheets written (journal report and statements) */
  readonly sheets?: readonly string[];
}

/** What a hook is given to run its step for one period. */
export interface StepRun {
  /** the operation the step runs in (its book current: earlier steps' postings included) */
  readonly session: Session;
  readonly step: CloseStep;
  readonly period: FiscalPeriod;
  readonly params: StepParams;
  readonly request: CloseStepRequest;
  readonly ctx: StepContext;
}

export interface CloseStepHook {
  /** runs the step instead of the generic path */
  run?(x: StepRun): Promise<CloseStepOutcome>;
  /** reverses a committed run of the step (its reason given, not blocked by runReversalIssues) instead of reverseRun */
  reverse?(session: Session, run: RunRecord, reason: string, ctx: StepContext): Promise<PostResult>;
}

export function summarize(o: StepOutcome, preview: boolean): string {
  if (preview)
    return o.proposal
      ? `${count(o.proposal.vouchers.length, "voucher")} proposed${o.preview ? ` (sheet "${o.preview.sheet}")` : "; no preview written: the proposal has errors"}`
      : "nothing proposed";
  if (o.posted?.posted)
    return `posted ${count(o.posted.vouchers.length, "voucher")} (${count(o.posted.lines, "line")}) as ${o.posted.runId}`;
  return "nothing to post";
}

/** A posting step's outcome from what its preview or post did. */
export function postingOutcome(step: CloseStepId, o: StepOutcome, mode: StepMode): CloseStepOutcome {
  return {
    step,
    status: hasErrors(o.issues) ? "failed" : "ok",
    summary: summarize(o, mode === "preview"),
    issues: o.issues,
    ...outcomeParts(o),
  };
}

export function outcomeParts(o: StepOutcome): Pick<CloseStepOutcome, "proposal" | "posted" | "previewSheet"> {
  return {
    ...(o.proposal ? { proposal: o.proposal } : {}),
    ...(o.posted ? { posted: o.posted } : {}),
    ...(o.preview ? { previewSheet: o.preview.sheet } : {}),
  };
}

const verifyJournals: CloseStepHook = {
  async run({ session, step, period: p, params, request, ctx }) {
    const loaded = session.loaded;
    const drafts = draftsInPeriod(loaded.book, p);
    const override = request.overrideDrafts;
    const found = step.propose!(loaded.book, params).issues;
    const issues = override ? found.map((i) => ({ ...i, severity: "warning" as const })) : found;
    if (drafts.length && override && request.mode !== "preview") {
      const audit = draft(ctx.clock.now(), ctx.user, "override", {
        subject: p.id,
        reason: override.reason,
        detail: `month-end close continued with ${drafts.length} draft journal lines in the period`,
      });
      const written = await writeRun(
        await writeSession(session, ctx, CLOSE_READS),
        { operation: "record a close override", now: audit.at },
        async () => ({ result: undefined, audit: [audit] }),
      );
      if (written)
        return { step: step.id, status: "failed", summary: "the override was not recorded", issues: [written] };
    }
    return {
      step: step.id,
      status: drafts.length && !override ? "failed" : "ok",
      summary: drafts.length
        ? `${count(drafts.length, "draft line")}${override ? " (overridden)" : ""}`
        : "no drafts in the period",
      issues,
    };
  },
};

const rateChecks: CloseStepHook = {
  async run({ step, params, session }) {
    const issues = rateIssuesBeforeRun(session.loaded, { asOf: String(params.asOf) });
    return {
      step: step.id,
      status: hasErrors(issues) ? "failed" : "ok",
      summary: issues.length ? `${issues.length} findings` : "complete, current, no outliers",
      issues,
    };
  },
};

const settlement: CloseStepHook = {
  async run({ session, step, params, request, ctx }) {
    const s = await settle(session, { kind: "auto", date: String(params.date) }, request.mode, ctx);
    return {
      step: step.id,
      status: hasErrors(s.issues) ? "failed" : "ok",
      summary: `${count(s.settlements.length, "settlement")}; ${summarize(s, request.mode === "preview")}`,
      issues: s.issues,
      ...outcomeParts(s),
    };
  },
  reverse: reverseSettlementRun,
};

const revaluation: CloseStepHook = {
  async run({ session, step, params, request, ctx }) {
    const r = await revalue(session, { date: String(params.date), mode: request.mode }, ctx);
    return postingOutcome(step.id, r, request.mode);
  },
};

const allocations: CloseStepHook = {
  async run({ session, step, period: p, request, ctx }) {
    if ((session.loaded.raw.get(ALLOCATION_RULES.name)?.rows.length ?? 0) === 0)
      return { step: step.id, status: "skipped", summary: "no allocation rules", issues: [] };
    const rerun = request.repeat === "rerun";
    // the one-command close's re-run leaves out the rules already posted for the period (and posts the others)
    const a = await allocate(
      session,
      { period: p.id, mode: request.mode, ...(rerun ? { skipPosted: true } : {}) },
      ctx,
    );
    const repeated = rerun && a.issues.some((i) => i.code === "REPEATED_RUN");
    // a rule whose source is zero this period has nothing to allocate: not a failure of the close
    const real = a.issues.filter((i) => i.code !== "ALLOCATION_ZERO_SOURCE");
    const nothing = !hasErrors(real) && hasErrors(a.issues);
    const summary = repeated
      ? "already posted for this period"
      : nothing
        ? "nothing to allocate (zero source)"
        : summarize(a, request.mode === "preview");
    return {
      step: step.id,
      status: hasErrors(real) && !repeated ? "failed" : "ok",
      summary,
      issues: repeated || nothing ? [] : a.issues,
      ...outcomeParts(a),
    };
  },
};

const adjustments: CloseStepHook = {
  async run({ session, step, params }) {
    // every adjustment voucher of the period (accruals, their reversals, adjustment journals), with totals;
    // the session's book: the earlier steps of the close may have posted
    const { book } = session.loaded;
    const list = adjustmentsOf(book, params as { start: string; end: string });
    const proposal = step.propose!(book, params);
    const n = list.total.count;
    const summary = `${n} adjustment voucher${n === 1 ? "" : "s"}: ${adjustmentCounts(list)}; total debit ${list.total.debit.toString()} ${book.setup.settings.accountingCurrency}`;
    return { step: step.id, status: "ok", summary, issues: [], proposal };
  },
};

const statements: CloseStepHook = {
  async run({ session, step, params, request, ctx }) {
    const st = await writeStatements(session, {
      period: String(params.period),
      ...(ctx?.user ? { user: ctx.user } : {}),
    });
    const check = st.balance?.check;
    const failed = !st.journal?.balanced || !check?.isZero();
    // recorded as a run (not in a preview): the checklist's "statements written" task follows it
    const rec =
      !failed && st.sheets.length && request.mode !== "preview"
        ? await recordStatementsRun(session, String(params.period), st.sheets, ctx)
        : undefined;
    const summary = `${count(st.journal?.vouchers.length ?? 0, "voucher")} in the journal report; balance-sheet check ${check?.toString() ?? "?"}; sheets ${st.sheets.join(", ")}${rec?.runId ? ` (${rec.runId})` : ""}`;
    return {
      step: step.id,
      status: failed ? "failed" : "ok",
      summary,
      issues: [...st.issues, ...(rec?.issues ?? [])].filter((i) => i.severity !== "info"),
      sheets: st.sheets,
    };
  },
};

/**
 * A settlement run reversed: every settlement it made reversed (realized differences negated, its
 * register rows marked reversed) and the run marked reversed, all in one run.
 */
async function reverseSettlementRun(
  session: Session,
  run: RunRecord,
  reason: string,
  ctx: StepContext,
): Promise<PostResult> {
  const { book, raw } = session.loaded;
  const tail = (r: RunRecord) => (storedParameters(r).tails as Record<string, number> | undefined)?.[SETTLEMENTS.name];
  const start = tail(run) ?? 0;
  const t = raw.get(SETTLEMENTS.name);
  const end = Math.min(
    t?.rows.length ?? 0,
    ...book.runs.map(tail).filter((n): n is number => n !== undefined && n > start),
  );
  const rows = (t?.rows ?? []).slice(start, end).map((_, i) => {
    const row = start + i + 1;
    return {
      row,
      id: textOf(rawCell(SETTLEMENTS, t, row, "settlementId")),
      status: rawCell(SETTLEMENTS, t, row, "status") ?? null,
      reversedOn: rawCell(SETTLEMENTS, t, row, "reversedOn") ?? null,
    };
  });
  const date = textOf(storedParameters(run).date);
  const ids = [...new Set(rows.filter((r) => r.status === "settled").map((r) => r.id))];
  const reversals = ids.map(
    (settlementId) =>
      reverseSettlement({
        where: book.setup.where,
        ledger: book.ledger,
        settlements: book.settlements,
        settlementId,
        date,
      }).proposal,
  );
  const runRow = (raw.get(RUNS.name)?.rows.findIndex((r) => r.includes(run.runId)) ?? -1) + 1;
  const proposal: Proposal = {
    step: "reverse",
    parameters: { runId: run.runId, reason, at: ctx.clock.now() },
    vouchers: reversals.flatMap((x) => x.vouchers),
    trace: reversals.flatMap((x) => x.trace),
    issues: reversals.flatMap((x) => x.issues),
  };
  const updates = [
    ...rows
      .filter((r) => ids.includes(r.id))
      .flatMap((r) => [
        cellChange(SETTLEMENTS, r.row, "status", "reversed", r.status),
        cellChange(SETTLEMENTS, r.row, "reversedOn", date, r.reversedOn),
      ]),
    cellChange(RUNS, runRow, "status", "reversed", "committed"),
    cellChange(RUNS, runRow, "note", `reversed (${count(ids.length, "settlement")}): ${reason}`, run.note),
  ];
  return postProposal(session, proposal, ctx, { updates, allowEmpty: true });
}

/** Refuses a hook whose id names no registered step (a typo would silently leave the step generic). */
export function checkHooks(
  hooks: Readonly<Record<string, CloseStepHook>>,
  steps: readonly CloseStep[],
): Readonly<Record<string, CloseStepHook>> {
  for (const id of Object.keys(hooks))
    if (!steps.some((s) => s.id === id)) throw new Error(`close step hook "${id}" names no registered step`);
  return hooks;
}

export const CLOSE_STEP_HOOKS = checkHooks(
  {
    "verify-journals": verifyJournals,
    "rate-checks": rateChecks,
    settlement,
    revaluation,
    allocations,
    adjustments,
    statements,
  },
  CLOSE_STEPS,
);
