/**
 * ExcelWorkbook over the fake Excel host: the shared WorkbookPort contract
 * (no reopen: the host keeps its state), then what only Excel has: proxy
 * fidelity, values as Excel stores them, the sync and payload budget for a
 * 25,000-row ledger (100k with CLOSEBOOK_FUZZ=full), the protection state checks, chunk progress and selectCell.
 *
 * Example: reading a 100,000 × 16 ledger takes 22 syncs (≤ ⌈100000/5000⌉ + 3),
 * none over 5 MB either way.
 */
import { ExcelWorkbook } from "../../../src/adapters/excel/excelWorkbook";
import type { AppliedRule } from "../../../src/ports/conditionalFormats";
import { withUnprotected } from "../../../src/ports/protection";
import type { CellValue, TableShape } from "../../../src/ports/workbook";
import type { FakeExcel, SyncRecord } from "../../../src/preview/fakeExcel";
import { ErrorValue, conditionalFormatsOf, createFakeExcel } from "../../../src/preview/fakeExcel";
import { describeWorkbookPortContract } from "../contract/workbookPortContract";

describeWorkbookPortContract("excel (fake host)", async () => {
  const fake = createFakeExcel();
  return { port: new ExcelWorkbook(fake.run), conditionalFormats: async (_, sheet) => rulesOnFake(fake, sheet) };
});

/** The fake's recorded formats as the port's neutral rules (formulas without "=", `="text"` as equals). */
function rulesOnFake(fake: FakeExcel, sheet: string): AppliedRule[] {
  const s = fake.model.sheetByName(sheet);
  if (!s) throw new Error(`no sheet ${sheet}`);
  return conditionalFormatsOf(s).map((f) => ({
    range: f.range.includes(":") ? f.range : `${f.range}:${f.range}`,
    ...(f.type === "CellValue" && f.operator === "EqualTo"
      ? { equals: (f.formula1 ?? "").replace(/^="|"$/g, "").replace(/""/g, '"') }
      : { formula: (f.formula ?? "").replace(/^=/, "") }),
    fill: f.fill ?? "?",
    ...(f.font ? { font: f.font } : {}),
  }));
}

const d = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);
const FIVE_MB = 5 * 1024 * 1024;

function setUp(): { fake: FakeExcel; port: ExcelWorkbook } {
  const fake = createFakeExcel();
  return { fake, port: new ExcelWorkbook(fake.run) };
}

function cell(fake: FakeExcel, sheet: string, row: number, col: number): { value: unknown; format: string } {
  const s = fake.model.sheetByName(sheet);
  if (!s) throw new Error(`no sheet ${sheet}`);
  return { value: s.value(row, col), format: s.format(row, col) };
}

describe("the fake host keeps office-js's rules (so the adapter is tested against them)", () => {
  test("code that forgets load or sync fails on the fake", async () => {
    const { fake, port } = setUp();
    await port.createTable({ name: "tblT", sheet: "T", headers: ["K"], numberFormats: ["@"] }, [["a"]]);
    const forgetsLoad = fake.run(async (ctx) => {
      const body = ctx.workbook.tables.getItem("tblT").getDataBodyRange();
      await ctx.sync();
      return body.values;
    });
    await expect(forgetsLoad).rejects.toMatchObject({ code: "PropertyNotLoaded" });
    const forgetsSync = fake.run(async (ctx) => {
      const body = ctx.workbook.tables.getItem("tblT").getDataBodyRange().load("values");
      return body.values;
    });
    await expect(forgetsSync).rejects.toMatchObject({ code: "PropertyNotLoaded" });
    const checksNullTooEarly = fake.run(async (ctx) => ctx.workbook.tables.getItemOrNullObject("tblT").isNullObject);
    await expect(checksNullTooEarly).rejects.toMatchObject({ code: "PropertyNotLoaded" });
    const usesProxyAfterRun = await fake.run(async (ctx) => ctx.workbook.worksheets.getItem("T"));
    expect(() => usesProxyAfterRun.load("name")).toThrow(/request context is closed/);
    const right = await fake.run(async (ctx) => {
      const body = ctx.workbook.tables.getItem("tblT").getDataBodyRange().load("values");
      await ctx.sync();
      return body.values;
    });
    expect(right).toEqual([["a"]]);
  });

  test("writes apply at sync; the first failing call fails the sync and drops the rest of the batch", async () => {
    const { fake } = setUp();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1").values = [["before"]];
      expect(fake.model.sheetByName("Sheet1")?.value(0, 0)).toBeUndefined(); // queued only
      await ctx.sync();
      expect(fake.model.sheetByName("Sheet1")?.value(0, 0)).toBe("before");
      ws.getRange("A2").values = [["applied"]];
      ws.getRange("A3").values = [[new Date()]]; // office-js takes no Date: InvalidArgument
      ws.getRange("A4").values = [["dropped"]];
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
    const s = fake.model.sheetByName("Sheet1");
    expect([s?.value(1, 0), s?.value(2, 0), s?.value(3, 0)]).toEqual(["applied", undefined, undefined]);
  });
});

