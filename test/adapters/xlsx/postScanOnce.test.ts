/**
 * Issue #14 (TWICE): a posting scans the Journal sheet once. The reader hands a large table's rows out (not kept);
 * marking the posted lines (updateCellsByKey) checks their keys against the rows handed out, while the reader of them
 * still holds them, and the save rewrites those rows as it streams the part, decoding each from its XML — the sheet
 * is not read a second time. The file written is the one the path that kept the rows writes, part for part.
 */
import fc from "fast-check";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MemoryWorkbook } from "../../../src/adapters/memory/memoryWorkbook";
import { LazyTables } from "../../../src/adapters/xlsx/lazyTables";
import { XlsxWorkbook } from "../../../src/adapters/xlsx/xlsxWorkbook";
import { ZipPackage } from "../../../src/adapters/xlsx/zipPackage";
import { loadBook } from "../../../src/app/loadBook";
import { postJournals } from "../../../src/app/postJournals";
import { fixedClock } from "../../../src/ports/clock";
import type { CellValue } from "../../../src/ports/workbook";
import { RowsMovedError } from "../../../src/ports/workbook";
import { encodeRecords } from "../../../src/schema/records";
import { JOURNAL } from "../../../src/schema/tables";
import { journal } from "../../support/fixtures";
import { postedSmallCompany } from "../../support/smallCompany";

let dir = "";
let before = 0;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "closebook-twice-"));
  before = LazyTables.handOutRows;
});
afterAll(async () => {
  LazyTables.handOutRows = before;
  await fs.rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  LazyTables.handOutRows = before;
});

const clock = fixedClock("2026-04-02T10:00:00.000Z");
const ctx = { user: "bob", clock };

/** A posted small company with three draft vouchers (six journal lines: text, dates, amounts, a dimension, blanks). */
async function withDrafts(): Promise<string> {
  const wb = await postedSmallCompany(XlsxWorkbook.create(), ctx);
  const dims = (await loadBook(wb, [])).book.setup.dimensions.map((x) => x.name);
  const lines = [
    "X-1 2026-04-10 6100 USD Dr 70.00 dept=ADMIN",
    "X-1 2026-04-10 1000 USD Cr 70.00",
    "X-2 2026-04-11 6100 USD Dr 12.34",
    "X-2 2026-04-11 1000 USD Cr 12.34",
    "X-3 2026-04-12 6100 USD Dr 0.01 dept=ADMIN",
    "X-3 2026-04-12 1000 USD Cr 0.01",
  ];
  await wb.appendRows(JOURNAL.name, encodeRecords(JOURNAL, dims, journal(lines.join("\n"))));
  const f = path.join(dir, `drafts-${Math.random().toString(36).slice(2)}.xlsx`);
  await wb.save(f);
  return f;
}

/** Runs `body` counting the full scans of each table's rows (the reader's first read, and any read again). */
async function countingScans(body: () => Promise<void>): Promise<string[]> {
  const scans: string[] = [];
  type Scanning = {
    readRowsOf: (t: { shape: { name: string } }) => Promise<unknown>;
    rowsAgain: (name: string) => Promise<unknown>;
  };
  const proto = LazyTables.prototype as unknown as Scanning;
  const [first, again] = [proto.readRowsOf, proto.rowsAgain];
  const a = jest.spyOn(proto, "readRowsOf").mockImplementation(function (this: unknown, t) {
    scans.push(t.shape.name);
    return first.call(this, t);
  });
  const b = jest.spyOn(proto, "rowsAgain").mockImplementation(function (this: unknown, name) {
    scans.push(`${name} again`);
    return again.call(this, name);
  });
  try {
    await body();
  } finally {
    a.mockRestore();
    b.mockRestore();
  }
  return scans;
}

async function parts(f: string): Promise<Map<string, string>> {
  const zip = await ZipPackage.fromBuffer(await fs.readFile(f));
  const out = new Map<string, string>();
  for (const name of zip.names()) out.set(name, (await zip.read(name)).toString("utf8"));
  return out;
}

test("a posting through the xlsx adapter scans the handed-out Journal once, and writes the file the kept-rows path writes", async () => {
  const source = await withDrafts();
  const [handed, kept] = [path.join(dir, "handed.xlsx"), path.join(dir, "kept.xlsx")];
  await fs.copyFile(source, handed);
  await fs.copyFile(source, kept);

  // the Journal holds the small company's posted lines and these 6 drafts: more than 2 rows, handed out
  LazyTables.handOutRows = 2;
  let posted: unknown;
  const scans = await countingScans(async () => {
    const wb = await XlsxWorkbook.open(handed);
    const r = await postJournals(wb, ctx);
    posted = r.posted && r.lines;
    await wb.save(handed);
  });
  // 2 lines each = 6 lines posted
  expect(posted).toBe(6);
  // read once to post; today the save's updateCellsByKey read it again ("tblJournal again")
  expect(scans.filter((s) => s === JOURNAL.name || s === `${JOURNAL.name} again`)).toEqual([JOURNAL.name]);

  LazyTables.handOutRows = 1_000_000; // every table kept: the rows the marks go into are held
  const wb = await XlsxWorkbook.open(kept);
  expect((await postJournals(wb, ctx)).lines).toBe(6);
  await wb.save(kept);

  const [a, b] = [await parts(handed), await parts(kept)];
  expect([...a.keys()]).toEqual([...b.keys()]);
  for (const [name, text] of a) expect([name, text]).toEqual([name, b.get(name)]);
});

