/**
 * The record of the statements written by the close (the step "statements"): a run without ledger
 * lines, with one audit row "statements-written" naming the sheets. The checklist's automatic task
 * linked step:statements is prepared by it (evidence its run id) and goes back to Not started when a
 * later run changes the period's ledger (src/core/checklist/automatic.ts).
 *
 * Example: await recordStatementsRun(port, "2026-03", ["Income statement 2026-03", …], { user: "alice", clock })
 *   → { done: true, runId: "RUN-000012" }; tblRuns row { step: "statements", period: "2026-03", status: "committed" }
 */
import { draft } from "../../core/audit/auditChain";
import type { Clock } from "../../ports/clock";
import { ALL_BUT_JOURNAL } from "../loadBook";
import { writeSession, type Source } from "../operation";
import { writeChecklistRun, type WriteOutcome } from "./checklistRun";

export async function recordStatementsRun(
  source: Source,
  period: string,
  sheets: readonly string[],
  ctx: { user: string; clock: Clock },
): Promise<WriteOutcome> {
  const now = ctx.clock.now();
  // a run and its audit row: the journal is not read (on a large workbook as large as the ledger, issue #14)
  return writeChecklistRun(await writeSession(source, ctx, ALL_BUT_JOURNAL), {
    step: "statements",
    period,
    parameters: { period, sheets },
    audit: [draft(now, ctx.user, "statements-written", { subject: period, detail: sheets.join(", ") })],
  });
}
