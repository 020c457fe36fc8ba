/**
 * The month-end close as single steps, each previewed, posted or reversed on
 * its own (the task pane's Close tab; closePeriod.ts runs them all in order).
 * This is the one definition of every step: verify journals are posted, rate
 * checks, settlement, revaluation, allocations, period-end adjustments, journal
 * report and statements. A step's persisted state is read from tblRuns: the
 * runs of its close step whose parameters belong to the period.
 *
 * Example: await runCloseStep(port, { period: "2026-03", step: "revaluation", mode: "post" }, ctx)
 *   → { status: "ok", summary: "posted 1 vouchers (2 lines) as RUN-000004", posted: { runId: "RUN-000004", … } }
 *   closeStepStates(port, "2026-03") → revaluation { state: "posted", runId: "RUN-000004", … }
 *   and posting it again → failed, REPEATED_RUN "Revaluation of 2026-03 was already posted as RUN-000004 …"
 */
import { draft } from "../core/audit/auditChain";
import { ALLOCATION_STEP } from "../core/close/allocations";
import { FX_REVALUATION_STEP } from "../core/close/fxRevaluation";
import type { Proposal } from "../core/close/proposal";
import { reverseSettlement, SETTLEMENT_STEP } from "../core/close/settlement";
import { draftsInPeriod } from "../core/calendar/periodChange";
import { hasErrors, issue, type Issue } from "../core/issues/issue";
import type { Book } from "../core/ledger/book";
import type { FiscalPeriod, RunRecord } from "../core/ledger/types";
import type { WorkbookPort } from "../ports/workbook";
import { normalizeHeader } from "../schema/decodeTable";
import { ALLOCATION_RULES, JOURNAL, RUNS, SETTLEMENTS } from "../schema/tables";
import { AuditWriter } from "./auditLog";
import { postProposal, reverseRun, type PostResult, type StepContext } from "./closeRuns";
import { runReversalIssues } from "./runReversal";
import { allocate, revalue, type StepMode, type StepOutcome } from "./closeSteps";
import { loadBook, type LoadedBook } from "./loadBook";
import { writeProtected } from "./protectedSheets";
import { rateIssuesBeforeRun } from "./rates/rateRows";
import { settle } from "./settle";
import { writeStatements } from "./statements";

export type CloseStepId = "verify-journals" | "rate-checks" | "settlement" | "revaluation" | "allocations" | "adjustments" | "statements";

export interface CloseStepDef {
  readonly id: CloseStepId;
  readonly title: string;
  /** whether the step posts a run (and can be reversed); the others check or report */
  readonly posts: boolean;
  /** one line for accountants */
  readonly what: string;
  /** the step name its runs carry in tblRuns */
  readonly runStep?: string;
}

export const CLOSE_STEPS: readonly CloseStepDef[] = [
  { id: "verify-journals", title: "Verify journals are posted", posts: false, what: "No draft or failed journal lines may be dated in the period." },
  { id: "rate-checks", title: "Rate checks", posts: false, what: "Exchange rates for the period end are complete, current and without outliers." },
  { id: "settlement", title: "Settlement", posts: true, runStep: SETTLEMENT_STEP, what: "Matches open items on settle accounts automatically and posts realized exchange differences." },
  { id: "revaluation", title: "Revaluation", posts: true, runStep: FX_REVALUATION_STEP, what: "Revalues foreign-currency balances at the period-end rate and posts the unrealized difference." },
  { id: "allocations", title: "Allocations", posts: true, runStep: ALLOCATION_STEP, what: "Runs the active rules in tblAllocationRules over the period's balances." },
  { id: "adjustments", title: "Period-end adjustments", posts: false, what: "Lists the accruals posted in the period and the reversals of earlier ones." },
  { id: "statements", title: "Journal report and statements", posts: false, what: "Writes the journal report, income statement and balance sheet, and checks they balance." },
];

export function closeStepDef(id: CloseStepId): CloseStepDef {
  return CLOSE_STEPS.find((s) => s.id === id)!;
}

