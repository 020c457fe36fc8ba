/**
 * The pane's Group and Checklist tabs read views, not the book (#16 point 1), as the Close tab does (closeView.test.ts):
 * "group-view" reads the setup only (no ledger, journal, audit log); "checklist-view" reads the checklist tables, and
 * the whole book only when the period shown has tasks, and gives what the tab computed over the whole book before.
 *
 * By hand, on the small company (test/support/smallCompany) set up with MARCH_DRAFTS and posted through 2026-03-31:
 * an entity (not a group) workbook in USD; its calendar's operating months are its periods. The template's T1
 * (step:verify-journals) and T2 (Accruals, depends on T1) generated for March: T1 is Prepared by the check (no draft
 * dated in March), T2 not started. March is the earliest Open month with unfinished tasks, so it is the default.
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { commandsFor } from "../../src/app/commands";
import { generateChecklist } from "../../src/app/checklist/checklistCommands";
import { periodChecklist } from "../../src/app/checklist/checklistState";
import { postJournals } from "../../src/app/postJournals";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { fixedClock } from "../../src/ports/clock";
import { decodeChecklist } from "../../src/schema/checklistCodec";
import { CLOSE_TEMPLATE } from "../../src/schema/checklistTables";
import { counted } from "../support/countedReads";
import { journal } from "../support/fixtures";
import { MARCH_DRAFTS, smallCompany } from "../support/smallCompany";

const clock = fixedClock("2026-04-05T09:00:00.000Z");

async function company(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, smallCompany(journal(MARCH_DRAFTS)));
  expect((await postJournals(wb, { user: "bob", clock, through: "2026-03-31" })).posted).toBe(true);
  return wb;
}

test("group-view: an entity workbook's currency, company and operating periods, from the setup alone", async () => {
  const wb = await company();
  const { port, reads } = counted(wb);
  const view = await commandsFor({ port, clock })("group-view", {});
  for (const t of ["tblLedger", "tblJournal", "tblAudit"]) expect(reads.has(t)).toBe(false);
  const { book } = await commandsFor({ port: wb, clock })("read-book", {});
  expect(view).toEqual({
    isGroup: false,
    currency: "USD",
    company: book.setup.settings.company,
    periods: book.setup.periods.filter((p) => p.kind === "operating"),
  });
});

test("checklist-view: March by default with T1 Prepared and T2 not started, as over the whole book; April reads no ledger", async () => {
  const wb = await company();
  await wb.appendRows(CLOSE_TEMPLATE.name, [
    ["T1", "Ledger", "Journals posted", "", "alice", "bob", "BD+1", "", "step:verify-journals", true, ""],
    ["T2", "Accruals", "Accruals booked", "", "alice", "bob", "2", "T1", "", false, ""],
  ]);
  expect((await generateChecklist(wb, "2026-03", { user: "bob", clock })).done).toBe(true);

  const view = await commandsFor({ port: wb, clock })("checklist-view", {});
  expect(view.period).toBe("2026-03");
  expect(view.checklist?.tasks.map((t) => [t.id, t.status])).toEqual([
    ["T1", "Prepared"],
    ["T2", "Not started"],
  ]);
  // the same as the tab computed over the whole book before (read-book on this thread)
  const { book, raw } = await commandsFor({ port: wb, clock })("read-book", {});
  const march = book.setup.periods.find((p) => p.id === "2026-03")!;
  const whole = periodChecklist(book, decodeChecklist(raw), march, "2026-04-05", raw);
  expect(view.checklist).toEqual({ tasks: whole.tasks, views: whole.views, issues: whole.issues });
  expect(view.months).toEqual(book.setup.periods.filter((p) => p.kind === "operating"));
  expect(view.users.get("alice")?.name).toBe("alice");

  const april = counted(wb);
  const empty = await commandsFor({ port: april.port, clock })("checklist-view", { period: "2026-04" });
  expect([empty.period, empty.checklist]).toEqual(["2026-04", { tasks: [], views: [], issues: [] }]);
  expect(april.reads.has("tblLedger")).toBe(false);
});
