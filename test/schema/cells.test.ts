import fc from "fast-check";
import { Amount } from "../../src/core/money/amount";
import { Rate } from "../../src/core/money/rate";
import type { CellValue } from "../../src/ports/workbook";
import {
  decodeCell,
  encodeCell,
  encodeDate,
  isoFromUtcDate,
  isoToSerial,
  isValidIsoDate,
  serialToIso,
  type DecodeResult,
} from "../../src/schema/cells";
import type { ColumnType } from "../../src/schema/defineTable";

const DAY = 86_400_000;

function okValue(r: DecodeResult): unknown {
  if (!r.ok) throw new Error(`expected ok, got problem: ${r.problem}`);
  return r.value;
}
function problem(r: DecodeResult): string {
  if (r.ok) throw new Error(`expected a problem, got ${String(r.value)}`);
  return r.problem;
}
function amountOf(r: DecodeResult): Amount {
  const v = okValue(r);
  expect(v).toBeInstanceOf(Amount);
  return v as Amount;
}
/** Independent day arithmetic: an ISO date plus n days, via UTC milliseconds. */
function addDays(iso: string, n: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

const ALL_TYPES: readonly ColumnType[] = ["text", "int", "date", "amount", "rate", "bool", "enum", "list", "timestamp"];

describe("Excel date serials (1900 date system)", () => {
  // Worked epoch: Excel counts 1900-01-01 as 1 and (wrongly) has a 1900-02-29 as 60,
  // so from 1900-03-01 (61) on, serial n is 1899-12-30 + n days.
  // 2026-03-31: 1900-01-01 → 2026-01-01 is 126 × 365 + 31 leap days (1904…2024) = 46021 days,
  // so 2026-01-01 = 1 + 46021 + 1 (the phantom 02-29) = 46023; + 31 (Jan) + 28 (Feb) + 30 = 46112.
  it.each([
    [46112, "2026-03-31"],
    [46023, "2026-01-01"],
    [45658, "2025-01-01"], // 46023 - 365
    [1, "1900-01-01"],
    [2, "1900-01-02"],
    [31, "1900-01-31"],
    [32, "1900-02-01"],
    [59, "1900-02-28"],
    [61, "1900-03-01"],
    [62, "1900-03-02"],
    [2958465, "9999-12-31"], // Excel's last date
  ] as const)("serial %s → %s", (serial, iso) => {
    expect(serialToIso(serial)).toBe(iso);
    expect(okValue(decodeCell("date", serial))).toBe(iso);
    expect(isoToSerial(iso)).toBe(serial);
  });

  it("a serial with a time of day keeps the day: 46112.75 → 2026-03-31", () => {
    expect(okValue(decodeCell("date", 46112.75))).toBe("2026-03-31");
  });

  it("60 is Excel's 1900-02-29, a day that does not exist: rejected", () => {
    expect(serialToIso(60)).toBeUndefined();
    expect(problem(decodeCell("date", 60))).toMatch(/1900-02-29/);
  });

  it.each([0, -1, 0.5, 2958466, NaN, Infinity])("serial %s is not a date", (serial) => {
    expect(serialToIso(serial)).toBeUndefined();
    expect(problem(decodeCell("date", serial))).toMatch(/not a date serial number/);
  });

  it("isoToSerial and serialToIso are inverse over 1900-03-01 … 9999-12-31 (property)", () => {
    // 2958465 - 61 = 2958404 days after 1900-03-01
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_958_404 }), (offset) => {
        const iso = addDays("1900-03-01", offset);
        expect(isoToSerial(iso)).toBe(61 + offset);
        expect(serialToIso(61 + offset)).toBe(iso);
        expect(serialToIso(isoToSerial(iso))).toBe(iso);
      }),
      { numRuns: 2000 },
    );
  });

  it("the whole of 1900 before March also round-trips (serials 1…59)", () => {
    for (let s = 1; s <= 59; s++) {
      const iso = addDays("1900-01-01", s - 1);
      expect(serialToIso(s)).toBe(iso);
      expect(isoToSerial(iso)).toBe(s);
    }
  });
});

