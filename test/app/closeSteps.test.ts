/**
 * Revaluation through the app layer on a workbook: preview, post, re-run
 * (proposes nothing), reverse — with worked numbers.
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { revalue } from "../../src/app/closeSteps";
import { reverseRun } from "../../src/app/closeRuns";
import { loadBook } from "../../src/app/loadBook";
import { postJournals } from "../../src/app/postJournals";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { trialBalance } from "../../src/core/ledger/trialBalance";
import { fixedClock } from "../../src/ports/clock";
import { acct, journal } from "../support/fixtures";
import { smallCompany } from "../support/smallCompany";

const clock = fixedClock("2026-04-02T10:00:00.000Z");
const ctx = { user: "bob", clock };

async function workbook(): Promise<MemoryWorkbook> {
  const company = smallCompany(
    journal(`
      D-1 2026-03-10 1010 EUR Dr 100.00
      D-1 2026-03-10 4000 EUR Cr 100.00`),
  );
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, {
    ...company,
    settings: { ...company.settings, unrealizedGainAccount: "7100", unrealizedLossAccount: "7110" },
    accounts: [...company.accounts, acct("7100", "Unrealized FX gain", "revenue"), acct("7110", "Unrealized FX loss", "expense")],
  });
  await postJournals(wb, ctx);
  return wb;
}

async function balance(wb: MemoryWorkbook, account: string): Promise<string> {
  const { book } = await loadBook(wb);
  return trialBalance(book.ledger, book.setup, { from: "2026-01-01", to: "2026-12-31" }).rows.find((r) => r.account === account)?.closing.toString() ?? "0.00";
}

test("revalue: 100.00 EUR booked at 1.0825 (108.25) is worth 109.00 at 1.09 on 2026-03-31: gain 0.75", async () => {
  const wb = await workbook();
  const preview = await revalue(wb, { date: "2026-03-31", mode: "preview" }, ctx);
  expect(preview.preview?.sheet).toBe("Preview fx-revaluation");
  expect(await balance(wb, "7100")).toBe("0.00");

  const posted = await revalue(wb, { date: "2026-03-31", mode: "post" }, ctx);
  expect(posted.posted?.posted).toBe(true);
  expect(await balance(wb, "1010")).toBe("109.00");
  expect(await balance(wb, "7100")).toBe("-0.75");

  // the delta method: a re-run at the same rate proposes nothing
  const again = await revalue(wb, { date: "2026-03-31", mode: "post" }, ctx);
  expect(again.proposal?.vouchers).toEqual([]);
  expect(again.posted?.posted).toBe(false);

  // reversing the run restores every balance
  expect((await reverseRun(wb, posted.posted!.runId!, { ...ctx, reason: "rates corrected" })).posted).toBe(true);
  expect(await balance(wb, "1010")).toBe("108.25");
  expect(await balance(wb, "7100")).toBe("0.00");
});
