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
import { columnsOf, dayNumber, type LedgerColumns } from "../ledger/columns";
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

type NextYear = { startYear: number; startMonth: number };
type NextOpening = NonNullable<YearScope["nextOpening"]>;
type YearEndPlan = ReturnType<typeof planYearEnd>;

export function yearEndClose(input: YearEndInput): YearEndProposal {
  const { setup, options } = input;
  const names = setup.dimensions.map((d) => d.name);
  const issues: Issue[] = [];
  const trace: TraceRow[] = [];
  const result = (vouchers: ProposedVoucher[], next?: NextYear): YearEndProposal =>
    yearEndResult(input, names, trace, issues, vouchers, next);

  issues.push(...currencyIssues(setup));
  const scope = yearScope(setup.periods, input.fiscalYear);
  if (!scope) {
    issues.push(fiscalYearUnknown(setup, input.fiscalYear));
    return result([]);
  }
  if (!scope.nextOpening) {
    const missing = nextYearMissing(setup, input.fiscalYear, scope);
    issues.push(missing.issue);
    return result([], missing.next);
  }
  const nextOpening = scope.nextOpening;
  issues.push(...closingPeriodIssues(setup, input, scope));
  issues.push(...retainedEarningsIssues(setup));
  issues.push(...dimensionModeIssues(setup, options, names));
  if (hasErrors(issues)) return result([]);

  // the columnar ledger (built once per ledger array) finds the counted lines and their groups by index
  const cols = columnsOf(input.ledger, setup);
  const counted = countedEntries(input, scope, cols);
  checkRange(setup, input, counted, scope, issues, cols);
  trace.push(countedTrace(input.fiscalYear, scope, counted));
  if (hasErrors(issues)) return result([]);

  const plan = planYearEnd({
    setup,
    range: counted.range,
    settlements: input.settlements,
    scope,
    nextFiscalYear: nextOpening.fiscalYear,
    retainedEarnings: setup.settings.retainedEarningsAccount ?? "",
    closingVouchers: options.closingVouchers,
    dimensionMode: options.dimensionMode,
    keepDetail: options.keepDetail,
    ...(cols && counted.lines ? { columns: { cols, lines: counted.lines } } : {}),
  });
  trace.push(...plan.trace);
  issues.push(...settlementDifferenceIssues(setup, plan));
  issues.push(...unbalancedIssues(setup, input.fiscalYear, plan));
  if (hasErrors(issues)) return result([]);

  if (options.rerun === "delta") return result(deltaVouchers(input, scope, nextOpening, plan, names, trace, cols));
  issues.push(...alreadyRunWarnings(input, scope, names, cols));
  return result(yearEndVouchers(input.fiscalYear, scope, nextOpening, plan.closing, plan.opening, ""));
}

/** The proposal around the vouchers: step, parameters, re-run mode and posting key. */
function yearEndResult(
  input: YearEndInput,
  names: readonly string[],
  trace: TraceRow[],
  issues: Issue[],
  vouchers: ProposedVoucher[],
  next?: NextYear,
): YearEndProposal {
  const { options } = input;
  return {
    step: YEAR_END_STEP,
    parameters: {
      fiscalYear: input.fiscalYear,
      closingVouchers: options.closingVouchers,
      dimensionMode: dimensionModeText(options.dimensionMode, names),
      keepDetail: options.keepDetail,
    },
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
  };
}

/** The accounting and reporting currencies must be in the currencies table. */
function currencyIssues(setup: Setup): Issue[] {
  const issues: Issue[] = [];
  const settings = setup.settings;
  const at = cellAt(setup.where.settings, "value");
  const accCcy = settings.accountingCurrency;
  if (!setup.currencies.has(accCcy))
    issues.push(
      issue("UNKNOWN_CURRENCY", `The accounting currency ${accCcy || "(blank)"} is not in the currencies table.`, at),
    );
  if (settings.reportingCurrency && !setup.currencies.has(settings.reportingCurrency))
    issues.push(
      issue(
        "UNKNOWN_CURRENCY",
        `The reporting currency ${settings.reportingCurrency} is not in the currencies table.`,
        at,
      ),
    );
  return issues;
}

function fiscalYearUnknown(setup: Setup, fiscalYear: string): Issue {
  return issue(
    "FISCAL_YEAR_UNKNOWN",
    `There is no fiscal year ${fiscalYear} in the periods table.`,
    inTable(setup.where.periods),
  );
}

/** NEXT_YEAR_MISSING, with the buildFiscalYear arguments for the missing year. */
function nextYearMissing(
  setup: Setup,
  fiscalYear: string,
  scope: YearScope,
): { issue: Issue; next: NextYear | undefined } {
  const next = nextFiscalYearStart(setup.periods.filter((p) => p.fiscalYear === fiscalYear));
  const name = next ? `FY${String(next.startYear).padStart(4, "0")}` : "the next fiscal year";
  return {
    issue: issue(
      "NEXT_YEAR_MISSING",
      `${name} (with its opening period starting the day after ${scope.end}) must exist before ${fiscalYear} can be closed: create it from the calendar pattern.`,
      inTable(setup.where.periods),
    ),
    next,
  };
}

