/**
 * CSV formula injection (OWASP "CSV Injection"): every CSV Closebook writes —
 * `export`, `tb --format csv`, `journal-report --format csv` — prefixes a cell that
 * starts with = + - @ tab or carriage return with a single quote, so a spreadsheet
 * opening the file shows text instead of running a formula. Plain numbers such as
 * -100.00 stay numbers. Export still round-trips through import: the quote is taken
 * off again when what follows it needs one.
 *
 * Worked by hand: description =HYPERLINK("http://x","y") is written as
 * "'=HYPERLINK(""http://x"",""y"")" (quoted because of the quotes inside, the inner
 * quotes doubled); +cmd|' /C calc'!A0 as '+cmd|' /C calc'!A0; @SUM(1+1) as '@SUM(1+1).
 * Revenue 4000 is credited 1500.00 (D-1) and 100.00 (D-3), all USD: it closes March at
 * -1600.00, written as the bare number -1600.00.
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { escapeFormula, unescapeFormula } from "../../src/app/csv";
import { exportCsv } from "../../src/app/exportCsv";
import { importCsv } from "../../src/app/importCsv";
import { formatJournalReport, ledgerJournalReport } from "../../src/app/journalReport";
import { loadBook } from "../../src/app/loadBook";
import { postJournals } from "../../src/app/postJournals";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { formatTb, trialBalanceReport } from "../../src/app/trialBalanceReport";
import { fixedClock } from "../../src/ports/clock";
import { journal } from "../support/fixtures";
import { smallCompany } from "../support/smallCompany";

const clock = fixedClock("2026-04-05T09:00:00.000Z");
const HYPERLINK = '=HYPERLINK("http://x","y")';
const CMD = "+cmd|' /C calc'!A0";
const SUM = "@SUM(1+1)";

describe("escapeFormula", () => {
  test.each([
    ["=1+1", "'=1+1"],
    [CMD, `'${CMD}`],
    [SUM, `'${SUM}`],
    ["-2+3", "'-2+3"],
    ["\tx", "'\tx"],
    ["\rx", "'\rx"],
    ["-100.00", "-100.00"],
    ["-5", "-5"],
    ["Sale", "Sale"],
    ["", ""],
    // an apostrophe already in front of a dangerous text is kept apart from ours
    ["'=1", "''=1"],
    ["'quoted", "'quoted"],
  ])("%j → %j, and back", (text, escaped) => {
    expect(escapeFormula(text)).toBe(escaped);
    expect(unescapeFormula(escaped)).toBe(text);
  });
});

async function company(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  const descriptions = [HYPERLINK, HYPERLINK, CMD, CMD, SUM, SUM];
  const drafts = journal(`
    D-1 2026-03-10 1000 USD Dr 1500.00
    D-1 2026-03-10 4000 USD Cr 1500.00
    D-2 2026-03-12 6100 USD Dr 400.00
    D-2 2026-03-12 2000 USD Cr 400.00
    D-3 2026-03-20 1000 USD Dr 100.00
    D-3 2026-03-20 4000 USD Cr 100.00`).map((l, i) => ({ ...l, description: descriptions[i]! }));
  const data = smallCompany(drafts);
  await setupWorkbook(wb, {
    ...data,
    accounts: data.accounts.map((a) => (a.number === "6100" ? { ...a, name: "=1+2" } : a)),
  });
  const posted = await postJournals(wb, { user: "bob", clock });
  expect(posted.posted).toBe(true);
  return wb;
}

test("journal-report --format csv escapes descriptions and keeps amounts as numbers", async () => {
  const csv = formatJournalReport(await ledgerJournalReport(await company(), { period: "2026-03" }), "csv");
  const cells = csv.split("\n").flatMap((l) => l.split(","));
  expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
  expect(csv).toContain(`'${CMD}`);
  expect(csv).toContain(`'${SUM}`);
  expect(csv).toContain("'=1+2"); // the account name
  // no cell starts with a formula character unless it is a plain number
  expect(cells.filter((c) => /^["]?[=+@\t\r]/.test(c) || (/^-/.test(c) && !/^-\d+(\.\d+)?$/.test(c)))).toEqual([]);
});

test("tb --format csv escapes account names; a credit balance stays -1600.00", async () => {
  const r = await trialBalanceReport(await company(), { period: "2026-03" });
  const csv = formatTb(r.tb!, "csv");
  expect(csv).toContain("'=1+2");
  // 4000 Revenue: credited 1500.00 + 100.00 → closing -1600.00, a bare number
  expect(csv.split("\n").find((l) => l.startsWith("4000,"))).toMatch(/,-1600\.00$/);
});

test("export escapes, and what it exports imports back unchanged", async () => {
  const wb = await company();
  const out = await exportCsv(wb, "journal");
  expect(out.csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
  expect(out.csv).toContain(`'${CMD}`);
  expect(out.csv).not.toMatch(/(^|,)[=+@]/m);
  const accounts = await exportCsv(wb, "accounts");
  expect(accounts.csv).toContain(",'=1+2,");
  // the exported journal, imported into a fresh company, reads back the original descriptions
  const fresh = new MemoryWorkbook();
  await setupWorkbook(fresh, smallCompany());
  const imported = await importCsv(fresh, {
    table: "journal",
    csv: out.csv!,
    fileName: "journal.csv",
    user: "bob",
    clock,
  });
  expect(imported.issues.filter((i) => i.severity === "error")).toEqual([]);
  expect((await loadBook(fresh)).book.journal.map((l) => l.description)).toEqual([
    HYPERLINK,
    HYPERLINK,
    CMD,
    CMD,
    SUM,
    SUM,
  ]);
});

test("a control character in an imported text is a located issue, not a crash", async () => {
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, smallCompany());
  // data row 1 (the file's second line), Description holds U+0001
  const csv =
    "Journal,Draft voucher,Date,Account,Currency,Debit,Credit,Description\nGJ,X-1,2026-03-20,6100,USD,5.00,,bad\u0001text\nGJ,X-1,2026-03-20,1000,USD,,5.00,ok\n";
  const r = await importCsv(wb, { table: "journal", csv, fileName: "j.csv", user: "bob", clock });
  expect(r.imported).toBe(0);
  expect(r.issues.map((i) => [i.code, i.at?.table, i.at?.row, i.at?.column])).toEqual([
    ["BAD_CELL", "j.csv", 1, "Description"],
  ]);
  expect(r.issues[0]!.message).toContain("U+0001");
});
