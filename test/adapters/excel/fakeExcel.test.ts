/**
 * The fake Excel host itself: the office-js proxy rules and Excel behaviours
 * the adapter tests rely on. If one of these is wrong, the adapter tests prove
 * nothing, so each rule is pinned here.
 *
 * Example: writing "0100" into a General cell stores the number 100; into a
 * Text ("@") cell, the text "0100".
 */
import type { FakeRequestContext } from "../../../src/preview/fakeExcel";
import { createFakeExcel } from "../../../src/preview/fakeExcel";

async function grid(ctx: FakeRequestContext, address: string, props = "values"): Promise<unknown> {
  const r = ctx.workbook.worksheets.getItem("Sheet1").getRange(address).load(props);
  await ctx.sync();
  return props.split(",").map((p) => (r as unknown as Record<string, unknown>)[p.trim()]);
}

describe("fake Excel: proxy semantics", () => {
  test("properties need load and a sync; isNullObject needs a sync; a run's proxies die with it", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject("Nope");
      expect(() => ws.isNullObject).toThrow(/isNullObject/);
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1");
      r.values = [[1]];
      expect(() => r.values).toThrow(/not available/); // set is not load
      r.load("values");
      expect(() => r.values).toThrow(/not available/);
      await ctx.sync();
      expect(ws.isNullObject).toBe(true);
      expect(r.values).toEqual([[1]]);
    });
    expect(fake.stats.syncs.length).toBe(1);
  });

  test("a failed sync keeps earlier calls, drops later ones and every load of the batch", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      const a = ws.getRange("A1").load("values");
      ws.getRange("B1").values = [["kept"]];
      ws.getRange("C1").values = [[1, 2]]; // wrong size
      ws.getRange("D1").values = [["dropped"]];
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      expect(() => a.values).toThrow(/not available/);
      expect(await grid(ctx, "B1:D1")).toEqual([[["kept", "", ""]]]);
    });
    expect(fake.stats.syncs.map((s) => s.error)).toEqual(["InvalidArgument", undefined]);
  });

  test("the batch is flushed when run resolves; an empty sync sends nothing", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      await ctx.sync();
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["late"]];
    });
    expect(fake.model.sheetByName("Sheet1")?.value(0, 0)).toBe("late");
    expect(fake.stats.syncs.length).toBe(1);
  });

  test("a request over the payload limit is refused whole", async () => {
    const fake = createFakeExcel({ payloadLimit: 1000 });
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1").values = [["small"]];
      ws.getRange("A2").values = [["x".repeat(2000)]];
      await expect(ctx.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    });
    expect(fake.model.sheetByName("Sheet1")?.value(0, 0)).toBeUndefined();
  });
});

describe("fake Excel: cell entry as in Excel", () => {
  test("parsing in General cells, none in Text cells, apostrophe prefix, errors, blanks, null skips, no Dates", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A2:F2").numberFormat = [["@", "@", "@", "@", "@", "@"]];
      ws.getRange("A1:F1").values = [["0100", "TRUE", "#N/A", "'0100", "2026-03-31", "keep"]];
      ws.getRange("A2:F2").values = [["0100", "TRUE", "#N/A", 42, "1+1=2", "keep"]];
      await ctx.sync();
      ws.getRange("E1:F2").values = [
        [null, ""],
        [null, null],
      ];
      await ctx.sync();
      expect(await grid(ctx, "A1:F2", "values, valueTypes, numberFormat")).toEqual([
        [
          [100, true, "#N/A", "0100", 46112, ""],
          ["0100", "TRUE", "#N/A", "42", "1+1=2", "keep"],
        ],
        [
          ["Double", "Boolean", "Error", "String", "Double", "Empty"],
          ["String", "String", "String", "String", "String", "String"],
        ],
        [
          ["General", "General", "General", "General", "yyyy-mm-dd", "General"],
          ["@", "@", "@", "@", "@", "@"],
        ],
      ]);
      ws.getRange("A3").values = [[new Date()]];
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      ws.getRange("A3").values = [["=SUM(A1:A2)"]];
      await expect(ctx.sync()).rejects.toMatchObject({ code: "FakeUnmodelled" });
      for (const formulaLike of ["=1+1", "+x", "-2", "@x"]) {
        ws.getRange("A2").values = [[formulaLike]]; // a Text cell: Excel may still parse it; the fake refuses to guess
        await expect(ctx.sync()).rejects.toMatchObject({ code: "FakeUnmodelled" });
      }
    });
  });

  test("protection: writes refused at sync, protect twice and unprotect unprotected are AccessDenied, passwords checked", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("sheet1");
      ws.protection.protect(undefined, "pw");
      await ctx.sync();
      ws.getRange("A1").values = [["x"]];
      await expect(ctx.sync()).rejects.toMatchObject({ code: "AccessDenied" });
      ws.protection.protect();
      await expect(ctx.sync()).rejects.toMatchObject({ code: "AccessDenied" });
      ws.protection.unprotect("PW");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      ws.protection.unprotect("pw");
      ws.protection.load("protected");
      await ctx.sync();
      expect(ws.protection.protected).toBe(false);
      ws.protection.unprotect("pw");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "AccessDenied" });
      ws.protection.protect({ allowFormatCells: true });
      ws.getRange("A1").numberFormat = [["0.00"]];
      await ctx.sync();
    });
    expect(fake.stats.protectionCalls.map((c) => `${c.op}:${c.wasProtected}:${c.ok}`)).toEqual([
      "protect:false:true",
      "protect:true:false",
      "unprotect:true:false",
      "unprotect:true:true",
      "unprotect:false:false",
      "protect:false:true",
    ]);
  });
});

