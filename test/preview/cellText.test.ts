/**
 * @jest-environment node
 *
 * How the preview grid shows a cell (src/preview/cellText.ts): the formats
 * Closebook writes, read as Excel would display them.
 *
 * Example: cellText(46112, "yyyy-mm-dd").text === "2026-03-31"
 */
import { cellText, serialToDate } from "../../src/preview/cellText";
import { toSerial } from "../../src/preview/fakeExcel/entry";
import { ErrorValue } from "../../src/preview/fakeExcel/model";

const serial = (iso: string): number => toSerial(Date.parse(iso));

describe("the preview grid's cell text", () => {
  test("dates and timestamps through their formats; serials round-trip with the fake's entry rules", () => {
    expect(cellText(serial("2026-03-31T00:00:00Z"), "yyyy-mm-dd")).toEqual({ text: "2026-03-31", align: "end" });
    expect(cellText(serial("2026-03-31T17:04:05Z"), "yyyy-mm-dd hh:mm:ss").text).toBe("2026-03-31 17:04:05");
    expect(cellText(serial("2026-03-31T17:04:00Z"), "yyyy-mm-dd hh:mm").text).toBe("2026-03-31 17:04");
    expect(serialToDate(serial("1900-01-15T00:00:00Z")).toISOString()).toBe("1900-01-15T00:00:00.000Z");
    expect(serialToDate(serial("1900-03-01T00:00:00Z")).toISOString()).toBe("1900-03-01T00:00:00.000Z");
  });

  test("amounts, rates, percentages, integers, General, text-formatted numbers", () => {
    expect(cellText(-1234.5, "#,##0.00;[Red]-#,##0.00")).toEqual({ text: "-1,234.50", align: "end", negative: true });
    expect(cellText(1234567.891, "#,##0.00;[Red]-#,##0.00").text).toBe("1,234,567.89");
    expect(cellText(-1234.5, "#,##0.00;(#,##0.00);-").text).toBe("(1,234.50)");
    expect(cellText(0, "#,##0.00;(#,##0.00);-").text).toBe("-");
    expect(cellText(1.5, "0.0000######").text).toBe("1.5000");
    expect(cellText(0.00923456789, "0.0000######").text).toBe("0.0092345679"); // rounded at 10 decimals
    expect(cellText(0.25, "0%").text).toBe("25%");
    expect(cellText(0.125, "0.0%").text).toBe("12.5%");
    expect(cellText(42, "0")).toEqual({ text: "42", align: "end" });
    expect(cellText(0.1 + 0.2, "General").text).toBe("0.3");
    expect(cellText(123456789012345, "General").text).toBe("1.23457E+14");
    expect(cellText(100, "@")).toEqual({ text: "100", align: "start" });
  });

  test("text, logicals, errors, empty cells", () => {
    expect(cellText("GL-000001", "@")).toEqual({ text: "GL-000001", align: "start" });
    expect(cellText(true, "General")).toEqual({ text: "TRUE", align: "center" });
    expect(cellText(new ErrorValue("#N/A"), "General")).toEqual({ text: "#N/A", align: "center" });
    expect(cellText(undefined, "yyyy-mm-dd")).toEqual({ text: "", align: "start" });
  });
});
