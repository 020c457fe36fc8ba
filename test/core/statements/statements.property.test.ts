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
 *   to the total block.
 */
import fc from "fast-check";
import { daysInMonth, isoDate } from "../../../src/core/calendar/fiscalYear";
import { trialBalance } from "../../../src/core/ledger/trialBalance";
import type { LedgerEntry } from "../../../src/core/ledger/types";
import { Amount } from "../../../src/core/money";
import { balanceSheet } from "../../../src/core/statements/balanceSheet";
import { incomeStatement } from "../../../src/core/statements/incomeStatement";
import { journalReport } from "../../../src/core/statements/journalReport";
import { CHART, statementSetup } from "./statementFixture";

const setup = statementSetup();
const ACCOUNTS = CHART.map((a) => a.number);
const DEPTS = ["", "SALES", "ADMIN"];

/** 0 → 2025-01-01 … 729 → 2026-12-31 */
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
const dateArb = fc.integer({ min: 0, max: 729 }).map(dayToDate);

interface GenLine {
  account: string;
  cents: number;
  dept: string;
}
const lineArb: fc.Arbitrary<GenLine> = fc.record({ account: fc.constantFrom(...ACCOUNTS), cents: fc.integer({ min: -10_000_000, max: 10_000_000 }), dept: fc.constantFrom(...DEPTS) });
const voucherArb = fc.record({
  date: dateArb,
  lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }),
  balancing: lineArb,
  closing: fc.boolean().map((b) => b && Math.random() < 2), // plain boolean; kept explicit for readability
  source: fc.constantFrom("journal:GJ", "journal:AP", "close:FXREV"),
});

function build(vs: fc.RecordValue<typeof voucherArb.constraints>[] | ReturnType<typeof voucherArb.generate>["value"][]): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  vs.forEach((v, i) => {
    const total = v.lines.reduce((s, l) => s + l.cents, 0);
    const lines = [...v.lines, { ...v.balancing, cents: -total }];
    const period = v.closing ? `FY${v.date.slice(0, 4)}-CLOSE` : v.date.slice(0, 7);
    for (const l of lines) {
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
