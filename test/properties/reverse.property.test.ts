/**
 * Post then reverse is neutral: for any balanced close-step proposal, posting
 * it and reversing the run leaves every balance (per account, dimension and
 * currency, in accounting and transaction currency) as it was.
 */
import fc from "fast-check";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { postProposal, reverseRun } from "../../src/app/closeRuns";
import { loadBook } from "../../src/app/loadBook";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import type { Proposal, ProposedLine } from "../../src/core/close/proposal";
import { trialBalance } from "../../src/core/ledger/trialBalance";
import { Amount } from "../../src/core/money";
import { fixedClock } from "../../src/ports/clock";
import { smallCompany } from "../support/smallCompany";

const ctx = { user: "bob", clock: fixedClock("2026-04-02T10:00:00.000Z") };
const ACCOUNTS = ["6100", "4000", "1100", "2000"] as const;
const DEPTS = ["", "SALES", "ADMIN"] as const;

interface GenVoucher {
  day: number;
  month: string;
  lines: { account: (typeof ACCOUNTS)[number]; dept: (typeof DEPTS)[number]; cents: number }[];
}

const voucherArb: fc.Arbitrary<GenVoucher> = fc.record({
  day: fc.integer({ min: 1, max: 28 }),
  month: fc.constantFrom("03", "04", "05"),
  lines: fc.array(
    fc.record({
      account: fc.constantFrom(...ACCOUNTS),
      dept: fc.constantFrom(...DEPTS),
      cents: fc.integer({ min: -10_000_000, max: 10_000_000 }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
});

function proposalOf(vs: GenVoucher[]): Proposal {
  return {
    step: "property",
    parameters: { n: vs.length },
    trace: [],
    issues: [],
    vouchers: vs.map((v) => {
      const lines: ProposedLine[] = v.lines.map((l) => ({
        account: l.account,
        dimensions: { Department: l.dept },
        currency: "USD",
        amount: Amount.fromUnits(BigInt(l.cents), 2),
        amountAccounting: Amount.fromUnits(BigInt(l.cents), 2),
        description: "p",
      }));
      const total = Amount.sum(lines.map((l) => l.amountAccounting));
      lines.push({
        account: "1000",
        dimensions: { Department: "" },
        currency: "USD",
        amount: total.neg(),
        amountAccounting: total.neg(),
        description: "balance",
      });
      return { date: `2026-${v.month}-${String(v.day).padStart(2, "0")}`, description: "v", lines };
    }),
  };
}

async function balances(wb: MemoryWorkbook): Promise<string[][]> {
  const { book } = await loadBook(wb);
  return trialBalance(book.ledger, book.setup, {
    from: "2026-01-01",
    to: "2026-12-31",
    byDimensions: ["Department"],
    byCurrency: true,
  })
    .rows.filter((r) => !r.closing.isZero() || !(r.closingTransaction?.isZero() ?? true))
    .map((r) => [
      r.account,
      r.dimensions.Department ?? "",
      r.currency ?? "",
      r.closing.toString(),
      r.closingTransaction?.toString() ?? "",
    ]);
}

test("post then reverse leaves every balance as before", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(voucherArb, { minLength: 1, maxLength: 6 }), async (vs) => {
      const wb = new MemoryWorkbook();
      await setupWorkbook(wb, smallCompany());
      const before = await balances(wb);
      const posted = await postProposal(wb, proposalOf(vs), ctx);
      expect(posted.issues.filter((i) => i.severity === "error")).toEqual([]);
      expect(posted.posted).toBe(true);
      const reversed = await reverseRun(wb, posted.runId!, { ...ctx, reason: "property" });
      expect(reversed.posted).toBe(true);
      expect(await balances(wb)).toEqual(before);
    }),
    { numRuns: 40 },
  );
});
