/**
 * The WorkbookPort contract: one jest suite every adapter must pass, so the
 * memory, xlsx and Excel adapters behave alike. Give it a factory for a fresh,
 * empty workbook; when the adapter persists (xlsx), also give `reopen`, which
 * saves the current state and returns a port over the reopened copy: every
 * data test then checks the values again after the round trip. The
 * worksheet-protection cases live in protectionContract.ts and run here too.
 *
 * Example (test/adapters/memory/memoryWorkbook.test.ts):
 *   describeWorkbookPortContract("memory", async () => ({ port: new MemoryWorkbook() }));
 * and for xlsx:
 *   describeWorkbookPortContract("xlsx", async () => {
 *     const wb = XlsxWorkbook.create();
 *     return { port: wb, reopen: async () => { await wb.save(file); return XlsxWorkbook.open(file); } };
 *   });
 */
import type { AppliedRule, ColumnFormatRule } from "../../../src/ports/conditionalFormats";
import type { CellValue, TableShape, WorkbookPort } from "../../../src/ports/workbook";
import { RowsMovedError } from "../../../src/ports/workbook";
import { describeProtectionContract } from "./protectionContract";

export interface PortUnderTest {
  readonly port: WorkbookPort;
  /** Saves the port's workbook and opens it again (adapters that persist). */
  readonly reopen?: () => Promise<WorkbookPort>;
  /**
   * The conditional formats on `sheet` of `port` (this port or one `reopen` gave), read from where the
   * adapter keeps them (the saved file, the Excel host's sheet, the model), highest priority first.
   */
  readonly conditionalFormats?: (port: WorkbookPort, sheet: string) => Promise<readonly AppliedRule[]>;
}

type Rows = readonly (readonly CellValue[])[];

const d = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);

const TEXT = "@";
const INT = "0";
const DATE = "yyyy-mm-dd";
const AMOUNT = "#,##0.00;[Red]-#,##0.00";
const STAMP = "yyyy-mm-dd hh:mm:ss";

function shape(
  name: string,
  headers: readonly string[],
  numberFormats?: readonly string[],
  sheet = name.replace(/^tbl/, ""),
): TableShape {
  return { name, sheet, headers, numberFormats: numberFormats ?? headers.map(() => "General") };
}

