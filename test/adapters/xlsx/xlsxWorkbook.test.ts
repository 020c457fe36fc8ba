/**
 * XlsxWorkbook: the shared WorkbookPort contract (with a save + reopen after
 * every data test), plus what only a file can show: real Excel tables with
 * valid refs, number formats and date cells; atomic saves; workbooks written
 * by Excel or other tools (header row flag omitted, tables not at A1, totals
 * rows, formulas, other content) survive a load/save round trip.
 *
 * Example: after `wb.save(file)`, a fresh exceljs Workbook reading `file`
 * finds ws.getTable("tblLedger") with tableRef "A1:C3" and C2.numFmt "#,##0.00;[Red]-#,##0.00".
 */
import * as ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as zlib from "node:zlib";
import {
  FORMULA_WITHOUT_RESULT,
  decodeColumnName,
  encodeColumnName,
  fromExcel,
  isDateFormat,
} from "../../../src/adapters/xlsx/cellValues";
import { XlsxWorkbook } from "../../../src/adapters/xlsx/xlsxWorkbook";
import type { TableShape } from "../../../src/ports/workbook";
import { describeWorkbookPortContract } from "../contract/workbookPortContract";
import { rulesInXlsx } from "./conditionalFormatsReader";

let dir = "";
let files = 0;
const file = (name = "book"): string => path.join(dir, `${name}-${++files}.xlsx`);

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "closebook-xlsx-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describeWorkbookPortContract("xlsx", async () => {
  const wb = XlsxWorkbook.create();
  return {
    port: wb,
    reopen: async () => {
      const f = file("contract");
      await wb.save(f);
      return XlsxWorkbook.open(f);
    },
    conditionalFormats: async (port, sheet) => rulesInXlsx(await (port as XlsxWorkbook).toBuffer(), sheet),
  };
});

// ---------------------------------------------------------------- helpers

const AMOUNT = "#,##0.00;[Red]-#,##0.00";
const d = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);
const LEDGER: TableShape = {
  name: "tblLedger",
  sheet: "Ledger",
  headers: ["Entry no", "Date", "Amount", "Note"],
  numberFormats: ["0", "yyyy-mm-dd", AMOUNT, "@"],
};

async function readExcel(f: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(f);
  return wb;
}

