/**
 * The consolidation worksheet: columns per entity, translation, eliminations, NCI, consolidated;
 * rows by group account with subtotals; check lines. UK (GBP, 80 %) as in translate.test.ts plus
 * US (USD, 100 %) holding a receivable from UK of 1,300.00 against UK's payable of 1,000.00 GBP × 1.30.
 */
import { consolidate } from "../../../src/core/consolidation/consolidate";
import { consolidationWorksheet } from "../../../src/core/consolidation/worksheet";
import { A } from "../../support/fixtures";
import { entity, groupBook, groupSetup, period, pkg } from "./groupFixture";

test("columns, an account row, subtotals and check lines", () => {
  const us = pkg("US", "USD", "2026-03", "1300 1300.00 TradingPartner=UK\n3000 -1300.00", [
    ["3000", "2020-01-01", "-1300.00"],
  ]);
  const uk = pkg(
    "UK",
    "GBP",
    "2026-03",
    "1000 3300.00\n2300 -1000.00 TradingPartner=US\n3000 -1000.00\n3100 -800.00\n4000 -1000.00 @2026-03\n5000 500.00 @2026-03",
    [
      ["3000", "2024-06-30", "-1000.00"],
      ["3100", "2024-12-31", "-500.00"],
      ["3100", "2025-12-31", "-300.00"],
    ],
  );
  const setup = groupSetup();
  const r = consolidate({
    book: groupBook(setup),
    period: period("2026-03"),
    entities: [entity("US", "USD"), entity("UK", "GBP", { ownership: A("80") })],
    mapping: [],
    translation: [],
    eliminations: [
      {
        id: "IC",
        method: "netChange",
        entity: "*",
        accounts: "1300, 2300",
        partnerDimension: "TradingPartner",
        partner: "*",
      },
    ],
    packages: [us, uk],
  });
  const w = consolidationWorksheet(r, setup);
  expect(w.columns).toEqual(["US", "UK", "Translation", "Eliminations", "NCI", "Consolidated"]);
  // 1300: US 1,300.00, eliminated −1,300.00 → consolidated 0
  const ic = w.rows.find((x) => x.account === "1300")!;
  expect(ic.values.map((v) => v?.toString())).toEqual(["1300.00", "0", "0", "-1300.00", "0", "0.00"]);
  // UK cash 3,300 × 1.30 = 4,290.00; CTA: A 4,290 − L 1,300 − E 2,175 − NI 640 = 175.00
  const cta = w.rows.find((x) => x.account === "3900")!;
  expect(cta.values[2]?.toString()).toBe("-175.00");
  expect(w.rows.filter((x) => x.role === "subtotal").map((x) => x.label)).toEqual([
    "Total assets",
    "Total liabilities",
    "Total equity",
    "Total revenue",
    "Total expenses",
    "Net income",
  ]);
  expect(w.rows.filter((x) => x.role === "check")).toHaveLength(5);
  expect(w.checksPass).toBe(true);
});
