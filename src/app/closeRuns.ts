/**
 * Preview, post and reverse a close step's proposal — the same three verbs
 * for every step (revaluation, settlement, allocations, accruals, …).
 * - preview: the proposal (vouchers and trace) written to a report sheet; the
 *   ledger is untouched.
 * - post: the proposal's vouchers checked like any posting (proposalToEntries:
 *   gate, accounts, balance) and appended as a run, with its calculation trace
 *   (tblRunTrace) and its period; refused when a committed, unreversed run
 *   already posted one of its posting keys — a rule for a period, a fiscal
 *   year (runKeys.ts) — naming that run, so a re-run never double-posts.
 *   A preview or post of a proposal with errors writes nothing.
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
import { negatedLine, type Proposal } from "../core/close/proposal";
import { hasErrors, issue, type Issue } from "../core/issues/issue";
import type { LedgerEntry } from "../core/ledger/types";
import type { Clock } from "../ports/clock";
import type { CellValue, ReportSheet, WorkbookPort } from "../ports/workbook";
import { encodeRecords } from "../schema/records";
import { LEDGER, RUN_TRACE, RUNS, tableByName } from "../schema/tables";
import { AuditWriter } from "./auditLog";
import { nextEntryNo } from "./loadBook";
import { gateSealed, integrityRefusal } from "./integrityGuard";
import { openForWrite } from "./openForWrite";
import { protectionPassword, writeProtected } from "./protectedSheets";
import { shapeOf } from "./setupWorkbook";
import { parameterKey, repeatedRunIssues, runPeriodOf } from "./runKeys";
import { finishRun, runIssue, startRun, tailOf } from "./runs";
import { runReversalIssues } from "./runReversal";
import { runTraceRows, traceText } from "./runTrace";
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

/** The result of a post or reversal that wrote nothing: `notPosted([issue])` → { posted: false, vouchers: [], lines: 0, issues: [issue] }. */
export function notPosted(
  issues: readonly Issue[],
  lines = 0,
): { posted: false; vouchers: never[]; lines: number; issues: readonly Issue[] } {
  return { posted: false, vouchers: [], lines, issues };
}

export function previewSheet(proposal: Proposal): ReportSheet {
  const rows: CellValue[][] = [
    [
      "Voucher",
      "Date",
      "Account",
      "Dimensions",
      "Currency",
      "Amount",
      "Amount (accounting)",
      "Amount (reporting)",
      "Description",
    ],
  ];
  proposal.vouchers.forEach((v, i) => {
    for (const l of v.lines) {
      const dims = Object.entries(l.dimensions)
        .filter(([, x]) => x)
        .map(([k, x]) => `${k}=${x}`)
        .join(", ");
      rows.push([
        i + 1,
        v.date,
        l.account,
        dims,
        l.currency,
        l.amount.toNumber(),
        l.amountAccounting.toNumber(),
        l.amountReporting?.toNumber() ?? null,
        l.description,
      ]);
    }
  });
  const bold = [0];
  rows.push([], ["Calculation trace"], ["Key", "Inputs", "Rate", "Formula", "Result", "Rounding residue"]);
  bold.push(rows.length - 2, rows.length - 1);
  for (const t of proposal.trace.map(traceText)) rows.push([t.key, t.inputs, t.rate, t.formula, t.result, t.residue]);
  if (proposal.issues.length) {
    rows.push([], ["Issues"]);
    bold.push(rows.length - 1);
    for (const i of proposal.issues) rows.push([i.severity, i.message, i.code]);
  }
  const width = 9;
  const params = Object.entries(proposal.parameters)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(", ");
  return {
    sheet: `Preview ${proposal.step}`.slice(0, 31),
    title: `Preview: ${proposal.step} (${params}) — nothing has been posted`,
    rows: rows.map((r) => [...r, ...Array<CellValue>(Math.max(0, width - r.length)).fill(null)]),
    numberFormats: [
      undefined,
      "yyyy-mm-dd",
      undefined,
      undefined,
      undefined,
      "#,##0.00;(#,##0.00);-",
      "#,##0.00;(#,##0.00);-",
      "#,##0.00;(#,##0.00);-",
      undefined,
    ],
    boldRows: bold,
  };
}

