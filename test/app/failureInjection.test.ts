/**
 * No data lost on failure: every operation that writes is run with a failure
 * injected at each of its write calls in turn (the memory adapter's
 * failOnWrite), then the workbook is opened for writing again (which repairs
 * it) and checked: nothing lost, nothing duplicated, nothing half-posted; the
 * operation then succeeds and the books equal those of a run that never failed.
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { changePeriod } from "../../src/app/changePeriod";
import { importCsv } from "../../src/app/importCsv";
import { loadBook } from "../../src/app/loadBook";
import { openForWrite } from "../../src/app/openForWrite";
import { postJournals } from "../../src/app/postJournals";
import { PROTECTED_SHEETS } from "../../src/app/protectedSheets";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { verifyAuditChain } from "../../src/core/audit/auditChain";
import { trialBalance } from "../../src/core/ledger/trialBalance";
import { verifySeals } from "../../src/core/seal/verifySeals";
import { fixedClock } from "../../src/ports/clock";
import { A, journal } from "../support/fixtures";
import { postProposal, reverseRun } from "../../src/app/closeRuns";
import type { Proposal } from "../../src/core/close/proposal";
import { settle } from "../../src/app/settle";
import { smallCompany } from "../support/smallCompany";
import { WORKBOOK_WHERE } from "../../src/schema/where";

const clock = fixedClock("2026-04-02T10:00:00.000Z");
const ctx = { user: "bob", clock };

/** The starting workbook, built once per file; base() hands each case its own copy. */
let built: Promise<MemoryWorkbook> | undefined;

/** A copy of the starting workbook: its tables, report sheets and sheet locks (the same SheetLock objects; they hold no state). */
async function base(): Promise<MemoryWorkbook> {
  const b = await (built ??= buildBase());
  const snap = b.snapshot();
  const wb = MemoryWorkbook.from(snap.tables, { trusted: true });
  for (const r of snap.reports) await wb.writeReport(r);
  for (const sheet of snap.protectedSheets) await wb.protectWith(sheet, b.lockOf(sheet)!);
  return wb;
}

async function buildBase(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  const company = smallCompany(
    journal(`
        D-0 2026-02-05 1100 USD Dr 20.00
        D-0 2026-02-05 4000 USD Cr 20.00
        D-9 2026-02-20 1000 USD Dr 20.00
        D-9 2026-02-20 1100 USD Cr 20.00
        D-1 2026-02-10 6100 USD Dr 100.00 dept=SALES
        D-1 2026-02-10 1000 USD Cr 100.00
        D-2 2026-03-10 1010 EUR Dr 10.00
        D-2 2026-03-10 4000 EUR Cr 5.00
        D-2 2026-03-10 4000 EUR Cr 5.00
        D-3 2026-03-12 6100 USD Dr 50.00 dept=ADMIN
        D-3 2026-03-12 1000 USD Cr 50.00`),
  );
  // receivables 1100 are settled: an invoice of 20.00 and its payment (both USD, so no exchange difference)
  await setupWorkbook(wb, {
    ...company,
    accounts: company.accounts.map((a) => (a.number === "1100" ? { ...a, settle: true } : a)),
  });
  // February is posted and on hold (sealed) before each operation under test
  await postJournals(wb, { user: "bob", clock, through: "2026-02-28" });
  await changePeriod(wb, { kind: "hold", period: "2026-02", reason: "February closed" }, ctx);
  await postProposal(wb, step("R0"), ctx); // RUN-000003, to be reversed
  return wb;
}

/** A close step's proposal: move 12.34 of rent from ADMIN to SALES on 2026-03-31. */
function step(rule: string): Proposal {
  return {
    step: "test-allocation",
    parameters: { rule },
    trace: [
      { key: `${rule} · 6100 SALES`, inputs: { source: "12.34" }, formula: "12.34 × 100 / 100", result: "12.34" },
    ],
    issues: [],
    vouchers: [
      {
        date: "2026-03-31",
        description: `rule ${rule}`,
        lines: [
          {
            account: "6100",
            dimensions: { Department: "SALES" },
            currency: "USD",
            amount: A("12.34"),
            amountAccounting: A("12.34"),
            description: "to SALES",
          },
          {
            account: "6100",
            dimensions: { Department: "ADMIN" },
            currency: "USD",
            amount: A("-12.34"),
            amountAccounting: A("-12.34"),
            description: "from ADMIN",
          },
        ],
      },
    ],
  };
}

