/**
 * The CLI's reports on an .xlsx whose sealed March was edited afterwards (issue #10, item 6).
 * Decision (README, "The seal"): a view (tb, open-items, journal-report) still prints the
 * figures as they are now, names the broken row and column, and exits 1 — an auditor must not
 * take a report over tampered sealed rows as clean; writing commands (statements, tb --write,
 * journal-report --write) write nothing and exit 1.
 *
 * The small company's March (D-1 1000 Dr 1,500.00 is ledger row 1), held (sealed), then row 1's
 * Amount (accounting) typed over with 1,500.01 → March's TB shows 1000 debit 1,500.01.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { changePeriod } from "../../src/app/changePeriod";
import { loadBook } from "../../src/app/loadBook";
import { protectionPassword } from "../../src/app/protectedSheets";
import { fixedClock } from "../../src/ports/clock";
import { LEDGER } from "../../src/schema/tables";
import { cli } from "../support/cli";
import { postedSmallCompany } from "../support/smallCompany";

const ctx = { user: "alice", clock: fixedClock("2026-04-05T09:00:00.000Z") };
const BROKEN =
  "tblLedger row 1, Amount (accounting): Entry 1 in sealed period 2026-03 was changed (Amount (accounting)).";

let dir: string;
let file: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "closebook-sealed-"));
  file = join(dir, "edited.xlsx");
  const wb = await postedSmallCompany(XlsxWorkbook.create(), ctx);
  expect(
    (await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "March closed" }, { ...ctx, user: "bob" })).done,
  ).toBe(true);
  const { book } = await loadBook(wb);
  await wb.unprotect(LEDGER.sheet, protectionPassword(book));
  await wb.updateCells(LEDGER.name, [{ row: 1, column: "Amount (accounting)", value: 1500.01 }]);
  await wb.save(file);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("tb prints the changed trial balance, names the broken row and column, and exits 1", async () => {
  const r = await cli("tb", file, "--period", "2026-03");
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/^1000 .* 1,500\.01 /m);
  expect(r.stderr).toContain("[SEAL_NOT_VERIFIED]");
  expect(r.stderr).toContain(BROKEN);
});

test("tb --write, statements and journal-report --write write nothing", async () => {
  const before = readFileSync(file);
  const tb = await cli("tb", file, "--period", "2026-03", "--write");
  expect(tb.code).toBe(1);
  expect(tb.stderr).toContain("[REPORT_REFUSED]");
  const st = await cli("statements", file, "--period", "2026-03");
  expect(st.code).toBe(1);
  expect(st.stderr).toContain("[REPORT_REFUSED]");
  expect(st.stderr).toContain(BROKEN);
  expect(st.stdout).toBe("");
  const jr = await cli("journal-report", file, "--period", "2026-03", "--write");
  expect(jr.code).toBe(1);
  expect(jr.stdout).toContain("GL-000001");
  expect(jr.stderr).toContain("[REPORT_REFUSED]");
  expect(jr.stderr).toContain(BROKEN);
  expect(readFileSync(file).equals(before)).toBe(true);
});

test("open-items and journal-report on screen name the break and exit 1; February's tb is clean", async () => {
  const oi = await cli("open-items", file);
  expect(oi.code).toBe(1);
  expect(oi.stderr).toContain(BROKEN);
  const jr = await cli("journal-report", file, "--period", "2026-03");
  expect(jr.code).toBe(1);
  expect(jr.stderr).toContain("[SEAL_NOT_VERIFIED]");
  const feb = await cli("tb", file, "--period", "2026-02");
  expect([feb.code, feb.stderr]).toEqual([0, ""]);
});
