import fc from "fast-check";
import { Amount } from "../../../src/core/money/amount";
import { Rate } from "../../../src/core/money/rate";
import { ROUNDING_MODES, type RoundingMode } from "../../../src/core/money/rounding";

function a(text: string): Amount {
  const x = Amount.parse(text);
  if (!x) throw new Error(`fixture: ${text}`);
  return x;
}
function r(text: string): Rate {
  const x = Rate.parse(text);
  if (!x) throw new Error(`fixture: ${text}`);
  return x;
}

describe("Rate.parse / fromNumber", () => {
  it("parses plain decimals and keeps every digit", () => {
    expect(r("1.08").toString()).toBe("1.08");
    expect(r("0.6712").toString()).toBe("0.6712");
    expect(r("1.2345678901").toString()).toBe("1.2345678901");
  });
  it("rejects non-plain text", () => {
    expect(Rate.parse("1e5")).toBeUndefined();
    expect(Rate.parse("1,08")).toBeUndefined();
    expect(Rate.parse("")).toBeUndefined();
  });
  it("fromNumber uses the shortest text of the double", () => {
    expect(Rate.fromNumber(0.6712)!.toString()).toBe("0.6712");
    expect(Rate.fromNumber(NaN)).toBeUndefined();
    expect(Rate.fromNumber(Infinity)).toBeUndefined();
  });
  it("isPositive only for > 0", () => {
    expect(r("0.5").isPositive()).toBe(true);
    expect(r("0").isPositive()).toBe(false);
    expect(r("-1").isPositive()).toBe(false);
  });
});

describe("Rate.quoted", () => {
  it("100 JPY = 0.6712 USD → factor 0.006712 per yen", () => {
    const jpyUsd = Rate.quoted("0.6712", 100);
    expect(jpyUsd.toString()).toBe("0.006712");
    expect(jpyUsd.eq(r("0.006712"))).toBe(true);
  });
  it("accepts a Rate too, and unit 1 is the rate itself", () => {
    expect(Rate.quoted(r("1.08"), 1).eq(r("1.08"))).toBe(true);
    // 1000 KRW = 0.75 USD → 0.00075
    expect(Rate.quoted(r("0.75"), 1000).toString()).toBe("0.00075");
  });
  it("throws on text that is not a rate", () => {
    expect(() => Rate.quoted("abc", 100)).toThrow(/not a rate/);
  });
});

describe("apply", () => {
  it("12,345 JPY at 0.6712 per 100 → 82.86 USD (12345 × 0.006712 = 82.85964)", () => {
    // 12345 × 6712 = 74,070,000 + 8,641,500 + 148,140 = 82,859,640 → 82.859640
    const jpyUsd = Rate.quoted("0.6712", 100);
    expect(jpyUsd.applyExact(a("12345"))).toBe("82.85964");
    const usd = jpyUsd.apply(a("12345"), 2);
    expect(usd.toString()).toBe("82.86");
    expect(usd.scale).toBe(2);
  });
  it("rounds in the named mode: 10 × 0.2345 = 2.345 and -10 × 0.2345 = -2.345", () => {
    const expected: Record<RoundingMode, [string, string]> = {
      halfAwayFromZero: ["2.35", "-2.35"],
      halfEven: ["2.34", "-2.34"],
      halfUp: ["2.35", "-2.34"], // ties toward +infinity
      down: ["2.34", "-2.34"],
    };
    for (const mode of ROUNDING_MODES) {
      expect(r("0.2345").apply(a("10"), 2, mode).toString()).toBe(expected[mode][0]);
      expect(r("0.2345").apply(a("-10"), 2, mode).toString()).toBe(expected[mode][1]);
    }
  });
  it("to 0 places for JPY: 82.86 USD × (100 / 0.6712) = 12345.0536… → 12345", () => {
    // 0.6712 × 12345 = 8285.964; 8286 - 8285.964 = 0.036; 0.036 / 0.6712 = 0.0536…
    const usdJpy = Rate.quoted("0.6712", 100).inverse();
    expect(usdJpy.apply(a("82.86"), 0).toString()).toBe("12345");
    expect(usdJpy.apply(a("82.86"), 2).toString()).toBe("12345.05");
  });
  it("Rate.ONE applied is plain rounding (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom<RoundingMode>(...ROUNDING_MODES),
        (units, scale, places, mode) => {
          const x = Amount.fromUnits(units, scale);
          expect(Rate.ONE.apply(x, places, mode).eq(x.round(places, mode))).toBe(true);
        },
      ),
    );
  });
  it("quoted(rate, 100) applied to x equals rate applied to x / 100 (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (units, scale, rateUnits) => {
          const rateText = Amount.fromUnits(BigInt(rateUnits), 4).toString();
          const x = Amount.fromUnits(units, scale);
          const xOver100 = Amount.fromUnits(units, scale + 2); // exactly x / 100
          expect(Rate.quoted(rateText, 100).apply(x, 2).eq(r(rateText).apply(xOver100, 2))).toBe(true);
        },
      ),
    );
  });
});

