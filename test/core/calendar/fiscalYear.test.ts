import fc from "fast-check";
import {
  buildFiscalYear,
  daysInMonth,
  isLeapYear,
  nextFiscalYearStart,
  periodOfDate,
} from "../../../src/core/calendar/fiscalYear";

/** Independent day arithmetic for the tests: JS Date in UTC. */
function utcIso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
function dayAfter(iso: string): string {
  return utcIso(Date.parse(`${iso}T00:00:00Z`) + 86_400_000);
}
function everyDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = dayAfter(d)) days.push(d);
  return days;
}

describe("buildFiscalYear", () => {
  it("calendar year 2026 (start month 1)", () => {
    const p = buildFiscalYear(2026, 1);
    expect(p).toHaveLength(14);
    expect(p[0]).toEqual({
      id: "FY2026-OPEN",
      fiscalYear: "FY2026",
      kind: "opening",
      name: "FY2026 opening",
      start: "2026-01-01",
      end: "2026-01-01",
      status: "Open",
      access: "All",
    });
    expect(p[1]).toEqual({
      id: "2026-01",
      fiscalYear: "FY2026",
      kind: "operating",
      name: "January 2026",
      start: "2026-01-01",
      end: "2026-01-31",
      status: "Open",
      access: "All",
    });
    expect(p[2]).toMatchObject({ id: "2026-02", name: "February 2026", start: "2026-02-01", end: "2026-02-28" });
    expect(p[3]).toMatchObject({ id: "2026-03", name: "March 2026", start: "2026-03-01", end: "2026-03-31" });
    expect(p[4]).toMatchObject({ id: "2026-04", end: "2026-04-30" });
    expect(p[12]).toMatchObject({ id: "2026-12", name: "December 2026", start: "2026-12-01", end: "2026-12-31" });
    expect(p[13]).toEqual({
      id: "FY2026-CLOSE",
      fiscalYear: "FY2026",
      kind: "closing",
      name: "FY2026 closing",
      start: "2026-12-31",
      end: "2026-12-31",
      status: "Open",
      access: "All",
    });
    expect(p.map((x) => x.kind)).toEqual(["opening", ...Array<string>(12).fill("operating"), "closing"]);
    expect(p.every((x) => x.status === "Open" && x.access === "All" && x.fiscalYear === "FY2026")).toBe(true);
  });

  it("start month 7 of 2026: FY2026 runs 2026-07-01..2027-06-30", () => {
    const p = buildFiscalYear(2026, 7);
    expect(p.map((x) => x.id)).toEqual([
      "FY2026-OPEN",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
      "2026-12",
      "2027-01",
      "2027-02",
      "2027-03",
      "2027-04",
      "2027-05",
      "2027-06",
      "FY2026-CLOSE",
    ]);
    expect(p[0]).toMatchObject({ start: "2026-07-01", end: "2026-07-01" });
    expect(p[8]).toMatchObject({
      id: "2027-02",
      name: "February 2027",
      start: "2027-02-01",
      end: "2027-02-28",
      fiscalYear: "FY2026",
    });
    expect(p[13]).toMatchObject({ start: "2027-06-30", end: "2027-06-30" });
  });

  it("leap February 2028 (start month 7 of 2027)", () => {
    const p = buildFiscalYear(2027, 7);
    expect(p.find((x) => x.id === "2028-02")).toMatchObject({
      name: "February 2028",
      start: "2028-02-01",
      end: "2028-02-29",
      fiscalYear: "FY2027",
    });
    expect(buildFiscalYear(2028, 1).find((x) => x.id === "2028-02")?.end).toBe("2028-02-29");
  });

  it("start month 12 of 2026: FY2026 runs 2026-12-01..2027-11-30", () => {
    const p = buildFiscalYear(2026, 12);
    expect(p[0]).toMatchObject({ id: "FY2026-OPEN", start: "2026-12-01", end: "2026-12-01" });
    expect(p[1]).toMatchObject({ id: "2026-12", name: "December 2026", start: "2026-12-01", end: "2026-12-31" });
    expect(p[2]).toMatchObject({ id: "2027-01", name: "January 2027", start: "2027-01-01", end: "2027-01-31" });
    expect(p[3]).toMatchObject({ id: "2027-02", end: "2027-02-28" });
    expect(p[12]).toMatchObject({ id: "2027-11", name: "November 2027", start: "2027-11-01", end: "2027-11-30" });
    expect(p[13]).toMatchObject({ id: "FY2026-CLOSE", start: "2027-11-30", end: "2027-11-30" });
  });

  it("century rules for leap years", () => {
    expect(isLeapYear(2028)).toBe(true);
    expect(isLeapYear(2026)).toBe(false);
    expect(isLeapYear(1900)).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(buildFiscalYear(2099, 3).find((x) => x.id === "2100-02")?.end).toBe("2100-02-28");
  });

  it("refuses a month outside 1..12 or a non-integer year", () => {
    expect(() => buildFiscalYear(2026, 0)).toThrow(RangeError);
    expect(() => buildFiscalYear(2026, 13)).toThrow(RangeError);
    expect(() => buildFiscalYear(2026.5, 1)).toThrow(RangeError);
  });
});

