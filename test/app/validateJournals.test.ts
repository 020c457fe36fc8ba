/**
 * validateJournals: the checks of postJournals (engine, sequence, posting
 * gate for the chosen user) without any write — the workbook's snapshot is
 * the same before and after, also when the gate refuses (postJournals would
 * record that refusal in the audit log).
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { changePeriod } from "../../src/app/changePeriod";
import { postJournals } from "../../src/app/postJournals";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { validateJournals } from "../../src/app/validateJournals";
import { fixedClock } from "../../src/ports/clock";
import { journal } from "../support/fixtures";
import { smallCompany } from "../support/smallCompany";

const clock = fixedClock("2026-04-01T09:00:00.000Z");

async function workbook(text: string): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, smallCompany(journal(text)));
  return wb;
}

const GOOD = `
  D-1 2026-03-10 1010 EUR Dr 100.00 dept=SALES
  D-1 2026-03-10 4000 EUR Cr 100.00 dept=SALES
  D-2 2026-04-12 6100 USD Dr 50.00 dept=ADMIN
  D-2 2026-04-12 1000 USD Cr 50.00`;

const snapshot = (wb: MemoryWorkbook) => JSON.stringify(wb.snapshot());

test("says what posting would do, writes nothing, and matches the posting that follows", async () => {
  const wb = await workbook(GOOD);
  const before = snapshot(wb);
  const v = await validateJournals(wb, { user: "alice", clock });
  expect(snapshot(wb)).toBe(before);
  expect(v.ok).toBe(true);
  expect(v.issues).toEqual([]);
  expect(v.vouchers.map((x) => [x.voucher, x.draftVoucher, x.date])).toEqual([
    ["GL-000001", "D-1", "2026-03-10"],
    ["GL-000002", "D-2", "2026-04-12"],
  ]);
  expect([v.lines, v.draftLines]).toEqual([4, 4]);
  const posted = await postJournals(wb, { user: "alice", clock });
  expect(posted.vouchers.map((x) => x.voucher)).toEqual(v.vouchers.map((x) => x.voucher));
  expect(posted.lines).toBe(v.lines);
});

test("'through' selects the lines posting would take", async () => {
  const wb = await workbook(GOOD);
  const v = await validateJournals(wb, { user: "alice", clock, through: "2026-03-31" });
  expect(v.vouchers.map((x) => x.draftVoucher)).toEqual(["D-1"]);
  expect([v.lines, v.draftLines]).toEqual([2, 2]);
});

test("bad input: the same issues as posting, located on the journal row", async () => {
  const wb = await workbook(`${GOOD}
    D-3 2026-03-15 9999 USD Dr 1.00
    D-3 2026-03-15 1000 USD Cr 1.00`);
  const before = snapshot(wb);
  const v = await validateJournals(wb, { user: "alice", clock });
  expect(v.ok).toBe(false);
  expect(v.vouchers).toEqual([]);
  expect(v.issues.map((i) => [i.code, i.at?.table, i.at?.row, i.at?.column])).toEqual([
    ["UNKNOWN_ACCOUNT", "tblJournal", 5, "Account"],
  ]);
  expect(snapshot(wb)).toBe(before);
});

test("the posting gate is checked for the chosen user, and a refusal is not written to the audit log", async () => {
  const wb = await workbook(GOOD);
  const changed = await changePeriod(
    wb,
    { kind: "access", period: "2026-03", access: "Controllers", reason: "review" },
    { user: "bob", clock },
  );
  expect(changed.done).toBe(true);
  const before = snapshot(wb);
  const alice = await validateJournals(wb, { user: "alice", clock });
  expect(alice.ok).toBe(false);
  expect(alice.issues.map((i) => i.code)).toEqual(["PERIOD_ACCESS", "PERIOD_ACCESS"]);
  const bob = await validateJournals(wb, { user: "bob", clock });
  expect(bob.ok).toBe(true);
  const nobody = await validateJournals(wb, { user: "mallory", clock });
  expect(nobody.issues.map((i) => i.code)).toContain("UNKNOWN_USER");
  expect(snapshot(wb)).toBe(before);
});

test("nothing to post is an info, not ok", async () => {
  const wb = await workbook(GOOD);
  await postJournals(wb, { user: "alice", clock });
  const v = await validateJournals(wb, { user: "alice", clock });
  expect(v.ok).toBe(false);
  expect(v.issues.map((i) => [i.code, i.severity])).toEqual([["NOTHING_TO_POST", "info"]]);
});
