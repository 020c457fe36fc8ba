/**
 * The consolidation run: eliminations (each method), NCI, proportional roll-up,
 * mapping, package checks and a two-level group (MXN → USD → EUR). Figures worked by hand.
 */
import { consolidate, type ConsolidationInput } from "../../../src/core/consolidation/consolidate";
import type { EliminationRule, EntityPackage, GroupEntity } from "../../../src/core/consolidation/model";
import { shareLines } from "../../../src/core/consolidation/split";
import { Amount, Rate } from "../../../src/core/money";
import { A, rate } from "../../support/fixtures";
import { entity, groupBook, groupSetup, period, pkg, GBP_RATES } from "./groupFixture";

const UK_TB = "1000 2300.00\n3000 -1000.00\n3100 -800.00\n4000 -1000.00 @2026-03\n5000 500.00 @2026-03";
const UK_EQ: [string, string, string][] = [
  ["3000", "2024-06-30", "-1000.00"],
  ["3100", "2024-12-31", "-500.00"],
  ["3100", "2025-12-31", "-300.00"],
];

function input(
  entities: GroupEntity[],
  packages: EntityPackage[],
  extra: Partial<ConsolidationInput> = {},
): ConsolidationInput {
  return {
    book: groupBook(groupSetup()),
    period: period("2026-03"),
    entities,
    mapping: [],
    translation: [],
    eliminations: [],
    packages,
    ...extra,
  };
}
const sum = (xs: { amount: Amount }[]) => Amount.sum(xs.map((x) => x.amount)).toString();
const linesOf = (r: ReturnType<typeof consolidate>, column: string, entityId?: string) =>
  r.lines.filter((l) => l.column === column && (!entityId || l.entity === entityId));
const at = (r: ReturnType<typeof consolidate>, column: string, account: string, entityId?: string) =>
  sum(linesOf(r, column, entityId).filter((l) => l.account === account));

