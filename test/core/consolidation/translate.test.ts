/**
 * Translation (close-reference b5): each method, retained earnings over two and
 * three years, and the CTA. Group USD; the UK entity keeps GBP. Rates in groupFixture.ts.
 * Every figure below is worked by hand.
 */
import { mapPackage } from "../../../src/core/consolidation/mapping";
import type { TranslationRule } from "../../../src/core/consolidation/model";
import { translateEntity } from "../../../src/core/consolidation/translate";
import { averageRate, weightedAverageRate } from "../../../src/core/consolidation/translationRates";
import { RateTable } from "../../../src/core/rates/rateTable";
import { Amount } from "../../../src/core/money";
import { entity, groupSetup, GBP_RATES, pkg } from "./groupFixture";

function run(spec: string, equity: [string, string, string][] = [], rules: TranslationRule[] = []) {
  const setup = groupSetup();
  const p = pkg("UK", "GBP", "2026-03", spec, equity);
  const mapped = mapPackage(p, [], setup.accounts);
  const t = translateEntity({
    entity: entity("UK", "GBP"),
    pkg: p,
    lines: mapped.lines,
    equityChanges: p.equityChanges,
    setup,
    rules,
  });
  const of = (account: string, method?: string) =>
    t.lines.find((l) => l.account === account && (!method || l.method === method))?.translated.toString();
  return { t, of };
}

describe("translation methods", () => {
  test("current: the last rate on or before the period end", () => {
    // cash 1,000.00 GBP; last GBP rate on/before 2026-03-31 is 1.30 (03-21) → 1,300.00 USD
    const { of } = run("1000 1000.00\n2000 -1000.00");
    expect(of("1000")).toBe("1300.00");
    expect(of("2000")).toBe("-1300.00");
  });

  test("average: the simple average of the rates dated in the period", () => {
    // March rates 1.26 (03-01) and 1.30 (03-21); 02-20's 1.25 is outside → (1.26 + 1.30) / 2 = 1.28
    // sales −1,000.00 GBP in March → −1,280.00 USD
    const { of } = run("4000 -1000.00 @2026-03\n1000 1000.00");
    expect(of("4000")).toBe("-1280.00");
  });

  test("average with no rate dated in the period: the rate in effect at its start", () => {
    // January has no GBP rate; 2025-12-31's 1.25 held all month → −100.00 × 1.25 = −125.00
    const { of } = run("4000 -100.00 @2026-01\n1000 100.00");
    expect(of("4000")).toBe("-125.00");
  });

  test("weighted average: Σ rate × days in effect / days", () => {
    // March has 31 days: 1.26 from 03-01 to 03-20 (20 days), 1.30 from 03-21 to 03-31 (11 days)
    // (1.26 × 20 + 1.30 × 11) / 31 = (25.20 + 14.30) / 31 = 39.50 / 31; costs 310.00 GBP × 39.5/31 = 395.00 USD
    const rules: TranslationRule[] = [
      { entity: "*", accountType: "expense", method: "weightedAverage", rateType: "spot" },
    ];
    const { of } = run("5000 310.00 @2026-03\n1000 -310.00", [], rules);
    expect(of("5000")).toBe("395.00");
    const w = weightedAverageRate(
      new RateTable(GBP_RATES, "USD"),
      GBP_RATES,
      "GBP",
      "USD",
      "2026-03-01",
      "2026-03-31",
      "spot",
    )!;
    expect(w.rate.apply(Amount.parse("31")!, 2).toString()).toBe("39.50");
  });

  test("year to date: each period at its own average, summed", () => {
    // Feb: rate in effect 02-01 is 1.25 (2025-12-31); 02-20 1.25 dated in Feb → average (1.25) = 1.25: −200.00 → −250.00
    // Mar: 1.28 × −100.00 = −128.00; year to date −378.00 (a single YTD rate would not give this)
    const { of } = run("4000 -200.00 @2026-02\n4000 -100.00 @2026-03\n1000 300.00");
    expect(of("4000")).toBe("-378.00");
    const feb = averageRate(
      new RateTable(GBP_RATES, "USD"),
      GBP_RATES,
      "GBP",
      "USD",
      "2026-02-01",
      "2026-02-28",
      "spot",
    )!;
    expect(feb.rate.toString()).toBe("1.25");
  });

  test("historical: equity at the rate of each change's date", () => {
    // capital −1,000.00 GBP paid in 2024-06-30 at 1.20 → −1,200.00 USD (not 1.30 × −1,000)
    const { of } = run("3000 -1000.00\n1000 1000.00", [["3000", "2024-06-30", "-1000.00"]]);
    expect(of("3000")).toBe("-1200.00");
  });

  test("retained earnings over two years: each year's change at that year's rate", () => {
    // 2024: −500.00 at 1.20 = −600.00; 2025: −300.00 at 1.25 = −375.00; Σ −975.00 (closing −800.00 × 1.30 would be −1,040.00)
    const { of } = run("3100 -800.00\n1000 800.00", [
      ["3100", "2024-12-31", "-500.00"],
      ["3100", "2025-12-31", "-300.00"],
    ]);
    expect(of("3100")).toBe("-975.00");
  });

  test("retained earnings over three years, one of them a loss", () => {
    // 2023: +100.00 at 1.10 = +110.00; 2024: −500.00 at 1.20 = −600.00; 2025: −300.00 at 1.25 = −375.00 → −865.00
    const { of } = run("3100 -700.00\n1000 700.00", [
      ["3100", "2023-12-31", "100.00"],
      ["3100", "2024-12-31", "-500.00"],
      ["3100", "2025-12-31", "-300.00"],
    ]);
    expect(of("3100")).toBe("-865.00");
  });

  test("an equity account whose dated changes do not add up to its balance is a located error", () => {
    const { t } = run("3000 -1000.00\n1000 1000.00", [["3000", "2024-06-30", "-900.00"]]);
    expect(t.issues.map((i) => i.code)).toEqual(["EQUITY_HISTORY_MISMATCH"]);
    expect(t.issues[0]!.message).toContain("-1000.00");
    expect(t.issues[0]!.message).toContain("-900.00");
    expect(t.issues[0]!.at).toEqual({ table: "UK.csv", column: "Account" });
  });

  test("a missing rate is a located error naming the pair and date", () => {
    const setup = { ...groupSetup(), rates: [] };
    const p = pkg("UK", "GBP", "2026-03", "1000 10.00\n2000 -10.00");
    const t = translateEntity({
      entity: entity("UK", "GBP"),
      pkg: p,
      lines: mapPackage(p, [], setup.accounts).lines,
      equityChanges: [],
      setup,
      rules: [],
    });
    expect(t.issues[0]).toMatchObject({ code: "MISSING_RATE", at: { table: "tblRates" } });
    expect(t.issues[0]!.message).toContain("GBP→USD");
    expect(t.issues[0]!.message).toContain("2026-03-31");
  });
});