/** Writes the preview sheet — unless the proposal has errors: then nothing is written (undefined). */
export async function previewProposal(port: WorkbookPort, proposal: Proposal): Promise<ReportSheet | undefined> {
  if (hasErrors(proposal.issues)) return undefined;
  const sheet = previewSheet(proposal);
  await port.writeReport(sheet);
  return sheet;
}

/** What a step writes besides ledger rows, in the same run (settlement register rows, status changes). */
export interface PostExtras {
  /** rows appended to other tables (their row counts are recorded for recovery); a function is given the run id */
  readonly appends?: readonly { readonly table: string; readonly rows: Rows | ((runId: string) => Rows) }[];
  /** cells changed, with their old values for recovery */
  readonly updates?: readonly {
    readonly table: string;
    readonly row: number;
    readonly column: string;
    readonly value: CellValue;
    readonly old: CellValue;
  }[];
  /** other number sequences to move on (e.g. settlement ids) */
  readonly reserve?: readonly { readonly name: string; readonly next: number }[];
  /** record the run even when the proposal has no voucher (the extras are the point) */
  readonly allowEmpty?: boolean;
}

type Rows = readonly (readonly CellValue[])[];
const rowsFor = (rows: Rows | ((runId: string) => Rows), runId: string): Rows =>
  typeof rows === "function" ? rows(runId) : rows;

