import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { importCsv } from "../../src/app/importCsv";
import { loadBook } from "../../src/app/loadBook";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { fixedClock } from "../../src/ports/clock";
import { smallCompany } from "../support/smallCompany";

const clock = fixedClock("2026-04-01T09:00:00.000Z");

async function workbook(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, smallCompany());
  return wb;
}

const run = (wb: MemoryWorkbook, table: string, csv: string) => importCsv(wb, { table, csv, fileName: "data.csv", user: "alice", clock });

test("accounts: columns matched by header in any order and case; defaults filled in", async () => {
  const wb = await workbook();
  const r = await run(wb, "accounts", "type,NAME,account,Currency\nasset,Petty cash,1020,usd\nexpense,Travel,6400,\n");
  expect(r.issues).toEqual([]);
  expect(r.imported).toBe(2);
  const { book } = await loadBook(wb);
  expect(book.setup.accounts.get("1020")).toMatchObject({ name: "Petty cash", type: "asset", currency: "USD", active: true, blocked: false });
  expect(book.setup.accounts.get("6400")).toMatchObject({ name: "Travel", type: "expense", active: true });
  expect(book.audit).toEqual([expect.objectContaining({ action: "import", detail: "2 rows from data.csv into tblAccounts" })]);
});

test("accounts: a bad row stops the whole import and names the CSV row and column", async () => {
  const wb = await workbook();
  const before = JSON.stringify(wb.snapshot());
  const r = await run(wb, "accounts", "Account,Name,Type\n1020,Petty cash,asset\n1040,Savings,assett\n1000,Cash again,asset\n");
  expect(r.imported).toBe(0);
  expect(r.issues.map((i) => [i.code, i.at?.table, i.at?.row, i.at?.column])).toEqual([
    ["BAD_CELL", "data.csv", 2, "Type"],
  ]);
  expect(JSON.stringify(wb.snapshot())).toBe(before);
  // once the type is fixed, the duplicate account number is the problem
  const r2 = await run(wb, "accounts", "Account,Name,Type\n1020,Petty cash,asset\n1040,Savings,asset\n1000,Cash again,asset\n");
  expect(r2.issues.map((i) => [i.code, i.at?.table, i.at?.row, i.at?.column])).toEqual([["DUPLICATE_KEY", "data.csv", 3, "Account"]]);
  expect(JSON.stringify(wb.snapshot())).toBe(before);
});

test("a missing required column is refused before any row is read", async () => {
  const wb = await workbook();
  const r = await run(wb, "rates", "Date,From,Rate\n2026-03-31,EUR,1.1\n");
  expect(r.issues.map((i) => [i.code, i.at?.column])).toEqual([
    ["MISSING_COLUMN", "To"],
    ["MISSING_COLUMN", "Rate type"],
  ]);
  expect(r.imported).toBe(0);
});

test("rates: dates must be dates, amounts plain numbers", async () => {
  const wb = await workbook();
  const r = await run(wb, "rates", "Date,From,To,Rate type,Rate,Quotation unit\n31/03/2026,EUR,USD,spot,\"1,1\",1\n2026-03-31,JPY,USD,spot,0.67,100\n");
  expect(r.issues.map((i) => [i.code, i.at?.row, i.at?.column])).toEqual([
    ["BAD_CELL", 1, "Date"],
    ["BAD_CELL", 1, "Rate"],
  ]);
  const ok = await run(wb, "rates", "Date,From,To,Rate type,Rate,Quotation unit,Source\n2026-03-31,JPY,USD,spot,0.67,100,test\n");
  expect(ok.imported).toBe(1);
  const { book } = await loadBook(wb);
  const jpy = book.setup.rates.find((x) => x.from === "JPY" && x.date === "2026-03-31");
  expect([jpy?.rate.toString(), jpy?.quotationUnit]).toEqual(["0.67", 100]);
});

test("journal lines get the full posting validation as a simulation", async () => {
  const wb = await workbook();
  const header = "Journal,Draft voucher,Date,Account,Department,Currency,Debit,Credit,Description";
  const bad = await run(wb, "journal", `${header}\nIMP,V1,2026-03-10,6100,SALES,USD,10.00,,rent\nIMP,V1,2026-03-10,1000,,USD,,9.00,rent\nIMP,V2,2026-03-10,4000,NOPE,USD,,1.00,x\nIMP,V2,2026-03-10,1000,,USD,1.00,,x\n`);
  expect(bad.imported).toBe(0);
  expect(bad.issues.map((i) => [i.code, i.at?.table, i.at?.row, i.at?.column])).toEqual(
    expect.arrayContaining([
      ["UNBALANCED", "data.csv", 1, "Debit"],
      ["UNKNOWN_DIMENSION_VALUE", "data.csv", 3, "Department"],
    ]),
  );
  const good = await run(wb, "journal", `${header}\nIMP,V1,2026-03-10,6100,SALES,USD,10.00,,rent\nIMP,V1,2026-03-10,1000,,USD,,10.00,rent\n`);
  expect(good.issues).toEqual([]);
  const { book } = await loadBook(wb);
  expect(book.journal.map((l) => [l.draftVoucher, l.account, l.status, l.debit?.toString() ?? null, l.credit?.toString() ?? null])).toEqual([
    ["V1", "6100", "Draft", "10", null],
    ["V1", "1000", "Draft", null, "10"],
  ]);
  expect(book.ledger).toEqual([]);
});

test("an unknown table name is refused", async () => {
  const wb = await workbook();
  const r = await run(wb, "ledger", "Entry no\n1\n");
  expect(r.issues.map((i) => i.code)).toEqual(["UNKNOWN_TABLE"]);
});
