/**
 * Year-end close (close-reference b8, D365-YEC, D365-AWARE; worked example W4).
 * Pure: returns a Proposal — an optional closing voucher in the closed year's
 * closing period and an opening voucher in the next year's opening period —
 * with a trace row per account group and issues; nothing is posted here.
 *
 *   closing voucher   (options.closingVouchers) dated the closing period's date,
 *                     period "FY2026-CLOSE": every profit-and-loss balance per
 *                     (account, dimension set, currency) reversed, the net into
 *                     retained earnings (settings.retainedEarningsAccount) per
 *                     dimension set as the dimension mode maps it. After it the
 *                     closed year's P&L is zero, closing period included.
 *   opening voucher   dated the first day of the next year, period "FY2027-OPEN":
 *                     every balance-sheet balance per (account, dimension set,
 *                     currency) in transaction, accounting (and reporting)
 *                     currency; the year's net result into retained earnings;
 *                     settled entries left out of settle-flagged accounts (with
 *                     keepDetail one line per open item, naming its entry).
 * Which entries count, and how the two vouchers share the retained-earnings
 * transfer without double-counting it: yearEndBalances.ts, yearEndPlan.ts.
 *
 * Re-runs (D365 "Delete existing year-end entries when re-closing the year"):
 * - "reverseAndRecreate": the app layer reverses the earlier run, then posts
 *   this proposal, which is always the full close (the closed year's own
 *   year-end lines and their reversals are left out of its balances). A
 *   warning says when unreversed earlier year-end lines are still there.
 * - "delta": only the difference between the full close now and the earlier
 *   runs' lines (`earlierRuns`, else the year-end lines found in the ledger),
 *   per voucher kind and (account, dimension set, currency, carried entry);
 *   proposal.rerun is "delta" so the app does not refuse the repeat.
 *   W4 [derived]: a 5,000.00 revenue entry after the first close → a second
 *   opening voucher: the cash account Dr 5,000.00, retained earnings Cr 5,000.00.
 *
 * Refusals (issues, no vouchers): an unknown fiscal year; the next year's
 * opening period missing (NEXT_YEAR_MISSING, `needsNextYear` with the
 * buildFiscalYear arguments, so the app can create it from the calendar
 * pattern); closing vouchers without a closing period; no usable retained
 * earnings account; ledger lines on accounts not in the chart (their type
 * decides carry forward or close); a live settlement joining counted entries
 * with entries outside the closed range (D365-AWARE: "YEC fails if a
 * transaction of the closing year was settled against another year"); counted
 * entries that do not balance.
 */
import { nextFiscalYearStart } from "../calendar/fiscalYear";
import { hasErrors, issue, type Issue } from "../issues/issue";
import { cellAt, inTable } from "../issues/where";
import type { Setup } from "../ledger/book";
import { isBalanceSheet, type LedgerEntry } from "../ledger/types";
import { Amount } from "../money";
import type { Proposal, ProposedLine, ProposedVoucher, TraceRow } from "./proposal";
import type { SettlementRecord } from "./settlementModel";
import {
  atPrecision,
  balanceStart,
  dimensionModeText,
  earlierCloseFilter,
  earlierCloseLines,
  groupKey,
  Groups,
  isEmptyGroup,
  normalDimensions,
  precision,
  YEAR_END_STEP,
  yearScope,
  type DimensionMode,
  type YearScope,
} from "./yearEndBalances";
import { detailRef, planYearEnd, type PlannedLine } from "./yearEndPlan";

export {
  YEAR_END_SOURCE,
  YEAR_END_STEP,
  balanceStart,
  type DimensionMode,
  type DimensionTransfer,
} from "./yearEndBalances";

