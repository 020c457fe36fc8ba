/**
 * One posting gate: every path that writes to the ledger or the journal asks
 * PostingGate.check before writing, and a closed door stops each of them.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { changePeriod } from "../../src/app/changePeriod";
import { importCsv } from "../../src/app/importCsv";
import { loadBook } from "../../src/app/loadBook";
import { postJournals } from "../../src/app/postJournals";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { runCli } from "../../src/cli/commands";
import { PostingGate } from "../../src/core/calendar/postingGate";
import { fixedClock } from "../../src/ports/clock";
import { journal } from "../support/fixtures";
import { smallCompany } from "../support/smallCompany";

const clock = fixedClock("2026-04-02T10:00:00.000Z");
const CSV =
  "Journal,Draft voucher,Date,Account,Currency,Debit,Credit\nIMP,V9,2026-03-20,6100,USD,7.00,\nIMP,V9,2026-03-20,1000,USD,,7.00\n";

async function marchOnHold(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await setupWorkbook(
    wb,
    smallCompany(
      journal(`
    D-1 2026-03-10 6100 USD Dr 5.00 dept=ADMIN
    D-1 2026-03-10 1000 USD Cr 5.00`),
    ),
  );
  await postJournals(wb, { user: "bob", clock });
  const held = await changePeriod(
    wb,
    { kind: "hold", period: "2026-03", reason: "March closed" },
    { user: "bob", clock },
  );
  expect(held.done).toBe(true);
  return wb;
}

let spy: jest.SpyInstance;
beforeEach(() => {
  spy = jest.spyOn(PostingGate.prototype, "check");
});
afterEach(() => spy.mockRestore());

test("journal posting asks the gate for every line, and is refused in a period on hold", async () => {
  const wb = await marchOnHold();
  await importCsv(wb, {
    table: "journal",
    csv: CSV.replace(/2026-03-20/g, "2026-04-20"),
    fileName: "april.csv",
    user: "bob",
    clock,
  });
  await wb.updateCells("tblJournal", [
    { row: 3, column: "Date", value: new Date(Date.UTC(2026, 2, 20)) },
    { row: 4, column: "Date", value: new Date(Date.UTC(2026, 2, 20)) },
  ]);
  spy.mockClear();
  const ledgerBefore = wb.rowCount("tblLedger");
  const r = await postJournals(wb, { user: "bob", clock });
  expect(spy).toHaveBeenCalledTimes(2);
  expect(r.posted).toBe(false);
  expect(r.issues.map((i) => i.code)).toEqual(["PERIOD_NOT_OPEN", "PERIOD_NOT_OPEN"]);
  expect(wb.rowCount("tblLedger")).toBe(ledgerBefore);
  const { book } = await loadBook(wb);
  expect(book.audit[book.audit.length - 1]).toMatchObject({ action: "refused", subject: "post-journals" });
});

test("importing journal lines asks the gate, and is refused in a period on hold", async () => {
  const wb = await marchOnHold();
  spy.mockClear();
  const r = await importCsv(wb, { table: "journal", csv: CSV, fileName: "march.csv", user: "bob", clock });
  expect(spy).toHaveBeenCalledTimes(2);
  expect(r.imported).toBe(0);
  expect(r.issues.map((i) => [i.code, i.at?.table, i.at?.row])).toEqual([
    ["PERIOD_NOT_OPEN", "march.csv", 1],
    ["PERIOD_NOT_OPEN", "march.csv", 2],
  ]);
});

test("a sealed period stays closed even when its status cell is edited back to Open by hand", async () => {
  const wb = await marchOnHold();
  const { book } = await loadBook(wb);
  const march = book.setup.periods.find((p) => p.id === "2026-03")!;
  const { withUnprotected } = await import("../../src/ports/protection");
  await withUnprotected(wb, ["Calendar"], "", () =>
    wb.updateCells("tblPeriods", [{ row: march.row!, column: "Status", value: "Open" }]),
  );
  await importCsv(wb, {
    table: "journal",
    csv: CSV.replace(/2026-03-20/g, "2026-04-20"),
    fileName: "april.csv",
    user: "bob",
    clock,
  });
  await wb.updateCells("tblJournal", [
    { row: 3, column: "Date", value: new Date(Date.UTC(2026, 2, 20)) },
    { row: 4, column: "Date", value: new Date(Date.UTC(2026, 2, 20)) },
  ]);
  const r = await postJournals(wb, { user: "bob", clock });
  expect(r.issues.map((i) => i.code)).toEqual(["PERIOD_SEALED", "PERIOD_SEALED"]);
});

test("the CLI's post and import go through the same gate", async () => {
  const dir = mkdtempSync(join(tmpdir(), "closebook-gate-"));
  try {
    const file = join(dir, "b.xlsx");
    const out = { log: () => undefined, error: () => undefined };
    const cli = (...a: string[]) => runCli(a, out, { clock });
    expect(await cli("init", file, "--year", "2026")).toBe(0);
    const csv = join(dir, "j.csv");
    writeFileSync(csv, CSV);
    spy.mockClear();
    expect(await cli("import", file, "--table", "journal", "--user", "admin", csv)).toBe(0);
    expect(spy).toHaveBeenCalledTimes(2);
    spy.mockClear();
    expect(await cli("post", file, "--user", "admin")).toBe(0);
    expect(spy).toHaveBeenCalledTimes(2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("close steps (post a proposal) and reversals ask the gate for every voucher", async () => {
  const { postProposal, reverseRun } = await import("../../src/app/closeRuns");
  const { A } = await import("../support/fixtures");
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, smallCompany());
  const line = (account: string, amount: string) => ({
    account,
    dimensions: { Department: "" },
    currency: "USD",
    amount: A(amount),
    amountAccounting: A(amount),
    description: "x",
  });
  const proposal = {
    step: "test-step",
    parameters: { n: 1 },
    trace: [],
    issues: [],
    vouchers: [
      { date: "2026-03-31", description: "a", lines: [line("6100", "1.00"), line("1000", "-1.00")] },
      { date: "2026-04-30", description: "b", lines: [line("6100", "2.00"), line("1000", "-2.00")] },
    ],
  };
  spy.mockClear();
  const posted = await postProposal(wb, proposal, { user: "bob", clock });
  expect(posted.posted).toBe(true);
  expect(spy.mock.calls.map((c) => c[1])).toEqual(["2026-03-31", "2026-04-30"]);
  spy.mockClear();
  expect((await reverseRun(wb, posted.runId!, { user: "bob", clock, reason: "test" })).posted).toBe(true);
  expect(spy.mock.calls.map((c) => c[1])).toEqual(["2026-03-31", "2026-04-30"]);
});

test("a refusal by the gate during import is recorded in the audit log, like post's", async () => {
  const wb = await marchOnHold();
  const auditBefore = (await loadBook(wb)).book.audit.length;
  const r = await importCsv(wb, { table: "journal", csv: CSV, fileName: "march.csv", user: "bob", clock });
  expect(r.imported).toBe(0);
  expect(r.refusalRecorded).toBe(true);
  const { book } = await loadBook(wb);
  expect(book.journal.filter((l) => l.date.startsWith("2026-03") && l.status === "Draft")).toEqual([]);
  expect(book.audit.slice(auditBefore)).toEqual([
    expect.objectContaining({ action: "refused", subject: "import tblJournal", user: "bob" }),
  ]);
  expect(book.audit[auditBefore]!.detail).toContain("PERIOD_NOT_OPEN");
  expect(book.audit[auditBefore]!.detail).toContain("2026-03");
});

test("one gate, one answer: a time-boxed exception lets alice post and import into a restricted period; once it expires both are refused and both refusals audited", async () => {
  // March is restricted to Controllers (bob); alice (Accountants) gets an exception until 2026-04-05T18:00Z.
  const wb = new MemoryWorkbook();
  await setupWorkbook(
    wb,
    smallCompany(
      journal(`
    D-1 2026-03-10 6100 USD Dr 5.00 dept=ADMIN
    D-1 2026-03-10 1000 USD Cr 5.00`),
    ),
  );
  const bob = { user: "bob", clock };
  expect(
    (
      await changePeriod(
        wb,
        { kind: "access", period: "2026-03", access: "Controllers", reason: "close in progress" },
        bob,
      )
    ).done,
  ).toBe(true);
  expect(
    (
      await changePeriod(
        wb,
        { kind: "exception", period: "2026-03", user: "alice", until: "2026-04-05T18:00:00Z", reason: "late accrual" },
        bob,
      )
    ).done,
  ).toBe(true);

  // before the exception ends (clock 2026-04-02): both pass, each relying on the exception (recorded as an override)
  const during = fixedClock("2026-04-02T10:00:00.000Z");
  const posted = await postJournals(wb, { user: "alice", clock: during });
  expect(posted.issues.filter((i) => i.severity === "error")).toEqual([]);
  expect(posted.posted).toBe(true);
  const imported = await importCsv(wb, {
    table: "journal",
    csv: CSV,
    fileName: "march.csv",
    user: "alice",
    clock: during,
  });
  expect(imported.issues.filter((i) => i.severity === "error")).toEqual([]);
  expect(imported.imported).toBe(2);
  let { book } = await loadBook(wb);
  expect(book.audit.filter((a) => a.action === "override").map((a) => a.subject)).toEqual(["2026-03", "2026-03"]);

  // after it ends (clock 2026-04-06): the same user is refused by both, and both refusals are audited
  const after = fixedClock("2026-04-06T09:00:00.000Z");
  const auditBefore = book.audit.length;
  const post2 = await postJournals(wb, { user: "alice", clock: after });
  expect(post2.posted).toBe(false);
  expect(post2.issues.map((i) => i.code)).toEqual(["PERIOD_ACCESS", "PERIOD_ACCESS"]);
  const import2 = await importCsv(wb, {
    table: "journal",
    csv: CSV.replace(/V9/g, "V10"),
    fileName: "march2.csv",
    user: "alice",
    clock: after,
  });
  expect(import2.imported).toBe(0);
  expect(import2.issues.map((i) => i.code)).toEqual(["PERIOD_ACCESS", "PERIOD_ACCESS"]);
  ({ book } = await loadBook(wb));
  expect(book.audit.slice(auditBefore).map((a) => [a.action, a.subject, a.user])).toEqual([
    ["refused", "post-journals", "alice"],
    ["refused", "import tblJournal", "alice"],
  ]);
});
