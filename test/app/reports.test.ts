import fc from "fast-check";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { changePeriod } from "../../src/app/changePeriod";
import { loadBook } from "../../src/app/loadBook";
import { periodSheetName, writeReportSheet } from "../../src/app/reports";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { fixedClock } from "../../src/ports/clock";
import { smallCompany } from "../support/smallCompany";

const report = (title: string) => ({
  sheet: "Trial balance",
  title,
  rows: [
    ["Account", "Closing"],
    ["1000", 1],
  ],
});

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

test("a period's sheet name: the report and the period, a valid Excel sheet name (≤ 31 characters, none of / \\ ? * [ ] :)", () => {
  expect(periodSheetName("Income statement", "2026-03")).toBe("Income statement 2026-03");
  expect(periodSheetName("Income statement", "FY2026-CLOSE")).toBe("Income statement FY2026-CLOSE"); // 29 characters
  expect(periodSheetName("Balance sheet", "26/27:Q[1]*?")).toBe("Balance sheet 26-27-Q-1---");
  expect(periodSheetName("Income statement", "FY2026 extended period")).toBe("Income statement FY2026 extende"); // cut at 31
  expect(periodSheetName("Journal report", undefined)).toBe("Journal report");
});

// eslint-disable-next-line no-control-regex
const NOT_IN_SHEET_NAMES = /[/\\?*[\]:\u0000-\u001f]/;

test("property: any period id gives a valid Excel sheet name", () => {
  fc.assert(
    fc.property(
      fc.constantFrom("Income statement", "Balance sheet", "Journal report"),
      fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.string({ unit: fc.constantFrom("'", " ", "\u0007", "/", "a"), maxLength: 40 }),
      ),
      (base, period) => {
        const name = periodSheetName(base, period);
        return (
          name.length >= 1 &&
          name.length <= 31 &&
          !NOT_IN_SHEET_NAMES.test(name) &&
          !name.startsWith("'") &&
          !name.endsWith("'") &&
          name.startsWith(base.slice(0, 14))
        );
      },
    ),
  );
});
