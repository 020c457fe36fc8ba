/**
 * The checklist commands end to end on an .xlsx: the small company (bob controller,
 * alice preparer; March posted by bob) plus dave (reviewer) and a two-task template.
 * March ends Tuesday 2026-03-31: T1 BD+1 → 2026-04-01, T2 BD+2 → 2026-04-02.
 * The CLI's clock is 2026-12-01, so both are past due until reviewed.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { postJournals } from "../../src/app/postJournals";
import { fixedClock } from "../../src/ports/clock";
import { journal } from "../support/fixtures";
import { MARCH_DRAFTS, smallCompany } from "../support/smallCompany";
import { cli } from "../support/cli";

let dir: string;
let file: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "closebook-checklist-"));
  file = join(dir, "small.xlsx");
  const wb = XlsxWorkbook.create();
  await setupWorkbook(wb, smallCompany(journal(MARCH_DRAFTS)));
  await postJournals(wb, { user: "bob", clock: fixedClock("2026-04-05T09:00:00.000Z") });
  const users = (await wb.readTable("tblUsers"))!;
  await wb.appendRows("tblUsers", [
    users.headers.map(
      (h) => (({ User: "dave", Roles: "reviewer", Active: true }) as Record<string, string | boolean>)[h] ?? null,
    ),
  ]);
  await wb.appendRows("tblCloseTemplate", [
    ["T1", "Ledger", "Journals posted", "", "alice", "dave", "BD+1", "", "", false, ""],
    ["T2", "Accruals", "Accruals booked", "", "alice", "reviewer", "BD+2", "T1", "", false, ""],
  ]);
  await wb.save(file);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("generate, sign, a refused lock, then the lock; json output", async () => {
  const g = await cli("checklist", file, "--period", "2026-03", "--generate", "--user", "bob");
  expect(g.stderr).toBe("");
  expect(g.stdout).toContain("2 task(s) added");
  expect(g.stdout).toContain("2026-03: 0 of 2 done; past due 2, due today 0, blocked 1, remaining 2");

  const sod = await cli(
    "task",
    file,
    "--period",
    "2026-03",
    "--task",
    "T1",
    "--prepare",
    "--user",
    "alice",
    "--evidence",
    "Journal sheet",
  );
  expect(sod.code).toBe(0);
  const self = await cli("task", file, "--period", "2026-03", "--task", "T1", "--review", "--user", "alice");
  expect([self.code, self.stderr]).toEqual([1, expect.stringContaining("[SEPARATION_OF_DUTIES]")]);

  const refused = await cli(
    "period",
    file,
    "--period",
    "2026-03",
    "--hold",
    "--reason",
    "March close",
    "--user",
    "bob",
  );
  expect(refused.code).toBe(1);
  expect(refused.stderr.match(/\[CHECKLIST_OPEN\]/g)).toHaveLength(2);

  expect((await cli("task", file, "--period", "2026-03", "--task", "T1", "--review", "--user", "dave")).code).toBe(0);
  const blocked = await cli(
    "task",
    file,
    "--period",
    "2026-03",
    "--task",
    "T2",
    "--na",
    "--user",
    "alice",
    "--reason",
    "no accruals",
  );
  expect(blocked.stderr).toContain("[NOT_ASSIGNED]");
  expect(
    (
      await cli(
        "task",
        file,
        "--period",
        "2026-03",
        "--task",
        "T2",
        "--na",
        "--user",
        "dave",
        "--reason",
        "no accruals in March",
      )
    ).code,
  ).toBe(0);

  const json = await cli("checklist", file, "--period", "2026-03", "--format", "json");
  const parsed = JSON.parse(json.stdout) as { tasks: Record<string, string>[] };
  expect(parsed.tasks.map((t) => [t.Task, t.Status, t["Prepared by"], t["Reviewed by"]])).toEqual([
    ["T1", "Reviewed", "alice", "dave"],
    ["T2", "N/A", "", "dave"],
  ]);
  const held = await cli("period", file, "--period", "2026-03", "--hold", "--reason", "March close", "--user", "bob");
  expect([held.code, held.stderr]).toEqual([0, ""]);
  const v = await cli("verify", file);
  expect(v.code).toBe(0);
  const report = await cli("checklist", file, "--period", "2026-03", "--report", "--format", "csv");
  expect(report.stdout).toContain('Wrote sheet "Close status 2026-03"');
  expect(report.stdout.split("\n")[0]).toBe(
    "Task,Area,Title,Status,Due,Preparer,Reviewer,Prepared by,Prepared at,Reviewed by,Reviewed at,Blocked by,Flag,Evidence,Note,Reason,Reconciliation",
  );
  // T1 reviewed 2026-12-01 (the CLI's clock), due 2026-04-01: late
  expect(report.stdout).toMatch(/^T1,Ledger,Journals posted,Reviewed,2026-04-01,.*,late,/m);
});

test("recon --range SHEET!RANGE reads a sheet typed by the user (not a table); a missing sheet is an issue", async () => {
  // a bank statement pasted on its own sheet, as another program writes it: B2 60.10, B3 48.90, A4 "Total"
  const x = new ExcelJS.Workbook();
  await x.xlsx.readFile(file);
  const ws = x.addWorksheet("Bank statement");
  ws.getCell("A1").value = "Date";
  ws.getCell("B1").value = "Amount";
  ws.getCell("B2").value = 60.1;
  ws.getCell("B3").value = 48.9;
  ws.getCell("A4").value = "Total";
  await x.xlsx.writeFile(file);
  // 1010 at 2026-04-30: EUR 100.00 posted in March at 1.09 → USD 109.00; 60.10 + 48.90 = 109.00 → difference 0.00
  const r = await cli(
    "recon",
    file,
    "--period",
    "2026-04",
    "--account",
    "1010",
    "--range",
    "'Bank statement'!B2:B3",
    "--user",
    "alice",
  );
  expect([r.code, r.stderr]).toEqual([0, ""]);
  expect(r.stdout).toContain(
    "Reconciliation of 1010 for 2026-04: ledger 109.00, unexplained difference after reconciling items 0.00",
  );
  const missing = await cli(
    "recon",
    file,
    "--period",
    "2026-04",
    "--account",
    "1010",
    "--range",
    "Bank!B2:B3",
    "--user",
    "alice",
  );
  expect(missing.code).toBe(1);
  expect(missing.stdout + missing.stderr).toContain("MISSING_SHEET");
  // the heading row and the "Total" label are text: refused, naming the cells
  const text = await cli(
    "recon",
    file,
    "--period",
    "2026-04",
    "--account",
    "1010",
    "--range",
    "'Bank statement'!A1:B4",
    "--user",
    "alice",
  );
  expect(text.code).toBe(1);
  expect(text.stdout + text.stderr).toContain(`'Bank statement'!A1 holds the text "Date"`);
});

test("the Close checklist sheet read by exceljs (no add-in): due dates are real dates; the Close status report is there", async () => {
  const x = new ExcelJS.Workbook();
  await x.xlsx.readFile(file);
  const ws = x.getWorksheet("Close checklist")!;
  const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ""));
  const due = header.indexOf("Due");
  const task = header.indexOf("Task");
  expect(due).toBeGreaterThan(0);
  // T1 of March: BD+1 from Tue 2026-03-31 → Wed 2026-04-01, stored as a date (not text) with a date format
  const row = [2, 3].map((r) => ws.getRow(r)).find((r) => r.getCell(task).value === "T1")!;
  const cell = row.getCell(due);
  expect(cell.value).toEqual(new Date("2026-04-01T00:00:00.000Z"));
  expect(cell.numFmt).toMatch(/y/);
  expect(x.getWorksheet("Close status 2026-03")?.getCell("A1").value).toBe("Close status 2026-03");
});
