/**
 * Export any table as CSV; the importable tables round-trip: a workbook set up
 * with empty tables that imports what another exported ends up with the same
 * tables, exported again byte for byte.
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { exportCsv } from "../../src/app/exportCsv";
import { importCsv } from "../../src/app/importCsv";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { parseCsv } from "../../src/app/csv";
import { fixedClock } from "../../src/ports/clock";
import { journal } from "../support/fixtures";
import { postedSmallCompany, smallCompany } from "../support/smallCompany";

const clock = fixedClock("2026-04-01T09:00:00.000Z");

test("a table comes out as RFC 4180 CSV: its headers, dates as YYYY-MM-DD, numbers as plain decimals, quotes doubled", async () => {
  const wb = new MemoryWorkbook();
  await setupWorkbook(
    wb,
    smallCompany(
      journal(`
    D-1 2026-03-10 6100 USD Dr 1500.50 dept=ADMIN desc=rent,"March"
    D-1 2026-03-10 1000 USD Cr 1500.50`),
    ),
  );
  const r = await exportCsv(wb, "journal");
  expect(r.issues).toEqual([]);
  const lines = r.csv!.split("\r\n");
  expect(lines[0]).toBe(
    "Journal,Draft voucher,Date,Account,Department,Currency,Debit,Credit,Rate,Description,Status,Message,Posted voucher,Auto-reverse",
  );
  // the description holds a comma and quotes: quoted, inner quotes doubled
  expect(lines[1]).toBe('GJ,D-1,2026-03-10,6100,ADMIN,USD,1500.5,,,"rent,""March""",Draft,,,');
  expect(r.rows).toBe(2);
  expect(parseCsv(r.csv!)[1]![9]).toBe('rent,"March"');
  // tbl names and every table work, including the ones import does not take
  expect((await exportCsv(wb, "tblRates")).rows).toBe(4);
  expect((await exportCsv(wb, "ledger")).rows).toBe(0);
  expect((await exportCsv(wb, "nope")).issues.map((i) => i.code)).toEqual(["UNKNOWN_TABLE"]);
});

test("export → import round-trips every importable table into a workbook with empty tables", async () => {
  const a = await postedSmallCompany(new MemoryWorkbook(), { user: "bob", clock });
  await importCsv(a, {
    table: "allocation-rules",
    csv: "Rule,Description,Method,Source accounts,Source dimensions,Destination account,Destination dimensions,Percentage\nR1,Rent,fixedPercentage,6100,Department=ADMIN,6100,Department=SALES,60\n",
    fileName: "r.csv",
    user: "bob",
    clock,
  });
  // 10.25 EUR × 1.09 = 11.1725 USD, within half a cent of 11.17
  const j = await importCsv(a, {
    table: "journal",
    csv: "Journal,Draft voucher,Date,Account,Department,Currency,Debit,Credit,Description,Auto-reverse\nIMP,V1,2026-04-10,6100,SALES,EUR,10.25,,accrual,TRUE\nIMP,V1,2026-04-10,1000,,USD,,11.17,accrual,TRUE\n",
    fileName: "j.csv",
    user: "bob",
    clock,
  });
  expect([j.imported, j.issues]).toEqual([2, []]);

  const empty = smallCompany();
  const b = new MemoryWorkbook();
  // b keeps a's users (who imports) and dimensions (a dimension makes the journal's column when the workbook is set up)
  await setupWorkbook(b, {
    ...empty,
    settings: { ...empty.settings, company: "Other", roundingMode: "halfEven" },
    currencies: [],
    accounts: [],
    dimensionValues: [],
    periods: [],
    rates: [],
    journal: [],
  });
  const order = [
    "currencies",
    "accounts",
    "dimension-values",
    "periods",
    "rates",
    "allocation-rules",
    "settings",
    "journal",
  ];
  // a's journal also holds its posted lines; only drafts are imported
  const drafts = (t: string) =>
    t
      .split("\r\n")
      .filter((l, i) => i === 0 || l.includes(",Draft,"))
      .join("\r\n");
  const view = async (wb: MemoryWorkbook, table: string) => {
    const csv = (await exportCsv(wb, table)).csv!;
    return table === "journal" ? drafts(csv) : csv;
  };
  for (const table of order) {
    const r = await importCsv(b, { table, csv: await view(a, table), fileName: `${table}.csv`, user: "bob", clock });
    expect([table, r.issues.filter((i) => i.severity === "error")]).toEqual([table, []]);
  }
  for (const table of order) expect([table, await view(b, table)]).toEqual([table, await view(a, table)]);

  // users and dimensions into a workbook without any
  const c = new MemoryWorkbook();
  await setupWorkbook(c, { ...empty, users: [], dimensions: [], dimensionValues: [] });
  for (const table of ["users", "dimensions"]) {
    const r = await importCsv(c, {
      table,
      csv: (await exportCsv(a, table)).csv!,
      fileName: `${table}.csv`,
      user: "bob",
      clock,
    });
    expect([table, r.issues.filter((i) => i.severity === "error")]).toEqual([table, []]);
    expect((await exportCsv(c, table)).csv).toBe((await exportCsv(a, table)).csv);
  }
});