export interface YearEndOptions {
  /** post closing vouchers in the closing period that bring the closed year's P&L to zero */
  readonly closingVouchers: boolean;
  /** per dimension: "all" keeps the P&L values on retained earnings, { single } replaces them ("" = blank); unlisted = "all" */
  readonly dimensionMode: DimensionMode;
  /** carry each open item of a settle-flagged balance-sheet account forward on its own line */
  readonly keepDetail: boolean;
  readonly rerun: "reverseAndRecreate" | "delta";
}

export interface YearEndInput {
  readonly setup: Setup;
  readonly ledger: readonly LedgerEntry[];
  readonly settlements: readonly SettlementRecord[];
  /** "FY2026" */
  readonly fiscalYear: string;
  readonly options: YearEndOptions;
  /** the ledger lines of earlier year-end runs for this year (source "close:year-end"), for the delta re-run */
  readonly earlierRuns?: readonly LedgerEntry[];
}

export interface YearEndProposal extends Proposal {
  /** the next fiscal year's opening period is missing (NEXT_YEAR_MISSING) */
  readonly needsNextYear: boolean;
  /** buildFiscalYear(startYear, startMonth) arguments for the missing year */
  readonly nextYear?: { readonly startYear: number; readonly startMonth: number };
}

export function yearEndClose(input: YearEndInput): YearEndProposal {
  const { setup, options } = input;
  const WHERE = setup.where;
  const SETTINGS_AT = cellAt(WHERE.settings, "value");
  const settings = setup.settings;
  const names = setup.dimensions.map((d) => d.name);
  const parameters = {
    fiscalYear: input.fiscalYear,
    closingVouchers: options.closingVouchers,
    dimensionMode: dimensionModeText(options.dimensionMode, names),
    keepDetail: options.keepDetail,
  };
  const issues: Issue[] = [];
  const trace: TraceRow[] = [];
  const result = (vouchers: ProposedVoucher[], next?: { startYear: number; startMonth: number }): YearEndProposal => ({
    step: YEAR_END_STEP,
    parameters,
    rerun: options.rerun === "delta" ? "delta" : "refuse",
    // a fiscal year is closed once (whatever the options), unless the re-run posts only the difference
    ...(options.rerun === "delta"
      ? {}
      : { postingKeys: [{ key: `year-end:${input.fiscalYear}`, what: `the year-end close of ${input.fiscalYear}` }] }),
    vouchers,
    trace,
    issues,
    needsNextYear: next !== undefined,
    ...(next ? { nextYear: next } : {}),
  });

  // ---- setup --------------------------------------------------------------------
  const accCcy = settings.accountingCurrency;
  if (!setup.currencies.has(accCcy))
    issues.push(
      issue(
        "UNKNOWN_CURRENCY",
        `The accounting currency ${accCcy || "(blank)"} is not in the currencies table.`,
        SETTINGS_AT,
      ),
    );
  if (settings.reportingCurrency && !setup.currencies.has(settings.reportingCurrency))
    issues.push(
      issue(
        "UNKNOWN_CURRENCY",
        `The reporting currency ${settings.reportingCurrency} is not in the currencies table.`,
        SETTINGS_AT,
      ),
    );
  const scope = yearScope(setup.periods, input.fiscalYear);
  if (!scope) {
    issues.push(
      issue(
        "FISCAL_YEAR_UNKNOWN",
        `There is no fiscal year ${input.fiscalYear} in the periods table.`,
        inTable(WHERE.periods),
      ),
    );
    return result([]);
  }
  if (!scope.nextOpening) {
    const next = nextFiscalYearStart(setup.periods.filter((p) => p.fiscalYear === input.fiscalYear));
    const name = next ? `FY${String(next.startYear).padStart(4, "0")}` : "the next fiscal year";
    issues.push(
      issue(
        "NEXT_YEAR_MISSING",
        `${name} (with its opening period starting the day after ${scope.end}) must exist before ${input.fiscalYear} can be closed: create it from the calendar pattern.`,
        inTable(WHERE.periods),
      ),
    );
    return result([], next);
  }
  const nextOpening = scope.nextOpening;
  if (options.closingVouchers && !scope.closing)
    issues.push(
      issue(
        "CLOSING_PERIOD_MISSING",
        `${input.fiscalYear} has no closing period for the closing vouchers.`,
        inTable(WHERE.periods),
      ),
    );
  const reNumber = settings.retainedEarningsAccount ?? "";
  const re = reNumber ? setup.accounts.get(reNumber) : undefined;
  if (!reNumber)
    issues.push(
      issue("RETAINED_EARNINGS_ACCOUNT", "No retained earnings account: set one in the settings.", SETTINGS_AT),
    );
  else if (!re)
    issues.push(
      issue(
        "RETAINED_EARNINGS_ACCOUNT",
        `The retained earnings account ${reNumber} is not in the chart of accounts.`,
        SETTINGS_AT,
      ),
    );
  else if (!isBalanceSheet(re.type))
    issues.push(
      issue(
        "RETAINED_EARNINGS_ACCOUNT",
        `The retained earnings account ${reNumber} is a ${re.type} account; it must be a balance-sheet (equity) account.`,
        inTable(WHERE.accounts),
      ),
    );
  else if (re.currency && re.currency !== accCcy)
    issues.push(
      issue(
        "RETAINED_EARNINGS_ACCOUNT",
        `The retained earnings account ${reNumber} only takes ${re.currency}; the year's result is in ${accCcy}.`,
        inTable(WHERE.accounts),
      ),
    );
  for (const d of Object.keys(options.dimensionMode)) {
    if (!names.includes(d))
      issues.push(
        issue(
          "UNKNOWN_DIMENSION",
          `The dimension mode names ${d}, which is not a dimension of the workbook; it is ignored.`,
          inTable(WHERE.dimensions),
          "warning",
        ),
      );
  }
  if (hasErrors(issues)) return result([]);

  // ---- the counted entries --------------------------------------------------------
  const from = balanceStart(setup.periods, input.ledger, scope.start);
  const earlier = earlierCloseFilter(input.ledger, scope, input.earlierRuns);
  const range: LedgerEntry[] = [];
  let left = 0;
  for (const e of input.ledger) {
    if (e.date > scope.end || (from !== undefined && e.date < from)) continue;
    if (earlier(e)) left++;
    else range.push(e);
  }
  checkRange(setup, input, range, from, scope, issues);
  trace.push({
    key: input.fiscalYear,
    inputs: {
      from: from ?? "(first entry)",
      to: scope.end,
      entries: String(range.length),
      "earlier year-end lines left out": String(left),
    },
    formula: from
      ? `entries dated ${from}..${scope.end} (${from} starts the latest year with an opening)`
      : `every entry up to ${scope.end} (no earlier year brought forward)`,
    result: `${range.length} entries`,
  });
  if (hasErrors(issues)) return result([]);

  const plan = planYearEnd({
    setup,
    range,
    settlements: input.settlements,
    scope,
    nextFiscalYear: nextOpening.fiscalYear,
    retainedEarnings: reNumber,
    closingVouchers: options.closingVouchers,
    dimensionMode: options.dimensionMode,
    keepDetail: options.keepDetail,
  });
  trace.push(...plan.trace);
  for (const d of plan.settlementDifferences) {
    issues.push(
      issue(
        "YEAR_END_SETTLEMENT_DIFFERENCE",
        `${d.account}: the balance differs from its open items by ${d.accounting.toString()} ${accCcy}; the difference is brought forward on a line of its own. Check that every settlement's vouchers are posted.`,
        inTable(WHERE.settlements),
        "warning",
      ),
    );
  }
  for (const [kind, lines] of [
    ["closing", plan.closing],
    ["opening", plan.opening],
  ] as const) {
    const acc = Amount.sum(lines.map((l) => l.amountAccounting));
    const rep = Amount.sum(lines.map((l) => l.amountReporting ?? Amount.ZERO));
    if (!acc.isZero() || !rep.isZero())
      issues.push(
        issue(
          "YEAR_END_UNBALANCED",
          `The ${kind} voucher would not balance (accounting ${acc.toString()}, reporting ${rep.toString()}): the counted entries of ${input.fiscalYear} do not balance.`,
          inTable(WHERE.ledger),
        ),
      );
  }
  if (hasErrors(issues)) return result([]);

  const closingVoucher = (lines: readonly PlannedLine[], suffix: string): ProposedVoucher[] =>
    lines.length && scope.closing
      ? [
          {
            date: scope.closing.end,
            period: scope.closing.id,
            description: `Year-end close ${input.fiscalYear}: closing${suffix}`,
            lines: lines.map(strip),
          },
        ]
      : [];
  const openingVoucher = (lines: readonly PlannedLine[], suffix: string): ProposedVoucher[] =>
    lines.length
      ? [
          {
            date: nextOpening.start,
            period: nextOpening.id,
            description: `Year-end close ${input.fiscalYear}: opening ${nextOpening.fiscalYear}${suffix}`,
            lines: lines.map(strip),
          },
        ]
      : [];

  if (options.rerun === "delta") {
    const before = earlierCloseLines(input.ledger, scope, input.earlierRuns);
    const hasReporting = settings.reportingCurrency !== undefined;
    const closing = delta(
      plan.closing,
      before.filter((e) => e.date <= scope.end),
      names,
      hasReporting,
      "closing",
      trace,
      input.setup,
    );
    const opening = delta(
      plan.opening,
      before.filter((e) => e.date > scope.end),
      names,
      hasReporting,
      "opening",
      trace,
      input.setup,
    );
    return result([...closingVoucher(closing, " (delta)"), ...openingVoucher(opening, " (delta)")]);
  }
  const unreversed = netted(earlierCloseLines(input.ledger, scope, undefined), names);
  if (unreversed > 0) {
    issues.push(
      issue(
        "YEAR_END_ALREADY_RUN",
        `${input.fiscalYear} already has year-end lines that are not reversed (${unreversed} groups): reverse the earlier run before posting this full close, or re-run as delta.`,
        inTable(WHERE.ledger),
        "warning",
      ),
    );
  }
  return result([...closingVoucher(plan.closing, ""), ...openingVoucher(plan.opening, "")]);
}

