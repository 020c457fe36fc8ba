/**
 * Use case: the year-end close. Creates the next fiscal year from the
 * calendar pattern when it is missing, then proposes opening vouchers on the
 * first day of the new year (balance-sheet accounts carried, the net profit
 * or loss into retained earnings) and, optionally, closing vouchers in the
 * closed year's closing period. A second close of the same year either
 * reverses the first and recreates it, or posts only the difference — as the
 * setting "Year-end re-run" says. A preview with the next year missing shows
 * the openings as if it existed, and writes nothing to the calendar.
 * reverseYearEnd takes back every unreversed year-end run of a year in one run
 * (yearEndReversal.ts); runReversalIssues says why one run may not be reversed
 * on its own (a later run builds on it, or it settled inside a closed year).
 *
 * Example: await yearEnd(port, { fiscalYear: "FY2026", closingVouchers: true, mode: "post" }, ctx)
 *   → FY2027 created; GL-000400 (FY2026-CLOSE) and GL-000401 (FY2027-OPEN) posted as RUN-000031
 *   await reverseYearEnd(port, { fiscalYear: "FY2026", reason: "late invoices" }, ctx)
 *   → GL-000402..GL-000403 posted as RUN-000032; RUN-000031 marked reversed
 */
import { buildFiscalYear } from "../core/calendar/fiscalYear";
import { yearEndClose } from "../core/close/yearEndClose";
import { reverseYearEndClose } from "../core/close/yearEndReversal";
import { closedYears } from "../core/close/yearEndState";
import { hasErrors, issue, type Issue } from "../core/issues/issue";
import { encodeRecords } from "../schema/records";
import { PERIODS, RUNS } from "../schema/tables";
import { cellChange } from "../schema/typedCells";
import { postProposal, type StepContext } from "./closeRuns";
import { runProposal, type StepMode, type StepOutcome } from "./closeSteps";
import { draft } from "../core/audit/auditChain";
import { ALL_BUT_JOURNAL } from "./loadBook";
import { readSession, writeSession, type Source } from "./operation";
import { tailOf } from "./runs";
import { writeRun } from "./runRitual";

export interface YearEndRequest {
  readonly fiscalYear: string;
  readonly closingVouchers?: boolean;
  readonly keepDetail?: boolean;
  /** per dimension, the value the P&L goes to on retained earnings ("" = blank); unlisted dimensions keep their values */
  readonly single?: Readonly<Record<string, string>>;
  readonly mode: StepMode;
}

/** Appends the next fiscal year's periods (opening, 12 months, closing), as a run. */
async function createYear(
  source: Source,
  startYear: number,
  startMonth: number,
  ctx: StepContext,
): Promise<Issue | string> {
  const session = await writeSession(source, ctx, ALL_BUT_JOURNAL);
  const { book, raw } = session.loaded;
  const periods = buildFiscalYear(startYear, startMonth);
  if (book.setup.periods.some((p) => p.id === periods[0]!.id)) return periods[0]!.fiscalYear;
  const now = ctx.clock.now();
  const run = {
    step: "calendar",
    period: periods[0]!.fiscalYear,
    tails: { [PERIODS.name]: tailOf(raw, PERIODS.name) },
    parameters: { startYear, startMonth },
  };
  return writeRun(session, { operation: "create a fiscal year", now, run }, async ({ port }) => {
    await port.appendRows(PERIODS.name, encodeRecords(PERIODS, [], periods));
    return {
      result: periods[0]!.fiscalYear,
      audit: [
        draft(now, ctx.user, "calendar", {
          subject: periods[0]!.fiscalYear,
          newValue: `${periods[0]!.start}..${periods[periods.length - 1]!.end}`,
          detail: "fiscal year created for the year-end close",
        }),
      ],
    };
  });
}

