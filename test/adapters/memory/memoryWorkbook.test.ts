/**
 * MemoryWorkbook: the shared WorkbookPort contract plus the memory-only test
 * helpers (failure injection, from/snapshot, reports).
 *
 * Example: wb.failOnWrite(2) → the second write call from now rejects with
 * "injected failure" and leaves the workbook exactly as it was.
 */
import { MemoryWorkbook } from "../../../src/adapters/memory/memoryWorkbook";
import { describeWorkbookPortContract } from "../contract/workbookPortContract";

describeWorkbookPortContract("memory", async () => ({
  port: new MemoryWorkbook(),
  conditionalFormats: async (port, sheet) => (port as MemoryWorkbook).conditionalFormats(sheet),
}));

const shape = { name: "tblT", sheet: "T", headers: ["Key", "N"], numberFormats: ["@", "0"] };

describe("MemoryWorkbook failure injection", () => {
  test("the nth write call throws 'injected failure' once and changes nothing", async () => {
    const wb = new MemoryWorkbook();
    await wb.createTable(shape, [["a", 1]]);
    wb.failOnWrite(2);
    await wb.appendRows("tblT", [["b", 2]]);
    const before = wb.snapshot();
    await expect(wb.appendRows("tblT", [["c", 3]])).rejects.toThrow("injected failure");
    expect(wb.snapshot()).toEqual(before);
    await wb.appendRows("tblT", [["c", 3]]);
    expect((await wb.readTable("tblT"))?.rows).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ]);
  });

  test("every kind of write can be made to fail, and counts as a write", async () => {
    const writes: ((wb: MemoryWorkbook) => Promise<void>)[] = [
      (wb) => wb.createTable({ ...shape, name: "tblU", sheet: "U" }, []),
      (wb) => wb.appendRows("tblT", [["b", 2]]),
      (wb) => wb.updateCells("tblT", [{ row: 1, column: "N", value: 5 }]),
      (wb) => wb.replaceRows("tblT", []),
      (wb) => wb.writeReport({ sheet: "R", title: "R", rows: [] }),
    ];
    for (const write of writes) {
      const wb = MemoryWorkbook.from([{ ...shape, rows: [["a", 1]] }], { failOnWrite: 1 });
      const before = wb.snapshot();
      await expect(write(wb)).rejects.toThrow("injected failure");
      expect(wb.snapshot()).toEqual(before);
      expect(wb.writeCount).toBe(1);
      await write(wb); // the failure fires once
      expect(wb.writeCount).toBe(2);
    }
  });

  test("failOnWrite counts from now; invalid counts are refused", async () => {
    const wb = new MemoryWorkbook({ failOnWrite: 3 });
    await wb.createTable(shape, []);
    await wb.appendRows("tblT", [["a", 1]]);
    await expect(wb.appendRows("tblT", [["b", 2]])).rejects.toThrow("injected failure");
    wb.failOnWrite(1);
    await expect(wb.replaceRows("tblT", [])).rejects.toThrow("injected failure");
    expect((await wb.readTable("tblT"))?.rows).toEqual([["a", 1]]);
    expect(() => wb.failOnWrite(0)).toThrow();
    expect(() => new MemoryWorkbook({ failOnWrite: 1.5 })).toThrow();
  });

  test("a write refused by validation still counts as a write call", async () => {
    const wb = new MemoryWorkbook();
    await expect(wb.appendRows("tblMissing", [])).rejects.toThrow(/tblMissing/);
    expect(wb.writeCount).toBe(1);
  });
});

describe("MemoryWorkbook helpers", () => {
  test("from() builds tables (formats default to General) and snapshot() deep-copies", async () => {
    const wb = MemoryWorkbook.from([
      { name: "tblA", sheet: "A", headers: ["X"], rows: [[new Date("2026-03-31T00:00:00Z")]] },
    ]);
    expect(await wb.listTables()).toEqual([{ name: "tblA", sheet: "A", headers: ["X"], numberFormats: ["General"] }]);
    const snap = wb.snapshot();
    (snap.tables[0]?.rows[0]?.[0] as Date).setUTCFullYear(2000);
    expect((await wb.readTable("tblA"))?.rows).toEqual([[new Date("2026-03-31T00:00:00Z")]]);
  });

  test("from() validates like createTable unless trusted", () => {
    expect(() =>
      MemoryWorkbook.from([{ name: "tblA", sheet: "A", headers: ["X"], rows: [[{ error: "#FORMULA" }]] }]),
    ).toThrow(/#FORMULA/);
    const trusted = MemoryWorkbook.from(
      [{ name: "tblA", sheet: "A", headers: ["X"], rows: [[{ error: "#FORMULA" }]] }],
      { trusted: true },
    );
    expect(trusted.rowCount("tblA")).toBe(1);
    expect(() =>
      MemoryWorkbook.from([{ name: "tblA", sheet: "A", headers: ["X"], rows: [["a", "b"]] }], { trusted: true }),
    ).toThrow(/row 1/);
  });

  test("reports are kept, rewritten in place and copied out", async () => {
    const wb = new MemoryWorkbook();
    await wb.writeReport({
      sheet: "TB",
      title: "Trial balance",
      rows: [
        ["Account", "Balance"],
        ["1000", 5],
      ],
      numberFormats: ["@", "0.00"],
      boldRows: [0],
    });
    await wb.writeReport({ sheet: "PL", title: "P&L", rows: [] });
    await wb.writeReport({ sheet: "tb", title: "Trial balance (2)", rows: [["Total", 0]] });
    expect(wb.reports().map((r) => [r.sheet, r.title])).toEqual([
      ["tb", "Trial balance (2)"],
      ["PL", "P&L"],
    ]);
    const r = wb.getReport("TB");
    expect(r?.rows).toEqual([["Total", 0]]);
    expect(r?.numberFormats).toBeUndefined();
    (r?.rows[0] as unknown[])[0] = "mutated";
    expect(wb.getReport("tb")?.rows).toEqual([["Total", 0]]);
    expect(wb.getReport("nope")).toBeUndefined();
  });

  test("names Excel would refuse are refused", async () => {
    const wb = new MemoryWorkbook();
    for (const name of ["A1", "R1C1", "tbl X", "1tbl", "", "R", "XFD1048576"]) {
      await expect(wb.createTable({ ...shape, name, sheet: `S${wb.writeCount}` }, [])).rejects.toThrow();
    }
    for (const sheet of ["", "a/b", "x".repeat(32), "'quoted'", "History", "[x]"]) {
      await expect(wb.createTable({ ...shape, sheet }, [])).rejects.toThrow();
    }
    expect(await wb.listTables()).toEqual([]);
    await wb.createTable({ ...shape, name: "tbl_Ok.2", sheet: "Journal (draft)" }, []);
    expect((await wb.listTables()).map((t) => t.name)).toEqual(["tbl_Ok.2"]);
  });
});
