/**
 * "Post now" in the Close tab while the period has drafts: the override (with its reason) is recorded
 * in the audit log before the step posts — the same record as `closebook close --override-drafts`.
 * March: D-1 posted (rent 6100 ADMIN 1,000.00 / cash 1000); D-2 (100.00) left as a draft dated 2026-03-20.
 * Allocation rule R1 moves 60 % of 6100 ADMIN to SALES: 1,000.00 × 60 % = 600.00 → 1 voucher, 2 lines.
 */
import { MemoryWorkbook } from "../../../src/adapters/memory/memoryWorkbook";
import { commandsFor } from "../../../src/app/commands";
import { loadBook } from "../../../src/app/loadBook";
import { postJournals } from "../../../src/app/postJournals";
import { setupWorkbook } from "../../../src/app/setupWorkbook";
import { fixedClock } from "../../../src/ports/clock";
import { postStep } from "../../../src/taskpane/close/postStep";
import { journal } from "../../support/fixtures";
import { smallCompany } from "../../support/smallCompany";

const ctx = { user: "bob", clock: fixedClock("2026-04-02T10:00:00.000Z") };

async function marchWithADraft(): Promise<MemoryWorkbook> {
  const company = smallCompany(
    journal(`
      D-1 2026-03-05 6100 USD Dr 1000.00 dept=ADMIN
      D-1 2026-03-05 1000 USD Cr 1000.00
      D-2 2026-03-20 6100 USD Dr 100.00 dept=ADMIN
      D-2 2026-03-20 1000 USD Cr 100.00`),
  );
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, company);
  expect((await postJournals(wb, { ...ctx, through: "2026-03-10" })).posted).toBe(true);
  await wb.appendRows("tblAllocationRules", [
    [
      "R1",
      "Rent to sales",
      "fixedPercentage",
      "6100",
      "Department=ADMIN",
      null,
      "6100",
      "Department=SALES",
      60,
      null,
      null,
      null,
      null,
      null,
      true,
    ],
  ]);
  return wb;
}

test("with a reason: the override is audited, then the step posts", async () => {
  const wb = await marchWithADraft();
  const r = await postStep(commandsFor({ port: wb, clock: ctx.clock }), {
    period: "2026-03",
    step: "allocations",
    reason: "D-2 is a duplicate, deleted after the close",
    user: ctx.user,
  });
  expect(r.override?.status).toBe("ok");
  expect(r.override?.summary).toBe("2 draft lines (overridden)");
  expect(r.outcome?.status).toBe("ok");
  expect(r.outcome?.posted?.lines).toBe(2);
  const { book } = await loadBook(wb);
  const audit = book.audit.filter((a) => a.action === "override");
  expect(audit.map((a) => [a.subject, a.reason])).toEqual([["2026-03", "D-2 is a duplicate, deleted after the close"]]);
  expect(
    book.ledger
      .filter((e) => e.runId === r.outcome?.posted?.runId)
      .map((e) => e.amountAccounting.round(2).toString())
      .sort(),
  ).toEqual(["-600.00", "600.00"]); // cells read back as numbers: compared at 2 places
});

test("without a reason nothing is overridden: the post alone (the pane asks for a reason while there are drafts)", async () => {
  const wb = await marchWithADraft();
  const r = await postStep(commandsFor({ port: wb, clock: ctx.clock }), {
    period: "2026-03",
    step: "allocations",
    reason: "  ",
    user: ctx.user,
  });
  expect(r.override).toBeUndefined();
  const { book } = await loadBook(wb);
  expect(book.audit.filter((a) => a.action === "override")).toEqual([]);
});
