/**
 * An entity's consolidation package from its book, for one operating period:
 * for every operating period of its fiscal year up to that one, the balances per
 * account × dimensions × transaction currency (opening, activity, closing, in the
 * accounting currency); the dated changes of its equity accounts (for historical
 * translation); the period's status and seal. Results of earlier years still on
 * revenue and expense accounts (no year-end close) are moved to the retained
 * earnings account, one change per year dated at that year's end — what a
 * year-end close would have posted.
 *
 * A group workbook packaged for a higher group (two-level groups, e.g. MXN → USD → EUR) dates
 * its consolidated equity lines by the entity change each translates (" · dated 2024-06-30" in
 * their description): its share capital and retained earnings per year, translated at its level,
 * keep their historical dates (the NCI share of them too); its CTA and NCI equity account
 * movements are dated at the period end that posted them.
 *
 * Example: UK, 2026-03 (On hold, sealed) → lines for 2026-01, 2026-02, 2026-03;
 *   equity changes [3000 2024-06-30 −1000.00, 3100 2025-12-31 −300.00 (FY2025's result)];
 *   status "On hold", draft false, sealHead "9f2c…". An Open period → refused unless draft.
 */
import { issue, type Issue } from "../issues/issue";
import { cellAt, inTable } from "../issues/where";
import type { Book } from "../ledger/book";
import { dimensionNames } from "../ledger/book";
import { trialBalance } from "../ledger/trialBalance";
import type { DimensionSet, FiscalPeriod, IsoDate } from "../ledger/types";
import { Amount } from "../money";
import { isProfitAndLoss } from "../statements/common";
import { consolidationTag } from "./consolidate";
import type { EntityPackage, EquityChange, PackageLine } from "./model";

export interface BuildPackageOptions {
  readonly entity: string;
  readonly period: string;
  readonly draft: boolean;
  readonly source: string;
}

const dimsKey = (d: DimensionSet) =>
  Object.keys(d)
    .sort()
    .filter((k) => d[k])
    .map((k) => `${k}=${d[k]}`)
    .join(";");
const clean = (d: DimensionSet): DimensionSet => Object.fromEntries(Object.entries(d).filter(([, v]) => v));

export function buildPackage(entityBook: Book, o: BuildPackageOptions): { pkg?: EntityPackage; issues: Issue[] } {
  const setup = entityBook.setup;
  const p = setup.periods.find((x) => x.id === o.period && x.kind === "operating");
  // the year-end close of the package's own year (its closing period, dated the last day) moves the
  // year's result to retained earnings; the group translates that result itself, so it stays out
  const closingOfYear = new Set(
    setup.periods.filter((x) => x.kind === "closing" && x.fiscalYear === p?.fiscalYear).map((x) => x.id),
  );
  const book: Book = closingOfYear.size
    ? { ...entityBook, ledger: entityBook.ledger.filter((e) => !closingOfYear.has(e.period)) }
    : entityBook;
  if (!p)
    return {
      issues: [issue("UNKNOWN_PERIOD", `There is no operating period "${o.period}".`, inTable(setup.where.periods))],
    };
  const issues: Issue[] = [];
  if (p.status === "Open" && !o.draft) {
    return {
      issues: [
        issue(
          "PERIOD_OPEN",
          `Period ${p.id} is Open: put it on hold (or close it) before packaging it, or package it with --draft.`,
          cellAt(setup.where.periods, "status", p.row),
        ),
      ],
    };
  }
  const year = setup.periods
    .filter((x) => x.fiscalYear === p.fiscalYear && x.kind === "operating" && x.start <= p.start)
    .sort((a, b) => (a.start < b.start ? -1 : 1));
  const zero = Amount.ZERO.atScale(setup.currencies.get(setup.settings.accountingCurrency)?.precision ?? 2);
  const lines = yearLines(book, year, zero);
  const { changes, priorResults } = equityChangesOf(book, p, year[0]!.start);
  if (!priorResults.isZero()) {
    const re = setup.settings.retainedEarningsAccount;
    if (!re)
      issues.push(
        issue(
          "MISSING_SETTING",
          `Earlier years' results (${priorResults.toString()}) are still on revenue and expense accounts and the setting "Retained earnings account" is empty.`,
          cellAt(setup.where.settings, "value"),
        ),
      );
    else carryPriorResults(lines, year, re, priorResults, setup, zero);
  }
  const seal = [...book.seals].reverse().find((s) => s.period === p.id && s.status === "sealed");
  const pkg: EntityPackage = {
    source: o.source,
    entity: o.entity,
    currency: setup.settings.accountingCurrency,
    period: p.id,
    periodEnd: p.end,
    status: p.status,
    draft: p.status === "Open",
    sealHead: seal?.hash ?? "",
    lines: lines.filter((l) => !(l.opening.isZero() && l.activity.isZero() && l.closing.isZero())),
    equityChanges: [...changes.values()]
      .filter((c) => !c.amount.isZero())
      .sort((a, b) => (a.account < b.account ? -1 : a.account > b.account ? 1 : a.date < b.date ? -1 : 1)),
  };
  if (pkg.draft)
    issues.push(
      issue(
        "DRAFT_PACKAGE",
        `Period ${p.id} is Open: the package is a DRAFT and says so wherever it is used.`,
        cellAt(setup.where.periods, "status", p.row),
        "warning",
      ),
    );
  return { pkg, issues };
}

