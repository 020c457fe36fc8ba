/**
 * Workbooks another tool saved (test/fixtures/foreign/, made by
 * scripts/make-foreign-fixtures.py; see its README) open through the xlsx
 * adapter, decode without errors, verify, give the original's trial balance,
 * and take a further Closebook write. Plus the package normalisation itself
 * (foreignPackage.ts): hand examples and a fast-check round trip.
 *
 * The company (hand-worked, January 2026, USD):
 *   J1 cash 100,000.00 / share capital; J2 EUR 1,234.56 × 1.0842 = 1,338.509952 → 1,338.51
 *   receivable / revenue; J3 rent 2,100.00 / cash; J4 JPY 15,500 × 0.0064 = 99.20 office /
 *   accrued; J5 salary accrual 4,200.10 / accrued (auto-reverse on 2026-02-01).
 *   Closing: 1000 = 100,000.00 − 2,100.00 = 97,900.00; 2100 = −(99.20 + 4,200.10) = −4,299.30;
 *   debits = 100,000.00 + 1,338.51 + 2,100.00 + 99.20 + 4,200.10 = 107,737.81 = credits.
 *   2026-01 is On hold: its 10 ledger lines (5 vouchers × 2) are sealed.
 */
import * as ExcelJS from "exceljs";
import fc from "fast-check";
import JSZip from "jszip";
import { promises as fs, readFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  fixBooleans,
  fixIsoDateCells,
  fixRelationships,
  normalizePackage,
  relativeTarget,
} from "../../../src/adapters/xlsx/foreignPackage";
import { XlsxWorkbook } from "../../../src/adapters/xlsx/xlsxWorkbook";
import { zipEntries } from "../../../src/adapters/xlsx/zipEntries";
import { changePeriod } from "../../../src/app/changePeriod";
import { loadBook } from "../../../src/app/loadBook";
import { formatTb, trialBalanceReport } from "../../../src/app/trialBalanceReport";
import { verifyWorkbook } from "../../../src/app/verifyWorkbook";
import { fixedClock } from "../../../src/ports/clock";

const FIXTURES = path.join(__dirname, "..", "..", "fixtures", "foreign");
const fixture = (name: string): string => path.join(FIXTURES, name);
const FOREIGN = [
  "openpyxl-resaved.xlsx",
  "openpyxl-edited.xlsx",
  "libreoffice.xlsx",
  "crafted-inline-strings.xlsx",
  "crafted-1904.xlsx",
];
const PASSWORD = "s3cret";

const JANUARY = [
  "Account,Name,Opening,Debit,Credit,Closing",
  "1000,Cash USD,0.00,100000.00,2100.00,97900.00",
  "1100,Accounts receivable,0.00,1338.51,0.00,1338.51",
  "2100,Accrued liabilities,0.00,0.00,4299.30,-4299.30",
  "3000,Share capital,0.00,0.00,100000.00,-100000.00",
  "4000,Sales revenue,0.00,0.00,1338.51,-1338.51",
  "6000,Salaries,0.00,4200.10,0.00,4200.10",
  "6100,Rent,0.00,2100.00,0.00,2100.00",
  "6300,Utilities and office,0.00,99.20,0.00,99.20",
  "Total,,0.00,107737.81,107737.81,0.00",
].join("\n");

async function tbCsv(wb: XlsxWorkbook, period: string): Promise<string> {
  const { tb, issues } = await trialBalanceReport(wb, { period });
  expect(issues.filter((i) => i.severity === "error")).toEqual([]);
  return formatTb(tb!, "csv").trim();
}

