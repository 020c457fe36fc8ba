/**
 * The pane's Publish through the browser path (publishDownload.ts: BrowserXlsxWorkbook,
 * exceljs loaded by import(), Web Crypto password hashes), run in node on the code the pane
 * runs, over the Excel adapter on the fake Excel host; the file is read back with exceljs
 * directly (not the adapter), compared with what the CLI's xlsx adapter writes, and verified.
 *
 * The small company's March (test/support/smallCompany.ts), worked by hand: 6 ledger rows;
 * revenue (4000) D-1 Cr 1500.00 (dept SALES) + D-3 Cr EUR 100.00 × 1.09 = 109.00 (no dept), so
 *   =CLOSEBOOK.ACTIVITY("4*","2026-03","2026-03")                     = −1609 (credits negative)
 *   =CLOSEBOOK.ACTIVITY("4*","2026-03","2026-03","Department=SALES")  = −1500
 * The workbook's protection password is "s3cret": every published sheet opens with it, not with another.
 */
import ExcelJS from "exceljs";
import { ExcelWorkbook } from "../../../src/adapters/excel/excelWorkbook";
import {
  WEB_PROTECT_OPTIONS,
  WEB_SPIN_COUNT,
  hashPasswordWeb,
  protectionModelWeb,
} from "../../../src/adapters/browser/xlsxWriter";
import { PROTECT_OPTIONS, PROTECT_SPIN_COUNT, hashPassword } from "../../../src/adapters/xlsx/sheetProtection";
import { XlsxWorkbook } from "../../../src/adapters/xlsx/xlsxWorkbook";
import { changePeriod } from "../../../src/app/changePeriod";
import { postJournals } from "../../../src/app/postJournals";
import { publishPeriod } from "../../../src/app/publish";
import { setupWorkbook } from "../../../src/app/setupWorkbook";
import { verifyWorkbook } from "../../../src/app/verifyWorkbook";
import { createFakeExcel } from "../../../src/preview/fakeExcel";
import { fixedClock } from "../../../src/ports/clock";
import type { WorkbookPort } from "../../../src/ports/workbook";
import { localCommands } from "../../../src/taskpane/shell/useSend";
import { paneTask } from "../../../src/taskpane/worker/paneTasks";
import { journal } from "../../support/fixtures";
import { MARCH_DRAFTS, smallCompany } from "../../support/smallCompany";

jest.setTimeout(120_000);

const clock = fixedClock("2026-04-05T09:00:00.000Z");
const NOW = "2026-04-06T10:00:00.000Z";
const OPTIONS = { period: "2026-03", user: "bob", now: NOW, version: "0.1.0" };

/** March held in the Excel adapter over the fake host, with a management report of CLOSEBOOK formulas. */
async function heldMarchInExcel(): Promise<WorkbookPort> {
  const port = new ExcelWorkbook(createFakeExcel().run);
  const data = smallCompany(journal(MARCH_DRAFTS));
  await setupWorkbook(port, { ...data, settings: { ...data.settings, protectionPassword: "s3cret" } });
  const posted = await postJournals(port, { user: "alice", clock });
  if (!posted.posted) throw new Error(posted.issues.map((i) => i.message).join("; "));
  const held = await changePeriod(port, { kind: "hold", period: "2026-03", reason: "close" }, { user: "bob", clock });
  if (!held.done) throw new Error(held.issues.map((i) => i.message).join("; "));
  await port.writeReport({
    sheet: "Management report",
    title: "Revenue of March",
    rows: [
      ["", "March"],
      ["Revenue", { formula: '=CLOSEBOOK.ACTIVITY("4*","2026-03","2026-03")', result: 0 }],
      ["Sales", { formula: '=CLOSEBOOK.ACTIVITY("4*","2026-03","2026-03","Department=SALES")', result: 0 }],
    ],
    numberFormats: [undefined, "#,##0.00"],
  });
  return port;
}

