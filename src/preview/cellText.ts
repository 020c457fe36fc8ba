/**
 * How the preview grid shows a cell of the fake Excel host: its stored value
 * read through its number format, roughly as Excel would display it, and how
 * the text aligns (numbers and dates right, text left, logicals and errors
 * centred). Only the formats Closebook writes are rendered faithfully: dates
 * and timestamps (yyyy-mm-dd, yyyy-mm-dd hh:mm:ss), fixed decimals with or
 * without thousands separators and optional digits ("#,##0.00;[Red]-#,##0.00",
 * "0.0000######"), negative and zero sections ("#,##0.00;(#,##0.00);-"),
 * percentages ("0%", "0.0%"), text ("@") and General. Whether a format is a
 * date format is decided as the adapters decide it (src/schema/dateFormats.ts).
 *
 * Example: cellText(46112, "yyyy-mm-dd") → { text: "2026-03-31", align: "end" }
 *          cellText(-1234.5, "#,##0.00;[Red]-#,##0.00") → { text: "-1,234.50", align: "end", negative: true }
 *          cellText(-1234.5, "#,##0.00;(#,##0.00);-") → { text: "(1,234.50)", align: "end" }
 */
import { isDateFormat } from "../schema/dateFormats";
import type { Stored } from "./fakeExcel/model";
import { ErrorValue } from "./fakeExcel/model";

export interface CellDisplay {
  readonly text: string;
  readonly align: "start" | "end" | "center";
  /** a negative number whose format shows negatives in red */
  readonly negative?: boolean;
}

const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);

/** The UTC time of an Excel 1900-system serial (with Excel's fictitious 1900-02-29). */
export function serialToDate(serial: number): Date {
  const days = serial < 61 ? serial + 1 : serial;
  return new Date(EPOCH + Math.round(days * DAY_MS));
}

/** Section `i` of a format (0 positive, 1 negative, 2 zero), without escapes and colours; quoted text unquoted. */
function section(format: string, i: number): string | undefined {
  const s = format.split(";")[i];
  return s === undefined
    ? undefined
    : s
        .replace(/"([^"]*)"/g, "$1")
        .replace(/\\(.)/g, "$1")
        .replace(/\[[^\]]*\]/g, "");
}

function firstSection(format: string): string {
  return section(format, 0) ?? "";
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function dateText(serial: number, format: string): string {
  const d = serialToDate(serial);
  const f = firstSection(format).toLowerCase();
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const hasDate = /[yd]/.test(f) || /m/.test(f.replace(/h+[^a-z]*m+/g, ""));
  const hasTime = /h/.test(f);
  const time = /s/.test(f)
    ? `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
    : `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  if (hasDate && hasTime) return `${day} ${time}`;
  return hasTime ? time : day;
}

function generalNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e11) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9))
    return n
      .toExponential(5)
      .replace(/\.?0+e/, "E")
      .replace("e", "E");
  return String(Number(n.toPrecision(11)));
}

function withThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** |n| through one section's digit pattern: "#,##0.00" → "1,234.50"; "0.0000######" keeps 4 to 10 decimals. */
function digits(abs: number, pattern: string): string {
  const decimals = /\.([0#]+)/.exec(pattern)?.[1] ?? "";
  const required = decimals.replace(/#+$/, "").length;
  const value = pattern.includes("%") ? abs * 100 : abs;
  let fixed = value.toFixed(decimals.length);
  if (decimals.length > required)
    fixed = fixed.replace(new RegExp(`0{1,${decimals.length - required}}$`), "").replace(/\.$/, "");
  const [whole = "0", frac] = fixed.split(".");
  const number = `${pattern.includes(",") ? withThousands(whole) : whole}${frac ? `.${frac}` : ""}`;
  // the literal text around the digits: "(", ")", "%", a currency sign
  return pattern.replace(/[#0,.]*[0#][#0,.]*/, number);
}

function fixedNumber(n: number, format: string): string {
  const zero = section(format, 2);
  if (n === 0 && zero !== undefined) return /[0#]/.test(zero) ? digits(0, zero) : zero.trim();
  const negative = section(format, 1);
  if (n < 0 && negative !== undefined) return digits(-n, negative);
  const text = digits(Math.abs(n), firstSection(format));
  return n < 0 && /[1-9]/.test(text) ? `-${text}` : text;
}

export function cellText(value: Stored | undefined, format: string): CellDisplay {
  if (value === undefined) return { text: "", align: "start" };
  if (value instanceof ErrorValue) return { text: value.code, align: "center" };
  if (typeof value === "boolean") return { text: value ? "TRUE" : "FALSE", align: "center" };
  if (typeof value === "string") return { text: value, align: "start" };
  const f = format.trim();
  if (f === "@") return { text: generalNumber(value), align: "start" };
  if (f === "" || f.toLowerCase() === "general") return { text: generalNumber(value), align: "end" };
  if (isDateFormat(f)) return { text: dateText(value, f), align: "end" };
  const text = /[0#]/.test(firstSection(f)) ? fixedNumber(value, f) : generalNumber(value);
  return { text, align: "end", ...(value < 0 && /\[red\]/i.test(format) ? { negative: true } : {}) };
}