describe("eliminations", () => {
  // US (USD, parent) receivable from UK 1,300.00; UK payable to US 1,000.00 GBP × 1.30 = −1,300.00 USD.
  // US sales to UK −1,280.00 USD; UK costs from US 1,000.00 GBP × March average 1.28 = 1,280.00 USD.
  const US = pkg(
    "US",
    "USD",
    "2026-03",
    "1300 1300.00 TradingPartner=UK\n4000 -1280.00 @2026-03 TradingPartner=UK\n3000 -20.00",
    [["3000", "2020-01-01", "-20.00"]],
  );
  const UK = (payable: string) =>
    pkg(
      "UK",
      "GBP",
      "2026-03",
      `1000 ${A(payable).neg().plus(A("-1000.00")).neg().toString()}\n2300 ${payable} TradingPartner=US\n5000 1000.00 @2026-03 TradingPartner=US\n4000 -2000.00 @2026-03`,
    );
  const rule = (x: Partial<EliminationRule>): EliminationRule => ({
    id: "IC1",
    method: "netChange",
    entity: "*",
    accounts: "1300, 2300",
    partnerDimension: "TradingPartner",
    partner: "*",
    ...x,
  });
  const ents = [entity("US", "USD"), entity("UK", "GBP")];

  test("net change: both sides of a receivable/payable and of sales/costs taken out, netting to zero", () => {
    const r = consolidate(
      input(ents, [US, UK("-1000.00")], { eliminations: [rule({}), rule({ id: "IC2", accounts: "4000, 5000" })] }),
    );
    expect(r.proposal.issues.filter((i) => i.severity === "error")).toEqual([]);
    // US 1300 −1,300.00, UK 2300 +1,300.00; US 4000 +1,280.00, UK 5000 −1,280.00
    expect(at(r, "eliminations", "1300", "US")).toBe("-1300.00");
    expect(at(r, "eliminations", "2300", "UK")).toBe("1300.00");
    expect(at(r, "eliminations", "4000", "US")).toBe("1280.00");
    expect(at(r, "eliminations", "5000", "UK")).toBe("-1280.00");
    expect(sum(linesOf(r, "eliminations"))).toBe("0.00");
  });

  test("a mismatch without a difference account: error with both amounts and the difference, nothing eliminated", () => {
    // UK payable −990.00 GBP × 1.30 = −1,287.00 USD; US 1,300.00; difference 1,300.00 − 1,287.00 = 13.00
    const r = consolidate(input(ents, [US, UK("-990.00")], { eliminations: [rule({})] }));
    const i = r.proposal.issues.find((x) => x.code === "ELIMINATION_MISMATCH")!;
    expect(i.message).toContain("UK with US -1287.00, US with UK 1300.00, difference 13.00");
    expect(i.at).toEqual({ table: "tblEliminationRules", column: "Difference account" });
    expect(linesOf(r, "eliminations")).toEqual([]);
    expect(r.proposal.vouchers).toEqual([]);
  });

  test("a mismatch with a difference account: posted there, reported as a warning", () => {
    // US 1300 −1,300.00; UK 2300 +1,287.00; difference 13.00 to 6990 (in UK, the pair's first by name) → nets to zero
    const r = consolidate(input(ents, [US, UK("-990.00")], { eliminations: [rule({ differenceAccount: "6990" })] }));
    expect(r.proposal.issues.find((x) => x.code === "ELIMINATION_DIFFERENCE")?.severity).toBe("warning");
    expect(at(r, "eliminations", "1300")).toBe("-1300.00");
    expect(at(r, "eliminations", "2300")).toBe("1287.00");
    expect(at(r, "eliminations", "6990")).toBe("13.00");
    expect(sum(linesOf(r, "eliminations"))).toBe("0.00");
  });

  test("trading-partner filter and destination account", () => {
    // only partner "XX" is eliminated: nothing matches
    expect(
      linesOf(
        consolidate(input(ents, [US, UK("-1000.00")], { eliminations: [rule({ partner: "XX" })] })),
        "eliminations",
      ),
    ).toEqual([]);
    // destination 1400 with given dimensions: the lines move there
    const r = consolidate(
      input(ents, [US, UK("-1000.00")], {
        eliminations: [rule({ destinationAccount: "1400", destinationDimensions: {} })],
      }),
    );
    expect(at(r, "eliminations", "1400")).toBe("0.00");
    expect(linesOf(r, "eliminations").map((l) => l.account)).toEqual(["1400", "1400"]);
  });

  test("fixed amount: destination debited, source credited", () => {
    // rule F1: US, source 3000, destination 1400, 500.00 → Dr 1400 500.00 / Cr 3000 −500.00
    const r = consolidate(
      input(ents, [US, UK("-1000.00")], {
        eliminations: [
          {
            id: "F1",
            method: "fixed",
            entity: "US",
            accounts: "3000",
            partnerDimension: "TradingPartner",
            partner: "*",
            destinationAccount: "1400",
            fixedAmount: A("500.00"),
          },
        ],
      }),
    );
    expect(at(r, "eliminations", "1400", "US")).toBe("500.00");
    expect(at(r, "eliminations", "3000", "US")).toBe("-500.00");
  });

  test("a rule not active on the period end does nothing", () => {
    const r = consolidate(input(ents, [US, UK("-1000.00")], { eliminations: [rule({ activeTo: "2026-02-28" })] }));
    expect(linesOf(r, "eliminations")).toEqual([]);
  });
});

