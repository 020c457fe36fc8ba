/**
 * The Group tab's path without the browser: a package file's text read with the pane's reader,
 * previewed in a group workbook (memory adapter) by the same use case the tab calls, and the
 * tab's rows made from the outcome. UK (GBP, 80 %), rates GBP→USD 2024-06-30 1.20, 2024-12-31 1.20,
 * 2025-12-31 1.25, March 2026 1.26 and 1.30 (average 1.28, current 1.30):
 *   assets   cash 2,300.00 × 1.30 = 2,990.00
 *   equity   capital 1,000.00 × 1.20 = 1,200.00; retained earnings 500.00 × 1.20 + 300.00 × 1.25 = 975.00 → 2,175.00
 *   net income (1,000.00 − 500.00) × 1.28 = 640.00
 *   CTA      2,990.00 − 0.00 − 2,175.00 − 640.00 = 175.00
 */
import { MemoryWorkbook } from "../../../src/adapters/memory/memoryWorkbook";
import { consolidateGroup } from "../../../src/app/consolidation/consolidateGroup";
import { groupSetup, setupGroupWorkbook } from "../../../src/app/consolidation/groupSetup";
import { packageText } from "../../../src/app/consolidation/packageIO";
import { loadBook } from "../../../src/app/loadBook";
import { fixedClock } from "../../../src/ports/clock";
import { isConsolidationCompany } from "../../../src/schema/consolidationCodec";
import { ENTITIES } from "../../../src/schema/consolidationTables";
import { RATES } from "../../../src/schema/tables";
import { encodeRecords } from "../../../src/schema/records";
import { entityRows, readPackages } from "../../../src/taskpane/group/groupModel";
import { GBP_RATES, pkg } from "../../core/consolidation/groupFixture";

const UK = pkg(
  "UK",
  "GBP",
  "2026-03",
  "1000 2300.00\n3000 -1000.00\n3900 -800.00\n4000 -1000.00 @2026-03\n5000 500.00 @2026-03",
  [
    ["3000", "2024-06-30", "-1000.00"],
    ["3900", "2024-12-31", "-500.00"],
    ["3900", "2025-12-31", "-300.00"],
  ],
);

test("package text → preview in a group workbook → one row with the translated totals and CTA", async () => {
  const wb = new MemoryWorkbook();
  await setupGroupWorkbook(
    wb,
    groupSetup({ company: "Group", accountingCurrency: "USD", fiscalYearStart: 2026, startMonth: 1 }),
  );
  await wb.appendRows(RATES.name, encodeRecords(RATES, [], GBP_RATES));
  await wb.appendRows(ENTITIES.name, [["UK", "Closebook UK", "GBP", 80, "full", "3800", "3950", "8900"]]);
  expect(isConsolidationCompany((await loadBook(wb)).raw)).toBe(true);

  const read = readPackages([{ name: "uk.csv", text: packageText(UK, "Closebook UK") }]);
  expect(read.issues).toEqual([]);
  const o = await consolidateGroup(
    wb,
    { period: "2026-03", mode: "preview", packages: read.packages },
    { user: "bob", clock: fixedClock("2026-04-02T10:00:00.000Z") },
  );
  expect(o.status).toBe("ok");
  expect(entityRows(read.packages, o.result, "USD")).toEqual([
    {
      entity: "UK",
      packageText: "uk.csv · 2026-03",
      status: "On hold",
      state: "not sealed",
      assets: "USD 2,990.00",
      liabilities: "USD 0.00",
      equity: "USD 2,175.00",
      netIncome: "USD 640.00",
      cta: "USD 175.00",
    },
  ]);
});
