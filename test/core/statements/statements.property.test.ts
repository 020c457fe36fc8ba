/**
 * Invariants of the statements, for any balanced ledger of random vouchers
 * over random accounts of every type, dates across two fiscal years (some
 * posted in a closing period) and a Department dimension:
 * - the balance sheet's check line is zero (A = L + E + earnings) at any date;
 * - the journal report's overall debit equals its credit (and equals the
 *   trial balance's debit column for the range); an unbalanced voucher is named;
 * - the income statement's net income = −(closing balances of revenue and
 *   expense accounts) in a trial balance of the range's entries, for the
 *   period, year-to-date and last-year columns; the dimension blocks add up
 *   to the total block;
 * - every formula of the three grids (subtotals, totals, check lines) recomputed
 *   from the grid's own numbers equals the figure it caches.
 */
import fc from "fast-check";
import { daysInMonth, isoDate } from "../../../src/core/calendar/fiscalYear";
import { trialBalance } from "../../../src/core/ledger/trialBalance";
import type { LedgerEntry } from "../../../src/core/ledger/types";
import { Amount } from "../../../src/core/money";
import { balanceSheet } from "../../../src/core/statements/balanceSheet";
import { closingPeriodIds } from "../../../src/core/statements/common";
import { incomeStatement } from "../../../src/core/statements/incomeStatement";
import { journalReport } from "../../../src/core/statements/journalReport";
import {
  balanceSheetGrid,
  incomeStatementGrid,
  journalReportGrid,
  type Grid,
  type GridFormula,
} from "../../../src/core/statements/layout";
import { CHART, statementSetup } from "./statementFixture";

const setup = statementSetup();
const DEPTS = ["", "SALES", "ADMIN"];

/** 0 → 2025-01-01 … 729 → 2026-12-31 (days 730.. run into 2027, outside the calendar) */
function dayToDate(n: number): string {
  let y = 2025;
  let m = 1;
  let d = n;
  for (;;) {
    const dim = daysInMonth(y, m);
    if (d < dim) return isoDate(y, m, d + 1);
    d -= dim;
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
}
const dateArb = fc.integer({ min: 0, max: 760 }).map(dayToDate);

interface GenLine {
  readonly account: string;
  readonly cents: number;
  readonly dept: string;
}
interface GenVoucher {
  readonly date: string;
  readonly lines: readonly GenLine[];
  readonly balancing: GenLine;
  readonly closing: boolean;
  readonly source: string;
}
const lineArb: fc.Arbitrary<GenLine> = fc.record({
  account: fc.constantFrom(...CHART.map((a) => a.number)),
  cents: fc.integer({ min: -10_000_000, max: 10_000_000 }),
  dept: fc.constantFrom(...DEPTS),
});
const voucherArb: fc.Arbitrary<GenVoucher> = fc.record({
  date: dateArb,
  lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }),
  balancing: lineArb,
  closing: fc.boolean(),
  source: fc.constantFrom("journal:GJ", "journal:AP", "close:FXREV"),
});
const ledgerArb = fc.array(voucherArb, { maxLength: 25 }).map(build);
const rangeArb = fc.tuple(dateArb, dateArb).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));

/** Each voucher balances: its last line takes minus the sum of the others. */
function build(vs: readonly GenVoucher[]): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  vs.forEach((v, i) => {
    const total = v.lines.reduce((s, l) => s + l.cents, 0);
    const period = v.closing ? `FY${v.date.slice(0, 4)}-CLOSE` : v.date.slice(0, 7);
    for (const l of [...v.lines, { ...v.balancing, cents: -total }]) {
      const a = Amount.fromUnits(BigInt(l.cents), 2);
      out.push({
        entryNo: out.length + 1,
        voucher: `GL-${i + 1}`,
        date: v.date,
        period,
        account: l.account,
        dimensions: { Department: l.dept },
        currency: "USD",
        amount: a,
        amountAccounting: a,
        description: "",
        source: v.source,
        runId: "R",
        settlementId: "",
        user: "alice",
        postedAt: "t",
      });
    }
  });
  return out;
}

/** −(closing balances of revenue and expense accounts) in a trial balance of the entries dated in the range */
function tbNetIncome(entries: readonly LedgerEntry[], from: string, to: string): string {
  const tb = trialBalance(
    entries.filter((e) => e.date >= from),
    setup,
    { from, to },
  );
  return Amount.sum(tb.rows.filter((r) => r.type === "revenue" || r.type === "expense").map((r) => r.closing))
    .neg()
    .atScale(2)
    .toString();
}

test("the balance sheet's check line is zero for any balanced ledger", () => {
  fc.assert(
    fc.property(ledgerArb, dateArb, (entries, asOf) => {
      const bs = balanceSheet(entries, setup, { asOf });
      expect(bs.check.toString()).toBe("0.00");
      expect(bs.assets.total.eq(bs.totalLiabilitiesAndEquity)).toBe(true);
      expect(bs.tieOuts.every((t) => t.difference.isZero())).toBe(true);
      expect(bs.issues.filter((i) => i.severity === "error")).toEqual([]);
    }),
  );
});

