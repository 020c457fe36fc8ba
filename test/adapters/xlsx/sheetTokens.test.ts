/**
 * The sheet scan's fast path (sheetTokens.ts: names compared by their characters, numbers read off the chunk,
 * entities left to a tokenizer of their own) against the generic path it replaced (sheetScanGeneric.ts, over
 * xmlScan.ts's events): on generated worksheets — prefixed or not, rows and cells with and without r, every
 * cell type, inline strings with runs and phonetic runs, formulas, CDATA, comments, entities and literal
 * CR/LF/tab in values and attributes, numbers plain and odd, broken XML — cut into random pieces (inside a
 * character, a name or an entity too), both give the same cells, column styles, protection, odd-cell
 * count and failure.
 */
import fc from "fast-check";
import { StyleIndex } from "../../../src/adapters/xlsx/packageIndex";
import type { ScanRequest, SheetContext } from "../../../src/adapters/xlsx/sheetScan";
import { scanSheet } from "../../../src/adapters/xlsx/sheetScan";
import { intIn, numberIn } from "../../../src/adapters/xlsx/sheetCells";
import type { ZipPackage } from "../../../src/adapters/xlsx/zipPackage";
import { scanSheetGeneric } from "./sheetScanGeneric";

/** pieces of text the values are made of: plain, line ends, tabs, entities good and bad, non-ASCII */
const bit = fc.constantFrom(
  "0",
  "1",
  "7",
  "42",
  "-",
  ".",
  "5",
  "1.5E+3",
  "e",
  "A",
  "b",
  "B3",
  "$C$",
  "true",
  "s",
  "str",
  "inlineStr",
  " ",
  "\r\n",
  "\r",
  "\n",
  "\t",
  "&amp;",
  "&lt;",
  "&quot;",
  "&apos;",
  "&#13;",
  "&#10;",
  "&#x41;",
  "&#8364;",
  "&#x1F600;",
  "&bogus;",
  "&amp",
  "&#0;",
  "&",
  "é€😀",
  "_x0041_",
  "2026-03-31",
  "#REF!",
);
const text = fc.array(bit, { maxLength: 4 }).map((a) => a.join(""));
const digits = fc.oneof(
  fc.integer({ min: 0, max: 30 }).map(String),
  fc.constantFrom("", "007", " 4", "4 ", "x", "&#50;", "1e1", "99999999999999999"),
);
const number = fc.oneof(
  fc.integer({ min: -1e9, max: 1e9 }).map(String),
  fc.tuple(fc.integer({ min: -99999, max: 99999 }), fc.integer({ min: 0, max: 999999 })).map(([a, b]) => `${a}.${b}`),
  fc.double({ noNaN: true }).map(String),
  fc.constantFrom("123456789012345.5", "0.1234567890123456", "-0", "1.", ".5", "-.5", "+1", "1..2", "46023"),
  text,
);

function attr(name: string, value: string, quote: boolean): string {
  const q = quote ? '"' : "'";
  return ` ${name}=${q}${value.split(q).join("")}${q}`;
}

interface Shape {
  readonly p: string;
}

const cellArb = fc.record({
  r: fc.option(
    fc.oneof(
      fc
        .tuple(fc.constantFrom("A", "B", "C", "D", "AA", "$B$", "c", "&#67;"), fc.integer({ min: 1, max: 9 }))
        .map(([c, n]) => `${c}${n}`),
      text,
    ),
  ),
  s: fc.option(digits),
  t: fc.option(fc.oneof(fc.constantFrom("s", "str", "inlineStr", "b", "e", "d", "n", "x", "&#98;", " s"), text)),
  quote: fc.boolean(),
  body: fc.oneof(
    fc.constant(null),
    number.map((v) => ({ v })),
    fc.record({ f: text, v: fc.option(number) }),
    fc.record({ runs: fc.array(text, { minLength: 1, maxLength: 3 }), rPh: fc.option(text), rich: fc.boolean() }),
    fc.constantFrom("<v></v>", "<v><![CDATA[1&amp;2\r\n]]></v>", "<is><t><![CDATA[a]]>&amp;b</t></is>"),
  ),
});

type Cell = typeof cellArb extends fc.Arbitrary<infer T> ? T : never;