export async function yearEnd(
  source: Source,
  request: YearEndRequest,
  ctx: StepContext,
): Promise<StepOutcome & { createdYear?: string; reversedRun?: string }> {
  const port = await readSession(source, ALL_BUT_JOURNAL);
  let { book } = port.loaded;
  const rerun = book.setup.settings.yearEndRerun ?? "reverseAndRecreate";
  const options = {
    closingVouchers: request.closingVouchers ?? false,
    keepDetail: request.keepDetail ?? false,
    dimensionMode: Object.fromEntries(Object.entries(request.single ?? {}).map(([k, v]) => [k, { single: v }])),
    rerun,
  } as const;
  const propose = (setup = book.setup) =>
    yearEndClose({
      setup,
      ledger: book.ledger,
      settlements: book.settlements,
      fiscalYear: request.fiscalYear,
      options,
    });
  let proposal = propose();
  let createdYear: string | undefined;
  if (proposal.needsNextYear && proposal.nextYear) {
    const { startYear, startMonth } = proposal.nextYear;
    if (request.mode === "preview") {
      // the openings as if the next year existed; the calendar is not written
      const planned = buildFiscalYear(startYear, startMonth);
      const note = issue(
        "NEXT_YEAR_WILL_BE_CREATED",
        `Posting creates ${planned[0]!.fiscalYear} (${planned[0]!.start}..${planned[planned.length - 1]!.end}) from the calendar pattern first; this preview shows its openings as if it existed.`,
        { table: PERIODS.name },
        "info",
      );
      const previewed = propose({ ...book.setup, periods: [...book.setup.periods, ...planned] });
      return runProposal(port, { ...previewed, issues: [...previewed.issues, note] }, "preview", ctx);
    }
    const created = await createYear(port, startYear, startMonth, ctx);
    if (typeof created !== "string") return { issues: [created] };
    createdYear = created;
    ({ book } = port.loaded);
    proposal = propose();
  }
  let reversedRun: string | undefined;
  if (
    rerun === "reverseAndRecreate" &&
    request.mode === "post" &&
    !hasErrors(proposal.issues) &&
    closedYears(book.setup.periods, book.ledger).some((y) => y.fiscalYear === request.fiscalYear)
  ) {
    // every earlier run of the year taken back in one run, then the full close recreated
    const back = await reverseYearEnd(
      port,
      { fiscalYear: request.fiscalYear, reason: `year-end close of ${request.fiscalYear} recreated` },
      ctx,
    );
    if (!back.posted?.posted) return { issues: [...back.issues] };
    reversedRun = back.reversedRuns.join(", ");
    ({ book } = port.loaded);
    proposal = propose();
  }
  const outcome = await runProposal(port, proposal, request.mode, ctx);
  return { ...outcome, ...(createdYear ? { createdYear } : {}), ...(reversedRun ? { reversedRun } : {}) };
}

export interface ReverseYearEndRequest {
  readonly fiscalYear: string;
  readonly reason: string;
}

/**
 * Reverses the year-end close of a fiscal year: every unreversed year-end run
 * of it (the first close and its delta re-runs) negated in one run, and those
 * runs marked reversed. Refused while a later year is closed or an opening
 * line is settled (yearEndReversal.ts).
 */
export async function reverseYearEnd(
  source: Source,
  request: ReverseYearEndRequest,
  ctx: StepContext,
): Promise<StepOutcome & { reversedRuns: readonly string[] }> {
  const port = await writeSession(source, ctx, ALL_BUT_JOURNAL);
  const { book, raw, issues: readIssues } = port.loaded;
  const fy = request.fiscalYear;
  const errors = readIssues.filter((i) => i.severity === "error");
  if (errors.length) return { issues: errors, reversedRuns: [] };
  if (!request.reason.trim())
    return {
      issues: [
        issue("REASON_REQUIRED", `Give a reason for reversing the year-end close of ${fy}.`, { table: RUNS.name }),
      ],
      reversedRuns: [],
    };
  const r = reverseYearEndClose({
    where: book.setup.where,
    periods: book.setup.periods,
    ledger: book.ledger,
    settlements: book.settlements,
    fiscalYear: fy,
  });
  if (hasErrors(r.proposal.issues)) return { proposal: r.proposal, issues: r.proposal.issues, reversedRuns: [] };
  const proposal = {
    ...r.proposal,
    parameters: { ...r.proposal.parameters, reason: request.reason, at: ctx.clock.now() },
  };
  const rows = raw.get(RUNS.name)?.rows ?? [];
  const updates = r.runIds.flatMap((id) => {
    const run = book.runs.find((x) => x.runId === id);
    const row = rows.findIndex((x) => x.includes(id)) + 1;
    if (!run || run.status !== "committed" || row === 0) return [];
    return [
      cellChange(RUNS, row, "status", "reversed", run.status),
      cellChange(RUNS, row, "note", `year-end close of ${fy} reversed: ${request.reason}`, run.note),
    ];
  });
  const posted = await postProposal(port, proposal, ctx, { updates });
  return { proposal, posted, issues: posted.issues, reversedRuns: posted.posted ? r.runIds : [] };
}

export { runReversalIssues } from "./runReversal";
