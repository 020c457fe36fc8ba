/**
 * The Group tab's view-model, with a two-entity group worked by hand (USD group, rates GBP→USD
 * 2024-06-30 1.20, 2026-03-01 1.26, 2026-03-21 1.30; default rules: balance sheet at the current
 * rate, P&L at the period's simple average, equity historical):
 *   US (USD, 100 %): 1300 IC receivable from UK 1,300.00; 3000 capital −1,300.00.
 *     translated: assets 1,300.00, liabilities 0.00, equity 1,300.00, net income 0.00, CTA 0.00.
 *   UK (GBP, 100 %): 1000 cash 2,290.00; 2300 IC payable to US −990.00; 3000 capital −1,000.00
 *     (paid in 2024-06-30); 4000 sales −1,000.00 and 5000 costs 700.00 in March (sum 0).
 *     assets 2,290.00 × 1.30 = 2,977.00; liabilities 990.00 × 1.30 = 1,287.00;
 *     equity 1,000.00 × 1.20 = 1,200.00; net income 300.00 × (1.26 + 1.30) / 2 = 300.00 × 1.28 = 384.00;
 *     CTA = 2,977.00 − 1,287.00 − 1,200.00 − 384.00 = 106.00.
 *   Elimination IC1 (1300/2300, difference account 6990): US 1,300.00 + UK −1,287.00 = 13.00,
 *     booked to 6990 in the pair's first entity by name, UK.
 */
import { packageText } from "../../../src/app/consolidation/packageIO";
import { consolidate } from "../../../src/core/consolidation/consolidate";
import {
  consolidationOutcome,
  entityRows,
  packageFileName,
  packageState,
  readPackages,
} from "../../../src/taskpane/group/groupModel";
import { entity, groupBook, groupSetup, period, pkg } from "../../core/consolidation/groupFixture";

const US = pkg(
  "US",
  "USD",
  "2026-03",
  "1300 1300.00 TradingPartner=UK\n3000 -1300.00",
  [["3000", "2020-01-01", "-1300.00"]],
  { sealHead: "$1$9f2c41aa77b0e4d1" },
);
const UK = pkg(
  "UK",
  "GBP",
  "2026-03",
  "1000 2290.00\n2300 -990.00 TradingPartner=US\n3000 -1000.00\n4000 -1000.00 @2026-03\n5000 700.00 @2026-03",
  [["3000", "2024-06-30", "-1000.00"]],
  { status: "Open", draft: true },
);

const result = consolidate({
  book: groupBook(groupSetup()),
  period: period("2026-03"),
  entities: [entity("US", "USD"), entity("UK", "GBP")],
  mapping: [],
  translation: [],
  eliminations: [
    {
      id: "IC1",
      method: "netChange",
      entity: "*",
      accounts: "1300, 2300",
      partnerDimension: "TradingPartner",
      partner: "*",
      differenceAccount: "6990",
    },
  ],
  packages: [US, UK],
});

describe("Group tab model", () => {
  test("one row per entity: package, status, draft or sealed, translated totals, CTA and elimination differences", () => {
    expect(result.proposal.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(entityRows([US, UK], result, "USD")).toEqual([
      {
        entity: "US",
        packageText: "US.csv · 2026-03",
        status: "On hold",
        state: "sealed $1$9f2c41aa7…",
        assets: "USD 1,300.00",
        liabilities: "USD 0.00",
        equity: "USD 1,300.00",
        netIncome: "USD 0.00",
        cta: "USD 0.00",
      },
      {
        entity: "UK",
        packageText: "UK.csv · 2026-03",
        status: "Open",
        state: "draft",
        assets: "USD 2,977.00",
        liabilities: "USD 1,287.00",
        equity: "USD 1,200.00",
        netIncome: "USD 384.00",
        cta: "USD 106.00",
        differences: "USD 13.00",
      },
    ]);
  });

  test("before a run (or when it failed): the packages' rows without figures", () => {
    expect(entityRows([UK], undefined, "USD")).toEqual([
      { entity: "UK", packageText: "UK.csv · 2026-03", status: "Open", state: "draft" },
    ]);
    expect(packageState({ draft: false, sealHead: "" })).toBe("not sealed");
  });

  test("package files read from text (no file system); a foreign file is an issue naming it", () => {
    const r = readPackages([
      { name: "uk.csv", text: packageText(UK, "Closebook UK") },
      { name: "notes.txt", text: "hello,world\n1,2\n" },
    ]);
    expect(r.packages.map((p) => [p.entity, p.period, p.draft, p.lines.length])).toEqual([
      ["UK", "2026-03", true, UK.lines.length],
    ]);
    expect(r.issues.length).toBeGreaterThan(0);
    expect(r.issues.every((i) => i.at?.table === "notes.txt" && i.severity === "error")).toBe(true);
  });

  test("outcome sentences and the download's file name", () => {
    expect(
      consolidationOutcome(
        {
          status: "ok",
          summary: "posted 3 vouchers (12 lines) as RUN-000004",
          sheet: "Consolidation 2026-03",
          issues: [],
        },
        "2026-03",
        "post",
      ),
    ).toEqual({
      intent: "success",
      text: 'Consolidation 2026-03 posted: posted 3 vouchers (12 lines) as RUN-000004. Worksheet "Consolidation 2026-03".',
    });
    const failed = consolidationOutcome(
      {
        status: "failed",
        summary: "the group's tables have errors",
        issues: [{ code: "CONSOLIDATION_FAILED", severity: "error", message: "m" }],
      },
      "2026-03",
      "preview",
    );
    expect(failed).toEqual({
      intent: "error",
      title: "Nothing was consolidated",
      text: "2026-03: the group's tables have errors. 1 problem; click one to see its cell.",
    });
    expect(packageFileName({ entity: "UK", period: "2026-03", draft: false })).toBe("package-UK-2026-03.csv");
    expect(packageFileName({ entity: "Closebook UK", period: "2026-03", draft: true })).toBe(
      "package-Closebook_UK-2026-03-DRAFT.csv",
    );
  });
});
