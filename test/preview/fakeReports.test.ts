/**
 * @jest-environment node
 *
 * Report sheets through the preview (src/preview/fakeReports.ts): the demo's
 * statements and reports, written into the fake Excel host by the Excel
 * adapter, read back as the same ReportSheets, so "Download .xlsx" keeps them.
 *
 * Example: reportsOf(fake.model).map((r) => r.sheet) → ["Income statement 2026-01", …, "Trial balance"]
 */
import { ExcelWorkbook } from "../../src/adapters/excel/excelWorkbook";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { parseSnapshot, restoreSnapshot, snapshotOf } from "../../src/app/snapshot";
import type { ReportCell, ReportSheet } from "../../src/ports/workbook";
import { createFakeExcel } from "../../src/preview/fakeExcel";
import { reportsOf } from "../../src/preview/fakeReports";
import { demoMemory } from "../support/demoFixture";

/** A report as the grid holds it: rows without trailing blanks, numbers formats as given (General = none). */
function normal(r: ReportSheet): unknown {
  const trim = (row: readonly ReportCell[]) => {
    const out = [...row];
    while (out.length > 0 && (out[out.length - 1] === null || out[out.length - 1] === "")) out.pop();
    return out.map((v) => (v === "" ? null : v));
  };
  return {
    sheet: r.sheet,
    title: r.title,
    rows: r.rows.map(trim),
    boldRows: [...new Set(r.boldRows ?? [])].sort((a, b) => a - b),
  };
}

test("the demo's reports go into the fake host and come back the same; a table sheet is never a report", async () => {
  const { wb: memory } = await demoMemory("feb"); // runDemo through 2026-02-28, built once per test run
  const written = memory.reports();
  expect(written.map((r) => r.sheet)).toEqual([
    "Income statement 2026-01",
    "Balance sheet 2026-01",
    "Journal report 2026-01",
    "Income statement 2026-02",
    "Balance sheet 2026-02",
    "Journal report 2026-02",
    "Trial balance",
    "Management report", // CLOSEBOOK formulas with their cached values (#18)
  ]);
  const snap = parseSnapshot(JSON.parse(JSON.stringify(await snapshotOf(memory, { reports: written }))));
  const fake = createFakeExcel();
  await restoreSnapshot(new ExcelWorkbook(fake.run), snap);
  const back = reportsOf(fake.model);
  expect(back.map(normal)).toEqual(written.map(normal));
  const copy = new MemoryWorkbook();
  await restoreSnapshot(
    copy,
    parseSnapshot(JSON.parse(JSON.stringify(await snapshotOf(new ExcelWorkbook(fake.run), { reports: back })))),
  );
  expect(copy.reports().map(normal)).toEqual(written.map(normal));
});
