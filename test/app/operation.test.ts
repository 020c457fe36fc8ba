/**
 * One operation opens the workbook once (operation.ts): the close of the small March book below runs
 * seven steps, three of them posting (settlement, revaluation, allocation) — today each step and each
 * post reads the whole workbook again, so tblLedger is read about a dozen times; through one session it
 * is read once. And the session's book, kept current by patching instead of rereading, must be the book
 * a fresh read decodes.
 *   - EUR bank 1010: 200.00 EUR at 1.0825 + 100.00 EUR at 1.09; receivable 1100 settled (gain 0.75);
 *     rent 6100 ADMIN 1,000.00, rule R1 moves 60 % to SALES (see closeStepByStep.test.ts for the figures).
 */
import fc from "fast-check";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { closePeriod } from "../../src/app/closePeriod";
import { loadBook } from "../../src/app/loadBook";
import { openRead, openWrite, readSession, writeSession } from "../../src/app/operation";
import { postJournals } from "../../src/app/postJournals";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { fixedClock } from "../../src/ports/clock";
import { encodeRecords } from "../../src/schema/records";
import { JOURNAL } from "../../src/schema/tables";
import { counted } from "../support/countedReads";
import { acct, journal } from "../support/fixtures";
import { smallCompany } from "../support/smallCompany";

const clock = fixedClock("2026-04-02T10:00:00.000Z");
const ctx = { user: "bob", clock };

const MARCH = `
  D-0 2026-03-02 1010 EUR Dr 200.00
  D-0 2026-03-02 3000 EUR Cr 200.00
  D-1 2026-03-10 1100 EUR Dr 100.00
  D-1 2026-03-10 4000 EUR Cr 100.00
  D-2 2026-03-25 1010 EUR Dr 100.00
  D-2 2026-03-25 1100 EUR Cr 100.00
  D-3 2026-03-05 6100 USD Dr 1000.00 dept=ADMIN
  D-3 2026-03-05 1000 USD Cr 1000.00`;

async function march(post = true): Promise<MemoryWorkbook> {
  const company = smallCompany(journal(MARCH));
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, {
    ...company,
    settings: {
      ...company.settings,
      unrealizedGainAccount: "7100",
      unrealizedLossAccount: "7110",
      realizedGainAccount: "7200",
      realizedLossAccount: "7210",
    },
    accounts: [
      ...company.accounts.map((a) => (a.number === "1100" ? { ...a, settle: true } : a)),
      acct("7100", "Unrealized FX gain", "revenue"),
      acct("7110", "Unrealized FX loss", "expense"),
      acct("7200", "Realized FX gain", "revenue"),
      acct("7210", "Realized FX loss", "expense"),
    ],
  });
  if (post) expect((await postJournals(wb, ctx)).posted).toBe(true);
  await wb.appendRows("tblAllocationRules", [
    [
      ...["R1", "Rent to sales", "fixedPercentage", "6100", "Department=ADMIN", null, "6100", "Department=SALES", 60],
      ...Array<null>(5).fill(null),
      true,
    ],
  ]);
  return wb;
}

const sortIssues = (xs: readonly { code: string; message: string }[]) => xs.map((i) => `${i.code} ${i.message}`).sort();

test("the one-command close (three posting steps) reads the ledger and the runs once", async () => {
  const wb = await march();
  const { port, reads } = counted(wb);
  const closed = await closePeriod(port, { period: "2026-03", preview: false }, ctx);
  expect(closed.completed).toBe(true);
  // three steps posted: settlement, revaluation, allocation (closeStepByStep.test.ts) — and one read
  expect(reads.get("tblLedger")).toBe(1);
  expect(reads.get("tblRuns")).toBe(1);
});

test("a session's book after its writes equals the book a fresh read decodes", async () => {
  const wb = await march(false);
  const s = await openWrite(wb, ctx);
  expect(s.loaded.book.ledger).toHaveLength(0);
  expect((await postJournals(s, ctx)).posted).toBe(true);
  const closed = await closePeriod(s, { period: "2026-03", preview: false }, ctx);
  expect(closed.completed).toBe(true);
  const fresh = await loadBook(wb);
  // 8 journal lines posted, then the close: 1 realized-gain voucher (2 lines), 1 revaluation voucher
  // (2 lines), 1 allocation voucher (2 lines) → 14 ledger lines
  expect(fresh.book.ledger).toHaveLength(14);
  expect(s.loaded.book).toEqual(fresh.book);
  expect(sortIssues(s.loaded.issues)).toEqual(sortIssues(fresh.issues));
});

test("a read session upgraded to write and a session reused keep one read", async () => {
  const wb = await march();
  const { port, reads } = counted(wb);
  const s = await openRead(port);
  expect(await readSession(s)).toBe(s);
  expect(await writeSession(s, ctx)).toBe(s);
  expect(s.writer?.user).toBe("bob");
  expect(reads.get("tblLedger")).toBe(1);
});

test("property: after any number of postings through one session its book equals a fresh read", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 999 }), { minLength: 1, maxLength: 4 }), async (amounts) => {
      const wb = await march(false);
      const s = await openWrite(wb, ctx);
      const dims = s.loaded.book.setup.dimensions.map((d) => d.name);
      for (const [k, a] of amounts.entries()) {
        // draft lines added through the session (as a pane's journal entry would), then posted on it
        const lines = journal(`
          X-${k} 2026-03-1${k} 6100 USD Dr ${a}.00 dept=ADMIN
          X-${k} 2026-03-1${k} 1000 USD Cr ${a}.00`);
        await s.port.appendRows("tblJournal", encodeRecords(JOURNAL, dims, lines));
        const posted = await postJournals(s, ctx);
        expect(posted.issues.filter((i) => i.severity === "error")).toEqual([]);
        expect(posted.posted).toBe(true);
      }
      const fresh = await loadBook(wb);
      expect(s.loaded.book).toEqual(fresh.book);
    }),
    { numRuns: 5 },
  );
});
