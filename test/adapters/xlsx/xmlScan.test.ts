/**
 * The fast reader's XML scan (xmlScan.ts over htmlparser2's Tokenizer, sheetScan.ts) against exceljs:
 * a sheet holding every odd construct the reader documents (a BOM; shared strings with rich and phonetic
 * runs and _xHHHH_; inline strings; entities in text and attributes, named and numeric; t="b"/"e"/"d"/"str";
 * date styles in the 1900 and 1904 systems; formulas' cached results; literal CR LF; comments, single
 * quotes, pretty-printing), read whole, in 1-byte chunks (each split inside every multi-byte character
 * and entity), and with every element prefixed ("x:c"), gives what exceljs gives for the plain file.
 */
import JSZip from "jszip";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { LazyTables } from "../../../src/adapters/xlsx/lazyTables";
import { XlsxWorkbook } from "../../../src/adapters/xlsx/xlsxWorkbook";
import { scanEvents } from "../../../src/adapters/xlsx/xmlScan";
import { ZipPackage } from "../../../src/adapters/xlsx/zipPackage";
import type { CellValue, WorkbookPort } from "../../../src/ports/workbook";

const FIXTURES = path.join(__dirname, "..", "..", "fixtures", "foreign");
const SHEET = "xl/worksheets/sheet5.xml"; // tblCurrencies, A1:C6, in both fixtures
const STRINGS = "xl/sharedStrings.xml";

async function everyTable(port: Pick<WorkbookPort, "listTables" | "readTable">): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const shape of await port.listTables()) out.push({ shape, table: await port.readTable(shape.name) });
  return out;
}

async function lazyTables(data: Buffer): Promise<unknown[]> {
  const lazy = await LazyTables.open(data);
  return everyTable({ listTables: async () => lazy.shapes(), readTable: (n) => lazy.readTable(n) });
}

/** every part the fast reader streams (worksheets, shared strings) handed over one byte at a time */
async function inOneByteChunks<T>(run: () => Promise<T>): Promise<T> {
  const original = ZipPackage.prototype.chunks;
  const spy = jest.spyOn(ZipPackage.prototype, "chunks").mockImplementation(async function* (this: ZipPackage, n) {
    for await (const chunk of original.call(this, n))
      for (let i = 0; i < chunk.length; i++) yield chunk.subarray(i, i + 1);
  });
  try {
    return await run();
  } finally {
    spy.mockRestore();
  }
}

const ODD_STRING =
  // runs joined, the phonetic run left out, _x0041_ → "A", entities decoded → "Tōkyō & A"
  '<si><r><t>T&#333;</t></r><r><rPr><b/></rPr><t xml:space="preserve">ky&#x14D; &amp; _x0041_</t></r>' +
  '<rPh sb="0" eb="2"><t>トーキョー</t></rPh><phoneticPr fontId="1"/></si>';

/** rows 2-5 of tblCurrencies, each cell beside what both readers give (1900 system; 1904 adds 1,462 days to serials) */
const ODD_ROWS = [
  // A2 the shared string above (index N, filled in) → "Tōkyō & A"; B2 inline, entities and literal CR LF →
  // 'a<b>"\'€😀 é€😀 l1\r\nx l2\nl3'; C2 r and t spelt with numeric entities ("C2", "b") → true
  '<row r="2"><c r="A2" t="s"><v>N</v></c>' +
    '<c r="B2" t="inlineStr"><is><t>a&lt;b&gt;&quot;&apos;&#8364;&#x1F600; é€😀 l1&#13;&#10;x l2\r\nl3</t></is></c>' +
    '<c r="&#67;2" t="&#98;"><v>1</v></c></row>',
  // A3 error → #REF!; B3 ISO date in a date style → 2026-03-31 in either system; C3 46112 in a date style → 2026-03-31 (1900)
  '<row r="3"><c r="A3" t="e"><v>#REF!</v></c><c r="B3" s="4" t="d"><v>2026-03-31T00:00:00</v></c><c r="C3" s="4"><v>46112</v></c></row>',
  // A4 a formula's cached date → 2026-01-01 (1900); B4 a formula's cached text (decoded once more, CR LF → LF) → "l1\nl2 & €";
  // C4 a formula's cached error → #DIV/0!
  '<row r="4"><c r="A4" s="4"><f>TODAY()</f><v>46023</v></c><c r="B4" t="str"><f>"x"</f><v>l1\r\nl2 &amp;amp; &#x20AC;</v></c>' +
    '<c r="C4" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>',
  // pretty-printed, a comment, single quotes: A5 shared string 7; B5 1.5E+3 → 1500; C5 -0 → 0
  "<row r='5'>\r\n  <!-- a note -->\r\n  <c r='A5' s='1' t='s'><v>7</v></c>\r\n  <c r=\"B5\"><v>1.5E+3</v></c>\r\n" +
    '  <c r="C5"><v>-0</v></c>\r\n</row>',
].join("");

