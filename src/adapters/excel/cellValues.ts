/**
 * Cell values between the port and Excel's `range.values` / `numberFormat`.
 *
 * Writing (CellValue + the column's number format → value and cell format):
 * - null and "" → "" (clears the cell; office-js would skip a null).
 * - number, boolean → as is; a Date → its serial number in the workbook's date
 *   system (office-js takes no Date objects; `range.values` holds 1904-system
 *   serials in a 1904 workbook: serial 0 = 1904-01-01, a date's 1900 serial
 *   − 1462), in a cell with a date format (the column's when it is one, else
 *   "yyyy-mm-dd" or "yyyy-mm-dd hh:mm:ss"). A 1904 workbook cannot hold dates
 *   before 1904-01-01 (negative serials, shown as ####).
 * - { error } → its code ("#N/A"), which Excel enters as the error value.
 * - Text must never be parsed by Excel ("0100", "TRUE", "=1+1", "#N/A",
 *   "2026-03-31", "1,5" in some locales ...). Chosen rule:
 *   - in a Text ("@") column, text is written as is: Excel stores whatever is
 *     entered into a Text-formatted cell verbatim;
 *   - in any other column, text is written with a leading apostrophe (Excel's
 *     text prefix, not part of the value read back), so no guess about what
 *     Excel or the user's locale would parse is needed;
 *   - text starting with an apostrophe, or with = + - @ (which Excel may take
 *     as a formula: a CSV-injection path), in a Text column goes out as
 *     "'" + text in a General cell (whether Excel drops a leading apostrophe
 *     or parses a formula in a Text cell written through the API is
 *     unverified, so those cases never happen).
 * - A number, boolean or error in a Text column gets the cell format "General"
 *   (a Text cell would store it as text); in a table, a number in a date
 *   column gets "General" too (toTableCell: it would read back as a Date).
 *
 * Reading (value + the cell's number format → CellValue):
 *   "" → null; number → Date (UTC, rounded to the ms, in the workbook's date
 *   system) when the cell has a date format, else the number (-0 → 0); boolean → boolean; text → text, except
 *   error codes that valueTypes says are errors → { error } (see
 *   `mayBeError`: only those cells need their valueTypes loaded).
 *
 * Example: toExcelCell("0100", "General") → { value: "'0100", format: "General" }
 *          toExcelCell(new Date("2026-03-31T00:00:00Z"), "@") → { value: 46112, format: "yyyy-mm-dd" }
 *          fromExcelCell(46112, "yyyy-mm-dd") → Date 2026-03-31T00:00:00.000Z
 *          in a 1904 workbook: toExcelCell(2026-03-31, "yyyy-mm-dd", "1904").value → 44650 (= 46112 − 1462)
 */
import type { CellValue } from "../../ports/workbook";
import { isCellError } from "../../ports/workbook";
import { dateFormatFor, isDateFormat } from "../../schema/dateFormats";
import { textOf } from "../../core/text/textOf";

export type ExcelScalar = string | number | boolean;

export interface ExcelCell {
  readonly value: ExcelScalar;
  readonly format: string;
}

export const TEXT_FORMAT = "@";
export const GENERAL = "General";
const DAY = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);
/** serial 0 of the 1904 date system */
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** 1904-01-01 in the 1900 system: a date's 1904 serial is its 1900 serial minus this */
export const DAYS_1900_TO_1904 = 1462;
/** serial of 9999-12-31, the last day Excel shows (1900 system) */
const MAX_SERIAL = 2_958_465;

/** The workbook's date system (File › Options › Advanced › "Use 1904 date system"; detected by dateSystem.ts). */
export type DateSystem = "1900" | "1904";

/** Text Excel could take as a formula (= + - @, after leading spaces): always written with the apostrophe prefix. */
const FORMULA_LIKE = /^\s*[=+\-@]/;

export function isTextFormat(fmt: string): boolean {
  return fmt.trim() === TEXT_FORMAT;
}

