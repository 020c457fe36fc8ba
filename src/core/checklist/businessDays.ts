/**
 * Business-day due dates relative to a period end, over a work calendar
 * (working weekdays, holidays). BD0 is the period end when it is a working
 * day, else the last working day before it; BD+n is the n-th working day
 * after the period end; BD−n the n-th working day before it.
 *
 * Worked example: period end Sat 2026-01-31, Mon–Fri working, holiday Tue 2026-02-03:
 *   BD+1 → Mon 2026-02-02; BD+2 → Wed 2026-02-04 (the 3rd is skipped); BD+3 → Thu 2026-02-05;
 *   BD0 → Fri 2026-01-30; BD−2 → Thu 2026-01-29.
 */
import type { IsoDate } from "../ledger/types";
import type { WorkCalendar } from "./types";

const DAY = 86_400_000;

function toMs(d: IsoDate): number {
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
}

function toIso(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export const MON_FRI: ReadonlySet<number> = new Set([1, 2, 3, 4, 5]);

export function isWorkingDay(cal: WorkCalendar, d: IsoDate): boolean {
  if (cal.holidays.has(d)) return false;
  if (cal.extraWorkingDays?.has(d)) return true;
  return cal.workingWeekdays.has(new Date(toMs(d)).getUTCDay());
}

/** The due date `offset` business days from `periodEnd`; undefined when the calendar has no working day within a year. */
export function businessDay(cal: WorkCalendar, periodEnd: IsoDate, offset: number): IsoDate | undefined {
  let ms = toMs(periodEnd);
  const step = offset > 0 ? DAY : -DAY;
  let left = Math.abs(offset);
  if (offset === 0) {
    for (let i = 0; i < 366; i++, ms -= DAY) if (isWorkingDay(cal, toIso(ms))) return toIso(ms);
    return undefined;
  }
  for (let i = 0; i < 366 * 2 && left > 0; i++) {
    ms += step;
    if (isWorkingDay(cal, toIso(ms))) left--;
  }
  return left === 0 ? toIso(ms) : undefined;
}

/** "BD+3", "BD-2", "BD0" (for display). */
export function offsetLabel(offset: number): string {
  return offset > 0 ? `BD+${offset}` : offset < 0 ? `BD${offset}` : "BD0";
}
