/**
 * CLOSEBOOK.BALANCE and ACTIVITY equal the trial balance to the cent on random
 * ledgers: over two fiscal years (FY2026, FY2027, each with its opening and
 * closing period, so opening-period lines and the balance start after a year's
 * openings are exercised), random accounts, dates, departments, currencies.
 *   BALANCE(pattern, P [, Department=d])  = Σ closing of the TB of P's range over the rows selected
 *   ACTIVITY(pattern, P1, P2 [, filter])  = Σ (debit − credit) of the TB of P1.start..P2.end
 *   BALANCE(pattern, P, , "EUR")          = Σ closingTransaction of the TB by currency, EUR rows
 */
import fc from "fast-check";
import { buildFiscalYear } from "../../src/core/calendar/fiscalYear";
import { closebookFunctions } from "../../src/core/formulas/functions";
import { trialBalance, type TrialBalanceRow } from "../../src/core/ledger/trialBalance";
import type { FiscalPeriod, LedgerEntry } from "../../src/core/ledger/types";
import { Amount } from "../../src/core/money";
import { ACCOUNTS, makeSetup } from "../support/fixtures";

const periods: FiscalPeriod[] = [...buildFiscalYear(2026, 1), ...buildFiscalYear(2027, 1)];
const setup = makeSetup({ periods });
const operating = periods.filter((p) => p.kind === "operating");
const numbers = ACCOUNTS.map((a) => a.number);
const PATTERNS: { pattern: string; match: (a: string) => boolean }[] = [
  ...numbers.slice(0, 4).map((n) => ({ pattern: n, match: (a: string) => a === n })),
  { pattern: "1*", match: (a) => a.startsWith("1") },
  { pattern: "6*", match: (a) => a.startsWith("6") },
  { pattern: "1000:1999", match: (a) => a >= "1000" && a <= "1999" },
  { pattern: "2000:4999", match: (a) => a >= "2000" && a <= "4999" },
];
const DEPTS = ["", "SALES", "ADMIN"];

// opening periods and January starts often: an opening line on a range's first day is an opening, not activity
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
  txnCents: fc.integer({ min: -500_000, max: 500_000 }),
});

type Spec = typeof entryArb extends fc.Arbitrary<infer T> ? T : never;

function toLedger(specs: Spec[]): LedgerEntry[] {
  return specs.map((s, i) => {
    const start = Date.parse(s.period.start);
    const end = Date.parse(s.period.end);
    const date = new Date(Math.min(end, start + s.day * 86_400_000)).toISOString().slice(0, 10);
    const accounting = Amount.fromUnits(BigInt(s.cents), 2);
    return {
      entryNo: i + 1,
      voucher: `GL-${i + 1}`,
      date,
      period: s.period.id,
      account: s.account,
      dimensions: { Department: s.dept },
      currency: s.currency,
      amount: s.currency === "USD" ? accounting : Amount.fromUnits(BigInt(s.txnCents), 2),
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

const sum = (rows: readonly TrialBalanceRow[], f: (r: TrialBalanceRow) => Amount) =>
  rows.reduce((t, r) => t.plus(f(r)), Amount.ZERO);
const cents = (a: Amount) => a.unitsAt(2);

describe("CLOSEBOOK.* equal the trial balance on random ledgers", () => {
  it("BALANCE, ACTIVITY (with and without a dimension filter) and BALANCE in a transaction currency", () => {
    fc.assert(
      fc.property(
        fc.array(entryArb, { maxLength: 60 }),
        fc.constantFrom(...PATTERNS),
        monthArb,
        monthArb,
        (specs, { pattern, match }, p1, p2) => {
          const ledger = toLedger(specs);
          const f = closebookFunctions({ ledger, setup });
          const [a, b] = p1.start <= p2.start ? [p1, p2] : [p2, p1];
          const tbB = trialBalance(ledger, setup, { from: b.start, to: b.end }).rows.filter((r) => match(r.account));
          const bal = f.balance(pattern, b.id);
          expect(bal.ok && cents(bal.amount!)).toBe(cents(sum(tbB, (r) => r.closing)));
          const tbRange = trialBalance(ledger, setup, { from: a.start, to: b.end }).rows.filter((r) =>
            match(r.account),
          );
          const act = f.activity(pattern, a.id, b.id);
          expect(act.ok && cents(act.amount!)).toBe(cents(sum(tbRange, (r) => r.debit.minus(r.credit))));
          const tbCcy = trialBalance(ledger, setup, { from: b.start, to: b.end, byCurrency: true }).rows.filter(
            (r) => match(r.account) && r.currency === "EUR",
          );
          const eur = f.balance(pattern, b.id, null, "EUR");
          expect(eur.ok && cents(eur.amount!)).toBe(cents(sum(tbCcy, (r) => r.closingTransaction!)));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("with a dimension filter, equal the trial balance split by that dimension", () => {
    fc.assert(
      fc.property(
        fc.array(entryArb, { maxLength: 60 }),
        fc.constantFrom(...PATTERNS),
        monthArb,
        monthArb,
        fc.constantFrom(...DEPTS),
        (specs, { pattern, match }, p1, p2, dept) => {
          const ledger = toLedger(specs);
          const f = closebookFunctions({ ledger, setup });
          const [a, b] = p1.start <= p2.start ? [p1, p2] : [p2, p1];
          const pick = (rows: TrialBalanceRow[]) =>
            rows.filter((r) => match(r.account) && r.dimensions.Department === dept);
          const tbB = pick(
            trialBalance(ledger, setup, { from: b.start, to: b.end, byDimensions: ["Department"] }).rows,
          );
          const bal = f.balance(pattern, b.id, `Department=${dept}`);
          expect(bal.ok && cents(bal.amount!)).toBe(cents(sum(tbB, (r) => r.closing)));
          const tbRange = pick(
            trialBalance(ledger, setup, { from: a.start, to: b.end, byDimensions: ["Department"] }).rows,
          );
          const act = f.activity(pattern, a.id, b.id, `Department=${dept}`);
          expect(act.ok && cents(act.amount!)).toBe(cents(sum(tbRange, (r) => r.debit.minus(r.credit))));
        },
      ),
      { numRuns: 150 },
    );
  });
});
