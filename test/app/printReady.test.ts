/**
 * The demo workbook's report sheets read back with exceljs directly (an
 * independent reader, not the adapter's readReport): print setup (the
 * column-heading row repeated on every page and frozen, orientation, one page
 * wide, footer with company, period, page X of Y and who ran it), number formats
 * (JPY without decimals, real dates), accounting underlines, headings aligned
 * with their numbers, and every formula recomputed from the cells it
 * references and compared with its cached value (issue #16 point 6).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as ExcelJS from "exceljs";
import { demoXlsx } from "../support/demoFixture";

let dir: string;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "closebook-print-"));
  const file = join(dir, "demo.xlsx");
  await demoXlsx("full", file);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sheet = (name: string): ExcelJS.Worksheet => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};

/** The sheet row whose cells hold `texts` (the column headings). */
function rowWith(ws: ExcelJS.Worksheet, texts: readonly string[]): number {
  for (let r = 1; r <= ws.rowCount; r++) {
    const values = (ws.getRow(r).values as unknown[]).filter((v) => typeof v === "string");
    if (texts.every((t) => values.includes(t))) return r;
  }
  throw new Error(`${ws.name}: no row with ${texts.join(", ")}`);
}

function rowLabelled(ws: ExcelJS.Worksheet, label: string): number {
  for (let r = 1; r <= ws.rowCount; r++) {
    const v = ws.getRow(r).getCell(1).value;
    if (typeof v === "string" && v.trim() === label) return r;
  }
  throw new Error(`${ws.name}: no row labelled ${label}`);
}

// ----------------------------------------------------------------- a small formula evaluator

/** Cents of a cell's value: its number, or its formula's cached result (blank = 0). */
function cents(ws: ExcelJS.Worksheet, address: string): bigint {
  const cell = ws.getCell(address);
  const v = cell.formula ? cell.result : cell.value;
  if (v === null || v === undefined || v === "") return 0n;
  if (typeof v !== "number") throw new Error(`${ws.name}!${address} is not a number: ${JSON.stringify(v)}`);
  return BigInt(Math.round(v * 100));
}

function cellsOf(range: string): string[] {
  const [a, b = a] = range.split(":") as [string, string?];
  const pa = /^([A-Z]+)(\d+)$/.exec(a!)!;
  const pb = /^([A-Z]+)(\d+)$/.exec(b!)!;
  if (pa[1] !== pb[1]) throw new Error(`range over columns not expected: ${range}`);
  const out: string[] = [];
  for (let r = Number(pa[2]); r <= Number(pb[2]); r++) out.push(`${pa[1]}${r}`);
  return out;
}

/** SUM(ranges), SUBTOTAL(9, ranges) (skipping SUBTOTAL cells, as Excel does) and A−B, in cents. */
function evaluate(ws: ExcelJS.Worksheet, formula: string): bigint {
  const sum = /^SUM\(([A-Z0-9:,]+)\)$/.exec(formula);
  const sub = /^SUBTOTAL\(9,([A-Z0-9:,]+)\)$/.exec(formula);
  const minus = /^([A-Z]+\d+)-([A-Z]+\d+)$/.exec(formula);
  if (sum || sub) {
    const cells = (sum ?? sub)![1]!.split(",").flatMap(cellsOf);
    return cells
      .filter((a) => !(sub && /^SUBTOTAL/.test(ws.getCell(a).formula ?? "")))
      .reduce((t, a) => t + cents(ws, a), 0n);
  }
  if (minus) return cents(ws, minus[1]!) - cents(ws, minus[2]!);
  throw new Error(`${ws.name}: formula not expected: ${formula}`);
}

function formulaCells(ws: ExcelJS.Worksheet): ExcelJS.Cell[] {
  const out: ExcelJS.Cell[] = [];
  ws.eachRow((row) => row.eachCell((cell) => void (cell.formula ? out.push(cell) : undefined)));
  return out;
}

const REPORTS = ["Income statement 2026-12", "Balance sheet 2026-12", "Journal report 2026-12", "Trial balance"];
const ACC = "#,##0.00;(#,##0.00);-";

// ----------------------------------------------------------------- tests

test.each(REPORTS)("%s: every formula recomputed from its cells equals its cached value", (name) => {
  const ws = sheet(name);
  const cells = formulaCells(ws);
  expect(cells.length).toBeGreaterThan(0);
  for (const c of cells) {
    expect(typeof c.result).toBe("number");
    expect(`${c.address} ${evaluate(ws, c.formula)}`).toBe(`${c.address} ${cents(ws, c.address)}`);
  }
});