async function oddWorkbook(file: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(readFileSync(path.join(FIXTURES, file)));
  const strings = await zip.file(STRINGS)!.async("string");
  const n = (strings.match(/<si>/g) ?? []).length;
  zip.file(STRINGS, strings.replace("</sst>", `${ODD_STRING}</sst>`));
  const sheet = await zip.file(SHEET)!.async("string");
  const out = sheet.replace(/<row r="2"[\s\S]*?<row r="6"/, `${ODD_ROWS.replace("<v>N</v>", `<v>${n}</v>`)}<row r="6"`);
  expect(out).not.toBe(sheet);
  zip.file(SHEET, `\ufeff${out}`);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** every element of the sheet and the shared strings in the x: namespace prefix (the default namespace named x) */
async function prefixed(data: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(data);
  for (const part of [SHEET, STRINGS]) {
    const xml = await zip.file(part)!.async("string");
    const out = xml.replace(/<(\/?)([A-Za-z]\w*)(?=[\s/>])/g, "<$1x:$2").replace(/ xmlns="([^"]*)"/, ' xmlns:x="$1"');
    expect(out.includes("<x:si>") || out.includes("<x:c ")).toBe(true);
    zip.file(part, out);
  }
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

describe.each(["closebook.xlsx", "crafted-1904.xlsx"])("odd constructs in %s read as exceljs reads them", (file) => {
  let data: Buffer;
  let expected: unknown[];
  beforeAll(async () => {
    data = await oddWorkbook(file);
    expected = await everyTable(await XlsxWorkbook.load(data));
  });

  test("the cells, worked out by hand", () => {
    const currencies = expected.find((t) => (t as { shape: { name: string } }).shape.name === "tblCurrencies") as {
      table: { rows: CellValue[][] };
    };
    const shift = file === "crafted-1904.xlsx" ? 1462 * 86_400_000 : 0;
    expect(currencies.table.rows.slice(0, 4)).toEqual([
      ["Tōkyō & A", "a<b>\"'€😀 é€😀 l1\r\nx l2\nl3", true],
      [{ error: "#REF!" }, new Date(Date.UTC(2026, 2, 31)), new Date(Date.UTC(2026, 2, 31) + shift)],
      [new Date(Date.UTC(2026, 0, 1) + shift), "l1\nl2 & €", { error: "#DIV/0!" }],
      [expect.any(String), 1500, 0],
    ]);
  });

  test("whole", async () => {
    expect(await lazyTables(data)).toEqual(expected);
  });

  test("in 1-byte chunks", async () => {
    expect(await inOneByteChunks(() => lazyTables(data))).toEqual(expected);
  });

  test("every element prefixed (x:c), in 1-byte chunks too", async () => {
    const x = await prefixed(data);
    expect(await lazyTables(x)).toEqual(expected);
    expect(await inOneByteChunks(() => lazyTables(x))).toEqual(expected);
  });
});

test.each(["libreoffice.xlsx", "openpyxl-resaved.xlsx"])(
  "%s in 1-byte chunks reads as exceljs reads it",
  async (file) => {
    const data = readFileSync(path.join(FIXTURES, file));
    expect(await inOneByteChunks(() => lazyTables(data))).toEqual(await everyTable(await XlsxWorkbook.load(data)));
  },
);

async function* pieces(...parts: string[]): AsyncGenerator<Buffer> {
  for (const p of parts) yield Buffer.from(p);
}

test("a close tag that does not match, or an element left open, fails the scan; past stop() nothing fails", async () => {
  await expect(scanEvents(pieces("<a><b></a>"), {})).rejects.toThrow("</a> closes <b>");
  await expect(scanEvents(pieces("<a><b>"), {})).rejects.toThrow("<b> is not closed");
  await expect(scanEvents(pieces('<a b=1 c="2"/>'), {})).rejects.toThrow("unquoted");
  let seen = 0;
  await scanEvents(pieces("<a><b/>", "<c></a>"), { open: () => void seen++ }, () => seen >= 2);
  expect(seen).toBe(2);
});