test("the journal report's debits equal its credits for any balanced ledger", () => {
  fc.assert(
    fc.property(
      ledgerArb,
      rangeArb,
      fc.constantFrom(undefined, "journal:", "close:FXREV", "JOURNAL:AP"),
      (entries, range, source) => {
        const r = journalReport(entries, setup, { ...range, ...(source !== undefined ? { source } : {}) });
        expect(r.debit.eq(r.credit)).toBe(true);
        expect(r.balanced).toBe(true);
        expect(r.issues).toEqual([]);
        if (source === undefined) {
          const tb = trialBalance(entries, setup, range);
          expect(r.debit.eq(tb.totals.debit)).toBe(true);
          expect(r.vouchers.reduce((n, v) => n + v.lines.length, 0)).toBe(
            entries.filter((e) => e.date >= range.from && e.date <= range.to).length,
          );
        }
      },
    ),
  );
});

test("the journal report names exactly the voucher that was unbalanced", () => {
  fc.assert(
    fc.property(
      ledgerArb.filter((es) => es.length > 0),
      fc.nat(),
      fc.integer({ min: 1, max: 99_999 }),
      (entries, pick, cents) => {
        const broken = entries[pick % entries.length]!;
        const tampered = entries.map((e) =>
          e === broken ? { ...e, amountAccounting: e.amountAccounting.plus(Amount.fromUnits(BigInt(cents), 2)) } : e,
        );
        const r = journalReport(tampered, setup, { from: broken.date, to: broken.date });
        expect(r.balanced).toBe(false);
        expect(r.issues.filter((i) => i.code === "UNBALANCED").map((i) => i.at?.voucher)).toEqual([broken.voucher]);
        expect(r.debit.minus(r.credit).toString()).toBe(Amount.fromUnits(BigInt(cents), 2).toString());
      },
    ),
  );
});

test("income statement net income = −(P&L closing balances over the range) from the trial balance", () => {
  const closing = closingPeriodIds(setup);
  fc.assert(
    fc.property(ledgerArb, rangeArb, (entries, { from, to }) => {
      const s = incomeStatement(entries, setup, { from, to, byDimension: "Department" });
      const total = s.netIncome[s.netIncome.length - 1]!;
      const open = entries.filter((e) => !closing.has(e.period));
      expect(total.period.toString()).toBe(tbNetIncome(open, from, to));
      expect(total.ytd.toString()).toBe(tbNetIncome(open, s.yearToDate.from, to));
      expect(total.lastYear.toString()).toBe(tbNetIncome(open, s.lastYear.from, s.lastYear.to));
      expect(total.variance.eq(total.period.minus(total.lastYear))).toBe(true);
      // the dimension blocks add up to the total block
      const blocks = s.netIncome.slice(0, -1);
      expect(Amount.sum(blocks.map((b) => b.period)).eq(total.period)).toBe(true);
      expect(Amount.sum(blocks.map((b) => b.ytd)).eq(total.ytd)).toBe(true);
      // with closing-period entries counted, it ties to the trial balance of every entry
      const all = incomeStatement(entries, setup, { from, to, includeClosingPeriods: true });
      expect(all.netIncome[0]!.period.toString()).toBe(tbNetIncome(entries, from, to));
      expect([...s.tieOuts, ...all.tieOuts].every((t) => t.difference.isZero())).toBe(true);
    }),
  );
});

/** A grid formula evaluated over the grid's own numbers, in exact cents (SUBTOTAL skips SUBTOTAL cells, as Excel does). */
function evalGrid(g: Grid, f: GridFormula): bigint {
  const cents = (r: number, c: number) => {
    const v = g.rows[r]?.[c];
    return typeof v === "number" ? BigInt(Math.round(v * 100)) : 0n;
  };
  if (f.op === "MINUS") return cents(f.left.row, f.left.col) - cents(f.right.row, f.right.col);
  const skip = new Set(
    f.op === "SUBTOTAL" ? g.formulas.filter((x) => x.formula.op === "SUBTOTAL").map((x) => `${x.row},${x.col}`) : [],
  );
  let t = 0n;
  for (const [a, b] of f.ranges)
    for (let r = a.row; r <= b.row; r++) if (!skip.has(`${r},${a.col}`)) t += cents(r, a.col);
  return t;
}

test("every subtotal, total and check-line formula of the three grids recomputes to the figure shown", () => {
  fc.assert(
    fc.property(ledgerArb, rangeArb, fc.boolean(), (entries, { from, to }, split) => {
      const grids = [
        incomeStatementGrid(
          incomeStatement(entries, setup, { from, to, ...(split ? { byDimension: "Department" } : {}) }),
        ),
        balanceSheetGrid(balanceSheet(entries, setup, { asOf: to })),
        journalReportGrid(journalReport(entries, setup, { from, to })),
      ];
      for (const g of grids)
        for (const f of g.formulas) {
          expect(typeof g.rows[f.row]![f.col]).toBe("number");
          expect(evalGrid(g, f.formula)).toBe(BigInt(Math.round((g.rows[f.row]![f.col] as number) * 100)));
        }
      // the statements' totals are formulas: a total row of the income statement has one per amount column
      const net = grids[0]!.rows.findIndex((r) => r[0] === "Net income");
      expect(grids[0]!.formulas.filter((f) => f.row === net)).toHaveLength((4 * (grids[0]!.formats.length - 1)) / 5);
    }),
    { numRuns: 150 },
  );
});
