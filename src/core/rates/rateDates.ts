/**
 * Calendar-date helpers for the rate code (core may not use the schema's cell
 * codecs): ISO "YYYY-MM-DD" validity and day arithmetic in UTC.
 *
 * Example: isIsoDate("2026-02-30") → false; daysBetween("2026-03-20", "2026-03-31") → 11;
 *          addDays("2026-03-31", 1) → "2026-04-01".
 */
import type { IsoDate } from "../ledger/types";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function utc(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
}

export function isIsoDate(text: string): boolean {
  const ms = utc(text);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((utc(to) - utc(from)) / MS_PER_DAY);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(utc(date) + days * MS_PER_DAY).toISOString().slice(0, 10);
}
