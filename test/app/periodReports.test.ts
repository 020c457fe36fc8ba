/**
 * The Reports tab's use cases through a port: which periods are offered,
 * and each report writing its sheets, protected when the period is not Open.
 *
 * Posted (USD ledger), as in journalReport.test.ts:
 *   D-1 2026-03-10 1000 Dr 1,500.00 / 4000 Cr 1,500.00
 *   D-2 2026-03-12 6100 Dr 400.00 / 2000 Cr 400.00
 *   D-3 2026-03-20 1010 EUR 100.00 × 1.09 = 109.00 / 4000 Cr 109.00
 *   D-4 2026-04-02 1100 Dr 250.00 / 4000 Cr 250.00
 * March: debits = credits = 2,009.00; net income 1,609.00 − 400.00 = 1,209.00;
 * balance sheet: assets 1,609.00 = payables 400.00 + current-year earnings 1,209.00.
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { changePeriod } from "../../src/app/changePeriod";
import {
  journalReportToSheet,
  reportPeriods,
  statementsToSheets,
  trialBalanceToSheet,
} from "../../src/app/periodReports";
import { fixedClock } from "../../src/ports/clock";
import { postedSmallCompany } from "../support/smallCompany";

const clock = fixedClock("2026-04-05T09:00:00.000Z");
const ctx = { user: "alice", clock };

function workbook(): Promise<MemoryWorkbook> {
  return postedSmallCompany(new MemoryWorkbook(), ctx);
}

test("the operating periods are offered, with the ones that have ledger entries", async () => {
  const wb = await workbook();
  const r = await reportPeriods(wb);
  expect(r.periods.map((p) => p.id)).toEqual([
    "2026-01",
    "2026-02",
    "2026-03",
    "2026-04",
    "2026-05",
    "2026-06",
    "2026-07",
    "2026-08",
    "2026-09",
    "2026-10",
    "2026-11",
    "2026-12",
  ]);
  expect(r.withEntries).toEqual(["2026-03", "2026-04"]);
});

test("statements: three sheets, a zero check line, protected once the period is on hold", async () => {
  const wb = await workbook();
  const open = await statementsToSheets(wb, "2026-03");
  expect(open.sheets).toEqual([
    { sheet: "Income statement 2026-03", protected: false },
    { sheet: "Balance sheet 2026-03", protected: false },
    { sheet: "Journal report 2026-03", protected: false },
  ]);
  expect(open.statements.balance?.check.toFixed(2)).toBe("0.00");
  expect(open.statements.income?.netIncome.at(-1)?.period.toFixed(2)).toBe("1209.00");
  expect(wb.getReport("Balance sheet 2026-03")).toBeDefined();

  expect(
    (await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "closed" }, { ...ctx, user: "bob" })).done,
  ).toBe(true);
  const held = await statementsToSheets(wb, "2026-03");
  expect(held.sheets.every((s) => s.protected)).toBe(true);
  expect(await wb.isProtected("Income statement 2026-03")).toBe(true);
});

test("statements are kept per period: April's sheets leave March's, and March's protection, as they were", async () => {
  // By hand: March's net income 1,609.00 revenue − 400.00 rent = 1,209.00; April's is D-4's 250.00 of revenue.
  const wb = await workbook();
  expect(
    (await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "closed" }, { ...ctx, user: "bob" })).done,
  ).toBe(true);
  const march = await statementsToSheets(wb, "2026-03");
  const april = await statementsToSheets(wb, "2026-04");
  expect(april.sheets).toEqual([
    { sheet: "Income statement 2026-04", protected: false },
    { sheet: "Balance sheet 2026-04", protected: false },
    { sheet: "Journal report 2026-04", protected: false },
  ]);
  expect(march.sheets.every((s) => s.protected)).toBe(true);
  expect(april.statements.income?.netIncome.at(-1)?.period.toFixed(2)).toBe("250.00");
  expect(wb.getReport("Income statement 2026-03")?.title).toBe(
    "Test Co — Income statement 2026-03-01 to 2026-03-31 (USD)",
  );
  expect(wb.getReport("Income statement 2026-04")?.title).toBe(
    "Test Co — Income statement 2026-04-01 to 2026-04-30 (USD)",
  );
  for (const sheet of ["Income statement 2026-03", "Balance sheet 2026-03", "Journal report 2026-03"])
    expect([sheet, await wb.isProtected(sheet)]).toEqual([sheet, true]);
  expect(wb.reports().map((r) => r.sheet)).toHaveLength(6);
});

test("an unknown period writes nothing and says so", async () => {
  const wb = await workbook();
  const r = await statementsToSheets(wb, "2031-01");
  expect(r.sheets).toEqual([]);
  expect(r.statements.issues.map((i) => i.code)).toContain("UNKNOWN_PERIOD");
  const tb = await trialBalanceToSheet(wb, "2031-01");
  expect([tb.sheets, tb.tb, tb.issues.map((i) => i.code)]).toEqual([[], undefined, ["UNKNOWN_PERIOD"]]);
});

test("journal report: the sheet alone, or journalized first (once)", async () => {
  const wb = await workbook();
  const plain = await journalReportToSheet(wb, "2026-03");
  expect(plain.sheets).toEqual([{ sheet: "Journal report 2026-03", protected: false }]);
  expect(plain.journalized).toBeUndefined();
  expect(plain.result.report?.vouchers).toHaveLength(3);

  const first = await journalReportToSheet(wb, "2026-03", ctx);
  expect(first.journalized).toEqual(
    expect.objectContaining({
      done: true,
      journalizingNo: "JNL-000001",
      vouchers: ["GL-000001", "GL-000002", "GL-000003"],
    }),
  );
  expect(wb.getReport("Journal report 2026-03")?.rows.some((row) => row.includes("Journalizing no"))).toBe(true);

  const again = await journalReportToSheet(wb, "2026-03", ctx);
  expect(again.journalized?.done).toBe(false);
  expect(again.journalized?.issues.map((i) => i.code)).toContain("NOTHING_TO_JOURNALIZE");
  expect(again.sheets).toHaveLength(1);
});

test("trial balance: the sheet and its totals", async () => {
  const wb = await workbook();
  const r = await trialBalanceToSheet(wb, "2026-03");
  expect(r.sheets).toEqual([{ sheet: "Trial balance", protected: false }]);
  expect([r.tb?.totals.debit.toFixed(2), r.tb?.totals.credit.toFixed(2)]).toEqual(["2009.00", "2009.00"]);
  expect(wb.getReport("Trial balance")?.title).toBe("Test Co — Trial balance 2026-03-01 to 2026-03-31 (USD)");
});