export function toExcelCell(v: CellValue, columnFormat: string, dates: DateSystem = "1900"): ExcelCell {
  const text = isTextFormat(columnFormat);
  if (v === null || v === "") return { value: "", format: columnFormat };
  if (typeof v === "string") {
    if (!text) return { value: `'${v}`, format: columnFormat };
    return v.startsWith("'") || FORMULA_LIKE.test(v)
      ? { value: `'${v}`, format: GENERAL }
      : { value: v, format: columnFormat };
  }
  if (typeof v === "number") return { value: v === 0 ? 0 : v, format: text ? GENERAL : columnFormat };
  if (typeof v === "boolean") return { value: v, format: text ? GENERAL : columnFormat };
  if (v instanceof Date)
    return { value: serialIn(v, dates), format: isDateFormat(columnFormat) ? columnFormat : dateFormatFor(v) };
  if (isCellError(v)) return { value: v.error, format: text ? GENERAL : columnFormat };
  throw new Error(`not a cell value: ${String(v)}`);
}

/**
 * A table cell: as toExcelCell, except that a number never goes out in a date
 * format (the column's), but in "General": Excel would read it back as the
 * date of that serial, and the port reads back what was written. Only a Date
 * takes a date format (the schema writes dates as Dates, and decodes a serial
 * in a date column as its date, so no app write changes).
 *
 * Example: toTableCell(46112, "yyyy-mm-dd") → { value: 46112, format: "General" } (read back: 46112)
 *          toTableCell(new Date("2026-03-31T00:00:00Z"), "yyyy-mm-dd") → { value: 46112, format: "yyyy-mm-dd" }
 */
export function toTableCell(v: CellValue, columnFormat: string, dates: DateSystem = "1900"): ExcelCell {
  const cell = toExcelCell(v, columnFormat, dates);
  return typeof v === "number" && isDateFormat(cell.format) ? { value: cell.value, format: GENERAL } : cell;
}

/** A value read from `range.values`; `isError` is valueTypes === "Error" (only asked for when `mayBeError`). */
export function fromExcelCell(value: unknown, format: string, isError = false, dates: DateSystem = "1900"): CellValue {
  if (value === "" || value === null || value === undefined) return null;
  if (typeof value === "number") {
    const max = dates === "1904" ? MAX_SERIAL - DAYS_1900_TO_1904 : MAX_SERIAL;
    if (isDateFormat(format) && value >= 0 && value < max + 1) return dateIn(value, dates);
    return value === 0 ? 0 : value;
  }
  if (typeof value === "boolean") return value;
  if (typeof value === "string") return isError ? { error: value } : value;
  return textOf(value);
}

/** Text that could be an error value read through `range.values` ("#N/A", "#DIV/0!", ..., "#GETTING_DATA"). */
export function mayBeError(value: unknown): value is string {
  return typeof value === "string" && value.length <= 20 && /^#[A-Z][A-Z0-9/_]*[!?]?$/i.test(value);
}

/** Excel 1900 date system serial (Excel counts a fictitious 1900-02-29, serial 60). */
export function toSerial(d: Date): number {
  const days = (d.getTime() - EPOCH) / DAY;
  return days < 61 ? days - 1 : days;
}

export function fromSerial(serial: number): Date {
  const days = serial < 61 ? serial + 1 : serial;
  return new Date(EPOCH + Math.round(days * DAY));
}

/** The serial of `d` in date system `dates`. */
export function serialIn(d: Date, dates: DateSystem): number {
  return dates === "1904" ? (d.getTime() - EPOCH_1904) / DAY : toSerial(d);
}

/** The date of `serial` in date system `dates`. */
export function dateIn(serial: number, dates: DateSystem): Date {
  return dates === "1904" ? new Date(EPOCH_1904 + Math.round(serial * DAY)) : fromSerial(serial);
}

export { dateFormatFor, isDateFormat } from "../../schema/dateFormats";
