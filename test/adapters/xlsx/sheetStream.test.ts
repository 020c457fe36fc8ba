/**
 * The streamed patch of a worksheet part (sheetStream.ts): fed in chunks of any size, it gives the bytes
 * patchSheet gives for the whole part (byte for byte, CRC and size included), its frame scan agrees with
 * worksheetMayNeedFix and protectionElementOf, a save that only appends never reads the sheet part whole,
 * and the file it writes reads back through exceljs, an independent reader.
 */
import * as ExcelJS from "exceljs";
import fc from "fast-check";
import JSZip from "jszip";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { inflateRawSync } from "node:zlib";
import { worksheetMayNeedFix } from "../../../src/adapters/xlsx/foreignPackage";
import type { SheetRowsPlan } from "../../../src/adapters/xlsx/sheetPatch";
import { patchSheet, protectionElementOf } from "../../../src/adapters/xlsx/sheetPatch";
import { APPEND_BATCH, patchSheetStreamed, sheetFrame, streamable } from "../../../src/adapters/xlsx/sheetStream";
import { LazyTables } from "../../../src/adapters/xlsx/lazyTables";
import { XlsxWorkbook } from "../../../src/adapters/xlsx/xlsxWorkbook";
import { ZipPackage } from "../../../src/adapters/xlsx/zipPackage";
import { crc32 } from "../../../src/adapters/xlsx/zipWriter";
import type { CellValue } from "../../../src/ports/workbook";
import { d, HEAD, ROWS, TAIL, XML, FILE_ROWS } from "./ledgerPart";

const NEW_ROWS: CellValue[][] = [
  ["GL-000005", d("2026-03-31"), -12.25, "a & b < c"],
  ["GL-000006", d("2026-03-31"), 12.25, null],
];

function plan(over: Partial<SheetRowsPlan> = {}): SheetRowsPlan {
  return {
    rect: { top: 1, left: 1, bottom: 4, right: 4 },
    rows: [...FILE_ROWS, ...NEW_ROWS],
    kept: 3,
    dirty: new Set(),
    styleIsDate: (s) => s === 2,
    date1904: false,
    ...over,
  };
}

async function* inChunks(b: Buffer, sizes: readonly number[]): AsyncGenerator<Buffer> {
  let at = 0;
  let i = 0;
  while (at < b.length) {
    const n = Math.max(1, sizes[i++ % sizes.length]!);
    yield b.subarray(at, at + n);
    at += n;
  }
}

async function streamedBytes(xml: Buffer, p: SheetRowsPlan, sizes: readonly number[]) {
  const s = await patchSheetStreamed(inChunks(xml, sizes), p);
  if (!s) return undefined;
  return { ...s, xml: inflateRawSync(Buffer.concat(s.pieces)) };
}

test("rows appended: the part streamed in chunks of any size is patchSheet's whole-part result, byte for byte", async () => {
  const whole = patchSheet(XML, plan())!;
  // worked out by hand: header + 5 rows → bottom row 6; <dimension> and the conditional format follow it
  expect(whole.ref).toBe("A1:D6");
  expect(whole.sheet.toString()).toContain('<dimension ref="A1:D6"/>');
  expect(whole.sheet.toString()).toContain('sqref="C2:C6"');
  await fc.assert(
    fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 8 }), async (sizes) => {
      const s = await streamedBytes(XML, plan(), sizes);
      expect(s).toBeDefined();
      expect(s!.xml.equals(whole.sheet)).toBe(true);
      expect(s!.size).toBe(whole.sheet.length);
      expect(s!.crc32).toBe(crc32(whole.sheet));
      expect(s!.ref).toBe(whole.ref);
    }),
    { numRuns: 60 },
  );
});

test("more new rows than one batch of XML (APPEND_BATCH): still patchSheet's result, rows numbered on across batches", async () => {
  // 2.5 batches of rows: a million appended rows (a 1M-line journal import) once made one string past V8's limit
  const n = Math.floor(APPEND_BATCH * 2.5);
  const extra: CellValue[][] = Array.from({ length: n }, (_, i) => [`IMP-${i}`, d("2026-12-31"), i % 7, null]);
  const p = plan({ rows: [...FILE_ROWS, ...extra] });
  const whole = patchSheet(XML, p)!;
  // header row 1, three file rows, then n new rows: the last is row 4 + n
  expect(whole.ref).toBe(`A1:D${4 + n}`);
  const s = await streamedBytes(XML, p, [64 * 1024]);
  expect(s!.xml.equals(whole.sheet)).toBe(true);
  const text = s!.xml.toString();
  // the first row of the second batch follows the last of the first
  const at = 4 + APPEND_BATCH;
  expect(text).toContain(`<row r="${at}"><c r="A${at}" s="1" t="inlineStr"><is><t>IMP-${APPEND_BATCH - 1}</t>`);
  expect(text).toContain(`<row r="${at + 1}"><c r="A${at + 1}" s="1" t="inlineStr"><is><t>IMP-${APPEND_BATCH}</t>`);
});

