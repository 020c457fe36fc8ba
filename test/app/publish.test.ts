/**
 * Publishing a closed period (src/app/publish.ts), read back with exceljs
 * directly — an independent reader, not the xlsx adapter — and verified.
 *
 * The small company's March (test/support/smallCompany.ts), worked by hand:
 *   D-1 1000 Dr 1500.00 / 4000 Cr 1500.00; D-2 6100 Dr 400.00 / 2000 Cr 400.00;
 *   D-3 1010 EUR 100.00 at 1.0900 (rate of 2026-03-20) = USD 109.00 / 4000 Cr 109.00.
 *   6 ledger rows. Revenue 1500 + 109 = 1609.00; expenses 400.00; net income 1209.00
 *   (year to date the same: nothing before March). Assets 1500 + 109 = 1609.00;
 *   liabilities 400 + current-year earnings 1209 = 1609.00. Trial-balance debits
 *   1500 + 400 + 109 = 2009.00 = credits.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { changePeriod } from "../../src/app/changePeriod";
import { loadBook } from "../../src/app/loadBook";
import { publishPeriod } from "../../src/app/publish";
import { receiptFor, verifyReceipt } from "../../src/app/sealReceipt";
import { computeSeal } from "../../src/core/seal/seal";
import { encodeRecords } from "../../src/schema/records";
import { PUBLISHED, SEALS, SEAL_ROWS } from "../../src/schema/tables";
import { COVER_FIGURES } from "../../src/app/publishSheets";
import { verifyWorkbook } from "../../src/app/verifyWorkbook";
import { fixedClock } from "../../src/ports/clock";
import { postedSmallCompany } from "../support/smallCompany";

jest.setTimeout(60_000);

const clock = fixedClock("2026-04-05T09:00:00.000Z");
const NOW = "2026-04-06T10:00:00.000Z";

async function heldMarch(): Promise<XlsxWorkbook> {
  const wb = await postedSmallCompany(XlsxWorkbook.create(), { user: "alice", clock });
  const held = await changePeriod(
    wb,
    { kind: "hold", period: "2026-03", reason: "March close" },
    { user: "bob", clock },
  );
  if (!held.done) throw new Error(held.issues.map((i) => i.message).join("; "));
  return wb;
}

async function published(
  source: XlsxWorkbook,
  options: { period: string; draft?: boolean },
): Promise<{ buffer: Buffer; sheets: string[] }> {
  const target = XlsxWorkbook.create();
  const r = await publishPeriod(source, target, { ...options, user: "bob", now: NOW, version: "0.1.0" });
  expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
  expect(r.published).toBe(true);
  return { buffer: await target.toBuffer(), sheets: r.sheets };
}

async function readExcelJs(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return wb;
}

/** Column B of the row whose column A (trimmed) is `label`. */
function valueBeside(ws: ExcelJS.Worksheet, label: string): unknown {
  let found: unknown;
  ws.eachRow((row) => {
    const a = row.getCell(1).value;
    const b = row.getCell(2);
    if (found === undefined && typeof a === "string" && a.trim() === label) found = b.formula ? b.result : b.value;
  });
  return found;
}

/** The Ledger sheet's cell of entry `entryNo` in column `header`. */
function ledgerCell(ws: ExcelJS.Worksheet, entryNo: number, header: string): ExcelJS.Cell {
  const headers = ws.getRow(1).values as unknown[];
  const col = headers.indexOf(header);
  const entryCol = headers.indexOf("Entry no");
  for (let r = 2; r <= ws.rowCount; r++)
    if (ws.getRow(r).getCell(entryCol).value === entryNo) return ws.getRow(r).getCell(col);
  throw new Error(`no entry ${entryNo}`);
}

