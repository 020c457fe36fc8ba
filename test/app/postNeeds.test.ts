/**
 * Posting journals reads only what it needs (issue #14): the drafts, sequences, audit log, lock exceptions and
 * seals — not the ledger's rows, which it appends to (ledgerTail.ts: the ledger's row count, checked against
 * the runs' recorded tails and lines, gives where it ends and the next entry number). A ledger the runs do not
 * account for is read and checked whole, as before. The workbooks after a posting are the same whichever way.
 *
 * The workbook: the small company's 8 March/April draft lines posted by bob as RUN-000001 (tail 0, 8 lines:
 * ledger rows 1..8, entries 1..8).
 */
import fc from "fast-check";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { reverseRun } from "../../src/app/closeRuns";
import { commandsFor } from "../../src/app/commands";
import { revalue } from "../../src/app/closeSteps";
import { loadBook } from "../../src/app/loadBook";
import { openWrite } from "../../src/app/operation";
import { postJournals } from "../../src/app/postJournals";
import { fixedClock } from "../../src/ports/clock";
import { withUnprotected } from "../../src/ports/protection";
import type { WorkbookPort } from "../../src/ports/workbook";
import { encodeRecords } from "../../src/schema/records";
import { JOURNAL, LEDGER, SEAL_ROWS } from "../../src/schema/tables";
import { counted } from "../support/countedReads";
import { journal } from "../support/fixtures";
import { postedSmallCompany } from "../support/smallCompany";

const clock = fixedClock("2026-04-02T10:00:00.000Z");
const ctx = { user: "bob", clock };

async function addDrafts(port: WorkbookPort, text: string): Promise<void> {
  const dims = (await loadBook(port, [])).book.setup.dimensions.map((d) => d.name);
  await port.appendRows(JOURNAL.name, encodeRecords(JOURNAL, dims, journal(text)));
}

const X1 = `
  X-1 2026-04-10 6100 USD Dr 70.00 dept=ADMIN
  X-1 2026-04-10 1000 USD Cr 70.00`;

test("post appends to the ledger without reading its rows, numbering entries after the runs' 8", async () => {
  const wb = await postedSmallCompany(new MemoryWorkbook(), ctx);
  await addDrafts(wb, X1);
  const { port, reads } = counted(wb);
  const r = await postJournals(port, ctx);
  expect(r.posted).toBe(true);
  expect(reads.get(LEDGER.name)).toBeUndefined();
  expect(reads.get(SEAL_ROWS.name)).toBeUndefined();
  expect(reads.get(JOURNAL.name)).toBe(1);
  const { book } = await loadBook(wb);
  // RUN-000001 wrote rows 1..8 (entries 1..8); X-1's two lines are rows 9 and 10, entries 9 and 10, run RUN-000002
  expect(book.ledger.slice(8).map((e) => [e.entryNo, e.runId, e.account])).toEqual([
    [9, "RUN-000002", "6100"],
    [10, "RUN-000002", "1000"],
  ]);
});

test("a port that cannot tell a table's size (no tableSize): the ledger is read once and checked whole, as before", async () => {
  const wb = await postedSmallCompany(new MemoryWorkbook(), ctx);
  await addDrafts(wb, X1);
  const { port, reads } = counted(wb);
  delete (port as { tableSize?: unknown }).tableSize;
  const r = await postJournals(port, ctx);
  expect(r.posted).toBe(true);
  expect(reads.get(LEDGER.name)).toBe(1);
  // the same entries as without reading: 9 and 10 after RUN-000001's 8
  expect((await loadBook(wb)).book.ledger.slice(8).map((e) => e.entryNo)).toEqual([9, 10]);
});

test("a ledger row no run wrote changes the row count: the ledger is read and the posting refused, as before", async () => {
  const wb = await postedSmallCompany(new MemoryWorkbook(), ctx);
  const { book } = await loadBook(wb);
  const dims = book.setup.dimensions.map((d) => d.name);
  // a copy of row 1 typed in as row 9: 9 rows where RUN-000001 accounts for 8
  await withUnprotected(wb, [LEDGER.sheet], "", () =>
    wb.appendRows(LEDGER.name, encodeRecords(LEDGER, dims, [{ ...book.ledger[0]!, entryNo: 9, runId: "" }])),
  );
  await addDrafts(wb, X1);
  const { port, reads } = counted(wb);
  const r = await postJournals(port, ctx);
  expect(r.posted).toBe(false);
  expect(reads.get(LEDGER.name)).toBe(1);
  expect(r.issues.map((i) => [i.code, i.at?.row])).toContainEqual(["LEDGER_ROW_WITHOUT_RUN", 9]);
});