function closingPeriodIssues(setup: Setup, input: YearEndInput, scope: YearScope): Issue[] {
  if (!input.options.closingVouchers || scope.closing) return [];
  return [
    issue(
      "CLOSING_PERIOD_MISSING",
      `${input.fiscalYear} has no closing period for the closing vouchers.`,
      inTable(setup.where.periods),
    ),
  ];
}

/** The retained earnings account: set, in the chart, balance-sheet, in the accounting currency. */
function retainedEarningsIssues(setup: Setup): Issue[] {
  const WHERE = setup.where;
  const accCcy = setup.settings.accountingCurrency;
  const reNumber = setup.settings.retainedEarningsAccount ?? "";
  const re = reNumber ? setup.accounts.get(reNumber) : undefined;
  if (!reNumber)
    return [
      issue(
        "RETAINED_EARNINGS_ACCOUNT",
        "No retained earnings account: set one in the settings.",
        cellAt(WHERE.settings, "value"),
      ),
    ];
  if (!re)
    return [
      issue(
        "RETAINED_EARNINGS_ACCOUNT",
        `The retained earnings account ${reNumber} is not in the chart of accounts.`,
        cellAt(WHERE.settings, "value"),
      ),
    ];
  if (!isBalanceSheet(re.type))
    return [
      issue(
        "RETAINED_EARNINGS_ACCOUNT",
        `The retained earnings account ${reNumber} is a ${re.type} account; it must be a balance-sheet (equity) account.`,
        inTable(WHERE.accounts),
      ),
    ];
  if (re.currency && re.currency !== accCcy)
    return [
      issue(
        "RETAINED_EARNINGS_ACCOUNT",
        `The retained earnings account ${reNumber} only takes ${re.currency}; the year's result is in ${accCcy}.`,
        inTable(WHERE.accounts),
      ),
    ];
  return [];
}

/** A warning per dimension the dimension mode names that the workbook does not have. */
function dimensionModeIssues(setup: Setup, options: YearEndOptions, names: readonly string[]): Issue[] {
  return Object.keys(options.dimensionMode)
    .filter((d) => !names.includes(d))
    .map((d) =>
      issue(
        "UNKNOWN_DIMENSION",
        `The dimension mode names ${d}, which is not a dimension of the workbook; it is ignored.`,
        inTable(setup.where.dimensions),
        "warning",
      ),
    );
}

interface CountedEntries {
  readonly from: string | undefined;
  readonly range: LedgerEntry[];
  /** with the columns: the counted lines' indexes in the ledger (range[k] = ledger[lines[k]]) */
  readonly lines?: Int32Array;
  /** earlier year-end lines left out */
  readonly left: number;
}

/** The entries the close counts: from the balance start to the year's end, earlier year-end lines left out. */
function countedEntries(input: YearEndInput, scope: YearScope, cols: LedgerColumns | undefined): CountedEntries {
  const from = balanceStart(input.setup.periods, input.ledger, scope.start);
  const byColumns = cols && !input.earlierRuns?.length ? countedByColumns(input, scope, from, cols) : undefined;
  if (byColumns) return byColumns;
  const earlier = earlierCloseFilter(input.ledger, scope, input.earlierRuns);
  const range: LedgerEntry[] = [];
  let left = 0;
  for (const e of input.ledger) {
    if (e.date > scope.end || (from !== undefined && e.date < from)) continue;
    if (earlier(e)) left++;
    else range.push(e);
  }
  return { from, range, left };
}

/**
 * countedEntries over the columns: the dates as day numbers, and the earlier year-end test (earlierCloseFilter)
 * asked only of the closing period's lines, the only ones it can leave out without `earlierRuns`.
 */
function countedByColumns(
  input: YearEndInput,
  scope: YearScope,
  from: string | undefined,
  cols: LedgerColumns,
): CountedEntries | undefined {
  const end = dayNumber(scope.end);
  const start = from === undefined ? -Infinity : dayNumber(from);
  if (Number.isNaN(end) || Number.isNaN(start)) return undefined;
  const closing = scope.closing ? cols.periods.indexOf(scope.closing.id) : -1;
  let earlier: ((e: LedgerEntry) => boolean) | undefined;
  const { day, period } = cols;
  const ledger = input.ledger;
  const lines = new Int32Array(cols.length);
  const range: LedgerEntry[] = [];
  let n = 0;
  let left = 0;
  for (let i = 0; i < cols.length; i++) {
    const d = day[i]!;
    if (d > end || d < start) continue;
    const e = ledger[i]!;
    if (period[i] === closing && (earlier ??= earlierCloseFilter(ledger, scope, undefined))(e)) {
      left++;
      continue;
    }
    range.push(e);
    lines[n++] = i;
  }
  return { from, range, left, lines: lines.subarray(0, n) };
}