describe("date column", () => {
  it("Date objects (UTC midnight) → ISO", () => {
    expect(okValue(decodeCell("date", new Date(Date.UTC(2026, 2, 31))))).toBe("2026-03-31");
    expect(okValue(decodeCell("date", new Date(Date.UTC(2024, 1, 29))))).toBe("2024-02-29");
  });
  it("an invalid Date is a problem", () => {
    expect(problem(decodeCell("date", new Date(NaN)))).toMatch(/invalid date/);
  });
  it.each(["2026-03-31", " 2026-03-31 ", "2024-02-29", "1999-12-31"])("ISO text %j ok", (t) => {
    expect(okValue(decodeCell("date", t))).toBe(t.trim());
  });
  it.each(["31/03/2026", "March 31", "2026-02-29", "2026-13-01", "2026-3-31", "20260331", "2026-03-31T00:00:00Z"])(
    "%j rejected with a message naming the text and the YYYY-MM-DD form",
    (t) => {
      const msg = problem(decodeCell("date", t));
      expect(msg).toContain(`"${t}"`);
      expect(msg).toMatch(/not a date/);
      expect(msg).toContain("YYYY-MM-DD");
    },
  );
  it("'31/03/2026' reads exactly", () => {
    expect(problem(decodeCell("date", "31/03/2026"))).toBe(
      'holds the text "31/03/2026", not a date (enter a date, or text as YYYY-MM-DD)',
    );
  });
  it("empty text, null and undefined are empty", () => {
    expect(okValue(decodeCell("date", ""))).toBeUndefined();
    expect(okValue(decodeCell("date", "   "))).toBeUndefined();
    expect(okValue(decodeCell("date", null))).toBeUndefined();
    expect(okValue(decodeCell("date", undefined))).toBeUndefined();
  });
  it("a boolean is a problem", () => {
    expect(problem(decodeCell("date", true))).toBe("holds the logical value TRUE, not a date");
  });
  it("isValidIsoDate checks the calendar", () => {
    expect(isValidIsoDate("2024-02-29")).toBe(true);
    expect(isValidIsoDate("2100-02-29")).toBe(false); // 2100 is not a leap year
    expect(isValidIsoDate("2000-02-29")).toBe(true); // 2000 is
    expect(isValidIsoDate("2026-04-31")).toBe(false);
    expect(isValidIsoDate("2026-4-1")).toBe(false);
  });
});

describe("error values are rejected in every column type", () => {
  it.each(ALL_TYPES)("%s", (type) => {
    expect(problem(decodeCell(type, { error: "#N/A" }, ["x"]))).toBe("holds the error value #N/A");
    expect(problem(decodeCell(type, { error: "#VALUE!" }, ["x"]))).toBe("holds the error value #VALUE!");
  });
});

describe("text column", () => {
  it("'0100' stays '0100' (leading zeros kept)", () => {
    expect(okValue(decodeCell("text", "0100"))).toBe("0100");
  });
  it("numbers become their text: 1100 → '1100', 0.1 + 0.2 → '0.30000000000000004'", () => {
    expect(okValue(decodeCell("text", 1100))).toBe("1100");
    expect(okValue(decodeCell("text", 0.1 + 0.2))).toBe("0.30000000000000004");
  });
  it("trims; blank is empty", () => {
    expect(okValue(decodeCell("text", "  Cash  "))).toBe("Cash");
    expect(okValue(decodeCell("text", "   "))).toBeUndefined();
    expect(okValue(decodeCell("text", null))).toBeUndefined();
  });
  it("booleans and dates become text", () => {
    expect(okValue(decodeCell("text", true))).toBe("TRUE");
    expect(okValue(decodeCell("text", false))).toBe("FALSE");
    expect(okValue(decodeCell("text", new Date(Date.UTC(2026, 2, 31))))).toBe("2026-03-31");
  });
  it("a cell longer than Excel's 32,767 characters is refused, in every column type that reads text", () => {
    expect(okValue(decodeCell("text", "a".repeat(32_767)))).toHaveLength(32_767);
    // 32,768 = 32,767 + 1: one over Excel's limit
    const problem = "holds 32,768 characters; an Excel cell holds at most 32,767";
    for (const t of ["text", "enum", "list", "amount", "date", "int"] as const) {
      expect(decodeCell(t, "a".repeat(32_768), t === "enum" ? ["a"] : undefined)).toEqual({ ok: false, problem });
    }
  });
});

