/**
 * Trace results print money at its currency's precision: a ledger whose cells
 * hold 603.5 and 602.5 sums to 1206.0 at the cells' scale, which must print
 * as 1206.00 USD (and JPY with no decimals).
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { postJournals } from "../../src/app/postJournals";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { yearEnd } from "../../src/app/yearEnd";
import { fixedClock } from "../../src/ports/clock";
import { journal } from "../support/fixtures";
import { smallCompany } from "../support/smallCompany";

const ctx = { user: "bob", clock: fixedClock("2027-01-05T10:00:00.000Z") };
const PLACES: Record<string, number> = { USD: 2, EUR: 2, GBP: 2, JPY: 0 };

test("year-end trace: every amount followed by a currency code carries that currency's decimals", async () => {
  const wb = new MemoryWorkbook();
  await setupWorkbook(
    wb,
    smallCompany(
      journal(`
        D-1 2026-03-10 1000 USD Dr 603.50
        D-1 2026-03-10 4000 USD Cr 603.50
        D-2 2026-04-10 1000 USD Dr 602.50
        D-2 2026-04-10 4000 USD Cr 602.50
        D-3 2026-05-10 1030 JPY Dr 1000
        D-3 2026-05-10 4000 JPY Cr 1000`),
    ),
  );
  expect((await postJournals(wb, ctx)).posted).toBe(true);
  const r = await yearEnd(wb, { fiscalYear: "FY2026", closingVouchers: true, mode: "post" }, ctx);
  expect(r.posted?.posted).toBe(true);
  const trace = r.proposal!.trace;
  // revenue 4000: 603.50 + 602.50 = 1206.00 USD, plus 1000 JPY × 0.6712 / 100 = 6.712 → 6.71 USD; 1212.71 closed out
  expect(trace.find((t) => t.key.startsWith("4000") && t.key.includes("USD"))?.result).toBe(
    "1206.00 USD in FY2026-CLOSE",
  );
  const texts = trace.flatMap((t) => [t.result, ...Object.values(t.inputs)]);
  const money = texts.flatMap((s) => [...s.matchAll(/(-?\d+(?:\.(\d+))?) (USD|EUR|GBP|JPY)\b/g)]);
  expect(money.length).toBeGreaterThan(5);
  for (const m of money) expect([m[0], m[2]?.length ?? 0]).toEqual([m[0], PLACES[m[3]!]]);
});
