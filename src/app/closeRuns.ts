/**
 * Preview, post and reverse a close step's proposal — the same three verbs
 * for every step (revaluation, settlement, allocations, accruals, …).
 * - preview: the proposal (vouchers and trace) written to a report sheet; the
 *   ledger is untouched.
 * - post: the proposal's vouchers checked like any posting (proposalToEntries:
 *   gate, accounts, balance) and appended as a run; refused when a committed,
 *   unreversed run of the same step with the same parameters exists (naming
 *   it), so a re-run never double-posts.
 * - reverse: a run's ledger lines negated into new vouchers on the same dates
 *   (gate-checked), as a run of its own; the original run is marked
 *   "reversed". Posted rows are never changed or deleted.
 *
 * Example: await postProposal(port, fxRevaluation(...), { user: "bob", clock })
 *   → { posted: true, runId: "RUN-000021", vouchers: ["GL-000301"] }
 *   and again → REPEATED_RUN "fx-revaluation with these parameters was already posted by RUN-000021".
 */
import { draft } from "../core/audit/auditChain";
import { proposalToEntries } from "../core/close/proposalToEntries";
import type { Proposal } from "../core/close/proposal";
import { hasErrors, issue, type Issue } from "../core/issues/issue";
import type { LedgerEntry, RunRecord } from "../core/ledger/types";
import { sealedPeriods } from "../core/seal/seal";
import type { Clock } from "../ports/clock";
import type { CellValue, ReportSheet, WorkbookPort } from "../ports/workbook";
import { encodeRecords } from "../schema/records";
import { LEDGER, RUNS } from "../schema/tables";
import { AuditWriter } from "./auditLog";
import { nextEntryNo } from "./loadBook";
import { openForWrite } from "./openForWrite";
import { writeProtected } from "./protectedSheets";
import { finishRun, runIssue, startRun, tailOf } from "./runs";
import { findSequence, isIssue } from "./sequences";

export interface StepContext {
  readonly user: string;
  readonly clock: Clock;
}

export interface PostResult {
  readonly posted: boolean;
  readonly runId?: string;
  readonly vouchers: readonly string[];
  readonly lines: number;
  readonly issues: readonly Issue[];
}

/** Parameters as stable text, so re-runs with the same parameters can be recognised. */
export function parameterKey(step: string, parameters: Proposal["parameters"]): string {
  return JSON.stringify([step, Object.keys(parameters).sort().map((k) => [k, parameters[k]])]);
}

function runKey(run: RunRecord): string | undefined {
  try {
    return (JSON.parse(run.parameters) as { key?: string }).key;
  } catch {
    return undefined;
  }
}

export function previewSheet(proposal: Proposal): ReportSheet {
  const rows: CellValue[][] = [["Voucher", "Date", "Account", "Dimensions", "Currency", "Amount", "Amount (accounting)", "Amount (reporting)", "Description"]];
  proposal.vouchers.forEach((v, i) => {
    for (const l of v.lines) {
      const dims = Object.entries(l.dimensions).filter(([, x]) => x).map(([k, x]) => `${k}=${x}`).join(", ");
      rows.push([i + 1, v.date, l.account, dims, l.currency, l.amount.toNumber(), l.amountAccounting.toNumber(), l.amountReporting?.toNumber() ?? null, l.description]);
    }
  });
  const bold = [0];
  rows.push([], ["Calculation trace"], ["Key", "Inputs", "Rate", "Formula", "Result", "Rounding residue"]);
  bold.push(rows.length - 2, rows.length - 1);
  for (const t of proposal.trace) {
    const inputs = Object.entries(t.inputs).map(([k, v]) => `${k} ${v}`).join("; ");
    const rate = t.rate ? `${t.rate.value} (${t.rate.type}, ${t.rate.date}, per ${t.rate.quotationUnit}; ${t.rate.how})` : "";
    rows.push([t.key, inputs, rate, t.formula, t.result, t.residue ?? ""]);
  }
  if (proposal.issues.length) {
    rows.push([], ["Issues"]);
    bold.push(rows.length - 1);
    for (const i of proposal.issues) rows.push([i.severity, i.message, i.code]);
  }
  const width = 9;
  const params = Object.entries(proposal.parameters).map(([k, v]) => `${k}=${String(v)}`).join(", ");
  return {
    sheet: `Preview ${proposal.step}`.slice(0, 31),
    title: `Preview: ${proposal.step} (${params}) — nothing has been posted`,
    rows: rows.map((r) => [...r, ...Array<CellValue>(Math.max(0, width - r.length)).fill(null)]),
    numberFormats: [undefined, "yyyy-mm-dd", undefined, undefined, undefined, "#,##0.00;(#,##0.00);-", "#,##0.00;(#,##0.00);-", "#,##0.00;(#,##0.00);-", undefined],
    boldRows: bold,
  };
}

