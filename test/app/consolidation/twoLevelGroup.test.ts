/**
 * A two-level group, MXN → USD → EUR: MX (MXN, 100 %) consolidates into the intermediate group US
 * (USD); US's group workbook is packaged and consolidated into the top group EU (EUR). The
 * intermediate package carries its equity with the entity's dates (share capital 2024-06-30,
 * retained earnings per year), translated at the intermediate level, so EU translates them at
 * its own historical rates. Worked by hand:
 *
 * MX package 2026-03 (MXN): cash 1000 20,000.00; capital 3000 −10,000.00 (dated 2024-06-30);
 *   retained earnings 3900 −6,000.00 (FY2025's result, dated 2025-12-31); March sales 4000 −5,000.00,
 *   costs 5000 1,000.00.
 * MXN→USD: 2024-06-30 0.05, 2025-12-31 0.06, 2026-03-01 0.055, 2026-03-31 0.052;
 *   March average (rates dated in March) = (0.055 + 0.052) / 2 = 0.0535.
 * Level 1 (USD): cash 20,000 × 0.052 = 1,040.00; capital −10,000 × 0.05 = −500.00;
 *   RE −6,000 × 0.06 = −360.00; sales −5,000 × 0.0535 = −267.50; costs 1,000 × 0.0535 = 53.50.
 *   CTA = assets − liabilities − equity − net income = 1,040.00 − 0 − 860.00 − 214.00 = −34.00
 *   → Dr 3800 34.00 (the peso fell).
 * US package 2026-03 (USD) equity changes: 3000 2024-06-30 −500.00; 3800 2026-03-31 34.00 (the CTA
 *   movement, dated at the period end that posted it); 3900 2025-12-31 −360.00.
 * USD→EUR: 2024-06-30 0.90, 2025-12-31 0.95, 2026-03-01 0.92, 2026-03-31 0.94; March average 0.93.
 * Level 2 (EUR): cash 1,040.00 × 0.94 = 977.60; capital −500.00 × 0.90 = −450.00;
 *   RE −360.00 × 0.95 = −342.00; US's CTA 34.00 × 0.94 = 31.96; sales −267.50 × 0.93 = −248.775 → −248.78;
 *   costs 53.50 × 0.93 = 49.755 → 49.76.
 *   CTA = 977.60 − 0 − (450.00 + 342.00 − 31.96) − (248.78 − 49.76) = 977.60 − 760.04 − 199.02 = 18.54
 *   → Cr 3800 18.54; account 3800 ends at 31.96 − 18.54 = 13.42. Σ of EU's ledger = 0.
 * Without the dates (capital and RE dated 2026-03-31, the day US posted them) capital would be
 * −500.00 × 0.94 = −470.00 and RE −338.40.
 *
 * The same with MX owned 80 % (full method, NCI 20 %): level 1 adds the NCI's share of each equity
 * piece, keeping its date: Dr 3000 100.00 (2024-06-30), Dr 3900 72.00 (2025-12-31), Cr 3800 6.80,
 * Cr 3950 165.20; of net income 0.2 × 214.00 = 42.80: Dr 8900 42.80 / Cr 3950 42.80. US's package:
 * 3000 2024-06-30 −400.00; 3800 2026-03-31 27.20; 3900 2025-12-31 −288.00; 3950 2026-03-31 −208.00.
 * Level 2: cash 977.60; capital −400.00 × 0.90 = −360.00; RE −288.00 × 0.95 = −273.60;
 *   3800 27.20 × 0.94 = 25.568 → 25.57; 3950 −208.00 × 0.94 = −195.52; sales −248.78; costs 49.76;
 *   8900 42.80 × 0.93 = 39.804 → 39.80. CTA = 977.60 − (360.00 + 273.60 − 25.57 + 195.52)
 *   − (248.78 − 49.76 − 39.80) = 977.60 − 803.55 − 159.22 = 14.83 → Cr 3800; 3800 ends 25.57 − 14.83 = 10.74.
 *   (The NCI share of capital dated 2026-03-31 instead would give −500 × 0.90 + 100 × 0.94 = −356.00.)
 */
