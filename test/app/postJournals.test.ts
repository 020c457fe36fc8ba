import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { loadBook } from "../../src/app/loadBook";
import { openForWrite } from "../../src/app/openForWrite";
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
  expect(
    book.ledger.map((e) => [
      e.entryNo,
      e.voucher,
      e.account,
      e.dimensions.Department,
      e.amount.toString(),
      e.amountAccounting.toFixed(2),
      e.runId,
    ]),
  ).toEqual([
    [1, "GL-000001", "1010", "SALES", "100", "108.25", "RUN-000001"],
    [2, "GL-000001", "4000", "SALES", "-100", "-108.25", "RUN-000001"],
    [3, "GL-000002", "6100", "ADMIN", "50", "50.00", "RUN-000001"],
    [4, "GL-000002", "1000", "", "-50", "-50.00", "RUN-000001"],
  ]);
  expect(
    book.ledger.every((e) => e.user === "alice" && e.postedAt === "2026-04-01T09:00:00.000Z" && e.period === "2026-03"),
  ).toBe(true);
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
  expect(book.runs).toEqual([
    expect.objectContaining({
      runId: "RUN-000001",
      step: "post-journals",
      status: "committed",
      vouchers: "GL-000001..GL-000002",
      lines: 4,
      user: "alice",
    }),
  ]);
  expect(book.audit).toEqual([
    expect.objectContaining({ seq: 1, action: "post-journals", user: "alice", runId: "RUN-000001" }),
  ]);
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

describe("rows the user moves while posting (issue #17 risk 1)", () => {
  // The user sorts the Journal sheet by Account, descending, after the posting read it
  // (here: when the run row is appended). Read order: D-1/1010, D-1/4000, D-2/6100, D-2/1000;
  // sorted: 6100, 4000, 1010, 1000. Marking by the positions read earlier would mark row 1
  // (now D-2/6100) "Posted GL-000001" — a line of another voucher. The posting must refuse.
  test("a sort between the read and the write marks no wrong row: the posting refuses and writes no ledger row", async () => {
    const wb = await workbook(GOOD);
    const sortOnRunStart = new Proxy(wb, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (prop !== "appendRows" || typeof v !== "function") return typeof v === "function" ? v.bind(target) : v;
        return async (name: string, rows: unknown[][]) => {
          await target.appendRows(name, rows as never);
          if (name !== "tblRuns") return;
          const j = (await target.readTable("tblJournal"))!;
          const acc = j.headers.indexOf("Account");
          await target.replaceRows(
            "tblJournal",
            [...j.rows].sort((a, b) => String(b[acc]).localeCompare(String(a[acc]))),
          );
        };
      },
    });
    const r = await postJournals(sortOnRunStart, { user: "alice", clock });
    expect(r.posted).toBe(false);
    expect(r.issues.map((i) => i.code)).toContain("ROWS_MOVED");
    expect(r.issues.find((i) => i.code === "ROWS_MOVED")?.at).toEqual(
      expect.objectContaining({ table: "tblJournal", row: 1 }),
    );
    const { book } = await loadBook(wb);
    expect(book.ledger).toEqual([]);
    expect(
      book.journal
        .map((l) => [l.account, l.status ?? "", l.postedVoucher ?? ""])
        .every(([, s, v]) => s !== "Posted" && v === ""),
    ).toBe(true);
    expect(book.runs).toEqual([expect.objectContaining({ runId: "RUN-000001", status: "rolled back" })]);
  });
});