export async function previewProposal(port: WorkbookPort, proposal: Proposal): Promise<ReportSheet> {
  const sheet = previewSheet(proposal);
  await port.writeReport(sheet);
  return sheet;
}

/** What a step writes besides ledger rows, in the same run (settlement register rows, status changes). */
export interface PostExtras {
  /** rows appended to other tables (their row counts are recorded for recovery) */
  readonly appends?: readonly { readonly table: string; readonly rows: readonly (readonly CellValue[])[] }[];
  /** cells changed, with their old values for recovery */
  readonly updates?: readonly { readonly table: string; readonly row: number; readonly column: string; readonly value: CellValue; readonly old: CellValue }[];
  /** other number sequences to move on (e.g. settlement ids) */
  readonly reserve?: readonly { readonly name: string; readonly next: number }[];
  /** record the run even when the proposal has no voucher (the extras are the point) */
  readonly allowEmpty?: boolean;
}

export async function postProposal(port: WorkbookPort, proposal: Proposal, ctx: StepContext, extras: PostExtras = {}): Promise<PostResult> {
  const { book, raw, issues: readIssues } = await openForWrite(port, ctx.user, ctx.clock);
  const issues: Issue[] = [...readIssues.filter((i) => i.severity === "error"), ...proposal.issues];
  if (hasErrors(issues)) return { posted: false, vouchers: [], lines: 0, issues };
  const key = parameterKey(proposal.step, proposal.parameters);
  const earlier = proposal.rerun === "delta" ? undefined : book.runs.find((r) => r.status === "committed" && runKey(r) === key);
  if (earlier) {
    return { posted: false, vouchers: [], lines: 0, issues: [...issues, issue("REPEATED_RUN", `${proposal.step} with these parameters was already posted by ${earlier.runId} on ${earlier.startedAt}; reverse that run before running it again.`, { table: RUNS.name, column: "Run id" })] };
  }
  const hasExtras = (extras.appends ?? []).some((a) => a.rows.length > 0) || (extras.updates ?? []).length > 0;
  if (proposal.vouchers.length === 0 && !(extras.allowEmpty && hasExtras)) return { posted: false, vouchers: [], lines: 0, issues: [...issues, issue("NOTHING_TO_POST", `${proposal.step} proposes nothing to post.`, undefined, "info")] };
  const seq = findSequence(book, "voucher");
  if (isIssue(seq)) return { posted: false, vouchers: [], lines: 0, issues: [...issues, seq] };
  const now = ctx.clock.now();
  const built = proposalToEntries({ setup: book.setup, proposal, user: ctx.user, now, runId: "(pending)", nextEntryNo: nextEntryNo(book), nextVoucherNo: seq.next, voucherPrefix: seq.prefix, locks: { exceptions: book.lockExceptions, sealed: sealedPeriods(book.seals) } });
  if (hasErrors(built.issues)) return { posted: false, vouchers: [], lines: 0, issues: [...issues, ...built.issues] };
  const appended = (extras.appends ?? []).filter((a) => a.rows.length > 0);
  return appendAsRun(
    port,
    { book, raw },
    built.entries,
    built.vouchers,
    built.nextVoucherNo,
    {
      step: proposal.step,
      key,
      parameters: proposal.parameters,
      detail: `${built.vouchers.length} vouchers, ${built.entries.length} ledger lines${appended.map((a) => `, ${a.rows.length} ${a.table} rows`).join("")}`,
      overrides: built.overrides,
      tails: Object.fromEntries(appended.map((a) => [a.table, tailOf(raw, a.table)])),
      ...(extras.reserve ? { reserve: extras.reserve } : {}),
      ...(extras.updates?.length ? { restore: extras.updates.map((u) => ({ table: u.table, row: u.row, column: u.column, value: u.old })) } : {}),
      after: async () => {
        for (const a of appended) await port.appendRows(a.table, a.rows);
        const byTable = new Map<string, { row: number; column: string; value: CellValue }[]>();
        for (const u of extras.updates ?? []) byTable.set(u.table, [...(byTable.get(u.table) ?? []), { row: u.row, column: u.column, value: u.value }]);
        for (const [table, updates] of byTable) await port.updateCells(table, updates);
      },
    },
    ctx,
    issues,
  );
}