test("a ledger row deleted: the ledger is read and the posting refused, as before", async () => {
  const wb = await postedSmallCompany(new MemoryWorkbook(), ctx);
  // row 8 deleted: 7 rows where RUN-000001 accounts for 8
  await withUnprotected(wb, [LEDGER.sheet], "", () => wb.truncateRows(LEDGER.name, 7));
  await addDrafts(wb, X1);
  const { port, reads } = counted(wb);
  const r = await postJournals(port, ctx);
  expect(r.posted).toBe(false);
  expect(reads.get(LEDGER.name)).toBe(1);
  expect(r.issues.map((i) => i.code)).toContain("LEDGER_ROWS_MISSING");
});

test("a reversal and a year-end preview read every table but the journal (the drafts are not theirs)", async () => {
  const wb = await postedSmallCompany(new MemoryWorkbook(), ctx);
  const { port, reads } = counted(wb);
  const send = commandsFor({ port, clock });
  const rev = await send("reverse-run", { runId: "RUN-000001", user: "bob", reason: "wrong" });
  expect(rev.issues.filter((i) => i.severity === "error")).toEqual([]);
  expect(rev.posted).toBe(true);
  const ye = await send("year-end", { fiscalYear: "FY2026", mode: "preview", user: "bob" });
  expect(ye).toBeDefined();
  expect(reads.get(JOURNAL.name)).toBeUndefined();
  // one read of the ledger per command
  expect(reads.get(LEDGER.name)).toBe(2);
});

/** One step of the property: drafts posted, the last posting reversed, March revalued, or a ledger row typed in. */
type Op =
  | { kind: "post"; lines: { day: number; cents: number; april: boolean }[] }
  | { kind: "reverse" }
  | { kind: "revalue" }
  | { kind: "type" };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("post" as const),
      lines: fc.array(
        fc.record({
          day: fc.integer({ min: 1, max: 28 }),
          cents: fc.integer({ min: 1, max: 999_999 }),
          april: fc.boolean(),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: "reverse" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "revalue" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "type" as const }) },
);

const money = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;

async function apply(wb: MemoryWorkbook, op: Op, n: number, full: boolean): Promise<unknown> {
  switch (op.kind) {
    case "post": {
      const text = op.lines
        .map((l, i) => {
          const date = `2026-${l.april ? "04" : "03"}-${String(l.day).padStart(2, "0")}`;
          const v = `P${n}-${i}`;
          // EUR lines give the revaluation something to revalue
          const cur = i % 2 ? "EUR" : "USD";
          return `${v} ${date} 1010 ${cur} Dr ${money(l.cents)}\n${v} ${date} 2000 ${cur} Cr ${money(l.cents)}`;
        })
        .join("\n");
      await addDrafts(wb, text);
      // the read-everything path: a session holding every table joins the posting
      const r = await postJournals(full ? await openWrite(wb, ctx) : wb, ctx);
      return [r.posted, r.runId, r.vouchers.map((v) => v.voucher)];
    }
    case "reverse": {
      const runs = (await loadBook(wb, [])).book.runs.filter(
        (r) => r.step === "post-journals" && r.status === "committed",
      );
      const last = runs[runs.length - 1];
      if (!last) return "none";
      // the reversal reads every table but the journal; the read-everything path joins a session of all
      const r = await reverseRun(full ? await openWrite(wb, ctx) : wb, last.runId, { ...ctx, reason: "property" });
      return [r.posted, r.runId];
    }
    case "revalue": {
      const r = await revalue(wb, { date: "2026-03-31", mode: "post" }, ctx);
      return JSON.stringify(r, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v)).length > 0;
    }
    case "type": {
      const { book } = await loadBook(wb);
      const dims = book.setup.dimensions.map((d) => d.name);
      const e = book.ledger[0]!;
      const row = encodeRecords(LEDGER, dims, [{ ...e, entryNo: book.ledger.length + 1, runId: "" }]);
      await withUnprotected(wb, [LEDGER.sheet], "", () => wb.appendRows(LEDGER.name, row));
      return "typed";
    }
  }
}

test("property: any sequence of postings, reversals, revaluations and typed rows leaves the same workbook whether the posting reads the ledger or not", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 6 }), async (ops) => {
      const narrow = await postedSmallCompany(new MemoryWorkbook(), ctx);
      const whole = await postedSmallCompany(new MemoryWorkbook(), ctx);
      for (const [n, op] of ops.entries()) {
        const a = await apply(narrow, op, n, false);
        const b = await apply(whole, op, n, true);
        expect(a).toEqual(b);
        expect(narrow.snapshot()).toEqual(whole.snapshot());
      }
    }),
    { numRuns: 25 },
  );
}, 120_000);
