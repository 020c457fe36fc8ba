/**
 * The pane's Close tab reads a view, not the book (#16 point 1): "close-view" gives every operating period's step
 * states and draft count, the account names and the currency, reading the setup, tblRuns and the journal only —
 * never the ledger; "close-signoffs" gives a period's checklist tasks linked to a step, reading the audit log and
 * the ledger only when there is such a task.
 *
 * By hand, on the small company (test/support/smallCompany) set up with MARCH_DRAFTS and posted through
 * 2026-03-31: D-1..D-3 (6 lines, March) are posted, D-4 (2 lines dated 2026-04-02) stays a draft, so April has
 * 2 drafts and every other period 0; no close step has run, so every step of every period is "not run". The
 * template's T1 (step:verify-journals) generated for March is Prepared (no draft dated in March: the check
 * prepares it, as in test/app/checklist/checklistFlow.test.ts, in the name "closebook": an automatic task).
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { commandsFor } from "../../src/app/commands";
import { generateChecklist } from "../../src/app/checklist/checklistCommands";
import { postJournals } from "../../src/app/postJournals";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { CLOSE_STEPS } from "../../src/core/close/steps";
import { fixedClock } from "../../src/ports/clock";
import { CLOSE_TEMPLATE } from "../../src/schema/checklistTables";
import { counted } from "../support/countedReads";
import { journal } from "../support/fixtures";
import { MARCH_DRAFTS, smallCompany } from "../support/smallCompany";

const clock = fixedClock("2026-04-05T09:00:00.000Z");

async function company(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, smallCompany(journal(MARCH_DRAFTS)));
  const posted = await postJournals(wb, { user: "bob", clock, through: "2026-03-31" });
  expect(posted.posted).toBe(true);
  return wb;
}

test("close-view: states and drafts of every operating period, without reading the ledger", async () => {
  const { port, reads } = counted(await company());
  const view = await commandsFor({ port, clock })("close-view", {});
  expect(reads.has("tblLedger")).toBe(false);
  expect(reads.get("tblJournal")).toBe(1);
  const drafts = Object.fromEntries(view.periods.map((v) => [v.period.id, v.drafts]));
  expect(drafts["2026-04"]).toBe(2);
  expect(drafts["2026-03"]).toBe(0);
  expect(Object.values(drafts).reduce((a, b) => a + b, 0)).toBe(2);
  // only operating periods (no opening or closing period), each with every registered step, none run
  expect(view.periods.every((v) => v.period.kind === "operating")).toBe(true);
  for (const v of view.periods) {
    expect(v.states.map((s) => s.step)).toEqual(CLOSE_STEPS.map((d) => d.id));
    expect(v.states.every((s) => s.state === "not run")).toBe(true);
  }
  expect(view.currency).toBe("USD");
  expect(view.accountNames.get("1010")).toBeTruthy();
});

test("close-signoffs: a period without step-linked tasks reads neither the audit log nor the ledger; one with reads the book", async () => {
  const wb = await company();
  await wb.appendRows(CLOSE_TEMPLATE.name, [
    ["T1", "Ledger", "Journals posted", "", "alice", "bob", "BD+1", "", "step:verify-journals", true, ""],
    ["T2", "Accruals", "Accruals booked", "", "alice", "bob", "2", "T1", "", false, ""],
  ]);
  expect((await generateChecklist(wb, "2026-03", { user: "bob", clock })).done).toBe(true);

  const april = counted(wb);
  expect(await commandsFor({ port: april.port, clock })("close-signoffs", { period: "2026-04" })).toEqual([]);
  expect(april.reads.has("tblLedger")).toBe(false);
  expect(april.reads.has("tblAudit")).toBe(false);

  const march = counted(wb);
  const tasks = await commandsFor({ port: march.port, clock })("close-signoffs", { period: "2026-03" });
  // T2 has no step link: only T1 signs a card
  expect(tasks).toEqual([
    { id: "T1", link: "step:verify-journals", status: "Prepared", preparedBy: "closebook", reviewedBy: "" },
  ]);
  expect(march.reads.has("tblLedger")).toBe(true);
});