describe("publish a closed period", () => {
  let buffer: Buffer;
  let sheets: string[];
  beforeAll(async () => {
    ({ buffer, sheets } = await published(await heldMarch(), { period: "2026-03" }));
  });

  it("has the cover first, the statements, trial balances, journal report, ledger, rates, runs, audit extract", () => {
    expect(sheets[0]).toBe("About this workbook");
    for (const s of [
      "Income statement",
      "Balance sheet",
      "Trial balance",
      "Trial balance YTD",
      "Journal report",
      "Ledger",
      "Rates",
      "Runs",
      "Audit extract",
      "Seals",
      "Seal rows",
      "Published",
    ])
      expect(sheets).toContain(s);
    expect(sheets).not.toContain("Close checklist"); // the small company's checklist has no rows
  });

  it("protects every sheet, keeps real tables, and holds no add-in formula nor external link", async () => {
    const wb = await readExcelJs(buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(sheets);
    for (const ws of wb.worksheets) {
      const protection = (ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection;
      expect([ws.name, protection?.sheet]).toEqual([ws.name, true]);
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          // a formula, if any, may only refer inside the file: no [external] book, no add-in function
          // (the statements' totals are SUM formulas over the lines above, #16) and shows its cached result
          if (cell.formula) expect(cell.formula).not.toMatch(/\[|CLOSEBOOK\./i);
          if (cell.formula) expect([cell.address, cell.result]).not.toEqual([cell.address, undefined]);
        }),
      );
    }
    const ledger = wb.getWorksheet("Ledger")!;
    expect(Object.keys((ledger as unknown as { tables: Record<string, unknown> }).tables)).toContain("tblLedger");
    const zip = await JSZip.loadAsync(buffer);
    expect(Object.keys(zip.files).filter((f) => /externalLink|vbaProject|connections/i.test(f))).toEqual([]);
  });

  it("shows the cover's figures as the statements show them (worked by hand above)", async () => {
    const wb = await readExcelJs(buffer);
    const cover = wb.getWorksheet("About this workbook")!;
    const income = wb.getWorksheet("Income statement")!;
    const balance = wb.getWorksheet("Balance sheet")!;
    expect(valueBeside(cover, COVER_FIGURES.revenue)).toBe(1609);
    expect(valueBeside(cover, COVER_FIGURES.expenses)).toBe(400);
    expect(valueBeside(cover, COVER_FIGURES.netIncome)).toBe(1209);
    expect(valueBeside(cover, COVER_FIGURES.netIncomeYtd)).toBe(1209);
    expect(valueBeside(cover, COVER_FIGURES.assets)).toBe(1609);
    expect(valueBeside(cover, COVER_FIGURES.liabilitiesAndEquity)).toBe(1609);
    expect(valueBeside(cover, COVER_FIGURES.tbDebit)).toBe(2009);
    expect(valueBeside(cover, COVER_FIGURES.tbCredit)).toBe(2009);
    expect(valueBeside(income, "Total revenue")).toBe(valueBeside(cover, COVER_FIGURES.revenue));
    expect(valueBeside(income, "Net income")).toBe(valueBeside(cover, COVER_FIGURES.netIncome));
    expect(valueBeside(balance, "Total assets")).toBe(valueBeside(cover, COVER_FIGURES.assets));
    expect(valueBeside(balance, "Total liabilities and equity")).toBe(
      valueBeside(cover, COVER_FIGURES.liabilitiesAndEquity),
    );
    expect(valueBeside(cover, "Status")).toBe("On hold");
    expect(valueBeside(cover, "Closed by")).toBe("bob");
    expect(String(valueBeside(cover, "Seal chain head"))).toMatch(/^\$1\$[0-9a-f]{64}$/);
    expect(valueBeside(cover, "Ledger rows sealed")).toBe(6);
  });

  it("verifies: the seal recomputed from the file's 6 ledger rows equals the one carried", async () => {
    const r = await verifyWorkbook(await XlsxWorkbook.load(buffer));
    expect(r.issues).toEqual([]);
    expect(r.published).toMatchObject({ period: "2026-03", status: "On hold", draft: false });
    expect(r.sealedRows).toBe(6);
  });

  it("fails verify after a one-cent edit to a published ledger row, naming row and column", async () => {
    const wb = await readExcelJs(buffer);
    const cell = ledgerCell(wb.getWorksheet("Ledger")!, 1, "Amount (accounting)");
    expect(cell.value).toBe(1500);
    cell.value = 1500.01;
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await verifyWorkbook(await XlsxWorkbook.load(edited));
    expect(r.issues.map((i) => [i.code, i.at?.table, i.at?.row, i.at?.column])).toContainEqual([
      "SEAL_ROW_CHANGED",
      "tblLedger",
      1,
      "Amount (accounting)",
    ]);
  });

  it("fails verify when a row of another period is added to the published ledger", async () => {
    const wb = await XlsxWorkbook.load(buffer);
    const ledger = (await wb.readTable("tblLedger"))!;
    const copy = [...ledger.rows[5]!];
    copy[ledger.headers.indexOf("Entry no")] = 99;
    copy[ledger.headers.indexOf("Period")] = "2026-04";
    await wb.unprotect("Ledger", "");
    await wb.appendRows("tblLedger", [copy]);
    const r = await verifyWorkbook(await XlsxWorkbook.load(await wb.toBuffer()));
    expect(r.issues.map((i) => [i.code, i.at?.row, i.at?.column])).toEqual([["PUBLISHED_ROW_ADDED", 7, "Period"]]);
  });
});