test("a key that does not match the row handed out is refused at the call, nothing marked; a read after an edit sees it", async () => {
  const f = await withDrafts();
  LazyTables.handOutRows = 2;
  const wb = await XlsxWorkbook.open(f);
  const t = (await wb.readTable(JOURNAL.name))!;
  const voucher = t.headers.indexOf("Draft voucher");
  const status = t.headers.indexOf("Status");
  expect(voucher).toBeGreaterThanOrEqual(0);
  const n = t.rows.length;
  const last = t.rows[n - 1]![voucher];
  // the last row holds X-3; keyed as X-2 it is refused
  await expect(
    wb.updateCellsByKey(JOURNAL.name, ["Draft voucher"], [{ row: n, column: "Status", value: "Posted", key: ["X-2"] }]),
  ).rejects.toBeInstanceOf(RowsMovedError);
  expect(last).toBe("X-3");
  await wb.updateCellsByKey(
    JOURNAL.name,
    ["Draft voucher"],
    [{ row: n, column: "Status", value: "Posted", key: ["X-3"] }],
  );
  // keyed on the cell just written: the check sees the write
  await wb.updateCellsByKey(JOURNAL.name, ["Status"], [{ row: n, column: "Message", value: "ok", key: ["Posted"] }]);
  const again = (await wb.readTable(JOURNAL.name))!;
  expect(again.rows[n - 1]![status]).toBe("Posted");
  expect(again.rows.slice(0, n - 1)).toEqual(t.rows.slice(0, n - 1));
  await wb.save(f);
  const read = (await (await XlsxWorkbook.open(f)).readTable(JOURNAL.name))!;
  expect(read.rows).toEqual(again.rows);
});

test("a caller that changed the key cells of the rows it was handed cannot mark another row: refused, the file unchanged", async () => {
  const f = await withDrafts();
  const bytes = await fs.readFile(f);
  LazyTables.handOutRows = 2;
  const wb = await XlsxWorkbook.open(f);
  const t = (await wb.readTable(JOURNAL.name))!;
  const voucher = t.headers.indexOf("Draft voucher");
  const n = t.rows.length;
  (t.rows[n - 1] as unknown[])[voucher] = "X-9"; // the caller's own copy, not the file (which holds X-3)
  // refused at the call (rows read again) or at the save (the row decoded from the file as the save streams it)
  const refused = await (async () => {
    try {
      await wb.updateCellsByKey(
        JOURNAL.name,
        ["Draft voucher"],
        [{ row: n, column: "Status", value: "Posted", key: ["X-9"] }],
      );
      await wb.save(f);
    } catch (e) {
      return e;
    }
    return undefined;
  })();
  expect(refused).toBeInstanceOf(RowsMovedError);
  expect((await fs.readFile(f)).equals(bytes)).toBe(true);
});

test("cell changes of handed-out rows, keyed or not, with reads between: the file reads back as the memory workbook's", async () => {
  const shape = {
    name: "tblLedger",
    sheet: "Ledger",
    headers: ["Voucher", "Date", "Amount", "Note"],
    numberFormats: ["@", "yyyy-mm-dd", "#,##0.00", "@"],
  };
  const d = (day: number): Date => new Date(Date.UTC(2026, 0, day));
  const fileRows: CellValue[][] = [1, 2, 3, 4, 5].map((r) => [`GL-00000${r}`, d(r), r + 0.5, r % 2 ? "n" : null]);
  const base = XlsxWorkbook.create();
  await base.createTable(shape, fileRows);
  const f = path.join(dir, "property.xlsx");
  await base.save(f);
  const bytes = await fs.readFile(f);
  const value = fc.oneof(
    fc.record({
      column: fc.constant("Voucher"),
      value: fc.constantFrom<CellValue>("GL-9", " lead", "a & b < c", null),
    }),
    fc.record({ column: fc.constant("Date"), value: fc.constantFrom<CellValue>(d(20), d(31), null) }),
    fc.record({ column: fc.constant("Amount"), value: fc.constantFrom<CellValue>(0, -12.25, 1e6, null) }),
    fc.record({ column: fc.constant("Note"), value: fc.constantFrom<CellValue>("x", "", "line\nend", null) }),
  );
  const step = fc.record({
    keyed: fc.boolean(),
    read: fc.boolean(),
    updates: fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), value), { minLength: 1, maxLength: 3 }),
  });
  LazyTables.handOutRows = 2; // the 5 rows are handed out
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 4 }), async (steps) => {
      const file = path.join(dir, "p.xlsx");
      await fs.writeFile(file, bytes);
      const wb = await XlsxWorkbook.open(file);
      const held = (await wb.readTable(shape.name))!.rows; // the reader holds the rows it was handed
      const mem = MemoryWorkbook.from([{ ...shape, rows: fileRows }]);
      for (const s of steps) {
        const now = (await mem.readTable(shape.name))!.rows;
        const updates = s.updates.map(([row, v]) => ({ row, ...v, key: [now[row - 1]![0]!] }));
        if (s.keyed) {
          await wb.updateCellsByKey(shape.name, ["Voucher"], updates);
          await mem.updateCellsByKey(shape.name, ["Voucher"], updates);
        } else {
          await wb.updateCells(shape.name, updates);
          await mem.updateCells(shape.name, updates);
        }
        if (s.read) expect((await wb.readTable(shape.name))!.rows).toEqual((await mem.readTable(shape.name))!.rows);
      }
      await wb.save(file);
      expect(held).toHaveLength(5);
      const back = (await (await XlsxWorkbook.open(file)).readTable(shape.name))!.rows;
      expect(back).toEqual((await mem.readTable(shape.name))!.rows);
    }),
    { numRuns: 25 },
  );
});
