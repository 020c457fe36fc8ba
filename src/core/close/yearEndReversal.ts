/**
 * Reversing the year-end close of a fiscal year (D365 "Reverse year-end
 * close": every opening and closing voucher of that year taken back, nothing
 * re-created), as one proposal over all of the year's unreversed year-end runs
 * (yearEndState.ts), and the check that keeps one year-end run from being
 * reversed on its own while something builds on it. Pure; the app posts the
 * proposal as one run and marks the runs reversed.
 *
 * Refused (D365-AWARE and [derived]): a later fiscal year is closed too (its
 * openings were computed from this year's); an opening line was settled in
 * the new year (reverse that settlement first); for a single run, a later
 * year-end run of the same year (a delta re-run) builds on it — reversing only
 * the first run would leave just the delta's openings.
 *
 * Example: FY2026 closed by RUN-000005 (GL-000010: 1000 Dr 1,000.00 / 3900 Cr
 * 1,000.00 in FY2027-OPEN) and its delta RUN-000007 (GL-000013: 1000 Dr
 * 5,000.00 / 3900 Cr 5,000.00) → vouchers "Reversal of GL-000010 (RUN-000005)"
 * (1000 Cr 1,000.00 / 3900 Dr 1,000.00, source "reversal:RUN-000005") and
 * "Reversal of GL-000013 (RUN-000007)", both dated 2027-01-01 in FY2027-OPEN;
 * every balance is then as if the year had never been closed.
 */
import { issue, type Issue } from "../issues/issue";
import { inTable, type Where } from "../issues/where";
import type { FiscalPeriod, LedgerEntry } from "../ledger/types";
import { negatedLine, type Proposal, type ProposedVoucher, type TraceRow } from "./proposal";
import { settlementTaken, type SettlementRecord } from "./settlementModel";
import { yearScope } from "./yearEndBalances";
import { closedYears, type ClosedYear } from "./yearEndState";

export const YEAR_END_REVERSAL_STEP = "reverse";

export interface YearEndReversalInput {
  /** the workbook's tables (setup.where), for issue locations */
  readonly where: Where;
  readonly periods: readonly FiscalPeriod[];
  readonly ledger: readonly LedgerEntry[];
  readonly settlements: readonly SettlementRecord[];
}

export interface YearEndReversal {
  readonly proposal: Proposal;
  /** the runs reversed, in posting order (empty on error) */
  readonly runIds: readonly string[];
}

/** What builds on `year`'s close besides its own runs: a later closed year, opening lines settled since. */
function dependents(
  input: YearEndReversalInput,
  closed: readonly ClosedYear[],
  year: ClosedYear,
  runIds: readonly string[],
): Issue[] {
  const issues: Issue[] = [];
  const WHERE = input.where;
  for (const later of closed) {
    if (later.end <= year.end) continue;
    issues.push(
      issue(
        "YEAR_END_LATER_YEAR_CLOSED",
        `${later.fiscalYear} is closed too (${later.runIds.join(", ")}) and its openings build on ${year.fiscalYear}'s: reverse the year-end close of ${later.fiscalYear} first.`,
        inTable(WHERE.runs),
      ),
    );
  }
  const runs = new Set(runIds);
  const taken = settlementTaken(input.settlements);
  if (taken.size === 0) return issues;
  for (const e of input.ledger) {
    if (!runs.has(e.runId)) continue;
    const t = taken.get(e.entryNo);
    if (!t) continue;
    issues.push(
      issue(
        "YEAR_END_OPENING_SETTLED",
        `Entry ${e.entryNo} (${e.account}, ${e.description}) of ${e.runId} is settled by ${t.ids.join(", ")}: reverse ${t.ids.length > 1 ? "those settlements" : "that settlement"} before the year-end close of ${year.fiscalYear}.`,
        inTable(WHERE.settlements),
      ),
    );
  }
  return issues;
}

