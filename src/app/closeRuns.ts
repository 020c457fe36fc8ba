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
import type { Book } from "../core/ledger/book";
import type { LedgerEntry } from "../core/ledger/types";
import type { Clock } from "../ports/clock";
import type { CellValue, ReportSheet } from "../ports/workbook";
import { encodeRecords } from "../schema/records";
import { LEDGER, RUN_TRACE, RUNS, tableByName } from "../schema/tables";
import { cellUpdates, header, headers, where as located } from "../schema/typedCells";
import { ALL_BUT_JOURNAL, nextEntryNo } from "./loadBook";
import { gateSealed, integrityRefusal } from "./integrityGuard";
import { portOf, writeSession, type Session, type Source } from "./operation";
import { writeRun } from "./runRitual";
import { parameterKey, repeatedRunIssues, runPeriodOf } from "./runKeys";
import { tailOf } from "./runs";
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
  // the ledger lines the run would append, under the ledger's own headers
  const rows: CellValue[][] = [
    [
      ...headers(LEDGER, ["voucher", "date", "account"]),
      "Dimensions",
      ...headers(LEDGER, ["currency", "amount", "amountAccounting", "amountReporting", "description"]),
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
  rows.push(
    [],
    ["Calculation trace"],
    [...headers(RUN_TRACE, ["key", "inputs", "rate", "formula", "result"]), "Rounding residue"],
  );
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
export async function previewProposal(source: Source, proposal: Proposal): Promise<ReportSheet | undefined> {
  if (hasErrors(proposal.issues)) return undefined;
  const sheet = previewSheet(proposal);
  await portOf(source).writeReport(sheet);
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
  source: Source,
  proposal: Proposal,
  ctx: StepContext,
  extras: PostExtras = {},
): Promise<PostResult> {
  const session = await writeSession(source, ctx, ALL_BUT_JOURNAL);
  const { port } = session;
  const { book, raw, issues: readIssues } = session.loaded;
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
  const built = entriesOf(book, proposal, ctx.user, now, seq);
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
    session,
    built,
    {
      now,
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
    issues,
  );
}

/** A proposal's ledger entries, numbered after the book's, checked by the posting gate. */
function entriesOf(
  book: Book,
  proposal: Proposal,
  user: string,
  now: string,
  seq: { readonly next: number; readonly prefix: string },
  source?: string,
): ReturnType<typeof proposalToEntries> {
  return proposalToEntries({
    setup: book.setup,
    proposal,
    user,
    now,
    runId: "(pending)",
    nextEntryNo: nextEntryNo(book),
    nextVoucherNo: seq.next,
    voucherPrefix: seq.prefix,
    locks: { exceptions: book.lockExceptions, sealed: gateSealed(book) },
    ...(source ? { source } : {}),
  });
}

async function appendAsRun(
  session: Session,
  { entries, vouchers, nextVoucherNo }: { entries: LedgerEntry[]; vouchers: string[]; nextVoucherNo: number },
  what: {
    now: string;
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
  issues: Issue[],
): Promise<PostResult> {
  const { book, raw } = session.loaded;
  const tampered = integrityRefusal({ book, issues });
  if (tampered.length) return notPosted([...issues, ...tampered]);
  const range = vouchers.length > 1 ? `${vouchers[0]}..${vouchers[vouchers.length - 1]}` : (vouchers[0] ?? "");
  const dims = book.setup.dimensions.map((d) => d.name);
  // rows are written by position: every table appended to must have Closebook's columns, checked before anything is written
  const writes = {
    appends: [
      { def: LEDGER, dims },
      ...Object.keys(what.tails ?? {})
        .flatMap((t) => tableByName(t) ?? [])
        .map((def) => ({ def })),
    ],
  };
  const done = await writeRun(
    session,
    {
      operation: what.step,
      now: what.now,
      create: (what.create ?? []).flatMap((t) => tableByName(t) ?? []),
      run: {
        step: what.step,
        period: what.period,
        tails: { [LEDGER.name]: tailOf(raw, LEDGER.name), ...what.tails },
        parameters: { ...what.parameters, key: what.key, ...(what.restore ? { restore: what.restore } : {}) },
        vouchers: range,
        lines: entries.length,
        writes,
        reserve: [{ name: "voucher", next: nextVoucherNo }, ...(what.reserve ?? [])],
      },
    },
    async ({ port, runId, user, now }) => {
      await port.appendRows(
        LEDGER.name,
        encodeRecords(
          LEDGER,
          dims,
          entries.map((e) => ({ ...e, runId })),
        ),
      );
      if (what.after) await what.after(runId);
      const posted: PostResult = { posted: true, runId, vouchers, lines: entries.length, issues };
      return {
        result: posted,
        audit: [
          draft(now, user, what.step, { subject: range, detail: what.detail, runId }),
          ...what.overrides.map((x) =>
            draft(now, user, "override", {
              subject: x.period,
              reason: x.reason,
              detail: `posted under the lock exception for ${x.user} until ${x.until}, created by ${x.createdBy}`,
              runId,
            }),
          ),
        ],
      };
    },
  );
  return "code" in done ? notPosted([...issues, done]) : done;
}

/** Reverses a committed run: its ledger lines negated into new vouchers on the same dates. */
export async function reverseRun(
  source: Source,
  runId: string,
  ctx: StepContext & { reason: string },
): Promise<PostResult> {
  const session = await writeSession(source, ctx, ALL_BUT_JOURNAL);
  const { port } = session;
  const { book, raw, issues: readIssues } = session.loaded;
  const issues: Issue[] = readIssues.filter((i) => i.severity === "error");
  if (hasErrors(issues)) return notPosted(issues);
  const runsRaw = raw.get(RUNS.name);
  const index = book.runs.findIndex((r) => r.runId.toLowerCase() === runId.toLowerCase());
  const run = book.runs[index];
  const where = located(RUNS, "status", index >= 0 ? index + 1 : undefined);
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
  const built = entriesOf(book, proposal, ctx.user, now, seq, `reversal:${run.runId}`);
  if (hasErrors(built.issues)) return notPosted(built.issues);
  const runRow = (runsRaw?.rows.findIndex((r) => r.includes(run.runId)) ?? -1) + 1;
  return appendAsRun(
    session,
    built,
    {
      now,
      step: "reverse",
      period: run.period,
      key: parameterKey("reverse", { runId: run.runId, at: now }),
      parameters: { runId: run.runId, reason: ctx.reason },
      detail: `reversed ${run.runId} (${run.step}): ${built.vouchers.length} vouchers, ${built.entries.length} ledger lines; reason: ${ctx.reason}`,
      overrides: built.overrides,
      restore: [{ table: RUNS.name, row: runRow, column: header(RUNS, "status"), value: "committed" }],
      after: async (reversal) => {
        await port.updateCells(
          RUNS.name,
          cellUpdates(RUNS, runRow, { status: "reversed", note: `reversed by ${reversal}: ${ctx.reason}` }),
        );
      },
    },
    [],
  );
}