async function read(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

type Protected = { sheetProtection?: Record<string, unknown> };

/** What a sheet shows and how it prints, cell by cell: to compare two files. */
function layoutOf(ws: ExcelJS.Worksheet): unknown {
  const cells: unknown[] = [];
  ws.eachRow((row) =>
    row.eachCell((c) =>
      cells.push([
        c.address,
        c.formula ?? null,
        c.formula ? c.result : c.value,
        c.numFmt ?? null,
        c.font?.bold ?? null,
      ]),
    ),
  );
  const { orientation, printTitlesRow, fitToWidth, fitToHeight } = ws.pageSetup;
  const tables = Object.keys((ws as unknown as { tables: Record<string, unknown> }).tables).sort();
  const p = (ws as unknown as Protected).sheetProtection ?? {};
  const options = Object.fromEntries(Object.entries(p).filter(([k]) => !/hash|salt/i.test(k)));
  return {
    cells,
    print: { orientation, printTitlesRow, fitToWidth, fitToHeight, footer: ws.headerFooter.oddFooter ?? null },
    views: ws.views,
    widths: ws.columns?.map((c) => c.width) ?? [],
    tables,
    protection: options,
  };
}

describe("the pane's Publish, built in the browser path", () => {
  let source: WorkbookPort;
  let bytes: Uint8Array;
  let sheets: string[];
  beforeAll(async () => {
    source = await heldMarchInExcel();
    // on the main thread (no worker): a pane task over the command map loaded here
    const r = await paneTask(localCommands(source))("publish-xlsx", OPTIONS);
    expect(r.result.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(r.result.published).toBe(true);
    bytes = r.bytes!;
    sheets = r.result.sheets;
  });

  it("is an .xlsx with the cover first, real tables, and every sheet protected with the workbook's password", async () => {
    expect(Buffer.from(bytes.subarray(0, 2)).toString("latin1")).toBe("PK");
    const wb = await read(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(sheets);
    expect(sheets[0]).toBe("About this workbook");
    for (const ws of wb.worksheets) {
      const p = (ws as unknown as Protected).sheetProtection;
      expect([ws.name, p?.sheet, p?.algorithmName]).toEqual([ws.name, true, "SHA-512"]);
    }
    const ledger = wb.getWorksheet("Ledger")!;
    expect(Object.keys((ledger as unknown as { tables: Record<string, unknown> }).tables)).toEqual(["tblLedger"]);
    // the hash Excel checks: the xlsx adapter (node:crypto) opens the sheet with s3cret only
    const back = await XlsxWorkbook.load(Buffer.from(bytes));
    await expect(back.unprotect("Ledger", "wrong")).rejects.toThrow();
    await back.unprotect("Ledger", "s3cret");
    expect(await back.isProtected("Ledger")).toBe(false);
  });

  it("carries the management report's CLOSEBOOK formulas as values (worked by hand above)", async () => {
    expect(sheets).toContain("Management report");
    const ws = (await read(bytes)).getWorksheet("Management report")!;
    expect(ws.getCell("A1").value).toBe("Revenue of March");
    expect([ws.getCell("A4").value, ws.getCell("B4").value]).toEqual(["Revenue", -1609]);
    expect([ws.getCell("A5").value, ws.getCell("B5").value]).toEqual(["Sales", -1500]);
    expect(ws.getCell("B4").numFmt).toBe("#,##0.00");
    ws.eachRow((row) => row.eachCell((c) => expect(String(c.formula ?? "")).not.toMatch(/CLOSEBOOK/i)));
  });

  it("lays out every sheet as the CLI's xlsx adapter does: cells, formats, print setup, views, tables, protection", async () => {
    const cli = XlsxWorkbook.create();
    const r = await publishPeriod(source, cli, OPTIONS);
    expect(r.sheets).toEqual(sheets);
    const a = await read(await cli.toBuffer());
    const b = await read(bytes);
    for (const name of sheets)
      expect([name, layoutOf(b.getWorksheet(name)!)]).toEqual([name, layoutOf(a.getWorksheet(name)!)]);
  });

  it("verifies, and a one-cent edit to a published ledger row fails verify naming row and column", async () => {
    const ok = await verifyWorkbook(await XlsxWorkbook.load(Buffer.from(bytes)));
    expect(ok.issues).toEqual([]);
    expect(ok.published).toMatchObject({ period: "2026-03", status: "On hold" });
    expect(ok.sealedRows).toBe(6);

    const wb = await read(bytes);
    const ledger = wb.getWorksheet("Ledger")!;
    const headers = ledger.getRow(1).values as unknown[];
    const cell = ledger.getRow(2).getCell(headers.indexOf("Amount (accounting)"));
    expect(cell.value).toBe(1500); // D-1's first line, 1000 Dr 1500.00
    cell.value = 1500.01;
    const edited = await verifyWorkbook(await XlsxWorkbook.load(Buffer.from(await wb.xlsx.writeBuffer())));
    expect(edited.issues.map((i) => [i.code, i.at?.row, i.at?.column])).toContainEqual([
      "SEAL_ROW_CHANGED",
      1,
      "Amount (accounting)",
    ]);
  });
});

describe("the browser path's sheet protection", () => {
  it("hashes as sheetProtection.ts does (Excel's SHA-512 verifier), with the same options and spin count", async () => {
    const salt = Buffer.from("0123456789abcdef").toString("base64");
    expect(await hashPasswordWeb("s3cret", salt, 100)).toBe(hashPassword("s3cret", "SHA-512", salt, 100));
    expect(await hashPasswordWeb("Zürich €", salt, 3)).toBe(hashPassword("Zürich €", "SHA-512", salt, 3));
    expect(WEB_PROTECT_OPTIONS).toEqual(PROTECT_OPTIONS);
    expect(WEB_SPIN_COUNT).toBe(PROTECT_SPIN_COUNT);
    expect(await protectionModelWeb("")).toEqual({ sheet: true, ...PROTECT_OPTIONS });
  });
});
