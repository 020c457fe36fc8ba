/**
 * @jest-environment node
 *
 * Workbook snapshots (src/app/snapshot.ts): a workbook's tables (and the
 * report sheets given) through JSON and back give the same tables, reports
 * and protection, between any two adapters (memory, xlsx, Excel over the
 * fake host), using only the port.
 *
 * Example: memory → snapshotOf → JSON.stringify → JSON.parse → parseSnapshot →
 * restoreSnapshot(new MemoryWorkbook()) → snapshotOf gives the same snapshot.
 */
import { ExcelWorkbook } from "../../src/adapters/excel/excelWorkbook";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import {
  decodeCell,
  encodeCell,
  parseSnapshot,
  restoreSnapshot,
  snapshotOf,
  type WorkbookSnapshot,
} from "../../src/app/snapshot";
import type { ReportSheet, WorkbookPort } from "../../src/ports/workbook";
import { createFakeExcel } from "../../src/preview/fakeExcel";
import { reportsOf } from "../../src/preview/fakeReports";
import { demoMemory } from "../support/demoFixture";
import { CLOSE_TASKS } from "../../src/schema/checklistTables";
import { tableHeaders } from "../../src/schema/defineTable";

const d = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);

async function sample(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await wb.createTable(
    {
      name: "tblSettings",
      sheet: "Settings",
      headers: ["Setting", "Value", "Description"],
      numberFormats: ["@", "@", "@"],
    },
    [
      ["Company", "Northwind", null],
      ["Protection password", "s3cret", "a deterrent"],
    ],
  );
  await wb.createTable(
    {
      name: "tblLedger",
      sheet: "Ledger",
      headers: ["Entry no", "Date", "Amount", "Posted at", "Flag", "Note"],
      numberFormats: ["0", "yyyy-mm-dd", "#,##0.00", "yyyy-mm-dd hh:mm:ss", "General", "@"],
    },
    [
      [1, d("2026-03-31"), 1234.5, new Date("2026-03-31T17:04:05.000Z"), true, "Rent — March"],
      [2, d("2026-04-01"), -0.1, null, false, { error: "#N/A" }],
    ],
  );
  await wb.createTable(
    { name: "tblLockExceptions", sheet: "Lock exceptions", headers: ["Period", "User"], numberFormats: ["@", "@"] },
    [],
  );
  await wb.protect("Ledger", "s3cret");
  await wb.protect("Lock exceptions", "s3cret");
  return wb;
}

async function throughJson(port: WorkbookPort): Promise<WorkbookSnapshot> {
  return parseSnapshot(JSON.parse(JSON.stringify(await snapshotOf(port))));
}

