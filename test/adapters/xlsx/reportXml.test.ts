/**
 * Report sheets added by the patch save are written by reportXml.ts (no exceljs model): they read back as the
 * exceljs path writes them (the adapter's readReport on both files), and exceljs itself, an independent
 * reader, finds the layout the reports have: fonts, number formats, borders, alignment, formulas with their
 * cached results, widths, print setup, frozen heading row, header and footer.
 */
import * as ExcelJS from "exceljs";
import fc from "fast-check";
import JSZip from "jszip";
import { promises as fs, readFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { XlsxWorkbook } from "../../../src/adapters/xlsx/xlsxWorkbook";
import type { ReportCell, ReportSheet, TableShape } from "../../../src/ports/workbook";

let dir = "";
let n = 0;
const file = (): string => path.join(dir, `report-${++n}.xlsx`);
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "closebook-reportxml-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const d = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);
const NOTES: TableShape = { name: "tblNotes", sheet: "Notes", headers: ["Note"], numberFormats: ["@"] };
const ACC = "#,##0.00;(#,##0.00);-";

const RICH: ReportSheet = {
  sheet: "Journal & <report>",
  title: "Journal report 2026-03",
  rows: [
    ["Co · 2026-03", null, null, null, null],
    ["Date", "Voucher", "Amount", "Pct", "Note"],
    [d("2026-03-31"), "GL-1", 1234.5, 0.25, "a & b < c"],
    [d("2026-03-31"), "GL-2", -7, { formula: "=C6/C5", result: -0.00567 }, ""],
    ["Subtotal", null, { formula: "=SUM(C5:C6)", result: 1227.5 }, { formula: "=D5", result: null }, true],
    [
      "Total",
      "",
      { formula: "=C7", result: 1227.5 },
      { error: "#N/A" },
      { formula: '=IF(1,"yes","no")', result: "yes" },
    ],
  ],
  numberFormats: ["yyyy-mm-dd", undefined, ACC, "0.0%", "@"],
  boldRows: [1, 5],
  cellFormats: [{ row: 3, col: 2, format: "#,##0;(#,##0);-" }],
  align: [undefined, undefined, "right", "center", undefined],
  widths: [undefined, 14],
  ruleAbove: [4],
  doubleBelow: [5],
  print: {
    headingRow: 1,
    orientation: "portrait",
    header: "Draft & final",
    footerLeft: "Co · 2026-03",
    footerRight: "Run by admin",
  },
};
const PLAIN: ReportSheet = {
  sheet: "Plain",
  title: "Plain",
  rows: [["a", 1, d("2026-01-02")]],
  print: { fitToWidth: false },
};

async function withNotes(): Promise<string> {
  const wb = XlsxWorkbook.create();
  await wb.createTable(NOTES, [["first"]]);
  const f = file();
  await wb.save(f);
  return f;
}

async function viaPatch(source: string, reports: readonly ReportSheet[]): Promise<string> {
  const wb = await XlsxWorkbook.open(source);
  await wb.appendRows("tblNotes", [["second"]]);
  for (const r of reports) await wb.writeReport(r);
  const f = file();
  await wb.save(f);
  return f;
}

async function viaExcelJs(reports: readonly ReportSheet[]): Promise<string> {
  const wb = XlsxWorkbook.create();
  for (const r of reports) await wb.writeReport(r);
  const f = file();
  await wb.save(f);
  return f;
}

/** The worksheet parts the patch wrote (reportXml.ts' plain <sheetFormatPr>; exceljs writes its own attributes). */
async function writtenByPatch(f: string): Promise<number> {
  const zip = await JSZip.loadAsync(readFileSync(f));
  const sheets = Object.keys(zip.files).filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k));
  const xmls = await Promise.all(sheets.map((k) => zip.file(k)!.async("string")));
  return xmls.filter((x) => x.includes('<sheetFormatPr defaultRowHeight="15"/>')).length;
}

async function excel(f: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(f);
  return wb;
}

