/**
 * A large table appended to without reading its rows (issue #14: a posting appends to the 100k-line ledger it
 * never reads): tableSize from the table's ref, whether its sheet is protected from the bytes after its cells,
 * the append streamed past the file's rows — none of which scans the sheet's cells — and the file reads back
 * as the same writes on a table read first leave it. A write that rewrites the rows in place reads them then.
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { LazyTables, protectionAfterCells } from "../../../src/adapters/xlsx/lazyTables";
import { XlsxWorkbook } from "../../../src/adapters/xlsx/xlsxWorkbook";
import { loadBook } from "../../../src/app/loadBook";
import { openWrite } from "../../../src/app/operation";
import { postJournals } from "../../../src/app/postJournals";
import { fixedClock } from "../../../src/ports/clock";
import type { CellValue } from "../../../src/ports/workbook";
import { encodeRecords } from "../../../src/schema/records";
import { JOURNAL, LEDGER } from "../../../src/schema/tables";
import { journal } from "../../support/fixtures";
import { postedSmallCompany } from "../../support/smallCompany";

const d = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);
const shape = {
  name: "tblLedger",
  sheet: "Ledger",
  headers: ["Voucher", "Date", "Amount", "Note"],
  numberFormats: ["@", "yyyy-mm-dd", "#,##0.00", "@"],
};
const FILE_ROWS: CellValue[][] = [1, 2, 3, 4, 5].map((r) => [`GL-00000${r}`, d("2026-01-0" + r), r + 0.5, null]);
const NEW_ROWS: CellValue[][] = [
  ["GL-000006", d("2026-03-31"), -12.25, "a & b < c"],
  ["GL-000007", d("2026-03-31"), 12.25, null],
];

let dir = "";
let before = 0;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "closebook-unread-"));
  before = LazyTables.handOutRows;
  LazyTables.handOutRows = 2; // the 5-row Ledger counts as large here
});
afterAll(async () => {
  LazyTables.handOutRows = before;
  await fs.rm(dir, { recursive: true, force: true });
});

let n = 0;
async function saved(): Promise<string> {
  const wb = XlsxWorkbook.create();
  await wb.createTable(shape, FILE_ROWS);
  await wb.protect("Ledger", "pw");
  const f = path.join(dir, `t${++n}.xlsx`);
  await wb.save(f);
  return f;
}

/** The tables whose sheets the reader scans from now on (by name, in order); `tracked.mockRestore()` ends it. */
function trackScans(): { scans: string[]; tracked: jest.SpyInstance } {
  const scans: string[] = [];
  type Scanning = { readRowsOf: (t: { shape: { name: string } }) => Promise<unknown> };
  const proto = LazyTables.prototype as unknown as Scanning;
  const original = proto.readRowsOf;
  const tracked = jest.spyOn(proto, "readRowsOf").mockImplementation(function (this: unknown, t) {
    scans.push(t.shape.name);
    return original.call(this, t);
  });
  return { scans, tracked };
}

/** The port calls a posting makes on the ledger: its size, its protection, unprotect, append, protect, save. */
async function append(f: string, readFirst: boolean): Promise<{ sizes: unknown[]; scans: string[] }> {
  const { scans, tracked } = trackScans();
  try {
    const wb = await XlsxWorkbook.open(f);
    if (readFirst) expect((await wb.readTable("tblLedger"))?.rows).toHaveLength(5);
    const sizes: unknown[] = [await wb.tableSize("tblLedger")];
    expect(await wb.isProtected("Ledger")).toBe(true);
    await wb.unprotect("Ledger", "pw");
    await wb.appendRows("tblLedger", NEW_ROWS);
    sizes.push(await wb.tableSize("tblLedger"));
    await wb.protect("Ledger", "pw");
    await wb.save(f);
    return { sizes, scans };
  } finally {
    tracked.mockRestore();
  }
}

test("appended unread: no scan of its cells, its size from the ref, and the file the read path writes", async () => {
  const unread = await saved();
  const read = await saved();
  const a = await append(unread, false);
  const b = await append(read, true);
  // 5 file rows, then 5 + 2 appended
  const sizes = [
    { headers: shape.headers, rows: 5 },
    { headers: shape.headers, rows: 7 },
  ];
  expect(a).toEqual({ sizes, scans: [] });
  expect(b).toEqual({ sizes, scans: ["tblLedger"] });
  const again = [await XlsxWorkbook.open(unread), await XlsxWorkbook.open(read)];
  const rows = await Promise.all(again.map(async (w) => (await w.readTable("tblLedger"))?.rows));
  expect(rows[0]).toEqual([...FILE_ROWS, ...NEW_ROWS]);
  expect(rows[1]).toEqual(rows[0]);
  expect(await again[0]!.isProtected("Ledger")).toBe(true);
  await expect(again[0]!.unprotect("Ledger", "wrong")).rejects.toThrow(/wrong password/);
});

