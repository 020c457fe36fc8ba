import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { importCsv } from "../../src/app/importCsv";
import { loadBook } from "../../src/app/loadBook";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { fixedClock } from "../../src/ports/clock";
import { smallCompany } from "../support/smallCompany";
import { WORKBOOK_WHERE } from "../../src/schema/where";

const clock = fixedClock("2026-04-01T09:00:00.000Z");

async function workbook(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, smallCompany());
  return wb;
}

const run = (wb: MemoryWorkbook, table: string, csv: string) =>
  importCsv(wb, { table, csv, fileName: "data.csv", user: "alice", clock });

test("accounts: columns matched by header in any order and case; defaults filled in", async () => {
  const wb = await workbook();
  const r = await run(wb, "accounts", "type,NAME,account,Currency\nasset,Petty cash,1020,usd\nexpense,Travel,6400,\n");
  expect(r.issues).toEqual([]);
  expect(r.imported).toBe(2);
  const { book } = await loadBook(wb);
  expect(book.setup.accounts.get("1020")).toMatchObject({
    name: "Petty cash",
    type: "asset",
    currency: "USD",
    active: true,
    blocked: false,
  });
  expect(book.setup.accounts.get("6400")).toMatchObject({ name: "Travel", type: "expense", active: true });
  expect(book.audit).toEqual([
    expect.objectContaining({ action: "import", detail: "2 rows from data.csv into tblAccounts" }),
  ]);
});

test("accounts: a bad row stops the whole import and names the CSV row and column", async () => {
  const wb = await workbook();
  const before = JSON.stringify(wb.snapshot());
  const r = await run(
    wb,
    "accounts",
    "Account,Name,Type\n1020,Petty cash,asset\n1040,Savings,assett\n1000,Cash again,asset\n",
  );
  expect(r.imported).toBe(0);
  expect(r.issues.map((i) => [i.code, i.at?.table, i.at?.row, i.at?.column])).toEqual([
    ["BAD_CELL", "data.csv", 2, "Type"],
  ]);
  expect(JSON.stringify(wb.snapshot())).toBe(before);
  // once the type is fixed, the duplicate account number is the problem
  const r2 = await run(
    wb,
    "accounts",
    "Account,Name,Type\n1020,Petty cash,asset\n1040,Savings,asset\n1000,Cash again,asset\n",
  );
  expect(r2.issues.map((i) => [i.code, i.at?.table, i.at?.row, i.at?.column])).toEqual([
    ["DUPLICATE_KEY", "data.csv", 3, "Account"],
  ]);
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
  const r = await run(
    wb,
    "rates",
    'Date,From,To,Rate type,Rate,Quotation unit\n31/03/2026,EUR,USD,spot,"1,1",1\n2026-03-31,JPY,USD,spot,0.67,100\n',
  );
  expect(r.issues.map((i) => [i.code, i.at?.row, i.at?.column])).toEqual([
    ["BAD_CELL", 1, "Date"],
    ["BAD_CELL", 1, "Rate"],
  ]);
  const ok = await run(
    wb,
    "rates",
    "Date,From,To,Rate type,Rate,Quotation unit,Source\n2026-03-31,JPY,USD,spot,0.67,100,test\n",
  );
  expect(ok.imported).toBe(1);
  const { book } = await loadBook(wb);
  const jpy = book.setup.rates.find((x) => x.from === "JPY" && x.date === "2026-03-31");
  expect([jpy?.rate.toString(), jpy?.quotationUnit]).toEqual(["0.67", 100]);
});