import { MemoryWorkbook } from "../../../src/adapters/memory/memoryWorkbook";
import { consolidateGroup } from "../../../src/app/consolidation/consolidateGroup";
import { groupSetup, setupGroupWorkbook } from "../../../src/app/consolidation/groupSetup";
import { packageOfWorkbook, packageText, readPackageText } from "../../../src/app/consolidation/packageIO";
import { loadBook } from "../../../src/app/loadBook";
import { Amount } from "../../../src/core/money";
import type { ExchangeRate } from "../../../src/core/ledger/types";
import { fixedClock } from "../../../src/ports/clock";
import { ENTITIES } from "../../../src/schema/consolidationTables";
import { encodeRecords } from "../../../src/schema/records";
import { RATES } from "../../../src/schema/tables";
import { rate } from "../../support/fixtures";
import { pkg } from "../../core/consolidation/groupFixture";

const ctx = { user: "bob", clock: fixedClock("2026-04-02T10:00:00.000Z") };
const DATES = ["2024-06-30", "2025-12-31", "2026-03-01", "2026-03-31"];
const rates = (from: string, to: string, values: string[]) => DATES.map((d, i) => rate(d, from, to, values[i]!));

async function groupWorkbook(currency: string, rows: ExchangeRate[], entity: unknown[]): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  const data = groupSetup({
    company: `Group ${currency}`,
    accountingCurrency: currency,
    fiscalYearStart: 2026,
    startMonth: 1,
  });
  await setupGroupWorkbook(wb, {
    ...data,
    currencies: [...data.currencies, { code: "MXN", name: "Mexican peso", precision: 2 }],
  });
  await wb.appendRows(RATES.name, encodeRecords(RATES, [], rows));
  await wb.appendRows(ENTITIES.name, [entity as never]);
  return wb;
}

const tb = async (wb: MemoryWorkbook) => {
  const { book } = await loadBook(wb);
  const m = new Map<string, Amount>();
  for (const e of book.ledger) m.set(e.account, (m.get(e.account) ?? Amount.ZERO).plus(e.amountAccounting));
  return Object.fromEntries([...m].filter(([, v]) => !v.isZero()).map(([k, v]) => [k, v.toFixed(2)]));
};

test("MXN → USD → EUR: the intermediate package keeps the equity dates; CTA at each level", async () => {
  const MX = pkg(
    "MX",
    "MXN",
    "2026-03",
    "1000 20000.00\n3000 -10000.00\n3900 -6000.00\n4000 -5000.00 @2026-03\n5000 1000.00 @2026-03",
    [
      ["3000", "2024-06-30", "-10000.00"],
      ["3900", "2025-12-31", "-6000.00"],
    ],
  );
  const us = await groupWorkbook("USD", rates("MXN", "USD", ["0.05", "0.06", "0.055", "0.052"]), [
    "MX",
    "Closebook Mexico",
    "MXN",
    100,
    "full",
    "3800",
    "",
    "",
  ]);
  const first = await consolidateGroup(us, { period: "2026-03", mode: "post", packages: [MX] }, ctx);
  expect(first.issues.filter((i) => i.severity === "error")).toEqual([]);
  expect(first.result?.translated[0]?.totals.cta.toFixed(2)).toBe("-34.00");
  expect(await tb(us)).toEqual({
    "1000": "1040.00",
    "3000": "-500.00",
    "3900": "-360.00",
    "3800": "34.00",
    "4000": "-267.50",
    "5000": "53.50",
  });

  // the intermediate group's package, through its file
  const built = await packageOfWorkbook(us, { period: "2026-03", draft: true, source: "us.xlsx", entity: "US" });
  expect(built.issues.filter((i) => i.severity === "error")).toEqual([]);
  const read = readPackageText(packageText(built.pkg!), "us-2026-03.csv");
  expect(read.issues).toEqual([]);
  expect(read.pkg!.equityChanges.map((c) => [c.account, c.date, c.amount.toFixed(2)])).toEqual([
    ["3000", "2024-06-30", "-500.00"],
    ["3800", "2026-03-31", "34.00"],
    ["3900", "2025-12-31", "-360.00"],
  ]);

  const eu = await groupWorkbook("EUR", rates("USD", "EUR", ["0.90", "0.95", "0.92", "0.94"]), [
    "US",
    "Closebook US group",
    "USD",
    100,
    "full",
    "3800",
    "",
    "",
  ]);
  const top = await consolidateGroup(eu, { period: "2026-03", mode: "post", packages: [read.pkg!] }, ctx);
  expect(top.issues.filter((i) => i.severity === "error")).toEqual([]);
  expect(top.result?.translated[0]?.totals.cta.toFixed(2)).toBe("18.54");
  expect(await tb(eu)).toEqual({
    "1000": "977.60",
    "3000": "-450.00",
    "3900": "-342.00",
    "3800": "13.42",
    "4000": "-248.78",
    "5000": "49.76",
  });
});

