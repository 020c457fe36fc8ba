/**
 * The ledger journal report through a port (totals worked by hand, CSV and
 * JSON shape, the sheet) and journalizing: one number per run, each voucher
 * once, a second run adds nothing.
 *
 * Posted (USD ledger):
 *   D-1 2026-03-10 1000 Dr 1,500.00 / 4000 Cr 1,500.00 (SALES)
 *   D-2 2026-03-12 6100 Dr 400.00 (ADMIN) / 2000 Cr 400.00
 *   D-3 2026-03-20 1010 EUR 100.00 × 1.09 = 109.00 / 4000 EUR Cr 109.00
 *   D-4 2026-04-02 1100 Dr 250.00 / 4000 Cr 250.00
 * March: 3 vouchers, debits 1,500.00 + 400.00 + 109.00 = 2,009.00 = credits.
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import {
  formatJournalReport,
  journalize,
  journalReportSheet,
  ledgerJournalReport,
  writeJournalReportSheet,
} from "../../src/app/journalReport";
import { loadBook } from "../../src/app/loadBook";
import { fixedClock } from "../../src/ports/clock";
import { JOURNALIZING, LEDGER } from "../../src/schema/tables";
import { postedSmallCompany } from "../support/smallCompany";

const clock = fixedClock("2026-04-05T09:00:00.000Z");
const ctx = { user: "alice", clock };

function workbook(): Promise<MemoryWorkbook> {
  return postedSmallCompany(new MemoryWorkbook(), ctx);
}

test("the March report: vouchers, lines and totals worked by hand", async () => {
  const wb = await workbook();
  const r = await ledgerJournalReport(wb, { period: "2026-03" });
  const rep = r.report!;
  expect(rep.vouchers.map((v) => [v.voucher, v.date, v.debit.toFixed(2), v.credit.toFixed(2), v.balanced])).toEqual([
    ["GL-000001", "2026-03-10", "1500.00", "1500.00", true],
    ["GL-000002", "2026-03-12", "400.00", "400.00", true],
    ["GL-000003", "2026-03-20", "109.00", "109.00", true],
  ]);
  expect([rep.debit.toFixed(2), rep.credit.toFixed(2), rep.balanced]).toEqual(["2009.00", "2009.00", true]);
  expect(r.periodId).toBe("2026-03");
  expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);

  const text = formatJournalReport(r, "table");
  expect(text).toContain("Test Co — Ledger journal report 2026-03-01 to 2026-03-31");
  expect(text).toMatch(/Total\s+3 voucher\(s\), 6 line\(s\)\s+2,009\.00\s+2,009\.00/);
  expect(text).toContain("Check: debits − credits = 0.00; every voucher balances.");
});

test("CSV: one header, a row per line, a total per voucher and overall; JSON parses with totals", async () => {
  const wb = await workbook();
  const r = await ledgerJournalReport(wb, { from: "2026-03-01", to: "2026-04-30" });
  const csv = formatJournalReport(r, "csv").split("\n");
  expect(csv[0]).toBe("Date,Voucher,Account,Name,Department,Currency,Amount,Debit,Credit,Description,Journalizing no");
  expect(csv).toHaveLength(1 + 8 + 4 + 1);
  expect(csv[1]).toBe("2026-03-10,GL-000001,1000,Cash USD,,USD,1500.00,1500.00,,,");
  expect(csv[2]).toBe("2026-03-10,GL-000001,4000,Revenue,SALES,USD,-1500.00,,1500.00,,");
  expect(csv[3]).toBe(",GL-000001,,Voucher total,,,,1500.00,1500.00,,");
  expect(csv[7]).toBe("2026-03-20,GL-000003,1010,Bank EUR,,EUR,100.00,109.00,,,");
  expect(csv[csv.length - 1]).toBe('Total,,,"4 voucher(s), 8 line(s)",,,,2259.00,2259.00,,');

  const json = JSON.parse(formatJournalReport(r, "json")) as {
    vouchers: { voucher: string; journalizingNo: string | null; lines: { amount: string; debit: string }[] }[];
    totals: Record<string, string>;
    balanced: boolean;
  };
  expect(json.vouchers.map((v) => v.voucher)).toEqual(["GL-000001", "GL-000002", "GL-000003", "GL-000004"]);
  expect(json.vouchers[2]!.lines[0]).toEqual(expect.objectContaining({ amount: "100.00", debit: "109.00" }));
  expect(json.vouchers.every((v) => v.journalizingNo === null)).toBe(true);
  expect(json.totals).toEqual({ debit: "2259.00", credit: "2259.00", difference: "0.00" });
  expect(json.balanced).toBe(true);
});

test("--source keeps only matching entries", async () => {
  const wb = await workbook();
  const none = await ledgerJournalReport(wb, { period: "2026-03", source: "close:" });
  expect(none.report!.vouchers).toEqual([]);
  const all = await ledgerJournalReport(wb, { period: "2026-03", source: "journal:" });
  expect(all.report!.vouchers).toHaveLength(3);
});

test("journalizing gives one number to every voucher once; a second run adds nothing", async () => {
  const wb = await workbook();
  const first = await journalize(wb, { period: "2026-03" }, ctx);
  expect(first.done).toBe(true);
  expect(first.journalizingNo).toBe("JNL-000001");
  expect(first.vouchers).toEqual(["GL-000001", "GL-000002", "GL-000003"]);
  expect(first.runId).toBe("RUN-000002");

  let { book, raw } = await loadBook(wb);
  const iso = (c: unknown) => (c instanceof Date ? c.toISOString().slice(0, 10) : c);
  expect(raw.get(JOURNALIZING.name)!.rows.map((r) => r.slice(0, 7).map(iso))).toEqual([
    ["JNL-000001", "GL-000001", "2026-03-10", "2026-03-01", "2026-03-31", "RUN-000002", "alice"],
    ["JNL-000001", "GL-000002", "2026-03-12", "2026-03-01", "2026-03-31", "RUN-000002", "alice"],
    ["JNL-000001", "GL-000003", "2026-03-20", "2026-03-01", "2026-03-31", "RUN-000002", "alice"],
  ]);
  expect(book.sequences.map((s) => [s.name, s.prefix, s.next])).toEqual([
    ["voucher", "GL-", 5],
    ["run", "RUN-", 3],
    ["settlement", "SET-", 1],
    ["journalizing", "JNL-", 2],
  ]);
  const run = book.runs.find((r) => r.runId === "RUN-000002")!;
  expect(run).toEqual(
    expect.objectContaining({ step: "journalize", status: "committed", period: "2026-03", user: "alice" }),
  );
  expect(JSON.parse(run.parameters)).toEqual(
    expect.objectContaining({ journalizingNo: "JNL-000001", tails: { [JOURNALIZING.name]: 0 } }),
  );
  expect(book.audit[book.audit.length - 1]).toEqual(
    expect.objectContaining({
      action: "journalize",
      subject: "JNL-000001",
      newValue: "GL-000001..GL-000003",
      runId: "RUN-000002",
    }),
  );
  expect(await wb.isProtected(JOURNALIZING.sheet)).toBe(true);

  // the report shows the numbers
  const shown = await ledgerJournalReport(wb, { period: "2026-03" });
  expect(formatJournalReport(shown, "csv").split("\n")[1]).toMatch(/,JNL-000001$/);

  const before = JSON.stringify(wb.snapshot());
  const again = await journalize(wb, { period: "2026-03" }, ctx);
  expect(again.done).toBe(false);
  expect(again.issues.map((i) => i.code)).toContain("NOTHING_TO_JOURNALIZE");
  expect(JSON.stringify(wb.snapshot())).toBe(before);

  // March and April together: only April's voucher is new, under the next number
  const both = await journalize(wb, { from: "2026-03-01", to: "2026-04-30" }, ctx);
  expect([both.done, both.journalizingNo, both.vouchers]).toEqual([true, "JNL-000002", ["GL-000004"]]);
  ({ book, raw } = await loadBook(wb));
  expect(raw.get(JOURNALIZING.name)!.rows).toHaveLength(4);
  expect(book.sequences.find((s) => s.name === "journalizing")!.next).toBe(3);
  expect(JSON.parse(book.runs.find((r) => r.runId === both.runId)!.parameters).tails).toEqual({
    [JOURNALIZING.name]: 3,
  });
  const json = JSON.parse(formatJournalReport(both, "json")) as { vouchers: { journalizingNo: string }[] };
  expect(json.vouchers.map((v) => v.journalizingNo)).toEqual(["JNL-000001", "JNL-000001", "JNL-000001", "JNL-000002"]);
});

test("the sheet: written with a Journalizing no column once vouchers have one", async () => {
  const wb = await workbook();
  await journalize(wb, { period: "2026-03" }, ctx);
  const r = await ledgerJournalReport(wb, { period: "2026-03" });
  expect(await writeJournalReportSheet(wb, r)).toEqual({
    sheet: "Journal report 2026-03",
    protected: false,
    issues: [],
  });
  const sheet = wb.getReport("Journal report 2026-03")!;
  expect(sheet.title).toBe("Test Co — Ledger journal report 2026-03-01 to 2026-03-31 (USD)");
  const head = sheet.rows.findIndex((row) => row[0] === "Date");
  expect(sheet.rows[head]![sheet.rows[head]!.length - 1]).toBe("Journalizing no");
  expect(sheet.rows[head + 1]).toEqual([
    new Date("2026-03-10T00:00:00.000Z"), // a real date
    "GL-000001",
    "1000",
    "Cash USD",
    "",
    "USD",
    1500,
    1500,
    null,
    "",
    "JNL-000001",
  ]);
  // without journalizing numbers the grid is the core layout's, unchanged
  expect(journalReportSheet(r.report!, new Map()).rows[head]).toHaveLength(sheet.rows[head]!.length - 1);
});

test("an unbalanced voucher fails the check and is not journalized", async () => {
  const wb = await workbook();
  const { raw } = await loadBook(wb);
  const t = raw.get(LEDGER.name)!;
  const col = (h: string) => t.headers.indexOf(h);
  const copy = t.rows.slice(2, 4).map((row, i) => {
    const r = [...row];
    r[col("Entry no")] = 100 + i;
    r[col("Voucher")] = "GL-000099";
    if (i === 1) {
      r[col("Amount")] = -399;
      r[col("Amount (accounting)")] = -399;
    }
    return r;
  });
  await wb.unprotect(LEDGER.sheet, "");
  await wb.appendRows(LEDGER.name, copy);
  await wb.protect(LEDGER.sheet, "");

  const r = await ledgerJournalReport(wb, { period: "2026-03" });
  expect(r.report!.balanced).toBe(false);
  expect(r.issues.map((i) => i.code)).toEqual(expect.arrayContaining(["UNBALANCED", "UNBALANCED_RANGE"]));
  expect(formatJournalReport(r, "table")).toContain("NOT BALANCED: GL-000099.");
  expect(formatJournalReport(r, "csv")).toContain(
    ",GL-000099,,Voucher total,,,,400.00,399.00,Not balanced: difference 1.00,",
  );

  const j = await journalize(wb, { period: "2026-03" }, ctx);
  expect(j.done).toBe(false);
  expect(j.issues.map((i) => i.code)).toContain("NOT_JOURNALIZED");
  expect((await loadBook(wb)).raw.get(JOURNALIZING.name)!.rows).toHaveLength(0);
});

test("an unknown user cannot journalize; a workbook made before tblJournalizing gets the table", async () => {
  const wb = await workbook();
  expect((await journalize(wb, { period: "2026-03" }, { user: "mallory", clock })).issues.map((i) => i.code)).toContain(
    "UNKNOWN_USER",
  );

  const older = MemoryWorkbook.from(wb.snapshot().tables.filter((t) => t.name !== JOURNALIZING.name));
  expect(await older.readTable(JOURNALIZING.name)).toBeUndefined();
  const j = await journalize(older, { period: "2026-03" }, ctx);
  expect([j.done, j.journalizingNo]).toEqual([true, "JNL-000001"]);
  expect((await older.readTable(JOURNALIZING.name))!.rows).toHaveLength(3);
  expect(await older.isProtected(JOURNALIZING.sheet)).toBe(true);
});

test("an interrupted journalizing run is rolled back by the next write; its number is not handed out again", async () => {
  const wb = await workbook();
  await journalize(wb, { period: "2026-03" }, ctx);
  wb.failOnWrite(16); // the audit append of the run (after the unprotects, the write lock's included, and the write-lock claim): its tblJournalizing row is written, the run is "started"
  await expect(journalize(wb, { period: "2026-04" }, ctx)).rejects.toThrow(/injected failure/);
  let loaded = await loadBook(wb);
  expect(loaded.book.runs.map((r) => [r.runId, r.status])).toContainEqual(["RUN-000003", "started"]);
  expect(loaded.raw.get(JOURNALIZING.name)!.rows).toHaveLength(4);

  const next = await journalize(wb, { period: "2026-04" }, ctx);
  expect(next.issues.map((i) => i.code)).toContain("RUN_ROLLED_BACK");
  expect([next.done, next.journalizingNo, next.vouchers]).toEqual([true, "JNL-000003", ["GL-000004"]]);
  loaded = await loadBook(wb);
  expect(loaded.raw.get(JOURNALIZING.name)!.rows.map((r) => [r[0], r[1]])).toEqual([
    ["JNL-000001", "GL-000001"],
    ["JNL-000001", "GL-000002"],
    ["JNL-000001", "GL-000003"],
    ["JNL-000003", "GL-000004"],
  ]);
  expect(loaded.book.runs.map((r) => [r.runId, r.status])).toEqual([
    ["RUN-000001", "committed"],
    ["RUN-000002", "committed"],
    ["RUN-000003", "rolled back"],
    ["RUN-000004", "committed"],
  ]);
});
