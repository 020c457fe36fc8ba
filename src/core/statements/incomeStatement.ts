/**
 * Income statement (profit and loss) for a date range: revenue and expense
 * accounts grouped by statement category, in four columns — the period, the
 * fiscal year to date, the same period last year, and the variance (period −
 * last year) — optionally repeated in one column block per value of one
 * dimension, followed by the total block. Sums come from the trial balance
 * (exact scaled integers); the figures are computed here, rendered by layout.ts.
 *
 * Signs as accountants read them: revenue positive (credit − debit), expenses
 * positive (debit − credit), net income = revenue − expenses; a variance is
 * period − last year in those signs (more revenue and more expense are both
 * positive variances).
 *
 * "Same period last year" is the range with both ends moved back one year, a
 * month end staying a month end (common.ts sameDateLastYear): 2026-03-01..
 * 2026-03-31 → 2025-03-01..2025-03-31; 2025-02-01..2025-02-28 → 2024-02-01..
 * 2024-02-29. Year to date runs from the fiscal year start to `to`.
 *
 * Entries posted in a closing period (year-end closing transactions, which
 * move the year's P&L into retained earnings) are left out unless
 * `includeClosingPeriods`: otherwise a closed year would show no result.
 *
 * Worked example (FY = calendar year, USD):
 *   2025-03-10 4000 Product sales (cat. Sales)  Cr 1,200.00  Department SALES
 *   2025-03-15 6100 Rent (cat. Operating)       Dr   300.00  Department ADMIN
 *   2026-01-20 4000                             Cr 1,000.00  SALES
 *   2026-03-05 4000                             Cr 1,500.00  SALES
 *   2026-03-12 6100                             Dr   400.00  ADMIN
 *   incomeStatement(ledger, setup, { from: "2026-03-01", to: "2026-03-31" })
 *                         period     YTD   last year  variance
 *     Sales  4000       1,500.00 2,500.00 1,200.00    300.00
 *     Total revenue     1,500.00 2,500.00 1,200.00    300.00
 *     Operating 6100      400.00   400.00   300.00    100.00
 *     Total expenses      400.00   400.00   300.00    100.00
 *     Net income        1,100.00 2,100.00   900.00    200.00
 *   tie-out: net income 1,100.00 = credits − debits of revenue and expense
 *   accounts in the trial balance 2026-03-01..2026-03-31 (1,500.00 − 400.00).
 *   With byDimension "Department": blocks "Department SALES", "Department
 *   ADMIN" (the setup's value order; blank last), "Total"; ADMIN's net income
 *   is −400.00 / −400.00 / −300.00 / −100.00.
 */
import { issue, type Issue } from "../issues/issue";
import { cellAt } from "../issues/where";
import type { Setup } from "../ledger/book";
import { balanceStartScan } from "../ledger/balanceStart";
import { columnsOf, dayNumber, ledgerColumns, useColumns } from "../ledger/columns";
import { balanceYearStart } from "../ledger/trialBalance";
import type { IsoDate, LedgerEntry } from "../ledger/types";
import { Amount } from "../money";
import {
  accountingPlaces,
  closingPeriodIds,
  fiscalYearStartOf,
  groupByCategory,
  isProfitAndLoss,
  presented,
  sameDateLastYear,
  tieOut,
  tieOutIssues,
  zero,
  type TieOut,
} from "./common";

export interface IncomeStatementOptions {
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** first day of the fiscal year for the year-to-date column; default: the fiscal year holding `to` */
  readonly fiscalYearStart?: IsoDate;
  /** one column block per value of this dimension, then the total block */
  readonly byDimension?: string;
  /** count entries posted in closing periods too (default: leave them out) */
  readonly includeClosingPeriods?: boolean;
}

