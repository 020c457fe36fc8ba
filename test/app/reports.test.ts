import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { changePeriod } from "../../src/app/changePeriod";
import { loadBook } from "../../src/app/loadBook";
import { writeReportSheet } from "../../src/app/reports";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { fixedClock } from "../../src/ports/clock";
import { smallCompany } from "../support/smallCompany";

const report = (title: string) => ({ sheet: "Trial balance", title, rows: [["Account", "Closing"], ["1000", 1]] });

test("a report on a closed period is protected; one on an open period is not; rewriting works either way", async () => {
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, smallCompany());
  const ctx = { user: "bob", clock: fixedClock("2026-04-02T10:00:00.000Z") };
  expect((await changePeriod(wb, { kind: "hold", period: "2026-02", reason: "closed" }, ctx)).done).toBe(true);
  let { book } = await loadBook(wb);
  expect(await writeReportSheet(wb, book, report("March"), "2026-03")).toEqual({ protected: false });
  expect(await wb.isProtected("Trial balance")).toBe(false);
  expect(await writeReportSheet(wb, book, report("February"), "2026-02")).toEqual({ protected: true });
  expect(await wb.isProtected("Trial balance")).toBe(true);
  await expect(wb.writeReport(report("edited"))).rejects.toThrow(/AccessDenied/);
  ({ book } = await loadBook(wb));
  expect(await writeReportSheet(wb, book, report("March again"), "2026-03")).toEqual({ protected: false });
  expect(wb.getReport("Trial balance")?.title).toBe("March again");
});
