/**
 * The patch save (patchSession.ts, sheetPatch.ts, zipWriter.ts): a lazily opened
 * workbook whose writes touch only tables alone on their sheet is saved without
 * exceljs: untouched parts keep their compressed bytes, the changed sheets get
 * their rows appended or rewritten, and the result reads the same through the
 * adapter, through exceljs (an independent reader) and after a fallback to the
 * full load (a report written after the table writes replays them).
 */
import * as ExcelJS from "exceljs";
import fc from "fast-check";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ZipPackage } from "../../../src/adapters/xlsx/zipPackage";
import { XlsxWorkbook } from "../../../src/adapters/xlsx/xlsxWorkbook";
import { MemoryWorkbook } from "../../../src/adapters/memory/memoryWorkbook";
import type { CellValue, TableShape } from "../../../src/ports/workbook";

let dir = "";
let n = 0;
const file = (): string => path.join(dir, `patch-${++n}.xlsx`);
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "closebook-patch-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const d = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);
const LEDGER: TableShape = {
  name: "tblLedger",
  sheet: "Ledger",
  headers: ["Entry no", "Date", "Amount", "Note", "Flag"],
  numberFormats: ["0", "yyyy-mm-dd", "#,##0.00;[Red]-#,##0.00", "@", "General"],
};
const RUNS: TableShape = { name: "tblRuns", sheet: "Runs", headers: ["Run", "Status"], numberFormats: ["@", "@"] };
const NOTES: TableShape = { name: "tblNotes", sheet: "Notes", headers: ["Note"], numberFormats: ["@"] };

async function saved(): Promise<string> {
  const wb = XlsxWorkbook.create();
  await wb.createTable(LEDGER, [
    [1, d("2026-01-31"), 100.5, "opening", true],
    [2, d("2026-02-28"), -100.5, "a & b < c", null],
  ]);
  await wb.createTable(RUNS, [["RUN-000001", "committed"]]);
  await wb.createTable(NOTES, []);
  await wb.protect("Ledger", "");
  const f = file();
  await wb.save(f);
  return f;
}

async function partsOf(f: string): Promise<Map<string, Buffer>> {
  const zip = await ZipPackage.fromBuffer(await fs.readFile(f));
  const out = new Map<string, Buffer>();
  for (const name of zip.names()) out.set(name, (await zip.raw(name)).data);
  return out;
}

async function excelRows(f: string, sheet: string): Promise<{ ref: string; rows: unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(f);
  const ws = wb.getWorksheet(sheet)!;
  const table = Object.values(
    (ws as unknown as { tables: Record<string, { table: { tableRef: string } }> }).tables,
  )[0]!;
  const rows: unknown[][] = [];
  const width = ws.getRow(1).cellCount;
  ws.eachRow((row, r) => {
    if (r > 1) rows.push(Array.from({ length: width }, (_, j) => row.getCell(j + 1).value ?? null));
  });
  return { ref: table.table.tableRef, rows };
}

test("appending and updating rows rewrites only the changed sheets and table parts; every other part keeps its compressed bytes", async () => {
  const f = await saved();
  const before = await partsOf(f);
  const wb = await XlsxWorkbook.open(f);
  await wb.unprotect("Ledger", "");
  await wb.appendRows("tblLedger", [[3, d("2026-03-31"), 0.1, "  spaced\r\nCRLF  ", false]]);
  await wb.protect("Ledger", "");
  await wb.updateCells("tblRuns", [{ row: 1, column: "Status", value: "rolled back" }]);
  const f2 = file();
  await wb.save(f2);
  const after = await partsOf(f2);

  expect([...after.keys()]).toEqual([...before.keys()]);
  // Ledger is sheet1 with table1, Runs sheet2 with table2 (created in that order); Runs keeps its 1-row ref
  const changed = [...after.keys()].filter((k) => !after.get(k)!.equals(before.get(k)!)).sort();
  expect(changed).toEqual(["xl/tables/table1.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"]);

  // exceljs, an independent reader: ref grown by one row (header + 3 rows = A1:E4), values as written
  const ledger = await excelRows(f2, "Ledger");
  expect(ledger.ref).toBe("A1:E4");
  expect(ledger.rows).toEqual([
    [1, d("2026-01-31"), 100.5, "opening", true],
    [2, d("2026-02-28"), -100.5, "a & b < c", null],
    [3, d("2026-03-31"), 0.1, "  spaced\r\nCRLF  ", false],
  ]);
  expect((await excelRows(f2, "Runs")).rows).toEqual([["RUN-000001", "rolled back"]]);

  const again = await XlsxWorkbook.open(f2);
  expect((await again.readTable("tblLedger"))?.rows[2]).toEqual([3, d("2026-03-31"), 0.1, "  spaced\r\nCRLF  ", false]);
  expect(await again.isProtected("Ledger")).toBe(true);
  expect(await again.isProtected("Runs")).toBe(false);
});