test("journal lines get the full posting validation as a simulation", async () => {
  const wb = await workbook();
  const header = "Journal,Draft voucher,Date,Account,Department,Currency,Debit,Credit,Description";
  const bad = await run(
    wb,
    "journal",
    `${header}\nIMP,V1,2026-03-10,6100,SALES,USD,10.00,,rent\nIMP,V1,2026-03-10,1000,,USD,,9.00,rent\nIMP,V2,2026-03-10,4000,NOPE,USD,,1.00,x\nIMP,V2,2026-03-10,1000,,USD,1.00,,x\n`,
  );
  expect(bad.imported).toBe(0);
  expect(bad.issues.map((i) => [i.code, i.at?.table, i.at?.row, i.at?.column])).toEqual(
    expect.arrayContaining([
      ["UNBALANCED", "data.csv", 1, "Debit"],
      ["UNKNOWN_DIMENSION_VALUE", "data.csv", 3, "Department"],
    ]),
  );
  const good = await run(
    wb,
    "journal",
    `${header}\nIMP,V1,2026-03-10,6100,SALES,USD,10.00,,rent\nIMP,V1,2026-03-10,1000,,USD,,10.00,rent\n`,
  );
  expect(good.issues).toEqual([]);
  const { book } = await loadBook(wb);
  expect(
    book.journal.map((l) => [
      l.draftVoucher,
      l.account,
      l.status,
      l.debit?.toString() ?? null,
      l.credit?.toString() ?? null,
    ]),
  ).toEqual([
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

test("a duplicate key names the workbook's row when the key is already there, the CSV's first row when the file repeats it, and says the import is refused", async () => {
  const wb = await workbook();
  // smallCompany's tblAccounts: row 1 is 1000 Cash USD, … row 12 is 6900 (12 accounts).
  // data.csv rows: 1 = 1020, 2 = 1040, 3 = 1000 (already tblAccounts row 1), 4 = 1020 again (CSV row 1).
  const r = await run(
    wb,
    "accounts",
    "Account,Name,Type\n1020,Petty cash,asset\n1040,Savings,asset\n1000,Cash again,asset\n1020,Petty cash 2,asset\n",
  );
  expect(r.imported).toBe(0);
  const dups = r.issues.filter((i) => i.code === "DUPLICATE_KEY");
  expect(dups.map((i) => [i.at?.table, i.at?.row, i.at?.column])).toEqual([
    ["data.csv", 3, "Account"],
    ["data.csv", 4, "Account"],
  ]);
  expect(dups[0]!.message).toContain("tblAccounts row 1");
  expect(dups[1]!.message).toContain("data.csv row 1");
  for (const d of dups) {
    expect(d.message).toContain("the import is refused");
    expect(d.message).not.toContain("ignored");
  }
});

test("settings: upsert by the setting's name, each change audited with its old and new value; all or nothing", async () => {
  const wb = await workbook();
  const { book: before } = await loadBook(wb);
  expect(before.setup.settings.roundingAccount).toBe("6900");
  // a bad row anywhere refuses the whole file: row 2 names no setting, row 3 a value outside the enum
  const bad = await run(
    wb,
    "settings",
    "Setting,Value\nRounding account,1000\nRoundingg mode,halfEven\nRounding mode,bankers\n",
  );
  expect(bad.imported).toBe(0);
  expect(bad.issues.map((i) => [i.code, i.at?.table, i.at?.row, i.at?.column])).toEqual([
    ["UNKNOWN_SETTING", "data.csv", 2, "Setting"],
    ["BAD_CELL", "data.csv", 3, "Value"],
  ]);
  expect((await loadBook(wb)).book.setup.settings.roundingAccount).toBe("6900");
  // an account that is not in the chart is refused at its CSV row
  const unknown = await run(wb, "settings", "Setting,Value\nRounding account,9999\n");
  expect(unknown.issues.map((i) => [i.code, i.at?.table, i.at?.row])).toEqual([["UNKNOWN_ACCOUNT", "data.csv", 1]]);

  const ok = await run(
    wb,
    "settings",
    "Setting,Value\nrounding ACCOUNT,1000\nRounding mode,halfEven\nCompany,Test Co\n",
  );
  expect(ok.issues.filter((i) => i.severity === "error")).toEqual([]);
  // Company already holds "Test Co": unchanged, so 2 settings change
  expect(ok.imported).toBe(2);
  const { book, raw } = await loadBook(wb);
  expect(book.setup.settings.roundingAccount).toBe("1000");
  expect(book.setup.settings.roundingMode).toBe("halfEven");
  // upsert: no second "Rounding account" row
  expect(raw.get("tblSettings")!.rows.filter((r) => String(r[0]).toLowerCase() === "rounding account")).toHaveLength(1);
  expect(book.audit.filter((a) => a.action === "setting").map((a) => [a.subject, a.oldValue, a.newValue])).toEqual([
    ["Rounding account", "6900", "1000"],
    ["Rounding mode", "halfAwayFromZero", "halfEven"],
  ]);
  // the same values again change nothing and are not an error
  const again = await importCsv(wb, {
    table: "settings",
    csv: "Setting,Value\nRounding account,1000\n",
    fileName: "again.csv",
    user: "alice",
    clock,
  });
  expect([again.imported, again.issues.filter((i) => i.severity === "error")]).toEqual([0, []]);
});

test("allocation rules: rows of tblAllocationRules, checked as rules; a bad rule names its CSV row and column", async () => {
  const wb = await workbook();
  const header =
    "Rule,Description,Method,Source accounts,Source dimensions,Destination account,Destination dimensions,Percentage";
  // R1's percentages add up to 60 + 50 = 110 % (> 100 %); R2's destination 9999 is not an account
  const bad = await run(
    wb,
    "allocation-rules",
    `${header}\nR1,Rent,fixedPercentage,6100,Department=ADMIN,6100,Department=SALES,60\nR1,Rent,fixedPercentage,6100,Department=ADMIN,6100,Department=ADMIN,50\nR2,x,equally,6100,,9999,,\nR3,y,sideways,6100,,6100,,\n`,
  );
  expect(bad.imported).toBe(0);
  expect(bad.issues.map((i) => [i.code, i.at?.table, i.at?.row, i.at?.column])).toEqual([
    ["BAD_CELL", "data.csv", 4, "Method"],
  ]);
  const bad2 = await run(
    wb,
    "allocation-rules",
    `${header}\nR1,Rent,fixedPercentage,6100,Department=ADMIN,6100,Department=SALES,60\nR1,Rent,fixedPercentage,6100,Department=ADMIN,6100,Department=ADMIN,50\nR2,x,equally,6100,,9999,,\n`,
  );
  expect(bad2.issues.map((i) => [i.code, i.at?.table, i.at?.row, i.at?.column])).toEqual([
    ["ALLOCATION_PERCENT_OVER_100", "data.csv", 1, "Percentage"],
    ["UNKNOWN_ACCOUNT", "data.csv", 3, "Destination account"],
  ]);
  const good = await run(
    wb,
    "allocation-rules",
    `${header}\nR1,Rent,fixedPercentage,6100,Department=ADMIN,6100,Department=SALES,60\nR1,Rent,fixedPercentage,6100,Department=ADMIN,6100,Department=ADMIN,40\n`,
  );
  expect(good.issues).toEqual([]);
  expect(good.imported).toBe(2);
  const { raw } = await loadBook(wb);
  const t = raw.get("tblAllocationRules")!;
  const col = (h: string) => t.headers.indexOf(h);
  expect(
    t.rows.map((r) => [r[col("Rule")], r[col("Destination dimensions")], r[col("Percentage")], r[col("Active")]]),
  ).toEqual([
    ["R1", "Department=SALES", 60, true],
    ["R1", "Department=ADMIN", 40, true],
  ]);
});

test("settings: a failure at any write of the import is rolled back to the old values by the next command that writes", async () => {
  const { openForWrite } = await import("../../src/app/openForWrite");
  const { verifyAuditChain } = await import("../../src/core/audit/auditChain");
  // tblSettings cut after its 12th row (Retained earnings account): "Rounding account" 6900 is changed
  // in place, "Rounding mode" (missing, so halfAwayFromZero by default) is added as a row
  const cut = async () => {
    const wb = await workbook();
    await wb.truncateRows("tblSettings", 12);
    return wb;
  };
  const csv = "Setting,Value\nRounding account,1000\nRounding mode,halfEven\n";
  const settingsOf = async (wb: MemoryWorkbook) => {
    const { book } = await loadBook(wb);
    return [book.setup.settings.roundingAccount, book.setup.settings.roundingMode, wb.rowCount("tblSettings")];
  };
  const clean = await cut();
  expect(await settingsOf(clean)).toEqual(["6900", "halfAwayFromZero", 12]);
  const start = clean.writeCount;
  expect((await run(clean, "settings", csv)).imported).toBe(2);
  const writes = clean.writeCount - start;
  expect(await settingsOf(clean)).toEqual(["1000", "halfEven", 13]);
  expect(writes).toBeGreaterThan(3);
  for (let n = 1; n <= writes; n++) {
    const wb = await cut();
    wb.failOnWrite(n);
    await expect(run(wb, "settings", csv)).rejects.toThrow(/injected failure/);
    await openForWrite(wb, "alice", clock);
    const { book } = await loadBook(wb);
    expect([n, book.runs.filter((r) => r.status === "started"), verifyAuditChain(WORKBOOK_WHERE, book.audit)]).toEqual([
      n,
      [],
      [],
    ]);
    // either the run committed before the failure (while re-protecting) or everything is as before
    const committed = book.runs.some((r) => r.status === "committed");
    expect([n, await settingsOf(wb)]).toEqual([
      n,
      committed ? ["1000", "halfEven", 13] : ["6900", "halfAwayFromZero", 12],
    ]);
    await run(wb, "settings", csv);
    expect([n, await settingsOf(wb)]).toEqual([n, ["1000", "halfEven", 13]]);
  }
});

test("importing periods, users or the lock settings needs a lock role, like changing a lock; the refusal is audited", async () => {
  // alice is a preparer, bob a controller (test/support/fixtures.ts). Periods hold Status and Access, users
  // hold Roles and Groups, and "Lock roles" says who may lock: an import of any of them could reopen a
  // period or grant the lock role, so it is refused for alice (nothing written, one "refused" audit row)
  // and allowed for bob. A setting that does not govern the locks is imported by alice as before.
  const wb = await workbook();
  const periods =
    "Period,Fiscal year,Kind,Start,End,Status,Access\n2027-01,FY2027,operating,2027-01-01,2027-01-31,Open,All\n";
  const users = "User,Full name,Groups,Active,Roles\ndave,Dave,Controllers,yes,admin\n";
  const lockRoles = "Setting,Value\nLock roles,preparer\n";
  for (const [table, csv] of [
    ["periods", periods],
    ["users", users],
    ["settings", lockRoles],
  ] as const) {
    const before = (await loadBook(wb)).book.audit.length;
    const r = await run(wb, table, csv);
    expect([table, r.imported, r.issues.map((i) => [i.code, i.at?.table, i.at?.column])]).toEqual([
      table,
      0,
      [["LOCK_ROLE_REQUIRED", "tblUsers", "Roles"]],
    ]);
    const { book } = await loadBook(wb);
    expect(book.audit.slice(before).map((a) => [a.action, a.user])).toEqual([["refused", "alice"]]);
  }
  const { book } = await loadBook(wb);
  expect(book.setup.users.has("dave")).toBe(false);
  expect(book.setup.settings.lockRoles ?? []).not.toContain("preparer");
  // bob may
  const asBob = (table: string, csv: string) => importCsv(wb, { table, csv, fileName: "data.csv", user: "bob", clock });
  expect((await asBob("users", users)).imported).toBe(1);
  expect((await asBob("settings", lockRoles)).imported).toBe(1);
  // alice may still change a setting that does not decide the locks
  expect((await run(wb, "settings", "Setting,Value\nRounding mode,halfEven\n")).imported).toBe(1);
});

test("an import that would pass a worksheet's last row is refused before anything is written, naming the counts", async () => {
  const wb = await workbook();
  const before = (await wb.readTable("tblAccounts"))!.rows.length; // the small company's chart
  const csv = "account,name,type\n7001,A,expense\n7002,B,expense\n7003,C,expense\n";
  const r = await importCsv(wb, {
    table: "accounts",
    csv,
    fileName: "data.csv",
    user: "alice",
    clock,
    tableRows: before + 2,
  });
  expect(r.imported).toBe(0);
  expect(r.issues).toEqual([
    expect.objectContaining({
      code: "TABLE_FULL",
      severity: "error",
      message: expect.stringContaining(
        `tblAccounts would hold ${before + 3} rows after the import (${before} now, 3 from data.csv)`,
      ),
    }),
  ]);
  expect((await wb.readTable("tblAccounts"))!.rows).toHaveLength(before);
  // with room for exactly the three, it imports
  const ok = await importCsv(wb, {
    table: "accounts",
    csv,
    fileName: "data.csv",
    user: "alice",
    clock,
    tableRows: before + 3,
  });
  expect(ok.imported).toBe(3);
});