function cellXml(c: Cell, { p }: Shape): string {
  let open = `<${p}c`;
  if (c.r !== null) open += attr("r", c.r, c.quote);
  if (c.s !== null) open += attr("s", c.s, !c.quote);
  if (c.t !== null) open += attr("t", c.t, c.quote);
  const b = c.body;
  if (b === null) return `${open}/>`;
  if (typeof b === "string") return `${open}>${b.replace(/<(\/?)/g, `<$1${p}`)}</${p}c>`;
  let inner: string;
  if ("runs" in b) {
    const runs = b.rich
      ? b.runs.map((t) => `<${p}r><${p}rPr><${p}b/></${p}rPr><${p}t xml:space="preserve">${t}</${p}t></${p}r>`).join("")
      : `<${p}t>${b.runs.join("")}</${p}t>`;
    const rPh = b.rPh === null ? "" : `<${p}rPh sb="0" eb="1"><${p}t>${b.rPh}</${p}t></${p}rPh>`;
    inner = `<${p}is>${runs}${rPh}</${p}is>`;
  } else if ("f" in b) {
    inner = `<${p}f>${b.f}</${p}f>${b.v === null ? "" : `<${p}v>${b.v}</${p}v>`}`;
  } else inner = `<${p}v>${b.v}</${p}v>`;
  return `${open}>${inner}</${p}c>`;
}

const rowArb = fc.record({
  r: fc.option(fc.oneof(fc.integer({ min: 1, max: 12 }).map(String), digits)),
  cells: fc.array(cellArb, { maxLength: 5 }),
  pretty: fc.boolean(),
});

const sheetArb = fc.record({
  prefixed: fc.boolean(),
  bom: fc.boolean(),
  cols: fc.array(fc.tuple(digits, digits, digits), { maxLength: 3 }),
  rows: fc.array(rowArb, { maxLength: 8 }),
  protection: fc.option(fc.constantFrom("1", "0", "true", "&#49;", " 1")),
  comment: fc.boolean(),
  /** a fault: none, a close tag that does not match, an element left open, an unquoted attribute */
  fault: fc.constantFrom(0, 0, 0, 0, 1, 2, 3),
});

type Sheet = typeof sheetArb extends fc.Arbitrary<infer T> ? T : never;

function sheetXml(s: Sheet): string {
  const p = s.prefixed ? "x:" : "";
  const shape = { p };
  const nl = (pretty: boolean): string => (pretty ? "\r\n  " : "");
  const rows = s.rows.map((r) => {
    const open = `<${p}row${r.r === null ? "" : attr("r", r.r, true)} spans="1:5">`;
    if (r.cells.length === 0 && !r.pretty) return open.replace(/>$/, "/>");
    const cells = r.cells.map((c) => nl(r.pretty) + cellXml(c, shape)).join(s.comment ? "<!-- a note -->" : "");
    return `${open}${cells}${nl(r.pretty)}</${p}row>`;
  });
  const cols = s.cols.length
    ? `<${p}cols>${s.cols.map(([a, b, st]) => `<${p}col min="${a}" max="${b}" style="${st}" width="9"/>`).join("")}</${p}cols>`
    : "";
  const protection = s.protection === null ? "" : `<${p}sheetProtection password="AB" sheet="${s.protection}"/>`;
  let body = `${cols}<${p}sheetData>${rows.join("")}</${p}sheetData>${protection}`;
  if (s.fault === 1) body = body.replace(`</${p}sheetData>`, `</${p}sheetDatum>`);
  if (s.fault === 2) body += `<${p}extra>`;
  if (s.fault === 3) body = body.replace("<", `<${p}bad a=1/><`);
  const ns = s.prefixed ? 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"' : 'xmlns="urn:x"';
  return `${s.bom ? "\ufeff" : ""}<?xml version="1.0" encoding="UTF-8"?>\r\n<${p}worksheet ${ns}>${body}</${p}worksheet>`;
}

async function* cut(data: Buffer, cuts: readonly number[]): AsyncGenerator<Buffer> {
  let at = 0;
  for (const c of [...cuts.map((x) => Math.floor(x * data.length))].sort((a, b) => a - b)) {
    if (c > at) yield data.subarray(at, c);
    at = Math.max(at, c);
  }
  if (at < data.length) yield data.subarray(at);
}

const ctx: SheetContext = {
  // style 1 a date format, 2 a number format, 3 General; 4 and on do not exist
  styles: new StyleIndex([undefined, "yyyy-mm-dd", "#,##0.00", undefined], 4),
  date1904: false,
  sharedStrings: ["zero", "one", "two & more", "Tōkyō"],
};

interface Seen {
  events: unknown[];
  error?: string;
}