describe("values as Excel stores them", () => {
  test("dates go out as serials with a date format, text never gets parsed, errors and blanks map both ways", async () => {
    const { fake, port } = setUp();
    const shape: TableShape = {
      name: "tblV",
      sheet: "V",
      headers: ["Text", "General", "Date"],
      numberFormats: ["@", "General", "yyyy-mm-dd"],
    };
    await port.createTable(shape, [
      ["0100", "0100", d("2026-03-31")],
      ["=1+1", { error: "#N/A" }, null],
      [d("2026-04-01"), "#N/A", new Date("2026-04-01T08:15:00Z")],
    ]);
    expect(cell(fake, "V", 1, 0)).toEqual({ value: "0100", format: "@" });
    expect(cell(fake, "V", 1, 1)).toEqual({ value: "0100", format: "General" }); // stored as text
    expect(cell(fake, "V", 1, 2)).toEqual({ value: 46112, format: "yyyy-mm-dd" });
    expect(cell(fake, "V", 2, 1).value).toBeInstanceOf(ErrorValue);
    expect(cell(fake, "V", 2, 2).value).toBeUndefined();
    expect(cell(fake, "V", 3, 0)).toEqual({ value: 46113, format: "yyyy-mm-dd" }); // a date in a Text column
    expect(cell(fake, "V", 3, 1)).toEqual({ value: "#N/A", format: "General" });
    expect((await port.readTable("tblV"))?.rows[2]).toEqual([
      d("2026-04-01"),
      "#N/A",
      new Date("2026-04-01T08:15:00Z"),
    ]);
  });

  test("cells edited in Excel read back by kind: an error in a Text column, a number in a date column", async () => {
    const { fake, port } = setUp();
    await port.createTable(
      { name: "tblE", sheet: "E", headers: ["Note", "Date"], numberFormats: ["@", "yyyy-mm-dd"] },
      [["x", d("2026-01-01")]],
    );
    const s = fake.model.sheetByName("E");
    s?.setValue(1, 0, new ErrorValue("#REF!"));
    s?.setValue(1, 1, 46112.5);
    expect((await port.readTable("tblE"))?.rows).toEqual([[{ error: "#REF!" }, new Date("2026-03-31T12:00:00.000Z")]]);
  });

  test("a new table may go on an existing empty sheet, never on one with values", async () => {
    const { fake, port } = setUp();
    await port.createTable({ name: "tblS", sheet: "sheet1", headers: ["K"], numberFormats: ["@"] }, []);
    expect(await port.listTables()).toEqual([{ name: "tblS", sheet: "Sheet1", headers: ["K"], numberFormats: ["@"] }]);
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.add("Notes").getRange("C3").values = [["hello"]];
      await ctx.sync();
    });
    await expect(
      port.createTable({ name: "tblN", sheet: "Notes", headers: ["K"], numberFormats: ["@"] }, []),
    ).rejects.toThrow(/"Notes" is not empty .*Notes!C3/);
    expect(fake.model.tableByName("tblN")).toBeUndefined();
  });

  test("a table cannot grow over values below it: refused before any change", async () => {
    const { fake, port } = setUp();
    await port.createTable({ name: "tblG", sheet: "G", headers: ["N"], numberFormats: ["0"] }, [[1], [2]]);
    fake.model.sheetByName("G")?.setValue(5, 0, "note");
    await port.appendRows("tblG", [[3], [4]]); // rows 4 and 5: free
    await expect(port.appendRows("tblG", [[5]])).rejects.toThrow(/values below it \(G!A6\)/);
    expect((await port.readTable("tblG"))?.rows).toEqual([[1], [2], [3], [4]]);
  });
});

// ------------------------------------------------------------------ budget