interface TableModel {
  name: string;
  tableRef: string;
  autoFilterRef?: string;
  totalsRow?: boolean;
  columns: { name: string; totalsRowFunction?: string }[];
  style?: { theme?: string; showRowStripes?: boolean };
}
function tableModel(ws: ExcelJS.Worksheet | undefined, name: string): TableModel {
  const t = (ws?.getTables() as unknown as { model: TableModel }[] | undefined)?.find((x) => x.model.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t.model;
}

/** The entries of a zip file (stored or deflated), read from its central directory. */
function unzip(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  let p = buf.readUInt32LE(eocd + 16);
  const count = buf.readUInt16LE(eocd + 10);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    out.set(name, method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const byte of b) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A deflated zip of the entries (enough for exceljs and Excel). */
function zip(entries: Map<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBuf = Buffer.from(name, "utf8");
    const packed = zlib.deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, packed);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.size, 8);
  end.writeUInt16LE(entries.size, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const attr = (xml: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(xml)?.[1];

/**
 * The structural rules Excel enforces on tables, checked on the raw parts:
 * ref = autoFilter ref (no totals row), tableColumns count = ref width, column
 * names unique (case-insensitively), a header row, names unique in the workbook,
 * every table part referenced by its sheet.
 */
function checkTableParts(parts: Map<string, Buffer>): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  const tableXmls = [...parts.keys()].filter((k) => /^xl\/tables\/table\d+\.xml$/.test(k));
  const rels = [...parts.entries()]
    .filter(([k]) => k.startsWith("xl/worksheets/_rels/"))
    .map(([, v]) => v.toString("utf8"))
    .join("\n");
  for (const k of tableXmls) {
    const xml = parts.get(k)?.toString("utf8") ?? "";
    const head = /<table\b[^>]*>/.exec(xml)?.[0] ?? "";
    const name = attr(head, "name") ?? "";
    if (names.has(name.toLowerCase())) problems.push(`${k}: duplicate table name ${name}`);
    names.add(name.toLowerCase());
    if (attr(head, "displayName") !== name) problems.push(`${k}: displayName differs from name`);
    const ref = attr(head, "ref") ?? "";
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
    if (!m) {
      problems.push(`${k}: bad ref ${ref}`);
      continue;
    }
    const col = (s: string): number => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const width = col(m[3] ?? "") - col(m[1] ?? "") + 1;
    if (Number(m[4]) - Number(m[2]) < 1) problems.push(`${k}: ref ${ref} has no data row`);
    if (attr(head, "headerRowCount") === "0") problems.push(`${k}: no header row`);
    const totals = attr(head, "totalsRowCount") === "1";
    const af = /<autoFilter\b[^>]*>/.exec(xml)?.[0];
    if (!af) problems.push(`${k}: no autoFilter`);
    else if (!totals && attr(af, "ref") !== ref) problems.push(`${k}: autoFilter ref ${attr(af, "ref")} ≠ ${ref}`);
    const count = Number(attr(/<tableColumns\b[^>]*>/.exec(xml)?.[0] ?? "", "count"));
    const cols = [...xml.matchAll(/<tableColumn\b[^>]*\sname="([^"]*)"/g)].map((x) => x[1] ?? "");
    if (count !== width || cols.length !== width)
      problems.push(`${k}: ${cols.length} columns (count ${count}) for width ${width}`);
    if (new Set(cols.map((c) => c.toLowerCase())).size !== cols.length) problems.push(`${k}: duplicate column names`);
    if (/\sdxfId=/.test(xml)) problems.push(`${k}: dxfId attribute on a table column`);
    if (!/<tableStyleInfo\b[^>]*\sname="TableStyle/.test(xml)) problems.push(`${k}: no table style`);
    if (!rels.includes(`../tables/${k.slice("xl/tables/".length)}`)) problems.push(`${k}: not referenced by a sheet`);
  }
  return problems;
}

// ---------------------------------------------------------------- real tables

describe("XlsxWorkbook writes real Excel tables", () => {
  test("tables, refs, styles, number formats, date cells, frozen header, widths", async () => {
    const wb = XlsxWorkbook.create();
    await wb.createTable(LEDGER, [
      [1, d("2026-03-31"), 1234.56, "0100"],
      [2, d("2026-04-01"), -0.07, null],
    ]);
    await wb.createTable(
      { name: "tblEmpty", sheet: "Empty", headers: ["A", "B", "C"], numberFormats: ["@", "0", "yyyy-mm-dd"] },
      [],
    );
    const f = file();
    await wb.save(f);

    const x = await readExcel(f);
    expect(x.worksheets.map((w) => w.name)).toEqual(["Ledger", "Empty"]);
    const ws = x.getWorksheet("Ledger");
    const t = tableModel(ws, "tblLedger");
    expect(t.tableRef).toBe("A1:D3");
    expect(t.autoFilterRef).toBe("A1:D3");
    expect(t.columns.map((c) => c.name)).toEqual(LEDGER.headers);
    expect(t.style?.theme).toMatch(/^TableStyle/);
    expect([1, 2, 3, 4].map((c) => ws?.getRow(1).getCell(c).value)).toEqual(LEDGER.headers);
    const amount = ws?.getCell("C2");
    expect(amount?.value).toBe(1234.56);
    expect(amount?.numFmt).toBe(AMOUNT);
    expect(ws?.getCell("C3").numFmt).toBe(AMOUNT);
    const date = ws?.getCell("B2");
    expect(date?.value).toEqual(d("2026-03-31"));
    expect(date?.type).toBe(ExcelJS.ValueType.Date);
    expect(date?.numFmt).toBe("yyyy-mm-dd");
    expect(ws?.getCell("D2").value).toBe("0100");
    expect(ws?.getCell("D2").type).toBe(ExcelJS.ValueType.String);
    expect(ws?.getCell("D3").value).toBeNull();
    expect(ws?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    for (let c = 1; c <= 4; c++) expect(ws?.getColumn(c).width).toBeGreaterThanOrEqual(8);

    const empty = tableModel(x.getWorksheet("Empty"), "tblEmpty");
    expect(empty.tableRef).toBe("A1:C2"); // one blank data row

    expect(checkTableParts(unzip(await fs.readFile(f)))).toEqual([]);
  });

  test("every table part of a workbook with many tables, a grown table and a report obeys Excel's table rules", async () => {
    const wb = XlsxWorkbook.create();
    for (let i = 0; i < 5; i++) {
      await wb.createTable(
        { name: `tblT${i}`, sheet: `Sheet T${i}`, headers: ["Key", "Value"], numberFormats: ["@", "General"] },
        i % 2 ? [] : [["k", i]],
      );
    }
    await wb.appendRows(
      "tblT0",
      Array.from({ length: 50 }, (_, i) => [`k${i}`, i]),
    );
    await wb.replaceRows("tblT2", []);
    await wb.writeReport({ sheet: "Report", title: "R", rows: [["a", 1]] });
    const f = file();
    await wb.save(f);
    expect(checkTableParts(unzip(await fs.readFile(f)))).toEqual([]);
    const again = await XlsxWorkbook.open(f);
    await again.appendRows("tblT1", [["x", 1]]);
    const f2 = file();
    await again.save(f2);
    expect(checkTableParts(unzip(await fs.readFile(f2)))).toEqual([]);
    expect(tableModel((await readExcel(f2)).getWorksheet("Sheet T0"), "tblT0").tableRef).toBe("A1:B52");
  });

  test("column names escape control characters as _xHHHH_ both ways; an empty workbook saves and loads", async () => {
    const wb = XlsxWorkbook.create();
    const loaded = XlsxWorkbook.load(await wb.toBuffer()); // an empty workbook still opens
    expect(await (await loaded).listTables()).toEqual([]);
    const encoded = encodeColumnName("Amount\n(EUR)");
    expect(encoded).toBe("Amount_x000A_(EUR)");
    expect(decodeColumnName(encoded)).toBe("Amount\n(EUR)");
    expect(decodeColumnName(encodeColumnName("a_x0041_b"))).toBe("a_x0041_b");
  });

  test("report sheets: bold title in A1, rows from row 3, formats, bold rows; rewriting replaces the sheet", async () => {
    const wb = XlsxWorkbook.create();
    await wb.createTable(LEDGER, [[1, d("2026-03-31"), 5, null]]);
    const report = {
      sheet: "Trial balance",
      title: "Trial balance 2026-03",
      rows: [
        ["Account", "Balance", "As of"],
        ["1000", 1234.5, d("2026-03-31")],
        ["Total", 1234.5, null],
      ],
      numberFormats: ["@", AMOUNT, undefined],
      boldRows: [0, 2],
    };
    await wb.writeReport(report);
    const f = file();
    await wb.save(f);
    const x = await readExcel(f);
    const ws = x.getWorksheet("Trial balance");
    expect(ws?.getTables()).toHaveLength(0);
    expect(ws?.getCell("A1").value).toBe("Trial balance 2026-03");
    expect(ws?.getCell("A1").font?.bold).toBe(true);
    expect(ws?.getCell("A3").value).toBe("Account");
    expect(ws?.getCell("A3").font?.bold).toBe(true);
    expect(ws?.getCell("B4").value).toBe(1234.5);
    expect(ws?.getCell("B4").numFmt).toBe(AMOUNT);
    expect(ws?.getCell("B4").font?.bold).toBeFalsy();
    expect(ws?.getCell("C4").value).toEqual(d("2026-03-31"));
    expect(ws?.getCell("A5").font?.bold).toBe(true);

    // reopen, rewrite the report: still one sheet of that name, in the same place
    const again = await XlsxWorkbook.open(f);
    await again.writeReport({ ...report, title: "Trial balance 2026-04", rows: [["Total", 0]] });
    const f2 = file();
    await again.save(f2);
    const y = await readExcel(f2);
    expect(y.worksheets.map((w) => w.name)).toEqual(["Ledger", "Trial balance"]);
    expect(y.getWorksheet("Trial balance")?.getCell("A1").value).toBe("Trial balance 2026-04");
    expect(y.getWorksheet("Trial balance")?.getCell("A4").value).toBeNull();
  });

  test("the same workbook saves again and again (the exceljs workbook is not left changed)", async () => {
    const wb = XlsxWorkbook.create();
    await wb.createTable(LEDGER, [[1, d("2026-03-31"), 5, null]]);
    const f1 = file();
    await wb.save(f1);
    await wb.appendRows("tblLedger", [[2, d("2026-03-31"), 6, "x"]]);
    const f2 = file();
    await Promise.all([wb.save(f2), wb.save(f2)]); // concurrent saves are serialised
    expect((await (await XlsxWorkbook.open(f1)).readTable("tblLedger"))?.rows).toHaveLength(1);
    expect((await (await XlsxWorkbook.open(f2)).readTable("tblLedger"))?.rows).toHaveLength(2);
    expect(wb.sheetNames()).toEqual(["Ledger"]);
  });
});

// ---------------------------------------------------------------- atomic save

describe("XlsxWorkbook.save is atomic", () => {
  const leftovers = async (where: string): Promise<string[]> =>
    (await fs.readdir(where)).filter((n) => n.endsWith(".tmp"));

  test("saving into a missing directory rejects and leaves no temporary file", async () => {
    const wb = XlsxWorkbook.create();
    await wb.createTable(LEDGER, []);
    await expect(wb.save(path.join(dir, "no-such-dir", "book.xlsx"))).rejects.toThrow();
    expect(await leftovers(dir)).toEqual([]);
  });

  test("a failed rename (target is a directory) removes the temporary file and keeps the model", async () => {
    const wb = XlsxWorkbook.create();
    await wb.createTable(LEDGER, [[1, d("2026-03-31"), 5, null]]);
    const target = path.join(dir, "a-directory.xlsx");
    await fs.mkdir(target);
    await expect(wb.save(target)).rejects.toThrow();
    expect(await leftovers(dir)).toEqual([]);
    const f = file();
    await wb.save(f); // nothing was lost
    expect((await (await XlsxWorkbook.open(f)).readTable("tblLedger"))?.rows).toEqual([[1, d("2026-03-31"), 5, null]]);
  });

  test("an existing file is replaced whole and keeps its permissions", async () => {
    const f = file();
    await fs.writeFile(f, Buffer.alloc(3_000_000, 0x41));
    await fs.chmod(f, 0o640);
    const wb = XlsxWorkbook.create();
    await wb.createTable(LEDGER, [[1, d("2026-03-31"), 5, "x"]]);
    await wb.save(f);
    const bytes = await fs.readFile(f);
    expect(bytes.length).toBeLessThan(100_000);
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
    expect((await fs.stat(f)).mode & 0o777).toBe(0o640);
    expect((await (await XlsxWorkbook.open(f)).readTable("tblLedger"))?.rows).toEqual([[1, d("2026-03-31"), 5, "x"]]);
    expect(await leftovers(dir)).toEqual([]);
  });
});

// ---------------------------------------------------------------- workbooks from elsewhere

describe("XlsxWorkbook opens workbooks written by Excel and other tools", () => {
  /** An XlsxWorkbook-saved file whose first table part is replaced the way Excel writes it. */
  async function excelStyleFile(tableXml: string): Promise<string> {
    const wb = XlsxWorkbook.create();
    await wb.createTable(
      {
        name: "tblCurrencies",
        sheet: "Currencies",
        headers: ["Currency", "Name", "Precision"],
        numberFormats: ["@", "@", "0"],
      },
      [
        ["EUR", "Euro", 2],
        ["JPY", "Yen", 0],
      ],
    );
    const parts = unzip(await wb.toBuffer());
    parts.set("xl/tables/table1.xml", Buffer.from(tableXml, "utf8"));
    const f = file("excel");
    await fs.writeFile(f, zip(parts));
    return f;
  }
  const NS =
    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="xr xr3" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3"';

  test("a table part as Excel writes it (headerRowCount omitted, no filterColumn, uids, Light9) round-trips into a valid table", async () => {
    const f = await excelStyleFile(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table ${NS} id="1" xr:uid="{6C1A2B3D-0000-4000-8000-000000000001}" name="tblCurrencies" displayName="tblCurrencies" ref="A1:C3" totalsRowShown="0">` +
        `<autoFilter ref="A1:C3" xr:uid="{6C1A2B3D-0000-4000-8000-000000000002}"/><tableColumns count="3">` +
        `<tableColumn id="1" xr3:uid="{6C1A2B3D-0000-4000-8000-000000000003}" name="Currency"/><tableColumn id="2" xr3:uid="{6C1A2B3D-0000-4000-8000-000000000004}" name="Name"/>` +
        `<tableColumn id="3" xr3:uid="{6C1A2B3D-0000-4000-8000-000000000005}" name="Precision" dataDxfId="0"/></tableColumns>` +
        `<tableStyleInfo name="TableStyleLight9" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`,
    );
    const wb = await XlsxWorkbook.open(f);
    expect(await wb.listTables()).toEqual([
      {
        name: "tblCurrencies",
        sheet: "Currencies",
        headers: ["Currency", "Name", "Precision"],
        numberFormats: ["@", "@", "0"],
      },
    ]);
    await wb.appendRows("tblCurrencies", [["USD", "US dollar", 2]]);
    const f2 = file();
    await wb.save(f2);
    const parts = unzip(await fs.readFile(f2));
    expect(checkTableParts(parts)).toEqual([]);
    const xml = parts.get("xl/tables/table1.xml")?.toString("utf8") ?? "";
    // the patch save keeps Excel's own table part (headerRowCount omitted: 1, ECMA-376 §18.5.1.2); exceljs writes "1"
    expect(["1", undefined]).toContain(attr(/<table\b[^>]*>/.exec(xml)?.[0] ?? "", "headerRowCount"));
    expect(xml).toContain('name="TableStyleLight9"');
    expect(tableModel((await readExcel(f2)).getWorksheet("Currencies"), "tblCurrencies").tableRef).toBe("A1:C4");
  });

  test("a table without a header row is refused with a clear message", async () => {
    const f = await excelStyleFile(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table ${NS} id="1" name="tblCurrencies" displayName="tblCurrencies" ref="A2:C3" headerRowCount="0" totalsRowShown="0">` +
        `<tableColumns count="3"><tableColumn id="1" name="Column1"/><tableColumn id="2" name="Column2"/><tableColumn id="3" name="Column3"/></tableColumns>` +
        `<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`,
    );
    await expect(XlsxWorkbook.open(f)).rejects.toThrow(/Header Row/);
  });

  test("tables off A1, totals rows, formulas, other sheets and cells beside tables survive a load/save", async () => {
    const x = new ExcelJS.Workbook();
    const notes = x.addWorksheet("Notes");
    notes.getCell("A1").value = "Read me";
    notes.getCell("B2").value = { formula: "1+1", result: 2 };
    notes.mergeCells("A5:C5");
    const budget = x.addWorksheet("Budget");
    budget.getCell("A1").value = "Budget 2026";
    budget.mergeCells("A1:C1");
    budget.getCell("F4").value = "note beside the table";
    budget.addTable({
      name: "tblBudget",
      ref: "B3",
      headerRow: true,
      totalsRow: true,
      style: { theme: "TableStyleLight9", showRowStripes: true },
      columns: [
        { name: "Account", totalsRowLabel: "Total" },
        { name: "Amount", totalsRowFunction: "sum" },
        { name: "Double" },
      ],
      rows: [
        ["6000", 100, { formula: "C4*2", result: 200 }],
        ["6100", 50, { formula: "C5*2", result: 100 }],
      ],
    });
    budget.getCell("B12").value = "below the table";
    const pair = x.addWorksheet("Pair");
    pair.addTable({ name: "tblLeft", ref: "A1", columns: [{ name: "L" }], rows: [[1], [2]] });
    pair.addTable({ name: "tblRight", ref: "C1", columns: [{ name: "R" }], rows: [["a"]] });
    const f = file("other");
    await x.xlsx.writeFile(f);

    const wb = await XlsxWorkbook.open(f);
    expect(wb.sheetNames()).toEqual(["Notes", "Budget", "Pair"]);
    expect((await wb.listTables()).map((t) => [t.name, t.sheet])).toEqual([
      ["tblBudget", "Budget"],
      ["tblLeft", "Pair"],
      ["tblRight", "Pair"],
    ]);
    expect((await wb.readTable("tblBudget"))?.rows).toEqual([
      ["6000", 100, 200],
      ["6100", 50, 100],
    ]);
    // B3 header, 2 rows + totals → rows 3..6; appending 5 rows reaches row 11; 6 would hit B12
    await expect(
      wb.appendRows(
        "tblBudget",
        Array.from({ length: 6 }, () => ["7000", 1, null]),
      ),
    ).rejects.toThrow(/B12/);
    expect((await wb.readTable("tblBudget"))?.rows).toHaveLength(2);
    await wb.appendRows("tblBudget", [["6200", 25, null]]);
    await wb.updateCells("tblBudget", [{ row: 2, column: "Double", value: 7 }]);
    await wb.appendRows("tblLeft", [[3]]);
    await wb.writeReport({ sheet: "Notes", title: "replaced", rows: [] }); // a sheet without tables may be replaced by a report
    const f2 = file();
    await wb.save(f2);

    const y = await readExcel(f2);
    expect(y.worksheets.map((w) => w.name)).toEqual(["Notes", "Budget", "Pair"]);
    expect(y.getWorksheet("Notes")?.getCell("A1").value).toBe("replaced");
    const b = y.getWorksheet("Budget");
    expect(b?.getCell("A1").value).toBe("Budget 2026");
    expect(b?.getCell("A1").isMerged).toBe(true);
    expect(b?.getCell("F4").value).toBe("note beside the table");
    expect(b?.getCell("B12").value).toBe("below the table");
    const t = tableModel(b, "tblBudget");
    expect(t.tableRef).toBe("B3:D7");
    expect(t.totalsRow).toBe(true);
    expect(t.style?.theme).toBe("TableStyleLight9");
    expect(b?.getCell("D4").formula).toBe("C4*2"); // untouched formula kept
    expect(b?.getCell("D5").value).toBe(7); // overwritten formula
    expect(b?.getCell("C7").formula).toMatch(/SUBTOTAL\(109,tblBudget\[Amount\]\)/);
    expect(tableModel(y.getWorksheet("Pair"), "tblLeft").tableRef).toBe("A1:A4");
    expect(tableModel(y.getWorksheet("Pair"), "tblRight").tableRef).toBe("C1:C2");
    const parts = unzip(await fs.readFile(f2));
    expect(parts.get("xl/workbook.xml")?.toString("utf8")).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
    expect(checkTableParts(parts)).toEqual([]);

    // and the other sheet survives when untouched
    const again = await XlsxWorkbook.open(f);
    const f3 = file();
    await again.save(f3);
    const z = await readExcel(f3);
    expect(z.getWorksheet("Notes")?.getCell("B2").formula).toBe("1+1");
    expect(z.getWorksheet("Notes")?.getCell("A5").isMerged).toBe(true);
  });

  test("tables side by side cannot grow into each other", async () => {
    const x = new ExcelJS.Workbook();
    const ws = x.addWorksheet("Stack");
    ws.addTable({ name: "tblTop", ref: "A1", columns: [{ name: "A" }], rows: [[1]] });
    ws.addTable({ name: "tblBottom", ref: "A4", columns: [{ name: "B" }], rows: [[2]] });
    const f = file();
    await x.xlsx.writeFile(f);
    const wb = await XlsxWorkbook.open(f);
    await wb.appendRows("tblTop", [[2]]); // rows 1..3, still clear of A4
    await expect(wb.appendRows("tblTop", [[3]])).rejects.toThrow(/tblBottom/);
    await expect(wb.replaceRows("tblTop", [[1], [2], [3]])).rejects.toThrow(/tblBottom/);
    expect((await wb.readTable("tblTop"))?.rows).toEqual([[1], [2]]);
  });

  test("createTable refuses a sheet from the file that has content, accepts an empty one", async () => {
    const x = new ExcelJS.Workbook();
    x.addWorksheet("Busy").getCell("A1").value = "x";
    x.addWorksheet("Blank");
    const f = file();
    await x.xlsx.writeFile(f);
    const wb = await XlsxWorkbook.open(f);
    await expect(wb.createTable({ ...LEDGER, sheet: "busy" }, [])).rejects.toThrow(/not empty/);
    await wb.createTable({ ...LEDGER, sheet: "Blank" }, [[1, d("2026-03-31"), 1, null]]);
    const f2 = file();
    await wb.save(f2);
    const y = await readExcel(f2);
    expect(y.worksheets.map((w) => w.name)).toEqual(["Busy", "Blank"]);
    expect(tableModel(y.getWorksheet("Blank"), "tblLedger").tableRef).toBe("A1:D2");
  });
});

// ---------------------------------------------------------------- values

describe("cell values read from exceljs", () => {
  test("formulas give their cached result, or #FORMULA without one; rich text and hyperlinks give text", () => {
    expect(fromExcel({ formula: "A1*2", result: 4 })).toBe(4);
    expect(fromExcel({ sharedFormula: "C4", result: "x" })).toBe("x");
    expect(fromExcel({ formula: "1/0", result: { error: "#DIV/0!" } })).toEqual({ error: "#DIV/0!" });
    expect(fromExcel({ formula: "TODAY()" })).toEqual({ error: FORMULA_WITHOUT_RESULT });
    expect(fromExcel({ richText: [{ text: "Zü" }, { text: "rich" }] })).toBe("Zürich");
    expect(fromExcel({ text: "Closebook", hyperlink: "https://example.com" })).toBe("Closebook");
    expect(fromExcel({ text: { richText: [{ text: "a" }, { text: "b" }] }, hyperlink: "x" })).toBe("ab");
    expect(fromExcel(-0)).toBe(0);
    expect(Object.is(fromExcel(-0), 0)).toBe(true);
    expect(fromExcel(undefined)).toBeNull();
  });

  test("a formula cell without a cached value reads as #FORMULA and is saved as a formula again", async () => {
    const x = new ExcelJS.Workbook();
    x.addWorksheet("S").addTable({
      name: "tblF",
      ref: "A1",
      columns: [{ name: "N" }, { name: "F" }],
      rows: [[1, { formula: "A2*2" }]],
    });
    const f = file();
    await x.xlsx.writeFile(f);
    const wb = await XlsxWorkbook.open(f);
    expect((await wb.readTable("tblF"))?.rows).toEqual([[1, { error: FORMULA_WITHOUT_RESULT }]]);
    await expect(wb.replaceRows("tblF", [[1, { error: FORMULA_WITHOUT_RESULT }]])).rejects.toThrow(/#FORMULA/);
    const f2 = file();
    await wb.save(f2);
    expect((await readExcel(f2)).getWorksheet("S")?.getCell("B2").formula).toBe("A2*2");
  });

  test("formula cells whose cached value is 0, FALSE or empty text read as that value (LibreOffice writes yes/no as FALSE())", async () => {
    const x = new ExcelJS.Workbook();
    x.addWorksheet("S").addTable({
      name: "tblZ",
      ref: "A1",
      columns: [{ name: "Zero" }, { name: "No" }, { name: "Yes" }],
      rows: [
        [
          { formula: "1-1", result: 0 },
          { formula: "FALSE()", result: false },
          { formula: "TRUE()", result: true },
        ],
      ],
    });
    const f = file();
    await x.xlsx.writeFile(f);
    const wb = await XlsxWorkbook.open(f);
    expect((await wb.readTable("tblZ"))?.rows).toEqual([[0, false, true]]);
  });

  test("date formats are recognised", () => {
    for (const f of ["yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss", "d/m/yy", "[$-409]mmm d, yyyy", "[h]:mm", "mm:ss"])
      expect([f, isDateFormat(f)]).toEqual([f, true]);
    for (const f of [undefined, "General", "@", "0", AMOUNT, "0.0000######", '"days" 0', "0.00E+00", "[Red]0.00"])
      expect([f, isDateFormat(f)]).toEqual([f, false]);
  });
});

// ---------------------------------------------------------------- protection

/** The worksheet XML of sheet `name`, found through xl/workbook.xml and its relationships. */
function sheetXml(parts: Map<string, Buffer>, name: string): string {
  const book = parts.get("xl/workbook.xml")?.toString("utf8") ?? "";
  const rels = parts.get("xl/_rels/workbook.xml.rels")?.toString("utf8") ?? "";
  const sheet = [...book.matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]).find((s) => attr(s, "name") === name);
  const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)]
    .map((m) => m[0])
    .find((r) => attr(r, "Id") === (sheet && attr(sheet, "r:id")));
  const target = rel && attr(rel, "Target");
  const xml = target && parts.get(`xl/${target.replace(/^\/?xl\//, "")}`)?.toString("utf8");
  if (!xml) throw new Error(`no worksheet part for sheet "${name}"`);
  return xml;
}

describe("XlsxWorkbook saves worksheet protection", () => {
  test('a protected sheet is saved with <sheetProtection sheet="1"> and an Excel SHA-512 hash of the password; others are not', async () => {
    const wb = XlsxWorkbook.create();
    await wb.createTable(LEDGER, [[1, d("2026-03-31"), 5, null]]);
    await wb.createTable({ name: "tblNotes", sheet: "Notes", headers: ["Note"], numberFormats: ["@"] }, [["x"]]);
    await wb.protect("Ledger", "s3cret");
    const parts = unzip(await wb.toBuffer());
    const protection = /<sheetProtection\b[^>]*>/.exec(sheetXml(parts, "Ledger"))?.[0] ?? "";
    expect(protection).toMatch(/\ssheet="1"/);
    expect(attr(protection, "algorithmName")).toBe("SHA-512");
    expect(attr(protection, "spinCount")).toBe("10000");
    // users may still select, format columns, sort and filter
    for (const allowed of ["formatColumns", "sort", "autoFilter"])
      expect([allowed, attr(protection, allowed)]).toEqual([allowed, "0"]);
    for (const denied of ["selectLockedCells", "selectUnlockedCells"]) expect(attr(protection, denied)).toBeUndefined();
    // the hash is Excel's: the same as exceljs' own implementation computes
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const encryptor = require("exceljs/lib/utils/encryptor") as {
      convertPasswordToHash(p: string, a: string, salt: string, spin: number): string;
    };
    expect(attr(protection, "hashValue")).toBe(
      encryptor.convertPasswordToHash("s3cret", "SHA512", attr(protection, "saltValue") ?? "", 10000),
    );
    expect(sheetXml(parts, "Notes")).not.toMatch(/<sheetProtection\b/);
  });
});