describe("ownership", () => {
  test("NCI: 20 % of translated net income and of each equity balance", () => {
    // UK translated (translate.test.ts): capital −1,200.00, RE −975.00, CTA −175.00, net income 640.00, net assets 2,990.00
    // m = 0.2: NCI income 0.2 × 640 = 128.00 (Dr 8900 / Cr 3950);
    // equity: Dr 3000 240.00, Dr 3100 195.00, Dr 3900 35.00 / Cr 3950 −470.00; NCI total 128 + 470 = 598.00 = 0.2 × 2,990.00
    const r = consolidate(
      input([entity("UK", "GBP", { ownership: A("80") })], [pkg("UK", "GBP", "2026-03", UK_TB, UK_EQ)]),
    );
    expect(at(r, "nci", "8900")).toBe("128.00");
    expect(at(r, "nci", "3000")).toBe("240.00");
    expect(at(r, "nci", "3100")).toBe("195.00");
    expect(at(r, "nci", "3900")).toBe("35.00");
    expect(at(r, "nci", "3950")).toBe("-598.00");
    expect(sum(linesOf(r, "nci"))).toBe("0.00");
  });

  test("NCI accounts missing: a located error on tblEntities", () => {
    const r = consolidate(
      input(
        [entity("UK", "GBP", { ownership: A("80"), nciEquityAccount: "9999", row: 2 })],
        [pkg("UK", "GBP", "2026-03", UK_TB, UK_EQ)],
      ),
    );
    expect(r.proposal.issues.find((i) => i.code === "NCI_ACCOUNT_MISSING")?.at).toEqual({
      table: "tblEntities",
      row: 2,
      column: "NCI equity account",
    });
  });

  test("proportional: 80 % of every translated balance", () => {
    // 0.8 × (2,990.00, −1,200.00, −975.00, −1,280.00, 640.00, −175.00) = 2,392.00, −960.00, −780.00, −1,024.00, 512.00, −140.00
    const r = consolidate(
      input(
        [entity("UK", "GBP", { ownership: A("80"), method: "proportional" })],
        [pkg("UK", "GBP", "2026-03", UK_TB, UK_EQ)],
      ),
    );
    expect(["1000", "3000", "3100", "4000", "5000"].map((a) => at(r, "translated", a))).toEqual([
      "2392.00",
      "-960.00",
      "-780.00",
      "-1024.00",
      "512.00",
    ]);
    expect(at(r, "translation", "3900")).toBe("-140.00");
    expect(linesOf(r, "nci")).toEqual([]);
  });

  test("proportional split by largest remainder keeps the entity balanced", () => {
    // 50 % of 0.01, 0.01, −0.02: exact 0.005, 0.005, −0.01; floors 0.00, 0.00, −0.01 sum −0.01, target 0.00:
    // one unit to the largest remainder (the first 0.005, earlier on a tie) → 0.01, 0.00, −0.01
    const half = Rate.parse("0.5")!;
    expect(shareLines([A("0.01"), A("0.01"), A("-0.02")], half, 2, "halfAwayFromZero").map(String)).toEqual([
      "0.01",
      "0.00",
      "-0.01",
    ]);
  });
});

describe("mapping and packages", () => {
  test("mapping by range; an unmapped account with a balance names entity, account and amount", () => {
    // UK 1150 → 1000 by rule; UK 7777 is no group account: error with 12.50
    const p = pkg("UK", "GBP", "2026-03", "1150 100.00\n7777 12.50\n2000 -112.50");
    const r = consolidate(
      input([entity("UK", "GBP")], [p], { mapping: [{ entity: "UK", accounts: "1100..1199", groupAccount: "1000" }] }),
    );
    const i = r.proposal.issues.find((x) => x.code === "UNMAPPED_ACCOUNT")!;
    expect(i.message).toContain("Entity UK: account 7777 (balance 12.50 GBP");
    expect(r.translated[0]!.lines.find((l) => l.account === "1000")?.local.toString()).toBe("100.00");
  });

  test("package checks: unknown and duplicated entity, other period, unknown currency — nothing posted", () => {
    const ok = pkg("UK", "GBP", "2026-03", "1000 1.00\n2000 -1.00");
    const r = consolidate(
      input(
        [entity("UK", "GBP"), entity("JP", "JPX")],
        [
          ok,
          { ...ok, source: "again.csv" },
          pkg("ZZ", "GBP", "2026-03", ""),
          { ...ok, entity: "JP", currency: "JPX", source: "jp.csv" },
          { ...pkg("UK", "GBP", "2026-02", ""), entity: "UK2" },
        ],
      ),
    );
    expect(r.proposal.issues.map((i) => [i.code, i.at?.table])).toEqual(
      expect.arrayContaining([
        ["DUPLICATE_ENTITY", "again.csv"],
        ["UNKNOWN_ENTITY", "ZZ.csv"],
        ["UNKNOWN_CURRENCY", "jp.csv"],
        ["WRONG_PERIOD", "UK.csv"],
      ]),
    );
    expect(r.proposal.vouchers).toEqual([]);
  });

  test("a draft package is a warning and its lines say so", () => {
    const r = consolidate(
      input(
        [entity("UK", "GBP")],
        [pkg("UK", "GBP", "2026-03", "1000 1.00\n2000 -1.00", [], { draft: true, status: "Open" })],
      ),
    );
    expect(r.proposal.issues.find((i) => i.code === "DRAFT_PACKAGE")?.severity).toBe("warning");
    expect(r.proposal.vouchers[0]!.lines[0]!.description).toContain("(draft)");
  });
});