const LEDGER: TableShape = {
  name: "tblLedger",
  sheet: "Ledger",
  headers: [
    "Entry no",
    "Voucher",
    "Date",
    "Period",
    "Account",
    "Currency",
    "Amount",
    "Amount (accounting)",
    "Amount (reporting)",
    "Description",
    "Source",
    "Run id",
    "Settlement id",
    "User",
    "Posted at",
    "Department",
  ],
  numberFormats: [
    "0",
    "@",
    "yyyy-mm-dd",
    "@",
    "@",
    "@",
    "#,##0.00;[Red]-#,##0.00",
    "#,##0.00;[Red]-#,##0.00",
    "#,##0.00;[Red]-#,##0.00",
    "@",
    "@",
    "@",
    "@",
    "@",
    "yyyy-mm-dd hh:mm:ss",
    "@",
  ],
};
const ACCOUNTS = ["1000", "1110", "2010", "4000", "5000", "6100"];

function ledgerRow(i: number): CellValue[] {
  const day = d(`2026-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`);
  const amount = ((i * 7919) % 1_000_000) / 100 - 5000;
  return [
    i + 1,
    `GL-${String(Math.floor(i / 2) + 1).padStart(6, "0")}`,
    day,
    `2026-${String(1 + (i % 12)).padStart(2, "0")}`,
    ACCOUNTS[i % ACCOUNTS.length] as string,
    i % 3 === 0 ? "USD" : "EUR",
    amount,
    amount * 0.92,
    i % 5 === 0 ? null : amount * 1.1,
    `Invoice ${i} — services rendered`,
    "journal:JNL-2026-03",
    `run-2026-03-${i % 7}`,
    null,
    "ann",
    new Date(day.getTime() + ((i * 37) % 86_400) * 1000),
    i % 2 === 0 ? "SALES" : "ADMIN",
  ];
}

function budget(syncs: readonly SyncRecord[]): { syncs: number; maxRequest: number; maxResponse: number } {
  return {
    syncs: syncs.length,
    maxRequest: Math.max(...syncs.map((s) => s.requestBytes)),
    maxResponse: Math.max(...syncs.map((s) => s.responseBytes)),
  };
}

// The budget is per 5,000-row chunk, so 25,000 rows (5 chunks) check it as 100,000 do for a quarter of the CPU
// (24 → 9 s of CPU for the suite); CLOSEBOOK_FUZZ=full runs the 100k-row ledger.
const BUDGET_ROWS = process.env.CLOSEBOOK_FUZZ === "full" ? 100_000 : 25_000;
describe(`sync and payload budget for a ${BUDGET_ROWS.toLocaleString("en-US")}-row, 16-column ledger`, () => {
  const N = BUDGET_ROWS;
  const limit = Math.ceil(N / 5000) + 3;
  const rows = Array.from({ length: N }, (_, i) => ledgerRow(i));
  const figures: Record<string, ReturnType<typeof budget>> = {};
  afterAll(() =>
    console.log(
      `${N} × 16 ledger on the fake host (sync limit ${limit}, payload limit 5 MB):\n${JSON.stringify(figures, null, 1)}`,
    ),
  );

  test("appendRows: ≤ ⌈N/5000⌉ + 3 syncs, one bulk write per chunk with calculation suspended, nothing over 5 MB", async () => {
    const { fake, port } = setUp();
    await port.createTable(LEDGER, []);
    fake.resetStats();
    await port.appendRows("tblLedger", rows);
    const b = (figures.appendRows = budget(fake.stats.syncs));
    expect(b.syncs).toBeLessThanOrEqual(limit);
    expect(b.maxRequest).toBeLessThan(FIVE_MB);
    expect(b.maxResponse).toBeLessThan(FIVE_MB);
    const writes = fake.stats.syncs.filter((s) => s.requestBytes > 100_000);
    expect(writes.length).toBe(N / 5000);
    expect(writes.every((s) => s.calcSuspended)).toBe(true);
    expect(fake.stats.syncs.filter((s) => s.screenSuspended).length).toBe(1); // not in a loop: it flickers
    expect(fake.model.tableByName("tblLedger")?.rows).toBe(N + 1);

    fake.resetStats();
    const read = await port.readTable("tblLedger");
    const r = (figures.readTable = budget(fake.stats.syncs));
    expect(r.syncs).toBeLessThanOrEqual(limit);
    expect(r.maxRequest).toBeLessThan(FIVE_MB);
    expect(r.maxResponse).toBeLessThan(FIVE_MB);
    expect(read?.rows.length).toBe(N);
    for (const i of [0, 1, 4999, 5000, 14321, N - 1]) expect(read?.rows[i]).toEqual(rows[i]);
  });

  test("createTable with all the rows, and a read with an error-looking text, stay within the budget", async () => {
    const { fake, port } = setUp();
    const withErrors = rows.map((r, i) =>
      i % 10_000 === 0 ? r.map((v, j) => (j === 9 ? "#N/A" : j === 12 ? { error: "#N/A" } : v)) : r,
    );
    await port.createTable(LEDGER, withErrors);
    const c = (figures.createTable = budget(fake.stats.syncs));
    expect(c.syncs).toBeLessThanOrEqual(limit);
    expect(c.maxRequest).toBeLessThan(FIVE_MB);
    fake.resetStats();
    const read = await port.readTable("tblLedger");
    const r = (figures.readTableWithErrors = budget(fake.stats.syncs));
    expect(r.syncs).toBeLessThanOrEqual(limit);
    expect(r.maxResponse).toBeLessThan(FIVE_MB);
    expect(read?.rows[10_000]?.[9]).toBe("#N/A");
    expect(read?.rows[10_000]?.[12]).toEqual({ error: "#N/A" });
  });

  test("long text: chunks shrink so no request or response passes 5 MB", async () => {
    const { fake, port } = setUp();
    const text = "x".repeat(20_000);
    const wide = Array.from({ length: 600 }, (_, i) => [i, text, text]);
    await port.createTable(
      { name: "tblLong", sheet: "Long", headers: ["N", "A", "B"], numberFormats: ["0", "@", "General"] },
      wide,
    );
    const read = await port.readTable("tblLong");
    expect(read?.rows.length).toBe(600);
    expect(read?.rows[599]).toEqual([599, text, text]);
    const b = (figures.longText = budget(fake.stats.syncs));
    expect(b.maxRequest).toBeLessThan(FIVE_MB);
    expect(b.maxResponse).toBeLessThan(FIVE_MB);
  });
});

