/**
 * Golden files for the demo's statements (hledger-style): the whole demo year
 * is closed in memory and the December income statement and balance sheet
 * (after the year-end close) must match test/fixtures/golden/*.csv cell for
 * cell. A deliberate change regenerates them with UPDATE_GOLDEN=1; the
 * numbers themselves are checked elsewhere (statement tests, tie-out rows,
 * the balance-sheet check line).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { runDemo } from "../../src/app/demo/runDemo";
import { fixedClock } from "../../src/ports/clock";
import type { CellValue } from "../../src/ports/workbook";

const GOLDEN = join(__dirname, "..", "fixtures", "golden");

function toCsv(rows: readonly (readonly CellValue[])[]): string {
  const cell = (v: CellValue): string => {
    if (v === null) return "";
    if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toFixed(2);
    const t = v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === "object" ? v.error : String(v);
    return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  return `${rows.map((r) => r.map(cell).join(",").replace(/,+$/, "")).join("\n")}\n`;
}

let wb: MemoryWorkbook;
beforeAll(async () => {
  wb = new MemoryWorkbook();
  const r = await runDemo(wb, { through: "2026-12-31", post: true, clock: fixedClock("2027-01-10T09:00:00.000Z") });
  expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
  expect(r.yearClosed).toBe("FY2026");
}, 120_000);

test.each([
  ["Income statement", "demo-income-statement-2026-12.csv"],
  ["Balance sheet", "demo-balance-sheet-2026-12-31.csv"],
])("%s matches its golden file", (sheet, file) => {
  const report = wb.getReport(sheet);
  expect(report).toBeDefined();
  const actual = `${report!.title}\n${toCsv(report!.rows)}`;
  const path = join(GOLDEN, file);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, "utf8"));
});

test("the demo's balance sheet check line is zero and every tie-out difference is zero", () => {
  const rows = wb.getReport("Balance sheet")!.rows;
  const check = rows.find((r) => String(r[0] ?? "").startsWith("Check"));
  expect(check?.[1]).toBe(0);
  const tieOuts = rows.slice(rows.findIndex((r) => String(r[0] ?? "").startsWith("Tie-out")) + 1).filter((r) => typeof r[3] === "number");
  expect(tieOuts.length).toBeGreaterThan(0);
  for (const r of tieOuts) expect([r[0], r[3]]).toEqual([r[0], 0]);
});