/** The proposed line without the planning-only carried-entry reference. */
function strip(l: PlannedLine): ProposedLine {
  return {
    account: l.account,
    dimensions: l.dimensions,
    currency: l.currency,
    amount: l.amount,
    amountAccounting: l.amountAccounting,
    ...(l.amountReporting !== undefined ? { amountReporting: l.amountReporting } : {}),
    description: l.description,
  };
}

/** Unknown accounts and settlements across the closed range: errors. */
function checkRange(
  setup: Setup,
  input: YearEndInput,
  range: readonly LedgerEntry[],
  from: string | undefined,
  scope: YearScope,
  issues: Issue[],
): void {
  const WHERE = setup.where;
  const unknownSet = new Set<string>();
  let lastKnown = "";
  for (const e of range) {
    const a = e.account;
    if (a === lastKnown) continue;
    if (setup.accounts.has(a)) lastKnown = a;
    else unknownSet.add(a);
  }
  const unknown = [...unknownSet].sort();
  for (const a of unknown)
    issues.push(
      issue(
        "UNKNOWN_ACCOUNT",
        `Account ${a} has ledger lines in ${input.fiscalYear} but is not in the chart of accounts: its type decides whether it is brought forward or closed.`,
        inTable(WHERE.ledger),
      ),
    );
  // the entry-number sets only when a live settlement needs them
  if (!input.settlements.some((s) => s.status === "settled")) return;
  const inRange = new Set(range.map((e) => e.entryNo));
  const known = new Set(input.ledger.map((e) => e.entryNo));
  for (const s of input.settlements) {
    if (s.status !== "settled") continue;
    const nos = s.entries.map((x) => x.entryNo).filter((n) => known.has(n));
    const inside = nos.filter((n) => inRange.has(n));
    const outside = nos.filter((n) => !inRange.has(n));
    if (inside.length && outside.length) {
      issues.push(
        issue(
          "YEAR_END_CROSS_YEAR_SETTLEMENT",
          `Settlement ${s.settlementId} settles entries ${inside.join(", ")} of ${from ?? "the start"}..${scope.end} against entries ${outside.join(", ")} outside it; reverse it before closing ${input.fiscalYear}.`,
          inTable(WHERE.settlements),
        ),
      );
    }
  }
}