describe("two-level group: MXN → USD → EUR", () => {
  test("a group's consolidated balances packaged and translated again", () => {
    // Level 1, USD group: MX (MXN) cash 22,000.00; capital −20,000.00 (2026-01-01); sales −2,000.00 in March.
    // MXN→USD: 2026-01-01 0.050, 03-01 0.053, 03-31 0.055. March average (0.053 + 0.055) / 2 = 0.054.
    // cash 22,000 × 0.055 = 1,210.00; capital −20,000 × 0.050 = −1,000.00; sales −2,000 × 0.054 = −108.00
    // CTA = 1,210 − 0 − 1,000 − 108 = 102.00 → 3900 −102.00
    const mxRates = [
      rate("2026-01-01", "MXN", "USD", "0.050"),
      rate("2026-03-01", "MXN", "USD", "0.053"),
      rate("2026-03-31", "MXN", "USD", "0.055"),
    ];
    const mid = consolidate({
      ...input(
        [entity("MX", "MXN")],
        [
          pkg("MX", "MXN", "2026-03", "1000 22000.00\n3000 -20000.00\n4000 -2000.00 @2026-03", [
            ["3000", "2026-01-01", "-20000.00"],
          ]),
        ],
      ),
      book: groupBook(groupSetup({ rates: mxRates })),
    });
    expect(mid.proposal.issues).toEqual([]);
    const midTb = new Map<string, Amount>();
    for (const l of mid.lines) midTb.set(l.account, (midTb.get(l.account) ?? Amount.ZERO).plus(l.amount));
    expect(Object.fromEntries([...midTb].map(([k, v]) => [k, v.toString()]))).toEqual({
      "1000": "1210.00",
      "3000": "-1000.00",
      "4000": "-108.00",
      "3900": "-102.00",
    });
    // Level 2, EUR group: package MID (USD) from those balances; its equity is dated when the USD group posted it (03-31).
    // USD→EUR: 03-01 0.92, 03-31 0.90; March average 0.91.
    // cash 1,210 × 0.90 = 1,089.00; capital −1,000 × 0.90 = −900.00; 3900 −102 × 0.90 = −91.80; sales −108 × 0.91 = −98.28
    // CTA = 1,089 − 0 − (900 + 91.80) − 98.28 = −1.08 → 3900 +1.08; 3900 in all −90.72
    const eurRates = [rate("2026-03-01", "USD", "EUR", "0.92"), rate("2026-03-31", "USD", "EUR", "0.90")];
    const midPkg = pkg("MID", "USD", "2026-03", "1000 1210.00\n3000 -1000.00\n3900 -102.00\n4000 -108.00 @2026-03", [
      ["3000", "2026-03-31", "-1000.00"],
      ["3900", "2026-03-31", "-102.00"],
    ]);
    const top = consolidate({
      ...input([entity("MID", "USD")], [midPkg]),
      book: groupBook(groupSetup({ currency: "EUR", rates: eurRates })),
    });
    expect(top.proposal.issues).toEqual([]);
    expect(["1000", "3000", "4000"].map((a) => at(top, "translated", a))).toEqual(["1089.00", "-900.00", "-98.28"]);
    expect(at(top, "translated", "3900")).toBe("-91.80");
    expect(at(top, "translation", "3900")).toBe("1.08");
  });
});

describe("the proposal", () => {
  test("one voucher per entity, posting keys per entity and period, lines tagged with Entity", () => {
    const r = consolidate(input([entity("UK", "GBP")], [pkg("UK", "GBP", "2026-03", UK_TB, UK_EQ)]));
    expect(r.proposal.vouchers.map((v) => v.description)).toEqual(["Consolidation UK 2026-03"]);
    expect(r.proposal.postingKeys?.map((k) => k.key)).toEqual([
      "consolidation:UK:2026-03",
      "consolidation:eliminations:2026-03",
    ]);
    const v = r.proposal.vouchers[0]!;
    expect(v.lines.every((l) => l.dimensions.Entity === "UK" && l.currency === "USD")).toBe(true);
    expect(sum(v.lines.map((l) => ({ amount: l.amountAccounting })))).toBe("0.00");
    void GBP_RATES;
  });
});
