/**
 * ExcelWorkbook.readSheets (src/adapters/excel/sheetsRead.ts) on the fake Excel host: the sheets
 * without tables come back as reports with their formulas; table sheets and sheets over the cell cap
 * are left out.
 *
 * By hand: the report "Mgmt" is written with A1 "Revenue", row 3 ["Sales", =SUM(B4:B5) cached 30],
 * rows 4–5 ["a", 10], ["b", 20] in "#,##0.00" → read back: title "Revenue", rows[0][1] =
 * { formula: "=SUM(B4:B5)", result: 30 }, column B's format "#,##0.00". A sheet of 300 × 200 =
 * 60,000 cells (> 50,000) is skipped.
 */
import { ExcelWorkbook } from "../../../src/adapters/excel/excelWorkbook";
import { createFakeExcel } from "../../../src/preview/fakeExcel";
import { READ_SHEETS_MAX_CELLS } from "../../../src/ports/workbook";

describe("ExcelWorkbook.readSheets", () => {
  it("reads the sheets without tables with their formulas and formats, and skips table sheets and huge sheets", async () => {
    const fake = createFakeExcel();
    const port = new ExcelWorkbook(fake.run);
    await port.createTable({ name: "tblX", sheet: "Data", headers: ["A", "B"], numberFormats: ["@", "0"] }, [["x", 1]]);
    await port.writeReport({
      sheet: "Mgmt",
      title: "Revenue",
      rows: [
        ["Sales", { formula: "=SUM(B4:B5)", result: 30 }],
        ["a", 10],
        ["b", 20],
      ],
      numberFormats: [undefined, "#,##0.00"],
    });
    const wide = Array.from({ length: 300 }, () => Array.from({ length: 200 }, () => 1));
    expect(300 * 200).toBeGreaterThan(READ_SHEETS_MAX_CELLS);
    await port.writeReport({ sheet: "Huge", title: "Huge", rows: wide });

    const sheets = await port.readSheets();
    expect(sheets.map((s) => s.sheet)).toEqual(["Mgmt"]);
    const [m] = sheets;
    expect(m!.title).toBe("Revenue");
    expect(m!.rows).toEqual([
      ["Sales", { formula: "=SUM(B4:B5)", result: 30 }],
      ["a", 10],
      ["b", 20],
    ]);
    expect(m!.numberFormats?.[1]).toBe("#,##0.00");
  });
});
