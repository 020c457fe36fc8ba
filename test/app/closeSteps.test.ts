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

test("allocate: 60 % of ADMIN's March rent (1,000.00) to SALES, read from tblAllocationRules", async () => {
  const { allocate } = await import("../../src/app/closeSteps");
  const wb = new MemoryWorkbook();
  await setupWorkbook(
    wb,
    smallCompany(
      journal(`
        D-1 2026-03-05 6100 USD Dr 1000.00 dept=ADMIN
        D-1 2026-03-05 1000 USD Cr 1000.00`),
    ),
  );
  await postJournals(wb, ctx);
  // Rule, Description, Method, Source accounts, Source dimensions, Fixed amount, Destination account,
  // Destination dimensions, Percentage, Weight, Basis accounts, Basis dimensions, Offset account, Offset dimensions, Active
  await wb.appendRows("tblAllocationRules", [["R1", "Rent to sales", "fixedPercentage", "6100", "Department=ADMIN", null, "6100", "Department=SALES", 60, null, null, null, null, null, true]]);
  const r = await allocate(wb, { period: "2026-03", mode: "post" }, ctx);
  expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
  expect(r.posted?.posted).toBe(true);
  const { book } = await loadBook(wb);
  const tb = trialBalance(book.ledger, book.setup, { from: "2026-03-01", to: "2026-03-31", byDimensions: ["Department"] });
  // 1,000.00 × 60 % = 600.00 moved; ADMIN keeps 400.00
  expect(tb.rows.filter((x) => x.account === "6100").map((x) => [x.dimensions.Department, x.closing.toString()])).toEqual([
    ["ADMIN", "400.00"],
    ["SALES", "600.00"],
  ]);
  // the same rule for the same period again is refused (it is not a delta step)
  const again = await allocate(wb, { period: "2026-03", mode: "post" }, ctx);
  expect(again.issues.map((i) => i.code)).toContain("REPEATED_RUN");
});

test("settle: a EUR receivable invoiced at 1.0825 and paid at 1.09 — realized gain 0.75; reversing reopens it", async () => {
  const { settle, listOpenItems } = await import("../../src/app/settle");
  const company = smallCompany(
    journal(`
      D-1 2026-03-10 1100 EUR Dr 100.00
      D-1 2026-03-10 4000 EUR Cr 100.00
      D-2 2026-03-25 1010 EUR Dr 100.00
      D-2 2026-03-25 1100 EUR Cr 100.00`),
  );
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, {
    ...company,
    settings: { ...company.settings, realizedGainAccount: "7200", realizedLossAccount: "7210" },
    accounts: [...company.accounts.map((a) => (a.number === "1100" ? { ...a, settle: true } : a)), acct("7200", "Realized FX gain", "revenue"), acct("7210", "Realized FX loss", "expense")],
  });
  await postJournals(wb, ctx);
  expect((await listOpenItems(wb, "1100")).map((i) => [i.entryNo, i.remainingAccounting.toString()])).toEqual([
    [1, "108.25"],
    [4, "-109"],
  ]);
  // invoice 100.00 EUR × 1.0825 = 108.25; payment 100.00 EUR × 1.09 = 109.00; 0 − (108.25 − 109.00) = 0.75 gain
  const r = await settle(wb, { kind: "marked", entries: [1, 4], date: "2026-03-31" }, "post", ctx);
  expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
  expect(r.settlements.map((s) => s.settlementId)).toEqual(["SET-000001"]);
  expect(await balance(wb, "1100")).toBe("0.00");
  expect(await balance(wb, "7200")).toBe("-0.75");
  expect(await listOpenItems(wb, "1100")).toEqual([]);
  const back = await settle(wb, { kind: "reverse", settlementId: "SET-000001", date: "2026-03-31" }, "post", ctx);
  expect(back.posted?.posted).toBe(true);
  expect(await balance(wb, "7200")).toBe("0.00");
  expect((await listOpenItems(wb, "1100")).map((i) => i.entryNo)).toEqual([1, 4]);
});