describe("inverse / times", () => {
  it("1 / 1.25 = 0.8", () => {
    expect(r("1.25").inverse().toString()).toBe("0.8");
  });
  it("1 / 1.08 = 0.925925… shown to 20 significant digits", () => {
    // 0.925 925 925 925 925 925 92|5… → last kept 2 rounds up to 3
    expect(r("1.08").inverse().toString()).toBe("0.92592592592592592593");
  });
  it("inverse of the inverse shows as the original (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000_000 }), fc.integer({ min: 0, max: 6 }), (u, s) => {
        const x = Rate.parse(Amount.fromUnits(BigInt(u), s).toString())!;
        expect(x.inverse().inverse().toString()).toBe(x.toString());
      }),
    );
  });
  it("1.5 × 2 = 3", () => {
    expect(r("1.5").times(r("2")).eq(r("3"))).toBe(true);
  });
  it("EUR→USD 1.08 × USD→JPY (100 / 0.6712): 1000 EUR → 160,906 JPY", () => {
    // 108 / 0.6712 = 1,080,000 / 6712 = 160.9058…; × 1000 = 160,905.84… → 160906
    const eurJpy = r("1.08").times(Rate.quoted("0.6712", 100).inverse());
    expect(eurJpy.apply(a("1000"), 0).toString()).toBe("160906");
    expect(eurJpy.apply(a("1000"), 2).toString()).toBe("160905.84");
  });
});

describe("ratio", () => {
  it("25 / 100 = 0.25; -50 / 200 = -0.25", () => {
    expect(Rate.ratio(a("25"), a("100"))!.toString()).toBe("0.25");
    expect(Rate.ratio(a("-50"), a("200"))!.toString()).toBe("-0.25");
  });
  it("1 / 3 shown to 20 significant digits", () => {
    expect(Rate.ratio(a("1"), a("3"))!.toString()).toBe("0.33333333333333333333");
  });
  it("mixed scales: 1.50 / 0.5 = 3", () => {
    expect(Rate.ratio(a("1.50"), a("0.5"))!.eq(r("3"))).toBe(true);
  });
  it("undefined for a zero divisor (any scale)", () => {
    expect(Rate.ratio(a("1"), a("0"))).toBeUndefined();
    expect(Rate.ratio(a("1"), a("0.00"))).toBeUndefined();
  });
});

describe("changeFrom", () => {
  it("1.10 after 1.00 is 0.1; 0.90 after 1.00 is also 0.1 (magnitude)", () => {
    expect(r("1.10").changeFrom(r("1.00"))).toBe(0.1);
    expect(r("0.90").changeFrom(r("1.00"))).toBe(0.1);
  });
  it("same rate → 0", () => {
    expect(r("1.08").changeFrom(r("1.08"))).toBe(0);
  });
  it("1.08 after 1.20: |1.08 - 1.20| / 1.20 = 0.12 / 1.2 = 0.1", () => {
    expect(r("1.08").changeFrom(r("1.20"))).toBe(0.1);
  });
  it("doubling is a change of 1", () => {
    expect(r("2.5").changeFrom(r("1.25"))).toBe(1);
  });
});

describe("toNumber", () => {
  it("gives the double", () => {
    expect(Rate.quoted("0.6712", 100).toNumber()).toBe(0.006712);
  });
});