const CSV =
  "Journal,Draft voucher,Date,Account,Department,Currency,Debit,Credit\nIMP,V9,2026-03-20,6100,ADMIN,USD,7.00,\nIMP,V9,2026-03-20,1000,,USD,,7.00\n";

const OPERATIONS: Record<string, (wb: MemoryWorkbook) => Promise<unknown>> = {
  "post journals": (wb) => postJournals(wb, { user: "bob", clock }),
  "import journal lines": (wb) => importCsv(wb, { table: "journal", csv: CSV, fileName: "j.csv", user: "bob", clock }),
  "put a period on hold (seal)": (wb) =>
    changePeriod(wb, { kind: "hold", period: "2026-01", reason: "January closed" }, ctx),
  "reopen a period (unseal)": (wb) =>
    changePeriod(wb, { kind: "reopen", period: "2026-02", reason: "late invoice" }, ctx),
  "close a period permanently": (wb) =>
    changePeriod(wb, { kind: "close", period: "2026-02", reason: "audited", confirm: true }, ctx),
  "post a close step": (wb) => postProposal(wb, step("R1"), ctx),
  "settle (register rows)": (wb) => settle(wb, { kind: "auto", date: "2026-03-31" }, "post", ctx),
  "reverse a run": (wb) => reverseRun(wb, "RUN-000003", { ...ctx, reason: "wrong rule" }),
  "grant a lock exception": (wb) =>
    changePeriod(
      wb,
      { kind: "exception", period: "2026-03", user: "alice", until: "2026-04-30T00:00:00Z", reason: "late accrual" },
      ctx,
    ),
};

/** What must hold after any failure and repair. */
async function checkConsistent(wb: MemoryWorkbook): Promise<void> {
  const { book } = await loadBook(wb);
  expect(book.runs.filter((r) => r.status === "started")).toEqual([]);
  // every posted journal line points at a voucher in the ledger, and every journal voucher's lines are Posted
  const ledgerVouchers = new Set(book.ledger.map((e) => e.voucher));
  for (const l of book.journal) {
    if (l.status === "Posted") expect(ledgerVouchers.has(l.postedVoucher)).toBe(true);
    else expect(l.postedVoucher).toBe("");
  }
  const fromJournal = new Set(book.journal.filter((l) => l.status === "Posted").map((l) => l.postedVoucher));
  for (const e of book.ledger.filter((x) => x.source.startsWith("journal:")))
    expect(fromJournal.has(e.voucher)).toBe(true);
  // a run is reversed exactly when a committed reversal of it exists
  for (const r of book.runs) {
    const reversals = book.runs.filter(
      (x) => x.step === "reverse" && x.status === "committed" && x.parameters.includes(`"runId":"${r.runId}"`),
    );
    expect([r.runId, reversals.length]).toEqual([r.runId, r.status === "reversed" ? 1 : 0]);
  }
  // no entry number twice, every voucher balances, voucher numbers below the sequence
  const nos = book.ledger.map((e) => e.entryNo);
  expect(new Set(nos).size).toBe(nos.length);
  const tb = trialBalance(book.ledger, book.setup, { from: "2026-01-01", to: "2026-12-31" });
  expect(tb.totals.closing.isZero()).toBe(true);
  const next = book.sequences.find((s) => s.name === "voucher")!.next;
  for (const v of ledgerVouchers) expect(Number(v.slice(3))).toBeLessThan(next);
  // seals and audit log intact, system sheets protected again
  expect(verifySeals(WORKBOOK_WHERE, book.ledger, book.seals, book.sealRows)).toEqual([]);
  expect(verifyAuditChain(WORKBOOK_WHERE, book.audit)).toEqual([]);
  for (const sheet of PROTECTED_SHEETS) expect(await wb.isProtected(sheet)).toBe(true);
  // every trace and register row belongs to a run that committed (rolled-back runs took theirs with them)
  const kept = new Set(
    book.runs.filter((r) => r.status === "committed" || r.status === "reversed").map((r) => r.runId),
  );
  for (const table of ["tblRunTrace", "tblSettlements"]) {
    const t = (await wb.readTable(table))!;
    const rc = t.headers.indexOf("Run id");
    for (const row of t.rows) expect([table, kept.has(String(row[rc]))]).toEqual([table, true]);
  }
}

