/**
 * Rows appended to a part's compressed bytes (deflatedAppend.ts, #14): the part it gives inflates to what the
 * streamed patch (sheetStream.ts) writes from the whole part, byte for byte, with the CRC-32 and size of those
 * bytes; three appends in a row too; a part without Closebook's restart points (one deflate stream, as exceljs or
 * another tool writes it) or with a row rewritten is left to the streamed patch. Through the workbook: a save
 * after a first one does not inflate the sheet part, and yauzl, JSZip (CRC checked), exceljs and `unzip -t` read
 * the file back.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import { appendDeflated } from "../../../src/adapters/xlsx/deflatedAppend";
import type { StreamPlan, StreamedSheet } from "../../../src/adapters/xlsx/sheetStream";
import { patchSheetStreamed } from "../../../src/adapters/xlsx/sheetStream";
import { XlsxWorkbook } from "../../../src/adapters/xlsx/xlsxWorkbook";
import { ZipPackage } from "../../../src/adapters/xlsx/zipPackage";
import type { ZipOutEntry } from "../../../src/adapters/xlsx/zipWriter";
import { crc32, crc32Unappend, deflatedEntry } from "../../../src/adapters/xlsx/zipWriter";
import type { CellValue } from "../../../src/ports/workbook";
import { d, HEAD, ROWS, TAIL, XML, FILE_ROWS } from "./ledgerPart";

const batch = (from: number, n: number): CellValue[][] =>
  Array.from({ length: n }, (_, i) => [
    `GL-${from + i}`,
    d("2026-03-31"),
    -(from + i) / 4,
    i % 2 ? "é & 日本 😀" : null,
  ]);

function planFor(rows: CellValue[][], fileRows: number, over: Partial<StreamPlan> = {}): StreamPlan {
  return {
    rect: { top: 1, left: 1, bottom: 1 + fileRows, right: 4 },
    rows,
    kept: fileRows,
    dirty: new Set(rows.map((_, i) => i).filter((i) => i >= fileRows)),
    styleIsDate: (s) => s === 2,
    date1904: false,
    ...over,
  };
}

async function* once(b: Buffer): AsyncGenerator<Buffer> {
  yield b;
}

function stored(s: StreamedSheet | ZipOutEntry): ZipOutEntry {
  const data = "pieces" in s ? Buffer.concat(s.pieces) : s.data;
  return { ...deflatedEntry("xl/worksheets/sheet1.xml", Buffer.alloc(0)), crc32: s.crc32, size: s.size, data };
}

/** The streamed patch over the part inflated whole: what the save writes when it does not append in place. */
async function fullPath(part: ZipOutEntry, plan: StreamPlan): Promise<Buffer> {
  const s = await patchSheetStreamed(once(inflateRawSync(part.data)), plan);
  return inflateRawSync(Buffer.concat(s!.pieces));
}

test("crc32Unappend undoes crc32's bytes: the CRC of a from the CRC of a‖b, for a and b of any length", () => {
  for (let k = 0; k < 100; k++) {
    const a = randomBytes((k * 37) % 500);
    const b = randomBytes(k % 70);
    expect(crc32Unappend(crc32(Buffer.concat([a, b])), b)).toBe(crc32(a));
  }
  // worked by hand from the check value: CRC-32("123456789") = 0xcbf43926
  expect(crc32Unappend(0xcbf43926, Buffer.from("6789"))).toBe(crc32(Buffer.from("12345")));
});

test("three appends in a row to a part the streamed patch wrote: each the full path's XML byte for byte, CRC and size right", async () => {
  let rows = [...FILE_ROWS, ...batch(5, 2)];
  const first = await patchSheetStreamed(once(XML), planFor(rows, 3));
  let part = stored(first!);
  for (const n of [1, 7, 25]) {
    const fileRows = rows.length;
    rows = [...rows, ...batch(fileRows + 2, n)];
    const plan = planFor(rows, fileRows);
    const s = appendDeflated(part, plan);
    expect(s).toBeDefined();
    const xml = inflateRawSync(Buffer.concat(s!.pieces));
    expect(xml.equals(await fullPath(part, plan))).toBe(true);
    expect(s!.crc32).toBe(crc32(xml));
    expect(s!.size).toBe(xml.length);
    expect(s!.ref).toBe(`A1:D${rows.length + 1}`);
    // the kept bytes are the old part's: its compressed rows were not written again
    expect(part.data.includes(s!.pieces[1]!)).toBe(true);
    part = stored(s!);
  }
  const text = inflateRawSync(part.data).toString("utf8");
  expect(text).toContain('<dimension ref="A1:D39"/>');
  expect(text).toContain('sqref="C2:C39"');
  expect(text).toContain('<row r="39">');
});