test("a cell rewritten after an unread append: the rows are read then, and the file holds both writes", async () => {
  const f = await saved();
  const wb = await XlsxWorkbook.open(f);
  await wb.unprotect("Ledger", "pw");
  await wb.appendRows("tblLedger", NEW_ROWS);
  await wb.updateCells("tblLedger", [{ row: 2, column: "Note", value: "changed" }]);
  await wb.save(f);
  const rows = (await (await XlsxWorkbook.open(f)).readTable("tblLedger"))?.rows;
  const expected = [...FILE_ROWS, ...NEW_ROWS].map((r) => [...r]);
  expected[1]![3] = "changed";
  expect(rows).toEqual(expected);
});

async function* inChunks(b: Buffer, sizes: readonly number[]): AsyncGenerator<Buffer> {
  let at = 0;
  let i = 0;
  while (at < b.length) {
    const k = Math.max(1, sizes[i++ % sizes.length]!);
    yield b.subarray(at, at + k);
    at += k;
  }
}

test("the protection after the cells, in chunks of any size: sheet 1 or true is protected; no </sheetData>: unknown", async () => {
  const head = '<worksheet xmlns="x"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>';
  const cases: [string, boolean | undefined][] = [
    [head + '</sheetData><sheetProtection sheet="1" objects="1"/><pageMargins/></worksheet>', true],
    [head + "</sheetData><sheetProtection sheet='true'/></worksheet>", true],
    [head + '</sheetData><sheetProtection sheet="0"/></worksheet>', false],
    [head + '</sheetData><sheetProtection objects="1"/></worksheet>', false],
    [head + "</sheetData><pageMargins/></worksheet>", false],
    [head.replace(/<(\/?)(\w)/g, "<$1x:$2") + '</x:sheetData><x:sheetProtection sheet="1"/></x:worksheet>', true],
    [head + "</worksheet>", undefined],
  ];
  for (const [xml, expected] of cases)
    for (const sizes of [[1], [5, 9], [7, 64, 3], [4096]])
      expect([xml, sizes, await protectionAfterCells(inChunks(Buffer.from(xml), sizes))]).toEqual([
        xml,
        sizes,
        expected,
      ]);
});

test("a posting through the xlsx adapter scans none of the ledger's cells and leaves the file the read-everything path leaves", async () => {
  const clock = fixedClock("2026-04-02T10:00:00.000Z");
  const ctx = { user: "bob", clock };
  const wb = await postedSmallCompany(XlsxWorkbook.create(), ctx); // 8 ledger lines: "large" here
  const dims = (await loadBook(wb, [])).book.setup.dimensions.map((x) => x.name);
  await wb.appendRows(
    JOURNAL.name,
    encodeRecords(
      JOURNAL,
      dims,
      journal("X-1 2026-04-10 6100 USD Dr 70.00 dept=ADMIN\nX-1 2026-04-10 1000 USD Cr 70.00"),
    ),
  );
  const narrow = path.join(dir, "narrow.xlsx");
  const whole = path.join(dir, "whole.xlsx");
  await wb.save(narrow);
  await fs.copyFile(narrow, whole);
  const { scans, tracked } = trackScans();
  try {
    const a = await XlsxWorkbook.open(narrow);
    expect((await postJournals(a, ctx)).posted).toBe(true);
    await a.save(narrow);
  } finally {
    tracked.mockRestore();
  }
  expect(scans).not.toContain(LEDGER.name);
  const b = await XlsxWorkbook.open(whole);
  expect((await postJournals(await openWrite(b, ctx), ctx)).posted).toBe(true);
  await b.save(whole);
  const [x, y] = [await XlsxWorkbook.open(narrow), await XlsxWorkbook.open(whole)];
  for (const t of await x.listTables())
    expect([t.name, await x.readTable(t.name)]).toEqual([t.name, await y.readTable(t.name)]);
  // 8 + X-1's 2 lines, entries 9 and 10
  expect((await loadBook(x)).book.ledger.map((e) => e.entryNo)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
});

test("a large table's rows handed out are not kept once the caller drops them, though nothing turns the event loop after", async () => {
  // the reader remembers them weakly (`given`); a new WeakRef keeps its target for the rest of the job, so the
  // reader turns the event loop before it returns them: a caller that decodes and drops them, then computes
  // without I/O (a close's steps), does not hold 1M journal rows through it
  const lazy = await LazyTables.open(await fs.readFile(await saved()));
  await (async () => expect((await lazy.readTable("tblLedger"))?.rows).toHaveLength(FILE_ROWS.length))();
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
  const known = (lazy as unknown as { tables: Map<string, { given?: WeakRef<object> }> }).tables;
  const given = [...known.values()].find((t) => t.given)?.given;
  expect(given).toBeDefined();
  expect(given!.deref()).toBeUndefined();
});
