/**
 * Reports over a sealed period whose seal no longer verifies (issue #10, item 6):
 * read-only views show the figures as they are now, with the broken row and
 * column named as errors; report-writing paths write nothing.
 *
 * The small company's posted March (see periodReports.test.ts), March put on hold (sealed),
 * then the Amount (accounting) cell of ledger row 1 (entry 1: D-1 1000 Dr 1,500.00) typed
 * over with 1,500.01, as someone editing the sheet in Excel would.
 * By hand: March's TB now shows 1000 debit 1,500.01, total debits 2,009.01 against credits 2,009.00.
 * February starts before and ends before March: its TB reads no March row, so no seal issue.
 * April's TB reads March (its opening balances), so it carries the seal issue.
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { changePeriod } from "../../src/app/changePeriod";
import { journalize, ledgerJournalReport } from "../../src/app/journalReport";
import { loadBook } from "../../src/app/loadBook";
import { journalReportToSheet, statementsToSheets, trialBalanceToSheet } from "../../src/app/periodReports";
import { protectionPassword } from "../../src/app/protectedSheets";
import { trialBalanceReport } from "../../src/app/trialBalanceReport";
import { fixedClock } from "../../src/ports/clock";
import { LEDGER } from "../../src/schema/tables";
import { postedSmallCompany } from "../support/smallCompany";

const clock = fixedClock("2026-04-05T09:00:00.000Z");
const ctx = { user: "alice", clock };
/** period locks are changed by a controller */
const controller = { ...ctx, user: "bob" };

async function editedAfterSeal(): Promise<MemoryWorkbook> {
  const wb = await postedSmallCompany(new MemoryWorkbook(), ctx);
  expect((await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "March closed" }, controller)).done).toBe(
    true,
  );
  const { book } = await loadBook(wb);
  await wb.unprotect(LEDGER.sheet, protectionPassword(book));
  await wb.updateCells(LEDGER.name, [{ row: 1, column: "Amount (accounting)", value: 1500.01 }]);
  return wb;
}

const changedCell = { table: "tblLedger", row: 1, column: "Amount (accounting)" };

test("tb shows the changed figures, with the seal break named by row and column as an error", async () => {
  const wb = await editedAfterSeal();
  const r = await trialBalanceReport(wb, { period: "2026-03" });
  expect(r.tb?.rows.find((x) => x.account === "1000")?.debit.toString()).toBe("1500.01");
  expect(r.tb?.totals.debit.toString()).toBe("2009.01");
  const seal = r.issues.filter((i) => i.code.startsWith("SEAL_"));
  expect(seal.map((i) => [i.code, i.severity])).toEqual([
    ["SEAL_NOT_VERIFIED", "error"],
    ["SEAL_ROW_CHANGED", "error"],
  ]);
  expect(seal[0]!.message).toContain("2026-03");
  expect(seal[1]!.at).toEqual(changedCell);
});

test("a period before the broken one reads no sealed row of it; a later one does", async () => {
  const wb = await editedAfterSeal();
  expect(
    (await trialBalanceReport(wb, { period: "2026-02" })).issues.filter((i) => i.code.startsWith("SEAL_")),
  ).toEqual([]);
  expect((await trialBalanceReport(wb, { period: "2026-04" })).issues.map((i) => i.code)).toContain("SEAL_ROW_CHANGED");
  // the journal report reads only its own range: April's does not read March's rows
  expect(
    (await ledgerJournalReport(wb, { period: "2026-04" })).issues.filter((i) => i.code.startsWith("SEAL_")),
  ).toEqual([]);
});

test("the journal report is shown with the break named; its sheet and journalizing are refused", async () => {
  const wb = await editedAfterSeal();
  const shown = await ledgerJournalReport(wb, { period: "2026-03" });
  expect(shown.report?.debit.toString()).toBe("2009.01");
  expect(shown.issues.find((i) => i.code === "SEAL_ROW_CHANGED")?.at).toEqual(changedCell);
  const run = await journalReportToSheet(wb, "2026-03");
  expect(run.sheets).toEqual([]);
  expect(run.result.issues.map((i) => i.code)).toEqual(expect.arrayContaining(["REPORT_REFUSED", "SEAL_ROW_CHANGED"]));
  const j = await journalize(wb, { period: "2026-03" }, ctx);
  expect([j.done, j.vouchers]).toEqual([false, []]);
  expect(j.issues.map((i) => i.code)).toContain("REPORT_REFUSED");
  expect(wb.reports()).toEqual([]);
});

test("statements and the trial balance sheet are refused: nothing is written", async () => {
  const wb = await editedAfterSeal();
  const st = await statementsToSheets(wb, "2026-03");
  expect(st.sheets).toEqual([]);
  expect([st.statements.income, st.statements.balance, st.statements.journal]).toEqual([
    undefined,
    undefined,
    undefined,
  ]);
  expect(st.statements.issues.find((i) => i.code === "REPORT_REFUSED")?.message).toMatch(/2026-03/);
  expect(st.statements.issues.find((i) => i.code === "SEAL_ROW_CHANGED")?.at).toEqual(changedCell);
  const tb = await trialBalanceToSheet(wb, "2026-03");
  expect(tb.sheets).toEqual([]);
  expect(tb.issues.map((i) => i.code)).toContain("REPORT_REFUSED");
  expect(wb.reports()).toEqual([]);
  // February's statements read no March row: written
  expect((await statementsToSheets(wb, "2026-02")).sheets.length).toBe(3);
});

test("an intact seal changes nothing: no seal issue, the sheets are written", async () => {
  const wb = await postedSmallCompany(new MemoryWorkbook(), ctx);
  expect((await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "March closed" }, controller)).done).toBe(
    true,
  );
  expect((await trialBalanceReport(wb, { period: "2026-04" })).issues).toEqual([]);
  expect((await statementsToSheets(wb, "2026-03")).sheets.length).toBe(3);
  expect((await trialBalanceToSheet(wb, "2026-03")).sheets.length).toBe(1);
});