describe("a published file against the controller's seal receipt", () => {
  it("proves the period's rows as sealed; a full forgery (row changed, every hash recomputed) passes verify but not the receipt", async () => {
    const source = await heldMarch();
    const receipt = JSON.stringify(await receiptFor(source, "2026-03", NOW, "bob"));
    const { buffer } = await published(source, { period: "2026-03" });
    const good = await verifyReceipt(await XlsxWorkbook.load(buffer), receipt, "march.json");
    expect([...good.issues, ...good.receiptIssues].filter((i) => i.severity === "error")).toEqual([]);
    expect(good.proven).toMatch(/^period 2026-03's 6 ledger rows in this published file are exactly as sealed/);

    // the forger: one cent on entry 1, then the period's seal recomputed from the same previous hash
    const wb = await XlsxWorkbook.load(buffer);
    for (const sheet of ["Ledger", "Seals", "Seal rows", "Published"]) await wb.unprotect(sheet, "");
    await wb.updateCells("tblLedger", [{ row: 1, column: "Amount (accounting)", value: 1500.01 }]);
    const { book } = await loadBook(wb);
    const old = book.seals[book.seals.length - 1]!;
    const forged = computeSeal(book.ledger, {
      period: "2026-03",
      previousHash: old.previousHash,
      user: old.sealedBy,
      now: old.sealedAt,
      reason: old.reason,
      runId: old.runId,
    });
    await wb.replaceRows(SEALS.name, encodeRecords(SEALS, [], [...book.seals.slice(0, -1), forged.seal]));
    await wb.replaceRows(SEAL_ROWS.name, encodeRecords(SEAL_ROWS, [], forged.rows));
    await wb.updateCells(PUBLISHED.name, [{ row: 1, column: "Seal hash", value: forged.seal.hash }]);
    const forgedFile = await XlsxWorkbook.load(await wb.toBuffer());
    expect((await verifyWorkbook(forgedFile)).issues).toEqual([]);
    const caught = await verifyReceipt(forgedFile, receipt, "march.json");
    expect(caught.receiptIssues.map((i) => i.code)).toContain("RECEIPT_MISMATCH");
    expect(caught.proven).toBeUndefined();
  });
});

describe("publish refuses, or marks a draft", () => {
  it("refuses an Open period without --draft and writes nothing", async () => {
    const source = await heldMarch();
    const target = XlsxWorkbook.create();
    const r = await publishPeriod(source, target, { period: "2026-04", user: "bob", now: NOW });
    expect(r.published).toBe(false);
    expect(r.issues.map((i) => [i.code, i.at?.table, i.at?.column])).toEqual([
      ["PUBLISH_OPEN_PERIOD", "tblPeriods", "Status"],
    ]);
    expect(target.sheetNames()).toEqual([]);
  });

  it("copies the checklist's rows of the period when the workbook has a checklist table, as values", async () => {
    const source = await heldMarch();
    // the checklist tables are part of every workbook now (src/schema/checklistTables.ts): rows with a Period and a name
    const tasks = (await source.readTable("tblCloseTasks"))!;
    const row = (period: string, name: string) =>
      tasks.headers.map((h, i) => (h === "Period" ? period : i === tasks.headers.indexOf("Period") + 2 ? name : null));
    await source.appendRows("tblCloseTasks", [
      row("2026-03", "Bank reconciliation"),
      row("2026-04", "Bank reconciliation"),
      row("2026-03", "Accruals"),
    ]);
    const sheetOf = (await source.listTables()).find((t) => t.name === "tblCloseTasks")!.sheet;
    const { buffer, sheets } = await published(source, { period: "2026-03" });
    expect(sheets).toContain(sheetOf);
    const ws = (await readExcelJs(buffer)).getWorksheet(sheetOf)!;
    const periods: unknown[] = [];
    ws.eachRow((r, n) => n > 3 && periods.push(r.getCell(tasks.headers.indexOf("Period") + 1).value));
    // March's two rows only (April's left out); the title, a blank row and the header come first
    expect(periods).toEqual(["2026-03", "2026-03"]);
  });

  it("refuses when a sealed period it reads does not verify, naming the changed row", async () => {
    const source = await heldMarch();
    await source.unprotect("Ledger", "");
    await source.updateCells("tblLedger", [{ row: 1, column: "Amount (accounting)", value: 1500.01 }]);
    const target = XlsxWorkbook.create();
    const r = await publishPeriod(source, target, { period: "2026-03", user: "bob", now: NOW });
    expect(r.published).toBe(false);
    expect(r.issues.map((i) => [i.code, i.at?.row, i.at?.column])).toContainEqual([
      "SEAL_ROW_CHANGED",
      1,
      "Amount (accounting)",
    ]);
    expect(target.sheetNames()).toEqual([]);
  });

  it("refuses an unknown period", async () => {
    const r = await publishPeriod(await heldMarch(), XlsxWorkbook.create(), {
      period: "2031-01",
      user: "bob",
      now: NOW,
    });
    expect(r.issues.map((i) => i.code)).toEqual(["UNKNOWN_PERIOD"]);
  });

  it("publishes an Open period as a draft: every sheet named and titled DRAFT, and it verifies", async () => {
    const { buffer, sheets } = await published(await heldMarch(), { period: "2026-04", draft: true });
    const wb = await readExcelJs(buffer);
    for (const ws of wb.worksheets) expect(ws.name).toMatch(/\(DRAFT\)$/);
    expect(sheets[0]).toBe("About this workbook (DRAFT)");
    expect(String(wb.getWorksheet("About this workbook (DRAFT)")!.getCell("A1").value)).toMatch(/^DRAFT — /);
    expect(String(wb.getWorksheet("Income statement (DRAFT)")!.getCell("A1").value)).toMatch(/^DRAFT — /);
    const r = await verifyWorkbook(await XlsxWorkbook.load(buffer));
    expect(r.issues).toEqual([]);
    // April holds D-4 only: 2 rows
    expect(r.published).toMatchObject({ period: "2026-04", draft: true });
    expect(r.sealedRows).toBe(2);
  });
});
