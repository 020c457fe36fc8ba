/**
 * The consolidation commands end to end on files: the demo company (USD, months held and sealed)
 * packaged for 2026-03, a USD group workbook (init --group) consolidating it 100 %: the group's
 * ledger then holds the demo's trial balance exactly; a second run is refused naming the first;
 * a changed package and a package whose seal differs from the workbook it claims are refused.
 */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { loadBook } from "../../src/app/loadBook";
import type { Book } from "../../src/core/ledger/book";
import { trialBalance } from "../../src/core/ledger/trialBalance";
import { ACCOUNT_MAPPING, ENTITIES } from "../../src/schema/consolidationTables";
import { cli } from "../support/cli";
import { demoXlsx } from "../support/demoFixture";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "closebook-cons-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function tbOf(file: string | Book, to: string): Promise<Record<string, string>> {
  const book = typeof file === "string" ? (await loadBook(await XlsxWorkbook.open(file))).book : file;
  const tb = trialBalance(book.ledger, book.setup, { from: "2026-01-01", to });
  return Object.fromEntries(tb.rows.filter((r) => !r.closing.isZero()).map((r) => [r.account, r.closing.toFixed(2)]));
}

test("package the demo company, consolidate it into a group, refuse a repeat and bad packages", async () => {
  const entity = join(dir, "nw.xlsx");
  expect((await demoXlsx("full", entity)).code).toBe(0);
  const pkgFile = join(dir, "nw-2026-03.csv");
  const p = await cli("package", entity, "--period", "2026-03", "--out", pkgFile, "--entity", "NW");
  expect(p.stderr).toBe("");
  expect(p.code).toBe(0);
  expect(readFileSync(pkgFile, "utf8").split("\n")[0]).toBe(
    "Record,Account,Dimensions,Currency,Period,Start,End,Opening,Activity,Closing,Date,Amount",
  );

  const group = join(dir, "group.xlsx");
  expect((await cli("init", group, "--group", "--company", "Group", "--year", "2026")).code).toBe(0);
  const wb = await XlsxWorkbook.open(group);
  await wb.appendRows(ENTITIES.name, [["NW", "Northwind Trading Inc.", "USD", 100, "full", "3800", null, null]]);
  await wb.save(group);

  // the demo's chart has accounts the group's has not: each is an error naming entity, account and amount
  const unmapped = await cli("consolidate", group, "--period", "2026-03", "--user", "bob", pkgFile);
  expect(unmapped.code).toBe(1);
  expect(unmapped.stderr).toMatch(/UNMAPPED_ACCOUNT/);
  expect(unmapped.stderr).toMatch(/Entity NW: account \d+ \(balance -?[\d.]+ USD/);

  // map them onto the group chart by their own numbers: add the missing accounts to the group? No — map by range
  const wb2 = await XlsxWorkbook.open(group);
  const { book: nwBook } = await loadBook(await XlsxWorkbook.open(entity));
  const { book: gBook } = await loadBook(wb2);
  const missing = [...nwBook.setup.accounts.values()].filter((a) => !gBook.setup.accounts.has(a.number));
  const home = { asset: "1000", liability: "2000", equity: "3000", revenue: "4000", expense: "6000" } as const;
  await wb2.appendRows(
    ACCOUNT_MAPPING.name,
    missing.map((a) => ["NW", a.number, home[a.type]]),
  );
  await wb2.save(group);

  const posted = await cli("consolidate", group, "--period", "2026-03", "--user", "bob", pkgFile);
  expect(posted.stderr.split("\n").filter((l) => l.startsWith("error"))).toEqual([]);
  expect(posted.code).toBe(0);
  expect(posted.stdout).toMatch(
    /posted \d+ vouchers? .* as RUN-\d+; worksheet "Consolidation 2026-03"; every check line 0/,
  );
  // 100 % in the group's currency: the group's trial balance is the entity's, account for account (after mapping)
  const entityTb = await tbOf(nwBook, "2026-03-31"); // the entity's file is unchanged since nwBook was read
  const groupTb = await tbOf(group, "2026-03-31");
  const mapped: Record<string, number> = {};
  for (const [a, v] of Object.entries(entityTb)) {
    const to = missing.find((m) => m.number === a) ? home[nwBook.setup.accounts.get(a)!.type] : a;
    mapped[to] = Math.round(((mapped[to] ?? 0) + Number(v)) * 100) / 100;
  }
  expect(Object.fromEntries(Object.entries(groupTb).map(([k, v]) => [k, Number(v)]))).toEqual(
    Object.fromEntries(Object.entries(mapped).filter(([, v]) => v !== 0)),
  );

  const again = await cli("consolidate", group, "--period", "2026-03", "--user", "bob", pkgFile);
  expect(again.code).toBe(1);
  expect(again.stderr).toMatch(/REPEATED_RUN.*|already posted as RUN-/);

  // a figure changed by hand: refused, naming the file
  const text = readFileSync(pkgFile, "utf8").split("\n");
  const i = text.findIndex((l) => l.startsWith("balance,1000,"));
  const changed = join(dir, "changed.csv");
  writeFileSync(changed, text.map((l, k) => (k === i ? l.replace(/,(-?\d+\.\d\d),,$/, ",1.00,,") : l)).join("\n"));
  const bad = await cli("consolidate", group, "--period", "2026-04", "--user", "bob", changed);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain("CORRUPT_PACKAGE");

  // April's package beside the workbook it came from (matched to NW by its Company name): the seals agree, the file is used
  expect(
    (await cli("package", entity, "--period", "2026-04", "--out", join(dir, "apr.csv"), "--entity", "NW")).code,
  ).toBe(0);
  const both = await cli("consolidate", group, "--period", "2026-04", "--user", "bob", join(dir, "apr.csv"), entity);
  expect(both.stderr).not.toContain("SEAL_MISMATCH");
  expect(both.code).toBe(0);
}, 240_000);
