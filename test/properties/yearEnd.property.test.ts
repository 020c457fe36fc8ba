/**
 * Reversing a year-end close restores every balance: for random balanced
 * years, posting the year-end close (through the app, as a run) and reversing
 * that run leaves every balance of both years as it was.
 */
import fc from "fast-check";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { postProposal, reverseRun } from "../../src/app/closeRuns";
import { loadBook } from "../../src/app/loadBook";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { yearEnd } from "../../src/app/yearEnd";
import type { Proposal, ProposedLine } from "../../src/core/close/proposal";
import { trialBalance } from "../../src/core/ledger/trialBalance";
import { Amount } from "../../src/core/money";
import { fixedClock } from "../../src/ports/clock";
import { smallCompany } from "../support/smallCompany";

const ctx = { user: "bob", clock: fixedClock("2027-01-05T10:00:00.000Z") };
const ACCOUNTS = ["6100", "4000", "1100", "2000", "3000"] as const;

interface Gen {
  month: number;
  lines: { account: (typeof ACCOUNTS)[number]; dept: "" | "SALES" | "ADMIN"; cents: number }[];
}
const genArb: fc.Arbitrary<Gen> = fc.record({
  month: fc.integer({ min: 1, max: 12 }),
  lines: fc.array(fc.record({ account: fc.constantFrom(...ACCOUNTS), dept: fc.constantFrom("" as const, "SALES" as const, "ADMIN" as const), cents: fc.integer({ min: -5_000_000, max: 5_000_000 }) }), { minLength: 1, maxLength: 4 }),
});

function activity(gs: Gen[]): Proposal {
  return {
    step: "activity",
    parameters: { n: gs.length },
    trace: [],
    issues: [],
    vouchers: gs.map((g) => {
      const lines: ProposedLine[] = g.lines.map((l) => ({ account: l.account, dimensions: { Department: l.dept }, currency: "USD", amount: Amount.fromUnits(BigInt(l.cents), 2), amountAccounting: Amount.fromUnits(BigInt(l.cents), 2), description: "a" }));
      const total = Amount.sum(lines.map((l) => l.amountAccounting));
      lines.push({ account: "1000", dimensions: { Department: "" }, currency: "USD", amount: total.neg(), amountAccounting: total.neg(), description: "cash" });
      return { date: `2026-${String(g.month).padStart(2, "0")}-15`, description: "a", lines };
    }),
  };
}

async function balances(wb: MemoryWorkbook, from: string, to: string): Promise<string[][]> {
  const { book } = await loadBook(wb);
  return trialBalance(book.ledger, book.setup, { from, to, byDimensions: ["Department"] })
    .rows.filter((r) => !r.closing.isZero() || !r.opening.isZero())
    .map((r) => [r.account, r.dimensions.Department ?? "", r.opening.toString(), r.closing.toString()]);
}

test("reversing a year-end close restores every balance", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(genArb, { minLength: 1, maxLength: 5 }), fc.boolean(), async (gs, closingVouchers) => {
      const wb = new MemoryWorkbook();
      await setupWorkbook(wb, smallCompany());
      expect((await postProposal(wb, activity(gs), ctx)).posted).toBe(true);
      const old = await balances(wb, "2026-01-01", "2026-12-31");
      const y = await yearEnd(wb, { fiscalYear: "FY2026", closingVouchers, mode: "post" }, ctx);
      expect(y.issues.filter((i) => i.severity === "error")).toEqual([]);
      const newYearBefore = await balances(wb, "2027-01-01", "2027-12-31");
      // after the close, no P&L account carries into the new year
      expect(newYearBefore.filter((r) => r[0] === "4000" || r[0] === "6100")).toEqual([]);
      if (y.posted?.posted) expect((await reverseRun(wb, y.posted.runId!, { ...ctx, reason: "property" })).posted).toBe(true);
      expect(await balances(wb, "2026-01-01", "2026-12-31")).toEqual(old);
      // with the openings reversed, the new year's balances are the old year's cumulative ones again
      expect(await balances(wb, "2027-01-01", "2027-12-31")).toEqual(old.map((r) => [r[0], r[1], r[3], r[3]]));
    }),
    { numRuns: 15 },
  );
});
