/**
 * readRange on a table's sheet of a file: the table's cells from the model, and the cells the user typed
 * beside it as the file holds them (a formula by its cached result).
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { XlsxWorkbook } from "../../../src/adapters/xlsx/xlsxWorkbook";

let dir = "";
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "closebook-range-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("readRange on a table's sheet reads the cells outside the table too (they read as empty before)", async () => {
  // a sheet "Bank" with tblBank at A1:B3 and, beside it, what a user typed: D1 "Statement total", D2 109.5,
  // and a formula D3 =D2*2 whose cached result is 219
  const user = new ExcelJS.Workbook();
  const ws = user.addWorksheet("Bank");
  ws.addTable({
    name: "tblBank",
    ref: "A1",
    headerRow: true,
    columns: [{ name: "Date" }, { name: "Amount" }],
    rows: [
      ["2026-03-20", 60],
      ["2026-03-31", 49.5],
    ],
  });
  ws.getCell("D1").value = "Statement total";
  ws.getCell("D2").value = 109.5;
  ws.getCell("D3").value = { formula: "D2*2", result: 219 } as ExcelJS.CellValue;
  const f = path.join(dir, "bank.xlsx");
  await user.xlsx.writeFile(f);
  for (const eager of [false, true]) {
    const wb = await XlsxWorkbook.open(f, { eager });
    expect(await wb.readRange("Bank", { row: 1, column: 2, rows: 4, columns: 3 })).toEqual([
      ["Amount", null, "Statement total"],
      [60, null, 109.5],
      [49.5, null, 219],
      [null, null, null],
    ]);
  }
});
