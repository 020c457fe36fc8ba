/**
 * The fiscal calendar: one fiscal year is an opening period, twelve operating
 * months and a closing period (D365's layout, close-reference b1). Dates are
 * ISO "YYYY-MM-DD" text, computed with integer arithmetic only (no Date, so no
 * time zone can shift a day).
 *
 * Example: buildFiscalYear(2026, 7) is fiscal year "FY2026", 2026-07-01..2027-06-30:
 *   FY2026-OPEN   opening    2026-07-01..2026-07-01
 *   2026-07       "July 2026"     2026-07-01..2026-07-31
 *   ...
 *   2027-02       "February 2027" 2027-02-01..2027-02-28   (2028-02 would end on the 29th)
 *   ...
 *   2027-06       "June 2027"     2027-06-01..2027-06-30
 *   FY2026-CLOSE  closing    2027-06-30..2027-06-30
 * periodOfDate(periods, "2027-06-30") is "2027-06"; with kind "closing" it is "FY2026-CLOSE".
 * nextFiscalYearStart(periods) is { startYear: 2027, startMonth: 7 }.
 */
import type { FiscalPeriod, IsoDate, PeriodKind } from "../ledger/types";

export const MONTH_NAMES: readonly string[] = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in month `month` (1..12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

function pad4(n: number): string {
  return String(n).padStart(4, "0");
}

/** "YYYY-MM-DD" from numbers (not validated). */
export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

function checkYearMonth(startYear: number, startMonth: number): void {
  if (!Number.isInteger(startYear) || startYear < 1 || startYear > 9998) {
    throw new RangeError(`fiscal year start year must be an integer 1..9998, got ${startYear}`);
  }
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) {
    throw new RangeError(`fiscal year start month must be an integer 1..12, got ${startMonth}`);
  }
}

/**
 * The periods of the fiscal year starting on the first day of `startMonth`
 * of `startYear`, in order: opening, 12 operating months, closing. All Open,
 * access "All".
 */
export function buildFiscalYear(startYear: number, startMonth: number): FiscalPeriod[] {
  checkYearMonth(startYear, startMonth);
  const fiscalYear = `FY${pad4(startYear)}`;
  const first = isoDate(startYear, startMonth, 1);
  const periods: FiscalPeriod[] = [
    {
      id: `${fiscalYear}-OPEN`,
      fiscalYear,
      kind: "opening",
      name: `${fiscalYear} opening`,
      start: first,
      end: first,
      status: "Open",
      access: "All",
    },
  ];
  let last = first;
  for (let i = 0; i < 12; i++) {
    const m0 = startMonth - 1 + i;
    const year = startYear + Math.floor(m0 / 12);
    const month = (m0 % 12) + 1;
    const end = isoDate(year, month, daysInMonth(year, month));
    periods.push({
      id: `${pad4(year)}-${pad2(month)}`,
      fiscalYear,
      kind: "operating",
      name: `${MONTH_NAMES[month - 1] ?? ""} ${year}`,
      start: isoDate(year, month, 1),
      end,
      status: "Open",
      access: "All",
    });
    last = end;
  }
  periods.push({
    id: `${fiscalYear}-CLOSE`,
    fiscalYear,
    kind: "closing",
    name: `${fiscalYear} closing`,
    start: last,
    end: last,
    status: "Open",
    access: "All",
  });
  return periods;
}

/**
 * The first period of `kind` (default "operating") whose start..end contains
 * `date`, or undefined. Opening and closing periods share their dates with
 * the first and last operating month, so a caller posting there names the kind.
 */
export function periodOfDate(
  periods: readonly FiscalPeriod[],
  date: IsoDate,
  kind: PeriodKind = "operating",
): FiscalPeriod | undefined {
  return periods.find((p) => p.kind === kind && p.start <= date && date <= p.end);
}

/**
 * Arguments for buildFiscalYear for the year after the latest year in
 * `periods` (the month after its last operating period ends); undefined when
 * there is no operating period.
 */
export function nextFiscalYearStart(
  periods: readonly FiscalPeriod[],
): { startYear: number; startMonth: number } | undefined {
  let latest: FiscalPeriod | undefined;
  for (const p of periods) {
    if (p.kind === "operating" && (latest === undefined || p.end > latest.end)) latest = p;
  }
  if (!latest) return undefined;
  const year = Number(latest.end.slice(0, 4));
  const month = Number(latest.end.slice(5, 7));
  return month === 12 ? { startYear: year + 1, startMonth: 1 } : { startYear: year, startMonth: month + 1 };
}
