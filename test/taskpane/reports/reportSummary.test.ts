/**
 * The Reports tab's pure helpers: the default period, the sentence about the
 * sheets written, and each report's key figures, from real reports of a small
 * posted book (March: 1,500.00 + 400.00 + 109.00 = 2,009.00 each side; net
 * income 1,209.00; balance-sheet check 0.00).
 */
import { MemoryWorkbook } from "../../../src/adapters/memory/memoryWorkbook";
import { journalReportToSheet, statementsToSheets, trialBalanceToSheet } from "../../../src/app/periodReports";
import { postJournals } from "../../../src/app/postJournals";
import { setupWorkbook } from "../../../src/app/setupWorkbook";
import { buildFiscalYear } from "../../../src/core/calendar/fiscalYear";
import { fixedClock } from "../../../src/ports/clock";
import {
  defaultReportPeriod,
  journalFigures,
  money,
  periodLabel,
  sheetsText,
  statementsFigures,
  trialBalanceFigures,
} from "../../../src/taskpane/reports/reportSummary";
import { A, journal } from "../../support/fixtures";
import { smallCompany } from "../../support/smallCompany";

const ctx = { user: "alice", clock: fixedClock("2026-04-05T09:00:00.000Z") };

async function march(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  const drafts = journal(`
    D-1 2026-03-10 1000 USD Dr 1500.00
    D-1 2026-03-10 4000 USD Cr 1500.00
    D-2 2026-03-12 6100 USD Dr 400.00
    D-2 2026-03-12 2000 USD Cr 400.00
    D-3 2026-03-20 1010 EUR Dr 100.00
    D-3 2026-03-20 4000 EUR Cr 100.00`);
  await setupWorkbook(wb, smallCompany(drafts));
  expect((await postJournals(wb, ctx)).posted).toBe(true);
  return wb;
}

test("default period: the latest with ledger entries, else the earliest Open, else the first", () => {
  const fy = buildFiscalYear(2026, 1);
  expect(defaultReportPeriod(fy, ["2026-02", "2026-04", "FY2026-CLOSE"])).toBe("2026-04");
  const held = fy.map((p) => (p.id === "2026-01" ? { ...p, status: "On hold" as const } : p));
  expect(defaultReportPeriod(held, [])).toBe("2026-02");
  expect(
    defaultReportPeriod(
      fy.map((p) => ({ ...p, status: "Permanently closed" as const })),
      [],
    ),
  ).toBe("2026-01");
  expect(defaultReportPeriod([], [])).toBeUndefined();
  expect(periodLabel(held[1]!)).toBe("2026-01 · January 2026 (On hold)"); // the Close tab's label, in every tab
});

test("the sheets sentence names each sheet and says why some are protected", () => {
  expect(sheetsText([])).toBe("No sheet was written.");
  expect(sheetsText([{ sheet: "Trial balance", protected: false }])).toBe("Wrote the sheet Trial balance.");
  expect(sheetsText([{ sheet: "Trial balance", protected: true }])).toBe(
    "Wrote the sheet Trial balance (protected). The period is not Open, so Excel keeps that sheet from being edited.",
  );
  expect(
    sheetsText([
      { sheet: "Income statement", protected: true },
      { sheet: "Balance sheet", protected: true },
      { sheet: "Journal report", protected: true },
    ]),
  ).toBe(
    "Wrote the sheets Income statement (protected), Balance sheet (protected) and Journal report (protected). The period is not Open, so Excel keeps those sheets from being edited.",
  );
});

test("amounts keep their exact digits, grouped by thousands", () => {
  expect(money(A("-1234567.5"), "USD", 2)).toBe("-1,234,567.50 USD");
  expect(money(A("0.125"), "USD", 2)).toBe("0.125 USD");
  expect(money(A("1000"), "JPY")).toBe("1,000 JPY");
});

test("statements figures: the check line, net income and the journal report", async () => {
  const wb = await march();
  const { statements } = await statementsToSheets(wb, "2026-03");
  expect(statementsFigures(statements)).toEqual([
    { label: "Balance-sheet check", value: "0.00 USD" },
    { label: "Total assets", value: "1,609.00 USD" },
    { label: "Total liabilities and equity", value: "1,609.00 USD" },
    { label: "Net income, period", value: "1,209.00 USD" },
    { label: "Net income, year to date", value: "1,209.00 USD" },
    { label: "Vouchers in the journal report", value: "3" },
    { label: "Journal report balanced", value: "Yes" },
  ]);
});

test("journal report figures, with and without journalizing", async () => {
  const wb = await march();
  const base = [
    { label: "Vouchers", value: "3" },
    { label: "Lines", value: "6" },
    { label: "Total debit", value: "2,009.00 USD" },
    { label: "Total credit", value: "2,009.00 USD" },
    { label: "Balanced", value: "Yes" },
  ];
  expect(journalFigures(await journalReportToSheet(wb, "2026-03"))).toEqual(base);
  expect(journalFigures(await journalReportToSheet(wb, "2026-03", ctx))).toEqual([
    ...base,
    { label: "Journalized", value: "JNL-000001: 3 vouchers (GL-000001..GL-000003), run RUN-000002" },
  ]);
  expect(journalFigures(await journalReportToSheet(wb, "2026-03", ctx)).at(-1)).toEqual({
    label: "Journalized",
    value: "Nothing new: every voucher already has a journalizing number",
  });
});

test("trial balance figures: totals and their difference", async () => {
  const wb = await march();
  const { tb } = await trialBalanceToSheet(wb, "2026-03");
  expect(trialBalanceFigures(tb!)).toEqual([
    { label: "Accounts", value: "5" },
    { label: "Total debit", value: "2,009.00 USD" },
    { label: "Total credit", value: "2,009.00 USD" },
    { label: "Debit − credit", value: "0.00 USD" },
    { label: "Closing balances total", value: "0.00 USD" },
  ]);
});