describe("amount column", () => {
  it("from numbers: 1234.5 → 1234.5, -0.07 → -0.07, 0 → 0", () => {
    expect(amountOf(decodeCell("amount", 1234.5)).toString()).toBe("1234.5");
    expect(amountOf(decodeCell("amount", -0.07)).toString()).toBe("-0.07");
    expect(amountOf(decodeCell("amount", 0)).isZero()).toBe(true);
  });
  it("from text '1234.50' keeps the scale: units 123450 at 2", () => {
    const a = amountOf(decodeCell("amount", "1234.50"));
    expect(a.units).toBe(123450n);
    expect(a.scale).toBe(2);
    expect(amountOf(decodeCell("amount", " -12.5 ")).toString()).toBe("-12.5");
  });
  it("'1,234.50' is rejected with a clear message", () => {
    expect(problem(decodeCell("amount", "1,234.50"))).toBe(
      'holds the text "1,234.50", not a number (use digits with a decimal point, e.g. 1234.50)',
    );
  });
  it.each(["1e5", "12 USD", "abc", "1.2.3"])("text %j rejected", (t) => {
    expect(problem(decodeCell("amount", t))).toMatch(/not a number/);
  });
  it("999,999,999,999,999 (15 digits) ok; 1e15 and beyond rejected", () => {
    expect(amountOf(decodeCell("amount", 999_999_999_999_999)).toString()).toBe("999999999999999");
    expect(problem(decodeCell("amount", 1e15))).toMatch(/15 significant digits/);
    expect(problem(decodeCell("amount", -1e15))).toMatch(/15 significant digits/);
  });
  it("NaN / Infinity rejected", () => {
    expect(problem(decodeCell("amount", NaN))).toMatch(/not a finite number/);
    expect(problem(decodeCell("amount", Infinity))).toMatch(/not a finite number/);
  });
  it("a float residue such as =0.1+0.2-0.3 decodes (exactly) instead of throwing", () => {
    // 5.551115123125783e-17 = 5551115123125783 × 10^-32
    const a = amountOf(decodeCell("amount", 0.1 + 0.2 - 0.3));
    expect(a.eq(Amount.fromUnits(5551115123125783n, 32))).toBe(true);
  });
  it("booleans and dates rejected; blank is empty", () => {
    expect(problem(decodeCell("amount", false))).toBe("holds the logical value FALSE, not a number");
    expect(problem(decodeCell("amount", new Date(Date.UTC(2026, 2, 31))))).toBe(
      "holds the date 2026-03-31, not an amount",
    );
    expect(okValue(decodeCell("amount", ""))).toBeUndefined();
    expect(okValue(decodeCell("amount", null))).toBeUndefined();
  });
});

describe("rate column", () => {
  it("from a number and from text", () => {
    expect((okValue(decodeCell("rate", 0.6712)) as Rate).eq(Rate.parse("0.6712")!)).toBe(true);
    expect((okValue(decodeCell("rate", "1.08")) as Rate).toString()).toBe("1.08");
  });
  it("bad text rejected, blank empty", () => {
    expect(problem(decodeCell("rate", "1,08"))).toMatch(/not a number/);
    expect(okValue(decodeCell("rate", ""))).toBeUndefined();
  });
});

describe("int column", () => {
  it.each([
    [2, 2],
    ["2", 2],
    [" 3 ", 3],
    ["0100", 100],
    [-5, -5],
  ] as const)("%j → %s", (v, n) => {
    expect(okValue(decodeCell("int", v))).toBe(n);
  });
  it("-0 → 0", () => {
    expect(Object.is(okValue(decodeCell("int", -0)), 0)).toBe(true);
  });
  it("fractions, words, huge numbers and booleans rejected", () => {
    expect(problem(decodeCell("int", 2.5))).toBe("holds 2.5, not a whole number");
    expect(problem(decodeCell("int", "zero"))).toBe('holds "zero", not a whole number');
    expect(problem(decodeCell("int", 2 ** 53))).toMatch(/not a whole number/);
    expect(problem(decodeCell("int", true))).toMatch(/not a whole number/);
    expect(problem(decodeCell("int", new Date(Date.UTC(2026, 0, 1))))).toMatch(/not a whole number/);
  });
  it("blank is empty", () => {
    expect(okValue(decodeCell("int", ""))).toBeUndefined();
    expect(okValue(decodeCell("int", "  "))).toBeUndefined();
    expect(okValue(decodeCell("int", null))).toBeUndefined();
  });
});