describe("periodOfDate", () => {
  const p = buildFiscalYear(2026, 7);

  it("finds the operating month by default", () => {
    expect(periodOfDate(p, "2026-07-01")?.id).toBe("2026-07");
    expect(periodOfDate(p, "2027-02-28")?.id).toBe("2027-02");
    expect(periodOfDate(p, "2027-06-30")?.id).toBe("2027-06");
  });

  it("finds opening and closing periods only when asked", () => {
    expect(periodOfDate(p, "2026-07-01", "opening")?.id).toBe("FY2026-OPEN");
    expect(periodOfDate(p, "2027-06-30", "closing")?.id).toBe("FY2026-CLOSE");
    expect(periodOfDate(p, "2027-06-29", "closing")).toBeUndefined();
    expect(periodOfDate(p, "2026-07-02", "opening")).toBeUndefined();
  });

  it("is undefined outside the year", () => {
    expect(periodOfDate(p, "2026-06-30")).toBeUndefined();
    expect(periodOfDate(p, "2027-07-01")).toBeUndefined();
    expect(periodOfDate([], "2026-07-01")).toBeUndefined();
  });
});

describe("nextFiscalYearStart", () => {
  it("is the month after the latest operating period", () => {
    expect(nextFiscalYearStart(buildFiscalYear(2026, 7))).toEqual({ startYear: 2027, startMonth: 7 });
    expect(nextFiscalYearStart(buildFiscalYear(2026, 1))).toEqual({ startYear: 2027, startMonth: 1 });
    expect(nextFiscalYearStart(buildFiscalYear(2026, 12))).toEqual({ startYear: 2027, startMonth: 12 });
    expect(nextFiscalYearStart([...buildFiscalYear(2027, 4), ...buildFiscalYear(2026, 4)])).toEqual({
      startYear: 2028,
      startMonth: 4,
    });
    expect(nextFiscalYearStart([])).toBeUndefined();
  });
});

describe("property: operating periods tile the fiscal year", () => {
  it("no gap, no overlap, every day in exactly one operating period", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1601, max: 2399 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const periods = buildFiscalYear(year, month);
        const ops = periods.filter((x) => x.kind === "operating");
        expect(ops).toHaveLength(12);
        const first = `${year}-${String(month).padStart(2, "0")}-01`;
        expect(ops[0]?.start).toBe(first);
        for (let i = 1; i < ops.length; i++) {
          expect(ops[i]?.start).toBe(dayAfter(ops[i - 1]?.end ?? ""));
        }
        const last = ops[11]?.end ?? "";
        // the next fiscal year starts the day after
        const next = nextFiscalYearStart(periods);
        expect(next).toBeDefined();
        expect(`${next?.startYear}-${String(next?.startMonth).padStart(2, "0")}-01`).toBe(dayAfter(last));
        const days = everyDay(first, last);
        expect([365, 366]).toContain(days.length);
        const misplaced = days.filter(
          (d) =>
            ops.filter((x) => x.start <= d && d <= x.end).length !== 1 ||
            periodOfDate(periods, d)?.id !== d.slice(0, 7),
        );
        expect(misplaced).toEqual([]);
        expect(periods[0]).toMatchObject({ kind: "opening", start: first, end: first });
        expect(periods[13]).toMatchObject({ kind: "closing", start: last, end: last });
      }),
      { numRuns: 100 },
    );
  });
});
