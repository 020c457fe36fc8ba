/**
 * How the fake stores what `range.values = ...` sends, and how cells read back.
 * Modelled on Excel's cell entry (writing through the API behaves like typing):
 *
 * - null / undefined: the cell is left unchanged (office-js: "null input is ignored").
 * - "": the cell is cleared (reads back as "" with valueType "Empty").
 * - In a cell formatted "@" (Text): strings are stored verbatim; numbers and
 *   booleans are stored as their text ("42", "TRUE").
 * - Elsewhere a string is parsed: a leading apostrophe makes the rest text;
 *   "#N/A"-style codes become error values; TRUE/FALSE booleans; "0100",
 *   "1e5", "-5", "1,000", "5%" numbers; ISO dates ("2026-03-31") date serials
 *   of the workbook's date system (46112, or 44650 in a 1904 workbook; a
 *   General cell gets the format "yyyy-mm-dd"); anything else is text.
 * - Unsure cases are refused with FakeUnmodelled instead of guessed: formulas
 *   ("=1+1", "+x", "-x", "@x") in any cell, Text-formatted too, and a leading
 *   apostrophe in a Text-formatted cell (whether Excel keeps or drops it
 *   there is unverified). So text beginning with = + - @ reaches the fake
 *   only as "'" + text in a non-Text cell, which Excel keeps as text.
 * - A JS Date is refused (InvalidArgument): office-js would send it as an ISO
 *   string; write a serial number. So are NaN, ±Infinity, objects and text
 *   over 32,767 characters.
 *
 * Reading: empty → "", error → its code ("#N/A"), otherwise the stored value.
 *
 * Example: enter("0100", "General") → { value: 100 }; enter("0100", "@") → { value: "0100" }
 *          enter("'0100", "General") → { value: "0100" }; enter(null, "@") → SKIP
 */
import { officeError, unmodelled } from "./errors";
import type { Stored } from "./model";
import { ErrorValue, GENERAL, MAX_TEXT } from "./model";

export const ERROR_CODES: readonly string[] = [
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BUSY!",
  "#CONNECT!",
  "#BLOCKED!",
  "#UNKNOWN!",
];

export const SKIP = Symbol("skip");
export interface Entry {
  /** undefined = the cell becomes empty */
  readonly value: Stored | undefined;
  /** a number format Excel applies on entry (dates typed into a General cell) */
  readonly format?: string;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;
const PERCENT = /^([+-]?(\d+\.?\d*|\.\d+))%$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const DAY = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

export function enter(input: unknown, format: string, date1904 = false): Entry | typeof SKIP {
  if (input === null || input === undefined) return SKIP;
  const text = format.trim() === "@";
  if (typeof input === "number") {
    if (!Number.isFinite(input))
      throw officeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format (${input}).`);
    return { value: text ? String(input) : input === 0 ? 0 : input };
  }
  if (typeof input === "boolean") return { value: text ? (input ? "TRUE" : "FALSE") : input };
  if (input instanceof Date) {
    throw officeError(
      "InvalidArgument",
      "A JS Date is not a cell value: office-js sends it as an ISO string. Write a date serial number.",
    );
  }
  if (typeof input !== "string") throw officeError("InvalidArgument", `Not a cell value: ${JSON.stringify(input)}`);
  if (input.length > MAX_TEXT) throw officeError("InvalidArgument", `Text longer than ${MAX_TEXT} characters.`);
  if (input === "") return { value: undefined };
  if (input.startsWith("'")) {
    if (text)
      throw unmodelled(
        `a leading apostrophe written to a Text-formatted ("@") cell: ${JSON.stringify(input.slice(0, 40))}`,
      );
    return { value: input.slice(1) };
  }
  if (text && /^[=+\-@]/.test(input.trim()))
    throw unmodelled(
      `text read as a formula in a Text-formatted ("@") cell: ${JSON.stringify(input.slice(0, 40))} (whether Excel's API keeps it as text there is unverified)`,
    );
  if (text) return { value: input };
  return parse(input, format, date1904);
}

function parse(s: string, format: string, date1904: boolean): Entry {
  const t = s.trim();
  const err = ERROR_CODES.find((c) => c === t.toUpperCase());
  if (err) return { value: new ErrorValue(err) };
  if (/^(TRUE|FALSE)$/i.test(t)) return { value: t.toUpperCase() === "TRUE" };
  if (NUMBER.test(t)) return { value: Number(t) === 0 ? 0 : Number(t) };
  if (THOUSANDS.test(t)) return { value: Number(t.replace(/,/g, "")) };
  const pct = PERCENT.exec(t);
  if (pct) return { value: Number(pct[1]) / 100, ...(format === GENERAL ? { format: "0%" } : {}) };
  const iso = ISO_DATE.exec(t);
  if (iso) {
    const [y, mo, d, h, mi, se] = iso.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
    const ms = Date.UTC(y as number, (mo as number) - 1, d, h, mi, se);
    if (new Date(ms).getUTCDate() === d && (y as number) >= (date1904 ? 1904 : 1900)) {
      return {
        value: date1904 ? toSerial1904(ms) : toSerial(ms),
        ...(format === GENERAL ? { format: iso[4] ? "yyyy-mm-dd hh:mm" : "yyyy-mm-dd" } : {}),
      };
    }
  }
  if (/^[=+\-@]/.test(t)) throw unmodelled(`a formula (or text read as one): ${JSON.stringify(t.slice(0, 40))}`);
  return { value: s };
}

/** Excel 1900 date system serial of a UTC time (with Excel's fictitious 1900-02-29). */
export function toSerial(ms: number): number {
  const days = (ms - EPOCH) / DAY;
  return days < 61 ? days - 1 : days;
}

/** Excel 1904 date system serial of a UTC time (serial 0 = 1904-01-01; a 1900 serial − 1462 from 1900-03-01 on). */
export function toSerial1904(ms: number): number {
  return (ms - EPOCH_1904) / DAY;
}

/** What `range.values` reads for a stored cell. */
export function readValue(v: Stored | undefined): string | number | boolean {
  if (v === undefined) return "";
  return v instanceof ErrorValue ? v.code : v;
}

/** What `range.valueTypes` reads for a stored cell. */
export function readType(v: Stored | undefined): "Empty" | "String" | "Double" | "Boolean" | "Error" {
  if (v === undefined) return "Empty";
  if (v instanceof ErrorValue) return "Error";
  return typeof v === "string" ? "String" : typeof v === "number" ? "Double" : "Boolean";
}
