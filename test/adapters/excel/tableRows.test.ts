/**
 * Tables the user changed in Excel (issue #17 risk 3): a total row switched
 * on, a header row switched off.
 *
 * Worked example: tblT on sheet T, header A1:B1, data rows A2:B3 (a 1, b 2),
 * total row A4:B4 ("Total", 3). Appending [c 3] must give data rows A2:B4
 * and the total row moved to A5:B5 ("Total", 3 as the user left it), with
 * nothing refused because of the total row's own cells.
 */
import { ExcelWorkbook } from "../../../src/adapters/excel/excelWorkbook";
import { withUnprotected } from "../../../src/ports/protection";
import { createFakeExcel } from "../../../src/preview/fakeExcel";

const SHAPE = { name: "tblT", sheet: "T", headers: ["K", "N"], numberFormats: ["@", "0"] };

async function withTotals() {
  const fake = createFakeExcel();
  const port = new ExcelWorkbook(fake.run);
  await port.createTable(SHAPE, [
    ["a", 1],
    ["b", 2],
  ]);
  const t = fake.model.tableByName("tblT")!;
  t.showTotals = true; // the user ticks Table Design › Total Row
  t.sheet.setValue(3, 0, "Total");
  t.sheet.setValue(3, 1, 3);
  return { fake, port, t };
}

test("appending to a table with a total row grows it through the total row, which stays below the data", async () => {
  const { port, t } = await withTotals();
  await port.appendRows("tblT", [
    ["c", 3],
    ["d", 4],
  ]);
  expect((await port.readTable("tblT"))?.rows).toEqual([
    ["a", 1],
    ["b", 2],
    ["c", 3],
    ["d", 4],
  ]);
  expect(t.showTotals).toBe(true);
  expect([t.sheet.value(5, 0), t.sheet.value(5, 1)]).toEqual(["Total", 3]); // row 6 of the sheet
});

test("a total row does not make replaceRows or truncateRows fail", async () => {
  const { port, t } = await withTotals();
  await port.replaceRows("tblT", [
    ["x", 9],
    ["y", 8],
    ["z", 7],
  ]);
  await port.truncateRows("tblT", 1);
  expect((await port.readTable("tblT"))?.rows).toEqual([["x", 9]]);
  expect(t.showTotals).toBe(true);
  expect(t.sheet.value(t.top + t.rows, 0)).toBe("Total");
});

test("values right below a total row still refuse growth, naming them", async () => {
  const { port, t } = await withTotals();
  t.sheet.setValue(4, 0, "note"); // A5, just below the total row
  await expect(port.appendRows("tblT", [["c", 3]])).rejects.toThrow(/values below it/);
  expect(t.showTotals).toBe(true);
  expect((await port.readTable("tblT"))?.rows).toHaveLength(2);
});

test("a header row turned off is refused with a message saying so", async () => {
  const fake = createFakeExcel();
  const port = new ExcelWorkbook(fake.run);
  await port.createTable(SHAPE, [["a", 1]]);
  fake.model.tableByName("tblT")!.showHeaders = false;
  await expect(port.readTable("tblT")).rejects.toThrow(/header row of table tblT is turned off.*Header Row/);
  await expect(port.appendRows("tblT", [["b", 2]])).rejects.toThrow(/header row of table tblT is turned off/);
});

describe("a filtered table (issue #17 risk 6)", () => {
  // tblT rows a 1, b 2, c 3; the user filters it (some rows hidden). Excel ignored deletes then
  // (office-js #994, #468): truncateRows(1) must still leave exactly [a 1], and replaceRows([x 9]) exactly [x 9].
  async function filtered() {
    const fake = createFakeExcel();
    const port = new ExcelWorkbook(fake.run);
    await port.createTable(SHAPE, [
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ]);
    fake.model.tableByName("tblT")!.filtered = true;
    return { fake, port };
  }

  test("truncateRows clears the filter and removes the rows", async () => {
    const { port } = await filtered();
    await port.truncateRows("tblT", 1);
    expect((await port.readTable("tblT"))?.rows).toEqual([["a", 1]]);
  });

  test("replaceRows with fewer rows leaves none of the old ones", async () => {
    const { port } = await filtered();
    await port.replaceRows("tblT", [["x", 9]]);
    expect((await port.readTable("tblT"))?.rows).toEqual([["x", 9]]);
  });
});

test("selecting an issue's cell on a hidden sheet answers false, changing nothing (issue #17 risk 10)", async () => {
  // Excel refuses to activate a hidden sheet; the pane must not fail, nor unhide a sheet the user hid
  const fake = createFakeExcel();
  const port = new ExcelWorkbook(fake.run);
  await port.createTable(SHAPE, [["a", 1]]);
  const sheet = fake.model.sheetByName("T")!;
  sheet.visibility = "Hidden";
  const before = fake.model.activeSheet();
  await expect(port.selectCell("tblT", 1, "N")).resolves.toBe(false);
  expect(fake.model.activeSheet()).toBe(before);
  expect(sheet.visibility).toBe("Hidden");
});

test("re-protecting after a write keeps the protection options the user set (issue #17 risk 10)", async () => {
  // the user protected T allowing sort and AutoFilter; Closebook unprotects, writes, re-protects:
  // the sheet must come back with allowSort and allowAutoFilter, not bare protection
  const fake = createFakeExcel();
  const port = new ExcelWorkbook(fake.run);
  await port.createTable(SHAPE, [["a", 1]]);
  await fake.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("T").protection.protect({ allowSort: true, allowAutoFilter: true }, "pw");
    await ctx.sync();
  });
  await withUnprotected(port, ["T"], "pw", () => port.appendRows("tblT", [["b", 2]]));
  const sheet = fake.model.sheetByName("T")!;
  expect(sheet.isProtected).toBe(true);
  expect(sheet.protectionOptions).toEqual({ allowSort: true, allowAutoFilter: true });
});

test("a protected workbook structure is named as such, not as a protected sheet (issue #17 risk 10)", async () => {
  // Review › Protect Workbook blocks adding the new table's sheet; the message must point there
  const fake = createFakeExcel();
  const port = new ExcelWorkbook(fake.run);
  fake.model.structureProtected = true;
  await expect(port.createTable(SHAPE, [["a", 1]])).rejects.toThrow(
    /workbook's structure is protected.*Protect Workbook/,
  );
  expect(fake.model.sheetByName("T")).toBeUndefined();
});
