/**
 * `closebook journal-report`: the table, CSV header, JSON, --write,
 * --journalize once, and the exit codes.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { postJournals } from "../../src/app/postJournals";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { fixedClock } from "../../src/ports/clock";
import { cli } from "../support/cli";
import { journal } from "../support/fixtures";
import { smallCompany } from "../support/smallCompany";

let dir: string;
let file: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "closebook-jr-"));
  file = join(dir, "books.xlsx");
  const wb = XlsxWorkbook.create();
  await setupWorkbook(
    wb,
    smallCompany(
      journal(`
        D-1 2026-03-10 1000 USD Dr 1500.00
        D-1 2026-03-10 4000 USD Cr 1500.00 dept=SALES
        D-2 2026-03-12 6100 USD Dr 400.00 dept=ADMIN
        D-2 2026-03-12 2000 USD Cr 400.00`),
    ),
  );
  expect((await postJournals(wb, { user: "alice", clock: fixedClock("2026-04-01T09:00:00.000Z") })).posted).toBe(true);
  await wb.save(file);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("prints the table with voucher totals and the balance check", async () => {
  const r = await cli("journal-report", file, "--period", "2026-03");
  expect(r.code).toBe(0);
  expect(r.stdout).toContain("Ledger journal report 2026-03-01 to 2026-03-31");
  expect(r.stdout).toMatch(/GL-000001\s+Voucher total\s+1,500\.00\s+1,500\.00/);
  expect(r.stdout).toMatch(/Total\s+2 voucher\(s\), 4 line\(s\)\s+1,900\.00\s+1,900\.00/);
  expect(r.stdout).toContain("every voucher balances.");
});

test("CSV starts with its header; JSON parses", async () => {
  const csv = await cli("journal-report", file, "--from", "2026-03-01", "--to", "2026-03-31", "--format", "csv");
  expect(csv.code).toBe(0);
  expect(csv.stdout.split("\n")[0]).toBe(
    "Date,Voucher,Account,Name,Department,Currency,Amount,Debit,Credit,Description,Journalizing no",
  );
  const json = await cli("journal-report", file, "--period", "2026-03", "--format", "json");
  expect(json.code).toBe(0);
  const parsed = JSON.parse(json.stdout) as { vouchers: unknown[]; totals: { debit: string }; balanced: boolean };
  expect([parsed.vouchers.length, parsed.totals.debit, parsed.balanced]).toEqual([2, "1900.00", true]);
});

test("--journalize numbers the vouchers once and --write stores the sheet; JSON stays parseable", async () => {
  const first = await cli(
    "journal-report",
    file,
    "--period",
    "2026-03",
    "--journalize",
    "--user",
    "alice",
    "--write",
    "--format",
    "json",
  );
  expect(first.code).toBe(0);
  expect(first.stderr).toContain("Journalized 2 voucher(s) (GL-000001..GL-000002) as JNL-000001");
  const parsed = JSON.parse(first.stdout) as { vouchers: { journalizingNo: string }[] };
  expect(parsed.vouchers.map((v) => v.journalizingNo)).toEqual(["JNL-000001", "JNL-000001"]);
  const wb = await XlsxWorkbook.open(file);
  expect((await wb.readTable("tblJournalizing"))?.rows).toHaveLength(2);

  const again = await cli("journal-report", file, "--period", "2026-03", "--journalize", "--user", "alice");
  expect(again.code).toBe(0);
  expect(again.stdout).toContain("Nothing to journalize");
  expect(again.stdout).toMatch(/GL-000002 .*JNL-000001/);
});

test("exit codes: usage 2, unknown period or user 1", async () => {
  expect((await cli("journal-report", file)).code).toBe(2);
  expect((await cli("journal-report", file, "--period", "2026-03", "--format", "xml")).code).toBe(2);
  expect((await cli("journal-report", file, "--period", "2026-03", "--journalize")).code).toBe(2);
  const unknown = await cli("journal-report", file, "--period", "2031-01");
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toContain("UNKNOWN_PERIOD");
  expect((await cli("journal-report", file, "--period", "2026-03", "--journalize", "--user", "mallory")).code).toBe(1);
  expect((await cli("journal-report", join(dir, "missing.xlsx"), "--period", "2026-03")).code).toBe(1);
});