describe("a line edited while posting is not marked as posted with its old values", () => {
  // The posting reads D-1/1010 with Description "" and dept=SALES, builds GL-000001 from those
  // values, then the user changes row 1 (Description, Department, or the Rate) before the mark.
  // Marking row 1 "Posted GL-000001" would record a line whose sheet values the ledger does not
  // hold (the ledger has dept SALES, the sheet then says ADMIN). The key covers every column the
  // posting reads, so the posting refuses instead, naming the row and the column that changed.
  test.each([
    ["Description", "typed later"],
    ["Department", "ADMIN"],
    ["Rate", 1.5],
    ["Auto-reverse", true],
  ])("an edit to %s between the read and the write refuses the posting", async (column, value) => {
    const wb = await workbook(GOOD);
    const editOnRunStart = new Proxy(wb, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (prop !== "appendRows" || typeof v !== "function") return typeof v === "function" ? v.bind(target) : v;
        return async (name: string, rows: unknown[][]) => {
          await target.appendRows(name, rows as never);
          if (name === "tblRuns") await target.updateCells("tblJournal", [{ row: 1, column, value }]);
        };
      },
    });
    const r = await postJournals(editOnRunStart, { user: "alice", clock });
    expect(r.posted).toBe(false);
    expect(r.issues.find((i) => i.code === "ROWS_MOVED")?.at).toEqual(
      expect.objectContaining({ table: "tblJournal", row: 1 }),
    );
    const { book } = await loadBook(wb);
    expect(book.ledger).toEqual([]);
  });
});

describe("recovery marks journal rows back to Draft by key (issue #17 risk 1)", () => {
  // Run 1 posts D-1 (through 2026-03-10) and commits: journal rows 1-2 Posted GL-000001.
  // Run 2 posts D-2 and dies writing its audit row: rows 3-4 Posted GL-000002, run 2 "started".
  // On the next open, recovery reads rows 3-4 as run 2's; the user then sorts D-2 to the top
  // before recovery writes. By position, rows 3-4 are now D-1 — GL-000001, a committed posting —
  // and would go back to Draft (to be posted twice). Keyed, recovery refuses; the next open finishes it.
  test("a sort between recovery's read and write sets no committed line back to Draft", async () => {
    const wb = await workbook(GOOD);
    expect((await postJournals(wb, { user: "alice", clock, through: "2026-03-10" })).posted).toBe(true);
    let failAudit = true;
    let sortOnCut = false;
    const port = new Proxy(wb, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (prop === "appendRows") {
          return async (name: string, rows: unknown[][]) => {
            if (name === "tblAudit" && failAudit) {
              failAudit = false;
              throw new Error("injected failure");
            }
            return target.appendRows(name, rows as never);
          };
        }
        if (prop === "truncateRows") {
          return async (name: string, keep: number) => {
            await target.truncateRows(name, keep);
            if (!sortOnCut || name !== "tblLedger") return;
            sortOnCut = false;
            const j = (await target.readTable("tblJournal"))!;
            const dv = j.headers.indexOf("Draft voucher");
            await target.replaceRows(
              "tblJournal",
              [...j.rows].sort((a, b) => String(b[dv]).localeCompare(String(a[dv]))),
            );
          };
        }
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    await expect(postJournals(port, { user: "alice", clock })).rejects.toThrow(/injected failure/);
    sortOnCut = true;
    const blocked = await postJournals(port, { user: "alice", clock }); // its open repairs run 2, and the user sorts meanwhile
    expect(blocked.posted).toBe(false);
    expect(blocked.issues.map((i) => i.code)).toContain("ROWS_MOVED");
    const after = (await loadBook(wb)).book;
    const byVoucher = (dv: string) =>
      after.journal.filter((l) => l.draftVoucher === dv).map((l) => [l.status, l.postedVoucher ?? ""]);
    expect(byVoucher("D-1")).toEqual([
      ["Posted", "GL-000001"],
      ["Posted", "GL-000001"],
    ]);
    // the next open finishes the repair: D-2 back to Draft, run 2 rolled back
    await openForWrite(wb, "alice", clock);
    const done = (await loadBook(wb)).book;
    expect(done.journal.filter((l) => l.draftVoucher === "D-2").map((l) => l.status)).toEqual(["Draft", "Draft"]);
    expect(done.journal.filter((l) => l.draftVoucher === "D-1").map((l) => l.status)).toEqual(["Posted", "Posted"]);
    expect(done.runs.map((r) => r.status)).toEqual(["committed", "rolled back"]);
  });
});
