/**
 * Why a run may not be reversed on its own, asked by every reversal path
 * (reverseRun, reverseCloseStep, so the CLI and the pane alike): a year-end run
 * that a later run builds on or whose openings were settled, a settlement run
 * dated in a year closed by a year-end close (reverse the year-end close first).
 *
 * Example: FY2026 closed by RUN-000040, then a delta run RUN-000041 →
 * runReversalIssues(book, "RUN-000040") = [YEAR_END_RUN_DEPENDED_ON … RUN-000041 …].
 */
import { SETTLEMENT_STEP } from "../core/close/settlement";
import { yearEndRunReversalIssues } from "../core/close/yearEndReversal";
import { closedYears, inClosedYear } from "../core/close/yearEndState";
import { issue, type Issue } from "../core/issues/issue";
import type { Book } from "../core/ledger/book";
import { RUNS } from "../schema/tables";
import { where } from "../schema/typedCells";
import { textOf } from "../core/text/textOf";

/**
 * Why a run may not be reversed on its own (before reverseRun / reverseCloseStep):
 * a year-end run that a later run builds on, or whose openings were settled; a
 * settlement run dated in a year closed by a year-end close. [] when it may.
 */
export function runReversalIssues(book: Book, runId: string): Issue[] {
  const out = yearEndRunReversalIssues({
    where: book.setup.where,
    periods: book.setup.periods,
    ledger: book.ledger,
    settlements: book.settlements,
    runId,
  });
  const run = book.runs.find((r) => r.runId.toLowerCase() === runId.trim().toLowerCase());
  if (run?.step === SETTLEMENT_STEP && run.status === "committed") {
    let date = "";
    try {
      date = textOf((JSON.parse(run.parameters) as { date?: unknown }).date);
    } catch {
      date = "";
    }
    const closed = date ? inClosedYear(closedYears(book.setup.periods, book.ledger), date) : undefined;
    if (closed)
      out.push(
        issue("SETTLEMENT_IN_CLOSED_YEAR", `Run ${run.runId} settled on ${date}, ${closed}.`, where(RUNS, "runId")),
      );
  }
  return out;
}
