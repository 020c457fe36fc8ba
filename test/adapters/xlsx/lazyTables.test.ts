/**
 * The fast read path (lazyTables.ts: yauzl + htmlparser2) gives exactly what the
 * exceljs path gives (readWorkbook.ts), table by table, for Closebook's own
 * files, the files other tools wrote (test/fixtures/foreign) and traits crafted
 * in memory; and open() parses a table's sheet only when the table is read.
 */
import fc from "fast-check";
import JSZip from "jszip";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { LazyTables } from "../../../src/adapters/xlsx/lazyTables";
import { resolveTarget } from "../../../src/adapters/xlsx/packageIndex";
import { XlsxWorkbook } from "../../../src/adapters/xlsx/xlsxWorkbook";
import type { CellValue, WorkbookPort } from "../../../src/ports/workbook";
import { SheetNotFoundError } from "../../../src/ports/workbook";

const FIXTURES = path.join(__dirname, "..", "..", "fixtures", "foreign");
const FILES = [
  "closebook.xlsx",
  "openpyxl-resaved.xlsx",
  "openpyxl-edited.xlsx",
  "libreoffice.xlsx",
  "crafted-inline-strings.xlsx",
  "crafted-1904.xlsx",
];

async function everyTable(port: Pick<WorkbookPort, "listTables" | "readTable">): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const shape of await port.listTables()) out.push({ shape, table: await port.readTable(shape.name) });
  return out;
}

async function lazyOf(data: Buffer): Promise<unknown[]> {
  const lazy = await LazyTables.open(data);
  return everyTable({ listTables: async () => lazy.shapes(), readTable: (n) => lazy.readTable(n) });
}

async function expectSameAsExcelJs(data: Buffer, eager?: unknown[]): Promise<unknown[]> {
  const expected = eager ?? (await everyTable(await XlsxWorkbook.load(data)));
  const lazy = await lazyOf(data);
  expect(lazy).toEqual(expected);
  return lazy;
}

/** Each fixture loaded by exceljs once per file (both describes compare against it): its workbook and every table. */
const eagerFixtures = new Map<string, Promise<{ wb: XlsxWorkbook; tables: unknown[] }>>();
function eagerFixture(file: string): Promise<{ wb: XlsxWorkbook; tables: unknown[] }> {
  let p = eagerFixtures.get(file);
  if (!p) {
    p = (async () => {
      const wb = await XlsxWorkbook.load(readFileSync(path.join(FIXTURES, file)));
      return { wb, tables: await everyTable(wb) };
    })();
    eagerFixtures.set(file, p);
  }
  return p;
}

