/**
 * Cell codecs: the only place raw cell values become domain values and back.
 * Each decoder returns a value or a problem text; the caller turns the text
 * into an issue that names table, row and column.
 *
 * Examples:
 *   decodeCell("date", 46112)            → "2026-03-31"   (Excel serial, 1900 system)
 *   decodeCell("date", "31/03/2026")     → problem "is text, not a date ..."
 *   decodeCell("amount", 1234.5)         → Amount 1234.5
 *   decodeCell("amount", {error:"#N/A"}) → problem "holds the error value #N/A"
 *   encodeDate("2026-03-31")             → Date(Date.UTC(2026, 2, 31))
 */
import { Amount, Rate } from "../core/money";
import type { IsoDate } from "../core/ledger/types";
import { isCellError, type CellValue } from "../ports/workbook";
import type { ColumnType } from "./defineTable";
import { textOf } from "../core/text/textOf";

export type Decoded = string | number | boolean | Amount | Rate | readonly string[] | undefined;
export type DecodeResult = { ok: true; value: Decoded } | { ok: false; problem: string };

const ok = (value: Decoded): DecodeResult => ({ ok: true, value });
const bad = (problem: string): DecodeResult => ({ ok: false, problem });

const MS_PER_DAY = 86_400_000;
/** 1899-12-30: serial 0 in the 1900 date system for serials from 61 (1900-03-01) on, past Excel's phantom 1900-02-29. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function isoFromUtcDate(d: Date): IsoDate {
  return isoOf(d.getTime(), true);
}

/**
 * toISOString of a time (its first 10 characters for a `day`), remembered: a ledger's dates and posting timestamps
 * repeat (100k lines hold a few hundred days and one timestamp per run), and formatting each cell again cost about a
 * tenth of decoding the ledger. An invalid time throws as toISOString does and is not kept.
 * Example: isoOf(Date.UTC(2026, 2, 31), true) → "2026-03-31".
 */
const ISO_KEPT = 50_000;
const isoDays = new Map<number, string>();
const isoStamps = new Map<number, string>();
function isoOf(ms: number, day: boolean): string {
  const kept = day ? isoDays : isoStamps;
  let s = kept.get(ms);
  if (s === undefined) {
    const iso = new Date(ms).toISOString();
    s = day ? iso.slice(0, 10) : iso;
    if (kept.size >= ISO_KEPT) kept.clear();
    kept.set(ms, s);
  }
  return s;
}

/** Serial 60 is Excel's 1900-02-29, a day that does not exist; serials 1..59 count from 1899-12-31. */
const PHANTOM_LEAP_DAY = 60;

/** UTC milliseconds of a serial (with time of day); undefined for the phantom 1900-02-29. */
function serialToMs(serial: number): number | undefined {
  if (Math.floor(serial) === PHANTOM_LEAP_DAY) return undefined;
  const shift = serial < PHANTOM_LEAP_DAY ? 1 : 0;
  return EXCEL_EPOCH_MS + (serial + shift) * MS_PER_DAY;
}

/** The serial of 9999-12-31, the last day Excel holds. */
const MAX_SERIAL = 2_958_465;

export function serialToIso(serial: number): IsoDate | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > MAX_SERIAL) return undefined;
  const ms = serialToMs(Math.floor(serial));
  return ms === undefined ? undefined : isoFromUtcDate(new Date(ms));
}

export function isoToSerial(iso: IsoDate): number {
  const [y, m, d] = iso.split("-").map(Number);
  const days = (Date.UTC(y ?? 1900, (m ?? 1) - 1, d ?? 1) - EXCEL_EPOCH_MS) / MS_PER_DAY;
  return days <= PHANTOM_LEAP_DAY ? days - 1 : days;
}

export function isValidIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return isoFromUtcDate(d) === text;
}

export function encodeDate(iso: IsoDate): Date {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1900, (m ?? 1) - 1, d ?? 1));
}

