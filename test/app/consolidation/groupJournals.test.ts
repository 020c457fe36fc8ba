/**
 * No daily journals post into a group workbook; a closing-adjustment journal does.
 * Group workbook (USD, FY2026 from January), tblJournal:
 *   row 1  GJ-2026-03   D-1 2026-03-10 1000 Dr 100.00   (a daily journal: refused)
 *   row 2  GJ-2026-03   D-1 2026-03-10 4000 Cr 100.00
 *   row 3  ADJ-2026-03  A-1 2026-03-31 6100 Dr 40.00    (a closing adjustment: posts)
 *   row 4  ADJ-2026-03  A-1 2026-03-31 2100 Cr 40.00
 * Posting everything → refused: DAILY_JOURNAL_IN_GROUP at tblJournal row 1, column Journal, nothing posted
 * (no ledger line, no run). Posting only ADJ-2026-03 → 2 ledger lines, 6100 +40.00 and 2100 −40.00.
 * The same GJ journal in an entity workbook (setting "Consolidation company" = no) posts.
 */
import { MemoryWorkbook } from "../../../src/adapters/memory/memoryWorkbook";
import { groupSetup, setupGroupWorkbook } from "../../../src/app/consolidation/groupSetup";
import { starterSetup } from "../../../src/app/demo/starterSetup";
import { loadBook } from "../../../src/app/loadBook";
import { postJournals } from "../../../src/app/postJournals";
import { setupWorkbook } from "../../../src/app/setupWorkbook";
import { fixedClock } from "../../../src/ports/clock";
import { journal } from "../../support/fixtures";

const clock = fixedClock("2026-04-01T09:00:00.000Z");
const opts = { company: "Group", accountingCurrency: "USD", fiscalYearStart: 2026, startMonth: 1 };
const LINES = `
  D-1 2026-03-10 1000 USD Dr 100.00 journal=GJ-2026-03
  D-1 2026-03-10 4000 USD Cr 100.00 journal=GJ-2026-03
  A-1 2026-03-31 6100 USD Dr 40.00 journal=ADJ-2026-03
  A-1 2026-03-31 2100 USD Cr 40.00 journal=ADJ-2026-03`;

describe("journals in a group workbook", () => {
  test("a daily journal is refused at its row; a closing-adjustment journal posts", async () => {
    const wb = new MemoryWorkbook();
    await setupGroupWorkbook(wb, { ...groupSetup(opts), journal: journal(LINES) });
    const all = await postJournals(wb, { user: "alice", clock });
    expect(all.posted).toBe(false);
    const refused = all.issues.filter((i) => i.code === "DAILY_JOURNAL_IN_GROUP");
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ severity: "error", at: { table: "tblJournal", row: 1, column: "Journal" } });
    expect(refused[0]!.message).toContain("GJ-2026-03 (2 lines)");
    let { book } = await loadBook(wb);
    expect(book.ledger).toHaveLength(0);
    expect(book.runs).toHaveLength(0);

    const adj = await postJournals(wb, { user: "alice", clock, journal: "ADJ-2026-03" });
    expect(adj.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(adj.posted).toBe(true);
    ({ book } = await loadBook(wb));
    expect(book.ledger.map((e) => [e.account, e.amountAccounting.toFixed(2)])).toEqual([
      ["6100", "40.00"],
      ["2100", "-40.00"],
    ]);
  });

  test("the same daily journal posts in an entity workbook", async () => {
    const wb = new MemoryWorkbook();
    await setupWorkbook(wb, { ...starterSetup(opts), journal: journal(LINES) });
    const r = await postJournals(wb, { user: "alice", clock });
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(r.lines).toBe(4);
  });
});