let dir = "";
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "closebook-foreign-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("the fixtures carry the traits they stand for", () => {
  test("openpyxl writes absolute relationship targets, which exceljs 4.4.0 alone cannot read (exceljs#1468)", async () => {
    const zip = await JSZip.loadAsync(readFileSync(fixture("openpyxl-resaved.xlsx")));
    expect(await zip.file("xl/worksheets/_rels/sheet11.xml.rels")!.async("string")).toContain(
      'Target="/xl/tables/table11.xml"',
    );
    await expect(
      new ExcelJS.Workbook().xlsx.load(readFileSync(fixture("openpyxl-resaved.xlsx")) as unknown as ExcelJS.Buffer),
    ).rejects.toThrow("Cannot read properties of undefined (reading 'name')");
  });

  test('LibreOffice writes sheet protection as sheet="true"; the crafted files hold inline strings and the 1904 date system', async () => {
    const lo = await JSZip.loadAsync(readFileSync(fixture("libreoffice.xlsx")));
    expect(await lo.file("xl/worksheets/sheet11.xml")!.async("string")).toMatch(/<sheetProtection [^>]*sheet="true"/);
    const inline = await JSZip.loadAsync(readFileSync(fixture("crafted-inline-strings.xlsx")));
    expect(inline.file("xl/sharedStrings.xml")).toBeNull();
    expect(await inline.file("xl/worksheets/sheet11.xml")!.async("string")).toContain('t="inlineStr"');
    const old = await JSZip.loadAsync(readFileSync(fixture("crafted-1904.xlsx")));
    expect(await old.file("xl/workbook.xml")!.async("string")).toContain('date1904="1"');
  });
});

describe("the Closebook original", () => {
  test("verifies with one sealed period and gives January's trial balance worked out by hand", async () => {
    const wb = await XlsxWorkbook.open(fixture("closebook.xlsx"));
    const v = await verifyWorkbook(wb);
    expect(v.issues).toEqual([]);
    expect([v.sealedPeriods, v.sealedRows]).toEqual([1, 10]);
    expect(await tbCsv(wb, "2026-01")).toBe(JANUARY);
  });

  test("is not rewritten by the normalisation (same bytes back)", async () => {
    const data = readFileSync(fixture("closebook.xlsx"));
    expect(await normalizePackage(data)).toBe(data);
  });
});

describe.each(FOREIGN)("%s", (name) => {
  test("opens, decodes without errors, verifies its sealed period and gives the original's trial balance", async () => {
    const wb = await XlsxWorkbook.open(fixture(name));
    const { issues } = await loadBook(wb);
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    const v = await verifyWorkbook(wb);
    expect(v.issues).toEqual([]); // includes: every system sheet still protected
    expect([v.sealedPeriods, v.sealedRows]).toEqual([1, 10]);
    expect(await tbCsv(wb, "2026-01")).toBe(JANUARY);
    const original = await XlsxWorkbook.open(fixture("closebook.xlsx"));
    expect(await tbCsv(wb, "2026-02")).toBe(await tbCsv(original, "2026-02"));
  });

  test("takes a further write (February on hold, with the sheets' password) and still verifies after a save", async () => {
    const wb = await XlsxWorkbook.open(fixture(name));
    expect(await wb.isProtected("Ledger")).toBe(true);
    await expect(wb.unprotect("Ledger", "wrong")).rejects.toThrow(/wrong password/);
    await wb.unprotect("Ledger", PASSWORD);
    await wb.protect("Ledger", PASSWORD);
    const r = await changePeriod(
      wb,
      { kind: "hold", period: "2026-02", reason: "February close" },
      { user: "bob", clock: fixedClock("2026-03-02T09:00:00.000Z") },
    );
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(r.done).toBe(true);
    const out = path.join(dir, `held-${name}`);
    await wb.save(out);
    const again = await XlsxWorkbook.open(out);
    const v = await verifyWorkbook(again);
    expect(v.issues).toEqual([]);
    // January's 10 lines plus February's 6: J5's reversal (2), J6 (2), J7 (2)
    expect([v.sealedPeriods, v.sealedRows]).toEqual([2, 16]);
    expect(await tbCsv(again, "2026-01")).toBe(JANUARY);
  });
});

test("openpyxl-edited: the edited Settings description and the note beside the ledger survive a Closebook save", async () => {
  const wb = await XlsxWorkbook.open(fixture("openpyxl-edited.xlsx"));
  const settings = await wb.readTable("tblSettings");
  expect(settings?.rows.find((r) => r[0] === "Company")?.[2]).toBe("Legal entity name (checked in Python)");
  const out = path.join(dir, "edited-saved.xlsx");
  await wb.save(out);
  const raw = new ExcelJS.Workbook();
  await raw.xlsx.readFile(out);
  expect(raw.getWorksheet("Ledger")?.getCell("S1").value).toBe("Reviewed in Python");
});

