/**
 * A workbook in the 1904 date system (old Mac workbooks; issue #17 risk 10):
 * `range.values` holds 1904 serials there, and the adapter must convert at
 * the boundary, or it reads and writes every date 1,462 days off.
 *
 * Worked by hand: 2026-03-31 is serial 46112 in the 1900 system (as pinned in
 * cellValues.test.ts). 1904-01-01 is 1900-serial 1462 (1899-12-30 → 1900-01-01
 * is 2 days, then 4 years of 365 days: 1900 is no leap year), so 2026-03-31 is
 * 46112 − 1462 = 44650 in the 1904 system. Read as a 1900 serial, 44650 is
 * 2026-03-31 − 1462 days: 2022-03-31 is 1461 days earlier (4 × 365 + 2024-02-29),
 * one more day → 2022-03-30. 2026-04-01 is 44651; 2026-04-30 is 44650 + 30 = 44680.
 */
import fc from "fast-check";
import { fromExcelCell, toExcelCell } from "../../../src/adapters/excel/cellValues";
import { ExcelWorkbook } from "../../../src/adapters/excel/excelWorkbook";
import type { TableShape } from "../../../src/ports/workbook";
import { FakeExcel, FakeFunctions, FakeOfficeError, createFakeExcel } from "../../../src/preview/fakeExcel";

const d = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);
const SHAPE: TableShape = {
  name: "tblJournal",
  sheet: "Journal",
  headers: ["Voucher", "Date", "Posted on"],
  numberFormats: ["@", "yyyy-mm-dd", "yyyy-mm-dd"],
};

/** The stored serial of data row `row` (1-based), column `col` (0-based) of tblJournal's sheet. */
const stored = (fake: FakeExcel, row: number, col: number): unknown =>
  fake.model.sheetByName("Journal")?.value(row, col);

/** Types "2026-03-31" into data row 1's Date cell, as the user would in Excel. */
async function typeDate(fake: FakeExcel, iso: string): Promise<void> {
  await fake.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Journal").getRange("B2").values = [[iso]];
    await ctx.sync();
  });
}

test("property: from 1904-01-01 on, a date's 1904 serial is its 1900 serial − 1462, and it reads back as the same date in either system", () => {
  const FMT = "yyyy-mm-dd hh:mm:ss";
  const first = Date.UTC(1904, 0, 1);
  const last = Date.UTC(9999, 11, 31, 23, 59, 59);
  fc.assert(
    fc.property(fc.integer({ min: first, max: last }), (ms) => {
      const date = new Date(ms);
      const s1900 = toExcelCell(date, FMT, "1900").value as number;
      const s1904 = toExcelCell(date, FMT, "1904").value as number;
      expect(s1900 - s1904).toBeCloseTo(1462, 6);
      expect(fromExcelCell(s1904, FMT, false, "1904")).toEqual(date);
      expect(fromExcelCell(s1900, FMT, false, "1900")).toEqual(date);
    }),
  );
  expect(toExcelCell(d("2026-03-31"), "yyyy-mm-dd", "1904").value).toBe(44650); // the worked example above
  expect(fromExcelCell(0, "yyyy-mm-dd", false, "1904")).toEqual(d("1904-01-01"));
});

describe("the fake host's 1904 flag", () => {
  test("Functions.date(1904, 1, 1) is 0 in a 1904 workbook and 1462 in a 1900 one; a typed date is stored in the workbook's serials", async () => {
    for (const [date1904, day0, typed] of [
      [true, 0, 44650],
      [false, 1462, 46112],
    ] as const) {
      const fake = createFakeExcel({ date1904 });
      await fake.run(async (ctx) => {
        const r = ctx.workbook.functions!.date(1904, 1, 1).load("value, error");
        const a1 = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1");
        a1.values = [["2026-03-31"]];
        await ctx.sync();
        expect([r.value, r.error]).toEqual([day0, undefined]);
      });
      expect(fake.model.sheetByName("Sheet1")?.value(0, 0)).toBe(typed);
    }
  });
});

