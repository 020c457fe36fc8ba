/**
 * Use case: the year-end close. Creates the next fiscal year from the
 * calendar pattern when it is missing, then proposes opening vouchers on the
 * first day of the new year (balance-sheet accounts carried, the net profit
 * or loss into retained earnings) and, optionally, closing vouchers in the
 * closed year's closing period. A second close of the same year either
 * reverses the first and recreates it, or posts only the difference — as the
 * setting "Year-end re-run" says.
 *
 * Example: await yearEnd(port, { fiscalYear: "FY2026", closingVouchers: true, mode: "post" }, ctx)
 *   → FY2027 created; GL-000400 (FY2026-CLOSE) and GL-000401 (FY2027-OPEN) posted as RUN-000031
 */
import { buildFiscalYear } from "../core/calendar/fiscalYear";
import { yearEndClose } from "../core/close/yearEndClose";
import { issue, type Issue } from "../core/issues/issue";
import type { WorkbookPort } from "../ports/workbook";
import { encodeRecords } from "../schema/records";
import { PERIODS } from "../schema/tables";
import { AuditWriter } from "./auditLog";
import { reverseRun, type StepContext } from "./closeRuns";
import { runProposal, type StepMode, type StepOutcome } from "./closeSteps";
import { draft } from "../core/audit/auditChain";
import { loadBook } from "./loadBook";
import { openForWrite } from "./openForWrite";
import { writeProtected } from "./protectedSheets";
import { finishRun, runIssue, startRun, tailOf } from "./runs";

export interface YearEndRequest {
  readonly fiscalYear: string;
  readonly closingVouchers?: boolean;
  readonly keepDetail?: boolean;
  /** per dimension, the value the P&L goes to on retained earnings ("" = blank); unlisted dimensions keep their values */
  readonly single?: Readonly<Record<string, string>>;
  readonly mode: StepMode;
}

/** Appends the next fiscal year's periods (opening, 12 months, closing), as a run. */
async function createYear(port: WorkbookPort, startYear: number, startMonth: number, ctx: StepContext): Promise<Issue | string> {
  const { book, raw } = await openForWrite(port, ctx.user, ctx.clock);
  const periods = buildFiscalYear(startYear, startMonth);
  if (book.setup.periods.some((p) => p.id === periods[0]!.id)) return periods[0]!.fiscalYear;
  const now = ctx.clock.now();
  return writeProtected(port, book, async () => {
    const run = await startRun(port, book, raw, { step: "calendar", period: periods[0]!.fiscalYear, tails: { [PERIODS.name]: tailOf(raw, PERIODS.name) }, parameters: { startYear, startMonth }, user: ctx.user, now });
    if (runIssue(run)) return run;
    await port.appendRows(PERIODS.name, encodeRecords(PERIODS, [], periods));
    await new AuditWriter(book.audit).append(port, [draft(now, ctx.user, "calendar", { subject: periods[0]!.fiscalYear, newValue: `${periods[0]!.start}..${periods[periods.length - 1]!.end}`, detail: "fiscal year created for the year-end close", runId: run.runId })]);
    await finishRun(port, run);
    return periods[0]!.fiscalYear;
  });
}

export async function yearEnd(port: WorkbookPort, request: YearEndRequest, ctx: StepContext): Promise<StepOutcome & { createdYear?: string; reversedRun?: string }> {
  let { book } = await loadBook(port);
  const rerun = book.setup.settings.yearEndRerun ?? "reverseAndRecreate";
  const options = {
    closingVouchers: request.closingVouchers ?? false,
    keepDetail: request.keepDetail ?? false,
    dimensionMode: Object.fromEntries(Object.entries(request.single ?? {}).map(([k, v]) => [k, { single: v }])),
    rerun,
  } as const;
  const propose = () => yearEndClose({ setup: book.setup, ledger: book.ledger, settlements: book.settlements, fiscalYear: request.fiscalYear, options });
  let proposal = propose();
  let createdYear: string | undefined;
  if (proposal.needsNextYear && proposal.nextYear) {
    if (request.mode === "preview") {
      return { proposal, issues: [...proposal.issues, issue("NEXT_YEAR_WILL_BE_CREATED", `Posting creates the next fiscal year (from ${proposal.nextYear.startYear}-${String(proposal.nextYear.startMonth).padStart(2, "0")}) first.`, { table: PERIODS.name }, "info")] };
    }
    const created = await createYear(port, proposal.nextYear.startYear, proposal.nextYear.startMonth, ctx);
    if (typeof created !== "string") return { issues: [created] };
    createdYear = created;
    ({ book } = await loadBook(port));
    proposal = propose();
  }
  let reversedRun: string | undefined;
  if (rerun === "reverseAndRecreate" && request.mode === "post") {
    const earlier = book.runs.find((r) => r.step === "year-end" && r.status === "committed" && r.parameters.includes(`"fiscalYear":"${request.fiscalYear}"`));
    if (earlier) {
      const back = await reverseRun(port, earlier.runId, { ...ctx, reason: `year-end close of ${request.fiscalYear} recreated` });
      if (!back.posted) return { issues: [...back.issues] };
      reversedRun = earlier.runId;
      ({ book } = await loadBook(port));
      proposal = propose();
    }
  }
  const outcome = await runProposal(port, proposal, request.mode, ctx);
  return { ...outcome, ...(createdYear ? { createdYear } : {}), ...(reversedRun ? { reversedRun } : {}) };
}