describe("CTA", () => {
  test("the balancing figure: assets − liabilities − equity − net income, to the entity's CTA account", () => {
    // UK at 2026-03-31 (GBP): cash 2,300.00; capital −1,000.00 (2024-06-30); RE −800.00 (−500 2024, −300 2025);
    //   sales −1,000.00 and costs 500.00 in March. Balanced: 2300 − 1000 − 800 − 1000 + 500 = 0.
    // Translated: cash 2,300 × 1.30 = 2,990.00; capital −1,200.00; RE −975.00; sales −1,280.00; costs 640.00.
    // A = 2,990.00, L = 0, E = 1,200 + 975 = 2,175.00, NI = 1,280 − 640 = 640.00
    // CTA = 2,990 − 0 − 2,175 − 640 = 175.00 (credit) → 3900 −175.00; the translated TB then sums to 0.
    const { t, of } = run("1000 2300.00\n3000 -1000.00\n3100 -800.00\n4000 -1000.00 @2026-03\n5000 500.00 @2026-03", [
      ["3000", "2024-06-30", "-1000.00"],
      ["3100", "2024-12-31", "-500.00"],
      ["3100", "2025-12-31", "-300.00"],
    ]);
    expect(t.issues).toEqual([]);
    expect(t.totals.cta.toString()).toBe("175.00");
    expect(of("3900", "cta")).toBe("-175.00");
    expect(Amount.sum(t.lines.map((l) => l.translated)).isZero()).toBe(true);
    const row = t.trace.find((r) => r.key === "UK · CTA → 3900")!;
    expect(row.formula).toBe("assets − liabilities − equity − net income = 2990.00 − 0 − 2175.00 − 640.00");
  });
});
