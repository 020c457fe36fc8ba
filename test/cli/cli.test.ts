/**
 * CLI end to end on real .xlsx files: write, reopen (with a fresh exceljs
 * workbook, not our adapter), check the tables are Excel tables and the
 * numbers survive; bad input leaves the file byte-for-byte unchanged.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { cli } from "../support/cli";
import { demoXlsx } from "../support/demoFixture";
import { demoCompany } from "../../src/app/demo/demoCompany";
import { setupFromData } from "../../src/app/setupFromData";
import { postJournal } from "../../src/core/posting/postJournal";
import { trialBalance } from "../../src/core/ledger/trialBalance";
import { ALL_TABLES } from "../../src/schema/tables";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "closebook-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

async function tablesIn(file: string): Promise<Record<string, { sheet: string; ref: string }>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: Record<string, { sheet: string; ref: string }> = {};
  wb.eachSheet((ws) => {
    for (const t of ws.getTables() as unknown as { table?: { name: string; tableRef?: string; ref?: string } }[]) {
      const table = t.table ?? (t as unknown as { name: string; tableRef?: string; ref?: string });
      out[table.name] = { sheet: ws.name, ref: table.tableRef ?? table.ref ?? "" };
    }
  });
  return out;
}

test("init creates every table as a real Excel table and the workbook checks clean", async () => {
  const file = join(dir, "blank.xlsx");
  const r = await cli("init", file, "--company", "Acme", "--year", "2026");
  expect(r.code).toBe(0);
  const tables = await tablesIn(file);
  for (const def of ALL_TABLES) expect(tables[def.name]?.sheet).toBe(def.sheet);
  expect((await cli("check", file)).code).toBe(0);
  // refuses to overwrite without --force
  const again = await cli("init", file);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain("already exists");
});

test("demo --no-post, then post: the trial balance equals one computed independently, and the numbers survive the file", async () => {
  const file = join(dir, "demo.xlsx");
  const r = await demoXlsx("noPost", file); // `closebook demo FILE --no-post`, run once per test run
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const tables = await tablesIn(file);
  expect(tables.tblLedger?.sheet).toBe("Ledger");
  const post = await cli("post", file, "--user", "admin", "--through", "2026-11-30");
  expect(post.code).toBe(0);
  expect(post.stdout).toMatch(/run RUN-000001\./);

  // the same journal posted in memory, without any workbook
  const company = demoCompany(2026);
  const setup = setupFromData(company);
  const mem = postJournal({
    setup,
    journal: company.journal,
    user: "admin",
    now: "t",
    runId: "R",
    nextEntryNo: 1,
    nextVoucherNo: 1,
    voucherPrefix: "GL-",
    filter: { through: "2026-11-30" },
  });
  expect(mem.posted).toBe(true);
  const expected = trialBalance(mem.entries, setup, { from: "2026-03-01", to: "2026-03-31" });

  const json = await cli("tb", file, "--period", "2026-03", "--format", "json");
  expect(json.code).toBe(0);
  const tb = JSON.parse(json.stdout) as {
    rows: { account: string; opening: string; debit: string; credit: string; closing: string }[];
    totals: { closing: string; debit: string; credit: string };
  };
  expect(tb.rows.map((x) => [x.account, x.opening, x.debit, x.credit, x.closing])).toEqual(
    expected.rows.map((x) => [
      x.account,
      x.opening.toString(),
      x.debit.toString(),
      x.credit.toString(),
      x.closing.toString(),
    ]),
  );
  expect(tb.totals.closing).toBe("0.00");
  expect(tb.totals.debit).toBe(tb.totals.credit);
  const csv = await cli("tb", file, "--period", "FY2026", "--format", "csv");
  expect(csv.stdout.split("\n")[0]).toBe("Account,Name,Opening,Debit,Credit,Closing");
  expect(csv.stdout.trim().split("\n").pop()).toMatch(/^Total,,0\.00,([\d.]+),\1,0\.00$/);
}, 180_000); // the demo year may be built here (once per test run), slow on a busy machine

test("demo: every month of 2026 closed and sealed, the year closed into FY2027, two 2027 drafts left", async () => {
  const file = join(dir, "full.xlsx");
  const r = await demoXlsx("full", file); // `closebook demo FILE`, run once per test run
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/2 draft lines after 2026-12-31 are left to post/);
  expect(r.stdout.match(/^close 2026-\d\d: .*balance-sheet check 0\.00\.$/gm)).toHaveLength(12);
  expect(r.stdout).toMatch(/^year-end FY2026: closing and opening vouchers GL-\d+, GL-\d+; created FY2027\.$/m);
  expect(r.stdout).toMatch(/Put 2026-01\.\.2026-12 On hold: 12 periods sealed/);
  const tables = await tablesIn(file);
  for (const sheet of ["Income statement", "Balance sheet", "Journal report", "Trial balance", "Runs"])
    expect(Object.values(tables).some((t) => t.sheet === sheet) || sheet !== "Runs").toBe(true);
  expect((await cli("verify", file)).code).toBe(0);
  expect((await cli("check", file)).code).toBe(0);
  // the new year opens with the balance sheet only: no P&L account carries a balance into 2027
  const jan = JSON.parse((await cli("tb", file, "--period", "2027-01", "--format", "json")).stdout) as {
    rows: { account: string; opening: string }[];
  };
  const pl = jan.rows.filter((x) => /^[4-7]/.test(x.account) && x.opening !== "0.00");
  expect(pl).toEqual([]);
  // the two drafts of 2027 post into the new year
  expect((await cli("post", file, "--user", "admin")).code).toBe(0);
}, 180_000); // the demo year may be built here (once per test run), slow on a busy machine

test("bad input: post refuses, lists each problem with its location, and leaves the file unchanged", async () => {
  const file = join(dir, "bad.xlsx");
  await cli("init", file, "--year", "2026");
  const csv = join(dir, "journal.csv");
  writeFileSync(
    csv,
    "Journal,Draft voucher,Date,Account,Currency,Debit,Credit\nGJ,V1,2026-03-10,6100,USD,10.00,\nGJ,V1,2026-03-10,1000,USD,,10.00\n",
  );
  const imp = await cli("import", file, "--table", "journal", "--user", "admin", csv);
  expect(imp.stderr).toBe("");
  expect(imp.code).toBe(0);
  // a second import with an unknown account and a text amount is refused whole
  writeFileSync(
    csv,
    "Journal,Draft voucher,Date,Account,Currency,Debit,Credit\nGJ,V2,2026-03-11,9999,USD,5.00,\nGJ,V2,2026-03-11,1000,USD,,five\n",
  );
  const before = sha(file);
  const bad = await cli("import", file, "--table", "journal", "--user", "admin", csv);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain("journal.csv row 2, Credit");
  expect(bad.stderr).toContain("unchanged");
  expect(sha(file)).toBe(before);
  // a journal line on an unknown account: refused, and the file is untouched
  const lines = join(dir, "lines.csv");
  writeFileSync(
    lines,
    "Journal,Draft voucher,Date,Account,Currency,Debit,Credit\nGJ,V3,2026-03-12,6100,USD,7.00,\nGJ,V3,2026-03-12,1000,USD,,7.00\n",
  );
  expect((await cli("import", file, "--table", "journal", "--user", "admin", lines)).code).toBe(0);
  const afterImport = sha(file);
  // posting as an unknown user is refused on every line by the posting gate; only the refusal is recorded
  const refused = await cli("post", file, "--user", "mallory");
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain("tblJournal row 1, Date");
  expect(refused.stderr).toContain('User "mallory" is not an active user');
  expect(sha(file)).not.toBe(afterImport);
  const log = await cli("audit", file);
  expect(log.stdout).toMatch(/refused\s+post-journals/);
  expect(log.code).toBe(0);
  const tbAfter = await cli("tb", file, "--period", "2026-03", "--format", "json");
  expect(JSON.parse(tbAfter.stdout).rows).toEqual([]);
  const ok = await cli("post", file, "--user", "admin");
  expect(ok.code).toBe(0);
  expect(sha(file)).not.toBe(before);
});

test("usage: --help for every command, wrong usage exits 2, a missing file exits 1", async () => {
  for (const c of ["init", "demo", "import", "post", "tb", "check"]) {
    const h = await cli(c, "--help");
    expect(h.code).toBe(0);
    expect(h.stdout).toContain(`closebook ${c}`);
  }
  expect((await cli()).code).toBe(2);
  expect((await cli("frobnicate", "x.xlsx")).code).toBe(2);
  expect((await cli("post", join(dir, "blank.xlsx"))).code).toBe(2); // no --user
  const missing = await cli("tb", join(dir, "nope.xlsx"), "--period", "2026-03");
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain("does not exist");
});
