/**
 * The consolidation run through the close-step machinery on a group workbook
 * (memory adapter): post, the repeat refused naming the earlier run, reverse by
 * run id (neutral), post again; the worksheet sheet; a non-group workbook refused.
 * UK (GBP, 80 %): cash 2,300.00, capital −1,000.00 (2024-06-30 at 1.20), RE −800.00, sales −1,000.00
 * and costs 500.00 in March → translated as in test/core/consolidation/translate.test.ts: CTA 175.00,
 * NCI 598.00 (0.2 × net assets 2,990.00).
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { reverseCloseStep } from "../../src/app/closeStepByStep";
import { consolidateGroup } from "../../src/app/consolidation/consolidateGroup";
import { groupSetup, setupGroupWorkbook } from "../../src/app/consolidation/groupSetup";
import { starterSetup } from "../../src/app/demo/starterSetup";
import { loadBook } from "../../src/app/loadBook";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { writeStatements } from "../../src/app/statements";
import { CONSOLIDATION_STEPS } from "../../src/core/close/steps";
import { Amount } from "../../src/core/money";
import { fixedClock } from "../../src/ports/clock";
import { encodeRecords } from "../../src/schema/records";
import { ENTITIES } from "../../src/schema/consolidationTables";
import { RATES } from "../../src/schema/tables";
import { GBP_RATES, pkg } from "../core/consolidation/groupFixture";

const ctx = { user: "bob", clock: fixedClock("2026-04-02T10:00:00.000Z") };
const opts = { company: "Group", accountingCurrency: "USD", fiscalYearStart: 2026, startMonth: 1 };
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

async function group(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await setupGroupWorkbook(wb, groupSetup(opts));
  await wb.appendRows(RATES.name, encodeRecords(RATES, [], GBP_RATES));
  await wb.appendRows(ENTITIES.name, [["UK", "Closebook UK", "GBP", 80, "full", "3800", "3950", "8900"]]);
  return wb;
}

const tb = async (wb: MemoryWorkbook) => {
  const { book } = await loadBook(wb);
  const m = new Map<string, Amount>();
  for (const e of book.ledger) m.set(e.account, (m.get(e.account) ?? Amount.ZERO).plus(e.amountAccounting));
  return Object.fromEntries(
    [...m]
      .filter(([, v]) => !v.isZero())
      .map(([k, v]) => [k, v.toFixed(2)])
      .sort(),
  );
};

describe("consolidateGroup", () => {
  test("post, repeat refused naming the run, reverse neutral, post again", async () => {
    const wb = await group();
    const first = await consolidateGroup(wb, { period: "2026-03", mode: "post", packages: [UK] }, ctx);
    expect(first.issues.filter((i) => i.severity === "error")).toEqual([]);
    const runId = first.posted!.runId!;
    // cash 2,990.00; capital −1,200.00 + NCI 240.00 = −960.00; CTA −175.00 + 35.00 = −140.00; NCI −598.00; NCI income 128.00
    expect(await tb(wb)).toMatchObject({
      "1000": "2990.00",
      "3000": "-960.00",
      "3800": "-140.00",
      "3950": "-598.00",
      "8900": "128.00",
    });
    expect(first.worksheet?.checksPass).toBe(true);
    expect(wb.reports().some((s) => s.sheet === "Consolidation 2026-03")).toBe(true);
    // the consolidated statements through the existing statements: balance-sheet check 0, NCI on its own lines
    const st = await writeStatements(wb, { period: "2026-03" });
    expect(st.balance?.check.isZero()).toBe(true);
    const income = wb.reports().find((r) => r.sheet.startsWith("Income statement"))!;
    expect(
      income.rows.some((r) =>
        r.some((c) => typeof c === "string" && c.includes("Non-controlling interests' share of profit")),
      ),
    ).toBe(true);

    const again = await consolidateGroup(wb, { period: "2026-03", mode: "post", packages: [UK] }, ctx);
    expect(again.status).toBe("failed");
    expect(again.issues.find((i) => i.code === "REPEATED_RUN")?.message).toContain(runId);

    const rev = await reverseCloseStep(wb, { runId, reason: "new package" }, ctx, CONSOLIDATION_STEPS);
    expect(rev.posted).toBe(true);
    expect(await tb(wb)).toEqual({});
    const third = await consolidateGroup(wb, { period: "2026-03", mode: "post", packages: [UK] }, ctx);
    expect(third.posted?.posted).toBe(true);
  });

  test("preview writes nothing to the ledger", async () => {
    const wb = await group();
    const p = await consolidateGroup(wb, { period: "2026-03", mode: "preview", packages: [UK] }, ctx);
    expect(p.status).toBe("ok");
    expect(await tb(wb)).toEqual({});
  });

  test("an entity workbook is not a group: refused", async () => {
    const wb = new MemoryWorkbook();
    await setupWorkbook(wb, starterSetup(opts));
    const r = await consolidateGroup(wb, { period: "2026-03", mode: "post", packages: [UK] }, ctx);
    expect(r.issues[0]).toMatchObject({ code: "NOT_A_GROUP", at: { table: "tblSettings" } });
  });
});