/** Every unreversed year-end run of `fiscalYear` taken back in one proposal (step "reverse"). */
export function reverseYearEndClose(input: YearEndReversalInput & { readonly fiscalYear: string }): YearEndReversal {
  const fy = input.fiscalYear;
  const WHERE = input.where;
  const fail = (issues: Issue[]): YearEndReversal => ({
    proposal: { step: YEAR_END_REVERSAL_STEP, parameters: { fiscalYear: fy }, vouchers: [], trace: [], issues },
    runIds: [],
  });
  if (!yearScope(input.periods, fy))
    return fail([
      issue("FISCAL_YEAR_UNKNOWN", `There is no fiscal year ${fy} in the periods table.`, inTable(WHERE.periods)),
    ]);
  const closed = closedYears(input.periods, input.ledger);
  const year = closed.find((y) => y.fiscalYear === fy);
  if (!year)
    return fail([issue("YEAR_END_NOT_CLOSED", `${fy} has no year-end close to reverse.`, inTable(WHERE.runs))]);
  const blocked = dependents(input, closed, year, year.runIds);
  if (blocked.length) return fail(blocked);

  const runs = new Set(year.runIds);
  const byVoucher = new Map<string, LedgerEntry[]>();
  for (const e of input.ledger) {
    if (!runs.has(e.runId)) continue;
    const k = `${e.runId} ${e.voucher}`;
    let v = byVoucher.get(k);
    if (!v) byVoucher.set(k, (v = []));
    v.push(e);
  }
  const kinds = new Map(input.periods.map((p) => [p.id, p.kind]));
  const vouchers: ProposedVoucher[] = [...byVoucher.values()].map((lines) => {
    const first = lines[0]!;
    return {
      date: first.date,
      ...(kinds.get(first.period) !== "operating" ? { period: first.period } : {}),
      description: `Reversal of ${first.voucher} (${first.runId})`,
      source: `reversal:${first.runId}`,
      lines: lines.map(negatedLine),
    };
  });
  const trace: TraceRow[] = year.runIds.map((runId) => {
    const mine = vouchers.filter((v) => v.source === `reversal:${runId}`);
    return {
      key: `${fy} · ${runId}`,
      inputs: { vouchers: mine.map((v) => v.description.replace(/^Reversal of (\S+).*$/, "$1")).join(", ") },
      formula: "−(each line of the run)",
      result: `${mine.reduce((n, v) => n + v.lines.length, 0)} lines reversed`,
    };
  });
  return {
    proposal: {
      step: YEAR_END_REVERSAL_STEP,
      parameters: { fiscalYear: fy, runIds: year.runIds.join(",") },
      vouchers,
      trace,
      issues: [],
    },
    runIds: year.runIds,
  };
}

/**
 * Why the single run `runId` may not be reversed on its own; [] when it may
 * (or is not an unreversed year-end run).
 */
export function yearEndRunReversalIssues(input: YearEndReversalInput & { readonly runId: string }): Issue[] {
  const WHERE = input.where;
  const closed = closedYears(input.periods, input.ledger);
  const id = input.runId.trim().toLowerCase();
  const year = closed.find((y) => y.runIds.some((r) => r.toLowerCase() === id));
  if (!year) return [];
  const at = year.runIds.findIndex((r) => r.toLowerCase() === id);
  const runId = year.runIds[at]!;
  const later = year.runIds.slice(at + 1);
  const issues: Issue[] = later.length
    ? [
        issue(
          "YEAR_END_RUN_DEPENDED_ON",
          `${later.join(", ")} (a later year-end run of ${year.fiscalYear}) builds on ${runId}: reversing ${runId} alone would leave half a year-end close. Reverse the year-end close of ${year.fiscalYear} as a whole (year-end --reverse).`,
          inTable(WHERE.runs),
        ),
      ]
    : [];
  return [...issues, ...dependents(input, closed, year, [runId])];
}