test("a protection change with no new rows is written in place too (the tail alone replaced)", async () => {
  const part = stored((await patchSheetStreamed(once(XML), planFor(FILE_ROWS, 3)))!);
  const plan = planFor(FILE_ROWS, 3, { protection: "" });
  const s = appendDeflated(part, plan)!;
  const xml = inflateRawSync(Buffer.concat(s.pieces));
  expect(xml.equals(await fullPath(part, plan))).toBe(true);
  expect(xml.toString()).not.toContain("sheetProtection");
  expect(s.crc32).toBe(crc32(xml));
});

test("a part deflated as one stream (exceljs, another tool) has no restart point: left to the streamed patch", () => {
  const part = stored(deflatedEntry("xl/worksheets/sheet1.xml", XML));
  expect(appendDeflated(part, planFor([...FILE_ROWS, ...batch(5, 2)], 3))).toBeUndefined();
  // a sync flush at the head but the tail in the rows' stream: no tail restart point either
  const head = deflateRawSync(Buffer.from(HEAD), { finishFlush: 2 });
  const glued = { ...part, data: Buffer.concat([head, deflateRawSync(Buffer.from(ROWS + TAIL))]) };
  expect(appendDeflated(glued, planFor([...FILE_ROWS, ...batch(5, 2)], 3))).toBeUndefined();
});

test("a file row rewritten, or rows cut, is not appended in place", async () => {
  const part = stored((await patchSheetStreamed(once(XML), planFor(FILE_ROWS, 3)))!);
  const rows = [...FILE_ROWS, ...batch(5, 1)];
  expect(appendDeflated(part, planFor(rows, 3, { dirty: new Set([1, 3]) }))).toBeUndefined();
  expect(appendDeflated(part, planFor(rows.slice(0, 2), 3, { kept: 2, dirty: new Set() }))).toBeUndefined();
});

describe("through the workbook", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "closebook-deflated-"));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });
  const shape = {
    name: "tblLedger",
    sheet: "Ledger",
    headers: ["Voucher", "Date", "Amount", "Note"],
    numberFormats: ["@", "yyyy-mm-dd", "#,##0.00", "@"],
  };

  test("a protected exceljs-written part appended by the full path, then twice in place; every reader reads it back", async () => {
    const f = path.join(dir, "book.xlsx");
    const wb = XlsxWorkbook.create();
    await wb.createTable(shape, FILE_ROWS);
    await wb.protect("Ledger", "pw");
    await wb.save(f);
    let expected = [...FILE_ROWS];
    const inflated: number[] = [];
    for (const n of [2, 3, 4]) {
      const chunks = jest.spyOn(ZipPackage.prototype, "chunks");
      try {
        const again = await XlsxWorkbook.open(f);
        // as the CLI's commands do: a protected sheet, its part walked once when the table is taken (sheetFrame)
        await again.unprotect("Ledger", "pw");
        const added = batch(expected.length + 2, n);
        await again.appendRows("tblLedger", added);
        expected = [...expected, ...added];
        await again.protect("Ledger", "pw");
        await again.save(f);
        inflated.push(chunks.mock.calls.filter(([part]) => part === "xl/worksheets/sheet1.xml").length);
      } finally {
        chunks.mockRestore();
      }
      // JSZip checks every part's CRC-32 and size
      const zip = await JSZip.loadAsync(await fs.readFile(f), { checkCRC32: true });
      expect(await zip.file("xl/worksheets/sheet1.xml")!.async("string")).toContain(`<row r="${expected.length + 1}"`);
      execFileSync("unzip", ["-tq", f]);
      const back = await (await XlsxWorkbook.open(f)).readTable("tblLedger");
      expect(back!.rows).toEqual(expected.map((r) => r.map((v) => (v === null ? null : v))));
    }
    // every session reads the part's first rows (the table's shape) and its rows (a small table is read when taken,
    // its protection seen); the exceljs part is then walked for its frame and streamed whole by the save; a part in
    // Closebook's layout is framed from its head and tail (#14, appendedLayout.test.ts) and its rows kept as stored
    expect(inflated).toEqual([4, 2, 2]);
    const x = new ExcelJS.Workbook();
    await x.xlsx.readFile(f);
    const ws = x.getWorksheet("Ledger")!;
    expect(ws.getCell(`A${expected.length + 1}`).value).toBe(expected[expected.length - 1]![0]);
    expect(ws.getCell(`D${expected.length + 1}`).value).toBe("é & 日本 😀");
    const table = Object.values(
      (ws as unknown as { tables: Record<string, { table: { tableRef: string } }> }).tables,
    )[0]!;
    expect(table.table.tableRef).toBe(`A1:D${expected.length + 1}`);
  });
});
