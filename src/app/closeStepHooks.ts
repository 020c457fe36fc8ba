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
import type { WorkbookPort } from "../ports/workbook";
import { normalizeHeader } from "../schema/decodeTable";
import { ALLOCATION_RULES, RUNS, SETTLEMENTS } from "../schema/tables";
import { AuditWriter } from "./auditLog";
import { postProposal, type PostResult, type StepContext } from "./closeRuns";
import { allocate, revalue, type StepMode, type StepOutcome } from "./closeSteps";
import { loadBook, type LoadedBook } from "./loadBook";
import { writeProtected } from "./protectedSheets";
import { rateIssuesBeforeRun } from "./rates/rateRows";
import { settle } from "./settle";
import { recordStatementsRun } from "./checklist/statementsRun";
import { writeStatements } from "./statements";

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
  /** the book as read before the step, reused by the checks that do not depend on postings (drafts, rates, whether rules exist) */
  readonly loaded?: LoadedBook;
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
  readonly port: WorkbookPort;
  readonly step: CloseStep;
  readonly period: FiscalPeriod;
  readonly params: StepParams;
  readonly loaded: LoadedBook;
  readonly request: CloseStepRequest;
  readonly ctx: StepContext;
}

export interface CloseStepHook {
  /** runs the step instead of the generic path */
  run?(x: StepRun): Promise<CloseStepOutcome>;
  /** reverses a committed run of the step (its reason given, not blocked by runReversalIssues) instead of reverseRun */
  reverse?(
    port: WorkbookPort,
    loaded: LoadedBook,
    run: RunRecord,
    reason: string,
    ctx: StepContext,
  ): Promise<PostResult>;
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

export function outcomeParts(o: StepOutcome): Pick<CloseStepOutcome, "proposal" | "posted" | "previewSheet"> {
  return {
    ...(o.proposal ? { proposal: o.proposal } : {}),
    ...(o.posted ? { posted: o.posted } : {}),
    ...(o.preview ? { previewSheet: o.preview.sheet } : {}),
  };
}

const verifyJournals: CloseStepHook = {
  async run({ port, step, period: p, params, loaded, request, ctx }) {
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
      await writeProtected(
        port,
        loaded.book,
        { user: ctx.user, operation: "record a close override", now: audit.at },
        () => new AuditWriter(loaded.book.audit).append(port, [audit]),
      );
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
  async run({ step, params, loaded }) {
    const issues = rateIssuesBeforeRun(loaded, { asOf: String(params.asOf) });
    return {
      step: step.id,
      status: hasErrors(issues) ? "failed" : "ok",
      summary: issues.length ? `${issues.length} findings` : "complete, current, no outliers",
      issues,
    };
  },
};

const settlement: CloseStepHook = {
  async run({ port, step, params, request, ctx }) {
    const s = await settle(port, { kind: "auto", date: String(params.date) }, request.mode, ctx);
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
  async run({ port, step, params, request, ctx }) {
    const r = await revalue(port, { date: String(params.date), mode: request.mode }, ctx);
    return {
      step: step.id,
      status: hasErrors(r.issues) ? "failed" : "ok",
      summary: summarize(r, request.mode === "preview"),
      issues: r.issues,
      ...outcomeParts(r),
    };
  },
};

const allocations: CloseStepHook = {
  async run({ port, step, period: p, loaded, request, ctx }) {
    if ((loaded.raw.get(ALLOCATION_RULES.name)?.rows.length ?? 0) === 0)
      return { step: step.id, status: "skipped", summary: "no allocation rules", issues: [] };
    const rerun = request.repeat === "rerun";
    // the one-command close's re-run leaves out the rules already posted for the period (and posts the others)
    const a = await allocate(port, { period: p.id, mode: request.mode, ...(rerun ? { skipPosted: true } : {}) }, ctx);
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
  async run({ port, step, params }) {
    // every adjustment voucher of the period (accruals, their reversals, adjustment journals), with totals;
    // read again: the earlier steps of the close may have posted
    const { book } = await loadBook(port);
    const list = adjustmentsOf(book, params as { start: string; end: string });
    const proposal = step.propose!(book, params);
    const n = list.total.count;
    const summary = `${n} adjustment voucher${n === 1 ? "" : "s"}: ${adjustmentCounts(list)}; total debit ${list.total.debit.toString()} ${book.setup.settings.accountingCurrency}`;
    return { step: step.id, status: "ok", summary, issues: [], proposal };
  },
};

const statements: CloseStepHook = {
  async run({ port, step, params, request, ctx }) {
    const st = await writeStatements(port, { period: String(params.period), ...(ctx?.user ? { user: ctx.user } : {}) });
    const check = st.balance?.check;
    const failed = !st.journal?.balanced || !check?.isZero();
    // recorded as a run (not in a preview): the checklist's "statements written" task follows it
    const rec =
      !failed && st.sheets.length && request.mode !== "preview"
        ? await recordStatementsRun(port, String(params.period), st.sheets, ctx)
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
  port: WorkbookPort,
  loaded: LoadedBook,
  run: RunRecord,
  reason: string,
  ctx: StepContext,
): Promise<PostResult> {
  const { book, raw } = loaded;
  const tail = (r: RunRecord) => (storedParameters(r).tails as Record<string, number> | undefined)?.[SETTLEMENTS.name];
  const start = tail(run) ?? 0;
  const t = raw.get(SETTLEMENTS.name);
  const end = Math.min(
    t?.rows.length ?? 0,
    ...book.runs.map(tail).filter((n): n is number => n !== undefined && n > start),
  );
  const col = (h: string) => t?.headers.findIndex((x) => normalizeHeader(String(x)) === normalizeHeader(h)) ?? -1;
  const rows = (t?.rows ?? []).slice(start, end).map((row, i) => ({
    row: start + i + 1,
    id: String(row[col("Settlement id")] ?? ""),
    status: row[col("Status")] ?? null,
    reversedOn: row[col("Reversed on")] ?? null,
  }));
  const date = String(storedParameters(run).date ?? "");
  const ids = [...new Set(rows.filter((r) => r.status === "settled").map((r) => r.id))];
  const reversals = ids.map(
    (settlementId) =>
      reverseSettlement({ ledger: book.ledger, settlements: book.settlements, settlementId, date }).proposal,
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
        { table: SETTLEMENTS.name, row: r.row, column: "Status", value: "reversed", old: r.status },
        {
          table: SETTLEMENTS.name,
          row: r.row,
          column: "Reversed on",
          value: new Date(`${date}T00:00:00Z`),
          old: r.reversedOn,
        },
      ]),
    { table: RUNS.name, row: runRow, column: "Status", value: "reversed", old: "committed" },
    {
      table: RUNS.name,
      row: runRow,
      column: "Note",
      value: `reversed (${count(ids.length, "settlement")}): ${reason}`,
      old: run.note,
    },
  ];
  return postProposal(port, proposal, ctx, { updates, allowEmpty: true });
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
