/**
 * Conditional formats through the Excel adapter and the fake host (issue #13): a table written in
 * several chunks gets its rules over every data row; the fake keeps a format over a whole table
 * column following the table (as Excel does) and one over a few cells where it was; a protected
 * sheet refuses a new format.
 */
import { ExcelWorkbook } from "../../../src/adapters/excel/excelWorkbook";
import type { CellValue } from "../../../src/ports/workbook";
import { conditionalFormatsOf, createFakeExcel } from "../../../src/preview/fakeExcel";

const shape = {
  name: "tblTasks",
  sheet: "Tasks",
  headers: ["Task", "Status"],
  numberFormats: ["@", "@"],
  conditionalFormats: [
    { column: "Status", equals: "Reviewed", fill: "#C6EFCE" },
    { column: "Task", formula: "LEN([@Task])>3", fill: "#FFC7CE", font: "#9C0006" },
  ],
};

test("a table written in several chunks gets its rules over all its data rows, in the declared priority", async () => {
  const fake = createFakeExcel();
  const port = new ExcelWorkbook(fake.run);
  // 12,000 rows: more than one sync's chunk (≤ 5,000 rows a sync); data rows 2..12001 by hand
  const rows: CellValue[][] = Array.from({ length: 12_000 }, (_, i) => [`T${i}`, i % 2 ? "Reviewed" : "Prepared"]);
  await port.createTable(shape, rows);
  expect(conditionalFormatsOf(fake.model.sheetByName("Tasks")!)).toEqual([
    { range: "B2:B12001", type: "CellValue", formula1: '="Reviewed"', operator: "EqualTo", fill: "#C6EFCE" },
    { range: "A2:A12001", type: "Custom", formula: "=LEN($A2)>3", fill: "#FFC7CE", font: "#9C0006" },
  ]);
});

test("the fake: a format over a whole table column follows the table; one over a few cells stays", async () => {
  const fake = createFakeExcel();
  const port = new ExcelWorkbook(fake.run);
  await port.createTable({ ...shape, conditionalFormats: [] }, [
    ["T1", "Reviewed"],
    ["T2", "Prepared"],
  ]);
  await fake.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem("Tasks");
    ws.getRange("B2:B3").conditionalFormats.add("CellValue").cellValue.format.fill.color = "#C6EFCE";
    ws.getRange("A3").conditionalFormats.add("Custom").custom.rule.formula = "=TRUE";
    await ctx.sync();
  });
  await port.appendRows("tblTasks", [["T3", "N/A"]]);
  // the table column B2:B3 grew with the table to B2:B4; A3 was a single cell and stays
  expect(conditionalFormatsOf(fake.model.sheetByName("Tasks")!).map((f) => f.range)).toEqual(["B2:B4", "A3"]);
});

test("the fake: a protected sheet refuses a new format (AccessDenied), and the wrong kind's part fails", async () => {
  const fake = createFakeExcel();
  const port = new ExcelWorkbook(fake.run);
  await port.createTable({ ...shape, conditionalFormats: [] }, [["T1", "Reviewed"]]);
  await port.protect("Tasks", "pw");
  const added = fake.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Tasks").getRange("B2").conditionalFormats.add("CellValue");
    await ctx.sync();
  });
  await expect(added).rejects.toMatchObject({ code: "AccessDenied" });
  await port.unprotect("Tasks", "pw");
  const wrong = fake.run(async (ctx) => {
    const cf = ctx.workbook.worksheets.getItem("Tasks").getRange("B2").conditionalFormats.add("CellValue");
    cf.custom.rule.formula = "=TRUE";
    await ctx.sync();
  });
  await expect(wrong).rejects.toMatchObject({ code: "InvalidArgument" });
});
