/**
 * The close steps as use cases: each reads the workbook, asks its pure core
 * function for a proposal, and either previews it (a report sheet) or posts it
 * (closeRuns.ts) — the same path for the CLI and the task pane.
 *
 * Example: await revalue(port, { date: "2026-03-31", mode: "preview" }, ctx)
 *   → { proposal, preview: sheet "Preview fx-revaluation" }
 */
import { fiscalYearStartOf, revaluationStep } from "../core/close/steps/revaluation";
import { allocationKey } from "../core/close/allocations";
import { allocationsStep } from "../core/close/steps/allocations";
import { decodeAllocationRules } from "../schema/allocationRulesCodec";
import { ALLOCATION_RULES, PERIODS } from "../schema/tables";
import type { Proposal } from "../core/close/proposal";
import { issue, type Issue } from "../core/issues/issue";
import type { IsoDate, RateType } from "../core/ledger/types";
import type { ReportSheet } from "../ports/workbook";
import { postProposal, previewProposal, type PostResult, type StepContext } from "./closeRuns";
import { ALL_BUT_JOURNAL, CLOSE_READS } from "./loadBook";
import { readSession, type Source } from "./operation";
import { postedKeys } from "./runKeys";
import { rateIssuesBeforeRun } from "./rates/rateRows";
import { where } from "../schema/typedCells";

export type StepMode = "preview" | "post";

export interface StepOutcome {
  readonly proposal?: Proposal;
  readonly preview?: ReportSheet;
  readonly posted?: PostResult;
  readonly issues: readonly Issue[];
}

/** Previews (a sheet — none when the proposal has errors) or posts a proposal. */
export async function runProposal(
  port: Source,
  proposal: Proposal,
  mode: StepMode,
  ctx: StepContext,
): Promise<StepOutcome> {
  if (mode === "preview") return { proposal, preview: await previewProposal(port, proposal), issues: proposal.issues };
  const posted = await postProposal(port, proposal, ctx);
  return { proposal, posted, issues: posted.issues };
}

export interface RevalueOptions {
  readonly date: IsoDate;
  readonly rateDate?: IsoDate;
  readonly rateType?: RateType;
  readonly includeProfitAndLoss?: boolean;
  readonly plFrom?: IsoDate;
  readonly mode: StepMode;
}

export async function revalue(source: Source, options: RevalueOptions, ctx: StepContext): Promise<StepOutcome> {
  // every table, of the journal its open lines: the rate checks look at the drafts' currencies and dates too
  const port = await readSession(source, CLOSE_READS);
  const loaded = port.loaded;
  const { book, issues } = loaded;
  // the rate checks run before every revaluation: stale rates and outliers are shown as warnings
  // (a missing rate is the revaluation's own error for that currency)
  const rateWarnings = rateIssuesBeforeRun(loaded, { asOf: options.rateDate ?? options.date }).filter(
    (i) => i.severity === "warning",
  );
  const fyStart = fiscalYearStartOf(book, options.date);
  if (!fyStart)
    return {
      issues: [
        ...issues,
        issue("NO_PERIOD", `${options.date} falls in no period of the fiscal calendar.`, where(PERIODS)),
      ],
    };
  // the revaluation close step's own proposal (src/core/close/steps/revaluation.ts), with the command's options
  const { mode: _mode, ...chosen } = options;
  const proposal = revaluationStep.propose!(book, { ...chosen, fiscalYearStart: fyStart });
  const outcome = await runProposal(port, proposal, options.mode, ctx);
  return { ...outcome, issues: [...rateWarnings, ...outcome.issues] };
}

export interface AllocateOptions {
  /** the period whose balances are allocated; the vouchers are dated its last day */
  readonly period: string;
  readonly rules?: readonly string[];
  readonly mode: StepMode;
  /**
   * Leave out the rules an unreversed run already posted for the period (the one-command close's
   * re-run), instead of refusing the whole run; when every rule was posted, the run is refused.
   */
  readonly skipPosted?: boolean;
}

export async function allocate(source: Source, options: AllocateOptions, ctx: StepContext): Promise<StepOutcome> {
  const port = await readSession(source, ALL_BUT_JOURNAL);
  const { book, raw, issues } = port.loaded;
  const p = book.setup.periods.find((x) => x.id.toLowerCase() === options.period.toLowerCase());
  if (!p)
    return {
      issues: [
        ...issues,
        issue("UNKNOWN_PERIOD", `There is no period "${options.period}" in the calendar.`, where(PERIODS)),
      ],
    };
  const decoded = decodeAllocationRules(raw.get(ALLOCATION_RULES.name), p.end, options.rules);
  if (decoded.rules.length === 0)
    return {
      issues: [
        ...decoded.issues,
        issue(
          "NO_RULES",
          `No active allocation rules${options.rules ? ` named ${options.rules.join(", ")}` : ""} in ${ALLOCATION_RULES.name}.`,
          { table: ALLOCATION_RULES.name },
        ),
      ],
    };
  const periods = book.setup.periods;
  // the allocations close step's own proposal (src/core/close/steps/allocations.ts) over the chosen rules
  const propose = (rules: typeof decoded.rules) =>
    allocationsStep.propose!(book, { period: p.id, from: p.start, to: p.end, rules });
  let proposal = propose(decoded.rules);
  const skipped: Issue[] = [];
  if (options.skipPosted) {
    const held = postedKeys(book);
    const left = decoded.rules.filter((r) => !held.has(allocationKey(r, periods).key));
    if (left.length > 0 && left.length < decoded.rules.length) {
      for (const r of decoded.rules.filter((x) => !left.includes(x))) {
        const k = allocationKey(r, periods);
        skipped.push(
          issue(
            "ALREADY_POSTED",
            `${k.what} was already posted by ${held.get(k.key)!.run.runId}; left out.`,
            where(ALLOCATION_RULES, "rule", r.row || undefined),
            "info",
          ),
        );
      }
      proposal = propose(left);
    }
  }
  const withIssues = { ...proposal, issues: [...decoded.issues, ...skipped, ...proposal.issues] };
  return runProposal(port, withIssues, options.mode, ctx);
}