const isPL = (setup: Book["setup"], account: string) => isProfitAndLoss(setup.accounts.get(account)?.type ?? "");

/** Every period of the year up to the package's: its balances per account × dimensions × currency, P&L accounts starting the year at zero. */
function yearLines(book: Book, year: readonly FiscalPeriod[], zero: Amount): PackageLine[] {
  const setup = book.setup;
  const yearStart = year[0]!.start;
  const dims = dimensionNames(setup);
  const lines: PackageLine[] = [];
  for (const q of year) {
    const tb = trialBalance(book.ledger, setup, { from: q.start, to: q.end, byDimensions: dims, byCurrency: true });
    for (const r of tb.rows) {
      // revenue and expense start the year at zero: earlier results belong to retained earnings
      const carried = isPL(setup, r.account) ? Amount.ZERO : null;
      const activity = r.debit.minus(r.credit);
      const opening = carried && q.start === yearStart ? zero : r.opening;
      const line = {
        account: r.account,
        dimensions: clean(r.dimensions),
        currency: r.currency ?? setup.settings.accountingCurrency,
        period: q.id,
        start: q.start,
        end: q.end,
        opening,
        activity,
        closing: opening.plus(activity),
      };
      if (line.opening.isZero() && line.activity.isZero() && line.closing.isZero()) continue;
      lines.push(line);
    }
  }
  // P&L openings carried into the year: roll them forward through the year's lines
  const plOpen = new Map<string, Amount>();
  return lines.map((l) => {
    if (!isPL(setup, l.account)) return l;
    const k = `${l.account}|${dimsKey(l.dimensions)}|${l.currency}`;
    const opening = plOpen.get(k) ?? zero;
    const closing = opening.plus(l.activity);
    plOpen.set(k, closing);
    return { ...l, opening, closing };
  });
}

/** Equity changes, dated, up to the period's end; earlier years' results not closed → retained earnings at each year's end. */
function equityChangesOf(
  book: Book,
  p: FiscalPeriod,
  yearStart: IsoDate,
): { changes: Map<string, EquityChange>; priorResults: Amount } {
  const setup = book.setup;
  const changes = new Map<string, EquityChange>();
  const add = (account: string, d: DimensionSet, date: IsoDate, amount: Amount) => {
    const k = `${account}|${dimsKey(d)}|${date}`;
    const c = changes.get(k);
    changes.set(k, { account, dimensions: clean(d), date, amount: (c?.amount ?? Amount.ZERO).plus(amount) });
  };
  const re = setup.settings.retainedEarningsAccount;
  const yearEnd = (date: IsoDate): IsoDate =>
    setup.periods
      .filter((x) => x.start <= date && date <= x.end)
      .reduce<FiscalPeriod | undefined>((a, x) => a ?? x, undefined)?.fiscalYear ?? "";
  const ends = new Map<string, IsoDate>();
  for (const x of setup.periods)
    if (!ends.has(x.fiscalYear) || ends.get(x.fiscalYear)! < x.end) ends.set(x.fiscalYear, x.end);
  let priorResults = Amount.ZERO;
  for (const e of book.ledger) {
    if (e.date > p.end) continue;
    const type = setup.accounts.get(e.account)?.type;
    // a group workbook's consolidated equity keeps the date of the entity's change it translates (two-level groups)
    if (type === "equity") add(e.account, e.dimensions, consolidationTag(e)?.date ?? e.date, e.amountAccounting);
    else if ((type === "revenue" || type === "expense") && e.date < yearStart) {
      const fy = yearEnd(e.date);
      priorResults = priorResults.plus(e.amountAccounting);
      if (re) add(re, {}, ends.get(fy) ?? e.date, e.amountAccounting);
    }
  }
  return { changes, priorResults };
}

/** The retained earnings line carries earlier years' results at every period of the year (added where it has none). */
function carryPriorResults(
  lines: PackageLine[],
  year: readonly FiscalPeriod[],
  re: string,
  priorResults: Amount,
  setup: Book["setup"],
  zero: Amount,
): void {
  for (const q of year) {
    const i = lines.findIndex(
      (l) =>
        l.account === re &&
        l.period === q.id &&
        dimsKey(l.dimensions) === "" &&
        l.currency === setup.settings.accountingCurrency,
    );
    const base =
      i >= 0
        ? lines[i]!
        : {
            account: re,
            dimensions: {},
            currency: setup.settings.accountingCurrency,
            period: q.id,
            start: q.start,
            end: q.end,
            opening: zero,
            activity: zero,
            closing: zero,
          };
    const moved = { ...base, opening: base.opening.plus(priorResults), closing: base.closing.plus(priorResults) };
    if (i >= 0) lines[i] = moved;
    else lines.push(moved);
  }
}
