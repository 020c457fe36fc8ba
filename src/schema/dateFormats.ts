/**
 * Excel number formats that show dates: both spreadsheet adapters decide with
 * these whether a serial number is a date, and which format a date written
 * into a non-date column gets.
 *
 * Example: isDateFormat("yyyy-mm-dd") → true; isDateFormat("#,##0.00") → false;
 *          dateFormatFor(new Date("2026-03-31T00:00:00Z")) → "yyyy-mm-dd"
 */
/** True when the number format shows a date or time (so Excel stores a serial and exceljs reads a Date). */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  // a pure function of a few distinct strings, asked per cell (100k rows × 17 cells through the Excel adapter)
  let known = DATE_FORMATS.get(fmt);
  if (known === undefined) {
    known = parseDateFormat(fmt);
    if (DATE_FORMATS.size < 1000) DATE_FORMATS.set(fmt, known);
  }
  return known;
}

const DATE_FORMATS = new Map<string, boolean>();

function parseDateFormat(fmt: string): boolean {
  // drop quoted literals, escaped characters and [colour]/[condition] sections; keep [h]/[m]/[s]
  const bare = fmt
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, "");
  if (/^general$/i.test(bare.trim())) return false;
  return /[dmyhs]/i.test(bare.replace(/E[+-]/gi, ""));
}

/** The format given to a Date written into a column whose format is not a date format. */
export function dateFormatFor(d: Date): string {
  return d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0
    ? "yyyy-mm-dd"
    : "yyyy-mm-dd hh:mm:ss";
}