test("a protection change and no new rows stream as patchSheet writes them; one-byte chunks too", async () => {
  for (const protection of ["", '<sheetProtection sheet="1" password="CC3D"/>']) {
    const p = plan({ rows: FILE_ROWS, protection });
    const whole = patchSheet(XML, p)!;
    for (const sizes of [[1], [11, 12, 13], [XML.length]]) {
      const s = await streamedBytes(XML, p, sizes);
      expect(s!.xml.equals(whole.sheet)).toBe(true);
    }
  }
});

test("what patchSheet refuses, the stream refuses; a changed or cut file row is not streamed", async () => {
  // two </sheetData>, no first data row, and a text rowXml cannot write
  const twice = Buffer.from(HEAD + ROWS + "</sheetData><sheetData>" + TAIL, "utf8");
  expect(patchSheet(twice, plan())).toBeUndefined();
  expect(await streamedBytes(twice, plan(), [17])).toBeUndefined();
  const noRows = Buffer.from(HEAD + TAIL, "utf8");
  expect(patchSheet(noRows, plan())).toBeUndefined();
  expect(await streamedBytes(noRows, plan(), [17])).toBeUndefined();
  const bad = plan({ rows: [...FILE_ROWS, ["x", d("2026-03-31"), 1, "\u0001"]] });
  expect(patchSheet(XML, bad)).toBeUndefined();
  expect(await streamedBytes(XML, bad, [17])).toBeUndefined();
  // a file row written again in place streams now (issue #14: a posting's journal statuses); a cut one does not
  expect(streamable(plan({ dirty: new Set([1]) }))).toBe(true);
  expect(streamable(plan({ dirty: new Set([3]) }))).toBe(true); // an appended row written again
  expect(streamable(plan({ kept: 2 }))).toBe(false);
  expect(streamable(plan({ rows: FILE_ROWS.slice(0, 2) }))).toBe(false);
});

test("file rows written again in place: streamed in chunks of any size, patchSheet's whole-part result byte for byte", async () => {
  // worked out by hand: rewriting data row 2 (index 1, sheet row 3) with ["GL-X", 2026-03-31, -1, "n"] gives
  // <row r="3"> with A3 inline "GL-X", B3 46112 (2026-03-31 as a 1900 serial), C3 -1, D3 inline "n"
  const one = plan({ rows: [FILE_ROWS[0]!, ["GL-X", d("2026-03-31"), -1, "n"], FILE_ROWS[2]!], dirty: new Set([1]) });
  const whole = patchSheet(XML, one)!;
  expect(whole.sheet.toString()).toContain(
    '<row r="3"><c r="A3" s="1" t="inlineStr"><is><t>GL-X</t></is></c><c r="B3" s="2"><v>46112</v></c>' +
      '<c r="C3" s="3"><v>-1</v></c><c r="D3" s="1" t="inlineStr"><is><t>n</t></is></c></row><row r="4">',
  );
  await fc.assert(
    fc.asyncProperty(
      fc.subarray([0, 1, 2], { minLength: 1 }),
      fc.boolean(),
      fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 6 }),
      async (changed, append, sizes) => {
        const rows = FILE_ROWS.map((r, i) => (changed.includes(i) ? [`NEW-${i}`, d("2026-03-31"), i - 5, null] : r));
        const p = plan({ rows: append ? [...rows, ...NEW_ROWS] : rows, dirty: new Set(changed) });
        const expected = patchSheet(XML, p)!;
        const s = await streamedBytes(XML, p, sizes);
        expect(s?.xml.toString()).toBe(expected.sheet.toString());
        expect(s!.crc32).toBe(crc32(expected.sheet));
      },
    ),
    { numRuns: 80 },
  );
  // a changed row the part does not hold (rows numbered otherwise) is refused, as patchSheet refuses it
  const renumbered = Buffer.from(HEAD + ROWS.replace(/r="3"/g, 'r="30"') + TAIL, "utf8");
  expect(patchSheet(renumbered, one)).toBeUndefined();
  expect(await streamedBytes(renumbered, one, [7])).toBeUndefined();
});

