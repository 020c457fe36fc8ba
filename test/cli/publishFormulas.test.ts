/**
 * `closebook publish` on a working file whose own sheet (typed in Excel, here
 * written with exceljs) holds CLOSEBOOK formulas: the published file holds their
 * values, or with --formulas sumifs a SUMIFS over its Ledger sheet where one can.
 * The small company's March (test/app/publishFormulas.test.ts works it by hand):
 *   BALANCE(4000, Mar) = −1500.00 − 109.00 = −1609.00; ACTIVITY("6*", Mar, Mar) = 400.00
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { changePeriod } from "../../src/app/changePeriod";
import { fixedClock } from "../../src/ports/clock";
import { cli } from "../support/cli";
import { postedSmallCompany } from "../support/smallCompany";

jest.setTimeout(90_000);

let dir: string;
let book: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "closebook-publish-formulas-"));
  const plain = join(dir, "plain.xlsx");
  book = join(dir, "book.xlsx");
  const clock = fixedClock("2026-04-05T09:00:00.000Z");
  const wb = await postedSmallCompany(XlsxWorkbook.create(), { user: "alice", clock });
  await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "March close" }, { user: "bob", clock });
  await wb.save(plain);
  const x = new ExcelJS.Workbook();
  await x.xlsx.readFile(plain);
  const ws = x.addWorksheet("My report");
  ws.getCell("A1").value = "My report";
  ws.getCell("A3").value = "Revenue";
  ws.getCell("B3").value = { formula: 'CLOSEBOOK.BALANCE("4000","2026-03")', result: 0 };
  ws.getCell("A4").value = "Expenses";
  ws.getCell("B4").value = { formula: 'CLOSEBOOK.ACTIVITY("6*","2026-03","2026-03")', result: 0 };
  await x.xlsx.writeFile(book);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(file: string): Promise<ExcelJS.Worksheet> {
  const x = new ExcelJS.Workbook();
  await x.xlsx.readFile(file);
  x.eachSheet((ws) =>
    ws.eachRow((row) => row.eachCell((c) => expect(String(c.formula ?? "")).not.toMatch(/CLOSEBOOK/i))),
  );
  return x.getWorksheet("My report")!;
}

describe("closebook publish: CLOSEBOOK formulas", () => {
  it("publishes the working file's report with its CLOSEBOOK formulas as values; verify passes", async () => {
    const out = join(dir, "march.xlsx");
    const r = await cli("publish", book, "--period", "2026-03", "--out", out, "--user", "bob");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const ws = await read(out);
    expect(ws.getCell("B3").value).toBe(-1609);
    expect(ws.getCell("B4").value).toBe(400);
    expect((await cli("verify", out)).code).toBe(0);
  });

  it("--formulas sumifs: the period's ACTIVITY becomes SUMIFS over the Ledger sheet, its result cached", async () => {
    const out = join(dir, "march-sumifs.xlsx");
    const r = await cli("publish", book, "--period", "2026-03", "--out", out, "--formulas", "sumifs");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const ws = await read(out);
    expect(ws.getCell("B3").value).toBe(-1609);
    expect(ws.getCell("B4").formula).toMatch(/^SUMIFS\(Ledger!\$[A-Z]\$2:\$[A-Z]\$7,Ledger!\$E\$2:\$E\$7,"6\*"\)$/);
    expect(ws.getCell("B4").result).toBe(400);
  });
});