function countedTrace(fiscalYear: string, scope: YearScope, counted: CountedEntries): TraceRow {
  const { from, range, left } = counted;
  return {
    key: fiscalYear,
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
  };
}

function settlementDifferenceIssues(setup: Setup, plan: YearEndPlan): Issue[] {
  const accCcy = setup.settings.accountingCurrency;
  return plan.settlementDifferences.map((d) =>
    issue(
      "YEAR_END_SETTLEMENT_DIFFERENCE",
      `${d.account}: the balance differs from its open items by ${d.accounting.toString()} ${accCcy}; the difference is brought forward on a line of its own. Check that every settlement's vouchers are posted.`,
      inTable(setup.where.settlements),
      "warning",
    ),
  );
}

/** YEAR_END_UNBALANCED per planned voucher whose accounting or reporting lines do not sum to zero. */
function unbalancedIssues(setup: Setup, fiscalYear: string, plan: YearEndPlan): Issue[] {
  const issues: Issue[] = [];
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
          `The ${kind} voucher would not balance (accounting ${acc.toString()}, reporting ${rep.toString()}): the counted entries of ${fiscalYear} do not balance.`,
          inTable(setup.where.ledger),
        ),
      );
  }
  return issues;
}

/** The closing voucher (when there is a closing period) and the opening voucher, each only if it has lines. */
function yearEndVouchers(
  fiscalYear: string,
  scope: YearScope,
  nextOpening: NextOpening,
  closing: readonly PlannedLine[],
  opening: readonly PlannedLine[],
  suffix: string,
): ProposedVoucher[] {
  const vouchers: ProposedVoucher[] = [];
  if (closing.length && scope.closing)
    vouchers.push({
      date: scope.closing.end,
      period: scope.closing.id,
      description: `Year-end close ${fiscalYear}: closing${suffix}`,
      lines: closing.map(strip),
    });
  if (opening.length)
    vouchers.push({
      date: nextOpening.start,
      period: nextOpening.id,
      description: `Year-end close ${fiscalYear}: opening ${nextOpening.fiscalYear}${suffix}`,
      lines: opening.map(strip),
    });
  return vouchers;
}

/** The delta re-run: the difference between the full close now and the earlier runs' lines. */
function deltaVouchers(
  input: YearEndInput,
  scope: YearScope,
  nextOpening: NextOpening,
  plan: YearEndPlan,
  names: readonly string[],
  trace: TraceRow[],
  cols: LedgerColumns | undefined,
): ProposedVoucher[] {
  const before = earlierCloseLines(input.ledger, scope, input.earlierRuns, cols);
  const hasReporting = input.setup.settings.reportingCurrency !== undefined;
  const closingBefore = before.filter((e) => e.date <= scope.end);
  const openingBefore = before.filter((e) => e.date > scope.end);
  const closing = delta(plan.closing, closingBefore, names, hasReporting, "closing", trace, input.setup);
  const opening = delta(plan.opening, openingBefore, names, hasReporting, "opening", trace, input.setup);
  return yearEndVouchers(input.fiscalYear, scope, nextOpening, closing, opening, " (delta)");
}

/** A warning when earlier year-end lines of the year are still there, not reversed. */
function alreadyRunWarnings(
  input: YearEndInput,
  scope: YearScope,
  names: readonly string[],
  cols: LedgerColumns | undefined,
): Issue[] {
  const unreversed = netted(earlierCloseLines(input.ledger, scope, undefined, cols), names);
  if (unreversed <= 0) return [];
  return [
    issue(
      "YEAR_END_ALREADY_RUN",
      `${input.fiscalYear} already has year-end lines that are not reversed (${unreversed} groups): reverse the earlier run before posting this full close, or re-run as delta.`,
      inTable(input.setup.where.ledger),
      "warning",
    ),
  ];
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
  counted: CountedEntries,
  scope: YearScope,
  issues: Issue[],
  cols: LedgerColumns | undefined,
): void {
  const { range, from, lines } = counted;
  const WHERE = setup.where;
  const unknownSet = new Set<string>();
  if (cols && lines) {
    // the counted lines' accounts by index
    const seen = new Uint8Array(cols.accounts.length);
    for (let k = 0; k < lines.length; k++) seen[cols.account[lines[k]!]!] = 1;
    cols.accounts.forEach((a, i) => {
      if (seen[i] === 1 && !setup.accounts.has(a)) unknownSet.add(a);
    });
  } else {
    let lastKnown = "";
    for (const e of range) {
      const a = e.account;
      if (a === lastKnown) continue;
      if (setup.accounts.has(a)) lastKnown = a;
      else unknownSet.add(a);
    }
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
