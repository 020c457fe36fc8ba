/**
 * Cell values between exceljs and the port, plus number-format helpers.
 *
 * Reading (exceljs → CellValue):
 *   number → number (-0 → 0); string → string; boolean → boolean;
 *   Date (exceljs turns date-formatted numbers into Dates) → Date, rounded to the ms;
 *   { error } → { error }; rich text → its plain text; hyperlink → its text;
 *   formula → its cached result (converted the same way), or
 *   { error: "#FORMULA" } when the file holds no cached result (a file written
 *   by a tool that does not calculate); empty → null.
 * Writing (CellValue → exceljs): the same values; a Date goes out as a date
 *   serial and needs a date number format to come back as a Date.
 *
 * Example: fromExcel({ formula: "A1*2", result: 4 }) → 4
 *          fromExcel({ richText: [{ text: "Zü" }, { text: "rich" }] }) → "Zürich"
 *          isDateFormat("yyyy-mm-dd") → true; isDateFormat("#,##0.00") → false
 */
import type { CellValue } from "../../ports/workbook";
import { isCellError } from "../../ports/workbook";
import { dateFormatFor } from "../../schema/dateFormats";
import { textOf } from "../../core/text/textOf";

/** The error value read for a formula cell without a cached result. */
export const FORMULA_WITHOUT_RESULT = "#FORMULA";

/** An exceljs cell value, loosely typed (exceljs' own union misses some shapes). */
export type ExcelValue = unknown;

export function fromExcel(v: ExcelValue): CellValue {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case "number":
      return v === 0 ? 0 : v;
    case "string":
    case "boolean":
      return v;
    case "object":
      break;
    default:
      return textOf(v);
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { error: "#VALUE!" } : new Date(Math.round(v.getTime()));
  const o = v as Record<string, unknown>;
  if ("formula" in o || "sharedFormula" in o) {
    return o.result === undefined || o.result === null ? { error: FORMULA_WITHOUT_RESULT } : fromExcel(o.result);
  }
  if (typeof o.error === "string") return { error: o.error };
  if (Array.isArray(o.richText)) return o.richText.map((r) => textOf((r as { text?: unknown }).text)).join("");
  if ("hyperlink" in o || "text" in o) {
    const t = fromExcel(o.text);
    return t === null ? "" : typeof t === "string" ? t : textOf(t);
  }
  return JSON.stringify(v);
}

/** The exceljs value for a port value (fresh objects, so exceljs never shares ours). */
export function toExcel(v: CellValue): ExcelValue {
  if (v instanceof Date) return new Date(v.getTime());
  if (isCellError(v)) return { error: v.error };
  return v;
}

export { dateFormatFor, isDateFormat } from "../../schema/dateFormats";

/** Rough display width of a value in characters (for column widths). */
export function displayWidth(v: CellValue, fmt: string | undefined): number {
  if (v === null) return 0;
  if (typeof v === "string") {
    let longest = 0;
    for (const line of v.split("\n")) longest = Math.max(longest, line.length);
    return longest;
  }
  if (typeof v === "number")
    return Math.max(
      String(Math.round(v)).length +
        (fmt && fmt.includes(".") ? 4 : 1) +
        Math.floor(String(Math.round(Math.abs(v))).length / 3),
      6,
    );
  if (typeof v === "boolean") return 5;
  if (v instanceof Date) return dateFormatFor(v).length;
  return v.error.length;
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001F]/g;

/** Excel stores characters a name attribute cannot hold as _xHHHH_. */
export function encodeColumnName(name: string): string {
  return name
    .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, "_x005F_")
    .replace(CONTROL_CHARACTERS, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}

export function decodeColumnName(name: string): string {
  return name.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