async function appendAsRun(
  port: WorkbookPort,
  opened: Pick<Awaited<ReturnType<typeof openForWrite>>, "book" | "raw">,
  entries: LedgerEntry[],
  vouchers: string[],
  nextVoucherNo: number,
  what: {
    step: string;
    key: string;
    parameters: Readonly<Record<string, unknown>>;
    detail: string;
    overrides: readonly { period: string; user: string; until: string; reason: string; createdBy: string }[];
    restore?: { table: string; row: number; column: string; value: CellValue }[];
    tails?: Readonly<Record<string, number>>;
    reserve?: readonly { name: string; next: number }[];
    after?: (runId: string) => Promise<void>;
  },
  ctx: StepContext,
  issues: Issue[],
): Promise<PostResult> {
  const { book, raw } = opened;
  const now = ctx.clock.now();
  const range = vouchers.length > 1 ? `${vouchers[0]}..${vouchers[vouchers.length - 1]}` : (vouchers[0] ?? "");
  const dims = book.setup.dimensions.map((d) => d.name);
  return writeProtected(port, book, async () => {
    const run = await startRun(
      port,
      book,
      raw,
      { step: what.step, period: "", tails: { [LEDGER.name]: tailOf(raw, LEDGER.name), ...what.tails }, parameters: { ...what.parameters, key: what.key, ...(what.restore ? { restore: what.restore } : {}) }, user: ctx.user, now, vouchers: range, lines: entries.length },
      [{ name: "voucher", next: nextVoucherNo }, ...(what.reserve ?? [])],
    );
    if (runIssue(run)) return { posted: false, vouchers: [], lines: 0, issues: [...issues, run] };
    await port.appendRows(LEDGER.name, encodeRecords(LEDGER, dims, entries.map((e) => ({ ...e, runId: run.runId }))));
    if (what.after) await what.after(run.runId);
    await new AuditWriter(book.audit).append(port, [
      draft(now, ctx.user, what.step, { subject: range, detail: what.detail, runId: run.runId }),
      ...what.overrides.map((x) => draft(now, ctx.user, "override", { subject: x.period, reason: x.reason, detail: `posted under the lock exception for ${x.user} until ${x.until}, created by ${x.createdBy}`, runId: run.runId })),
    ]);
    await finishRun(port, run);
    return { posted: true, runId: run.runId, vouchers, lines: entries.length, issues };
  });
}