describe("workbook snapshots", () => {
  test("cells: dates (midnight and timestamps) and errors become JSON objects and come back equal", () => {
    const cells = [
      d("2026-03-31"),
      new Date("2026-03-31T17:04:05.123Z"),
      { error: "#DIV/0!" },
      "x",
      0,
      -1.5,
      true,
      null,
    ];
    const json = cells.map(encodeCell);
    expect(json.slice(0, 3)).toEqual([
      { date: "2026-03-31" },
      { date: "2026-03-31T17:04:05.123Z" },
      { error: "#DIV/0!" },
    ]);
    expect(JSON.parse(JSON.stringify(json)).map(decodeCell)).toEqual(cells);
  });

  test("memory → snapshot → JSON → memory: identical tables and protection, protected with the settings' password", async () => {
    const original = await sample();
    const snap = await throughJson(original);
    expect(snap.tables.map((t) => [t.shape.name, t.protected])).toEqual([
      ["tblSettings", false],
      ["tblLedger", true],
      ["tblLockExceptions", true],
    ]);
    const copy = new MemoryWorkbook();
    await restoreSnapshot(copy, snap);
    expect(await snapshotOf(copy)).toEqual(await snapshotOf(original));
    for (const name of ["tblSettings", "tblLedger", "tblLockExceptions"])
      expect(await copy.readTable(name)).toEqual(await original.readTable(name));
    await expect(copy.unprotect("Ledger", "wrong")).rejects.toThrow(/password/);
    await copy.unprotect("Ledger", "s3cret");
    const other = new MemoryWorkbook();
    await restoreSnapshot(other, snap, { password: "given" });
    await other.unprotect("Lock exceptions", "given");
  });

  test("a restored checklist table gets its declared status colours back (a port lists no conditional formats)", async () => {
    const original = new MemoryWorkbook();
    const headers = tableHeaders(CLOSE_TASKS, []);
    await original.createTable(
      { name: CLOSE_TASKS.name, sheet: CLOSE_TASKS.sheet, headers, numberFormats: headers.map(() => "General") },
      [headers.map((h) => (h === "Status" ? "Reviewed" : null))],
    );
    const copy = new MemoryWorkbook();
    await restoreSnapshot(copy, await throughJson(original));
    // one data row under the header on row 1: each rule over its column's row 2
    const status = String.fromCharCode(65 + headers.indexOf("Status"));
    expect(copy.conditionalFormats(CLOSE_TASKS.sheet).map((r) => r.range)).toContain(`${status}2:${status}2`);
    expect(copy.conditionalFormats(CLOSE_TASKS.sheet).length).toBe(CLOSE_TASKS.conditionalFormats!.length);
  });

  test("memory → JSON → xlsx bytes → JSON: the same snapshot", async () => {
    const snap = await throughJson(await sample());
    const xlsx = XlsxWorkbook.create();
    await restoreSnapshot(xlsx, snap);
    const bytes = await xlsx.toBuffer();
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(await throughJson(await XlsxWorkbook.load(bytes))).toEqual(snap);
  });

  test("the demo company through the fake Excel host (as the browser preview does) and back: the same snapshot", async () => {
    const { wb: memory } = await demoMemory("feb"); // runDemo through 2026-02-28, built once per test run
    const snap = await throughJson(memory);
    expect(snap.tables.find((t) => t.shape.name === "tblLedger")?.protected).toBe(true);
    const fake = createFakeExcel();
    const excel = new ExcelWorkbook(fake.run);
    await restoreSnapshot(excel, snap);
    expect(await throughJson(excel)).toEqual(snap);
  });

  test("reports given to snapshotOf travel too and are written by restoreSnapshot (memory and xlsx)", async () => {
    const original = await sample();
    await original.writeReport({
      sheet: "Trial balance",
      title: "Trial balance 2026-03",
      rows: [
        ["Account", "Balance", "As of"],
        ["1000", -12.5, d("2026-03-31")],
        ["Total", 0],
      ],
      numberFormats: ["@", "#,##0.00", undefined],
      boldRows: [0, 2],
    });
    const snap = parseSnapshot(JSON.parse(JSON.stringify(await snapshotOf(original, { reports: original.reports() }))));
    expect(snap.reports?.[0]?.numberFormats).toEqual(["@", "#,##0.00", null]);
    const copy = new MemoryWorkbook();
    await restoreSnapshot(copy, snap);
    expect(copy.reports()).toEqual(original.reports());
    const xlsx = XlsxWorkbook.create();
    await restoreSnapshot(xlsx, snap);
    expect((await XlsxWorkbook.load(await xlsx.toBuffer())).sheetNames()).toContain("Trial balance");
    expect((await snapshotOf(original)).reports).toBeUndefined();
    expect(() => parseSnapshot({ ...snap, reports: [{ sheet: "X", title: "T", rows: [[{ nope: 1 }]] }] })).toThrow(
      /report X/,
    );
    expect(() => parseSnapshot({ ...snap, reports: [{ sheet: "X", title: "T", rows: [], protected: "yes" }] })).toThrow(
      /report X: "protected"/,
    );
  });

  test("a protected report sheet (a closed period's statements) stays protected: memory, xlsx file, the fake Excel host and back", async () => {
    const original = await sample();
    const report: ReportSheet = {
      sheet: "Income statement",
      title: "Income statement 2026-03",
      rows: [
        ["Revenue", 1500],
        ["Net income", 1209],
      ],
      numberFormats: [undefined, "#,##0.00"],
      boldRows: [1],
    };
    await original.writeReport(report);
    await original.writeReport({ sheet: "Preview settlement", title: "Preview", rows: [["nothing"]] });
    await original.protect("Income statement", "s3cret");
    const json = (port: WorkbookPort, reports: readonly ReportSheet[]) =>
      snapshotOf(port, { reports }).then((s) => parseSnapshot(JSON.parse(JSON.stringify(s))));
    const snap = await json(original, original.reports());
    expect(snap.reports?.map((r) => [r.sheet, r.protected])).toEqual([
      ["Income statement", true],
      ["Preview settlement", false],
    ]);

    const copy = new MemoryWorkbook();
    await restoreSnapshot(copy, snap);
    await expect(copy.unprotect("Income statement", "wrong")).rejects.toThrow(/password/);
    expect(await copy.isProtected("Preview settlement")).toBe(false);

    const xlsx = XlsxWorkbook.create();
    await restoreSnapshot(xlsx, snap);
    const loaded = await XlsxWorkbook.load(await xlsx.toBuffer());
    expect(await json(loaded, loaded.reportSheets())).toEqual(snap);

    const fake = createFakeExcel();
    const excel = new ExcelWorkbook(fake.run);
    await restoreSnapshot(excel, snap);
    expect(await excel.isProtected("Income statement")).toBe(true);
    expect((await json(excel, reportsOf(fake.model))).reports?.map((r) => [r.sheet, r.protected])).toEqual([
      ["Income statement", true],
      ["Preview settlement", false],
    ]);
    // a report the port has no sheet for is simply not protected
    expect((await snapshotOf(new MemoryWorkbook(), { reports: [report] })).reports?.[0]?.protected).toBe(false);
  });

  test("parseSnapshot names what is wrong", () => {
    expect(() => parseSnapshot(null)).toThrow(/not an object/);
    expect(() => parseSnapshot({ version: 2, tables: [] })).toThrow(/version 2/);
    const shape = { name: "tblT", sheet: "T", headers: ["A"], numberFormats: ["@"] };
    expect(() => parseSnapshot({ version: 1, tables: [{ shape, rows: [[{ when: 1 }]], protected: false }] })).toThrow(
      /tblT row 1 has a cell/,
    );
    expect(() => parseSnapshot({ version: 1, tables: [{ shape, rows: [], protected: "yes" }] })).toThrow(/protected/);
    expect(() =>
      parseSnapshot({ version: 1, tables: [{ shape: { ...shape, headers: "A" }, rows: [], protected: false }] }),
    ).toThrow(/shape/);
    expect(
      parseSnapshot({ version: 1, tables: [{ shape, rows: [[{ date: "2026-01-31" }]], protected: false }] }).tables
        .length,
    ).toBe(1);
  });
});