async function crafted(file: string, edit: (zip: JSZip) => Promise<void>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(readFileSync(path.join(FIXTURES, file)));
  await edit(zip);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

async function editPart(zip: JSZip, part: string, edit: (xml: string) => string): Promise<void> {
  zip.file(part, edit(await zip.file(part)!.async("string")));
}

describe("the fast reader reads what exceljs reads", () => {
  test.each(FILES)("%s", async (file) => {
    const data = readFileSync(path.join(FIXTURES, file));
    const { wb: eager, tables: eagerTables } = await eagerFixture(file);
    const tables = await expectSameAsExcelJs(data, eagerTables);
    expect(tables.length).toBeGreaterThan(10);
    // sheet protection too: the fixtures protect the system sheets (password s3cret)
    const lazy = await LazyTables.open(data);
    const protectedSheets = async (isProtected: (s: string) => Promise<boolean>) => {
      const out: string[] = [];
      for (const s of eager.sheetNames()) if (await isProtected(s)) out.push(s);
      return out;
    };
    const expected = await protectedSheets((s) => eager.isProtected(s));
    expect(expected).toContain("Ledger");
    expect(await protectedSheets((s) => lazy.isProtected(s))).toEqual(expected);
    expect(lazy.sheetNames()).toEqual(eager.sheetNames());
    await expect(lazy.isProtected("No such sheet")).rejects.toThrow(SheetNotFoundError);
  });

  test("1904 dates: the first ledger date of crafted-1904.xlsx is 2026-01-02, as in the original", async () => {
    // the crafted file's serials are 1,462 smaller: 46,024 − 1,462 = 44,562 days after 1904-01-01 = 2026-01-02
    const lazy = await LazyTables.open(readFileSync(path.join(FIXTURES, "crafted-1904.xlsx")));
    const ledger = (await lazy.readTable("tblLedger"))!;
    expect(ledger.rows[0]![ledger.headers.indexOf("Date")]).toEqual(new Date(Date.UTC(2026, 0, 2)));
  });

  test('date1904="true", ISO date cells (t="d"), absolute targets in every relationship, no styles part', async () => {
    const data = await crafted("crafted-1904.xlsx", async (zip) => {
      await editPart(zip, "xl/workbook.xml", (xml) => xml.replace('date1904="1"', 'date1904="true"'));
      await editPart(zip, "xl/_rels/workbook.xml.rels", (xml) => xml.replace(/Target="(?!\/)/g, 'Target="/xl/'));
      await editPart(zip, "xl/worksheets/_rels/sheet11.xml.rels", (xml) =>
        xml.replace('Target="../tables/', 'Target="./../tables/'),
      );
      // C2 of the ledger as ISO text: 2026-01-02 in any date system
      await editPart(zip, "xl/worksheets/sheet11.xml", (xml) =>
        xml.replace(/<c r="C2" s="(\d+)"><v>\d+<\/v><\/c>/, '<c r="C2" s="$1" t="d"><v>2026-01-02T00:00:00</v></c>'),
      );
    });
    const tables = await expectSameAsExcelJs(data);
    const ledger = tables.find((t) => (t as { shape: { name: string } }).shape.name === "tblLedger") as {
      table: { headers: string[]; rows: CellValue[][] };
    };
    expect(ledger.table.rows[0]![ledger.table.headers.indexOf("Date")]).toEqual(new Date(Date.UTC(2026, 0, 2)));
    await expectSameAsExcelJs(await crafted("closebook.xlsx", async (zip) => void zip.remove("xl/styles.xml")));
  });

  test("cells as other writers leave them: formulas with and without cached results, inline rich text, empty values, cells out of column order", async () => {
    // tblCurrencies (sheet5, A1:C6) rows 2-5 rewritten; each form next to what both readers must give
    const data = await crafted("closebook.xlsx", (zip) =>
      editPart(zip, "xl/worksheets/sheet5.xml", (xml) => {
        const rows = [
          // formula with a cached text result (t="str", entities doubly escaped as exceljs then decodes once more) → "a&b"; formula without a cached result (openpyxl) → #FORMULA; boolean formula → true
          '<row r="2"><c r="A2" t="str"><f>"a"&amp;"b"</f><v>a&amp;amp;b</v></c><c r="B2"><f>NOW()</f></c><c r="C2" t="b"><f>TRUE()</f><v>1</v></c></row>',
          // inline rich text → "Zürich"; error → #N/A; number in a date style (s="4"? no: style 3 is "0") → 7
          '<row r="3"><c r="A3" t="inlineStr"><is><r><t>Zü</t></r><r><rPr><b/></rPr><t>rich</t></r></is></c><c r="B3" t="e"><v>#N/A</v></c><c r="C3" s="3"><v>7</v></c></row>',
          // an empty <v></v>, a self-closing styled cell (exceljs cannot read cells without r, so they keep theirs)
          '<row r="4"><c r="A4" t="s"><v>7</v></c><c r="B4" t="str"><v></v></c><c r="C4" s="3"/></row>',
          // cells out of order of columns still land in their columns; a formula error result
          '<row r="5"><c r="C5" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="A5" t="b"><v>0</v></c></row>',
        ].join("");
        const out = xml.replace(/<row r="2"[\s\S]*?<row r="6"/, `${rows}<row r="6"`);
        expect(out).not.toBe(xml);
        return out;
      }),
    );
    const tables = await expectSameAsExcelJs(data);
    const currencies = tables.find((t) => (t as { shape: { name: string } }).shape.name === "tblCurrencies") as {
      table: { rows: CellValue[][] };
    };
    expect(currencies.table.rows.slice(0, 2)).toEqual([
      ["a&b", { error: "#FORMULA" }, true],
      ["Zürich", { error: "#N/A" }, 7],
    ]);
  });

  test("relationship targets resolve from the source part's folder, or from the root when absolute", () => {
    expect(resolveTarget("xl/worksheets/", "../tables/table1.xml")).toBe("xl/tables/table1.xml");
    expect(resolveTarget("xl/", "/xl/worksheets/sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
    expect(resolveTarget("", "xl/workbook.xml")).toBe("xl/workbook.xml");
    expect(resolveTarget("xl/", "./worksheets/../styles.xml")).toBe("xl/styles.xml");
  });

  test("property: any table Closebook writes reads back the same through both readers", async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom("a & b", "<x>", '"q"', "_x0041_", " lead", "trail ", "l1\nl2", "Zürich", "𝄞"),
    );
    const cell: fc.Arbitrary<CellValue> = fc.oneof(
      text,
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.boolean(),
      fc.constant(null),
      fc
        .date({ min: new Date(Date.UTC(1900, 2, 1)), max: new Date(Date.UTC(2200, 0, 1)), noInvalidDate: true })
        .map((d) => new Date(Math.round(d.getTime() / 1000) * 1000)),
      fc.constantFrom({ error: "#N/A" }, { error: "#DIV/0!" }),
    );
    const formats = fc.constantFrom("General", "@", "0", "#,##0.00", "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss");
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 4 })
          .chain((w) =>
            fc.tuple(
              fc.array(formats, { minLength: w, maxLength: w }),
              fc.array(fc.array(cell, { minLength: w, maxLength: w }), { maxLength: 8 }),
            ),
          ),
        async ([numberFormats, rows]) => {
          const wb = XlsxWorkbook.create();
          const headers = numberFormats.map((_, j) => `Col ${j + 1}`);
          await wb.createTable({ name: "tblT", sheet: "T", headers, numberFormats }, rows);
          await wb.createTable({ name: "tblU", sheet: "U", headers: ["Only"], numberFormats: ["@"] }, [["x"]]);
          await expectSameAsExcelJs(await wb.toBuffer());
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);
});

describe("open() reads a table's sheet only when the table is read", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "closebook-lazy-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("a ledger sheet damaged after its 60th row: the currencies still read; the ledger read fails then", async () => {
    const wb = XlsxWorkbook.create();
    await wb.createTable(
      { name: "tblCurrencies", sheet: "Currencies", headers: ["Currency", "Precision"], numberFormats: ["@", "0"] },
      [
        ["EUR", 2],
        ["JPY", 0],
      ],
    );
    await wb.createTable(
      { name: "tblLedger", sheet: "Ledger", headers: ["Entry no", "Amount"], numberFormats: ["0", "#,##0.00"] },
      Array.from({ length: 100 }, (_, i) => [i + 1, (i + 1) * 1.5]),
    );
    const zip = await JSZip.loadAsync(await wb.toBuffer());
    // row 62 holds data row 61; an unclosed element there breaks the XML
    await editPart(zip, "xl/worksheets/sheet2.xml", (xml) => {
      const out = xml.replace('<row r="62"', '<row r="62"><broken');
      expect(out).not.toBe(xml);
      return out;
    });
    const file = path.join(dir, "damaged.xlsx");
    writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));

    const opened = await XlsxWorkbook.open(file); // exceljs would parse every sheet here and fail
    expect((await opened.listTables()).map((t) => [t.name, t.numberFormats])).toEqual([
      ["tblCurrencies", ["@", "0"]],
      ["tblLedger", ["0", "#,##0.00"]],
    ]);
    expect((await opened.readTable("tblCurrencies"))?.rows).toEqual([
      ["EUR", 2],
      ["JPY", 0],
    ]);
    await expect(opened.readTable("tblLedger")).rejects.toThrow();
  });

  test.each(FILES)(
    "%s: read lazily, then loaded whole (the rows read not parsed again) and saved: every table as before",
    async (file) => {
      const f = path.join(dir, `resave-${file}`);
      writeFileSync(f, readFileSync(path.join(FIXTURES, file)));
      const before = (await eagerFixture(file)).tables; // the same bytes as f
      const opened = await XlsxWorkbook.open(f);
      await everyTable(opened); // as loadBook reads
      await opened.save(f);
      expect(await everyTable(await XlsxWorkbook.load(readFileSync(f)))).toEqual(before);
    },
  );

  test("the rows of a large table read lazily are left out of the full load and still saved, with its formats", async () => {
    const wb = XlsxWorkbook.create();
    const headers = ["Entry no", "Date", "Account", "Amount", "Posted"];
    const numberFormats = ["0", "yyyy-mm-dd", "@", "#,##0.00", "General"];
    // row i (1-based): entry i, 2026-01-01 + (i mod 28) days, account "1000" or "2000", amount i × 1.25 (exact in binary), posted when i is even
    const rows = Array.from({ length: 300 }, (_, k) => {
      const i = k + 1;
      return [i, new Date(Date.UTC(2026, 0, 1 + (i % 28))), i % 2 ? "1000" : "2000", i * 1.25, i % 2 === 0];
    });
    await wb.createTable({ name: "tblLedger", sheet: "Ledger", headers, numberFormats }, rows);
    await wb.createTable({ name: "tblNotes", sheet: "Notes", headers: ["Note"], numberFormats: ["@"] }, [["a"], ["b"]]);
    const f = path.join(dir, "large.xlsx");
    await wb.save(f);

    const lazy = await LazyTables.open(readFileSync(f));
    await lazy.readTable("tblLedger");
    // readTables is asynchronous now: rows a large table handed out are read again (sheetStream.test.ts)
    expect((await lazy.readTables()).map((t) => [t.name, t.fromRow, t.rows.length])).toEqual([["tblLedger", 3, 300]]);

    const opened = await XlsxWorkbook.open(f);
    await opened.readTable("tblLedger");
    await opened.appendRows("tblLedger", [[301, new Date(Date.UTC(2026, 1, 1)), "3000", 376.25, false]]);
    await opened.save(f);
    const again = await XlsxWorkbook.load(readFileSync(f));
    expect((await again.listTables()).find((t) => t.name === "tblLedger")?.numberFormats).toEqual(numberFormats);
    expect((await again.readTable("tblLedger"))?.rows).toEqual([
      ...rows,
      [301, new Date(Date.UTC(2026, 1, 1)), "3000", 376.25, false],
    ]);
    expect((await again.readTable("tblNotes"))?.rows).toEqual([["a"], ["b"]]);
  });

  test("a write after a lazy read loads the whole file and keeps what was read", async () => {
    const wb = XlsxWorkbook.create();
    await wb.createTable(
      { name: "tblCurrencies", sheet: "Currencies", headers: ["Currency", "Precision"], numberFormats: ["@", "0"] },
      [["EUR", 2]],
    );
    await wb.writeReport({ sheet: "Notes", title: "Notes", rows: [["kept"]] });
    const file = path.join(dir, "write.xlsx");
    await wb.save(file);
    const opened = await XlsxWorkbook.open(file);
    expect((await opened.readTable("tblCurrencies"))?.rows).toEqual([["EUR", 2]]);
    expect(opened.sheetNames()).toEqual(["Currencies", "Notes"]);
    await opened.appendRows("tblCurrencies", [["JPY", 0]]);
    await opened.save(file);
    const again = await XlsxWorkbook.open(file, { eager: true });
    expect((await again.readTable("tblCurrencies"))?.rows).toEqual([
      ["EUR", 2],
      ["JPY", 0],
    ]);
    expect(again.reportSheets().map((r) => r.rows)).toEqual([[["kept"]]]);
  });
});
