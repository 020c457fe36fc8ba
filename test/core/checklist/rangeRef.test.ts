/** A supporting balance read from a sheet range: the reference and the sum, worked by hand. */
import fc from "fast-check";
import { columnLetters, parseSheetRange, sumRange, type SheetRange } from "../../../src/core/checklist/rangeRef";

const at = { table: "tblReconciliations", column: "Source" };

describe("parseSheetRange", () => {
  it("a range, a single cell, a quoted sheet, $ signs and corners given bottom-right first", () => {
    // B2:B40 → column B = 2, rows 2..40 = 39 rows
    expect(parseSheetRange("Bank!B2:B40")).toEqual({
      sheet: "Bank",
      address: "B2:B40",
      block: { row: 2, column: 2, rows: 39, columns: 1 },
    });
    expect(parseSheetRange("Bank!B7")).toEqual({
      sheet: "Bank",
      address: "B7",
      block: { row: 7, column: 2, rows: 1, columns: 1 },
    });
    // AA = 26 + 1 = 27; corners swapped: C5:AA1 → C1:AA5, 25 columns × 5 rows
    expect(parseSheetRange("'Bank EUR'!$AA$1:C5")).toEqual({
      sheet: "Bank EUR",
      address: "C1:AA5",
      block: { row: 1, column: 3, rows: 5, columns: 25 },
    });
    expect(parseSheetRange("'O''Brien'!A1")).toMatchObject({ sheet: "O'Brien" });
  });
  it("bad references are sentences, not throws", () => {
    for (const bad of ["Bank", "Bank!", "Bank!B0", "Bank!B2:", "Bank!XFE1", "Bank!B2:B3:B4", "!A1", "Bank!A1048577"])
      expect(typeof parseSheetRange(bad)).toBe("string");
    // a whole column's worth of rows: 1,048,576 cells > 100,000
    expect(parseSheetRange("Bank!B1:B1048576")).toMatch(/1048576 cells/);
  });
  it("property: column letters and back (A=1, Z=26, AA=27, XFD=16384)", () => {
    expect([1, 26, 27, 52, 53, 702, 703, 16384].map(columnLetters)).toEqual([
      "A",
      "Z",
      "AA",
      "AZ",
      "BA",
      "ZZ",
      "AAA",
      "XFD",
    ]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16384 }), fc.integer({ min: 1, max: 1000 }), (c, r) => {
        const p = parseSheetRange(`S!${columnLetters(c)}${r}`) as SheetRange;
        expect(p.block).toEqual({ row: r, column: c, rows: 1, columns: 1 });
      }),
    );
  });
});

describe("sumRange", () => {
  const ref = parseSheetRange("Bank!B2:C4") as SheetRange;
  it("sums the numbers exactly, skipping empty cells", () => {
    // 0.1 + 0.2 + 1250.05 + (−50) = 1200.35 exactly (no float drift)
    const r = sumRange(
      ref,
      [
        [0.1, null],
        [0.2, ""],
        [1250.05, -50],
      ],
      at,
    );
    expect([r.sum.toString(), r.issues]).toEqual(["1200.35", []]);
  });
  it("a text, date, boolean or error cell is an issue naming the cell", () => {
    const r = sumRange(
      ref,
      [
        [10, "Total"],
        [new Date("2026-03-31T00:00:00Z"), true],
        [{ error: "#N/A" }, 5],
      ],
      at,
    );
    expect(r.sum.toString()).toBe("15");
    expect(r.issues.map((i) => [i.code, i.at, i.message.split(",")[0]])).toEqual([
      ["BAD_CELL", at, 'Bank!C2 holds the text "Total"'],
      ["BAD_CELL", at, "Bank!B3 holds the date 2026-03-31"],
      ["BAD_CELL", at, "Bank!C3 holds the value TRUE"],
      ["BAD_CELL", at, "Bank!B4 holds the error value #N/A"],
    ]);
    const q = sumRange(parseSheetRange("'Bank EUR'!A1") as SheetRange, [["x"]], at);
    expect(q.issues[0]!.message).toMatch(/^'Bank EUR'!A1 holds/);
  });
});
