/**
 * readSelection over the fake host: the active sheet's selected cell with the
 * report's first rows and the selected row, in 3 syncs; a multi-cell selection
 * gives its top-left cell; an empty sheet gives undefined. Also the fake's
 * getSelectedRange / getActiveWorksheet follow a click's selection.
 */
import { readSelection } from "../../../src/adapters/excel/selection";
import { ExcelWorkbook } from "../../../src/adapters/excel/excelWorkbook";
import { createFakeExcel } from "../../../src/preview/fakeExcel";

async function withReport() {
  const fake = createFakeExcel();
  const port = new ExcelWorkbook(fake.run);
  await port.writeReport({
    sheet: "Trial balance",
    title: "Co — Trial balance 2026-03-01 to 2026-03-31 (USD)",
    rows: [
      ["Account", "Name", "Opening", "Debit", "Credit", "Closing"],
      ["1000", "Cash", 500, 50, 120, 430],
      ["Total", "", 0, 50, 120, 0],
    ],
  });
  return fake;
}

test("the selected cell of the active sheet, the head rows and the selected row", async () => {
  const fake = await withReport();
  const sheet = fake.model.sheetByName("Trial balance")!;
  fake.model.activate(sheet);
  sheet.selection = { row: 3, col: 4, rows: 1, cols: 1 }; // E4, as a click in the preview grid sets it
  fake.resetStats();
  const s = await readSelection(fake.run);
  expect(fake.stats.syncs.length).toBe(3);
  expect(s).toEqual({
    sheet: "Trial balance",
    row: 3,
    column: 4,
    address: "'Trial balance'!E4",
    head: [
      ["Co — Trial balance 2026-03-01 to 2026-03-31 (USD)", "", "", "", "", ""],
      ["", "", "", "", "", ""],
      ["Account", "Name", "Opening", "Debit", "Credit", "Closing"],
      ["1000", "Cash", 500, 50, 120, 430],
    ],
    values: ["1000", "Cash", 500, 50, 120, 430],
  });
  sheet.selection = { row: 4, col: 2, rows: 2, cols: 3 }; // C5:E6 → its top-left C5
  expect(await readSelection(fake.run)).toMatchObject({ row: 4, column: 2, values: ["Total", "", 0, 50, 120, 0] });
});

test("an empty active sheet gives undefined", async () => {
  const fake = createFakeExcel();
  expect(await readSelection(fake.run)).toBeUndefined();
});
