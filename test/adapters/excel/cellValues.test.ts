/**
 * The Excel adapter's value conversions: 1900 serials (with Excel's fictitious
 * 1900-02-29), text protection, formats of values that do not fit the column,
 * and Office error mapping.
 *
 * Example: toSerial(2026-03-31) = 46112; toExcelCell("TRUE", "General") → "'TRUE".
 */
import {
  fromExcelCell,
  fromSerial,
  mayBeError,
  toExcelCell,
  toSerial,
  toTableCell,
} from "../../../src/adapters/excel/cellValues";
import { columnFormats, planChunks } from "../../../src/adapters/excel/chunks";
import { ExcelApiError, fromOfficeError } from "../../../src/adapters/excel/officeErrors";

const d = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);

test("date serials in the 1900 system, both ways", () => {
  expect([d("1900-01-01"), d("1900-02-28"), d("1900-03-01"), d("2026-03-31")].map(toSerial)).toEqual([
    1, 59, 61, 46112,
  ]);
  for (const iso of [
    "1900-01-01T00:00:00.000Z",
    "1900-02-28T12:00:00.000Z",
    "1900-03-01T00:00:00.000Z",
    "2026-03-31T12:34:56.789Z",
    "9999-12-31T23:59:59.000Z",
  ]) {
    expect(fromSerial(toSerial(new Date(iso))).toISOString()).toBe(iso);
  }
  expect(fromExcelCell(46112.5, "yyyy-mm-dd hh:mm")).toEqual(new Date("2026-03-31T12:00:00.000Z"));
  expect(fromExcelCell(46112, "#,##0.00;[Red]-#,##0.00")).toBe(46112);
  expect(Object.is(fromExcelCell(-0, "General"), 0)).toBe(true);
});

test("writing: text stays text, values that do not fit the column get their own cell format", () => {
  expect(toExcelCell("TRUE", "General")).toEqual({ value: "'TRUE", format: "General" });
  expect(toExcelCell("=1+1", "@")).toEqual({ value: "'=1+1", format: "General" }); // formula-like text: apostrophe, never parsed
  expect(toExcelCell(" @SUM(A1)", "@")).toEqual({ value: "' @SUM(A1)", format: "General" });
  expect(toExcelCell("-5", "@")).toEqual({ value: "'-5", format: "General" });
  expect(toExcelCell("'q'", "@")).toEqual({ value: "''q'", format: "General" });
  expect(toExcelCell(5, "@")).toEqual({ value: 5, format: "General" });
  expect(toExcelCell({ error: "#N/A" }, "@")).toEqual({ value: "#N/A", format: "General" });
  expect(toExcelCell(d("2026-03-31"), "General")).toEqual({ value: 46112, format: "yyyy-mm-dd" });
  expect(toExcelCell(new Date("2026-03-31T01:00:00Z"), "@").format).toBe("yyyy-mm-dd hh:mm:ss");
  expect(toExcelCell(null, "0")).toEqual({ value: "", format: "0" });
});

test("a table's number in a date column goes out in a General cell (it reads back as the number); a report's keeps the column's format", () => {
  // 46112 in a "yyyy-mm-dd" cell would read back as 2026-03-31 (see the serials above)
  expect(toTableCell(46112, "yyyy-mm-dd")).toEqual({ value: 46112, format: "General" });
  expect(toTableCell(0.5, "yyyy-mm-dd hh:mm:ss")).toEqual({ value: 0.5, format: "General" });
  expect(toTableCell(d("2026-03-31"), "yyyy-mm-dd")).toEqual({ value: 46112, format: "yyyy-mm-dd" });
  expect(toTableCell(7, "0")).toEqual({ value: 7, format: "0" });
  expect(toTableCell(true, "yyyy-mm-dd")).toEqual({ value: true, format: "yyyy-mm-dd" });
  expect(fromExcelCell(46112, toTableCell(46112, "yyyy-mm-dd").format)).toBe(46112);
  const table = [...planChunks([[46112, d("2026-03-31")]], 2, () => "yyyy-mm-dd", "1900")][0];
  expect(table?.formats).toEqual([["General", "yyyy-mm-dd"]]);
  const report = [...planChunks([[46112]], 1, () => "yyyy-mm-dd", "1900", toExcelCell)][0];
  expect(report?.formats).toEqual([["yyyy-mm-dd"]]);
});

test("reading: blanks, error candidates and column formats", () => {
  expect(fromExcelCell("", "@")).toBeNull();
  expect(fromExcelCell("#N/A", "General", true)).toEqual({ error: "#N/A" });
  expect(fromExcelCell("#N/A", "General")).toBe("#N/A");
  expect(["#N/A", "#DIV/0!", "#GETTING_DATA", "#NAME?"].every(mayBeError)).toBe(true);
  expect(["# N/A", "#", "note #1", 5].some(mayBeError)).toBe(false);
  expect(
    columnFormats(
      [
        ["yyyy-mm-dd", "@"],
        ["General", "@"],
        ["General", "0"],
      ],
      2,
    ),
  ).toEqual(["General", "@"]);
});

test("Office errors: AccessDenied keeps the port's prefix, others become ExcelApiError with the cause", () => {
  const denied = fromOfficeError(
    Object.assign(new Error("You cannot perform the requested operation."), { code: "AccessDenied" }),
    "appendRows tblGL",
  );
  expect(denied.message).toMatch(/^AccessDenied: appendRows tblGL: /);
  const other = fromOfficeError(Object.assign(new Error("boom"), { code: "GeneralException" }), "readTable tblGL");
  expect(other).toBeInstanceOf(ExcelApiError);
  expect(other.message).toBe("readTable tblGL: Excel error GeneralException: boom");
  expect((other as ExcelApiError).code).toBe("GeneralException");
});
