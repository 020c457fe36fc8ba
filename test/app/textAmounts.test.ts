/**
 * An amount typed as text in a ledger cell ("100.00" stored as a string) is
 * read as 100.00 by Closebook but skipped by Excel's SUM, so the sheet's own
 * totals and Closebook's disagree while the seal (over the decoded amount)
 * still matches. verify and check must name the cell.
 *
 * The small company (test/support): bob posts March's drafts; D-1 is
 * Dr 1000 / Cr 4000 → tblLedger rows 1–2 (2026-03), D-4 → rows 7–8 (2026-04).
 * 2026-03 is put on hold (its 6 rows sealed); 2026-04 stays open.
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { changePeriod } from "../../src/app/changePeriod";
import { checkWorkbook } from "../../src/app/checkWorkbook";
import { verifyWorkbook } from "../../src/app/verifyWorkbook";
import { fixedClock } from "../../src/ports/clock";
import type { WorkbookPort } from "../../src/ports/workbook";
import { postedSmallCompany } from "../support/smallCompany";

const clock = fixedClock("2026-04-05T09:00:00.000Z");

async function book(): Promise<MemoryWorkbook> {
  const wb = await postedSmallCompany(new MemoryWorkbook(), { user: "bob", clock });
  expect(
    (await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "March close" }, { user: "bob", clock })).done,
  ).toBe(true);
  return wb;
}

/** Retypes data row `row`'s `column` as the text of its own number, e.g. 100 → "100.00". */
async function asText(wb: WorkbookPort, row: number, column: string): Promise<string> {
  const t = (await wb.readTable("tblLedger"))!;
  const n = t.rows[row - 1]![t.headers.indexOf(column)] as number;
  const text = n.toFixed(2);
  await wb.unprotect("Ledger", ""); // as an editor would, then protected again so verify does not warn
  await wb.updateCells("tblLedger", [{ row, column, value: text }]);
  await wb.protect("Ledger", "");
  return text;
}

test("a sealed ledger amount retyped as text is named by verify and check", async () => {
  const wb = await book();
  expect((await verifyWorkbook(wb)).issues.filter((i) => i.severity === "error")).toEqual([]);
  const text = await asText(wb, 1, "Amount");
  const expected = expect.objectContaining({
    code: "BAD_CELL",
    severity: "error",
    at: { table: "tblLedger", row: 1, column: "Amount" },
    message: `Amount holds text "${text}"; Excel's SUM skips text — type it as a number.`,
  });
  expect((await verifyWorkbook(wb)).issues).toEqual([expected]);
  expect(await checkWorkbook(wb)).toContainEqual(expected);
});

test("an open period's accounting amount as text is named by check and verify", async () => {
  const wb = await book();
  await asText(wb, 7, "Amount (accounting)");
  const at = { table: "tblLedger", row: 7, column: "Amount (accounting)" };
  expect((await checkWorkbook(wb)).filter((i) => i.code === "BAD_CELL").map((i) => i.at)).toEqual([at]);
  expect((await verifyWorkbook(wb)).issues.map((i) => [i.code, i.at])).toEqual([["BAD_CELL", at]]);
});
