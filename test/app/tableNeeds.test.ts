/**
 * An operation reads only the tables its command needs (issues #11, #14): the read-only reports and
 * verify never read tblJournal (on a 100k-line workbook, 55 MB of sheet XML the trial balance never
 * looks at), and a Book field whose table was not read throws instead of looking empty.
 *
 * The workbook: the small company's drafts (8 lines, 4 vouchers: D-1..D-3 in March, D-4 on 2 April)
 * posted by bob as RUN-000001 (8 ledger lines), then March put on hold (sealed: its 6 lines).
 */
import fc from "fast-check";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { commandsFor, type CommandName, type Send } from "../../src/app/commands";
import { loadBook } from "../../src/app/loadBook";
import { trialBalance } from "../../src/core/ledger/trialBalance";
import { openRead, readSession, writeSession } from "../../src/app/operation";
import { postJournals } from "../../src/app/postJournals";
import { fixedClock } from "../../src/ports/clock";
import { BOOK_FIELD_TABLES, TableNotReadError } from "../../src/schema/bookCodec";
import { encodeRecords } from "../../src/schema/records";
import { JOURNAL, LEDGER, SEALS } from "../../src/schema/tables";
import { journal } from "../support/fixtures";
import { counted } from "../support/countedReads";
import { postedSmallCompany } from "../support/smallCompany";

const clock = fixedClock("2026-04-02T10:00:00.000Z");
const ctx = { user: "bob", clock };

/** The posted small company with March on hold. */
async function workbook(): Promise<MemoryWorkbook> {
  const wb = await postedSmallCompany(new MemoryWorkbook(), ctx);
  const send = commandsFor({ port: wb, clock });
  const hold = await send("change-period", {
    action: { kind: "hold", period: "2026-03", reason: "March" },
    user: "bob",
  });
  expect(hold.issues.filter((i) => i.severity === "error")).toEqual([]);
  return wb;
}

type Case = [CommandName, (send: Send) => Promise<unknown>];
const READ_ONLY: Case[] = [
  ["trial-balance", (send) => send("trial-balance", { period: "2026-03" })],
  [
    "write-trial-balance",
    async (send) => {
      const { tb } = await send("trial-balance", { period: "2026-03" });
      return send("write-trial-balance", { tb: tb!, period: "2026-03" });
    },
  ],
  ["trial-balance-to-sheet", (send) => send("trial-balance-to-sheet", { period: "2026-03" })],
  ["verify", (send) => send("verify", {})],
  ["seal-receipt", (send) => send("seal-receipt", { period: "2026-03", user: "bob" })],
  [
    "verify-receipt",
    async (send) => {
      const receipt = await send("seal-receipt", { period: "2026-03", user: "bob" });
      const r = await send("verify-receipt", { text: JSON.stringify(receipt), source: "receipt.json" });
      // March's seal: its 6 ledger rows, proven by the receipt just made
      expect(r.receiptIssues.filter((i) => i.severity === "error")).toEqual([]);
      expect(r.sealedRows).toBe(6);
      return r;
    },
  ],
  ["statements", (send) => send("statements", { period: "2026-03", write: false })],
  ["statements-to-sheets", (send) => send("statements-to-sheets", { period: "2026-03" })],
  ["journal-report", (send) => send("journal-report", { period: "2026-03" })],
  ["report-periods", (send) => send("report-periods", {})],
  ["drilldown", (send) => send("drilldown", { account: "4000", period: "2026-03" })],
  ["audit-log", (send) => send("audit-log", {})],
  ["run-trace", (send) => send("run-trace", { runId: "RUN-000001" })],
  ["export-csv", (send) => send("export-csv", { table: "accounts" })],
  ["close-step-states", (send) => send("close-step-states", { period: "2026-03" })],
];

describe.each(READ_ONLY)("%s", (_name, run) => {
  test("does not read the journal, and reads the ledger at most once per operation", async () => {
    const { port, reads } = counted(await workbook());
    const result = await run(commandsFor({ port, clock }));
    expect(result).toBeDefined();
    expect(reads.get(JOURNAL.name)).toBeUndefined();
    // write-trial-balance, verify-receipt and the *-to-sheet commands are two operations (the figures, then the sheet)
    expect(reads.get(LEDGER.name) ?? 0).toBeLessThanOrEqual(2);
  });
});