function describe(v: CellValue): string {
  if (typeof v === "string") return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  if (v instanceof Date) return isoFromUtcDate(v);
  return textOf(v);
}

function decodeText(v: CellValue): DecodeResult {
  if (typeof v === "string") return ok(v.trim() === "" ? undefined : v.trim());
  if (typeof v === "number") return ok(String(v));
  if (typeof v === "boolean") return ok(v ? "TRUE" : "FALSE");
  if (v instanceof Date) return ok(isoFromUtcDate(v));
  return ok(undefined);
}

function decodeAmount(v: CellValue): DecodeResult {
  if (typeof v === "number") {
    const a = Amount.fromNumber(v);
    if (!a) return bad(`holds ${v}, which is not a finite number`);
    if (Math.abs(v) >= 1e15) return bad(`holds ${v}, beyond the 15 significant digits a cell keeps exactly`);
    return ok(a);
  }
  if (typeof v === "string") {
    const t = v.trim();
    if (t === "") return ok(undefined);
    const a = Amount.parse(t);
    if (!a) return bad(`holds the text ${describe(v)}, not a number (use digits with a decimal point, e.g. 1234.50)`);
    return ok(a);
  }
  if (typeof v === "boolean") return bad(`holds the logical value ${String(v).toUpperCase()}, not a number`);
  if (v instanceof Date) return bad(`holds the date ${describe(v)}, not an amount`);
  return ok(undefined);
}

function decodeDate(v: CellValue): DecodeResult {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return bad("holds an invalid date");
    return ok(isoFromUtcDate(v));
  }
  if (typeof v === "number") {
    if (Math.floor(v) === PHANTOM_LEAP_DAY)
      return bad(`holds ${v}, which Excel shows as 1900-02-29, a day that does not exist`);
    const iso = serialToIso(v);
    return iso ? ok(iso) : bad(`holds ${v}, which is not a date serial number`);
  }
  if (typeof v === "string") {
    const t = v.trim();
    if (t === "") return ok(undefined);
    if (isValidIsoDate(t)) return ok(t);
    return bad(`holds the text ${describe(v)}, not a date (enter a date, or text as YYYY-MM-DD)`);
  }
  if (typeof v === "boolean") return bad(`holds the logical value ${String(v).toUpperCase()}, not a date`);
  return ok(undefined);
}

function decodeInt(v: CellValue): DecodeResult {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : v;
  if (typeof n === "number") {
    if (!Number.isSafeInteger(n)) return bad(`holds ${describe(v)}, not a whole number`);
    return ok(Object.is(n, -0) ? 0 : n);
  }
  if (typeof n === "string" || n === null) return ok(undefined);
  return bad(`holds ${describe(v)}, not a whole number`);
}

function decodeBool(v: CellValue): DecodeResult {
  if (typeof v === "boolean") return ok(v);
  if (v === null) return ok(undefined);
  if (typeof v === "number" && (v === 0 || v === 1)) return ok(v === 1);
  if (typeof v === "string") {
    const t = v.trim().toLowerCase();
    if (t === "") return ok(undefined);
    if (["true", "yes", "y", "x", "1"].includes(t)) return ok(true);
    if (["false", "no", "n", "0"].includes(t)) return ok(false);
  }
  return bad(`holds ${describe(v)}; expected TRUE or FALSE`);
}

function decodeTimestamp(v: CellValue): DecodeResult {
  if (v instanceof Date) return ok(isoOf(v.getTime(), false));
  if (typeof v === "number") {
    // serials past 9999-12-31 are no date-times (and far ones are beyond what a JS Date holds)
    const ms = Number.isFinite(v) && v >= 1 && v < MAX_SERIAL + 1 ? serialToMs(v) : undefined;
    if (ms === undefined) return bad(`holds ${v}, not a date-time`);
    // a serial's double holds the millisecond only approximately: round it, so .500 s stays .500 s
    return ok(isoOf(Math.round(ms), false));
  }
  if (typeof v === "string") {
    const t = v.trim();
    if (t === "") return ok(undefined);
    return ISO_TIMESTAMP.test(t) || isValidIsoDate(t) ? ok(t) : bad(`holds ${describe(v)}, not a date-time`);
  }
  return ok(undefined);
}