async function run(
  scan: (chunks: AsyncIterable<Buffer>, c: SheetContext, req: ScanRequest) => Promise<void>,
  chunks: AsyncIterable<Buffer>,
  c: SheetContext,
  rect: { top: number; bottom: number; left: number; right: number },
  protection: boolean,
): Promise<Seen> {
  const events: unknown[] = [];
  const req: ScanRequest = {
    ...rect,
    onCell: (row, col, value, styleId) => void events.push(["cell", row, col, value, styleId]),
    onCols: (cols) => void events.push(["cols", cols.map((x) => ({ ...x }))]),
    onOddCell: () => void events.push(["odd"]),
    ...(protection ? { onProtection: (p: boolean) => void events.push(["protected", p]) } : {}),
  };
  try {
    await scan(chunks, c, req);
    return { events };
  } catch (e) {
    return { events, error: (e as Error).message };
  }
}

const fast = (chunks: AsyncIterable<Buffer>, c: SheetContext, req: ScanRequest): Promise<void> =>
  scanSheet({ chunks: () => chunks } as unknown as ZipPackage, "sheet.xml", c, req);

test("the fast sheet scan gives what the generic one gives, in any chunks", async () => {
  await fc.assert(
    fc.asyncProperty(
      sheetArb,
      // random cuts, or one byte a piece (a CR LF split, an entity cut in two)
      fc.oneof(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }), fc.constant("bytes" as const)),
      fc.record({
        top: fc.integer({ min: 0, max: 6 }),
        height: fc.integer({ min: 0, max: 12 }),
        left: fc.integer({ min: 0, max: 3 }),
        width: fc.integer({ min: 0, max: 30 }),
      }),
      fc.boolean(),
      fc.boolean(),
      async (sheet, cuts, r, protection, date1904) => {
        const data = Buffer.from(sheetXml(sheet));
        const rect = { top: r.top, bottom: r.top + r.height, left: r.left, right: r.left + r.width };
        const c = { ...ctx, date1904 };
        const want = await run(scanSheetGeneric, cut(data, []), c, rect, protection);
        const every = Array.from({ length: data.length }, (_, i) => i / data.length);
        const got = await run(fast, cut(data, cuts === "bytes" ? every : cuts), c, rect, protection);
        expect(got).toEqual(want);
      },
    ),
    { numRuns: 1000 },
  );
});

test("a whole sheet in one piece and in 1-byte pieces, worked out by hand", async () => {
  // A2: shared string 3 → "Tōkyō"; B2: 46023 in date style 1 → 2026-01-01; C2: "69327.06" → 69327.06;
  // D2: inline "a &amp; b" with CR LF → "a & b\n"; row 3 has no r (→ 3) and its cell no r (→ column 1): -0 → 0
  const xml =
    '<worksheet><sheetData><row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1"><v>46023</v></c>' +
    '<c r="C2"><v>69327.06</v></c><c r="D2" t="inlineStr"><is><t>a &amp; b\r\n</t></is></c></row>' +
    "<row><c><v>-0</v></c></row></sheetData></worksheet>";
  const data = Buffer.from(xml);
  const want = [
    ["cell", 2, 1, "Tōkyō", 0],
    ["cell", 2, 2, new Date(Date.UTC(2026, 0, 1)), 1],
    ["cell", 2, 3, 69327.06, 0],
    ["cell", 2, 4, "a & b\n", 0],
    ["cell", 3, 1, 0, 0],
  ];
  const rect = { top: 1, bottom: 9, left: 1, right: 9 };
  expect((await run(fast, cut(data, []), ctx, rect, false)).events).toEqual(want);
  const ones = Array.from({ length: data.length }, (_, i) => i / data.length);
  expect((await run(fast, cut(data, ones), ctx, rect, false)).events).toEqual(want);
});

test("numbers and integers read off the chunk are what parseFloat and parseInt give", () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.double({ noNaN: true }).map(String),
        fc.tuple(fc.integer(), fc.nat(999999999)).map(([a, b]) => `${a}.${String(b).padStart(9, "0")}`),
        fc.stringMatching(/^-?\d{0,17}(\.\d{0,17})?$/),
        fc.string({ maxLength: 8 }),
      ),
      (t) => {
        const s = `<v>${t}</v>`;
        expect(Object.is(numberIn(s, 3, 3 + t.length), parseFloat(t))).toBe(true);
        expect(Object.is(intIn(s, 3, 3 + t.length), parseInt(t, 10))).toBe(true);
      },
    ),
    { numRuns: 5000 },
  );
});