test("a rich report and a plain one read back as the exceljs path writes them", async () => {
  const patched = await viaPatch(await withNotes(), [RICH, PLAIN]);
  expect(await writtenByPatch(patched)).toBe(2); // not a fallback to the exceljs save
  const reference = await viaExcelJs([RICH, PLAIN]);
  const read = async (f: string) => (await XlsxWorkbook.open(f, { eager: true })).reportSheets();
  expect(await read(patched)).toEqual(await read(reference));
  const again = await XlsxWorkbook.open(patched);
  expect((await again.readTable("tblNotes"))?.rows).toEqual([["first"], ["second"]]);
});

test("exceljs reads the patched report's layout: fonts, formats, borders, alignment, formulas, widths, print setup", async () => {
  const wb = await excel(await viaPatch(await withNotes(), [RICH, PLAIN]));
  const ws = wb.getWorksheet("Journal & <report>")!;
  // title A1 bold 14 pt; rows from row 3, so the heading row (rows[1]) is row 4
  expect(ws.getCell("A1").value).toBe("Journal report 2026-03");
  expect(ws.getCell("A1").font).toMatchObject({ bold: true, size: 14 });
  expect(ws.getCell("B4").font?.bold).toBe(true);
  expect(ws.getCell("A5").value).toEqual(d("2026-03-31"));
  expect(ws.getCell("A5").numFmt).toBe("yyyy-mm-dd");
  expect(ws.getCell("C5").numFmt).toBe(ACC);
  expect(ws.getCell("C6").numFmt).toBe("#,##0;(#,##0);-");
  expect(ws.getCell("C5").alignment?.horizontal).toBe("right");
  expect(ws.getCell("D5").alignment?.horizontal).toBe("center");
  expect(ws.getCell("E5").value).toBe("a & b < c");
  expect(ws.getCell("E6").value).toBe("");
  // subtotal row (rows[4] = row 7): a thin line above its numbers; total row (row 8): a double line below
  expect(ws.getCell("C7").border?.top?.style).toBe("thin");
  expect(ws.getCell("C7").formula).toBe("SUM(C5:C6)");
  expect(ws.getCell("C7").result).toBe(1227.5);
  expect(ws.getCell("E7").value).toBe(true);
  expect(ws.getCell("A7").border?.top).toBeUndefined(); // text cells take no line
  expect(ws.getCell("C8").border?.bottom?.style).toBe("double");
  expect(ws.getCell("D8").value).toEqual({ error: "#N/A" });
  expect(ws.getCell("E8").formula).toBe('IF(1,"yes","no")');
  expect(ws.getCell("E8").result).toBe("yes");
  expect(ws.getColumn(2).width).toBe(14);
  expect(ws.pageSetup).toMatchObject({ orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  expect(ws.pageSetup.printTitlesRow).toBe("4:4");
  expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 4 });
  expect(ws.headerFooter.oddHeader).toBe("&LDraft && final");
  expect(ws.headerFooter.oddFooter).toBe("&LCo · 2026-03&CPage &P of &N&RRun by admin");
  const plain = wb.getWorksheet("Plain")!;
  expect(plain.pageSetup.fitToPage).not.toBe(true);
  expect(plain.pageSetup.orientation).toBe("landscape");
  expect(plain.getCell("C3").value).toEqual(d("2026-01-02"));
});

test("a 1904 workbook: a report's dates are written in its date system (exceljs' scratch wrote 1900 serials: 4 years off)", async () => {
  // crafted-1904.xlsx: workbookPr date1904="1". 2026-03-31 is 46,112 in the 1900 system (the serial of
  // 1899-12-30 + 46,112 days), 46,112 − 1,462 = 44,650 in the 1904 system; a 1900 serial read as 1904 is 2030-04-01
  const fixture = path.join(__dirname, "..", "..", "fixtures", "foreign", "crafted-1904.xlsx");
  const source = file();
  await fs.writeFile(source, readFileSync(fixture));
  const wb = await XlsxWorkbook.open(source);
  await wb.writeReport({ sheet: "Dated", title: "Dated", rows: [["Date"], [d("2026-03-31")]] });
  const f = file();
  await wb.save(f);
  const back = await excel(f);
  expect(back.getWorksheet("Dated")!.getCell("A4").value).toEqual(d("2026-03-31"));
});

