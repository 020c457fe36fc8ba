/**
 * @jest-environment node
 *
 * The office.js stand-in of the preview's task pane (src/preview/officeStub.ts):
 * Office.onReady and the requirement sets as Excel on the web answers them,
 * and Excel.run (both forms) delegated to the preview page's fake host — the
 * Excel adapter works through it unchanged, Office errors keep their code, and
 * errors from the page's JavaScript realm become the pane's own.
 *
 * Example: stub.Excel.run({ delayForCellEdit: true }, batch) runs batch on host.run's fake
 */
import { runInNewContext } from "node:vm";
import { ExcelWorkbook } from "../../src/adapters/excel/excelWorkbook";
import type { RunBatch } from "../../src/adapters/excel/excelHost";
import { createFakeExcel, type FakeExcel, type FakeRequestContext } from "../../src/preview/fakeExcel";
import { createOfficeStub, installOfficeStub, localError, versionAtMost } from "../../src/preview/officeStub";
import type { PreviewHost } from "../../src/preview/previewHost";

function hostOver(fake: FakeExcel, calls: unknown[] = []): PreviewHost {
  return {
    run: (options, batch) => {
      calls.push(options);
      return fake.run(options, batch);
    },
    workbookName: "closebook-demo.xlsx",
  };
}

describe("the preview's office stub", () => {
  test("Office: onReady says Excel on the web; ExcelApi up to 1.14; the workbook's name as document.url; no theme; the preview flag", async () => {
    const fake = createFakeExcel();
    const { Office } = createOfficeStub(() => hostOver(fake));
    let heard: unknown;
    await expect(Office.onReady((info) => (heard = info))).resolves.toEqual({
      host: "Excel",
      platform: "OfficeOnline",
    });
    expect(heard).toEqual({ host: "Excel", platform: "OfficeOnline" });
    const supported = Office.context.requirements.isSetSupported;
    expect([
      supported("ExcelApi", "1.14"),
      supported("ExcelApi", "1.9"),
      supported("ExcelApi", 1.1),
      supported("excelapi"),
    ]).toEqual([true, true, true, true]);
    expect([
      supported("ExcelApi", "1.15"),
      supported("ExcelApi", "2.0"),
      supported("ExcelApiOnline", "1.1"),
      supported("WordApi", "1.1"),
    ]).toEqual([false, false, false, false]);
    expect(Office.context.document.url).toBe("closebook-demo.xlsx");
    expect(Office.context.officeTheme).toBeUndefined();
    expect(Office.context.partitionKey).toBeUndefined();
    expect(Office.context.closebookPreview).toBe(true);
    expect([versionAtMost("1.9", "1.14"), versionAtMost("1.14", "1.9")]).toEqual([true, false]);
  });

  test("onReady waits for the page's first workbook (the pane's frame loads beside it, #16 point 1)", async () => {
    const fake = createFakeExcel();
    let arrive = () => undefined as void;
    const ready = new Promise<void>((resolve) => (arrive = resolve));
    let name = "closebook-preview.xlsx";
    const host: PreviewHost = {
      ...hostOver(fake),
      ready,
      get workbookName() {
        return name;
      },
    };
    const { Office } = createOfficeStub(() => host);
    let heard = false;
    const onReady = Office.onReady(() => (heard = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(heard).toBe(false);
    name = "closebook-demo.xlsx";
    arrive();
    await expect(onReady).resolves.toEqual({ host: "Excel", platform: "OfficeOnline" });
    // by then the page holds the workbook: the pane's remembered user is keyed by its name
    expect([heard, Office.context.document.url]).toEqual([true, "closebook-demo.xlsx"]);
  });

  test("Excel.run, with options first or the batch alone, runs on the page's fake host; the Excel adapter works through it", async () => {
    const fake = createFakeExcel();
    const calls: unknown[] = [];
    const { Excel } = createOfficeStub(() => hostOver(fake, calls));
    const run = ((batch) => Excel.run({ delayForCellEdit: true }, batch as never)) as RunBatch;
    const port = new ExcelWorkbook(run);
    await port.createTable(
      { name: "tblUsers", sheet: "Users", headers: ["User", "Active"], numberFormats: ["@", "General"] },
      [["ann", true]],
    );
    expect((await port.readTable("tblUsers"))?.rows).toEqual([["ann", true]]);
    expect(fake.model.tableByName("tblUsers")?.sheet.name).toBe("Users");
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((o) => JSON.stringify(o) === JSON.stringify({ delayForCellEdit: true }))).toBe(true);
    const name = await Excel.run(async (ctx) => {
      const ws = (ctx as unknown as FakeRequestContext).workbook.worksheets.getItem("users").load("name");
      await ctx.sync();
      return ws.name;
    });
    expect(name).toBe("Users");
    expect(calls.at(-1)).toEqual({});
  });

  test("Office errors keep their code through the stub: a protected sheet is AccessDenied, a missing one SheetNotFoundError", async () => {
    const fake = createFakeExcel();
    const { Excel } = createOfficeStub(() => hostOver(fake));
    const port = new ExcelWorkbook(((batch) => Excel.run({}, batch as never)) as RunBatch);
    await port.createTable({ name: "tblLedger", sheet: "Ledger", headers: ["Entry no"], numberFormats: ["0"] }, [[1]]);
    await port.protect("Ledger", "pw");
    await expect(port.appendRows("tblLedger", [[2]])).rejects.toThrow(/^AccessDenied:/);
    await expect(port.unprotect("Ledger", "wrong")).rejects.toThrow(/wrong password/);
    await expect(port.isProtected("Nope")).rejects.toMatchObject({ name: "SheetNotFoundError" });
    const raw = Excel.run(async (ctx) => {
      (ctx as unknown as FakeRequestContext).workbook.worksheets.getItem("Ledger").getRange("A5").values = [["x"]];
      await ctx.sync();
    });
    await expect(raw).rejects.toMatchObject({ code: "AccessDenied", name: "RichApi.Error" });
  });

  test("an error from another realm (the preview page) becomes this realm's Error with its name, message, code and debugInfo", () => {
    const foreign = runInNewContext(
      `(() => { const e = new Error("You cannot perform the requested operation."); e.name = "RichApi.Error"; e.code = "AccessDenied"; e.debugInfo = { code: "AccessDenied" }; return e; })()`,
    ) as unknown;
    expect(foreign instanceof Error).toBe(false);
    const local = localError(foreign);
    expect(local instanceof Error).toBe(true);
    expect(local).toMatchObject({
      name: "RichApi.Error",
      message: "You cannot perform the requested operation.",
      code: "AccessDenied",
      debugInfo: { code: "AccessDenied" },
    });
    const mine = new Error("mine");
    expect(localError(mine)).toBe(mine);
    expect(localError("text")).toBe("text");
  });

  test("without the preview page around it, Excel.run says where to open the pane; installOfficeStub defines Office and Excel", async () => {
    const target: { Office?: unknown; Excel?: { run(b: () => Promise<void>): Promise<unknown> } } = {};
    installOfficeStub(target, () => undefined);
    expect(target.Office).toBeDefined();
    await expect(target.Excel?.run(async () => undefined)).rejects.toThrow(
      /not inside the preview page.*npm run preview/,
    );
  });
});