// ------------------------------------------------------------------ protection

describe("protection state is checked before protect / unprotect", () => {
  const shape: TableShape = { name: "tblLedger", sheet: "Ledger", headers: ["N"], numberFormats: ["0"] };

  test("withUnprotected never protects a protected sheet nor unprotects an unprotected one, also when work fails", async () => {
    const { fake, port } = setUp();
    await port.createTable(shape, [[1]]);
    await port.createTable({ ...shape, name: "tblOther", sheet: "Other" }, [[1]]);
    await port.protect("Ledger", "pw");
    await withUnprotected(port, ["Ledger", "Other", "Missing"], "pw", () => port.appendRows("tblLedger", [[2]]));
    await withUnprotected(port, ["Ledger"], "pw", () => port.protect("Ledger", "pw")); // work re-protects itself
    await expect(
      withUnprotected(port, ["Ledger"], "pw", () => port.appendRows("tblLedger", [["x", 1]])),
    ).rejects.toThrow(/row 1/);
    await expect(withUnprotected(port, ["Ledger"], "wrong", async () => undefined)).rejects.toThrow(/password/);
    expect(await port.isProtected("Ledger")).toBe(true);
    const calls = fake.stats.protectionCalls;
    expect(calls.filter((c) => c.op === "protect").every((c) => !c.wasProtected)).toBe(true);
    expect(calls.filter((c) => c.op === "unprotect").every((c) => c.wasProtected)).toBe(true);
    expect(calls.filter((c) => !c.ok)).toEqual([{ sheet: "Ledger", op: "unprotect", wasProtected: true, ok: false }]); // the wrong password only
  });

  test("the port's protect / unprotect in the wrong state send nothing to Excel", async () => {
    const { fake, port } = setUp();
    await port.createTable(shape, [[1]]);
    await expect(port.unprotect("Ledger", "pw")).rejects.toThrow(/not protected/);
    await port.protect("Ledger", "pw");
    await expect(port.protect("LEDGER", "pw")).rejects.toThrow(/already protected/);
    expect(fake.stats.protectionCalls).toEqual([{ sheet: "Ledger", op: "protect", wasProtected: false, ok: true }]);
    expect(fake.model.sheetByName("Ledger")?.isProtected).toBe(true);
  });

  test("writes to a protected sheet are refused before any call reaches Excel", async () => {
    const { fake, port } = setUp();
    await port.createTable(shape, [[1]]);
    await port.protect("Ledger", "pw");
    fake.resetStats();
    await expect(port.appendRows("tblLedger", [[2]])).rejects.toThrow(
      /^AccessDenied: sheet "Ledger" is protected \(appendRows tblLedger\)/,
    );
    expect(fake.stats.syncs.every((s) => s.error === undefined)).toBe(true);
    expect(fake.stats.syncs.length).toBe(2);
  });
});

// ------------------------------------------------------------------ progress and selection

