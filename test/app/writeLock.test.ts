/**
 * Co-authoring (issue #17, risk 8): every write claims the row of tblWriteLock
 * first; a second writer is refused naming the first; an expired claim is
 * taken over; the claim is cleared when the write ends.
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { changePeriod } from "../../src/app/changePeriod";
import { loadBook } from "../../src/app/loadBook";
import { postJournals } from "../../src/app/postJournals";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { fixedClock } from "../../src/ports/clock";
import type { WorkbookPort } from "../../src/ports/workbook";
import { WRITE_LOCK } from "../../src/schema/tables";
import { journal } from "../support/fixtures";
import { smallCompany } from "../support/smallCompany";

const GOOD = `
  D-1 2026-03-10 1010 EUR Dr 100.00 dept=SALES
  D-1 2026-03-10 4000 EUR Cr 100.00 dept=SALES`;

async function workbook(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, smallCompany(journal(GOOD)));
  return wb;
}

/** A second session's port over the same workbook (another pane on the same file). */
function secondPort(wb: WorkbookPort, hooks: { beforeLedgerAppend?: () => Promise<void> } = {}): WorkbookPort {
  const port: WorkbookPort = Object.create(wb) as WorkbookPort;
  return Object.assign(port, {
    appendRows: async (name: string, rows: Parameters<WorkbookPort["appendRows"]>[1]) => {
      if (name === "tblLedger" && hooks.beforeLedgerAppend) await hooks.beforeLedgerAppend();
      return wb.appendRows(name, rows);
    },
  });
}

/** A claim left by another session: bob at 09:00, posting, expiring at `expires`. */
async function bobHolds(wb: WorkbookPort, expires: string): Promise<void> {
  await wb.unprotect(WRITE_LOCK.sheet, "");
  await wb.replaceRows(WRITE_LOCK.name, [
    ["bob", "post journals", new Date("2026-04-01T09:00:00.000Z"), new Date(expires), "bob-session"],
  ]);
  await wb.protect(WRITE_LOCK.sheet, "");
}

test("a new workbook has the write lock table, empty, on a protected sheet", async () => {
  const wb = await workbook();
  expect((await wb.readTable(WRITE_LOCK.name))?.rows).toEqual([]);
  expect(await wb.isProtected(WRITE_LOCK.sheet)).toBe(true);
});

test("a second writer during a posting is refused naming the first; the first posts; the claim is cleared after", async () => {
  const wb = await workbook();
  let bob: Awaited<ReturnType<typeof postJournals>> | undefined;
  let seenDuring: unknown[] | undefined;
  const alicePort = secondPort(wb, {
    beforeLedgerAppend: async () => {
      seenDuring = (await wb.readTable(WRITE_LOCK.name))?.rows[0]?.slice(0, 2);
      bob = await postJournals(secondPort(wb), { user: "bob", clock: fixedClock("2026-04-01T09:01:00.000Z") });
    },
  });
  const alice = await postJournals(alicePort, { user: "alice", clock: fixedClock("2026-04-01T09:00:00.000Z") });
  expect(seenDuring).toEqual(["alice", "post journals"]);
  expect(bob?.posted).toBe(false);
  const refusal = bob?.issues.find((i) => i.code === "WRITE_LOCKED" && i.severity === "error");
  expect(refusal?.message).toMatch(
    /^alice is writing to this workbook \(post journals\) since 2026-04-01T09:00:00.000Z, until 2026-04-01T09:15:00.000Z/,
  );
  expect(alice.posted).toBe(true);
  // alice's run was not rolled back by bob's open (it looked interrupted while she wrote)
  const { book } = await loadBook(wb);
  expect(book.ledger.length).toBe(2);
  expect(book.runs.map((r) => r.status)).toEqual(["committed"]);
  expect((await wb.readTable(WRITE_LOCK.name))?.rows).toEqual([]);
  expect(await wb.isProtected(WRITE_LOCK.sheet)).toBe(true);
});

test("a live claim by another session refuses every kind of write (a period change too), writing nothing", async () => {
  const wb = await workbook();
  // bob claimed at 09:00 with the 15-minute expiry: 09:15; alice tries at 09:10
  await bobHolds(wb, "2026-04-01T09:15:00.000Z");
  const clock = fixedClock("2026-04-01T09:10:00.000Z");
  const posted = await postJournals(wb, { user: "alice", clock });
  expect(posted.posted).toBe(false);
  expect(posted.issues.map((i) => i.code)).toContain("WRITE_LOCKED");
  const held = await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "close" }, { user: "alice", clock });
  expect(held.issues.find((i) => i.code === "WRITE_LOCKED")?.message).toMatch(
    /^bob is writing to this workbook \(post journals\)/,
  );
  const { book } = await loadBook(wb);
  expect(book.ledger.length).toBe(0);
  expect(book.runs.length).toBe(0);
  expect((await wb.readTable(WRITE_LOCK.name))?.rows[0]?.[0]).toBe("bob");
});

test("an expired claim is taken over", async () => {
  const wb = await workbook();
  await bobHolds(wb, "2026-04-01T09:15:00.000Z");
  // 09:15:00.001 is past bob's expiry
  const r = await postJournals(wb, { user: "alice", clock: fixedClock("2026-04-01T09:15:00.001Z") });
  expect(r.posted).toBe(true);
  expect((await wb.readTable(WRITE_LOCK.name))?.rows).toEqual([]);
});

test("a workbook made before the write lock existed gets the table on its first write, protected afterwards", async () => {
  const wb = await workbook();
  // an older workbook: no Write lock sheet
  const older = new MemoryWorkbook();
  for (const t of await wb.listTables()) {
    if (t.name === WRITE_LOCK.name) continue;
    const raw = (await wb.readTable(t.name))!;
    await older.createTable(t, raw.rows);
  }
  expect(await older.readTable(WRITE_LOCK.name)).toBeUndefined();
  const r = await postJournals(older, { user: "alice", clock: fixedClock("2026-04-01T09:00:00.000Z") });
  expect(r.posted).toBe(true);
  expect((await older.readTable(WRITE_LOCK.name))?.rows).toEqual([]);
  expect(await older.isProtected(WRITE_LOCK.sheet)).toBe(true);
});

test("the same user's own live claim (left by a pane that closed mid-write) is taken over", async () => {
  const wb = await workbook();
  await bobHolds(wb, "2026-04-01T09:15:00.000Z");
  const r = await postJournals(wb, { user: "Bob", clock: fixedClock("2026-04-01T09:05:00.000Z") });
  expect(r.issues.map((i) => i.code)).not.toContain("WRITE_LOCKED");
  expect(r.posted).toBe(true);
});
