/**
 * `closebook lines`: the ledger lines behind a figure, read from an .xlsx file.
 * The small company's March (MARCH_DRAFTS), by hand: 4000 has D-1 credit 1,500.00 (SALES, ledger row 2)
 * and D-3 credit EUR 100.00 × 1.09 = USD 109.00 (row 6) → total −1,609.00, as `tb` prints for 4000.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { fixedClock } from "../../src/ports/clock";
import { cli } from "../support/cli";
import { postedSmallCompany } from "../support/smallCompany";

let dir: string;
let file: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "closebook-lines-"));
  file = join(dir, "small.xlsx");
  const wb = await postedSmallCompany(XlsxWorkbook.create(), {
    user: "alice",
    clock: fixedClock("2026-04-05T09:00:00Z"),
  });
  await wb.save(file);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("table: each line with its ledger row and both amounts, the total", async () => {
  const r = await cli("lines", file, "--account", "4000", "--period", "2026-03");
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const out = r.stdout.split("\n");
  expect(out[0]).toBe("Ledger lines of 4000, 2026-03-01 to 2026-03-31, movement (debit − credit) in USD: 2 lines");
  expect(out[2]).toMatch(/^ *2 {2}2026-03-10 {2}GL-\d+ +4000 .* USD +-1,500\.00 +-1,500\.00$/);
  expect(out[3]).toMatch(/^ *6 {2}2026-03-20 {2}GL-\d+ +4000 .* EUR +-100\.00 +-109\.00$/);
  expect(r.stdout).toContain("Total -1,609.00 USD");
  expect(r.stdout).toContain("By transaction currency: EUR -100.00, USD -1,500.00");
});

test("json and csv, a dimension filter, the credit figure", async () => {
  const j = await cli(
    "lines",
    file,
    "--account",
    "4000",
    "--period",
    "2026-03",
    "--dimension",
    "Department=SALES",
    "--format",
    "json",
  );
  expect(j.code).toBe(0);
  const parsed = JSON.parse(j.stdout) as { lines: { row: number; amountAccounting: string }[]; total: string };
  expect(parsed.lines.map((l) => [l.row, l.amountAccounting])).toEqual([[2, "-1500.00"]]);
  expect(parsed.total).toBe("-1500.00");
  const c = await cli(
    "lines",
    file,
    "--account",
    "4000:4999",
    "--from",
    "2026-03",
    "--to",
    "2026-04-30",
    "--format",
    "csv",
  );
  expect(c.code).toBe(0);
  expect(c.stdout.trim().split("\n")).toHaveLength(1 + 3); // header + March's two lines + April's D-4
  const credit = await cli("lines", file, "--account", "1000", "--period", "2026-03", "--figure", "credit");
  expect(credit.stdout).toContain("0 lines"); // 1000 was only debited in March (D-1 1,500.00)
  expect(credit.stdout).toContain("Total credits 0.00 USD");
});

test("bad input: usage errors exit 2, workbook issues exit 1", async () => {
  expect((await cli("lines", file, "--period", "2026-03")).code).toBe(2);
  expect((await cli("lines", file, "--account", "4000")).code).toBe(2);
  expect((await cli("lines", file, "--account", "4000", "--period", "2026-03", "--figure", "net")).code).toBe(2);
  const unknown = await cli("lines", file, "--account", "4000", "--period", "2031-01");
  expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringContaining("UNKNOWN_PERIOD")]);
  const dim = await cli("lines", file, "--account", "4000", "--period", "2026-03", "--dimension", "Region=EU");
  expect([dim.code, dim.stderr]).toEqual([1, expect.stringContaining('there is no dimension "Region"')]);
});
