/**
 * The group demo (src/app/demo/groupDemo.ts) on the cached demo fixture "feb" (Northwind,
 * January and February held) as the parent NW, with the two subsidiaries and the group in memory.
 * Worked by hand (rates: EUR→USD 1.10 at 2025-12-31; 1.105 on 01-15, 1.11 on 01-31; 1.115 on 02-15,
 * 1.12 on 02-28; GBP→USD = 1.25 × EUR→USD):
 *   averages: January (1.105 + 1.11)/2 = 1.1075, February 1.1175; Σ = 2.225 (GBP: 1.25 × 2.225 = 2.78125).
 *   DE (EUR, 100 %) net income a month 10,000 + 30,000 + 300 − 25,000 = 15,300.00 → × 2.225 = 34,042.50 USD.
 *   UK (GBP, 80 %) net income a month 24,000 − 8,000 − 12,000 − 240 = 3,760.00 → × 2.78125 = 10,457.50 USD.
 *   UK net assets at 02-28: 100,000 + 2 × 3,760 = 107,520.00 GBP × 1.40 = 150,528.00 USD; NCI 20 % = 30,105.60
 *     (capital 100,000 × 1.375 = 137,500 → 27,500.00; net income 10,457.50 → 2,091.50;
 *      CTA 150,528 − 137,500 − 10,457.50 = 2,570.50 → 514.10; Σ 30,105.60).
 *   Intercompany at 02-28: DE receivable 10,000.00 EUR × 1.12 = 11,200.00 = UK payable 8,000.00 GBP × 1.40;
 *     loan 50,000.00 × 1.12 = 56,000.00 = 40,000.00 × 1.40; all four accounts 0 after elimination, nothing on 6990.
 *   Eliminated result: DE sales and interest to the UK (10,000 + 300) × 2.225 = 22,917.50 against the UK's
 *     cost and interest (8,000 + 240) × 2.78125 = 22,917.50: net 0, so the group's net income before NCI is
 *     NW's + 34,042.50 + 10,457.50.
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { groupDemoRates, runGroupDemo } from "../../src/app/demo/groupDemo";
import { loadBook } from "../../src/app/loadBook";
import type { LedgerEntry } from "../../src/core/ledger/types";
import type { Setup } from "../../src/core/ledger/book";
import { Amount } from "../../src/core/money";
import { fixedClock } from "../../src/ports/clock";
import { demoMemory } from "../support/demoFixture";

const ctx = { user: "admin", clock: fixedClock("2026-03-05T09:00:00.000Z") };

function sumBy(ledger: readonly LedgerEntry[], setup: Setup, keep: (e: LedgerEntry) => boolean): Map<string, Amount> {
  const m = new Map<string, Amount>();
  for (const e of ledger)
    if (keep(e) && setup.accounts.has(e.account))
      m.set(e.account, (m.get(e.account) ?? Amount.ZERO).plus(e.amountAccounting));
  return m;
}
const netIncome = (ledger: readonly LedgerEntry[], setup: Setup, except: string[] = []) => {
  let t = Amount.ZERO;
  for (const [a, v] of sumBy(ledger, setup, (e) => e.date <= "2026-02-28"))
    if (["revenue", "expense"].includes(setup.accounts.get(a)!.type) && !except.includes(a)) t = t.plus(v);
  return t.neg(); // credit balances are income
};

test("the group rates keep the EUR/GBP cross at 0.80", () => {
  const r = groupDemoRates();
  expect(r.find((x) => x.date === "2026-02-28" && x.from === "EUR")!.rate.toString()).toBe("1.12");
  expect(r.find((x) => x.date === "2026-02-28" && x.from === "GBP")!.rate.toString()).toBe("1.4");
  expect(r.find((x) => x.date === "2026-01-15" && x.from === "GBP")!.rate.toString()).toBe("1.38125");
});

test("the group demo consolidates NW, DE and UK: checks 0, NI, NCI, intercompany eliminated", async () => {
  const { wb: parent } = await demoMemory("feb");
  const t = { de: new MemoryWorkbook(), uk: new MemoryWorkbook(), group: new MemoryWorkbook() };
  const r = await runGroupDemo(parent, t, ["2026-01", "2026-02"], ctx);
  expect(r.issues).toEqual([]);
  expect(r.months.map((m) => m.period)).toEqual(["2026-01", "2026-02"]);
  for (const m of r.months) expect(m.worksheet?.checksPass).toBe(true);
  expect(t.group.reports().map((s) => s.sheet)).toEqual(
    expect.arrayContaining(["Consolidation 2026-01", "Consolidation 2026-02"]),
  );

  const { book: g } = await loadBook(t.group);
  const bal = sumBy(g.ledger, g.setup, () => true);
  const at = (a: string) => (bal.get(a) ?? Amount.ZERO).toFixed(2);
  for (const a of ["1300", "1350", "2300", "2350", "6990"]) expect([a, at(a)]).toEqual([a, "0.00"]);
  expect(at("3950")).toBe("-30105.60");
  expect(at("8900")).toBe("2091.50");

  const { book: nw } = await loadBook(parent);
  const expected = netIncome(nw.ledger, nw.setup).plus(Amount.parse("34042.50")!).plus(Amount.parse("10457.50")!);
  expect(netIncome(g.ledger, g.setup, ["8900"]).toFixed(2)).toBe(expected.toFixed(2));
  // the eliminations voucher takes out 22,917.50 of sales and interest on each side
  const elim = g.ledger.filter(
    (e) => e.description.startsWith("[eliminations]") && ["4000", "4900"].includes(e.account),
  );
  expect(Amount.sum(elim.map((e) => e.amountAccounting)).toFixed(2)).toBe("22917.50");
}, 120_000);