test("MXN → USD → EUR with MX owned 80 %: the NCI's share of equity keeps the dates too", async () => {
  const MX = pkg(
    "MX",
    "MXN",
    "2026-03",
    "1000 20000.00\n3000 -10000.00\n3900 -6000.00\n4000 -5000.00 @2026-03\n5000 1000.00 @2026-03",
    [
      ["3000", "2024-06-30", "-10000.00"],
      ["3900", "2025-12-31", "-6000.00"],
    ],
  );
  const us = await groupWorkbook("USD", rates("MXN", "USD", ["0.05", "0.06", "0.055", "0.052"]), [
    "MX",
    "Closebook Mexico",
    "MXN",
    80,
    "full",
    "3800",
    "3950",
    "8900",
  ]);
  const first = await consolidateGroup(us, { period: "2026-03", mode: "post", packages: [MX] }, ctx);
  expect(first.issues.filter((i) => i.severity === "error")).toEqual([]);
  expect(await tb(us)).toEqual({
    "1000": "1040.00",
    "3000": "-400.00",
    "3900": "-288.00",
    "3800": "27.20",
    "3950": "-208.00",
    "4000": "-267.50",
    "5000": "53.50",
    "8900": "42.80",
  });
  const built = await packageOfWorkbook(us, { period: "2026-03", draft: true, source: "us.xlsx", entity: "US" });
  const read = readPackageText(packageText(built.pkg!), "us-2026-03.csv");
  expect(read.pkg!.equityChanges.map((c) => [c.account, c.date, c.amount.toFixed(2)])).toEqual([
    ["3000", "2024-06-30", "-400.00"],
    ["3800", "2026-03-31", "27.20"],
    ["3900", "2025-12-31", "-288.00"],
    ["3950", "2026-03-31", "-208.00"],
  ]);
  const eu = await groupWorkbook("EUR", rates("USD", "EUR", ["0.90", "0.95", "0.92", "0.94"]), [
    "US",
    "Closebook US group",
    "USD",
    100,
    "full",
    "3800",
    "",
    "",
  ]);
  const top = await consolidateGroup(eu, { period: "2026-03", mode: "post", packages: [read.pkg!] }, ctx);
  expect(top.issues.filter((i) => i.severity === "error")).toEqual([]);
  expect(top.result?.translated[0]?.totals.cta.toFixed(2)).toBe("14.83");
  expect(await tb(eu)).toEqual({
    "1000": "977.60",
    "3000": "-360.00",
    "3900": "-273.60",
    "3800": "10.74",
    "3950": "-195.52",
    "4000": "-248.78",
    "5000": "49.76",
    "8900": "39.80",
  });
});