test("crafted-1904: dates read as the same days, and a save keeps the 1904 date system", async () => {
  const wb = await XlsxWorkbook.open(fixture("crafted-1904.xlsx"));
  const ledger = await wb.readTable("tblLedger");
  const date = ledger!.headers.indexOf("Date");
  // J1 is dated 2026-01-02: serial 46024 in the 1900 system, 46024 − 1462 = 44562 in the 1904 system
  expect(ledger!.rows[0]![date]).toEqual(new Date(Date.UTC(2026, 0, 2)));
  const out = path.join(dir, "saved-1904.xlsx");
  await wb.save(out);
  const zip = await JSZip.loadAsync(readFileSync(out));
  expect(await zip.file("xl/workbook.xml")!.async("string")).toMatch(/date1904="1"/);
  expect((await (await XlsxWorkbook.open(out)).readTable("tblLedger"))!.rows[0]![date]).toEqual(
    new Date(Date.UTC(2026, 0, 2)),
  );
});

/** closebook.xlsx with `edit` applied to its parts (a trait of another writer, made in memory). */
async function crafted(edit: (zip: JSZip) => Promise<void>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(readFileSync(fixture("closebook.xlsx")));
  await edit(zip);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

async function editPart(zip: JSZip, part: string, edit: (xml: string) => string): Promise<void> {
  zip.file(part, edit(await zip.file(part)!.async("string")));
}

async function expectVerifiesLikeTheOriginal(data: Buffer): Promise<void> {
  const wb = await XlsxWorkbook.load(data);
  const v = await verifyWorkbook(wb);
  expect(v.issues).toEqual([]);
  expect([v.sealedPeriods, v.sealedRows]).toEqual([1, 10]);
  expect(await tbCsv(wb, "2026-01")).toBe(JANUARY);
}

describe("other traits, crafted in memory", () => {
  test('date1904="true" (xsd:boolean spelled out) is the 1904 date system', async () => {
    const zip = await JSZip.loadAsync(readFileSync(fixture("crafted-1904.xlsx")));
    await editPart(zip, "xl/workbook.xml", (xml) => xml.replace('date1904="1"', 'date1904="true"'));
    await expectVerifiesLikeTheOriginal(await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  });

  test('ledger dates as ISO text cells (t="d", as SheetJS writes with cellDates) read as the same dates', async () => {
    // the Ledger sheet is sheet11; its Date column is C: serial 46024 → "2026-01-02T00:00:00"
    const data = await crafted((zip) =>
      editPart(zip, "xl/worksheets/sheet11.xml", (xml) => {
        const out = xml.replace(
          /<c r="(C\d+)" s="(\d+)"><v>(\d+)<\/v><\/c>/g,
          (_, r: string, st: string, v: string) =>
            `<c r="${r}" s="${st}" t="d"><v>${new Date(Date.UTC(1899, 11, 30) + Number(v) * 86_400_000).toISOString().slice(0, 19)}</v></c>`,
        );
        expect(out).toMatch(/<c r="C2" s="\d+" t="d"><v>2026-01-02T00:00:00<\/v><\/c>/);
        return out;
      }),
    );
    await expectVerifiesLikeTheOriginal(data);
  });

  test("a package without xl/styles.xml opens (dates then read as serial numbers)", async () => {
    await expectVerifiesLikeTheOriginal(await crafted(async (zip) => void zip.remove("xl/styles.xml")));
  });
});

describe("foreignPackage", () => {
  test('t="d" cells become serial numbers in the workbook\'s date system', () => {
    // 2026-01-02 is 46,024 days after 1899-12-30 and 46,024 − 1,462 = 44,562 days after 1904-01-01; noon is .5
    const xml =
      '<row><c r="A1" t="d"/><c r="B1" s="3" t="d"><v>2026-01-02T00:00:00</v></c><c r="C1" t="d"><v>2026-01-02T12:00:00.000Z</v></c><c r="D1" t="d"><v>soon</v></c><c r="E1" t="s"><v>7</v></c></row>';
    expect(fixIsoDateCells(xml, false)).toBe(
      '<row><c r="A1" t="d"/><c r="B1" s="3"><v>46024</v></c><c r="C1"><v>46024.5</v></c><c r="D1" t="d"><v>soon</v></c><c r="E1" t="s"><v>7</v></c></row>',
    );
    expect(fixIsoDateCells('<c r="B1" t="d"><v>2026-01-02</v></c>', true)).toBe('<c r="B1"><v>44562</v></c>');
  });

  test("absolute and dotted targets become relative to the source part's folder; external ones stay", () => {
    expect(relativeTarget("xl/worksheets/", "/xl/tables/table1.xml")).toBe("../tables/table1.xml");
    expect(relativeTarget("", "/xl/workbook.xml")).toBe("xl/workbook.xml");
    expect(relativeTarget("xl/", "/xl/worksheets/sheet1.xml")).toBe("worksheets/sheet1.xml");
    expect(relativeTarget("xl/worksheets/", "./../tables/./table1.xml")).toBe("../tables/table1.xml");
    expect(relativeTarget("xl/worksheets/", "../tables/table1.xml")).toBe("../tables/table1.xml");
    const rels =
      '<Relationships><Relationship Type="t" Target="/xl/tables/table1.xml" Id="rId1"/>' +
      '<Relationship Id="rId2" Target="https://example.com/a" TargetMode="External" Type="h"/>' +
      "<Relationship Id='rId3' Target='/xl/comments1.xml' Type='c'/></Relationships>";
    expect(fixRelationships("xl/worksheets/_rels/sheet1.xml.rels", rels)).toBe(
      '<Relationships><Relationship Type="t" Target="../tables/table1.xml" Id="rId1"/>' +
        '<Relationship Id="rId2" Target="https://example.com/a" TargetMode="External" Type="h"/>' +
        "<Relationship Id='rId3' Target='../comments1.xml' Type='c'/></Relationships>",
    );
  });

  test("zipEntries reads stored and deflated entries (names without a leading slash), and refuses what is no zip", async () => {
    const zip = new JSZip();
    zip.file("a/stored.xml", "<x>stored</x>", { compression: "STORE" });
    zip.file("/b.xml", "<y>Zürich</y>".repeat(50), { compression: "DEFLATE" });
    const entries = zipEntries(await zip.generateAsync({ type: "nodebuffer" }));
    expect([...entries.keys()].sort()).toEqual(["a/stored.xml", "b.xml"]);
    expect(entries.get("a/stored.xml")!.read().toString("utf8")).toBe("<x>stored</x>");
    expect(entries.get("b.xml")!.read().toString("utf8")).toBe("<y>Zürich</y>".repeat(50));
    expect(() => zipEntries(Buffer.from("not a zip at all, just text"))).toThrow(/not a zip/);
  });

  test("true/false flags become 1/0 in the named element only", () => {
    const xml =
      '<sheetData><c t="b"><v>true</v></c></sheetData><sheetProtection sheet="true" sort="false" objects="1"/><x a="true"/>';
    expect(fixBooleans(xml, "sheetProtection")).toBe(
      '<sheetData><c t="b"><v>true</v></c></sheetData><sheetProtection sheet="1" sort="0" objects="1"/><x a="true"/>',
    );
  });

  test("property: an absolute target made relative resolves back to the same part, and a second pass changes nothing", () => {
    const segment = fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/);
    const folder = fc.array(segment, { maxLength: 3 });
    fc.assert(
      fc.property(folder, folder, segment, (base, target, file) => {
        const baseDir = base.map((s) => `${s}/`).join("");
        const part = [...target, `${file}.xml`].join("/");
        const rel = relativeTarget(baseDir, `/${part}`);
        expect(rel.startsWith("/")).toBe(false);
        expect(relativeTarget("", `${baseDir}${rel}`)).toBe(part);
        expect(relativeTarget(baseDir, rel)).toBe(rel);
      }),
    );
  });
});
