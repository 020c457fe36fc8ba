/**
 * Issue #14: a part in Closebook's layout (deflatedAppend.ts: restart points before the first data row and before
 * </sheetData>) is read and appended to without inflating its rows: its protection (LazyTables.isProtected) and its
 * frame (layoutFrame: foreign traits, the <sheetProtection> element) come from its head and tail. The same XML
 * deflated as one stream (exceljs, another tool) takes the full path, and the file written is the same.
 */
import { execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { deflateRawSync, constants as z } from "node:zlib";
import { partLayout } from "../../../src/adapters/xlsx/deflatedAppend";
import { LazyTables } from "../../../src/adapters/xlsx/lazyTables";
import { readPackageIndex } from "../../../src/adapters/xlsx/packageIndex";
import { layoutFrame, sheetFrame } from "../../../src/adapters/xlsx/sheetStream";
import { XlsxWorkbook } from "../../../src/adapters/xlsx/xlsxWorkbook";
import { ZipPackage } from "../../../src/adapters/xlsx/zipPackage";
import type { ZipOutEntry } from "../../../src/adapters/xlsx/zipWriter";
import { crc32, deflatedEntry, zipPackageBytes } from "../../../src/adapters/xlsx/zipWriter";
import { loadBook } from "../../../src/app/loadBook";
import { postJournals } from "../../../src/app/postJournals";
import { fixedClock } from "../../../src/ports/clock";
import { encodeRecords } from "../../../src/schema/records";
import { JOURNAL, LEDGER } from "../../../src/schema/tables";
import { journal } from "../../support/fixtures";
import { postedSmallCompany } from "../../support/smallCompany";

const SYNC = { finishFlush: z.Z_SYNC_FLUSH };

/** The XML split at its first data row and at its last </sheetData>: head, rows, tail. */
function split(xml: Buffer, firstData: number): [Buffer, Buffer, Buffer] {
  const start = xml.indexOf(`<row r="${firstData}"`);
  const end = xml.lastIndexOf("</sheetData>");
  return [xml.subarray(0, start), xml.subarray(start, end), xml.subarray(end)];
}

/** Deflated as Closebook's writers lay it out: head, rows and tail each a deflate stream of its own, laid end to end. */
function inLayout(xml: Buffer, firstData: number): Buffer {
  const [head, rows, tail] = split(xml, firstData);
  return Buffer.concat([deflateRawSync(head, SYNC), deflateRawSync(rows, SYNC), deflateRawSync(tail)]);
}

function entry(name: string, xml: Buffer, data: Buffer): ZipOutEntry {
  return { ...deflatedEntry(name, Buffer.alloc(0)), crc32: crc32(xml), size: xml.length, data };
}

// a Ledger-like part: header row 1, data rows 2..4, a protection element after the cells
const HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<dimension ref="A1:B4"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Voucher</t></is></c>' +
  '<c r="B1" t="inlineStr"><is><t>Amount</t></is></c></row>';
const ROWS = [2, 3, 4]
  .map((r) => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>GL-${r}</t></is></c><c r="B${r}"><v>${r}</v></c></row>`)
  .join("");
const tailWith = (protection: string): string => `</sheetData>${protection}<pageMargins left="0.7"/></worksheet>`;

async function* once(b: Buffer): AsyncGenerator<Buffer> {
  yield b;
}

describe("layoutFrame: the frame from head and tail alone", () => {
  const cases: [string, string, string, { mayNeedFix: boolean; protection: string | undefined }][] = [
    [
      "protected",
      HEAD,
      tailWith('<sheetProtection sheet="1"/>'),
      { mayNeedFix: false, protection: '<sheetProtection sheet="1"/>' },
    ],
    ["unprotected", HEAD, tailWith(""), { mayNeedFix: false, protection: undefined }],
    // LibreOffice's spelling: exceljs reads sheet="true" as unprotected, the full path rewrites it
    [
      "a true/false flag",
      HEAD,
      tailWith('<sheetProtection sheet="true"/>'),
      { mayNeedFix: true, protection: '<sheetProtection sheet="true"/>' },
    ],
    [
      'a t="d" cell in the header row',
      HEAD.replace(
        '<c r="B1" t="inlineStr"><is><t>Amount</t></is></c>',
        '<c r="B1" t="d"><v>2026-01-02T00:00:00</v></c>',
      ),
      tailWith(""),
      { mayNeedFix: true, protection: undefined },
    ],
  ];
  test.each(cases)(
    "%s: as sheetFrame finds it in the whole part, and as worked by hand",
    async (_, head, tail, expected) => {
      const xml = Buffer.from(head + ROWS + tail);
      const layout = partLayout(entry("xl/worksheets/sheet1.xml", xml, inLayout(xml, 2)), 2);
      expect(layout).toBeDefined();
      expect(layout!.head.toString()).toBe(head);
      expect(layout!.tail.toString()).toBe(tail);
      expect(layoutFrame(layout!.head, layout!.tail)).toEqual(expected);
      expect(await sheetFrame(once(xml))).toEqual(expected);
      // one deflate stream (another tool's): no layout, the full path
      expect(partLayout(entry("xl/worksheets/sheet1.xml", xml, deflateRawSync(xml)), 2)).toBeUndefined();
    },
  );
});

describe("a posting through the xlsx adapter", () => {
  let dir = "";
  let before = 0;
  const clock = fixedClock("2026-04-02T10:00:00.000Z");
  const ctx = { user: "bob", clock };
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "closebook-layout-"));
    before = LazyTables.handOutRows;
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    LazyTables.handOutRows = before;
  });

  interface Book {
    readonly file: string;
    readonly part: string;
    readonly xml: Buffer;
  }

  /**
   * A posted small company with two draft vouchers, saved once; written twice with its Ledger part's XML (`edit`
   * of exceljs') deflated in Closebook's layout (`laid`) and as one stream (`one`), every other part as saved.
   */
  async function books(name: string, edit = (xml: Buffer): Buffer => xml): Promise<{ laid: Book; one: Book }> {
    const wb = await postedSmallCompany(XlsxWorkbook.create(), ctx);
    const dims = (await loadBook(wb, [])).book.setup.dimensions.map((x) => x.name);
    const lines = [
      "X-1 2026-04-10 6100 USD Dr 70.00",
      "X-1 2026-04-10 1000 USD Cr 70.00",
      "X-2 2026-04-11 6100 USD Dr 0.01",
      "X-2 2026-04-11 1000 USD Cr 0.01",
    ];
    await wb.appendRows(JOURNAL.name, encodeRecords(JOURNAL, dims, journal(lines.join("\n"))));
    const saved = path.join(dir, `${name}-exceljs.xlsx`);
    await wb.save(saved);
    const zip = await ZipPackage.fromBuffer(await fs.readFile(saved));
    const t = (await readPackageIndex(zip)).tables.find((x) => x.name === LEDGER.name)!;
    const xml = edit(await zip.read(t.sheetPart));
    const write = async (variant: string, data: Buffer): Promise<Book> => {
      const entries: ZipOutEntry[] = [];
      for (const n of zip.names()) entries.push(n === t.sheetPart ? entry(n, xml, data) : await zip.raw(n));
      const file = path.join(dir, `${name}-${variant}.xlsx`);
      await fs.writeFile(file, zipPackageBytes(entries));
      return { file, part: t.sheetPart, xml };
    };
    return { laid: await write("laid", inLayout(xml, t.rect.top + 1)), one: await write("one", deflateRawSync(xml)) };
  }

  /** The posting, the Ledger handed out (taken to append to without reading it); how often `part` was inflated whole. */
  async function post(file: string, part: string, size: number): Promise<number> {
    LazyTables.handOutRows = 2;
    const whole: string[] = [];
    const chunks = ZipPackage.prototype.chunks;
    const spy = jest.spyOn(ZipPackage.prototype, "chunks").mockImplementation(async function* (
      this: ZipPackage,
      name: string,
    ) {
      let n = 0;
      for await (const c of chunks.call(this, name)) {
        n += c.length;
        yield c;
      }
      if (name === part && n === size) whole.push(name);
    });
    try {
      const wb = await XlsxWorkbook.open(file);
      expect((await postJournals(wb, ctx)).lines).toBe(4);
      await wb.save(file);
    } finally {
      spy.mockRestore();
    }
    return whole.length;
  }

  async function parts(f: string): Promise<Map<string, string>> {
    const zip = await ZipPackage.fromBuffer(await fs.readFile(f));
    const out = new Map<string, string>();
    for (const name of zip.names()) out.set(name, (await zip.read(name)).toString("utf8"));
    return out;
  }

  const unprotected = (xml: Buffer): Buffer =>
    Buffer.from(xml.toString("utf8").replace(/<sheetProtection\b[^>]*>/, ""));
  // one stream: walked for its protection, for its frame when taken if protected, and streamed by the save
  test.each([
    ["protected", 3, (xml: Buffer) => xml],
    ["unprotected", 2, unprotected],
  ])(
    "the %s Ledger in Closebook's layout is not inflated; as one stream it is (%i times), the files written the same",
    async (name, times, edit) => {
      const { laid, one } = await books(name, edit);
      expect(laid.xml.length).toBeGreaterThan(1000);
      expect(laid.xml.includes("<sheetProtection")).toBe(name === "protected");
      expect(await post(one.file, one.part, one.xml.length)).toBe(times);
      expect(await post(laid.file, laid.part, laid.xml.length)).toBe(0);
      const [a, b] = [await parts(laid.file), await parts(one.file)];
      expect([...a.keys()]).toEqual([...b.keys()]);
      for (const [name, text] of a) expect([name, text]).toEqual([name, b.get(name)]);
      // the four lines after the file's, read back by the reader and checked by unzip
      const ledger = (await (await XlsxWorkbook.open(laid.file)).readTable(LEDGER.name))!;
      const oneLedger = (await (await XlsxWorkbook.open(one.file)).readTable(LEDGER.name))!;
      expect(ledger.rows).toEqual(oneLedger.rows);
      // 8 ledger lines in the file (rows 2..9), X-1's and X-2's four after them as GL-000005 and GL-000006
      expect(ledger.rows.length).toBe(12);
      expect(a.get(laid.part)).toContain('<dimension ref="A1:P13"/>');
      expect(a.get(laid.part)).toContain(
        '<row r="13"><c r="A13" s="3"><v>12</v></c><c r="B13" s="1" t="inlineStr"><is><t>GL-000006</t>',
      );
      execFileSync("unzip", ["-tq", laid.file]);
    },
  );

  test('a part in the layout whose tail carries a foreign trait (sheet="false") takes the full path as one stream does', async () => {
    const trait = (xml: Buffer): Buffer => {
      const text = xml.toString("utf8");
      const at = text.lastIndexOf("</sheetData>");
      const tail = text
        .slice(at)
        .replace(/<sheetProtection\b[^>]*>/, "")
        .replace("</sheetData>", '</sheetData><sheetProtection sheet="false"/>');
      return Buffer.from(text.slice(0, at) + tail, "utf8");
    };
    const { laid, one } = await books("trait", trait);
    expect(laid.xml.toString()).toContain('<sheetProtection sheet="false"/>');
    expect(await post(laid.file, laid.part, laid.xml.length)).toBeGreaterThanOrEqual(1);
    await post(one.file, one.part, one.xml.length);
    const ledger = (await (await XlsxWorkbook.open(laid.file)).readTable(LEDGER.name))!;
    const oneLedger = (await (await XlsxWorkbook.open(one.file)).readTable(LEDGER.name))!;
    expect(ledger.rows).toEqual(oneLedger.rows);
    expect(ledger.rows.length).toBeGreaterThan(4);
  });
});
