/**
 * Close step 3, posting: automatic settlement of the open items on settle
 * accounts at the period end, with the realized exchange differences. Its
 * runs also write the settlements register (the app's hook), and reversing
 * one takes those rows back.
 *
 * Example: 2026-03 → params { date: "2026-03-31", mode: "automatic" };
 *   invoice 100.00 EUR at 1.0825 paid at 1.09 → SET-000001, realized gain 0.75
 */
import { closedYears } from "../yearEndState";
import { autoSettle, SETTLEMENT_STEP } from "../settlement";
import { issue } from "../../issues/issue";
import { cellAt } from "../../issues/where";
import type { CloseStep } from "./closeStep";
import { findings } from "./closeStep";

export const settlementStep: CloseStep<{ date: string }> = {
  id: "settlement",
  title: "Settlement",
  kind: "posting",
  runStep: SETTLEMENT_STEP,
  rerun: "delta",
  what: "Matches open items on settle accounts automatically and posts realized exchange differences.",
  params: (p) => ({ date: p.end }),
  propose: (book, x) => {
    const seq = book.sequences.find((s) => s.name.toLowerCase() === "settlement");
    if (!seq)
      return findings(SETTLEMENT_STEP, x, [
        issue(
          "MISSING_SEQUENCE",
          'The sequences table has no "settlement" row.',
          cellAt(book.setup.where.sequences, "name"),
        ),
      ]);
    const base = {
      setup: book.setup,
      ledger: book.ledger,
      settlements: book.settlements,
      nextSettlementNo: seq.next,
      settlementPrefix: seq.prefix,
    };
    return autoSettle({ ...base, closedYears: closedYears(book.setup.periods, book.ledger), date: x.date }).proposal;
  },
  // the close's own runs: automatic, dated the period end (a settlement of marked entries is not the step's)
  owns: (run, p) => run.date === p.end && run.mode === "automatic",
};
