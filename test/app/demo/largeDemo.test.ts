/**
 * The large demo (`closebook demo FILE --lines N`, issue #14): the ledger and journal rows
 * streamed into the file (src/app/demo/largeDemo.ts, src/adapters/xlsx/streamAppend.ts) make
 * the same book as setupWorkbook + postJournals through exceljs (bench/largeWorkbook.ts, the
 * way the bench made it before), pass check and verify, and exceljs reads every row.
 *
 * Worked by hand for 800 lines and 10 drafts:
 *  - 400 vouchers of two lines, GL-000001..GL-000400, one run RUN-000001 with tails {tblLedger: 0}.
 *  - voucher D-0 (USD, 2026-01-01): the LCG's first output is
 *    (12345 · 1103515245 + 12345) mod 2^31 = 13,622,895,711,870 − 6,343 · 2,147,483,648 = 1,406,932,606;
 *    100 + 1,406,932,606 mod 10^7 = 6,932,706 cents → 69,327.06 on account 6100 (SALES, CC100).
 *  - the last voucher is the last one of 31 December (day 364): D-v with v ≡ 364 · 313 ≡ 52 (mod 365)
 *    (7 · 52 = 364), v < 400: D-52 alone, USD (52 mod 4 = 0), 6100 Dr SALES CC100 / 1000 Cr.
 *  - Journal: 800 + 10 rows (15 columns, A..O) → ref A1:O811; Ledger 800 rows (17, A..Q) → A1:Q801.
 */
import * as ExcelJS from "exceljs";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XlsxWorkbook } from "../../../src/adapters/xlsx/xlsxWorkbook";
import { fixedClock } from "../../../src/ports/clock";
import { writeLargeWorkbookExceljs } from "../../../bench/largeWorkbook";
import { cli } from "../../support/cli";

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "closebook-large-demo-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function tables(file: string): Promise<Map<string, unknown>> {
  const wb = await XlsxWorkbook.open(file);
  const out = new Map<string, unknown>();
  for (const t of await wb.listTables()) out.set(t.name, await wb.readTable(t.name));
  return out;
}

test("800 streamed lines make the book setupWorkbook + postJournals make, which check, verify and exceljs read", async () => {
  const streamed = join(dir, "streamed.xlsx");
  const made = await cli("demo", streamed, "--lines", "800", "--drafts", "10");
  expect(made.stderr).toBe("");
  expect(made.code).toBe(0);
  expect(made.stdout).toContain("Posted 400 vouchers (800 ledger lines) dated 2026 as run RUN-000001");
  // the reference: the old way, at the clock test/support/cli gives the CLI
  const reference = join(dir, "reference.xlsx");
  await writeLargeWorkbookExceljs(reference, 800, 10, fixedClock("2026-12-01T08:00:00.000Z"));

  const [a, b] = [await tables(streamed), await tables(reference)];
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  for (const [name, t] of a) expect({ name, t }).toEqual({ name, t: b.get(name) });

  const ledger = a.get("tblLedger") as { rows: unknown[][] };
  expect(ledger.rows).toHaveLength(800);
  expect(ledger.rows[0]!.slice(0, 10)).toEqual([
    1,
    "GL-000001",
    new Date("2026-01-01T00:00:00.000Z"),
    "2026-01",
    "6100",
    "SALES",
    "CC100",
    "USD",
    69327.06,
    69327.06,
  ]);
  expect(ledger.rows[799]!.slice(0, 8)).toEqual([
    800,
    "GL-000400",
    new Date("2026-12-31T00:00:00.000Z"),
    "2026-12",
    "1000",
    null,
    null,
    "USD",
  ]);
  expect(ledger.rows[798]!.slice(4, 7)).toEqual(["6100", "SALES", "CC100"]);
  const runs = a.get("tblRuns") as { rows: unknown[][] };
  expect(runs.rows).toHaveLength(1);
  expect(runs.rows[0]!.slice(0, 2)).toEqual(["RUN-000001", "post-journals"]);

  expect((await cli("check", streamed)).code).toBe(0);
  const verified = await cli("verify", streamed);
  expect(verified.stderr).toBe("");
  expect(verified.code).toBe(0);

  // exceljs, an independent reader: every row, and the tables' refs
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(streamed);
  const count = (sheet: string): number => {
    let n = 0;
    wb.getWorksheet(sheet)!.eachRow(() => n++);
    return n;
  };
  expect(count("Ledger")).toBe(801);
  expect(count("Journal")).toBe(811);
  type Tables = { tables: Record<string, { table: { tableRef?: string; ref?: string } }> };
  const ref = (sheet: string): string | undefined => {
    const t = Object.values((wb.getWorksheet(sheet) as unknown as Tables).tables)[0]!.table;
    return t.tableRef ?? t.ref;
  };
  expect([ref("Ledger"), ref("Journal")]).toEqual(["A1:Q801", "A1:O811"]);
}, 240_000);

test("--lines does not go with the demo's own close flags: a usage error, nothing written", async () => {
  const r = await cli("demo", join(dir, "refused.xlsx"), "--lines", "100", "--group");
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("--group does not go with --lines");
  // 1,048,575 lines are 524,288 whole vouchers, 1,048,576 journal rows: one more than Excel's 1,048,575 below the header
  const over = await cli("demo", join(dir, "refused.xlsx"), "--lines", "1048575");
  expect(over.code).toBe(2);
  expect(over.stderr).toContain("within Excel's 1,048,575 data rows");
  // --drafts alone would be ignored by the ordinary demo: refused instead
  const drafts = await cli("demo", join(dir, "refused.xlsx"), "--drafts", "5");
  expect(drafts.code).toBe(2);
  expect(drafts.stderr).toContain("--drafts goes with --lines");
  expect(existsSync(join(dir, "refused.xlsx"))).toBe(false);
});