test("the frame scan agrees with worksheetMayNeedFix and protectionElementOf, in chunks of any size", async () => {
  const parts = [
    XML,
    Buffer.from(HEAD + ROWS + TAIL.replace('sheet="1"', 'sheet="true"'), "utf8"),
    Buffer.from(HEAD + ROWS.replace('s="2"', 's="2" t="d"') + TAIL, "utf8"),
    Buffer.from(HEAD + ROWS + "</sheetData><pageMargins/></worksheet>", "utf8"),
  ];
  for (const xml of parts) {
    for (const sizes of [[1], [5, 9], [4096]]) {
      const f = await sheetFrame(inChunks(xml, sizes));
      expect(f).toEqual({ mayNeedFix: worksheetMayNeedFix(xml), protection: protectionElementOf(xml) });
    }
  }
  expect(await sheetFrame(inChunks(Buffer.from(HEAD + ROWS, "utf8"), [64]))).toBeUndefined();
});

describe("through the workbook", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "closebook-stream-"));
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
  let n = 0;
  async function saved(): Promise<string> {
    const wb = XlsxWorkbook.create();
    await wb.createTable(shape, FILE_ROWS);
    await wb.protect("Ledger", "pw");
    const f = path.join(dir, `t${++n}.xlsx`);
    await wb.save(f);
    return f;
  }
  async function excelRows(f: string): Promise<{ ref: string; rows: unknown[][] }> {
    const x = new ExcelJS.Workbook();
    await x.xlsx.readFile(f);
    const ws = x.getWorksheet("Ledger")!;
    const rows: unknown[][] = [];
    ws.eachRow((row, r) => {
      if (r > 1) rows.push([1, 2, 3, 4].map((j) => row.getCell(j).value ?? null));
    });
    const table = Object.values(
      (ws as unknown as { tables: Record<string, { table: { tableRef: string } }> }).tables,
    )[0]!;
    return { ref: table.table.tableRef, rows };
  }

  test("an append-only save never reads the sheet part whole, and exceljs reads the rows back", async () => {
    const f = await saved();
    const read = jest.spyOn(ZipPackage.prototype, "read");
    try {
      const again = await XlsxWorkbook.open(f);
      await again.unprotect("Ledger", "pw");
      await again.appendRows("tblLedger", NEW_ROWS);
      await again.save(f);
      const wholeSheets = read.mock.calls.filter(([part]) => /^xl\/worksheets\/[^/]+\.xml$/.test(part));
      expect(wholeSheets).toEqual([]);
    } finally {
      read.mockRestore();
    }
    expect(await excelRows(f)).toEqual({ ref: "A1:D6", rows: [...FILE_ROWS, ...NEW_ROWS] });
  });

  test("a save that rewrites a file row in place (a posting's status) never reads the sheet part whole either", async () => {
    const f = await saved();
    const read = jest.spyOn(ZipPackage.prototype, "read");
    try {
      const again = await XlsxWorkbook.open(f);
      await again.unprotect("Ledger", "pw");
      await again.updateCells("tblLedger", [{ row: 2, column: "Note", value: "posted" }]);
      await again.appendRows("tblLedger", NEW_ROWS);
      await again.save(f);
      const wholeSheets = read.mock.calls.filter(([part]) => /^xl\/worksheets\/[^/]+\.xml$/.test(part));
      expect(wholeSheets).toEqual([]);
    } finally {
      read.mockRestore();
    }
    const changed = FILE_ROWS.map((r, i) => (i === 1 ? [...r.slice(0, 3), "posted"] : r));
    expect(await excelRows(f)).toEqual({ ref: "A1:D6", rows: [...changed, ...NEW_ROWS] });
  });

  test('an unprotected sheet is not walked when taken, yet a part needing fixes (t="d" cells) is still saved through exceljs', async () => {
    const wb = XlsxWorkbook.create();
    await wb.createTable(shape, FILE_ROWS);
    const f = path.join(dir, `t${++n}.xlsx`);
    await wb.save(f);
    // B2 (2026-01-01, serial 46023) as an ISO date cell, as SheetJS writes it
    const zip = await JSZip.loadAsync(await fs.readFile(f));
    const part = "xl/worksheets/sheet1.xml";
    const xml = await zip.file(part)!.async("string");
    const dated = xml.replace(
      /<c r="B2" s="(\d+)"><v>46023<\/v><\/c>/,
      '<c r="B2" s="$1" t="d"><v>2026-01-01T00:00:00</v></c>',
    );
    expect(dated).not.toBe(xml);
    zip.file(part, dated);
    await fs.writeFile(f, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    const again = await XlsxWorkbook.open(f);
    expect((await again.readTable("tblLedger"))?.rows).toEqual(FILE_ROWS);
    // taking the table to append to it inflates nothing (the reader saw the sheet unprotected as it read the rows)
    const walked = jest.spyOn(ZipPackage.prototype, "chunks");
    try {
      await again.appendRows("tblLedger", NEW_ROWS);
      expect(walked).not.toHaveBeenCalled();
    } finally {
      walked.mockRestore();
    }
    await again.save(f);
    const saved = await (await JSZip.loadAsync(await fs.readFile(f))).file(part)!.async("string");
    expect(saved).not.toContain('t="d"');
    expect(await excelRows(f)).toEqual({ ref: "A1:D6", rows: [...FILE_ROWS, ...NEW_ROWS] });
  });

  describe("a large table (rows handed out by the reader, not held by the session)", () => {
    const before = LazyTables.handOutRows;
    beforeAll(() => {
      LazyTables.handOutRows = 2; // the 3-row Ledger counts as large here
    });
    afterAll(() => {
      LazyTables.handOutRows = before;
    });

    test("read, appended to, protected again and saved: the rows read back through exceljs and the adapter", async () => {
      const f = await saved();
      const wb = await XlsxWorkbook.open(f);
      const first = await wb.readTable("tblLedger");
      expect(first?.rows).toEqual(FILE_ROWS);
      (first!.rows[0] as CellValue[])[0] = "mutated"; // the caller's rows: the next read parses the sheet again
      expect((await wb.readTable("tblLedger"))?.rows).toEqual(FILE_ROWS);
      await wb.unprotect("Ledger", "pw");
      await wb.appendRows("tblLedger", NEW_ROWS);
      await wb.protect("Ledger", "pw");
      await wb.save(f);
      expect(await excelRows(f)).toEqual({ ref: "A1:D6", rows: [...FILE_ROWS, ...NEW_ROWS] });
      const again = await XlsxWorkbook.open(f);
      expect((await again.readTable("tblLedger"))?.rows).toEqual([...FILE_ROWS, ...NEW_ROWS]);
      await expect(again.appendRows("tblLedger", NEW_ROWS)).rejects.toThrow(/protected/);
    });

    test("after an append, a read, a change of a file row and a cut see the file's rows and the appended ones", async () => {
      const f = await saved();
      const wb = await XlsxWorkbook.open(f);
      await wb.readTable("tblLedger");
      await wb.unprotect("Ledger", "pw");
      await wb.appendRows("tblLedger", NEW_ROWS);
      expect((await wb.readTable("tblLedger"))?.rows).toEqual([...FILE_ROWS, ...NEW_ROWS]);
      await wb.updateCells("tblLedger", [{ row: 2, column: "Note", value: "changed" }]);
      await wb.truncateRows("tblLedger", 4);
      await wb.save(f);
      const expected = [FILE_ROWS[0]!, [...FILE_ROWS[1]!.slice(0, 3), "changed"], FILE_ROWS[2]!, NEW_ROWS[0]!];
      expect(await excelRows(f)).toEqual({ ref: "A1:D5", rows: expected });
    });

    test("a write only a full load makes (a new table) keeps the rows read and appended", async () => {
      const f = await saved();
      const wb = await XlsxWorkbook.open(f);
      await wb.readTable("tblLedger");
      await wb.unprotect("Ledger", "pw");
      await wb.appendRows("tblLedger", NEW_ROWS);
      await wb.createTable({ name: "tblNotes", sheet: "Notes", headers: ["Note"], numberFormats: ["@"] }, [["a"]]);
      await wb.save(f);
      expect(await excelRows(f)).toEqual({ ref: "A1:D6", rows: [...FILE_ROWS, ...NEW_ROWS] });
      expect((await (await XlsxWorkbook.open(f)).readTable("tblNotes"))?.rows).toEqual([["a"]]);
    });

    test("a blank row appended after the file's rows is a row (not an empty table)", async () => {
      const f = await saved();
      const wb = await XlsxWorkbook.open(f);
      await wb.readTable("tblLedger");
      await wb.unprotect("Ledger", "pw");
      await wb.appendRows("tblLedger", [[null, null, null, null]]);
      await wb.save(f);
      expect((await excelRows(f)).ref).toBe("A1:D5");
    });
  });
});
