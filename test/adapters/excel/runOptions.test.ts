/**
 * Undo (issue #17 risk 7): each sync is its own undo record unless the run
 * merges them (RunOptions.mergeUndoGroup, ExcelApi 1.20). The fake keeps an
 * undo log: one record per sync that changed something, or one per run when
 * merged. Worked example: appending 12,000 rows is 3 writing syncs (5,000 +
 * 5,000 + 2,000 rows) → 3 undo records without merging, 1 with.
 */
import { ExcelWorkbook } from "../../../src/adapters/excel/excelWorkbook";
import { runOptions } from "../../../src/adapters/excel/runOptions";
import { createFakeExcel } from "../../../src/preview/fakeExcel";

test("mergeUndoGroup only where ExcelApi 1.20 is supported", () => {
  expect(runOptions((set, v) => set === "ExcelApi" && Number(v) <= 1.2)).toEqual({
    delayForCellEdit: true,
    mergeUndoGroup: true,
  });
  expect(runOptions((set, v) => set === "ExcelApi" && Number(v) <= 1.14)).toEqual({ delayForCellEdit: true });
  expect(
    runOptions(() => {
      throw new Error("no requirements API");
    }),
  ).toEqual({ delayForCellEdit: true });
});

test("the fake's undo log: one record per writing sync, or one per run with mergeUndoGroup", async () => {
  const rows = Array.from({ length: 12_000 }, (_, i) => [i]);
  for (const [options, records] of [
    [{ delayForCellEdit: true }, 3],
    [{ delayForCellEdit: true, mergeUndoGroup: true }, 1],
  ] as const) {
    const fake = createFakeExcel();
    await new ExcelWorkbook(fake.run).createTable(
      { name: "tblN", sheet: "N", headers: ["N"], numberFormats: ["0"] },
      [],
    );
    const port = new ExcelWorkbook((batch) => fake.run(options, batch));
    fake.resetStats();
    await port.appendRows("tblN", rows);
    expect(fake.stats.undo).toHaveLength(records);
  }
});