/** How many (kind, account, dimensions, currency) groups of earlier year-end lines do not net to zero. */
function netted(lines: readonly LedgerEntry[], names: readonly string[]): number {
  const g = new Groups();
  for (const e of lines)
    g.add(
      `${e.period}|${e.account}`,
      normalDimensions(e.dimensions, names),
      e.currency,
      e.amount,
      e.amountAccounting,
      e.amountReporting,
    );
  return g.list().filter((x) => !isEmptyGroup(x)).length;
}

/** The lines still missing: the full close now minus the earlier lines of the same kind, per group. */
function delta(
  target: readonly PlannedLine[],
  before: readonly LedgerEntry[],
  names: readonly string[],
  hasReporting: boolean,
  kind: string,
  trace: TraceRow[],
  setup: Setup,
): PlannedLine[] {
  // trace text at the currency's precision
  const at = (a: Amount, ccy: string) => atPrecision(a, precision(setup, ccy)).toString();
  const acc = (a: Amount) => at(a, setup.settings.accountingCurrency);
  const now = new Groups();
  const was = new Groups();
  const descriptions = new Map<string, string>();
  for (const l of target) {
    const g = now.add(l.account, l.dimensions, l.currency, l.amount, l.amountAccounting, l.amountReporting, l.ref);
    if (!descriptions.has(g.id)) descriptions.set(g.id, l.description);
  }
  for (const e of before)
    was.add(
      e.account,
      normalDimensions(e.dimensions, names),
      e.currency,
      e.amount,
      e.amountAccounting,
      hasReporting ? e.amountReporting : undefined,
      detailRef(e.description),
    );
  const ids = new Set([...now.list(), ...was.list()].map((g) => g.id));
  const diff = new Groups();
  for (const id of ids) {
    const n = now.get(id);
    const w = was.get(id);
    const base = (n ?? w)!;
    const zero = Amount.ZERO;
    const d = diff.add(
      base.account,
      base.dimensions,
      base.currency,
      (n?.amount ?? zero).minus(w?.amount ?? zero),
      (n?.accounting ?? zero).minus(w?.accounting ?? zero),
      hasReporting ? (n?.reporting ?? zero).minus(w?.reporting ?? zero) : undefined,
      base.ref,
    );
    if (isEmptyGroup(d)) continue;
    trace.push({
      key: `delta ${kind} · ${groupKey(d)}${d.ref ? ` · entry ${d.ref}` : ""}`,
      inputs: { now: acc(n?.accounting ?? zero), earlier: acc(w?.accounting ?? zero) },
      formula: `${acc(n?.accounting ?? zero)} − ${acc(w?.accounting ?? zero)}`,
      result: `${acc(d.accounting)} (${at(d.amount, d.currency)} ${d.currency})`,
    });
  }
  return diff
    .list()
    .filter((g) => !isEmptyGroup(g))
    .map((g) => {
      const was = descriptions.get(g.id);
      return {
        account: g.account,
        dimensions: g.dimensions,
        currency: g.currency,
        amount: g.amount,
        amountAccounting: g.accounting,
        ...(hasReporting ? { amountReporting: g.reporting } : {}),
        description: was ? `${was} (delta)` : `Year-end close: earlier line no longer needed (delta)`,
        ref: g.ref,
      };
    });
}