export interface DateRange {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

/** One column block's four figures, in presentation sign. */
export interface Figures {
  readonly period: Amount;
  readonly ytd: Amount;
  readonly lastYear: Amount;
  /** period − lastYear */
  readonly variance: Amount;
}

/** A column block: one dimension value, or the total (value undefined, always last). */
export interface ColumnBlock {
  readonly value?: string;
  readonly label: string;
}

export interface IncomeLine {
  readonly account: string;
  readonly name: string;
  /** one per column block */
  readonly figures: readonly Figures[];
}

export interface IncomeCategory {
  readonly category: string;
  readonly lines: readonly IncomeLine[];
  readonly total: readonly Figures[];
}

export interface IncomeSection {
  readonly kind: "revenue" | "expense";
  readonly label: string;
  readonly categories: readonly IncomeCategory[];
  readonly total: readonly Figures[];
}

export interface IncomeStatement {
  readonly company: string;
  readonly currency: string;
  /** decimal places of the accounting currency */
  readonly places: number;
  readonly period: DateRange;
  readonly yearToDate: DateRange;
  readonly lastYear: DateRange;
  readonly dimension?: string;
  readonly blocks: readonly ColumnBlock[];
  readonly revenue: IncomeSection;
  readonly expenses: IncomeSection;
  /** revenue − expenses, one per block */
  readonly netIncome: readonly Figures[];
  /** closing-period entries dated in one of the columns' ranges, left out */
  readonly closingEntriesLeftOut: number;
  readonly tieOuts: readonly TieOut[];
  readonly issues: readonly Issue[];
}

type Column = "period" | "ytd" | "lastYear";
const COLUMNS: readonly Column[] = ["period", "ytd", "lastYear"];
/** account → dimension value ("" without a split) → debit − credit */
type Movements = Map<string, Map<string, Amount>>;

export function zeroFigures(places: number): Figures {
  const z = zero(places);
  return { period: z, ytd: z, lastYear: z, variance: z };
}

export function addFigures(a: Figures, b: Figures): Figures {
  return {
    period: a.period.plus(b.period),
    ytd: a.ytd.plus(b.ytd),
    lastYear: a.lastYear.plus(b.lastYear),
    variance: a.variance.plus(b.variance),
  };
}

function subFigures(a: Figures, b: Figures): Figures {
  return {
    period: a.period.minus(b.period),
    ytd: a.ytd.minus(b.ytd),
    lastYear: a.lastYear.minus(b.lastYear),
    variance: a.variance.minus(b.variance),
  };
}

function isZeroFigures(f: Figures): boolean {
  return f.period.isZero() && f.ytd.isZero() && f.lastYear.isZero();
}

function sumBlocks(rows: readonly (readonly Figures[])[], width: number, places: number): Figures[] {
  const out = Array.from({ length: width }, () => zeroFigures(places));
  for (const r of rows) r.forEach((f, i) => (out[i] = addFigures(out[i]!, f)));
  return out;
}

/** One column's dates: its range, the first day the trial balance counts from (start) and the fiscal year's start. */
interface ColumnScope {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly start: IsoDate | undefined;
  readonly yearStart: IsoDate | undefined;
}

/** What the ledger pass needs and what the tie-outs reuse. */
interface Scan {
  readonly entries: readonly LedgerEntry[];
  readonly setup: Setup;
  readonly places: number;
  readonly dim: string | undefined;
  readonly cols: readonly [ColumnScope, ColumnScope, ColumnScope];
  readonly closingIds: ReadonlySet<string>;
  readonly startOf: ReturnType<typeof balanceStartScan>;
}

interface AccountSums {
  readonly known: boolean;
  readonly pl: boolean;
  /** dimension value ("" without a split) → debit − credit per column; undefined = no trial-balance row */
  readonly byValue: Map<string, (bigint | undefined)[]>;
}

interface LedgerSums {
  readonly sums: Map<string, AccountSums>;
  /** per column: Σ of the known P&L lines dated the column's first day in an opening period (opening in the TB, movement in the tie-out TB) */
  readonly tieOpening: bigint[];
  /** closing-period lines a column would have shown */
  readonly leftOut: number;
}

export function incomeStatement(
  entries: readonly LedgerEntry[],
  setup: Setup,
  options: IncomeStatementOptions,
): IncomeStatement {
  const places = accountingPlaces(setup);
  const fyStart = options.fiscalYearStart ?? fiscalYearStartOf(setup, options.to);
  const issues: Issue[] = optionIssues(setup, options, fyStart);
  const dim = options.byDimension;
  const ranges = columnRanges(options, fyStart);

  const scan = ledgerScan(entries, setup, options, ranges, places);
  const ledger = sumLedger(scan);
  const { moves, unknown } = movementsOf(ledger.sums, places);
  issues.push(...ledgerIssues(setup, ledger.leftOut, unknown));

  const blocks = columnBlocks(moves, setup, dim);
  const revenue = section(moves, setup, blocks, places, "revenue", "Revenue");
  const expenses = section(moves, setup, blocks, places, "expense", "Expenses");
  const netIncome = revenue.total.map((r, i) => subFigures(r, expenses.total[i] ?? zeroFigures(places)));
  const tieOuts = netIncomeTieOuts(scan, ledger, ranges, netIncome);
  issues.push(...tieOutIssues(tieOuts));

  return {
    company: setup.settings.company,
    currency: setup.settings.accountingCurrency,
    places,
    period: ranges.period,
    yearToDate: ranges.ytd,
    lastYear: ranges.lastYear,
    ...(dim !== undefined ? { dimension: dim } : {}),
    blocks,
    revenue,
    expenses,
    netIncome,
    closingEntriesLeftOut: ledger.leftOut,
    tieOuts,
    issues,
  };
}

/** The options' own issues: a backwards range, a year to date starting after the period, an unknown dimension. */
function optionIssues(setup: Setup, options: IncomeStatementOptions, fyStart: IsoDate): Issue[] {
  const issues: Issue[] = [];
  const { from, to } = options;
  if (from > to) issues.push(issue("BAD_RANGE", `The period starts ${from}, after it ends ${to}.`));
  if (fyStart > from)
    issues.push(
      issue(
        "YTD_AFTER_PERIOD",
        `The fiscal year to date starts ${fyStart}, after the period starts ${from}.`,
        undefined,
        "warning",
      ),
    );
  const dim = options.byDimension;
  if (dim !== undefined && !setup.dimensions.some((d) => d.name === dim))
    issues.push(issue("UNKNOWN_DIMENSION", `No dimension named ${dim}.`));
  return issues;
}

/** The three columns' date ranges: the period, the fiscal year to date, the same period last year. */
function columnRanges(options: IncomeStatementOptions, fyStart: IsoDate): Record<Column, DateRange> {
  const { from, to } = options;
  return {
    period: { from, to },
    ytd: { from: fyStart, to },
    lastYear: { from: sameDateLastYear(from), to: sameDateLastYear(to) },
  };
}

/**
 * What the one pass over the ledger needs for all three columns (and their tie-outs): the same sums as a trial
 * balance per column over the entries without closing periods, by account (and dimension value).
 */
function ledgerScan(
  entries: readonly LedgerEntry[],
  setup: Setup,
  options: IncomeStatementOptions,
  ranges: Record<Column, DateRange>,
  places: number,
): Scan {
  const closingIds = options.includeClosingPeriods ? new Set<string>() : closingPeriodIds(setup);
  // the columns first, so that the balance start reads them too (as trialBalance does)
  columnsOf(entries, setup);
  const startOf = balanceStartScan(
    setup.periods,
    entries,
    closingIds.size > 0 ? { skipPeriods: closingIds } : undefined,
  );
  const column = (c: Column): ColumnScope => {
    const r = ranges[c];
    const yearStart = balanceYearStart(setup, r.to);
    return { from: r.from, to: r.to, start: yearStart === undefined ? undefined : startOf(yearStart), yearStart };
  };
  const cols: Scan["cols"] = [column("period"), column("ytd"), column("lastYear")];
  return { entries, setup, places, dim: options.byDimension, cols, closingIds, startOf };
}

/** What the ledger pass left out: closing-period lines (info) and accounts not in the chart (warnings). */
function ledgerIssues(setup: Setup, leftOut: number, unknown: Iterable<string>): Issue[] {
  const issues: Issue[] = [];
  if (leftOut > 0)
    issues.push(
      issue(
        "CLOSING_PERIOD_LEFT_OUT",
        `${leftOut} ledger line(s) posted in closing periods (year-end closing) are left out of the income statement.`,
        undefined,
        "info",
      ),
    );
  for (const a of [...unknown].sort()) {
    issues.push(
      issue(
        "UNKNOWN_ACCOUNT",
        `Account ${a} is not in the chart of accounts; its entries are left out of the income statement.`,
        cellAt(setup.where.ledger, "account"),
        "warning",
      ),
    );
  }
  return issues;
}

/** Tie-out: −(closing balances of revenue and expense accounts) in a trial balance of each range's entries only. */
function netIncomeTieOuts(
  scan: Scan,
  ledger: LedgerSums,
  ranges: Record<Column, DateRange>,
  netIncome: readonly Figures[],
): TieOut[] {
  const total = netIncome[netIncome.length - 1] ?? zeroFigures(scan.places);
  const tbNet = (i: number) => trialBalanceNet(scan, ledger, i);
  const tbLabel = (range: DateRange) =>
    `Trial balance ${range.from} to ${range.to}: credits − debits of revenue and expense accounts`;
  const { period, ytd, lastYear } = ranges;
  return [
    tieOut(`Net income ${period.from} to ${period.to}`, total.period, tbLabel(period), tbNet(0)),
    tieOut(`Net income year to date ${ytd.from} to ${ytd.to}`, total.ytd, tbLabel(ytd), tbNet(1)),
    tieOut(`Net income last year ${lastYear.from} to ${lastYear.to}`, total.lastYear, tbLabel(lastYear), tbNet(2)),
  ];
}

/** The one pass over the ledger: per account (and dimension value) the three columns' debit − credit in units. */
function sumLedger(scan: Scan): LedgerSums {
  return (useColumns(scan.entries) ? sumColumns(scan) : undefined) ?? sumObjects(scan);
}

/** sumLedger over the columnar ledger (columns.ts): the same sums, as doubles while no sum can pass 2^53. */
function sumColumns(scan: Scan): LedgerSums | undefined {
  const { setup, dim, closingIds } = scan;
  const c = ledgerColumns(scan.entries, setup);
  if (!c || !c.exactSums || c.big.size > 0 || c.scale !== scan.places) return undefined;
  const ranges = scan.cols.map((x) => ({
    from: dayNumber(x.from),
    to: dayNumber(x.to),
    start: x.start === undefined ? -Infinity : dayNumber(x.start),
  }));
  if (ranges.some((r) => Number.isNaN(r.from + r.to + r.start))) return undefined;
  const [r0, r1, r2] = ranges as [(typeof ranges)[0], (typeof ranges)[0], (typeof ranges)[0]];
  const openingIds = new Set(setup.periods.filter((p) => p.kind === "opening").map((p) => p.id));
  const opening = c.periods.map((p) => openingIds.has(p));
  const closing = c.periods.map((p) => closingIds.has(p));
  // each dimension set's value of the split dimension, as an index
  const values: string[] = [];
  const valueIds = new Map<string, number>();
  const valueOf = c.dimSets.map((set) => {
    const v = dim !== undefined ? (set[dim] ?? "") : "";
    let id = valueIds.get(v);
    if (id === undefined) valueIds.set(v, (id = values.push(v) - 1));
    return id;
  });
  const sums = new Map<string, AccountSums>();
  const byAccount: (AccountSums | undefined)[] = new Array<AccountSums | undefined>(c.accounts.length);
  const slotOf = new Map<number, number>();
  const slotCells: (bigint | undefined)[][] = [];
  const touched: boolean[] = [];
  const sum: number[] = [];
  const tie = [0, 0, 0];
  let leftOut = 0;
  const nV = values.length;
  for (let i = 0; i < c.length; i++) {
    const d = c.day[i]!;
    const p = c.period[i]!;
    if (closing[p]) {
      if ((r0.from <= d && d <= r0.to) || (r1.from <= d && d <= r1.to) || (r2.from <= d && d <= r2.to)) leftOut++;
      continue;
    }
    const a = c.account[i]!;
    let acc = byAccount[a];
    if (!acc) {
      const number = c.accounts[a]!;
      const x = setup.accounts.get(number);
      acc = { known: x !== undefined, pl: x !== undefined && isProfitAndLoss(x.type), byValue: new Map() };
      byAccount[a] = acc;
      sums.set(number, acc);
    }
    if (acc.known && !acc.pl) continue;
    const v = valueOf[c.dimSet[i]!]!;
    const key = a * nV + v;
    let slot = slotOf.get(key);
    if (slot === undefined) {
      slot = slotCells.length;
      slotOf.set(key, slot);
      const cells: (bigint | undefined)[] = [undefined, undefined, undefined];
      acc.byValue.set(values[v]!, cells);
      slotCells.push(cells);
      touched.push(false, false, false);
      sum.push(0, 0, 0);
    }
    const u = c.units[i]!;
    for (let k = 0; k < 3; k++) {
      const r = k === 0 ? r0 : k === 1 ? r1 : r2;
      if (d > r.to || d < r.start) continue;
      touched[slot * 3 + k] = true;
      if (d < r.from) continue;
      if (d === r.from && opening[p]) {
        if (acc.pl) tie[k]! += u;
      } else sum[slot * 3 + k]! += u;
    }
  }
  slotCells.forEach((cells, slot) => {
    for (let k = 0; k < 3; k++) if (touched[slot * 3 + k]) cells[k] = BigInt(sum[slot * 3 + k]!);
  });
  return { sums, tieOpening: tie.map((t) => BigInt(t)), leftOut };
}

function sumObjects(scan: Scan): LedgerSums {
  const { setup, places, dim, cols, closingIds } = scan;
  const skipClosing = closingIds.size > 0;
  const openingPeriods = new Set(setup.periods.filter((p) => p.kind === "opening").map((p) => p.id));
  const [p0, p1, p2] = cols;
  const sums = new Map<string, AccountSums>();
  const tieOpening = [0n, 0n, 0n];
  let leftOut = 0;
  let lastAccount = "";
  let lastSums: AccountSums | undefined;
  for (const e of scan.entries) {
    const date = e.date;
    if (skipClosing && closingIds.has(e.period)) {
      // count only the left-out lines a column would have shown
      if (
        (p0.from <= date && date <= p0.to) ||
        (p1.from <= date && date <= p1.to) ||
        (p2.from <= date && date <= p2.to)
      )
        leftOut++;
      continue;
    }
    let acc: AccountSums;
    if (lastSums !== undefined && e.account === lastAccount) acc = lastSums;
    else {
      let got = sums.get(e.account);
      if (!got) {
        const a = setup.accounts.get(e.account);
        sums.set(
          e.account,
          (got = { known: a !== undefined, pl: a !== undefined && isProfitAndLoss(a.type), byValue: new Map() }),
        );
      }
      lastAccount = e.account;
      lastSums = acc = got;
    }
    if (acc.known && !acc.pl) continue;
    const v = dim !== undefined ? (e.dimensions[dim] ?? "") : "";
    let cells = acc.byValue.get(v);
    if (!cells) acc.byValue.set(v, (cells = [undefined, undefined, undefined]));
    let u: bigint | undefined;
    for (let i = 0; i < 3; i++) {
      const c = cols[i]!;
      if (date > c.to || (c.start !== undefined && date < c.start)) continue;
      u ??= e.amountAccounting.unitsAt(places);
      if (date < c.from) cells[i] ??= 0n;
      else if (date === c.from && openingPeriods.has(e.period)) {
        cells[i] ??= 0n;
        if (acc.pl) tieOpening[i]! += u;
      } else cells[i] = (cells[i] ?? 0n) + u;
    }
  }
  return { sums, tieOpening, leftOut };
}

/** Per column the known P&L accounts' movements as amounts; accounts not in the chart with a non-zero sum apart. */
function movementsOf(
  sums: ReadonlyMap<string, AccountSums>,
  places: number,
): { moves: Record<Column, Movements>; unknown: Set<string> } {
  const moves = {} as Record<Column, Movements>;
  const unknown = new Set<string>();
  const accountOrder = [...sums.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  COLUMNS.forEach((c, i) => {
    const m: Movements = new Map();
    for (const account of accountOrder) {
      const acc = sums.get(account)!;
      if (acc.known && !acc.pl) continue;
      for (const [v, cells] of acc.byValue) {
        const units = cells[i];
        if (units === undefined) continue;
        if (!acc.known) {
          if (units !== 0n) unknown.add(account);
          continue;
        }
        let byValue = m.get(account);
        if (!byValue) m.set(account, (byValue = new Map()));
        byValue.set(v, Amount.fromUnits(units, places));
      }
    }
    moves[c] = m;
  });
  return { moves, unknown };
}

/** The column blocks: the dimension values with any non-zero figure, in the setup's order, unknown values after, blank last; then the total. */
function columnBlocks(moves: Record<Column, Movements>, setup: Setup, dim: string | undefined): ColumnBlock[] {
  let values: string[] = [];
  if (dim !== undefined) {
    const seen = new Set<string>();
    for (const c of COLUMNS)
      for (const byValue of moves[c].values()) for (const [v, x] of byValue) if (!x.isZero()) seen.add(v);
    const declared = [...(setup.dimensionValues.get(dim)?.keys() ?? [])];
    values = [
      ...declared.filter((v) => seen.has(v) && v !== ""),
      ...[...seen].filter((v) => v !== "" && !declared.includes(v)).sort(),
      ...(seen.has("") ? [""] : []),
    ];
  }
  return [
    ...values.map((v) => ({ value: v, label: v === "" ? `${dim ?? ""} (blank)` : `${dim ?? ""} ${v}` })),
    { label: "Total" },
  ];
}

/** One account's figures in one block (a dimension value, or all values for the total), in presentation sign. */
function figuresOf(
  moves: Record<Column, Movements>,
  places: number,
  account: string,
  value: string | undefined,
  type: string,
): Figures {
  const get = (c: Column): Amount => {
    const byValue = moves[c].get(account);
    if (!byValue) return zero(places);
    if (value !== undefined) return byValue.get(value) ?? zero(places);
    let s = zero(places);
    for (const x of byValue.values()) s = s.plus(x);
    return s;
  };
  const period = presented(type, get("period"));
  const lastYear = presented(type, get("lastYear"));
  return { period, ytd: presented(type, get("ytd")), lastYear, variance: period.minus(lastYear) };
}

/** The revenue or expense section: accounts with any non-zero figure, by category, with totals. */
function section(
  moves: Record<Column, Movements>,
  setup: Setup,
  blocks: readonly ColumnBlock[],
  places: number,
  kind: "revenue" | "expense",
  label: string,
): IncomeSection {
  const accounts = [...new Set(COLUMNS.flatMap((c) => [...moves[c].keys()]))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const lines = accounts
    .map((number) => setup.accounts.get(number)!)
    .filter((a) => a.type === kind)
    .map((a) => ({
      account: a.number,
      name: a.name,
      category: a.category,
      figures: blocks.map((b) => figuresOf(moves, places, a.number, b.value, kind)),
    }))
    .filter((l) => l.figures.some((f) => !isZeroFigures(f)));
  const categories = groupByCategory(lines).map((g) => ({
    category: g.category,
    lines: g.items.map(({ account, name, figures }) => ({ account, name, figures })),
    total: sumBlocks(
      g.items.map((l) => l.figures),
      blocks.length,
      places,
    ),
  }));
  return {
    kind,
    label,
    categories,
    total: sumBlocks(
      categories.map((c) => c.total),
      blocks.length,
      places,
    ),
  };
}

/** Column i's −(closing balances of revenue and expense accounts) in a trial balance of the range's entries only. */
function trialBalanceNet(scan: Scan, ledger: LedgerSums, i: number): Amount {
  const { places, closingIds, startOf } = scan;
  const c = scan.cols[i]!;
  const start = c.yearStart === undefined ? undefined : startOf(c.yearStart, c.from);
  const lo = (x: string | undefined) => (x !== undefined && x > c.from ? x : c.from);
  let units = 0n;
  if (lo(start) === lo(c.start)) {
    // the same lines as the column's movements plus its first day's opening lines
    for (const acc of ledger.sums.values())
      if (acc.known && acc.pl) for (const cells of acc.byValue.values()) units += cells[i] ?? 0n;
    units += ledger.tieOpening[i]!;
  } else {
    for (const e of scan.entries) {
      const date = e.date;
      if (date < c.from || date > c.to || (start !== undefined && date < start)) continue;
      if (closingIds.size > 0 && closingIds.has(e.period)) continue;
      const acc = ledger.sums.get(e.account);
      if (acc?.known && acc.pl) units += e.amountAccounting.unitsAt(places);
    }
  }
  return Amount.fromUnits(-units, places);
}
