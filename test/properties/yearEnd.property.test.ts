/**
 * Reversing a year-end close restores every balance: for random balanced
 * years, posting the year-end close (through the app, as a run) and reversing
 * that run leaves every balance of both years as it was; and reversing the
 * year-end close of a year after delta re-runs and late postings does too.
 */
import fc from "fast-check";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { postProposal, reverseRun } from "../../src/app/closeRuns";
import { loadBook } from "../../src/app/loadBook";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { reverseYearEnd, yearEnd } from "../../src/app/yearEnd";
import { buildFiscalYear } from "../../src/core/calendar/fiscalYear";
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
  lines: fc.array(
    fc.record({
      account: fc.constantFrom(...ACCOUNTS),
      dept: fc.constantFrom("" as const, "SALES" as const, "ADMIN" as const),
      cents: fc.integer({ min: -5_000_000, max: 5_000_000 }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
});

function activity(gs: Gen[]): Proposal {
  return {
    step: "activity",
    parameters: { n: gs.length },
    trace: [],
    issues: [],
    vouchers: gs.map((g) => {
      const lines: ProposedLine[] = g.lines.map((l) => ({
        account: l.account,
        dimensions: { Department: l.dept },
        currency: "USD",
        amount: Amount.fromUnits(BigInt(l.cents), 2),
        amountAccounting: Amount.fromUnits(BigInt(l.cents), 2),
        description: "a",
      }));
      const total = Amount.sum(lines.map((l) => l.amountAccounting));
      lines.push({
        account: "1000",
        dimensions: { Department: "" },
        currency: "USD",
        amount: total.neg(),
        amountAccounting: total.neg(),
        description: "cash",
      });
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
      if (y.posted?.posted)
        expect((await reverseRun(wb, y.posted.runId!, { ...ctx, reason: "property" })).posted).toBe(true);
      expect(await balances(wb, "2026-01-01", "2026-12-31")).toEqual(old);
      // with the openings reversed, the new year's balances are the old year's cumulative ones again
      expect(await balances(wb, "2027-01-01", "2027-12-31")).toEqual(old.map((r) => [r[0], r[1], r[3], r[3]]));
    }),
    { numRuns: 15 },
  );
});

/**
 * Issue #10 item 4: with "Year-end re-run" = delta, a random sequence of
 * year-end closes (delta re-runs after the first) and postings into the closed
 * year, then reversing the year-end close of FY2026 (every run in one run),
 * leaves every period's balances as in a twin workbook that got the same
 * postings and no close at all.
 */
type Op = { kind: "close" } | { kind: "post"; g: Gen };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.constant<Op>({ kind: "close" }),
  genArb.map((g): Op => ({ kind: "post", g })),
);

async function company(rerun: "delta"): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  const data = smallCompany();
  await setupWorkbook(wb, {
    ...data,
    settings: { ...data.settings, yearEndRerun: rerun },
    periods: [...buildFiscalYear(2026, 1), ...buildFiscalYear(2027, 1)],
    accounts: data.accounts.map((a) => (a.number === "1100" ? { ...a, settle: true } : a)),
  });
  return wb;
}

test("reversing the year-end close of a year (all its runs) restores every period's balances", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(genArb, { minLength: 1, maxLength: 3 }),
      fc.array(opArb, { minLength: 0, maxLength: 4 }),
      fc.boolean(),
      fc.boolean(),
      async (gs, ops, closingVouchers, keepDetail) => {
        const wb = await company("delta");
        const twin = await company("delta");
        let n = 0;
        const post = async (g: Gen[]) => {
          const p = { ...activity(g), parameters: { n: ++n } };
          expect((await postProposal(wb, p, ctx)).posted).toBe(true);
          expect((await postProposal(twin, p, ctx)).posted).toBe(true);
        };
        await post(gs);
        let closes = 0;
        for (const op of [{ kind: "close" } as Op, ...ops]) {
          if (op.kind === "post") await post([op.g]);
          else {
            const y = await yearEnd(wb, { fiscalYear: "FY2026", closingVouchers, keepDetail, mode: "post" }, ctx);
            expect(y.issues.filter((i) => i.severity === "error")).toEqual([]);
            if (y.posted?.posted) closes++;
          }
        }
        const back = await reverseYearEnd(wb, { fiscalYear: "FY2026", reason: "property" }, ctx);
        if (closes === 0) expect(back.issues.map((i) => i.code)).toEqual(["YEAR_END_NOT_CLOSED"]);
        else {
          expect(back.issues.filter((i) => i.severity === "error")).toEqual([]);
          expect(back.reversedRuns).toHaveLength(closes);
        }
        const { book } = await loadBook(wb);
        for (const p of book.setup.periods)
          expect([p.id, await balances(wb, p.start, p.end)]).toEqual([p.id, await balances(twin, p.start, p.end)]);
      },
    ),
    { numRuns: 12 },
  );
}, 120_000);