describe("bool column", () => {
  it.each([true, 1, "TRUE", "true", "True", " yes ", "YES", "y", "Y", "x", "X", "1"] as const)("%j → true", (v) => {
    expect(okValue(decodeCell("bool", v))).toBe(true);
  });
  it.each([false, 0, "FALSE", "false", "no", "No", "n", "N", "0"] as const)("%j → false", (v) => {
    expect(okValue(decodeCell("bool", v))).toBe(false);
  });
  it.each(["", "  ", null])("%j → empty", (v) => {
    expect(okValue(decodeCell("bool", v))).toBeUndefined();
  });
  it.each(["maybe", "on", 2, -1])("%j rejected", (v) => {
    expect(problem(decodeCell("bool", v))).toMatch(/expected TRUE or FALSE/);
  });
  it("exact message for text", () => {
    expect(problem(decodeCell("bool", "maybe"))).toBe('holds "maybe"; expected TRUE or FALSE');
  });
});

describe("enum column", () => {
  const allowed = ["spot", "average", "On hold"];
  it("case-insensitive, returns the declared spelling", () => {
    expect(okValue(decodeCell("enum", "SPOT", allowed))).toBe("spot");
    expect(okValue(decodeCell("enum", " Average ", allowed))).toBe("average");
    expect(okValue(decodeCell("enum", "on HOLD", allowed))).toBe("On hold");
  });
  it("unknown value names the choices", () => {
    expect(problem(decodeCell("enum", "monthly", allowed))).toBe(
      'holds "monthly"; expected one of spot, average, On hold',
    );
    expect(problem(decodeCell("enum", 1, allowed))).toMatch(/expected one of/);
  });
  it("blank is empty", () => {
    expect(okValue(decodeCell("enum", "", allowed))).toBeUndefined();
  });
});

describe("list column", () => {
  it("splits on commas and semicolons, trims, drops empties", () => {
    expect(okValue(decodeCell("list", "a, b;c"))).toEqual(["a", "b", "c"]);
    expect(okValue(decodeCell("list", "Finance,, Admin ;"))).toEqual(["Finance", "Admin"]);
    expect(okValue(decodeCell("list", "solo"))).toEqual(["solo"]);
    expect(okValue(decodeCell("list", 5))).toEqual(["5"]);
  });
  it("blank is empty", () => {
    expect(okValue(decodeCell("list", ""))).toBeUndefined();
  });
});

describe("timestamp column", () => {
  it("Date → ISO timestamp", () => {
    expect(okValue(decodeCell("timestamp", new Date(Date.UTC(2026, 2, 31, 12, 30))))).toBe("2026-03-31T12:30:00.000Z");
  });
  it("serial 46112.5 → 2026-03-31 noon", () => {
    expect(okValue(decodeCell("timestamp", 46112.5))).toBe("2026-03-31T12:00:00.000Z");
  });
  it.each(["2026-03-31T12:00:00Z", "2026-03-31 12:00", "2026-03-31T12:00:00.123+02:00", "2026-03-31"])(
    "text %j kept",
    (t) => {
      expect(okValue(decodeCell("timestamp", t))).toBe(t);
    },
  );
  it("bad text and serials below 1 rejected", () => {
    expect(problem(decodeCell("timestamp", "yesterday"))).toMatch(/not a date-time/);
    expect(problem(decodeCell("timestamp", 0))).toMatch(/not a date-time/);
  });
});

