/**
 * XlsxWorkbook.reportSheets(): report sheets come back from a saved file as
 * the ReportSheets that wrote them (title, rows with Dates, number formats per
 * column, bold rows), so writing them again lays the sheets out the same way;
 * sheets laid out otherwise keep every value; protection stays on the sheet.
 *
 * Example: writeStatements(xlsx, { period: "2026-03" }) → toBuffer → load →
 *   reportSheets() equals the three ReportSheets written (Income statement,
 *   Balance sheet, Journal report).
 */
import * as ExcelJS from "exceljs";
import { XlsxWorkbook } from "../../../src/adapters/xlsx/xlsxWorkbook";
import { changePeriod } from "../../../src/app/changePeriod";
import { writeStatements } from "../../../src/app/statements";
import { fixedClock } from "../../../src/ports/clock";
import type { ReportSheet } from "../../../src/ports/workbook";
import { postedSmallCompany } from "../../support/smallCompany";

const ctx = { user: "alice", clock: fixedClock("2026-04-05T09:00:00.000Z") };
const d = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);
const AMOUNT = "#,##0.00;(#,##0.00);-";

async function reload(wb: XlsxWorkbook): Promise<XlsxWorkbook> {
  return XlsxWorkbook.load(await wb.toBuffer());
}

/** The small company with March (and one April voucher) posted, on the xlsx adapter. */
function company(): Promise<XlsxWorkbook> {
  return postedSmallCompany(XlsxWorkbook.create(), ctx);
}

describe("XlsxWorkbook.reportSheets", () => {
  test("the statements of a period: written, saved, loaded → the same ReportSheets; written again → the same sheets", async () => {
    const wb = await company();
    const statements = await writeStatements(wb, { period: "2026-03" });
    expect(statements.sheets).toEqual(["Income statement 2026-03", "Balance sheet 2026-03", "Journal report 2026-03"]);
    const written = wb.reportSheets();
    expect(written.map((r) => r.sheet)).toEqual([
      "Income statement 2026-03",
      "Balance sheet 2026-03",
      "Journal report 2026-03",
    ]);
    expect(written[1]?.rows.some((row) => row[0] === "Total assets")).toBe(true);

    // formulas with their cached results, print setup, underlines, alignment come back;
    // widths come back for every column (those fitted to the contents as numbers)
    const noWidths = (rs: readonly ReportSheet[]) => rs.map(({ widths: _widths, ...r }) => r);
    const loaded = await reload(wb);
    expect(noWidths(loaded.reportSheets({ formulas: true }))).toStrictEqual(noWidths(written));
    const given = written[0]!.widths!;
    loaded.reportSheets()[0]!.widths!.forEach((w, j) => given[j] !== undefined && expect(w).toBe(given[j]));

    // writeReport(reportSheets()[i]) lays each sheet out the same way
    const copy = XlsxWorkbook.create();
    for (const r of loaded.reportSheets({ formulas: true })) await copy.writeReport(r);
    expect(noWidths((await reload(copy)).reportSheets({ formulas: true }))).toStrictEqual(noWidths(written));
  });

  test("a closed period's statements stay protected through the file", async () => {
    const wb = await company();
    expect(
      (await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "closed" }, { ...ctx, user: "bob" })).done,
    ).toBe(true);
    await writeStatements(wb, { period: "2026-03" });
    const loaded = await reload(wb);
    expect(loaded.reportSheets().map((r) => r.sheet)).toEqual([
      "Income statement 2026-03",
      "Balance sheet 2026-03",
      "Journal report 2026-03",
    ]);
    expect(await loaded.isProtected("Balance sheet 2026-03")).toBe(true);
  });

  test("dates, errors, booleans, blank cells and rows; ragged rows come back padded to the report's width", async () => {
    const report: ReportSheet = {
      sheet: "Preview fx-revaluation",
      title: "Preview: fx-revaluation (date=2026-03-31) — nothing has been posted",
      rows: [
        ["Voucher", "Date", "Account", "Amount", "Posted at", "Note"],
        [1, d("2026-03-31"), "1010", 0.75, new Date("2026-03-31T17:04:05.000Z"), ""],
        [2, d("2026-03-31"), "7100", -0.75, null, { error: "#N/A" }],
        [null, null, null, null, null, null],
        ["Calculation trace", null, null, null, null, null],
        [true, d("2026-04-01"), "", 0, null, "one of a kind"],
      ],
      numberFormats: [undefined, "yyyy-mm-dd", "@", AMOUNT, undefined, undefined],
      boldRows: [0, 4],
    };
    const wb = XlsxWorkbook.create();
    await wb.writeReport(report);
    expect((await reload(wb)).reportSheets()).toStrictEqual([report]);

    const ragged: ReportSheet = {
      sheet: "Notes",
      title: "Notes",
      rows: [["Account", "Balance", "As of"], ["1000", 5], [], ["Total"]],
      numberFormats: ["@"],
      boldRows: [3],
    };
    const again = XlsxWorkbook.create();
    await again.writeReport(ragged);
    expect((await reload(again)).reportSheets()).toStrictEqual([
      {
        sheet: "Notes",
        title: "Notes",
        rows: [
          ["Account", "Balance", "As of"],
          ["1000", 5, null],
          [null, null, null],
          ["Total", null, null],
        ],
        numberFormats: ["@", undefined, undefined],
        boldRows: [3],
      },
    ]);
  });

  test("tables are no reports; sheets without values are skipped; a sheet laid out otherwise keeps every value; mixed formats are none", async () => {
    const excel = new ExcelJS.Workbook();
    excel.addWorksheet("Empty");
    const data = excel.addWorksheet("Data");
    data.addRow(["Code", "Amount"]).font = { bold: true };
    data.addRow(["A", 1.5]).getCell(2).numFmt = "0.00"; // B: General, 0.00, General → no column format
    data.addRow(["B", { formula: "B2*2", result: 3 }]);
    const t = excel.addWorksheet("Currencies");
    t.addTable({ name: "tblCurrencies", ref: "A1", headerRow: true, columns: [{ name: "Currency" }], rows: [["EUR"]] });
    const wb = await XlsxWorkbook.load(Buffer.from(await excel.xlsx.writeBuffer()));
    expect(wb.sheetNames()).toEqual(["Empty", "Data", "Currencies"]);
    expect(wb.reportSheets()).toStrictEqual([
      {
        sheet: "Data",
        title: "",
        rows: [
          ["Code", "Amount"],
          ["A", 1.5],
          ["B", 3],
        ],
        boldRows: [0],
      },
    ]);
  });

  test("a report read from the file, rewritten: the new one is given back, in its place", async () => {
    const wb = XlsxWorkbook.create();
    await wb.writeReport({ sheet: "Trial balance", title: "Trial balance 2026-02", rows: [["Account", "Balance"]] });
    await wb.createTable({ name: "tblUsers", sheet: "Users", headers: ["User"], numberFormats: ["@"] }, [["ann"]]);
    await wb.writeReport({ sheet: "Journal report", title: "Journal report", rows: [["Voucher"]] });
    const loaded = await reload(wb);
    const newer: ReportSheet = {
      sheet: "Trial balance",
      title: "Trial balance 2026-03",
      rows: [
        ["Account", "Balance"],
        ["1000", 12],
      ],
      numberFormats: [undefined, AMOUNT],
      boldRows: [0],
    };
    await loaded.writeReport(newer);
    expect(loaded.reportSheets()).toStrictEqual([
      newer,
      { sheet: "Journal report", title: "Journal report", rows: [["Voucher"]] },
    ]);
  });
});