/** The books' content, for comparing with a run that never failed (numbers may differ: failed runs burn them). */
async function books(wb: MemoryWorkbook) {
  const { book } = await loadBook(wb);
  return {
    ledger: book.ledger.map((e) => [e.date, e.account, e.currency, e.amount.toString(), e.amountAccounting.toString()]),
    journal: book.journal.map((l) => [l.row, l.status]),
    runs: book.runs.filter((r) => r.status !== "rolled back").map((r) => [r.step, r.status]),
    periods: book.setup.periods.map((p) => [p.id, p.status, p.access]),
    sealed:
      book.seals.filter((s) => s.status === "sealed").length - book.seals.filter((s) => s.status === "unsealed").length,
    exceptions: book.lockExceptions.map((x) => [x.period, x.user, x.until]),
    trace: (await wb.readTable("tblRunTrace"))!.rows.map((r) =>
      r.slice(1).map((c) => (typeof c === "string" ? c.replace(/SET-\d+/g, "SET-#") : c)),
    ),
    settlements: book.settlements.map((x) => [x.status, x.entries.map((e) => [e.entryNo, e.settledAmount.toString()])]),
  };
}

test("a copy from base() is the workbook buildBase() builds: tables, reports, protected sheets", async () => {
  const copy = await base();
  const fresh = await buildBase();
  expect(copy.snapshot()).toEqual(fresh.snapshot());
  expect(copy.snapshot().protectedSheets.length).toBeGreaterThan(3);
});

describe.each(Object.entries(OPERATIONS))("%s", (_name, operation) => {
  test("a failure at every write step loses, duplicates and half-posts nothing", async () => {
    const clean = await base();
    const before = clean.writeCount;
    await operation(clean);
    const writes = clean.writeCount - before;
    const expected = await books(clean);
    expect(writes).toBeGreaterThan(2);

    for (let n = 1; n <= writes; n++) {
      const wb = await base();
      wb.failOnWrite(n);
      await expect(operation(wb)).rejects.toThrow(/injected failure/);
      await openForWrite(wb, "bob", clock); // the next command that writes repairs the workbook
      await checkConsistent(wb);
      // and the operation can simply be run again: it completes what was rolled back, and refuses
      // to do twice what had committed before the failure (a failure while re-protecting)
      await operation(wb);
      await checkConsistent(wb);
      expect([n, await books(wb)]).toEqual([n, expected]);
    }
  });
});

test("a repair that is itself interrupted, at any of its writes, is finished by the next open", async () => {
  const clean = await base();
  await postJournals(clean, { user: "bob", clock });
  const expected = await books(clean);
  const interrupted = async () => {
    const wb = await base();
    const ledgerBefore = wb.rowCount("tblLedger")!;
    // writes of a posting: the unprotects (PROTECTED_SHEETS, the write lock's sheet first), the write-lock claim, sequences, run row, journal statuses (by key), ledger rows, audit, …
    wb.failOnWrite(PROTECTED_SHEETS.length + 6); // posting dies writing the audit, after the journal statuses and ledger rows were written
    await expect(postJournals(wb, { user: "bob", clock })).rejects.toThrow(/injected failure/);
    expect(wb.rowCount("tblLedger")).toBeGreaterThan(ledgerBefore);
    return wb;
  };
  const probe = await interrupted();
  const start = probe.writeCount;
  await openForWrite(probe, "bob", clock);
  const repairWrites = probe.writeCount - start;
  expect(repairWrites).toBeGreaterThan(10);
  for (let k = 1; k <= repairWrites; k++) {
    const wb = await interrupted();
    wb.failOnWrite(k); // the repair dies at its k-th write
    await expect(openForWrite(wb, "bob", clock)).rejects.toThrow(/injected failure/);
    await openForWrite(wb, "bob", clock);
    await checkConsistent(wb);
    await postJournals(wb, { user: "bob", clock });
    expect([k, await books(wb)]).toEqual([k, expected]);
  }
});
