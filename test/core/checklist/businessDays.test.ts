/**
 * Business-day due dates, worked by hand from a wall calendar:
 * January 2026 ends on Saturday the 31st (1 January 2026 is a Thursday; +30 days = Saturday).
 * February 2026: Mon 2, Tue 3, Wed 4, Thu 5, Fri 6, Mon 9.
 * March 2026 ends on Tuesday the 31st; Good Friday 2026-04-03, Easter Monday 2026-04-06.
 */
import fc from "fast-check";
import { businessDay, isWorkingDay, MON_FRI, offsetLabel } from "../../../src/core/checklist/businessDays";
import { CAL } from "./fixtures";

describe("businessDay", () => {
  it("counts working days after a period end that falls on a Saturday", () => {
    expect(businessDay(CAL, "2026-01-31", 1)).toBe("2026-02-02"); // Monday
    expect(businessDay(CAL, "2026-01-31", 3)).toBe("2026-02-04"); // Mon, Tue, Wed
    expect(businessDay(CAL, "2026-01-31", 5)).toBe("2026-02-06"); // Friday
    expect(businessDay(CAL, "2026-01-31", 6)).toBe("2026-02-09"); // next Monday, weekend skipped
  });
  it("BD0 is the last working day on or before the period end; BD−n counts back", () => {
    expect(businessDay(CAL, "2026-01-31", 0)).toBe("2026-01-30"); // Friday
    expect(businessDay(CAL, "2026-01-31", -1)).toBe("2026-01-30");
    expect(businessDay(CAL, "2026-01-31", -2)).toBe("2026-01-29");
    expect(businessDay(CAL, "2026-03-31", 0)).toBe("2026-03-31"); // a Tuesday
    expect(businessDay(CAL, "2026-03-31", -2)).toBe("2026-03-27"); // Mon 30 (−1), Fri 27 (−2)
  });
  it("skips holidays", () => {
    const cal = { workingWeekdays: MON_FRI, holidays: new Set(["2026-02-03"]) };
    expect(businessDay(cal, "2026-01-31", 2)).toBe("2026-02-04"); // Mon 2 (1), Tue 3 holiday, Wed 4 (2)
    expect(businessDay(cal, "2026-01-31", 3)).toBe("2026-02-05");
    // Easter 2026 after the March close: Wed 1 (1), Thu 2 (2), Fri 3 holiday, Mon 6 holiday, Tue 7 (3)
    const easter = { workingWeekdays: MON_FRI, holidays: new Set(["2026-04-03", "2026-04-06"]) };
    expect(businessDay(easter, "2026-03-31", 3)).toBe("2026-04-07");
  });
  it("a six-day week (Mon–Sat) and an extra working Sunday", () => {
    const six = { workingWeekdays: new Set([1, 2, 3, 4, 5, 6]), holidays: new Set<string>() };
    expect(businessDay(six, "2026-01-31", 0)).toBe("2026-01-31"); // Saturday works
    expect(businessDay({ ...CAL, extraWorkingDays: new Set(["2026-02-01"]) }, "2026-01-31", 1)).toBe("2026-02-01");
  });
  it("no working day at all → undefined", () => {
    expect(businessDay({ workingWeekdays: new Set(), holidays: new Set() }, "2026-01-31", 2)).toBeUndefined();
  });
  it("labels", () => {
    expect([offsetLabel(-2), offsetLabel(0), offsetLabel(3)]).toEqual(["BD-2", "BD0", "BD+3"]);
  });
  it("property: BD+n is a working day after the period end, with exactly n−1 working days between", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 15 }), (dayNo, n) => {
        const end = new Date(Date.UTC(2020, 0, 1) + dayNo * 86_400_000).toISOString().slice(0, 10);
        const due = businessDay(CAL, end, n)!;
        expect(due > end).toBe(true);
        expect(isWorkingDay(CAL, due)).toBe(true);
        let between = 0;
        for (
          let ms = Date.parse(`${end}T00:00:00Z`) + 86_400_000;
          new Date(ms).toISOString().slice(0, 10) < due;
          ms += 86_400_000
        ) {
          const wd = new Date(ms).getUTCDay();
          if (wd !== 0 && wd !== 6) between++;
        }
        expect(between).toBe(n - 1);
      }),
    );
  });
});