test("a save without writes gives the file's own bytes", async () => {
  const f = await saved();
  const wb = await XlsxWorkbook.open(f);
  await wb.readTable("tblLedger");
  const f2 = file();
  await wb.save(f2);
  expect((await fs.readFile(f2)).equals(await fs.readFile(f))).toBe(true);
});

test("protection changed through the patch: a new password is written as a hash the next open checks", async () => {
  const f = await saved();
  const wb = await XlsxWorkbook.open(f);
  await wb.unprotect("Ledger", "");
  await wb.protect("Ledger", "s3cret");
  await wb.protect("Runs", "");
  const f2 = file();
  await wb.save(f2);
  const again = await XlsxWorkbook.open(f2);
  await expect(again.unprotect("Ledger", "wrong")).rejects.toThrow(/wrong password/);
  await again.unprotect("Ledger", "s3cret");
  expect(await again.isProtected("Runs")).toBe(true);
  const loaded = await XlsxWorkbook.load(await fs.readFile(f2));
  expect(await loaded.isProtected("Ledger")).toBe(true);
});

const REPORT = {
  sheet: "TB & more",
  title: "Trial balance 2026-03",
  rows: [
    ["Account", "Date", "Balance"],
    ["1000 <cash>", d("2026-03-31"), 1234.5],
    ["Total", null, -0.25],
  ],
  numberFormats: [undefined, undefined, "#,##0.00;(#,##0.00);-"],
  boldRows: [0, 2],
};

test("a new report sheet is added by the patch (styles merged, shared strings appended) and reads back as the exceljs path writes it", async () => {
  const f = await saved();
  const wb = await XlsxWorkbook.open(f);
  await wb.replaceRows("tblNotes", [["first"], ["second"]]);
  await wb.writeReport(REPORT);
  expect(await wb.isProtected("tb & MORE")).toBe(false);
  await wb.appendRows("tblNotes", [["third"]]);
  const f2 = file();
  await wb.save(f2);
  const before = await partsOf(f);
  const after = await partsOf(f2);
  expect(after.get("xl/worksheets/sheet1.xml")!.equals(before.get("xl/worksheets/sheet1.xml")!)).toBe(true);
  expect([...after.keys()].filter((k) => !before.has(k))).toEqual(["xl/worksheets/sheet4.xml"]);

  const again = await XlsxWorkbook.open(f2);
  expect((await again.readTable("tblNotes"))?.rows).toEqual([["first"], ["second"], ["third"]]);
  expect(again.sheetNames()).toEqual(["Ledger", "Runs", "Notes", "TB & more"]);
  // the same report written through exceljs (a workbook created in memory) reads back the same
  const viaExcelJs = XlsxWorkbook.create();
  await viaExcelJs.writeReport(REPORT);
  const f3 = file();
  await viaExcelJs.save(f3);
  const expected = (await XlsxWorkbook.open(f3, { eager: true })).reportSheets();
  expect((await XlsxWorkbook.open(f2, { eager: true })).reportSheets()).toEqual(expected);
  // exceljs itself: bold title, the amount's number format
  const excel = new ExcelJS.Workbook();
  await excel.xlsx.readFile(f2);
  const ws = excel.getWorksheet("TB & more")!;
  expect(ws.getCell("A1").font?.bold).toBe(true);
  expect(ws.getCell("C4").numFmt).toBe("#,##0.00;(#,##0.00);-");
  expect(ws.getCell("A4").value).toBe("1000 <cash>");
});

