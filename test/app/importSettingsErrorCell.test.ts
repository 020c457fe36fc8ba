/**
 * A setting whose cell holds an Excel error value (#N/A) and is replaced by a settings import: the audit
 * entry and the run's restore list record the old value as "#N/A", never "[object Object]" (what String()
 * makes of the error object { error: "#N/A" }; found by @typescript-eslint/no-base-to-string).
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { importCsv } from "../../src/app/importCsv";
import { loadBook } from "../../src/app/loadBook";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { fixedClock } from "../../src/ports/clock";
import { textOf } from "../../src/core/text/textOf";
import { smallCompany } from "../support/smallCompany";

const clock = fixedClock("2026-04-01T09:00:00.000Z");

test("settings import over an error cell audits the old value as its error code", async () => {
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, smallCompany());
  const settings = (await wb.readTable("tblSettings"))!;
  const row = settings.rows.findIndex((r) => textOf(r[0]).toLowerCase() === "company") + 1;
  expect(row).toBeGreaterThan(0);
  await wb.updateCells("tblSettings", [{ row, column: "Value", value: { error: "#N/A" } }]);

  const r = await importCsv(wb, {
    table: "settings",
    csv: "Setting,Value\nCompany,New Co\n",
    fileName: "data.csv",
    user: "alice",
    clock,
  });
  expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
  expect(r.imported).toBe(1);
  const { book, raw } = await loadBook(wb);
  expect(book.audit.filter((a) => a.action === "setting").map((a) => [a.subject, a.oldValue, a.newValue])).toEqual([
    ["Company", "#N/A", "New Co"],
  ]);
  const runs = raw.get("tblRuns")!;
  const params = runs.headers.findIndex((h) => textOf(h).toLowerCase() === "parameters");
  expect(params).toBeGreaterThanOrEqual(0);
  expect(textOf(runs.rows.at(-1)![params])).not.toContain("[object Object]");
});