export async function postProposal(
  port: WorkbookPort,
  proposal: Proposal,
  ctx: StepContext,
  extras: PostExtras = {},
): Promise<PostResult> {
  const { book, raw, issues: readIssues } = await openForWrite(port, ctx.user, ctx.clock);
  const issues: Issue[] = [...readIssues.filter((i) => i.severity === "error"), ...proposal.issues];
  if (hasErrors(issues)) return notPosted(issues);
  const key = parameterKey(proposal.step, proposal.parameters);
  const repeated = repeatedRunIssues(book, proposal);
  if (repeated.length) return notPosted([...issues, ...repeated]);
  const extraAppends = (extras.appends ?? []).map((a) => ({
    table: a.table,
    rows: a.rows,
    count: rowsFor(a.rows, "").length,
  }));
  const hasExtras = extraAppends.some((a) => a.count > 0) || (extras.updates ?? []).length > 0;
  if (proposal.vouchers.length === 0 && !(extras.allowEmpty && hasExtras))
    return notPosted([
      ...issues,
      issue("NOTHING_TO_POST", `${proposal.step} proposes nothing to post.`, undefined, "info"),
    ]);
  const seq = findSequence(book, "voucher");
  if (isIssue(seq)) return notPosted([...issues, seq]);
  const now = ctx.clock.now();
  const built = proposalToEntries({
    setup: book.setup,
    proposal,
    user: ctx.user,
    now,
    runId: "(pending)",
    nextEntryNo: nextEntryNo(book),
    nextVoucherNo: seq.next,
    voucherPrefix: seq.prefix,
    locks: { exceptions: book.lockExceptions, sealed: gateSealed(book) },
  });
  if (hasErrors(built.issues)) return notPosted([...issues, ...built.issues]);
  // the trace is kept with the run, so an auditor can re-perform every voucher it posted
  const trace = proposal.trace.length
    ? [
        {
          table: RUN_TRACE.name,
          rows: (runId: string) => runTraceRows(runId, proposal.step, proposal.trace),
          count: proposal.trace.length,
        },
      ]
    : [];
  const appended = [...extraAppends, ...trace].filter((a) => a.count > 0);
  return appendAsRun(
    port,
    { book, raw },
    built.entries,
    built.vouchers,
    built.nextVoucherNo,
    {
      step: proposal.step,
      period: runPeriodOf(book, proposal),
      key,
      parameters: {
        ...proposal.parameters,
        ...(proposal.postingKeys ? { postingKeys: proposal.postingKeys.map((k) => k.key) } : {}),
      },
      detail: `${built.vouchers.length} vouchers, ${built.entries.length} ledger lines${appended.map((a) => `, ${a.count} ${a.table} rows`).join("")}`,
      overrides: built.overrides,
      tails: Object.fromEntries(appended.map((a) => [a.table, tailOf(raw, a.table)])),
      create: appended.map((a) => a.table).filter((t) => t === RUN_TRACE.name && !raw.get(t)),
      ...(extras.reserve ? { reserve: extras.reserve } : {}),
      ...(extras.updates?.length
        ? { restore: extras.updates.map((u) => ({ table: u.table, row: u.row, column: u.column, value: u.old })) }
        : {}),
      after: async (runId) => {
        for (const a of appended) await port.appendRows(a.table, rowsFor(a.rows, runId));
        const byTable = new Map<string, { row: number; column: string; value: CellValue }[]>();
        for (const u of extras.updates ?? [])
          byTable.set(u.table, [...(byTable.get(u.table) ?? []), { row: u.row, column: u.column, value: u.value }]);
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
    period: string;
    key: string;
    parameters: Readonly<Record<string, unknown>>;
    detail: string;
    overrides: readonly { period: string; user: string; until: string; reason: string; createdBy: string }[];
    restore?: { table: string; row: number; column: string; value: CellValue }[];
    tails?: Readonly<Record<string, number>>;
    /** tables a workbook made before they existed lacks: created (empty) before the run */
    create?: readonly string[];
    reserve?: readonly { name: string; next: number }[];
    after?: (runId: string) => Promise<void>;
  },
  ctx: StepContext,
  issues: Issue[],
): Promise<PostResult> {
  const { book, raw } = opened;
  const tampered = integrityRefusal({ book, issues });
  if (tampered.length) return notPosted([...issues, ...tampered]);
  const now = ctx.clock.now();
  const range = vouchers.length > 1 ? `${vouchers[0]}..${vouchers[vouchers.length - 1]}` : (vouchers[0] ?? "");
  const dims = book.setup.dimensions.map((d) => d.name);
  const created = (what.create ?? []).filter((t) => !raw.get(t)).map((t) => tableByName(t)!);
  const rawNow = new Map(raw);
  for (const def of created)
    rawNow.set(def.name, { name: def.name, sheet: def.sheet, headers: shapeOf(def, []).headers, rows: [] });
  // rows are written by position: every table appended to must have Closebook's columns, checked before anything is written
  const writes = {
    appends: [
      { def: LEDGER, dims },
      ...Object.keys(what.tails ?? {})
        .flatMap((t) => tableByName(t) ?? [])
        .map((def) => ({ def })),
    ],
  };
  const result = await writeProtected(port, book, { user: ctx.user, operation: what.step, now }, async () => {
    for (const def of created) await port.createTable(shapeOf(def, []), []);
    const run = await startRun(
      port,
      book,
      rawNow,
      {
        step: what.step,
        period: what.period,
        tails: { [LEDGER.name]: tailOf(raw, LEDGER.name), ...what.tails },
        parameters: { ...what.parameters, key: what.key, ...(what.restore ? { restore: what.restore } : {}) },
        user: ctx.user,
        now,
        vouchers: range,
        lines: entries.length,
        writes,
      },
      [{ name: "voucher", next: nextVoucherNo }, ...(what.reserve ?? [])],
    );
    if (runIssue(run)) return notPosted([...issues, run]);
    await port.appendRows(
      LEDGER.name,
      encodeRecords(
        LEDGER,
        dims,
        entries.map((e) => ({ ...e, runId: run.runId })),
      ),
    );
    if (what.after) await what.after(run.runId);
    await new AuditWriter(book.audit).append(port, [
      draft(now, ctx.user, what.step, { subject: range, detail: what.detail, runId: run.runId }),
      ...what.overrides.map((x) =>
        draft(now, ctx.user, "override", {
          subject: x.period,
          reason: x.reason,
          detail: `posted under the lock exception for ${x.user} until ${x.until}, created by ${x.createdBy}`,
          runId: run.runId,
        }),
      ),
    ]);
    await finishRun(port, run);
    return { posted: true, runId: run.runId, vouchers, lines: entries.length, issues };
  });
  // a sheet created here was not there to be unprotected: protect it now
  for (const def of created)
    if (!(await port.isProtected(def.sheet))) await port.protect(def.sheet, protectionPassword(book));
  return result;
}

/** Reverses a committed run: its ledger lines negated into new vouchers on the same dates. */
export async function reverseRun(
  port: WorkbookPort,
  runId: string,
  ctx: StepContext & { reason: string },
): Promise<PostResult> {
  const { book, raw, issues: readIssues } = await openForWrite(port, ctx.user, ctx.clock);
  const issues: Issue[] = readIssues.filter((i) => i.severity === "error");
  if (hasErrors(issues)) return notPosted(issues);
  const runsRaw = raw.get(RUNS.name);
  const index = book.runs.findIndex((r) => r.runId.toLowerCase() === runId.toLowerCase());
  const run = book.runs[index];
  const where = { table: RUNS.name, ...(index >= 0 ? { row: index + 1 } : {}), column: "Status" };
  if (!run) return notPosted([issue("UNKNOWN_RUN", `There is no run ${runId}.`, { table: RUNS.name })]);
  if (!ctx.reason.trim())
    return notPosted([issue("REASON_REQUIRED", `Give a reason for reversing ${run.runId}.`, where)]);
  if (run.status !== "committed")
    return notPosted([
      issue("NOT_REVERSIBLE", `Run ${run.runId} is ${run.status}; only a committed run can be reversed.`, where),
    ]);
  if (run.step === "reverse")
    return notPosted([issue("NOT_REVERSIBLE", `Run ${run.runId} is itself a reversal.`, where)]);
  const blocked = runReversalIssues(book, run.runId);
  if (blocked.length) return notPosted(blocked);
  const lines = book.ledger.filter((e) => e.runId === run.runId);
  if (lines.length === 0)
    return notPosted([issue("NOT_REVERSIBLE", `Run ${run.runId} posted no ledger lines.`, where)]);
  const seq = findSequence(book, "voucher");
  if (isIssue(seq)) return notPosted([seq]);
  const byVoucher = new Map<string, LedgerEntry[]>();
  for (const e of lines) byVoucher.set(e.voucher, [...(byVoucher.get(e.voucher) ?? []), e]);
  const proposal: Proposal = {
    step: "reverse",
    parameters: { runId: run.runId },
    trace: [],
    issues: [],
    vouchers: [...byVoucher.entries()].map(([voucher, es]) => ({
      date: es[0]!.date,
      ...(book.setup.periods.find((p) => p.id === es[0]!.period)?.kind !== "operating"
        ? { period: es[0]!.period }
        : {}),
      description: `Reversal of ${voucher} (${run.runId})`,
      lines: es.map(negatedLine),
    })),
  };
  const now = ctx.clock.now();
  const built = proposalToEntries({
    setup: book.setup,
    proposal,
    user: ctx.user,
    now,
    runId: "(pending)",
    nextEntryNo: nextEntryNo(book),
    nextVoucherNo: seq.next,
    voucherPrefix: seq.prefix,
    locks: { exceptions: book.lockExceptions, sealed: gateSealed(book) },
    source: `reversal:${run.runId}`,
  });
  if (hasErrors(built.issues)) return notPosted(built.issues);
  const runRow = (runsRaw?.rows.findIndex((r) => r.includes(run.runId)) ?? -1) + 1;
  return appendAsRun(
    port,
    { book, raw },
    built.entries,
    built.vouchers,
    built.nextVoucherNo,
    {
      step: "reverse",
      period: run.period,
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