test.each([
  ["Income statement 2026-12", ["Period", "Year to date", "Variance", "Variance %"]],
  ["Balance sheet 2026-12", ["2026-12-31"]],
  ["Journal report 2026-12", ["Date", "Voucher", "Debit", "Credit"]],
  ["Trial balance", ["Account", "Opening", "Debit", "Credit", "Closing"]],
] as const)("%s: the column headings repeat on every page and are frozen; page X of Y; footer", (name, heads) => {
  const ws = sheet(name);
  const heading = rowWith(ws, heads);
  // the statements' row 3 is their subtitle, which used to repeat instead of the headings
  if (name !== "Trial balance") expect(heading).toBeGreaterThan(3);
  expect(ws.pageSetup.printTitlesRow).toBe(`${heading}:${heading}`);
  expect(ws.pageSetup.fitToPage).toBe(true);
  expect(ws.pageSetup.fitToWidth).toBe(1);
  expect(ws.pageSetup.fitToHeight).toBe(0);
  expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: heading });
  const footer = ws.headerFooter.oddFooter ?? "";
  expect(footer).toContain("Page &P of &N");
  expect(footer).toContain("Northwind Trading Inc.");
  expect(footer).toMatch(/2026-12/);
  expect(footer).toContain("Run by admin");
});

test("the journal report prints landscape; JPY amounts have no decimals; dates are dates; headings sit over their numbers", () => {
  const ws = sheet("Journal report 2026-12");
  expect(ws.pageSetup.orientation).toBe("landscape");
  const heading = rowWith(ws, ["Date", "Amount", "Debit"]);
  const head = ws.getRow(heading).values as unknown[];
  const col = (h: string) => head.indexOf(h);
  for (const h of ["Amount", "Debit", "Credit"])
    expect(ws.getRow(heading).getCell(col(h)).alignment?.horizontal).toBe("right");
  let jpy = 0;
  let lines = 0;
  for (let r = heading + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const date = row.getCell(col("Date")).value;
    if (!(date instanceof Date)) continue;
    lines++;
    expect(row.getCell(col("Date")).numFmt).toBe("yyyy-mm-dd");
    const ccy = row.getCell(col("Currency")).value;
    const amount = row.getCell(col("Amount"));
    expect(typeof amount.value).toBe("number");
    expect(amount.numFmt).toBe(ccy === "JPY" ? "#,##0;(#,##0);-" : ACC);
    if (ccy === "JPY") jpy++;
  }
  expect(lines).toBeGreaterThan(50);
  expect(jpy).toBeGreaterThan(0);
});

test("the income statement: variance sized to its numbers, a variance %, underlines on subtotals and net income", () => {
  const ws = sheet("Income statement 2026-12");
  const heading = rowWith(ws, ["Variance", "Variance %"]);
  const head = ws.getRow(heading).values as unknown[];
  const variance = head.indexOf("Variance");
  // was 60 characters (the tie-out's long label sized it); now an amount's width
  expect(ws.getColumn(variance).width).toBeLessThanOrEqual(18);
  expect(ws.getRow(heading).getCell(variance).alignment?.horizontal).toBe("right");
  expect(ws.getColumn(variance + 1).width).toBeLessThanOrEqual(12);
  const net = ws.getRow(rowLabelled(ws, "Net income"));
  expect(net.getCell(2).border?.top?.style).toBe("thin");
  expect(net.getCell(2).border?.bottom?.style).toBe("double");
  expect(net.getCell(2).formula).toMatch(/^B\d+-B\d+$/);
  const pct = net.getCell(variance + 1);
  expect(pct.numFmt).toBe("0.0%");
  // variance % = variance ÷ |same period last year|, checked from the cells themselves
  const ly = net.getCell(variance - 1).result as number;
  const v = net.getCell(variance).result as number;
  if (ly !== 0) expect(pct.value as number).toBeCloseTo(v / Math.abs(ly), 4);
  const totalRevenue = ws.getRow(rowLabelled(ws, "Total revenue"));
  expect(totalRevenue.getCell(2).border?.top?.style).toBe("thin");
  expect(totalRevenue.getCell(2).formula).toMatch(/^SUM\(/);
});

test("the balance sheet's check line is a formula over its totals, cached 0; totals double-underlined", () => {
  const ws = sheet("Balance sheet 2026-12");
  const check = ws.getRow(rowLabelled(ws, "Check: assets − (liabilities + equity + earnings), must be 0")).getCell(2);
  const assets = rowLabelled(ws, "Total assets");
  const le = rowLabelled(ws, "Total liabilities and equity");
  expect(check.formula).toBe(`B${assets}-B${le}`);
  expect(check.result).toBe(0);
  expect(ws.getRow(assets).getCell(2).border?.bottom?.style).toBe("double");
  expect(ws.getRow(le).getCell(2).border?.bottom?.style).toBe("double");
});

test("the trial balance is December's, its total row sums each column with a formula", () => {
  const ws = sheet("Trial balance");
  expect(String(ws.getCell("A1").value)).toContain("2026-12-01 to 2026-12-31");
  const total = ws.getRow(rowLabelled(ws, "Total"));
  const debit = (ws.getRow(rowWith(ws, ["Debit"])).values as unknown[]).indexOf("Debit");
  expect(total.getCell(debit).formula).toMatch(/^SUM\([A-Z]+4:[A-Z]+\d+\)$/);
  expect(total.getCell(debit).border?.bottom?.style).toBe("double");
});

test("data sheets print their header row on every page, landscape and one page wide", () => {
  for (const name of ["Ledger", "Journal"]) {
    const ws = sheet(name);
    expect(ws.pageSetup.printTitlesRow).toBe("1:1");
    expect(ws.pageSetup.orientation).toBe("landscape");
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.headerFooter.oddFooter ?? "").toContain("Page &P of &N");
  }
});
