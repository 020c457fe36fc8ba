/**
 * Posting through the Excel adapter while the user sorts the Journal sheet
 * between two of its syncs (issue #17 risk 1, end to end on the fake host).
 * Whatever sync the sort lands before, no journal line may be marked with a
 * voucher whose ledger lines are not its own, no ledger row may be lost or
 * doubled, and after the next open no run is left half-written: either all
 * four lines are Posted with four ledger rows, or none is and the ledger is
 * empty.
 *
 * Worked example: drafts D-1 1010 Dr 100 / 4000 Cr 100, D-2 6100 Dr 50 /
 * 1000 Cr 50; sorted by Account descending they read 6100, 4000, 1010, 1000.
 * Marking by the positions read before the sort would mark 6100 (D-2) with
 * GL-000001, whose ledger lines are 1010 and 4000: caught by the check below.
 */
import { ExcelWorkbook } from "../../../src/adapters/excel/excelWorkbook";
import { loadBook } from "../../../src/app/loadBook";
import { openForWrite } from "../../../src/app/openForWrite";
import { postJournals } from "../../../src/app/postJournals";
import { setupWorkbook } from "../../../src/app/setupWorkbook";
import { fixedClock } from "../../../src/ports/clock";
import { createFakeExcel, sortTable } from "../../../src/preview/fakeExcel";
import { journal } from "../../support/fixtures";
import { smallCompany } from "../../support/smallCompany";

const clock = fixedClock("2026-04-01T09:00:00.000Z");
const GOOD = `
  D-1 2026-03-10 1010 EUR Dr 100.00 dept=SALES
  D-1 2026-03-10 4000 EUR Cr 100.00 dept=SALES
  D-2 2026-03-12 6100 USD Dr 50.00 dept=ADMIN
  D-2 2026-03-12 1000 USD Cr 50.00`;

async function fresh() {
  const fake = createFakeExcel();
  const port = new ExcelWorkbook(fake.run);
  await setupWorkbook(port, smallCompany(journal(GOOD)));
  fake.resetStats();
  return { fake, port };
}

test("a sort before any sync of a posting never marks a wrong line nor leaves a half-written run", async () => {
  const probe = await fresh();
  await postJournals(probe.port, { user: "alice", clock });
  const total = probe.fake.stats.syncs.length;
  expect(total).toBeGreaterThan(10);
  const outcomes = new Set<string>();
  for (let k = 0; k < total; k += Math.max(1, Math.floor(total / 12))) {
    const { fake, port } = await fresh();
    const stop = fake.betweenSyncs((model, n) => {
      if (n === k) sortTable(model, "tblJournal", "Account", true);
    });
    const r = await postJournals(port, { user: "alice", clock });
    stop();
    await openForWrite(port, "alice", clock); // finishes any repair
    const { book } = await loadBook(port);
    const posted = book.journal.filter((l) => l.status === "Posted");
    for (const l of posted) {
      const lines = book.ledger.filter((e) => e.voucher === l.postedVoucher);
      expect([k, l.draftVoucher, lines.some((e) => e.account === l.account)]).toEqual([k, l.draftVoucher, true]);
    }
    expect([k, posted.length, book.ledger.length]).toEqual(posted.length === 0 ? [k, 0, 0] : [k, 4, 4]);
    expect(book.runs.every((run) => run.status !== "started")).toBe(true);
    outcomes.add(r.posted ? "posted" : r.issues.map((i) => i.code).join(","));
  }
  expect(outcomes.has("posted")).toBe(true);
  // some sort landed between the posting's read and its journal write: refused (by position, it would have marked wrong lines)
  expect([...outcomes].some((o) => o.includes("ROWS_MOVED"))).toBe(true);
});
