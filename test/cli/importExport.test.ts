/**
 * The CLI's import of settings and allocation rules, export of any table as
 * CSV, init --empty-chart, and open-items printed at each currency's precision.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { loadBook } from "../../src/app/loadBook";
import { postJournals } from "../../src/app/postJournals";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { fixedClock } from "../../src/ports/clock";
import { ACCOUNTS, journal } from "../support/fixtures";
import { cli } from "../support/cli";
import { smallCompany } from "../support/smallCompany";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "closebook-impexp-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

test("init --empty-chart: no accounts, no settings naming accounts, a note to import a chart; then accounts and settings come in by CSV", async () => {
  const file = join(dir, "empty.xlsx");
  const r = await cli("init", file, "--empty-chart", "--year", "2026");
  expect(r.code).toBe(0);
  expect(r.stdout).toContain("0 accounts");
  expect(r.stdout).toContain("--table accounts");
  let { book } = await loadBook(await XlsxWorkbook.open(file));
  expect(book.setup.accounts.size).toBe(0);
  expect(book.setup.settings.roundingAccount).toBeUndefined();
  expect((await cli("check", file)).code).toBe(0);

  const accounts = write(
    "accounts.csv",
    "Account,Name,Type\n1000,Cash,asset\n3900,Retained earnings,equity\n6900,Rounding,expense\n",
  );
  expect((await cli("import", file, "--table", "accounts", "--user", "admin", accounts)).code).toBe(0);
  const settings = write("settings.csv", "Setting,Value\nRounding account,6900\nRetained earnings account,3900\n");
  const s = await cli("import", file, "--table", "settings", "--user", "admin", settings);
  expect(s.stderr).toBe("");
  expect(s.code).toBe(0);
  ({ book } = await loadBook(await XlsxWorkbook.open(file)));
  expect([book.setup.settings.roundingAccount, book.setup.settings.retainedEarningsAccount]).toEqual(["6900", "3900"]);
  expect(book.audit.filter((a) => a.action === "setting").map((a) => [a.subject, a.oldValue, a.newValue])).toEqual([
    ["Rounding account", "", "6900"],
    ["Retained earnings account", "", "3900"],
  ]);
  // the same file again changes nothing: exit 0
  const again = await cli("import", file, "--table", "settings", "--user", "admin", settings);
  expect(again.code).toBe(0);
  expect(again.stderr).toContain("already holds its value");
  expect(again.stdout).toContain("unchanged");
});

test("export writes any table as CSV to --out or stdout; allocation rules exported import again unchanged", async () => {
  const file = join(dir, "x.xlsx");
  expect((await cli("init", file, "--year", "2026")).code).toBe(0);
  const rules = write(
    "rules.csv",
    "Rule,Description,Method,Source accounts,Source dimensions,Destination account,Destination dimensions,Percentage\nR1,Rent,fixedPercentage,6100,Department=ADMIN,6100,Department=SALES,60\n",
  );
  const imp = await cli("import", file, "--table", "allocation-rules", "--user", "admin", rules);
  expect([imp.code, imp.stdout.trim()]).toEqual([0, "Imported 1 rows into allocation-rules."]);

  const out = join(dir, "rules-out.csv");
  const ex = await cli("export", file, "--table", "allocation-rules", "--out", out);
  expect(ex.code).toBe(0);
  expect(ex.stdout).toContain("Exported 1 rows of tblAllocationRules");
  const text = readFileSync(out, "utf8");
  expect(text.split("\r\n")[1]).toBe(
    "R1,Rent,fixedPercentage,6100,Department=ADMIN,,6100,Department=SALES,60,,,,,,TRUE",
  );
  const toStdout = await cli("export", file, "--table", "ledger");
  expect([toStdout.code, toStdout.stdout]).toEqual([
    0,
    "Entry no,Voucher,Date,Period,Account,Department,CostCenter,Currency,Amount,Amount (accounting),Amount (reporting),Description,Source,Run id,Settlement id,User,Posted at\n",
  ]);
  expect((await cli("export", file, "--table", "nope")).code).toBe(1);

  // a bad rule: nothing imported, the row and column named
  const bad = write(
    "bad-rules.csv",
    "Rule,Method,Source accounts,Destination account,Percentage\nR2,fixedPercentage,6100,9999,50\n",
  );
  const refused = await cli("import", file, "--table", "allocation-rules", "--user", "admin", bad);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain("bad-rules.csv row 1, Destination account");
  expect((await cli("export", file, "--table", "allocation-rules")).stdout.split("\r\n").filter(Boolean)).toHaveLength(
    2,
  );
});

test("help names export and the new import tables", async () => {
  expect((await cli("--help")).stdout).toContain("export FILE");
  expect((await cli("import", "--help")).stdout).toMatch(/settings.*allocation-rules|allocation-rules.*settings/s);
  expect((await cli("export", "--help")).stdout).toContain("--out");
  expect((await cli("init", "--help")).stdout).toContain("--empty-chart");
});

test("open-items prints every amount at its currency's precision, right-aligned", async () => {
  const file = join(dir, "open.xlsx");
  const wb = XlsxWorkbook.create();
  const accounts = ACCOUNTS.map((a) => (a.number === "1100" || a.number === "1030" ? { ...a, settle: true } : a));
  await setupWorkbook(wb, {
    ...smallCompany(
      journal(`
      D-1 2026-03-10 1100 USD Cr 100.00
      D-1 2026-03-10 1000 USD Dr 100.00
      D-2 2026-03-11 1100 USD Cr 0.50
      D-2 2026-03-11 1000 USD Dr 0.50
      D-3 2026-03-12 1030 JPY Dr 1000
      D-3 2026-03-12 4000 JPY Cr 1000`),
    ),
    accounts,
  });
  expect((await postJournals(wb, { user: "bob", clock: fixedClock("2026-04-01T00:00:00Z") })).posted).toBe(true);
  await wb.save(file);
  const r = await cli("open-items", file);
  expect(r.code).toBe(0);
  const lines = r.stdout.split("\n").filter(Boolean);
  // 1100 USD −100.00 and −0.50 (2 places); 1030 JPY 1000 (0 places) = 1000 × 0.6712 / 100 = 6.712 → 6.71 USD
  const row = (voucher: string) => lines.find((l) => l.includes(` GL-00000${voucher} `))!;
  expect(row("1")).toMatch(/\s-100\.00\s+-100\.00\s/);
  expect(row("2")).toMatch(/\s-0\.50\s+-0\.50\s/);
  expect(row("3")).toMatch(/\sJPY\s+1000\s+6\.71\s/);
  // right-aligned: each amount column ends at the same character on every line, the header's included
  const ends = (l: string) => [...l.matchAll(/-?\d+(\.\d+)?(?=\s{2})/g)].slice(-2).map((m) => m.index! + m[0].length);
  const header = lines[0]!;
  const titleEnds = [
    header.indexOf("Remaining") + "Remaining".length,
    header.indexOf("Remaining (accounting)") + "Remaining (accounting)".length,
  ];
  for (const e of ["1", "2", "3"]) expect(ends(row(e))).toEqual(titleEnds);
});