test("a report over a sheet the file has loads the file whole and replays the patched writes", async () => {
  const f = await saved();
  const wb = await XlsxWorkbook.open(f);
  await wb.writeReport(REPORT);
  const f2 = file();
  await wb.save(f2);
  const wb2 = await XlsxWorkbook.open(f2);
  await wb2.appendRows("tblNotes", [["one"]]);
  await wb2.writeReport({ ...REPORT, title: "again" });
  const f3 = file();
  await wb2.save(f3);
  const again = await XlsxWorkbook.open(f3, { eager: true });
  expect((await again.readTable("tblNotes"))?.rows).toEqual([["one"]]);
  expect(again.reportSheets().map((r) => r.title)).toEqual(["again"]);
});

type Op =
  | { kind: "append"; rows: CellValue[][] }
  | { kind: "update"; row: number; value: CellValue }
  | { kind: "truncate"; keep: number }
  | { kind: "replace"; rows: CellValue[][] };

// eslint-disable-next-line no-control-regex
const text = fc.string({ maxLength: 8 }).filter((s) => !/[\u0000-\u001f_]/.test(s) || /^[\t\n]*$/.test(s));
const row = fc.tuple(fc.integer({ min: -1e6, max: 1e6 }), text).map(([a, b]) => [a, b] as CellValue[]);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.array(row, { maxLength: 4 }).map((rows) => ({ kind: "append" as const, rows })),
  fc
    .tuple(fc.nat(6), fc.oneof(text, fc.integer(), fc.constant(null)))
    .map(([r, value]) => ({ kind: "update" as const, row: r, value })),
  fc.nat(6).map((keep) => ({ kind: "truncate" as const, keep })),
  fc.array(row, { maxLength: 3 }).map((rows) => ({ kind: "replace" as const, rows })),
);

test("property: any sequence of table writes saved by the patch reads back as the memory model holds it (adapter and exceljs)", async () => {
  const shape: TableShape = { name: "tblT", sheet: "T", headers: ["N", "S"], numberFormats: ["0", "@"] };
  const start: CellValue[][] = [
    [1, "a"],
    [2, "b"],
    [3, "c"],
  ];
  const base = XlsxWorkbook.create();
  await base.createTable(shape, start);
  const f = file();
  await base.save(f);
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 5 }), async (ops) => {
      const wb = await XlsxWorkbook.open(f);
      const mem = MemoryWorkbook.from([{ ...shape, rows: start }]);
      for (const o of ops) {
        for (const port of [wb, mem]) {
          const rows = (await mem.readTable("tblT"))!.rows.length;
          if (o.kind === "append") await port.appendRows("tblT", o.rows);
          else if (o.kind === "truncate") await port.truncateRows("tblT", o.keep);
          else if (o.kind === "replace") await port.replaceRows("tblT", o.rows);
          else if (o.row < rows) await port.updateCells("tblT", [{ row: o.row + 1, column: "S", value: o.value }]);
        }
      }
      const expected = (await mem.readTable("tblT"))!.rows;
      const f2 = file();
      await wb.save(f2);
      expect((await (await XlsxWorkbook.open(f2)).readTable("tblT"))?.rows).toEqual(expected);
      const excel = await excelRows(f2, "T");
      expect(excel.ref).toBe(`A1:B${1 + Math.max(expected.length, 1)}`);
      expect(excel.rows).toEqual(expected.length === 0 ? [] : expected);
    }),
    { numRuns: 25 },
  );
});

test("a number written in a date column reads back as the number after the patch save (its cell is not given the column's date style)", async () => {
  // 46112 would read back as 2026-03-31 in a "yyyy-mm-dd" cell (1900 serial: 46,023 for 2026-01-01 + 89 days)
  const wb = await XlsxWorkbook.open(await saved());
  await wb.unprotect("Ledger", "");
  await wb.appendRows("tblLedger", [[3, 46112, 1, "serial", null]]);
  await wb.updateCells("tblLedger", [{ row: 1, column: "Date", value: 0.5 }]);
  const f = file();
  await wb.save(f);
  expect((await (await XlsxWorkbook.open(f)).readTable("tblLedger"))?.rows).toEqual([
    [1, 0.5, 100.5, "opening", true],
    [2, d("2026-02-28"), -100.5, "a & b < c", null],
    [3, 46112, 1, "serial", null],
  ]);
});
