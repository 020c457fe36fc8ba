import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { loadBook } from "../../src/app/loadBook";
import { postJournals } from "../../src/app/postJournals";
import { setupWorkbook } from "../../src/app/setupWorkbook";
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
  D-2 2026-03-12 6100 USD Dr 50.00 dept=ADMIN
  D-2 2026-03-12 1000 USD Cr 50.00`;

test("posting writes ledger rows, journal statuses, sequences, run and audit", async () => {
  const wb = await workbook(GOOD);
  const r = await postJournals(wb, { user: "alice", clock });
  expect(r.posted).toBe(true);
  expect(r.runId).toBe("RUN-000001");
  const { book } = await loadBook(wb);
  // 100.00 EUR × 1.0825 = 108.25 USD
  expect(book.ledger.map((e) => [e.entryNo, e.voucher, e.account, e.dimensions.Department, e.amount.toString(), e.amountAccounting.toFixed(2), e.runId])).toEqual([
    [1, "GL-000001", "1010", "SALES", "100", "108.25", "RUN-000001"],
    [2, "GL-000001", "4000", "SALES", "-100", "-108.25", "RUN-000001"],
    [3, "GL-000002", "6100", "ADMIN", "50", "50.00", "RUN-000001"],
    [4, "GL-000002", "1000", "", "-50", "-50.00", "RUN-000001"],
  ]);
  expect(book.ledger.every((e) => e.user === "alice" && e.postedAt === "2026-04-01T09:00:00.000Z" && e.period === "2026-03")).toBe(true);
  expect(book.journal.map((l) => [l.status, l.postedVoucher])).toEqual([
    ["Posted", "GL-000001"],
    ["Posted", "GL-000001"],
    ["Posted", "GL-000002"],
    ["Posted", "GL-000002"],
  ]);
  expect(book.sequences.map((s) => [s.name, s.next])).toEqual([
    ["voucher", 3],
    ["run", 2],
    ["settlement", 1],
  ]);
  expect(book.runs).toEqual([expect.objectContaining({ runId: "RUN-000001", step: "post-journals", status: "committed", vouchers: "GL-000001..GL-000002", lines: 4, user: "alice" })]);
  expect(book.audit).toEqual([expect.objectContaining({ seq: 1, action: "post-journals", user: "alice", runId: "RUN-000001" })]);
});

test("re-posting finds nothing to post and changes nothing", async () => {
  const wb = await workbook(GOOD);
  await postJournals(wb, { user: "alice", clock });
  const before = JSON.stringify(wb.snapshot());
  const again = await postJournals(wb, { user: "alice", clock });
  expect(again.posted).toBe(false);
  expect(again.issues.map((i) => i.code)).toEqual(["NOTHING_TO_POST"]);
  expect(JSON.stringify(wb.snapshot())).toBe(before);
});

test("bad input: every problem is reported and the workbook is untouched", async () => {
  const wb = await workbook(`${GOOD}
    D-3 2026-03-15 9999 USD Dr 1.00
    D-3 2026-03-15 1000 USD Cr 2.00`);
  const before = JSON.stringify(wb.snapshot());
  const r = await postJournals(wb, { user: "alice", clock });
  expect(r.posted).toBe(false);
  expect(r.issues.map((i) => [i.code, i.at?.row, i.at?.column])).toEqual([["UNKNOWN_ACCOUNT", 5, "Account"]]);
  expect(JSON.stringify(wb.snapshot())).toBe(before);
});

test("an unreadable cell in the journal is an error on its row; nothing is posted", async () => {
  const wb = await workbook(GOOD);
  await wb.updateCells("tblJournal", [{ row: 3, column: "Debit", value: { error: "#N/A" } }]);
  const before = JSON.stringify(wb.snapshot());
  const r = await postJournals(wb, { user: "alice", clock });
  expect(r.posted).toBe(false);
  expect(r.issues.map((i) => [i.code, i.at?.row, i.at?.column])).toEqual(
    expect.arrayContaining([
      ["BAD_CELL", 3, "Debit"],
      ["UNREADABLE_ROW", 3, "Status"],
    ]),
  );
  expect(JSON.stringify(wb.snapshot())).toBe(before);
});

test("voucher numbers continue across runs and are never reused", async () => {
  const wb = await workbook(GOOD);
  await postJournals(wb, { user: "alice", clock, through: "2026-03-10" });
  const second = await postJournals(wb, { user: "alice", clock });
  expect(second.vouchers.map((v) => v.voucher)).toEqual(["GL-000002"]);
  expect(second.runId).toBe("RUN-000002");
  const { book } = await loadBook(wb);
  const vouchers = book.ledger.map((e) => e.voucher);
  expect([...new Set(vouchers)]).toEqual(["GL-000001", "GL-000002"]);
  expect(book.ledger.map((e) => e.entryNo)).toEqual([1, 2, 3, 4]);
});