describe("fake Excel: tables", () => {
  test("a header-only range gets one blank row; writing below does not grow a table; resize and delete('Up') do", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1:B1").values = [["Key", ""]];
      const t = ws.tables.add(ws.getRange("A1:B1"), true);
      t.name = "tblT";
      const before = t.getDataBodyRange().load("address");
      await ctx.sync();
      expect(before.address).toBe("Sheet1!A2:B2");
      const body = t.getDataBodyRange();
      body.getRowsBelow(2).values = [
        ["a", 1],
        ["b", 2],
      ];
      const header = t.getHeaderRowRange().load("values");
      t.rows.load("count");
      await ctx.sync();
      expect([header.values, t.rows.count]).toEqual([[["Key", "Column2"]], 1]);
      t.resize(ws.getRange("A1:B4"));
      const old = body.load("address");
      t.rows.load("count");
      await ctx.sync();
      expect([old.address, t.rows.count]).toEqual(["Sheet1!A2:B2", 3]); // a range keeps its address
      ws.getRange("A2:B2").delete("Up");
      const after = t.getDataBodyRange().load("values");
      await ctx.sync();
      expect(after.values).toEqual([
        ["a", 1],
        ["b", 2],
      ]);
      ws.getRange("A2:A3").delete("Up");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidOperation" }); // part of a table's width
      ws.getRange("A2:B3").delete("Up");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "FakeUnmodelled" }); // every data row
      ctx.workbook.tables.add("Sheet1!B3:C4", true);
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidOperation" }); // overlap
    });
  });
});

describe("fake Excel: the window (active sheet, selection) and change notices", () => {
  test("activate() switches the active sheet; select() records the range on its sheet and needs that sheet active", async () => {
    const fake = createFakeExcel({ sheets: ["Sheet1", "Ledger"] });
    expect(fake.model.activeSheet()?.name).toBe("Sheet1");
    await fake.run(async (ctx) => {
      const ledger = ctx.workbook.worksheets.getItem("ledger");
      ledger.getRange("B7").select();
      await expect(ctx.sync()).rejects.toMatchObject({ code: "FakeUnmodelled" });
      ledger.activate();
      ledger.getRange("B7:C8").select();
      await ctx.sync();
    });
    const ledger = fake.model.sheetByName("Ledger");
    expect(fake.model.activeSheet()).toBe(ledger);
    expect(ledger?.selection).toEqual({ row: 6, col: 1, rows: 2, cols: 2 });
    expect(fake.model.sheetByName("Sheet1")?.selection).toEqual({ row: 0, col: 0, rows: 1, cols: 1 });
  });

  test("onChange fires after a sync that sent writes (also one that failed part-way), not after reads; unsubscribe stops it", async () => {
    const fake = createFakeExcel();
    let changes = 0;
    const stop = fake.onChange(() => changes++);
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1").load("values");
      await ctx.sync();
      expect(changes).toBe(0);
      ws.getRange("A1").values = [["x"]];
      await ctx.sync();
      expect(changes).toBe(1);
      ws.getRange("A2").values = [["y"]];
      ws.getRange("A3").values = [[1, 2]]; // wrong size: fails after A2 was written
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      expect(changes).toBe(2);
      ctx.workbook.worksheets.add("New");
      await ctx.sync();
      expect(changes).toBe(3);
    });
    stop();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A4").values = [["z"]];
    });
    expect(changes).toBe(3);
  });

  test("run accepts Excel.run's options-first form", async () => {
    const fake = createFakeExcel();
    const got = await fake.run({ delayForCellEdit: true }, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").load("address");
      await ctx.sync();
      return r.address;
    });
    expect(got).toBe("Sheet1!A1");
  });
});
