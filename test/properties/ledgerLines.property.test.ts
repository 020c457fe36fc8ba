/**
 * Drill-down equals the trial balance on random ledgers: over two fiscal years
 * (opening periods, so the balance start after a year's openings and the
 * opening voucher on a range's first day are exercised), random accounts,
 * departments, currencies and ranges, the lines ledgerLines lists for a
 * selector sum to the TB's figure over the rows the selector picks:
 *   movement = Σ (debit − credit), debit = Σ debit, credit = Σ credit, opening, closing;
 *   with "Department=d" against the TB split by Department, rows of d.
 * Every listed line is on a selected account, dated within the balance range.
 */
import fc from "fast-check";
import { buildFiscalYear } from "../../src/core/calendar/fiscalYear";
import { DRILL_FIGURES, ledgerLines, type DrillFigure } from "../../src/core/drilldown/ledgerLines";
import { trialBalance, type TrialBalanceRow } from "../../src/core/ledger/trialBalance";
import type { FiscalPeriod, LedgerEntry } from "../../src/core/ledger/types";
import { Amount } from "../../src/core/money";
import { ACCOUNTS, makeSetup } from "../support/fixtures";

const periods: FiscalPeriod[] = [...buildFiscalYear(2026, 1), ...buildFiscalYear(2027, 1)];
const setup = makeSetup({ periods });
const operating = periods.filter((p) => p.kind === "operating");
const numbers = ACCOUNTS.map((a) => a.number);
const PATTERNS: { pattern: string; match: (a: string) => boolean }[] = [
  ...numbers.slice(0, 4).map((x) => ({ pattern: x, match: (a: string) => a === x })),
  { pattern: "6*", match: (a) => a.startsWith("6") },
  { pattern: "1000:1999", match: (a) => a >= "1000" && a <= "1999" },
  { pattern: "2000:4999,6100", match: (a) => (a >= "2000" && a <= "4999") || a === "6100" },
];
const DEPTS = ["", "SALES", "ADMIN"];
const openings = periods.filter((p) => p.kind === "opening");
const periodArb = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...openings) },
  { weight: 3, arbitrary: fc.constantFrom(...periods) },
);
const monthArb = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...operating.filter((p) => p.id.endsWith("-01"))) },
  { weight: 2, arbitrary: fc.constantFrom(...operating) },
);
const entryArb = fc.record({
  period: periodArb,
  day: fc.nat(30),
  account: fc.constantFrom(...numbers),
  dept: fc.constantFrom(...DEPTS),
  currency: fc.constantFrom("USD", "EUR"),
  cents: fc.integer({ min: -500_000, max: 500_000 }),
});
type Spec = typeof entryArb extends fc.Arbitrary<infer T> ? T : never;

function toLedger(specs: Spec[]): LedgerEntry[] {
  return specs.map((s, i) => {
    const start = Date.parse(s.period.start);
    const end = Date.parse(s.period.end);
    const date = new Date(Math.min(end, start + s.day * 86_400_000)).toISOString().slice(0, 10);
    const accounting = Amount.fromUnits(BigInt(s.cents), 2);
    return {
      row: i + 1,
      entryNo: i + 1,
      voucher: `GL-${i + 1}`,
      date,
      period: s.period.id,
      account: s.account,
      dimensions: { Department: s.dept },
      currency: s.currency,
      amount: accounting,
      amountAccounting: accounting,
      description: "",
      source: s.period.kind === "opening" ? "year-end:FY" : "journal:GJ",
      runId: `RUN-${i % 3}`,
      settlementId: "",
      user: "u",
      postedAt: "2027-12-31T00:00:00Z",
    };
  });
}

const FIGURE: Record<DrillFigure, (r: TrialBalanceRow) => Amount> = {
  movement: (r) => r.debit.minus(r.credit),
  debit: (r) => r.debit,
  credit: (r) => r.credit,
  opening: (r) => r.opening,
  closing: (r) => r.closing,
};
const cents = (a: Amount) => a.unitsAt(2);

describe("drill-down lines equal the trial balance figure on random ledgers", () => {
  it("every figure, every selector, with and without a dimension filter", () => {
    fc.assert(
      fc.property(
        fc.array(entryArb, { maxLength: 60 }),
        fc.constantFrom(...PATTERNS),
        monthArb,
        monthArb,
        fc.constantFrom(...DRILL_FIGURES),
        fc.option(fc.constantFrom(...DEPTS), { nil: undefined }),
        (specs, { pattern, match }, p1, p2, figure, dept) => {
          const ledger = toLedger(specs);
          const [a, b] = p1.start <= p2.start ? [p1, p2] : [p2, p1];
          const range = { from: a.start, to: b.end };
          const tb = trialBalance(ledger, setup, { ...range, byDimensions: ["Department"] }).rows.filter(
            (r) => match(r.account) && (dept === undefined || r.dimensions.Department === dept),
          );
          const expected = tb.reduce((t, r) => t.plus(FIGURE[figure](r)), Amount.ZERO);
          const { result, issues } = ledgerLines(ledger, setup, {
            account: pattern,
            ...range,
            figure,
            ...(dept !== undefined ? { dimension: `Department=${dept}` } : {}),
          });
          expect(issues).toEqual([]);
          expect(cents(result!.value)).toBe(cents(expected));
          const listed = result!.lines.reduce((t, l) => t.plus(l.amountAccounting), Amount.ZERO);
          expect(cents(listed)).toBe(cents(result!.total));
          for (const l of result!.lines) {
            expect(match(l.account)).toBe(true);
            expect(l.date <= range.to).toBe(true);
            expect(ledger[l.row! - 1]!.entryNo).toBe(l.entryNo);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