describe("the adapter in a 1904 workbook", () => {
  test("reads a typed date as that date, not 1,462 days earlier", async () => {
    const fake = createFakeExcel({ date1904: true });
    await new ExcelWorkbook(fake.run).createTable(SHAPE, [["D1", null, null]]);
    await typeDate(fake, "2026-03-31");
    expect(stored(fake, 1, 1)).toBe(44650);
    const port = new ExcelWorkbook(fake.run);
    expect((await port.readTable("tblJournal"))?.rows).toEqual([["D1", d("2026-03-31"), null]]); // today's code: 2022-03-30
  });

  test("writes dates as 1904 serials: createTable, appendRows, replaceRows, updateCells, updateCellsByKey, writeReport", async () => {
    const fake = createFakeExcel({ date1904: true });
    const port = new ExcelWorkbook(fake.run);
    await port.createTable(SHAPE, [["D1", d("2026-03-31"), null]]);
    await port.appendRows("tblJournal", [["D2", d("2026-04-01"), null]]);
    expect([stored(fake, 1, 1), stored(fake, 2, 1)]).toEqual([44650, 44651]);
    await port.updateCells("tblJournal", [{ row: 2, column: "Posted on", value: d("2026-04-30") }]);
    await port.updateCellsByKey(
      "tblJournal",
      ["Voucher", "Date"],
      [{ row: 1, column: "Posted on", value: d("2026-04-30"), key: ["D1", d("2026-03-31")] }],
    );
    expect([stored(fake, 1, 2), stored(fake, 2, 2)]).toEqual([44680, 44680]);
    expect((await port.readTable("tblJournal"))?.rows).toEqual([
      ["D1", d("2026-03-31"), d("2026-04-30")],
      ["D2", d("2026-04-01"), d("2026-04-30")],
    ]);
    await port.replaceRows("tblJournal", [["D3", d("2026-04-01"), null]]);
    expect(stored(fake, 1, 1)).toBe(44651);
    await port.writeReport({
      sheet: "Report",
      title: "R",
      rows: [["Date"], [d("2026-03-31")]],
      numberFormats: ["yyyy-mm-dd"],
    });
    expect(fake.model.sheetByName("Report")?.value(3, 0)).toBe(44650); // grid from A3: row 2 header, row 3 the date
  });

  test("a key read in a 1904 workbook matches its row (the key check compares the converted dates)", async () => {
    const fake = createFakeExcel({ date1904: true });
    await new ExcelWorkbook(fake.run).createTable(SHAPE, [["D1", null, null]]);
    await typeDate(fake, "2026-03-31");
    const port = new ExcelWorkbook(fake.run);
    const key = (await port.readTable("tblJournal"))!.rows[0]!.slice(0, 2);
    expect(key).toEqual(["D1", d("2026-03-31")]);
    await port.updateCellsByKey(
      "tblJournal",
      ["Voucher", "Date"],
      [{ row: 1, column: "Posted on", value: d("2026-04-30"), key }],
    );
    expect(stored(fake, 1, 2)).toBe(44680);
  });
});

describe("detecting the date system", () => {
  afterEach(() => jest.restoreAllMocks());

  test("asked once per ExcelWorkbook instance", async () => {
    const asked = jest.spyOn(FakeFunctions.prototype, "date");
    const fake = createFakeExcel({ date1904: true });
    const port = new ExcelWorkbook(fake.run);
    await Promise.all([port.createTable(SHAPE, [["D1", d("2026-03-31"), null]]), port.listTables()]);
    await port.readTable("tblJournal");
    await port.appendRows("tblJournal", [["D2", d("2026-04-01"), null]]);
    expect(asked).toHaveBeenCalledTimes(1);
    expect(asked).toHaveBeenCalledWith(1904, 1, 1);
  });

  test("a failure that may pass (GeneralException) assumes 1900 for that call only: the next call asks again", async () => {
    const fake = createFakeExcel({ date1904: true });
    let runs = 0;
    const port = new ExcelWorkbook((batch) =>
      ++runs === 1 ? Promise.reject(new FakeOfficeError("GeneralException", "glitch")) : fake.run(batch),
    );
    await port.createTable(SHAPE, [["D1", null, null]]); // no dates written while the answer was unknown
    await port.appendRows("tblJournal", [["D2", d("2026-03-31"), null]]);
    expect(stored(fake, 2, 1)).toBe(44650);
  });

  test("without Workbook.functions, or when it fails, the adapter assumes the 1900 system", async () => {
    for (const functions of ["missing", "failing"] as const) {
      const fake = createFakeExcel({ functions });
      const port = new ExcelWorkbook(fake.run);
      await port.createTable(SHAPE, [["D1", d("2026-03-31"), null]]);
      expect(stored(fake, 1, 1)).toBe(46112);
      expect((await port.readTable("tblJournal"))?.rows[0]?.[1]).toEqual(d("2026-03-31"));
    }
  });
});
