/**
 * The year-end close through the app layer: the next year is created, the
 * openings carry the balance sheet, retained earnings takes the net income,
 * the trial balance of the new year does not count the old year twice, and
 * a second close reverses and recreates the first.
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { loadBook } from "../../src/app/loadBook";
import { postJournals } from "../../src/app/postJournals";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { yearEnd } from "../../src/app/yearEnd";
import { reverseRun } from "../../src/app/closeRuns";
import { trialBalance } from "../../src/core/ledger/trialBalance";
import { fixedClock } from "../../src/ports/clock";
import { journal } from "../support/fixtures";
import { smallCompany } from "../support/smallCompany";

const ctx = { user: "bob", clock: fixedClock("2027-01-05T10:00:00.000Z") };

async function tb(wb: MemoryWorkbook, from: string, to: string): Promise<Record<string, [string, string]>> {
  const { book } = await loadBook(wb);
  const t = trialBalance(book.ledger, book.setup, { from, to });
  return Object.fromEntries(t.rows.filter((r) => !r.closing.isZero() || !r.opening.isZero()).map((r) => [r.account, [r.opening.toString(), r.closing.toString()]]));
}

test("FY2026: sales 1,000.00, rent 400.00 → FY2027 opens with cash 600.00 and retained earnings −600.00", async () => {
  const wb = new MemoryWorkbook();
  await setupWorkbook(
    wb,
    smallCompany(
      journal(`
        D-1 2026-03-10 1000 USD Dr 1000.00
        D-1 2026-03-10 4000 USD Cr 1000.00
        D-2 2026-05-10 6100 USD Dr 400.00 dept=ADMIN
        D-2 2026-05-10 1000 USD Cr 400.00`),
    ),
  );
  await postJournals(wb, ctx);
  const r = await yearEnd(wb, { fiscalYear: "FY2026", closingVouchers: true, mode: "post" }, ctx);
  expect(r.createdYear).toBe("FY2027");
  expect(r.posted?.posted).toBe(true);
  // net income = 1,000.00 − 400.00 = 600.00 (a credit to retained earnings)
  expect(await tb(wb, "2027-01-01", "2027-01-31")).toEqual({ "1000": ["600.00", "600.00"], "3900": ["-600.00", "-600.00"] });
  // the closed year, closing period included: P&L zero, retained earnings −600.00
  const old = await tb(wb, "2026-01-01", "2026-12-31");
  expect(old["4000"]).toBeUndefined();
  expect(old["6100"]).toBeUndefined();
  expect(old["3900"]).toEqual(["0.00", "-600.00"]);

  // a second close of the same year reverses the first and recreates it: nothing doubles
  const again = await yearEnd(wb, { fiscalYear: "FY2026", closingVouchers: true, mode: "post" }, ctx);
  expect(again.reversedRun).toBe(r.posted!.runId);
  expect(await tb(wb, "2027-01-01", "2027-01-31")).toEqual({ "1000": ["600.00", "600.00"], "3900": ["-600.00", "-600.00"] });

  // reversing the year-end close restores every balance
  expect((await reverseRun(wb, again.posted!.runId!, { ...ctx, reason: "test" })).posted).toBe(true);
  expect(await tb(wb, "2026-01-01", "2026-12-31")).toEqual({ "1000": ["0.00", "600.00"], "4000": ["0.00", "-1000.00"], "6100": ["0.00", "400.00"] });
});