describe("chunk progress (for the pane's progress bar) and selecting an issue's cell", () => {
  const N = 12_000;
  const NARROW: TableShape = {
    name: "tblLedger",
    sheet: "Ledger",
    headers: ["Entry no", "Amount"],
    numberFormats: ["0", "#,##0.00"],
  };
  const rows: CellValue[][] = Array.from({ length: N }, (_, i) => [i + 1, (i % 1000) / 4]);

  test("createTable, appendRows, readTable and replaceRows report rows done of the call's total, per chunk, with the same syncs", async () => {
    const quiet = setUp();
    await quiet.port.createTable(NARROW, rows);
    await quiet.port.appendRows("tblLedger", rows.slice(0, 6000));
    await quiet.port.readTable("tblLedger");
    const quietSyncs = quiet.fake.stats.syncs.length;

    const fake = createFakeExcel();
    const heard: string[] = [];
    const port = new ExcelWorkbook(fake.run, {
      onProgress: (p) => heard.push(`${p.table} ${p.op} ${p.done}/${p.total}`),
    });
    await port.createTable(NARROW, rows);
    await port.appendRows("tblLedger", rows.slice(0, 6000));
    await port.readTable("tblLedger");
    expect(fake.stats.syncs.length).toBe(quietSyncs);
    expect(heard).toEqual([
      "tblLedger write 5000/12000",
      "tblLedger write 10000/12000",
      "tblLedger write 12000/12000",
      "tblLedger write 5000/6000",
      "tblLedger write 6000/6000",
      "tblLedger read 5000/18000",
      "tblLedger read 10000/18000",
      "tblLedger read 15000/18000",
      "tblLedger read 18000/18000",
    ]);
    heard.length = 0;
    await port.replaceRows("tblLedger", rows.slice(0, 3));
    expect(heard).toEqual(["tblLedger write 3/3"]);
  });

  test("a failing progress listener does not fail the write", async () => {
    const fake = createFakeExcel();
    const port = new ExcelWorkbook(fake.run, {
      onProgress: () => {
        throw new Error("bar broke");
      },
    });
    await port.createTable(NARROW, rows.slice(0, 10));
    expect((await port.readTable("tblLedger"))?.rows.length).toBe(10);
  });

  test("selectCell activates the table's sheet and selects the cell, the column, the row or the table; false for what does not exist", async () => {
    const fake = createFakeExcel();
    const port = new ExcelWorkbook(fake.run);
    await port.createTable(
      {
        name: "tblJournal",
        sheet: "Journal",
        headers: ["Journal", "Date", "Account"],
        numberFormats: ["@", "yyyy-mm-dd", "@"],
      },
      [
        ["GJ", d("2026-03-01"), "1000"],
        ["GJ", d("2026-03-02"), "9999"],
      ],
    );
    await port.createTable(
      LEDGER,
      Array.from({ length: 5 }, (_, i) => ledgerRow(i)),
    );
    await port.protect("Ledger", "pw"); // selecting needs no unprotect
    const selected = () => {
      const s = fake.model.activeSheet();
      return s ? `${s.name} ${JSON.stringify(s.selection)}` : "";
    };
    fake.resetStats();
    expect(await port.selectCell("TBLJOURNAL", 2, "account")).toBe(true);
    expect(fake.stats.syncs.length).toBe(3);
    expect(selected()).toBe(`Journal ${JSON.stringify({ row: 2, col: 2, rows: 1, cols: 1 })}`); // C3
    expect(await port.selectCell("tblLedger", 3)).toBe(true);
    expect(selected()).toBe(`Ledger ${JSON.stringify({ row: 3, col: 0, rows: 1, cols: 16 })}`);
    expect(await port.selectCell("tblJournal", undefined, "Date")).toBe(true);
    expect(selected()).toBe(`Journal ${JSON.stringify({ row: 0, col: 1, rows: 3, cols: 1 })}`);
    expect(await port.selectCell("tblLedger")).toBe(true);
    expect(selected()).toBe(`Ledger ${JSON.stringify({ row: 0, col: 0, rows: 6, cols: 16 })}`);
    const before = selected();
    expect(await port.selectCell("tblNope", 1, "Account")).toBe(false);
    expect(await port.selectCell("tblJournal", 1, "Nope")).toBe(false);
    expect(await port.selectCell("tblJournal", 3, "Account")).toBe(false);
    expect(await port.selectCell("tblJournal", 0)).toBe(false);
    expect(selected()).toBe(before);
    expect(fake.stats.syncs.every((s) => s.error === undefined)).toBe(true);
  });
});