/** The most characters an Excel cell holds. */
export const EXCEL_MAX_CELL_CHARS = 32_767;

export function decodeCell(type: ColumnType, v: CellValue | undefined, allowed?: readonly string[]): DecodeResult {
  const value = v === undefined ? null : v;
  if (isCellError(value)) return bad(`holds the error value ${value.error}`);
  // a file written by another tool can hold longer text than Excel allows (read as is, it could take any memory)
  if (typeof value === "string" && value.length > EXCEL_MAX_CELL_CHARS)
    return bad(
      `holds ${value.length.toLocaleString("en-US")} characters; an Excel cell holds at most ${EXCEL_MAX_CELL_CHARS.toLocaleString("en-US")}`,
    );
  switch (type) {
    case "text":
      return decodeText(value);
    case "amount": {
      const r = decodeAmount(value);
      // as for a number: an amount typed as text that a cell cannot hold exactly would be posted as a different number
      if (r.ok && typeof value === "string" && r.value instanceof Amount && !r.value.fitsInCell())
        return bad(`holds the text ${describe(value)}, beyond the 15 significant digits a cell keeps exactly`);
      return r;
    }
    case "rate": {
      const r = decodeAmount(value);
      if (!r.ok || r.value === undefined) return r;
      const rate = Rate.parse((r.value as Amount).toString());
      return rate ? ok(rate) : bad(`holds ${describe(value)}, not a rate`);
    }
    case "date":
      return decodeDate(value);
    case "int":
      return decodeInt(value);
    case "bool":
      return decodeBool(value);
    case "timestamp":
      return decodeTimestamp(value);
    case "list": {
      const t = decodeText(value);
      if (!t.ok || t.value === undefined) return t;
      const items = String(t.value)
        .split(/[,;]/)
        .map((s) => s.trim())
        .filter((s) => s !== "");
      if (!allowed) return ok(items);
      // a list of allowed values (roles): each item is matched case-insensitively and given in its canonical spelling
      const found = items.map((i) => allowed.find((a) => a.toLowerCase() === i.toLowerCase()));
      const unknown = items.filter((_, k) => found[k] === undefined);
      if (unknown.length)
        return bad(
          `holds ${unknown.map((u) => `"${u}"`).join(", ")}; expected a comma-separated list of ${allowed.join(", ")}`,
        );
      return ok([...new Set(found as string[])]);
    }
    case "enum": {
      const t = decodeText(value);
      if (!t.ok || t.value === undefined) return t;
      const found = allowed?.find((a) => a.toLowerCase() === String(t.value).toLowerCase());
      return found !== undefined
        ? ok(found)
        : bad(`holds ${describe(value)}; expected one of ${(allowed ?? []).join(", ")}`);
    }
  }
}

/** Domain value → cell, for writing. Amounts and rates become doubles only here. */
export function encodeCell(type: ColumnType, value: unknown): CellValue {
  if (value === undefined || value === null || value === "") return null;
  switch (type) {
    case "amount":
    case "rate":
      return typeof value === "number" ? value : (value as Amount | Rate).toNumber();
    case "date":
      return typeof value === "string" ? encodeDate(value) : (value as Date);
    case "timestamp":
      return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? new Date(value) : (value as CellValue);
    case "list": {
      const text = Array.isArray(value)
        ? value.join(", ")
        : value instanceof Set
          ? [...(value as Set<unknown>)].join(", ")
          : textOf(value);
      return text === "" ? null : text; // an empty list is a blank cell, as every adapter reads it back
    }
    case "int":
      return typeof value === "number" ? value : Number(value);
    case "bool":
      return Boolean(value);
    default:
      return typeof value === "string" ? value : textOf(value);
  }
}