test("a sheet name with an apostrophe: its print titles name it quoted, the apostrophe doubled", async () => {
  const f = await viaPatch(await withNotes(), [{ ...PLAIN, sheet: "O'Brien" }]);
  const zip = await JSZip.loadAsync(readFileSync(f));
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  expect(workbook).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">'O''Brien'!$3:$3</definedName>`);
});

const cellArb: fc.Arbitrary<ReportCell> = fc.oneof(
  fc.constant(null),
  fc.constantFrom("", "Total", "a & b < c", "  spaced  ", "Ünïcode · ✓"),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => n / 100),
  fc.boolean(),
  fc.constantFrom(d("2026-03-31"), new Date("2026-03-31T12:30:00.000Z")),
  fc.constantFrom({ error: "#N/A" }, { error: "#DIV/0!" }),
  fc.constantFrom<ReportCell>(
    { formula: "=1+1", result: 2 },
    { formula: '="x"', result: "x" },
    { formula: "=A3", result: null },
    { formula: "=TRUE()", result: true },
  ),
);

const reportArb: fc.Arbitrary<ReportSheet> = fc
  .record({
    width: fc.integer({ min: 1, max: 4 }),
    height: fc.integer({ min: 1, max: 6 }),
    cells: fc.array(cellArb, { minLength: 24, maxLength: 24 }),
    formats: fc.array(fc.constantFrom(undefined, "General", "0.00", ACC, "yyyy-mm-dd", "0.0%", "@"), {
      minLength: 4,
      maxLength: 4,
    }),
    bold: fc.subarray([0, 1, 2, 3, 4, 5]),
    rule: fc.subarray([0, 1, 2, 3, 4, 5]),
    double: fc.subarray([0, 1, 2, 3, 4, 5]),
    align: fc.array(fc.constantFrom(undefined, "left", "right", "center"), { minLength: 4, maxLength: 4 }),
    own: fc.option(fc.record({ row: fc.nat(5), col: fc.nat(3) })),
    print: fc.option(
      fc.record({
        headingRow: fc.nat(2),
        orientation: fc.constantFrom("portrait", "landscape"),
        fitToWidth: fc.boolean(),
        footerLeft: fc.constantFrom("Co & 2026", "x"),
        footerRight: fc.constantFrom("Run by a", "y"),
      }),
      { nil: undefined },
    ),
    title: fc.constantFrom("Report", "", "R & D <x>"),
  })
  .map((a) => {
    const rows = Array.from({ length: a.height }, (_, i) => a.cells.slice(i * a.width, (i + 1) * a.width));
    const inRows = (xs: number[]) => xs.filter((i) => i < a.height);
    return {
      sheet: "Random",
      title: a.title,
      rows,
      numberFormats: a.formats.slice(0, a.width),
      boldRows: inRows(a.bold),
      ruleAbove: inRows(a.rule),
      doubleBelow: inRows(a.double),
      align: a.align.slice(0, a.width) as ("left" | "right" | "center" | undefined)[],
      ...(a.own && a.own.row < a.height && a.own.col < a.width
        ? { cellFormats: [{ ...a.own, format: "#,##0;(#,##0);-" }] }
        : {}),
      ...(a.print ? { print: a.print } : {}),
    };
  });

test("any report: the patch's sheet reads back as the exceljs path's (fast-check)", async () => {
  const source = await withNotes();
  await fc.assert(
    fc.asyncProperty(reportArb, async (report) => {
      const patched = await viaPatch(source, [report]);
      expect(await writtenByPatch(patched)).toBe(1);
      const read = async (f: string) => (await XlsxWorkbook.open(f, { eager: true })).reportSheets();
      expect(await read(patched)).toEqual(await read(await viaExcelJs([report])));
    }),
    { numRuns: 25 },
  );
}, 120_000);