/** Reverses a committed run: its ledger lines negated into new vouchers on the same dates. */
export async function reverseRun(port: WorkbookPort, runId: string, ctx: StepContext & { reason: string }): Promise<PostResult> {
  const { book, raw, issues: readIssues } = await openForWrite(port, ctx.user, ctx.clock);
  const issues: Issue[] = readIssues.filter((i) => i.severity === "error");
  if (hasErrors(issues)) return { posted: false, vouchers: [], lines: 0, issues };
  const runsRaw = raw.get(RUNS.name);
  const index = book.runs.findIndex((r) => r.runId.toLowerCase() === runId.toLowerCase());
  const run = book.runs[index];
  const where = { table: RUNS.name, ...(index >= 0 ? { row: index + 1 } : {}), column: "Status" };
  if (!run) return { posted: false, vouchers: [], lines: 0, issues: [issue("UNKNOWN_RUN", `There is no run ${runId}.`, { table: RUNS.name })] };
  if (!ctx.reason.trim()) return { posted: false, vouchers: [], lines: 0, issues: [issue("REASON_REQUIRED", `Give a reason for reversing ${run.runId}.`, where)] };
  if (run.status !== "committed") return { posted: false, vouchers: [], lines: 0, issues: [issue("NOT_REVERSIBLE", `Run ${run.runId} is ${run.status}; only a committed run can be reversed.`, where)] };
  if (run.step === "reverse") return { posted: false, vouchers: [], lines: 0, issues: [issue("NOT_REVERSIBLE", `Run ${run.runId} is itself a reversal.`, where)] };
  const lines = book.ledger.filter((e) => e.runId === run.runId);
  if (lines.length === 0) return { posted: false, vouchers: [], lines: 0, issues: [issue("NOT_REVERSIBLE", `Run ${run.runId} posted no ledger lines.`, where)] };
  const seq = findSequence(book, "voucher");
  if (isIssue(seq)) return { posted: false, vouchers: [], lines: 0, issues: [seq] };
  const byVoucher = new Map<string, LedgerEntry[]>();
  for (const e of lines) byVoucher.set(e.voucher, [...(byVoucher.get(e.voucher) ?? []), e]);
  const proposal: Proposal = {
    step: "reverse",
    parameters: { runId: run.runId },
    trace: [],
    issues: [],
    vouchers: [...byVoucher.entries()].map(([voucher, es]) => ({
      date: es[0]!.date,
      ...(book.setup.periods.find((p) => p.id === es[0]!.period)?.kind !== "operating" ? { period: es[0]!.period } : {}),
      description: `Reversal of ${voucher} (${run.runId})`,
      lines: es.map((e) => ({ account: e.account, dimensions: e.dimensions, currency: e.currency, amount: e.amount.neg(), amountAccounting: e.amountAccounting.neg(), ...(e.amountReporting ? { amountReporting: e.amountReporting.neg() } : {}), description: `Reversal: ${e.description}` })),
    })),
  };
  const now = ctx.clock.now();
  const built = proposalToEntries({ setup: book.setup, proposal, user: ctx.user, now, runId: "(pending)", nextEntryNo: nextEntryNo(book), nextVoucherNo: seq.next, voucherPrefix: seq.prefix, locks: { exceptions: book.lockExceptions, sealed: sealedPeriods(book.seals) }, source: `reversal:${run.runId}` });
  if (hasErrors(built.issues)) return { posted: false, vouchers: [], lines: 0, issues: built.issues };
  const runRow = (runsRaw?.rows.findIndex((r) => r.includes(run.runId)) ?? -1) + 1;
  return appendAsRun(
    port,
    { book, raw },
    built.entries,
    built.vouchers,
    built.nextVoucherNo,
    {
      step: "reverse",
      key: parameterKey("reverse", { runId: run.runId, at: now }),
      parameters: { runId: run.runId, reason: ctx.reason },
      detail: `reversed ${run.runId} (${run.step}): ${built.vouchers.length} vouchers, ${built.entries.length} ledger lines; reason: ${ctx.reason}`,
      overrides: built.overrides,
      restore: [{ table: RUNS.name, row: runRow, column: "Status", value: "committed" }],
      after: async (reversal) => {
        await port.updateCells(RUNS.name, [
          { row: runRow, column: "Status", value: "reversed" },
          { row: runRow, column: "Note", value: `reversed by ${reversal}: ${ctx.reason}` },
        ]);
      },
    },
    ctx,
    [],
  );
}