test("the trial balance of a narrow read is the one of a full read", async () => {
  const wb = await workbook();
  const narrow = await commandsFor({ port: wb, clock })("trial-balance", { period: "2026-03" });
  const full = await loadBook(wb);
  expect(narrow.tb).toEqual(trialBalance(full.book.ledger, full.book.setup, { from: "2026-03-01", to: "2026-03-31" }));
  // D-2: 6100 Dr 400.00 is March's only line on 6100
  expect(narrow.tb!.rows.find((r) => r.account === "6100")!.debit.toString()).toBe("400.00");
});

describe("a field whose table was not read", () => {
  test("throws a programming error naming the table, as does its raw table and a spread of the book", async () => {
    const s = await openRead(await workbook(), [LEDGER]);
    const { book, raw } = s.loaded;
    expect(book.ledger).toHaveLength(8);
    expect(() => book.journal).toThrow(TableNotReadError);
    expect(() => book.journal).toThrow("tblJournal was not read by this operation (book.journal)");
    expect(() => book.seals).toThrow("tblSeals was not read by this operation");
    expect(() => raw.get(JOURNAL.name)).toThrow("tblJournal was not read by this operation");
    expect(() => ({ ...book })).toThrow(TableNotReadError);
    // a table Closebook does not declare still reads as absent
    expect(raw.get("tblSomethingElse")).toBeUndefined();
  });

  test("is read once when a use case joining the session needs it, and every table when it writes", async () => {
    const { port, reads } = counted(await workbook());
    const s = await openRead(port, [LEDGER]);
    expect(reads.get(JOURNAL.name)).toBeUndefined();
    expect(await readSession(s, [SEALS])).toBe(s);
    expect(s.loaded.book.seals.length).toBeGreaterThan(0);
    expect(await readSession(s, [SEALS, LEDGER])).toBe(s);
    expect(reads.get(SEALS.name)).toBe(1);
    expect(await writeSession(s, ctx)).toBe(s);
    expect(s.loaded.book.journal).toHaveLength(8);
    expect(reads.get(JOURNAL.name)).toBe(1);
    expect(reads.get(LEDGER.name)).toBe(1);
  });
});

test("a narrow read session upgraded to post has the book a fresh read decodes", async () => {
  const wb = await workbook();
  const s = await openRead(wb, [LEDGER]);
  const dims = s.loaded.book.setup.dimensions.map((d) => d.name);
  await writeSession(s, ctx);
  await s.port.appendRows(
    JOURNAL.name,
    encodeRecords(
      JOURNAL,
      dims,
      journal(`
        X-1 2026-04-10 6100 USD Dr 70.00 dept=ADMIN
        X-1 2026-04-10 1000 USD Cr 70.00`),
    ),
  );
  expect((await postJournals(s, ctx)).posted).toBe(true);
  const fresh = await loadBook(wb);
  // the 8 lines posted before, X-1's 2 → 10
  expect(fresh.book.ledger).toHaveLength(10);
  expect(s.loaded.book).toEqual(fresh.book);
});

test("property: for any tables read, the fields read equal a full read's and the others throw", async () => {
  const wb = await workbook();
  const full = await loadBook(wb);
  const fields = Object.keys(BOOK_FIELD_TABLES) as (keyof typeof BOOK_FIELD_TABLES)[];
  await fc.assert(
    fc.asyncProperty(fc.subarray(fields), async (chosen) => {
      const { book } = await loadBook(
        wb,
        chosen.map((f) => BOOK_FIELD_TABLES[f]),
      );
      expect(book.setup).toEqual(full.book.setup);
      expect(book.runs).toEqual(full.book.runs); // always read
      for (const f of fields)
        if (chosen.includes(f) || f === "runs") expect(book[f]).toEqual(full.book[f]);
        else expect(() => book[f]).toThrow(TableNotReadError);
    }),
    { numRuns: 30 },
  );
});