export interface CloseStepRequest {
  readonly period: string;
  readonly step: CloseStepId;
  readonly mode: StepMode;
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

function runParameters(run: RunRecord): Record<string, unknown> {
  try {
    return JSON.parse(run.parameters) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Whether a run is this step's run for the period: settlement and revaluation dated its end, allocations over it. */
function belongsTo(def: CloseStepDef, run: RunRecord, p: FiscalPeriod): boolean {
  if (!def.runStep || run.step !== def.runStep || (run.status !== "committed" && run.status !== "reversed")) return false;
  const x = runParameters(run);
  if (def.id === "settlement") return x.date === p.end && x.mode === "automatic";
  if (def.id === "revaluation") return x.date === p.end;
  return [x.to, x.date].some((v) => String(v ?? "").split(", ").includes(p.end));
}

/** The persisted state of every step of a period: its latest posted run, else its latest reversed run, else "not run". */
export function stepStatesOf(book: Book, p: FiscalPeriod): CloseStepState[] {
  return CLOSE_STEPS.map((def) => {
    const runs = book.runs.map((r, i) => ({ r, row: i + 1 })).filter(({ r }) => belongsTo(def, r, p));
    const chosen = runs.filter(({ r }) => r.status === "committed").pop() ?? runs.pop();
    if (!chosen) return { step: def.id, state: "not run" };
    const { r, row } = chosen;
    return { step: def.id, state: r.status === "committed" ? "posted" : "reversed", runId: r.runId, vouchers: r.vouchers, startedAt: r.startedAt, user: r.user, note: r.note, row };
  });
}

function operatingPeriod(book: Book, period: string): FiscalPeriod | undefined {
  return book.setup.periods.find((x) => x.id.toLowerCase() === period.toLowerCase() && x.kind === "operating");
}

const isLoaded = (x: WorkbookPort | LoadedBook): x is LoadedBook => "book" in x && "raw" in x;

export async function closeStepStates(source: WorkbookPort | LoadedBook, period: string): Promise<CloseStepState[]> {
  const { book } = isLoaded(source) ? source : await loadBook(source);
  const p = operatingPeriod(book, period);
  return p ? stepStatesOf(book, p) : CLOSE_STEPS.map((d) => ({ step: d.id, state: "not run" }));
}

function summarize(o: StepOutcome, preview: boolean): string {
  if (preview) return o.proposal ? `${o.proposal.vouchers.length} vouchers proposed${o.preview ? ` (sheet "${o.preview.sheet}")` : "; no preview written: the proposal has errors"}` : "nothing proposed";
  if (o.posted?.posted) return `posted ${o.posted.vouchers.length} vouchers (${o.posted.lines} lines) as ${o.posted.runId}`;
  return "nothing to post";
}

function outcomeParts(o: StepOutcome): Pick<CloseStepOutcome, "proposal" | "posted" | "previewSheet"> {
  return { ...(o.proposal ? { proposal: o.proposal } : {}), ...(o.posted ? { posted: o.posted } : {}), ...(o.preview ? { previewSheet: o.preview.sheet } : {}) };
}

export async function runCloseStep(port: WorkbookPort, request: CloseStepRequest, ctx: StepContext): Promise<CloseStepOutcome> {
  const { step, mode } = request;
  const preview = mode === "preview";
  const loaded = request.loaded ?? (await loadBook(port));
  const p = operatingPeriod(loaded.book, request.period);
  const fail = (summary: string, issues: Issue[]): CloseStepOutcome => ({ step, status: "failed", summary, issues });
  if (!p) return fail("unknown period", [issue("UNKNOWN_PERIOD", `There is no operating period "${request.period}".`, { table: "tblPeriods" })]);
  const def = closeStepDef(step);
  if (def.posts && !preview && request.repeat !== "rerun") {
    const s = stepStatesOf((request.loaded ? await loadBook(port) : loaded).book, p).find((x) => x.step === step);
    if (s?.state === "posted") return fail(`already posted as ${s.runId}`, [issue("REPEATED_RUN", `${def.title} of ${p.id} was already posted as ${s.runId} on ${(s.startedAt ?? "").slice(0, 10)} by ${s.user}; reverse that run before posting it again.`, { table: RUNS.name, row: s.row!, column: "Run id" })]);
  }

  if (step === "verify-journals") {
    const drafts = draftsInPeriod(loaded.book, p);
    const override = request.overrideDrafts;
    const issues = drafts.length ? [issue("DRAFTS_IN_PERIOD", `${drafts.length} draft or failed journal lines are dated in ${p.id} (rows ${drafts.slice(0, 20).join(", ")}${drafts.length > 20 ? ", …" : ""}).`, { table: JOURNAL.name, row: drafts[0]! }, override ? "warning" : "error")] : [];
    if (drafts.length && override && !preview) {
      const audit = draft(ctx.clock.now(), ctx.user, "override", { subject: p.id, reason: override.reason, detail: `month-end close continued with ${drafts.length} draft journal lines in the period` });
      await writeProtected(port, loaded.book, () => new AuditWriter(loaded.book.audit).append(port, [audit]));
    }
    return { step, status: drafts.length && !override ? "failed" : "ok", summary: drafts.length ? `${drafts.length} draft lines${override ? " (overridden)" : ""}` : "no drafts in the period", issues };
  }

  if (step === "rate-checks") {
    const issues = rateIssuesBeforeRun(loaded, { asOf: p.end });
    return { step, status: hasErrors(issues) ? "failed" : "ok", summary: issues.length ? `${issues.length} findings` : "complete, current, no outliers", issues };
  }

  if (step === "settlement") {
    const s = await settle(port, { kind: "auto", date: p.end }, mode, ctx);
    return { step, status: hasErrors(s.issues) ? "failed" : "ok", summary: `${s.settlements.length} settlements; ${summarize(s, preview)}`, issues: s.issues, ...outcomeParts(s) };
  }

  if (step === "revaluation") {
    const r = await revalue(port, { date: p.end, mode }, ctx);
    return { step, status: hasErrors(r.issues) ? "failed" : "ok", summary: summarize(r, preview), issues: r.issues, ...outcomeParts(r) };
  }

  if (step === "allocations") {
    if ((loaded.raw.get(ALLOCATION_RULES.name)?.rows.length ?? 0) === 0) return { step, status: "skipped", summary: "no allocation rules", issues: [] };
    // the one-command close's re-run leaves out the rules already posted for the period (and posts the others)
    const a = await allocate(port, { period: p.id, mode, ...(request.repeat === "rerun" ? { skipPosted: true } : {}) }, ctx);
    const repeated = request.repeat === "rerun" && a.issues.some((i) => i.code === "REPEATED_RUN");
    // a rule whose source is zero this period has nothing to allocate: not a failure of the close
    const real = a.issues.filter((i) => i.code !== "ALLOCATION_ZERO_SOURCE");
    const nothing = !hasErrors(real) && hasErrors(a.issues);
    const summary = repeated ? "already posted for this period" : nothing ? "nothing to allocate (zero source)" : summarize(a, preview);
    return { step, status: hasErrors(real) && !repeated ? "failed" : "ok", summary, issues: repeated || nothing ? [] : a.issues, ...outcomeParts(a) };
  }

  if (step === "adjustments") {
    // accruals post with their journals (Auto-reverse) and reverse on the first day of the next period
    const { book } = await loadBook(port);
    const accruals = new Set(book.journal.filter((l) => l.autoReverse && l.status === "Posted" && l.date >= p.start && l.date <= p.end).map((l) => l.postedVoucher));
    const reversals = new Set(book.ledger.filter((e) => e.date >= p.start && e.date <= p.end && e.description.startsWith("Reversal of accrual")).map((e) => e.voucher));
    return { step, status: "ok", summary: `${accruals.size} accruals posted in the period (reversing on the first day of the next), ${reversals.size} reversals of earlier accruals`, issues: [] };
  }

  const st = await writeStatements(port, { period: p.id });
  const check = st.balance?.check;
  const failed = !st.journal?.balanced || !check?.isZero();
  const summary = `${st.journal?.vouchers.length ?? 0} vouchers in the journal report; balance-sheet check ${check?.toString() ?? "?"}; sheets ${st.sheets.join(", ")}`;
  return { step, status: failed ? "failed" : "ok", summary, issues: st.issues.filter((i) => i.severity !== "info"), sheets: st.sheets };
}

export interface ReverseStepRequest {
  readonly runId: string;
  readonly reason: string;
}

/**
 * Reverses a close step's run. Revaluation and allocation runs: their ledger lines negated (reverseRun).
 * A settlement run: every settlement it made reversed (realized differences negated, register rows
 * marked reversed) and the run marked reversed, all in one run.
 */
export async function reverseCloseStep(port: WorkbookPort, request: ReverseStepRequest, ctx: StepContext): Promise<PostResult> {
  const loaded = await loadBook(port);
  const run = loaded.book.runs.find((r) => r.runId.toLowerCase() === request.runId.trim().toLowerCase());
  if (run?.step !== SETTLEMENT_STEP || run.status !== "committed" || !request.reason.trim()) return reverseRun(port, request.runId.trim(), { ...ctx, reason: request.reason });
  const blocked = runReversalIssues(loaded.book, run.runId);
  if (blocked.length) return { posted: false, vouchers: [], lines: 0, issues: blocked };
  return reverseSettlementRun(port, loaded, run, request.reason, ctx);
}

async function reverseSettlementRun(port: WorkbookPort, loaded: LoadedBook, run: RunRecord, reason: string, ctx: StepContext): Promise<PostResult> {
  const { book, raw } = loaded;
  const tail = (r: RunRecord) => (runParameters(r).tails as Record<string, number> | undefined)?.[SETTLEMENTS.name];
  const start = tail(run) ?? 0;
  const t = raw.get(SETTLEMENTS.name);
  const end = Math.min(t?.rows.length ?? 0, ...book.runs.map(tail).filter((n): n is number => n !== undefined && n > start));
  const col = (h: string) => t?.headers.findIndex((x) => normalizeHeader(String(x)) === normalizeHeader(h)) ?? -1;
  const rows = (t?.rows ?? []).slice(start, end).map((row, i) => ({ row: start + i + 1, id: String(row[col("Settlement id")] ?? ""), status: row[col("Status")] ?? null, reversedOn: row[col("Reversed on")] ?? null }));
  const date = String(runParameters(run).date ?? "");
  const ids = [...new Set(rows.filter((r) => r.status === "settled").map((r) => r.id))];
  const reversals = ids.map((settlementId) => reverseSettlement({ ledger: book.ledger, settlements: book.settlements, settlementId, date }).proposal);
  const runRow = (raw.get(RUNS.name)?.rows.findIndex((r) => r.includes(run.runId)) ?? -1) + 1;
  const proposal: Proposal = {
    step: "reverse",
    parameters: { runId: run.runId, reason, at: ctx.clock.now() },
    vouchers: reversals.flatMap((x) => x.vouchers),
    trace: reversals.flatMap((x) => x.trace),
    issues: reversals.flatMap((x) => x.issues),
  };
  const updates = [
    ...rows.filter((r) => ids.includes(r.id)).flatMap((r) => [
      { table: SETTLEMENTS.name, row: r.row, column: "Status", value: "reversed", old: r.status },
      { table: SETTLEMENTS.name, row: r.row, column: "Reversed on", value: new Date(`${date}T00:00:00Z`), old: r.reversedOn },
    ]),
    { table: RUNS.name, row: runRow, column: "Status", value: "reversed", old: "committed" },
    { table: RUNS.name, row: runRow, column: "Note", value: `reversed (${ids.length} settlements): ${reason}`, old: run.note },
  ];
  return postProposal(port, proposal, ctx, { updates, allowEmpty: true });
}