describe("encodeCell / encodeDate", () => {
  it("encodeDate is UTC midnight", () => {
    expect(encodeDate("2026-03-31").getTime()).toBe(Date.UTC(2026, 2, 31));
    expect(isoFromUtcDate(encodeDate("2024-02-29"))).toBe("2024-02-29");
  });
  it("empty values become null", () => {
    for (const t of ALL_TYPES) {
      expect(encodeCell(t, undefined)).toBeNull();
      expect(encodeCell(t, null)).toBeNull();
      expect(encodeCell(t, "")).toBeNull();
    }
  });
  it("each type", () => {
    expect(encodeCell("amount", Amount.parse("1234.50"))).toBe(1234.5);
    expect(encodeCell("amount", 12)).toBe(12);
    expect(encodeCell("rate", Rate.quoted("0.6712", 100))).toBe(0.006712);
    expect((encodeCell("date", "2026-03-31") as Date).getTime()).toBe(Date.UTC(2026, 2, 31));
    expect(encodeCell("list", ["Finance", "Admin"])).toBe("Finance, Admin");
    expect(encodeCell("int", "7")).toBe(7);
    expect(encodeCell("bool", true)).toBe(true);
    expect(encodeCell("bool", false)).toBe(false);
    expect(encodeCell("text", 1100)).toBe("1100");
    expect(encodeCell("enum", "spot")).toBe("spot");
    expect((encodeCell("timestamp", "2026-03-31T12:00:00.000Z") as Date).toISOString()).toBe(
      "2026-03-31T12:00:00.000Z",
    );
  });
  it("round trips: decode(encode(v)) = v", () => {
    expect(okValue(decodeCell("date", encodeCell("date", "2026-03-31")))).toBe("2026-03-31");
    expect(okValue(decodeCell("list", encodeCell("list", ["a", "b"])))).toEqual(["a", "b"]);
    expect(okValue(decodeCell("bool", encodeCell("bool", false)))).toBe(false);
    expect(okValue(decodeCell("int", encodeCell("int", 42)))).toBe(42);
    expect(okValue(decodeCell("text", encodeCell("text", "0100")))).toBe("0100");
    expect(okValue(decodeCell("enum", encodeCell("enum", "average"), ["spot", "average"]))).toBe("average");
    expect(okValue(decodeCell("timestamp", encodeCell("timestamp", "2026-03-31T12:00:00.000Z")))).toBe(
      "2026-03-31T12:00:00.000Z",
    );
  });
  it("dates round-trip through encodeCell / decodeCell (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_958_404 }), (offset) => {
        const iso = addDays("1900-03-01", offset);
        expect(okValue(decodeCell("date", encodeCell("date", iso)))).toBe(iso);
      }),
    );
  });
  it("amounts with up to 2 decimals below 10^13 round-trip through a double cell (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }),
        fc.integer({ min: 0, max: 2 }),
        (units, scale) => {
          const a = Amount.fromUnits(units, scale);
          const cell = encodeCell("amount", a) as CellValue;
          expect(typeof cell).toBe("number");
          expect(amountOf(decodeCell("amount", cell)).eq(a)).toBe(true);
        },
      ),
    );
  });
});

test("a timestamp read as an Excel serial keeps its millisecond (so the seal's rounding to the second is stable)", () => {
  // 2026-04-01T09:00:00.500Z: (Date.UTC(2026,3,1,9,0,0,500) − Date.UTC(1899,11,30)) / 86,400,000 days
  const serial = (Date.UTC(2026, 3, 1, 9, 0, 0, 500) - Date.UTC(1899, 11, 30)) / 86_400_000;
  const r = decodeCell("timestamp", serial);
  expect(r).toEqual({ ok: true, value: "2026-04-01T09:00:00.500Z" });
});

test("an empty list is written as a blank cell (null), as the Excel host and the xlsx file read it back", () => {
  expect(encodeCell("list", [])).toBeNull();
  expect(encodeCell("list", ["T01", "T02"])).toBe("T01, T02");
});

describe("remembered ISO text of dates and timestamps (the decoder keeps what it formatted)", () => {
  it("gives what toISOString gives, for the same time asked again and again, and throws on an invalid Date", () => {
    // times from year 0001 to 9999 and a few repeated: a remembered answer must still be the time's own
    const times = fc.integer({ min: Date.UTC(1, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) });
    fc.assert(
      fc.property(fc.array(times, { minLength: 1, maxLength: 20 }), (ms) => {
        for (const t of [...ms, ...ms]) {
          expect(isoFromUtcDate(new Date(t))).toBe(new Date(t).toISOString().slice(0, 10));
          expect(okValue(decodeCell("timestamp", new Date(t)))).toBe(new Date(t).toISOString());
        }
      }),
      { numRuns: 200 },
    );
    // 2026-03-31 by hand: Date.UTC(2026, 2, 31) is the 31st of March (months count from 0)
    expect(isoFromUtcDate(new Date(Date.UTC(2026, 2, 31)))).toBe("2026-03-31");
    expect(() => isoFromUtcDate(new Date(NaN))).toThrow(RangeError);
    expect(() => isoFromUtcDate(new Date(NaN))).toThrow(RangeError); // not kept after the first throw
  });
});