export function describeWorkbookPortContract(name: string, make: () => Promise<PortUnderTest>): void {
  describe(`WorkbookPort contract: ${name}`, () => {
    /** Rows of `table` now and (when the adapter persists) after a reopen; returns the reopened port. */
    async function expectRows(ctx: PortUnderTest, table: string, expected: Rows): Promise<WorkbookPort | undefined> {
      expect((await ctx.port.readTable(table))?.rows).toEqual(expected);
      if (!ctx.reopen) return undefined;
      const again = await ctx.reopen();
      expect((await again.readTable(table))?.rows).toEqual(expected);
      return again;
    }

    /** Creates a one-column-kind table and checks the values survive (and survive a reopen). */
    async function roundTrip(headers: readonly string[], formats: readonly string[], rows: Rows): Promise<void> {
      const ctx = await make();
      const s = shape("tblValues", headers, formats);
      await ctx.port.createTable(s, rows);
      const again = await expectRows(ctx, "tblValues", rows);
      if (again) expect(await again.listTables()).toEqual([s]); // number formats survive too
      // exact doubles and kinds, not just "equal-looking" values
      for (const port of again ? [ctx.port, again] : [ctx.port]) {
        const got = (await port.readTable("tblValues"))?.rows ?? [];
        rows.forEach((row, i) =>
          row.forEach((v, j) => {
            const g = got[i]?.[j];
            if (typeof v === "number") expect(Object.is(g, v)).toBe(true);
            else if (v instanceof Date) expect(g instanceof Date && g.getTime() === v.getTime()).toBe(true);
            else expect(g).toEqual(v);
          }),
        );
      }
    }

    // ------------------------------------------------------------ tables

    test("a new workbook has no tables and reading an unknown table gives undefined", async () => {
      const { port } = await make();
      expect(await port.listTables()).toEqual([]);
      expect(await port.readTable("tblNope")).toBeUndefined();
    });

    test("createTable, listTables and readTable (shapes survive a reopen, in creation order)", async () => {
      const ctx = await make();
      const currencies = shape("tblCurrencies", ["Currency", "Name", "Precision"], [TEXT, TEXT, INT], "Currencies");
      const rates = shape("tblRates", ["Date", "From", "To", "Rate"], [DATE, TEXT, TEXT, "0.0000######"], "Rates");
      await ctx.port.createTable(currencies, [
        ["EUR", "Euro", 2],
        ["JPY", "Yen", 0],
      ]);
      await ctx.port.createTable(rates, [[d("2026-03-31"), "USD", "EUR", 0.9215]]);
      expect(await ctx.port.listTables()).toEqual([currencies, rates]);
      expect(await ctx.port.readTable("tblCurrencies")).toEqual({
        name: "tblCurrencies",
        sheet: "Currencies",
        headers: ["Currency", "Name", "Precision"],
        rows: [
          ["EUR", "Euro", 2],
          ["JPY", "Yen", 0],
        ],
      });
      if (ctx.reopen) {
        const again = await ctx.reopen();
        expect(await again.listTables()).toEqual([currencies, rates]);
        expect((await again.readTable("tblRates"))?.rows).toEqual([[d("2026-03-31"), "USD", "EUR", 0.9215]]);
      }
    });

    test("table names are found case-insensitively and keep their declared spelling", async () => {
      const ctx = await make();
      await ctx.port.createTable(shape("tblCurrencies", ["Currency"], [TEXT]), [["EUR"]]);
      const t = await ctx.port.readTable("TBLCURRENCIES");
      expect(t?.name).toBe("tblCurrencies");
      expect(t?.rows).toEqual([["EUR"]]);
      await ctx.port.appendRows("tblcurrencies", [["USD"]]);
      await ctx.port.updateCells("TblCurrencies", [{ row: 1, column: "Currency", value: "CHF" }]);
      await ctx.port.replaceRows("TBLcurrencies", [["GBP"], ["CHF"]]);
      const again = await expectRows(ctx, "tblCURRENCIES", [["GBP"], ["CHF"]]);
      if (again) expect((await again.readTable("tblcurrencies"))?.name).toBe("tblCurrencies");
    });

    test("appendRows grows the table and preserves order (also after a reopen)", async () => {
      const ctx = await make();
      await ctx.port.createTable(shape("tblLedger", ["Entry no", "Amount"], [INT, AMOUNT]), [
        [1, 10],
        [2, 20],
      ]);
      await ctx.port.appendRows("tblLedger", [
        [3, 30],
        [4, 40],
      ]);
      await ctx.port.appendRows("tblLedger", []);
      await ctx.port.appendRows("tblLedger", [[5, 50]]);
      const expected = [1, 2, 3, 4, 5].map((n) => [n, n * 10]);
      const again = await expectRows(ctx, "tblLedger", expected);
      if (again) {
        await again.appendRows("tblLedger", [[6, 60]]);
        expect((await again.readTable("tblLedger"))?.rows).toEqual([...expected, [6, 60]]);
      }
    });

    test("tableSize, where the adapter has it, agrees with readTable after every kind of write and a reopen", async () => {
      const ctx = await make();
      const agree = async (port: WorkbookPort, table: string): Promise<void> => {
        if (!port.tableSize) return;
        const read = await port.readTable(table);
        const size = await port.tableSize(table);
        expect(size).toEqual(read ? { headers: read.headers, rows: read.rows.length } : undefined);
      };
      await agree(ctx.port, "tblNope");
      await ctx.port.createTable(shape("tblLedger", ["Entry no", "Amount"], [INT, AMOUNT]), [[1, 10]]);
      await agree(ctx.port, "tblLedger");
      await ctx.port.appendRows("tblLedger", [
        [2, 20],
        [3, 30],
      ]);
      await agree(ctx.port, "TBLLEDGER");
      await ctx.port.truncateRows("tblLedger", 2);
      await agree(ctx.port, "tblLedger");
      await ctx.port.replaceRows("tblLedger", [[9, 90]]);
      await agree(ctx.port, "tblLedger");
      await ctx.port.createTable(shape("tblBlank", ["A", "B"], [TEXT, TEXT]), [[null, null]]);
      await agree(ctx.port, "tblBlank");
      if (ctx.reopen) {
        const again = await ctx.reopen();
        await agree(again, "tblLedger");
        await agree(again, "tblBlank");
        await again.appendRows("tblLedger", [[10, 100]]);
        await agree(again, "tblLedger");
      }
    });

    // ------------------------------------------------------------ values

    test("text round-trips as text: unicode, leading zeros, spaces, line breaks, look-alikes of numbers, booleans, dates, formulas and errors", async () => {
      const texts = [
        "plain",
        "Zürich — 東京 🚀 ∑ €",
        "0100",
        "007",
        "  padded  ",
        "line 1\nline 2",
        "tab\there",
        "1e5",
        "-5",
        "TRUE",
        "2026-03-31",
        "=1+1",
        "#N/A",
        "<a & b>",
        "'quoted'",
      ];
      await roundTrip(
        ["Text", "Other"],
        [TEXT, "General"],
        texts.map((t) => [t, t]),
      );
    });

    test("formula-like text (= + - @, a CSV-injection path) stays text in Text and General columns, also after updateCells (issue #17 risk 5)", async () => {
      // each must read back as the same string: a formula would read back as its result (2, 5, #NAME?) or fail to write
      const texts = [
        "=1+1",
        "+2+3",
        "-2+3",
        "@SUM(A1)",
        '=HYPERLINK("http://x.example","click")',
        "=cmd|' /C calc'!A0",
        "+",
        "-",
        "@",
      ];
      const ctx = await make();
      const s = shape("tblInject", ["Text", "Other"], [TEXT, "General"]);
      await ctx.port.createTable(
        s,
        texts.map((t) => [t, t]),
      );
      await ctx.port.appendRows("tblInject", [["=2*3", "=2*3"]]);
      await ctx.port.updateCells("tblInject", [
        { row: 1, column: "Text", value: "+9" },
        { row: 1, column: "Other", value: "@x" },
      ]);
      await expectRows(ctx, "tblInject", [["+9", "@x"], ...texts.slice(1).map((t) => [t, t]), ["=2*3", "=2*3"]]);
    });

    test("updateCellsByKey writes rows that still hold their keys, and refuses, changing nothing, when a row moved (issue #17 risk 1)", async () => {
      const ctx = await make();
      const s = shape("tblKeyed", ["Voucher", "Date", "Amount", "Status"], [TEXT, DATE, AMOUNT, TEXT]);
      const rows: Rows = [
        ["D1", d("2026-03-10"), 100, "Draft"],
        ["D2", d("2026-03-12"), 50, "Draft"],
        ["D3", d("2026-03-12"), 50, null],
      ];
      await ctx.port.createTable(s, rows);
      const key = (r: number): CellValue[] => [rows[r - 1]![0]!, rows[r - 1]![1]!, rows[r - 1]![2]!];
      await ctx.port.updateCellsByKey(
        "tblKeyed",
        ["Voucher", "date", "Amount"],
        [{ row: 2, column: "Status", value: "Posted", key: key(2) }],
      );
      expect((await ctx.port.readTable("tblKeyed"))?.rows[1]).toEqual(["D2", d("2026-03-12"), 50, "Posted"]);
      // the user sorts D3 above D2 (rows 2 and 3 swap): row 3 now holds D2, so a write to "row 3 = D3" must refuse
      const moved: Rows = [rows[0]!, ["D3", d("2026-03-12"), 50, null], ["D2", d("2026-03-12"), 50, "Posted"]];
      await ctx.port.replaceRows("tblKeyed", moved);
      const attempt = ctx.port.updateCellsByKey(
        "tblKeyed",
        ["Voucher", "Date", "Amount"],
        [
          { row: 1, column: "Status", value: "Posted", key: key(1) },
          { row: 3, column: "Status", value: "Posted", key: key(3) },
        ],
      );
      await expect(attempt).rejects.toThrow(RowsMovedError);
      await expect(attempt).rejects.toMatchObject({ table: "tblKeyed", row: 3, column: "Voucher" });
      await expectRows(ctx, "tblKeyed", moved); // row 1 (unmoved) not written either
    });

    test("integers round-trip exactly", async () => {
      const ints = [0, 1, -1, 42, 2147483648, -2147483649, 123456789012345];
      await roundTrip(
        ["Int"],
        [INT],
        ints.map((n) => [n]),
      );
    });

    test("decimals round-trip exactly as doubles", async () => {
      const nums = [1234.56, 0.1, -0.07, 0.01, 123456789012.34, -1234567.89, 0.9215, 1e-7, 0.1 + 0.2];
      await roundTrip(
        ["Amount", "Plain"],
        [AMOUNT, "General"],
        nums.map((n) => [n, n]),
      );
    });

    test("booleans round-trip", async () => {
      await roundTrip(
        ["Flag", "Text"],
        ["General", TEXT],
        [
          [true, "t"],
          [false, "f"],
        ],
      );
    });

    test("dates round-trip as Date at UTC midnight, timestamps keep their time", async () => {
      const rows: Rows = [
        [d("2026-03-31"), new Date("2026-03-31T12:34:56.000Z")],
        [d("2024-02-29"), new Date("2026-01-01T00:00:01.000Z")],
        [d("1999-12-31"), new Date("2025-12-31T23:59:59.000Z")],
        [d("1900-03-01"), d("2026-03-31")],
      ];
      await roundTrip(["Date", "Posted at"], [DATE, STAMP], rows);
      const ctx = await make();
      await ctx.port.createTable(shape("tblDates", ["Date"], [DATE]), [[d("2026-03-31")]]);
      const ports = [ctx.port, ...(ctx.reopen ? [await ctx.reopen()] : [])];
      for (const p of ports) {
        const v = (await p.readTable("tblDates"))?.rows[0]?.[0];
        expect(v).toBeInstanceOf(Date);
        expect((v as Date).toISOString()).toBe("2026-03-31T00:00:00.000Z");
      }
    });

    test("a date written in a column without a date format still reads back as a Date", async () => {
      await roundTrip(["General", "Text"], ["General", TEXT], [[d("2026-03-31"), d("2026-04-01")]]);
    });

    test("error values round-trip", async () => {
      const errors = ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"];
      await roundTrip(
        ["Value"],
        ["General"],
        errors.map((e) => [{ error: e }]),
      );
    });

    test("empty cells round-trip as null, in any column and position", async () => {
      await roundTrip(
        ["A", "B", "C", "D"],
        [TEXT, AMOUNT, DATE, "General"],
        [
          [null, 1, null, "x"],
          ["y", null, d("2026-03-31"), null],
          [null, null, null, true],
          ["last", null, null, null],
        ],
      );
    });

    // what a written cell reads back as, the same on every adapter, so a copy patched with the written value
    // (src/ports/cachedReads.ts) equals what the adapter reads: "" reads back as a blank cell, a number as itself
    test("blank text reads back as a blank cell (null) in any column, after every kind of write: Excel keeps no empty text", async () => {
      const ctx = await make();
      await ctx.port.createTable(shape("tblBlankText", ["Text", "General", "Key"], [TEXT, "General", TEXT]), [
        ["", "", "a"],
      ]);
      await ctx.port.appendRows("tblBlankText", [["", "", "b"]]);
      await ctx.port.updateCells("tblBlankText", [{ row: 1, column: "Key", value: "" }]);
      await ctx.port.updateCellsByKey("tblBlankText", ["Key"], [{ row: 2, key: ["b"], column: "General", value: "" }]);
      // row 1 is all blank but not the only row, so it stays
      await expectRows(ctx, "tblBlankText", [
        [null, null, null],
        [null, null, "b"],
      ]);
      await ctx.port.replaceRows("tblBlankText", [["", "x", ""]]);
      await expectRows(ctx, "tblBlankText", [[null, "x", null]]);
    });

    test("a number written in a date column reads back as that number, not as the date of that serial", async () => {
      // 46112 is the 1900-system serial of 2026-03-31 (from 1899-12-30: 2 days to 1900-01-01, 126 × 365 + 31 leap days to
      // 2026-01-01 = 46,023, then 31 + 28 + 30 more = 46,112);
      // 0 and 2,958,465 (9999-12-31) bound the serials Excel shows as dates; 0.5 is noon; -1 and 3e6 are no dates at all
      const ctx = await make();
      await ctx.port.createTable(shape("tblSerials", ["Date", "Posted at"], [DATE, STAMP]), [
        [46112, 0.5],
        [0, 2_958_465],
      ]);
      await ctx.port.appendRows("tblSerials", [[1, d("2026-03-31")]]);
      await ctx.port.updateCells("tblSerials", [
        { row: 2, column: "Posted at", value: 45000.25 },
        { row: 3, column: "Date", value: -1 },
      ]);
      await expectRows(ctx, "tblSerials", [
        [46112, 0.5],
        [0, 45000.25],
        [-1, d("2026-03-31")],
      ]);
      await ctx.port.replaceRows("tblSerials", [
        [3e6, 1],
        [d("2026-04-01"), 2_958_465],
      ]);
      await expectRows(ctx, "tblSerials", [
        [3e6, 1],
        [d("2026-04-01"), 2_958_465],
      ]);
    });

    test("a row mixing every kind round-trips", async () => {
      await roundTrip(
        ["Entry no", "Voucher", "Date", "Account", "Amount", "Posted", "Check", "Note", "Posted at"],
        [INT, TEXT, DATE, TEXT, AMOUNT, "General", "General", TEXT, STAMP],
        [
          [
            1,
            "GL-000001",
            d("2026-03-31"),
            "0100",
            -1234.56,
            true,
            { error: "#N/A" },
            null,
            new Date("2026-04-01T08:15:00.000Z"),
          ],
          [2, "GL-000001", d("2026-03-31"), "2000", 1234.56, false, null, "Zürich", null],
        ],
      );
    });

    // ------------------------------------------------------------ updateCells

    test("updateCells changes single cells, finds columns case-insensitively, last update wins", async () => {
      const ctx = await make();
      await ctx.port.createTable(shape("tblJournal", ["Status", "Message", "Amount"], [TEXT, TEXT, AMOUNT]), [
        ["Draft", null, 10],
        ["Draft", null, 20],
        ["Draft", null, 30],
      ]);
      await ctx.port.updateCells("tblJournal", [
        { row: 2, column: "Status", value: "Posted" },
        { row: 3, column: "message", value: "Account blocked" },
        { row: 1, column: "Amount", value: null },
        { row: 3, column: "Message", value: "Account 9999 is blocked" },
        { row: 2, column: "Amount", value: d("2026-03-31") },
      ]);
      await expectRows(ctx, "tblJournal", [
        ["Draft", null, null],
        ["Posted", null, d("2026-03-31")],
        ["Draft", "Account 9999 is blocked", 30],
      ]);
    });

    test("updateCells validates every update before applying any", async () => {
      const ctx = await make();
      const rows = [
        ["a", 1],
        ["b", 2],
      ];
      await ctx.port.createTable(shape("tblT", ["Key", "N"], [TEXT, INT]), rows);
      const good = { row: 1, column: "Key", value: "changed" };
      await expect(ctx.port.updateCells("tblT", [good, { row: 1, column: "Nope", value: 1 }])).rejects.toThrow(/Nope/);
      await expect(ctx.port.updateCells("tblT", [good, { row: 0, column: "N", value: 1 }])).rejects.toThrow(/row 0/);
      await expect(ctx.port.updateCells("tblT", [good, { row: 3, column: "N", value: 1 }])).rejects.toThrow(/row 3/);
      await expect(ctx.port.updateCells("tblT", [good, { row: 1.5, column: "N", value: 1 }])).rejects.toThrow();
      await expect(ctx.port.updateCells("tblT", [good, { row: 2, column: "N", value: Number.NaN }])).rejects.toThrow();
      await expect(ctx.port.updateCells("tblNope", [good])).rejects.toThrow(/tblNope/);
      await expectRows(ctx, "tblT", rows);
    });

    // ------------------------------------------------------------ replaceRows

    test("replaceRows replaces every data row", async () => {
      const ctx = await make();
      await ctx.port.createTable(shape("tblUsers", ["User", "Active"], [TEXT, "General"]), [
        ["ann", true],
        ["bob", false],
        ["cy", true],
      ]);
      await ctx.port.replaceRows("tblUsers", [["dee", true]]);
      await expectRows(ctx, "tblUsers", [["dee", true]]);
      await ctx.port.replaceRows("tblUsers", [
        ["eve", false],
        ["fay", null],
      ]);
      await expectRows(ctx, "tblUsers", [
        ["eve", false],
        ["fay", null],
      ]);
      await ctx.port.replaceRows("tblUsers", []);
      await expectRows(ctx, "tblUsers", []);
    });

    // ------------------------------------------------------------ truncateRows

    test("truncateRows keeps the first rows and drops the rest; keeping more changes nothing", async () => {
      const ctx = await make();
      await ctx.port.createTable(shape("tblLog", ["N", "Text"], ["0", TEXT]), [
        [1, "a"],
        [2, "b"],
        [3, "c"],
      ]);
      await ctx.port.truncateRows("tblLog", 5);
      await expectRows(ctx, "tblLog", [
        [1, "a"],
        [2, "b"],
        [3, "c"],
      ]);
      await ctx.port.truncateRows("tblLog", 1);
      await expectRows(ctx, "tblLog", [[1, "a"]]);
      await ctx.port.appendRows("tblLog", [[4, "d"]]);
      await expectRows(ctx, "tblLog", [
        [1, "a"],
        [4, "d"],
      ]);
      await ctx.port.truncateRows("tblLog", 0);
      await expectRows(ctx, "tblLog", []);
      await expect(ctx.port.truncateRows("tblNope", 0)).rejects.toThrow(/tblNope/);
      await expect(ctx.port.truncateRows("tblLog", -1)).rejects.toThrow();
    });

    // ------------------------------------------------------------ errors

    test("writes to a missing table throw an error naming the table", async () => {
      const { port } = await make();
      await expect(port.appendRows("tblMissing", [["x"]])).rejects.toThrow(/tblMissing/);
      await expect(port.updateCells("tblMissing", [{ row: 1, column: "A", value: 1 }])).rejects.toThrow(/tblMissing/);
      await expect(port.replaceRows("tblMissing", [])).rejects.toThrow(/tblMissing/);
      expect(await port.listTables()).toEqual([]);
    });

    test("createTable refuses an existing name (any case), mismatched rows and mismatched formats, creating nothing", async () => {
      const ctx = await make();
      await ctx.port.createTable(shape("tblA", ["X", "Y"], [TEXT, INT]), [["a", 1]]);
      await expect(ctx.port.createTable(shape("tblA", ["X", "Y"], [TEXT, INT], "Other"), [])).rejects.toThrow(/tblA/);
      await expect(ctx.port.createTable(shape("TBLA", ["X"], [TEXT], "Other2"), [])).rejects.toThrow();
      await expect(ctx.port.createTable(shape("tblB", ["X", "Y"], [TEXT, INT]), [["a", 1], ["short"]])).rejects.toThrow(
        /row 2/,
      );
      await expect(ctx.port.createTable(shape("tblC", ["X", "Y"], [TEXT]), [])).rejects.toThrow();
      await expect(ctx.port.createTable(shape("tblD", ["X", "x"], [TEXT, TEXT]), [])).rejects.toThrow();
      expect((await ctx.port.listTables()).map((t) => t.name)).toEqual(["tblA"]);
      expect(await ctx.port.readTable("tblB")).toBeUndefined();
    });

    test("appendRows and replaceRows refuse rows of the wrong length and change nothing", async () => {
      const ctx = await make();
      const rows = [["a", 1]];
      await ctx.port.createTable(shape("tblT", ["Key", "N"], [TEXT, INT]), rows);
      await expect(ctx.port.appendRows("tblT", [["b", 2], ["c"]])).rejects.toThrow(/row 2/);
      await expect(ctx.port.appendRows("tblT", [["b", 2, 3]])).rejects.toThrow();
      await expect(ctx.port.replaceRows("tblT", [["b", 2], []])).rejects.toThrow();
      await expectRows(ctx, "tblT", rows);
    });

    test("values a cell cannot hold are refused and change nothing", async () => {
      const ctx = await make();
      await ctx.port.createTable(shape("tblT", ["V"], ["General"]), [[1]]);
      for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, new Date(Number.NaN), "x".repeat(32768)]) {
        await expect(ctx.port.appendRows("tblT", [[2], [bad]])).rejects.toThrow();
      }
      await expect(ctx.port.createTable(shape("tblU", ["V"], ["General"]), [[Number.NaN]])).rejects.toThrow();
      expect(await ctx.port.readTable("tblU")).toBeUndefined();
      await expectRows(ctx, "tblT", [[1]]);
    });

    // ------------------------------------------------------------ zero-row tables

    test("zero-row tables: created empty, listed, still empty (with their formats) after a reopen, and growable", async () => {
      const ctx = await make();
      const s = shape("tblEmpty", ["Date", "Amount", "Note"], [DATE, AMOUNT, TEXT]);
      await ctx.port.createTable(s, []);
      expect(await ctx.port.listTables()).toEqual([s]);
      const again = await expectRows(ctx, "tblEmpty", []);
      const port = again ?? ctx.port;
      expect(await port.listTables()).toEqual([s]);
      await expect(port.updateCells("tblEmpty", [{ row: 1, column: "Note", value: "x" }])).rejects.toThrow();
      await port.appendRows("tblEmpty", [[d("2026-03-31"), 12.5, "first"]]);
      expect((await port.readTable("tblEmpty"))?.rows).toEqual([[d("2026-03-31"), 12.5, "first"]]);
    });

    test("a table whose only row is entirely blank has zero rows", async () => {
      const ctx = await make();
      await ctx.port.createTable(shape("tblBlank", ["A", "B"], [TEXT, INT]), [[null, null]]);
      await expectRows(ctx, "tblBlank", []);
      await ctx.port.appendRows("tblBlank", [[null, null]]);
      expect((await ctx.port.readTable("tblBlank"))?.rows).toEqual([]);
      await ctx.port.appendRows("tblBlank", [["x", 1]]);
      await ctx.port.updateCells("tblBlank", [
        { row: 1, column: "A", value: null },
        { row: 1, column: "B", value: null },
      ]);
      await expectRows(ctx, "tblBlank", []);
      // blank rows among other rows are kept
      await ctx.port.replaceRows("tblBlank", [
        [null, null],
        ["y", 2],
      ]);
      await expectRows(ctx, "tblBlank", [
        [null, null],
        ["y", 2],
      ]);
    });

    // ------------------------------------------------------------ reports

    test("writeReport writes (and rewrites) a sheet that is not a table", async () => {
      const ctx = await make();
      await ctx.port.createTable(shape("tblT", ["A"], [TEXT], "Data"), [["x"]]);
      const report = {
        sheet: "Trial balance",
        title: "Trial balance 2026-03",
        rows: [
          ["Account", "Name", "Balance"],
          ["1000", "Cash", 1234.56],
          ["Total", null, 1234.56],
        ],
        numberFormats: [TEXT, undefined, AMOUNT],
        boldRows: [0, 2],
      };
      await ctx.port.writeReport(report);
      await ctx.port.writeReport({
        ...report,
        title: "Trial balance 2026-04",
        rows: [["Account"], ["Total", null, 0]],
      });
      expect((await ctx.port.listTables()).map((t) => t.name)).toEqual(["tblT"]);
      if (ctx.reopen) {
        const again = await ctx.reopen();
        expect((await again.listTables()).map((t) => t.name)).toEqual(["tblT"]);
        await again.writeReport(report); // a report sheet from the file is replaced
        expect((await again.readTable("tblT"))?.rows).toEqual([["x"]]);
      }
    });

    test("a report never replaces a table, and a table never lands on a report's sheet", async () => {
      const ctx = await make();
      await ctx.port.createTable(shape("tblT", ["A"], [TEXT], "Data"), [["x"]]);
      await expect(ctx.port.writeReport({ sheet: "Data", title: "Oops", rows: [] })).rejects.toThrow(/tblT/);
      await expect(ctx.port.writeReport({ sheet: "DATA", title: "Oops", rows: [] })).rejects.toThrow();
      await ctx.port.writeReport({ sheet: "Report", title: "R", rows: [[1]] });
      await expect(ctx.port.createTable(shape("tblR", ["A"], [TEXT], "Report"), [])).rejects.toThrow();
      await expect(ctx.port.createTable(shape("tblS", ["A"], [TEXT], "data"), [])).rejects.toThrow();
      await expectRows(ctx, "tblT", [["x"]]);
    });

    // ------------------------------------------------------------ plain ranges

    test("readRange: a block of cells of a table's or a report's sheet, as the sheet shows them", async () => {
      const ctx = await make();
      // sheet "Bank": header in row 1 (A1 Date, B1 Amount), data rows 2–3 → B2:B3 holds 60 and 49.5
      await ctx.port.createTable(shape("tblBank", ["Date", "Amount"], [DATE, AMOUNT], "Bank"), [
        [d("2026-03-20"), 60],
        [d("2026-03-31"), 49.5],
      ]);
      // a report: title in A1, row 2 blank, its rows from row 3 → A3 "Line", B4 -12.25
      await ctx.port.writeReport({
        sheet: "Statement",
        title: "Bank statement",
        rows: [
          ["Line", "Amount"],
          ["fee", -12.25],
        ],
      });
      for (const port of ctx.reopen ? [ctx.port, await ctx.reopen()] : [ctx.port]) {
        expect(await port.readRange("Nowhere", { row: 1, column: 1, rows: 1, columns: 1 })).toBeUndefined();
        expect(await port.readRange("Bank", { row: 2, column: 2, rows: 2, columns: 1 })).toEqual([[60], [49.5]]);
        // A1:C4 on "bank": the header, a date, and empty cells (column C, row 4) as null
        expect(await port.readRange("bank", { row: 1, column: 1, rows: 4, columns: 3 })).toEqual([
          ["Date", "Amount", null],
          [d("2026-03-20"), 60, null],
          [d("2026-03-31"), 49.5, null],
          [null, null, null],
        ]);
        expect(await port.readRange("Statement", { row: 1, column: 1, rows: 4, columns: 2 })).toEqual([
          ["Bank statement", null],
          [null, null],
          ["Line", "Amount"],
          ["fee", -12.25],
        ]);
      }
    });

    // ------------------------------------------------------------ conditional formats

    test("conditional formats cover their columns' data rows and follow the table as rows are appended and removed (issue #13)", async () => {
      const ctx = await make();
      const rules: ColumnFormatRule[] = [
        { column: "Status", equals: "Reviewed", fill: "#C6EFCE", font: "#006100" },
        { column: "due", formula: 'AND(ISNUMBER([@Due]),[@Due]<TODAY(),[@Status]<>"Reviewed")', fill: "#ffc7ce" },
      ];
      const plain = shape("tblTasks", ["Task", "Due", "Status"], [TEXT, DATE, TEXT], "Tasks");
      const bad = { ...plain, conditionalFormats: [{ column: "Nope", equals: "x", fill: "#FFFFFF" }] };
      await expect(ctx.port.createTable(bad, [])).rejects.toThrow(/no column "Nope"/);
      expect(await ctx.port.listTables()).toEqual([]);
      const unknownRef = { ...plain, conditionalFormats: [{ column: "Due", formula: "[@Owner]<>1", fill: "#FFFFFF" }] };
      await expect(ctx.port.createTable(unknownRef, [])).rejects.toThrow(/no column "Owner"/);

      const row = (id: string, status: string): CellValue[] => [id, d("2026-01-05"), status];
      await ctx.port.createTable({ ...plain, conditionalFormats: rules }, [
        row("T1", "Reviewed"),
        row("T2", "Prepared"),
      ]);
      expect(await ctx.port.listTables()).toEqual([plain]); // the rules are written, not listed
      // by hand: header in row 1 (A Task, B Due, C Status), data rows 2..last; [@Due] → $B2 and
      // [@Status] → $C2, relative to each range's first cell; colours upper-case
      const expected = (last: number): AppliedRule[] => [
        { range: `C2:C${last}`, equals: "Reviewed", fill: "#C6EFCE", font: "#006100" },
        { range: `B2:B${last}`, formula: 'AND(ISNUMBER($B2),$B2<TODAY(),$C2<>"Reviewed")', fill: "#FFC7CE" },
      ];
      const check = ctx.conditionalFormats;
      if (check) expect(await check(ctx.port, "Tasks")).toEqual(expected(3));
      await ctx.port.appendRows("tblTasks", [row("T3", "In progress"), row("T4", "Not started")]);
      if (check) expect(await check(ctx.port, "tasks")).toEqual(expected(5));
      const again = ctx.reopen ? await ctx.reopen() : ctx.port;
      if (check) expect(await check(again, "Tasks")).toEqual(expected(5));
      await again.appendRows("tblTasks", [row("T5", "N/A")]); // xlsx: the patch save
      if (check) expect(await check(again, "Tasks")).toEqual(expected(6));
      await again.truncateRows("tblTasks", 1);
      if (check) expect(await check(again, "Tasks")).toEqual(expected(2));
      await again.replaceRows("tblTasks", []); // an empty table keeps one blank row, and its rules
      if (check) expect(await check(again, "Tasks")).toEqual(expected(2));
      expect((await again.readTable("tblTasks"))?.rows).toEqual([]);
    });

    // ------------------------------------------------------------ isolation

    test("callers cannot mutate stored state through the arrays they pass or receive", async () => {
      const ctx = await make();
      const date = d("2026-03-31");
      const input: CellValue[][] = [["a", date, { error: "#N/A" }]];
      const headers = ["K", "D", "E"];
      await ctx.port.createTable(shape("tblT", headers, [TEXT, DATE, "General"]), input);
      (input[0] as CellValue[])[0] = "mutated";
      date.setUTCFullYear(1999);
      headers.push("Extra");
      const read1 = await ctx.port.readTable("tblT");
      const row = read1?.rows[0] as CellValue[];
      row[0] = "mutated again";
      (row[1] as Date).setUTCFullYear(1998);
      (row[2] as { error: string }).error = "#REF!";
      const read2 = await ctx.port.readTable("tblT");
      expect(read2?.headers).toEqual(["K", "D", "E"]);
      expect(read2?.rows).toEqual([["a", d("2026-03-31"), { error: "#N/A" }]]);
    });

    // ------------------------------------------------------------ protection

    describeProtectionContract(make);
  });
}
