/**
 * The one day-arithmetic helper the core uses (src/core/rates/rateDates.ts):
 * addDays(d, 1) is the next calendar day, checked against a reference that
 * counts days in months by hand (no Date): 2028-02-28 → 2028-02-29 (leap),
 * 2100-02-28 → 2100-03-01 (not leap), 2026-12-31 → 2027-01-01.
 */
import fc from "fast-check";
import { addDays, daysBetween, isIsoDate } from "../../../src/core/rates/rateDates";

function nextDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  if (d < days) return `${pad(y, 4)}-${pad(m)}-${pad(d + 1)}`;
  return m < 12 ? `${pad(y, 4)}-${pad(m + 1)}-01` : `${pad(y + 1, 4)}-01-01`;
}

test("month and year ends, leap and not", () => {
  expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
  expect(addDays("2100-02-28", 1)).toBe("2100-03-01");
  expect(addDays("2000-02-28", 1)).toBe("2000-02-29");
  expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  expect(addDays("2026-04-30", 1)).toBe("2026-05-01");
  expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
});

test("addDays(d, 1) is the next calendar day, one day later, from 1900 to 2199", () => {
  const date = fc
    .record({
      y: fc.integer({ min: 1900, max: 2199 }),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 31 }),
    })
    .map(({ y, m, d }) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`)
    .filter(isIsoDate);
  fc.assert(
    fc.property(date, (d) => {
      expect(addDays(d, 1)).toBe(nextDay(d));
      expect(daysBetween(d, addDays(d, 1))).toBe(1);
    }),
    { numRuns: 500 },
  );
});
