/**
 * The demo's "Management report" (src/app/demo/managementReport.ts): CLOSEBOOK
 * formulas with their results cached, checked against figures computed another
 * way: the trial balance (src/core/ledger/trialBalance.ts) for revenue, and a
 * plain sum of the ledger lines (Amount, not the formula index) for cash.
 *   Total revenue of a month = −(Σ debit − Σ credit of the 4xxx rows of that month's trial balance)
 *   Revenue of SALES in a month = −Σ amountAccounting of its 4xxx lines with Department SALES
 *   EUR cash at a month end = Σ amount of the 10xx lines in EUR dated up to that month end
 *   (FY2026 is the demo's first year, so every line from 2026-01-01 counts)
 * Published (publish.ts), the sheet holds these numbers as values, no CLOSEBOOK formula (exceljs reads it).
 */
import ExcelJS from "exceljs";
import { XlsxWorkbook } from "../../../src/adapters/xlsx/xlsxWorkbook";
import { MANAGEMENT_REPORT } from "../../../src/app/demo/managementReport";
import { loadBook } from "../../../src/app/loadBook";
import { publishPeriod } from "../../../src/app/publish";
import { trialBalance } from "../../../src/core/ledger/trialBalance";
import { Amount } from "../../../src/core/money";
import { isFormulaCell, type ReportSheet } from "../../../src/ports/workbook";
import { demoMemory } from "../../support/demoFixture";

jest.setTimeout(240_000);

let report: ReportSheet;
let wb: Awaited<ReturnType<typeof demoMemory>>["wb"];
beforeAll(async () => {
  wb = (await demoMemory("year")).wb;
  report = wb.getReport(MANAGEMENT_REPORT)!;
}, 240_000);

/** The cached result in the row labelled `label` (column A), month `month` (row 3 holds the months). */
function cell(r: ReportSheet, label: string, month: string): unknown {
  const col = r.rows[0]!.indexOf(month);
  const row = r.rows.find((x) => x[0] === label);
  const c = row?.[col];
  return isFormulaCell(c) ? c.result : c;
}

describe("the demo's management report", () => {
  it("holds CLOSEBOOK formulas whose cached results equal the trial balance and the ledger", async () => {
    const { book } = await loadBook(wb);
    const months = book.setup.periods.filter((p) => p.kind === "operating" && p.fiscalYear === "FY2026");
    expect(report.rows[0]!.slice(1)).toEqual(months.map((p) => p.id));
    const sales = report.rows.find((x) => x[0] === "SALES")!;
    expect(isFormulaCell(sales[1]) && sales[1].formula).toBe('=-CLOSEBOOK.ACTIVITY("4*",B$3,B$3,"Department="&$A6)'); // row 3 months, 4 heading, 5 ADMIN, 6 SALES
    for (const p of [months[0]!, months[5]!, months[10]!]) {
      const tb = trialBalance(book.ledger, book.setup, { from: p.start, to: p.end });
      const revenue = Amount.sum(tb.rows.filter((r) => r.account.startsWith("4")).map((r) => r.debit.minus(r.credit))).neg();
      expect(cell(report, "Total revenue", p.id)).toBe(revenue.toNumber());
      const salesLines = book.ledger.filter((e) => e.period === p.id && e.account.startsWith("4") && e.dimensions.Department === "SALES");
      expect(cell(report, "SALES", p.id)).toBe(Amount.sum(salesLines.map((e) => e.amountAccounting)).neg().toNumber());
      const eur = book.ledger.filter((e) => e.account.startsWith("10") && e.currency === "EUR" && e.date <= p.end);
      expect(cell(report, "EUR", p.id)).toBe(Amount.sum(eur.map((e) => e.amount)).toNumber());
      expect(revenue.isPositive()).toBe(true);
    }
  });

  it("is published as values: no CLOSEBOOK formula in the file, the same numbers (exceljs reads it)", async () => {
    const target = XlsxWorkbook.create();
    const r = await publishPeriod(wb, target, { period: "2026-11", user: "admin", now: "2027-01-10T10:00:00.000Z", sheets: [report] });
    expect(r.published).toBe(true);
    const x = new ExcelJS.Workbook();
    await x.xlsx.load((await target.toBuffer()) as unknown as ExcelJS.Buffer);
    x.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => expect(String(c.formula ?? "")).not.toMatch(/CLOSEBOOK/i))));
    const ws = x.getWorksheet(MANAGEMENT_REPORT)!;
    const col = report.rows[0]!.indexOf("2026-11") + 1;
    const at = report.rows.findIndex((row) => row[0] === "Total revenue") + 3;
    expect(ws.getRow(at).getCell(col).value).toBe(cell(report, "Total revenue", "2026-11"));
  });
});
