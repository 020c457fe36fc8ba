/**
 * The user acts between the adapter's syncs (FakeExcel.betweenSyncs): a sort
 * or an inserted row must never make a keyed write mark the wrong row
 * (issue #17 risk 1). updateCellsByKey's syncs, counted from resetStats():
 * 0-1 open the table, 2 checks the keys, 3 loads the target rows and writes,
 * 4 puts cells back when sync 3 found a key moved.
 *
 * Worked example: rows D3, D1, D2 (Status blank); the pane read them in that
 * order and marks row 2 (D1) and row 3 (D2) "Posted". The user sorts by
 * Voucher before sync 3: rows become D1, D2, D3. Written by position, rows 2
 * and 3 would now be D2 and D3 — D3 wrongly "Posted". Keyed: row 2 holds D2,
 * not D1 → refused, the cells put back: no row is Posted.
 */
import { ExcelWorkbook } from "../../../src/adapters/excel/excelWorkbook";
import type { CellValue, KeyedUpdate } from "../../../src/ports/workbook";
import { RowsMovedError } from "../../../src/ports/workbook";
import { createFakeExcel, insertSheetRow, sortTable } from "../../../src/preview/fakeExcel";

const SHAPE = {
  name: "tblJournal",
  sheet: "Journal",
  headers: ["Voucher", "Amount", "Status"],
  numberFormats: ["@", "0.00", "@"],
};
const ROWS: CellValue[][] = [
  ["D3", 30, null],
  ["D1", 10, null],
  ["D2", 20, null],
];
const mark = (row: number): KeyedUpdate => ({
  row,
  column: "Status",
  value: "Posted",
  key: [ROWS[row - 1]![0]!, ROWS[row - 1]![1]!],
});

async function setUp(act?: (fake: ReturnType<typeof createFakeExcel>, sync: number) => void) {
  const fake = createFakeExcel();
  const port = new ExcelWorkbook(fake.run);
  await port.createTable(SHAPE, ROWS);
  fake.resetStats();
  if (act) fake.betweenSyncs((_m, n) => act(fake, n));
  return { fake, port };
}

test("no user action: the keyed rows are marked", async () => {
  const { port } = await setUp();
  await port.updateCellsByKey("tblJournal", ["Voucher", "Amount"], [mark(2), mark(3)]);
  expect((await port.readTable("tblJournal"))?.rows).toEqual([
    ["D3", 30, null],
    ["D1", 10, "Posted"],
    ["D2", 20, "Posted"],
  ]);
});

test("a sort before the key check: refused before anything is written", async () => {
  const { fake, port } = await setUp((f, n) => n === 2 && sortTable(f.model, "tblJournal", "Voucher"));
  await expect(port.updateCellsByKey("tblJournal", ["Voucher", "Amount"], [mark(2), mark(3)])).rejects.toThrow(
    RowsMovedError,
  );
  expect(fake.stats.syncs).toHaveLength(3); // no writing sync
  expect((await port.readTable("tblJournal"))?.rows.map((r) => r[2])).toEqual([null, null, null]);
});

test("a sort between the key check and the write: the write is caught in its own sync and put back; no row is marked", async () => {
  const { port } = await setUp((f, n) => n === 3 && sortTable(f.model, "tblJournal", "Voucher"));
  await expect(port.updateCellsByKey("tblJournal", ["Voucher", "Amount"], [mark(2), mark(3)])).rejects.toMatchObject({
    name: "RowsMovedError",
    row: 2,
    column: "Voucher",
  });
  expect((await port.readTable("tblJournal"))?.rows).toEqual([
    ["D1", 10, null],
    ["D2", 20, null],
    ["D3", 30, null],
  ]);
});

test("a row inserted inside the table before the write: refused, nothing marked", async () => {
  // the table's header is sheet row 0; inserting above sheet row 2 puts a blank row between D3 and D1
  const { port } = await setUp((f, n) => n === 3 && insertSheetRow(f.model, "Journal", 2));
  await expect(port.updateCellsByKey("tblJournal", ["Voucher", "Amount"], [mark(2), mark(3)])).rejects.toThrow(
    RowsMovedError,
  );
  expect((await port.readTable("tblJournal"))?.rows).toEqual([
    ["D3", 30, null],
    [null, null, null],
    ["D1", 10, null],
    ["D2", 20, null],
  ]);
});

test("updateCells by position (the old way) marks the wrong row after the same sort — why keys are needed", async () => {
  const { port } = await setUp((f, n) => n === 2 && sortTable(f.model, "tblJournal", "Voucher"));
  await port.updateCells(
    "tblJournal",
    [2, 3].map((row) => ({ row, column: "Status", value: "Posted" })),
  );
  // rows 2 and 3 after the sort are D2 and D3: D3 was never meant to be Posted
  expect((await port.readTable("tblJournal"))?.rows.find((r) => r[0] === "D3")?.[2]).toBe("Posted");
});
