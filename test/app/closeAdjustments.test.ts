/**
 * The close's "Period-end adjustments" step through the app: a March with a manual accrual
 * (journal GJ, "Accrue audit fee", 500.00) and an adjustment journal ADJ-03 (120.00 reclassified),
 * besides a rent voucher that is no adjustment. Before, the step said "0 accruals posted".
 *   accruals 1 · 500.00; accrual reversals 0; other adjustments 1 · 120.00 → total debit 620.00 USD
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { runCloseStep } from "../../src/app/closeStepByStep";
import { postJournals } from "../../src/app/postJournals";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { fixedClock } from "../../src/ports/clock";
import { journal } from "../support/fixtures";
import { smallCompany } from "../support/smallCompany";

const ctx = { user: "bob", clock: fixedClock("2026-04-02T10:00:00.000Z") };

test("the adjustments step lists each adjustment voucher and the totals", async () => {
  const company = smallCompany(
    journal(`
      D-1 2026-03-05 6100 USD Dr 1000.00 dept=ADMIN desc=Rent
      D-1 2026-03-05 1000 USD Cr 1000.00 desc=Rent
      D-2 2026-03-31 6100 USD Dr 500.00 dept=ADMIN desc=Accrue_audit_fee
      D-2 2026-03-31 2000 USD Cr 500.00 desc=Accrue_audit_fee
      D-3 2026-03-31 6100 USD Dr 120.00 dept=SALES journal=ADJ-03 desc=Reclassify
      D-3 2026-03-31 6100 USD Cr 120.00 dept=ADMIN journal=ADJ-03 desc=Reclassify`),
  );
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, company);
  const posted = await postJournals(wb, ctx);
  expect(posted.issues.filter((i) => i.severity === "error")).toEqual([]);
  const o = await runCloseStep(wb, { period: "2026-03", step: "adjustments", mode: "post" }, ctx);
  expect(o.status).toBe("ok");
  expect(o.summary).toBe(
    "2 adjustment vouchers: 1 accrual, 0 accrual reversals, 1 other adjustment; total debit 620.00 USD",
  );
  expect(o.proposal?.trace.map((t) => t.formula)).toEqual([
    "accrual, manual (not auto-reversing), 2026-03-31: Accrue_audit_fee",
    "adjustment (by journal type), 2026-03-31: Reclassify",
    "1 accrual, 0 accrual reversals, 1 other adjustment",
  ]);
});
