/**
 * Publish turns the working file's CLOSEBOOK.* formulas into values
 * (src/app/publishFormulas.ts through publishPeriod), read back with exceljs
 * directly — an independent reader, not the adapter.
 *
 * The small company (test/support/smallCompany.ts), March held, worked by hand:
 *   4000: Cr 1500.00 (D-1, SALES) + Cr 109.00 (D-3, EUR 100.00 at 1.09) → BALANCE Mar = −1609.00;
 *         with Department=SALES −1500.00; April adds Cr 250.00 (D-4) → BALANCE Apr = −1859.00
 *   1000: Dr 1500.00 → 1500.00;  6100: Dr 400.00 (ADMIN) → ACTIVITY("6*", Mar, Mar) = 400.00
 *   1000 + 4000 (March) = 1500 − 1609 = −109.00; account 9999 does not exist → #VALUE!
 */
import ExcelJS from "exceljs";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { changePeriod } from "../../src/app/changePeriod";
import { publishPeriod } from "../../src/app/publish";
import { fixedClock } from "../../src/ports/clock";
import type { ReportSheet } from "../../src/ports/workbook";
import { postedSmallCompany } from "../support/smallCompany";

jest.setTimeout(60_000);

const clock = fixedClock("2026-04-05T09:00:00.000Z");
const f = (formula: string) => ({ formula, result: 0 }); // a stale cached result: publish must not keep it

// rows[0] lies on sheet row 3 (title in A1), so A4 is "4000", A5 "1000", B4 and B5 their balances
const REPORT: ReportSheet = {
  sheet: "Management report",
  title: "Management report",
  rows: [
    ["Account", "March", "April"],
    ["4000", f('=CLOSEBOOK.BALANCE(A4,"2026-03")'), f('=CLOSEBOOK.BALANCE($A4,"2026-04")')],
    ["1000", f('=CLOSEBOOK.BALANCE("1000","2026-03")'), null],
    ["Sum", f("=B4+B5"), f("=SUM(B4:B5)")],
    ["Sales", f('=CLOSEBOOK.BALANCE("4000","2026-03","Department=SALES")'), null],
    ["Expenses", f('=CLOSEBOOK.ACTIVITY("6*","2026-03","2026-03")'), null],
    ["Unknown", f('=CLOSEBOOK.BALANCE("9999","2026-03")'), null],
  ],
};

async function heldMarch(): Promise<MemoryWorkbook> {
  const wb = await postedSmallCompany(new MemoryWorkbook(), { user: "alice", clock });
  const held = await changePeriod(
    wb,
    { kind: "hold", period: "2026-03", reason: "March close" },
    { user: "bob", clock },
  );
  if (!held.done) throw new Error(held.issues.map((i) => i.message).join("; "));
  return wb;
}

const options = { period: "2026-03", user: "bob", now: "2026-04-06T10:00:00.000Z", sheets: [REPORT] };

describe("publish: CLOSEBOOK formulas become values", () => {
  it("writes the management report with values, no CLOSEBOOK formula left (read by exceljs)", async () => {
    const target = XlsxWorkbook.create();
    const r = await publishPeriod(await heldMarch(), target, options);
    expect(r.published).toBe(true);
    expect(r.sheets).toContain("Management report");
    // the bad cell is named: sheet, row 9 (rows[6] + 3), column B
    expect(r.issues).toEqual([
      expect.objectContaining({
        code: "PUBLISH_FORMULA_ERROR",
        severity: "warning",
        at: { table: "Management report", row: 9, column: "B" },
      }),
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await target.toBuffer()) as unknown as ExcelJS.Buffer);
    wb.eachSheet((ws) =>
      ws.eachRow((row) => row.eachCell((cell) => expect(String(cell.formula ?? "")).not.toMatch(/CLOSEBOOK/i))),
    );
    const ws = wb.getWorksheet("Management report")!;
    const v = (a: string) => {
      const c = ws.getCell(a);
      return c.formula ? c.result : c.value;
    };
    expect(v("B4")).toBe(-1609);
    expect(v("C4")).toBe(-1859);
    expect(v("B5")).toBe(1500);
    expect(v("B6")).toBe(-109);
    expect(v("B7")).toBe(-1500);
    expect(v("B8")).toBe(400);
    expect(v("B9")).toEqual({ error: "#VALUE!" });
    // a formula of its own stays one, its cached result recomputed: SUM(B4:B5) = −1609 + 1500 = −109
    expect(ws.getCell("C6").formula).toBe("SUM(B4:B5)");
    expect(v("C6")).toBe(-109);
  });

  it("with formulas: sumifs, a single ACTIVITY of the period becomes SUMIFS over the published Ledger sheet", async () => {
    const target = new MemoryWorkbook();
    await publishPeriod(await heldMarch(), target, { ...options, formulas: "sumifs" });
    const rows = target.getReport("Management report")!.rows;
    // the Ledger sheet: headers Entry no, Voucher, Date, Period, Account (E), Department, CostCenter…; 6 March rows → 2..7
    expect(rows[5]![1]).toEqual({
      formula: expect.stringMatching(/^=SUMIFS\(Ledger!\$([A-Z])\$2:\$\1\$7,Ledger!\$E\$2:\$E\$7,"6\*"\)$/),
      result: 400,
    });
    expect(rows[1]![1]).toBe(-1609); // a balance is not a sum of the period's lines: its value
  });
});
