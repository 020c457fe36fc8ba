/**
 * The Rates tab's read: the rate table with its rows, and the rate checks as
 * of a date. The small company's rates: EUR→USD 1.0825 on 03-01 (row 1) and
 * 1.09 on 03-20 (row 2), JPY→USD 0.6712 per 100 (row 3), GBP→USD 1.27 (row 4);
 * account 1010 (Bank EUR) is revalued, so it needs EUR→USD on the As-of date.
 */
import { MemoryWorkbook } from "../../../src/adapters/memory/memoryWorkbook";
import { reviewRates } from "../../../src/app/rates/reviewRates";
import { setupWorkbook } from "../../../src/app/setupWorkbook";
import { journal } from "../../support/fixtures";
import { smallCompany } from "../../support/smallCompany";

async function workbook(drafts = ""): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, smallCompany(journal(drafts)));
  return wb;
}

test("without a date it reads the table and the calendar, and checks nothing", async () => {
  const r = await reviewRates(await workbook());
  expect(r.rates.map((x) => [x.row, x.date, x.from, x.to, x.rate.toString(), x.quotationUnit])).toEqual([
    [1, "2026-03-01", "EUR", "USD", "1.0825", 1],
    [2, "2026-03-20", "EUR", "USD", "1.09", 1],
    [3, "2026-03-01", "JPY", "USD", "0.6712", 100],
    [4, "2026-03-01", "GBP", "USD", "1.27", 1],
  ]);
  expect(r.accountingCurrency).toBe("USD");
  expect(r.periods.some((p) => p.id === "2026-03")).toBe(true);
  expect(r.findings).toBeUndefined();
  expect(r.readIssues).toEqual([]);
});

test("as of a date soon after the last rate: nothing to report", async () => {
  const r = await reviewRates(await workbook(), { asOf: "2026-03-24" });
  expect(r.findings).toEqual([]);
});

test("as of the month end: the EUR rate is stale; a draft line before any GBP rate has none", async () => {
  const wb = await workbook(`
    D-1 2026-02-27 1100 GBP Dr 10.00
    D-1 2026-02-27 4000 GBP Cr 10.00`);
  const r = await reviewRates(wb, { asOf: "2026-03-31" });
  expect(r.findings?.map((i) => [i.code, i.severity, i.at?.row])).toEqual([
    ["MISSING_RATE", "error", undefined],
    ["STALE_RATE", "warning", 2],
  ]);
  expect(r.findings?.[0]?.message).toContain("GBP→USD on or before 2026-02-27");
});

test("a date that is not one is an issue, not a crash", async () => {
  const r = await reviewRates(await workbook(), { asOf: "31/03/2026" });
  expect(r.findings?.map((i) => i.code)).toEqual(["BAD_DATE"]);
});
