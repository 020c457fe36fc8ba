import fc from "fast-check";
import { Amount } from "../../../src/core/money/amount";
import { dec } from "../../../src/core/money/decimal";
import { ROUNDING_MODES, type RoundingMode } from "../../../src/core/money/rounding";

/** Asserts the exact representation: integer units and carried scale. */
function expectExact(a: Amount | undefined, units: bigint, scale: number): void {
  expect(a).toBeDefined();
  expect(a!.units).toBe(units);
  expect(a!.scale).toBe(scale);
}

function p(text: string): Amount {
  const a = Amount.parse(text);
  if (!a) throw new Error(`test fixture does not parse: ${text}`);
  return a;
}

/**
 * Independent reference rounding, written differently from Amount.round:
 * it starts from the mathematical floor (not truncation) and a non-negative
 * remainder, then decides per mode.
 */
function floorDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d !== 0n && n < 0n ? q - 1n : q;
}
function refRound(units: bigint, scale: number, places: number, mode: RoundingMode): bigint {
  if (places >= scale) return units * 10n ** BigInt(places - scale);
  const f = 10n ** BigInt(scale - places);
  const fl = floorDiv(units, f);
  const rem = units - fl * f; // 0 <= rem < f
  if (rem === 0n) return fl;
  const ceil = fl + 1n;
  if (mode === "down") return units >= 0n ? fl : ceil; // toward zero
  const twice = 2n * rem;
  if (twice < f) return fl;
  if (twice > f) return ceil;
  // exact tie between fl and ceil
  switch (mode) {
    case "halfAwayFromZero":
      return units > 0n ? ceil : fl;
    case "halfUp":
      return ceil; // towards +infinity
    case "halfEven":
      return fl % 2n === 0n ? fl : ceil;
  }
}

const arbAmount = fc
  .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 8 }))
  .map(([u, s]) => Amount.fromUnits(u, s));
const arbMode = fc.constantFrom<RoundingMode>(...ROUNDING_MODES);

describe("Amount.parse", () => {
  it.each([
    ["0", 0n, 0],
    ["-1234.50", -123450n, 2],
    ["1234.50", 123450n, 2],
    ["+1.5", 15n, 1],
    [".5", 5n, 1], // leading dot
    ["-.5", -5n, 1],
    ["+.25", 25n, 2],
    ["1.", 1n, 0], // trailing dot: no fraction digits
    [" 12.30 ", 1230n, 2], // surrounding space is trimmed
    ["007", 7n, 0],
    ["-0", 0n, 0],
    ["0.000", 0n, 3],
    ["123456789012345678901234567890", 123456789012345678901234567890n, 0],
    // 30 fraction digits is the most accepted
    ["0." + "0".repeat(29) + "1", 1n, 30],
  ])("parses %j → units %s at scale %s", (text, units, scale) => {
    expectExact(Amount.parse(text), units, scale);
  });

  it.each([
    "",
    " ",
    ".",
    "-",
    "+",
    "1e5",
    "1E5",
    "1e-2",
    "1,234.50",
    "1 000",
    "--1",
    "+-1",
    "1.2.3",
    "abc",
    "0x10",
    "Infinity",
    "NaN",
    "1.5-",
    "$5",
    "(5)",
    "0." + "0".repeat(30) + "1", // 31 fraction digits
  ])("rejects %j", (text) => {
    expect(Amount.parse(text)).toBeUndefined();
  });
});

describe("Amount.fromNumber", () => {
  it("0.1 → 0.1 (shortest round-trip text, not the binary expansion)", () => {
    expectExact(Amount.fromNumber(0.1), 1n, 1);
  });
  it("1234.56 → units 123456 at 2", () => {
    expectExact(Amount.fromNumber(1234.56), 123456n, 2);
  });
  it("-0.07 → units -7 at 2", () => {
    expectExact(Amount.fromNumber(-0.07), -7n, 2);
    expect(Amount.fromNumber(-0.07)!.toString()).toBe("-0.07");
  });
  it("-0 → 0 (no negative zero)", () => {
    const z = Amount.fromNumber(-0)!;
    expectExact(z, 0n, 0);
    expect(z.toString()).toBe("0");
    expect(z.sign()).toBe(0);
    expect(z.isNegative()).toBe(false);
  });
  it("1e21 (printed by JS with an exponent) → 1 followed by 21 zeros", () => {
    expectExact(Amount.fromNumber(1e21), 10n ** 21n, 0);
    expect(Amount.fromNumber(1e21)!.toString()).toBe("1000000000000000000000");
  });
  it("1e-7 (exponent form) → 0.0000001", () => {
    expectExact(Amount.fromNumber(1e-7), 1n, 7);
  });
  it("0.1 + 0.2 keeps the stored double's digits 0.30000000000000004", () => {
    // 0.30000000000000004: 17 fraction digits, units 30000000000000004
    expectExact(Amount.fromNumber(0.1 + 0.2), 30000000000000004n, 17);
  });
  it("a tiny float residue such as 0.1 + 0.2 - 0.3 is an exact amount, not a crash", () => {
    // 0.1 + 0.2 - 0.3 === 5.551115123125783e-17 = 5551115123125783 × 10^-15 × 10^-17
    //   = 5551115123125783 × 10^-32 → units 5551115123125783, scale 32
    expect(0.1 + 0.2 - 0.3).toBe(5.551115123125783e-17);
    expectExact(Amount.fromNumber(0.1 + 0.2 - 0.3), 5551115123125783n, 32);
    // 5e-324, the smallest double: units 5 at 324 places
    expectExact(Amount.fromNumber(5e-324), 5n, 324);
  });
  it.each([NaN, Infinity, -Infinity])("%s → undefined", (n) => {
    expect(Amount.fromNumber(n)).toBeUndefined();
  });
  it("the units read straight off the double are those of its shortest text (String(n), parsed)", () => {
    // 69327.06 → units 6932706 at 2, as "69327.06"; 4503599627370495.5 (past 2^52 units) and 1e-7 take the text path
    const cents = fc.tuple(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.integer({ min: 0, max: 6 }));
    fc.assert(
      fc.property(
        fc.oneof(
          cents.map(([u, k]) => u / 10 ** k),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.integer().map((i) => i / 3),
          fc.constantFrom(69327.06, 0.1 + 0.2, 4503599627370495.5, 2 ** 52, 1e-7, 1e15, -0.000001, 123456.7890123),
        ),
        (n) => {
          const text = Object.is(n, -0) ? "0" : String(n);
          const want = /e/i.test(text) ? Amount.fromDec(dec(n)) : Amount.parse(text)!;
          const got = Amount.fromNumber(n)!;
          expect([got.units, got.scale]).toEqual([want.units, want.scale]);
        },
      ),
      { numRuns: 20_000 },
    );
  });
});

describe("plus / minus across scales", () => {
  it("10.10 + 0.005 = 10.105 (units 10105 at 3)", () => {
    expectExact(p("10.10").plus(p("0.005")), 10105n, 3);
  });
  it("1.5 - 0.25 = 1.25", () => {
    expectExact(p("1.5").minus(p("0.25")), 125n, 2);
  });
  it("1 - 0.001 = 0.999", () => {
    expectExact(p("1").minus(p("0.001")), 999n, 3);
  });
  it("0.001 - 1 = -0.999", () => {
    expectExact(p("0.001").minus(p("1")), -999n, 3);
  });
  it("-2.5 + 2.50 = 0.00", () => {
    const z = p("-2.5").plus(p("2.50"));
    expectExact(z, 0n, 2);
    expect(z.isZero()).toBe(true);
  });
  it("sum of 0.1 ten times is exactly 1.0", () => {
    expectExact(Amount.sum(Array.from({ length: 10 }, () => p("0.1"))), 10n, 1);
  });
  it("sum of nothing is 0", () => {
    expectExact(Amount.sum([]), 0n, 0);
  });
  it("neg / abs / sign", () => {
    expectExact(p("1.50").neg(), -150n, 2);
    expectExact(p("-1.50").abs(), 150n, 2);
    expect(p("-0.01").sign()).toBe(-1);
    expect(p("0.00").sign()).toBe(0);
    expect(p("0.01").sign()).toBe(1);
    expect(p("0.01").isPositive()).toBe(true);
    expect(p("-0.01").isNegative()).toBe(true);
  });
});

describe("cmp / eq across scales", () => {
  it.each([
    ["1.5", "1.50", 0],
    ["1.49", "1.5", -1],
    ["1.5", "1.49", 1],
    ["-1.5", "-1.49", -1],
    ["2", "1.999", 1],
    ["-0.001", "0", -1],
    ["0.00", "0", 0],
  ] as const)("cmp(%s, %s) = %s", (a, b, expected) => {
    expect(p(a).cmp(p(b))).toBe(expected);
    expect(p(a).eq(p(b))).toBe(expected === 0);
  });
});

describe("decimalPlaces", () => {
  it.each([
    ["1.50", 1],
    ["1.00", 0],
    ["0.000", 0],
    ["-0.120", 2],
    ["100", 0],
    ["100.0", 0],
    ["0.001", 3],
    ["-7.25", 2],
  ] as const)("%s → %s", (text, places) => {
    expect(p(text).decimalPlaces()).toBe(places);
  });
});

describe("atScale", () => {
  it("widens: 1.5 at 3 → units 1500", () => {
    expectExact(p("1.5").atScale(3), 1500n, 3);
  });
  it("narrows without loss: 1.500 at 1 → units 15; -1.50 at 1 → -15", () => {
    expectExact(p("1.500").atScale(1), 15n, 1);
    expectExact(p("-1.50").atScale(1), -15n, 1);
  });
  it("throws when digits would be lost: 1.505 at 2, -0.001 at 2", () => {
    expect(() => p("1.505").atScale(2)).toThrow(/lose digits/);
    expect(() => p("-0.001").atScale(2)).toThrow(/lose digits/);
  });
});

describe("unitsAt", () => {
  it("truncates toward zero when narrowing", () => {
    expect(p("1.239").unitsAt(2)).toBe(123n);
    expect(p("-1.239").unitsAt(2)).toBe(-123n);
    expect(p("0.999").unitsAt(0)).toBe(0n);
  });
  it("scales up when widening, unchanged at the same scale", () => {
    expect(p("1.2").unitsAt(3)).toBe(1200n);
    expect(p("-1.25").unitsAt(2)).toBe(-125n);
  });
});

describe("round", () => {
  // Worked by hand at 2 places. A tie is a dropped digit of exactly 5.
  //  2.345: tie between 2.34 and 2.35; 4 is even.
  // -2.345: tie between -2.35 and -2.34; halfUp goes toward +∞ → -2.34.
  //  2.355: tie between 2.35 and 2.36; 5 odd so halfEven → 2.36.
  //  0.005: tie between 0.00 and 0.01; 0 even.
  //  1.0049: 0.49 of a cent below the half → 1.00 in every mode.
  //  2.3451: past the half → 2.35 except down.
  const cases: readonly [string, Record<RoundingMode, string>][] = [
    ["2.345", { halfAwayFromZero: "2.35", halfEven: "2.34", halfUp: "2.35", down: "2.34" }],
    ["-2.345", { halfAwayFromZero: "-2.35", halfEven: "-2.34", halfUp: "-2.34", down: "-2.34" }],
    ["2.355", { halfAwayFromZero: "2.36", halfEven: "2.36", halfUp: "2.36", down: "2.35" }],
    ["-2.355", { halfAwayFromZero: "-2.36", halfEven: "-2.36", halfUp: "-2.35", down: "-2.35" }],
    ["0.005", { halfAwayFromZero: "0.01", halfEven: "0.00", halfUp: "0.01", down: "0.00" }],
    ["-0.005", { halfAwayFromZero: "-0.01", halfEven: "0.00", halfUp: "0.00", down: "0.00" }],
    ["0.015", { halfAwayFromZero: "0.02", halfEven: "0.02", halfUp: "0.02", down: "0.01" }],
    ["1.0049", { halfAwayFromZero: "1.00", halfEven: "1.00", halfUp: "1.00", down: "1.00" }],
    ["-1.0049", { halfAwayFromZero: "-1.00", halfEven: "-1.00", halfUp: "-1.00", down: "-1.00" }],
    ["2.3451", { halfAwayFromZero: "2.35", halfEven: "2.35", halfUp: "2.35", down: "2.34" }],
    ["-2.3451", { halfAwayFromZero: "-2.35", halfEven: "-2.35", halfUp: "-2.35", down: "-2.34" }],
    ["2.344", { halfAwayFromZero: "2.34", halfEven: "2.34", halfUp: "2.34", down: "2.34" }],
    ["-2.346", { halfAwayFromZero: "-2.35", halfEven: "-2.35", halfUp: "-2.35", down: "-2.34" }],
    ["10.105", { halfAwayFromZero: "10.11", halfEven: "10.10", halfUp: "10.11", down: "10.10" }],
    ["7", { halfAwayFromZero: "7.00", halfEven: "7.00", halfUp: "7.00", down: "7.00" }],
    ["1.5", { halfAwayFromZero: "1.50", halfEven: "1.50", halfUp: "1.50", down: "1.50" }],
  ];
  for (const [text, byMode] of cases) {
    for (const mode of ROUNDING_MODES) {
      it(`${text} → ${byMode[mode]} (${mode})`, () => {
        const r = p(text).round(2, mode);
        expect(r.toString()).toBe(byMode[mode]);
        expect(r.scale).toBe(2);
      });
    }
  }

  it("defaults to halfAwayFromZero", () => {
    expect(p("2.345").round(2).toString()).toBe("2.35");
    expect(p("-2.345").round(2).toString()).toBe("-2.35");
  });

  it.each([
    // whole-number ties: 2.5 between 2 and 3 (2 even); 3.5 between 3 and 4 (4 even)
    ["2.5", { halfAwayFromZero: "3", halfEven: "2", halfUp: "3", down: "2" }],
    ["-2.5", { halfAwayFromZero: "-3", halfEven: "-2", halfUp: "-2", down: "-2" }],
    ["3.5", { halfAwayFromZero: "4", halfEven: "4", halfUp: "4", down: "3" }],
    ["-3.5", { halfAwayFromZero: "-4", halfEven: "-4", halfUp: "-3", down: "-3" }],
    ["-0.4", { halfAwayFromZero: "0", halfEven: "0", halfUp: "0", down: "0" }],
  ] as const)("%s to 0 places", (text, byMode) => {
    for (const mode of ROUNDING_MODES) expect(p(text).round(0, mode).toString()).toBe(byMode[mode]);
  });

  it("agrees with an independent floor-based rounding (property)", () => {
    fc.assert(
      fc.property(arbAmount, fc.integer({ min: 0, max: 9 }), arbMode, (a, places, mode) => {
        const r = a.round(places, mode);
        expect(r.scale).toBe(places);
        expect(r.units).toBe(refRound(a.units, a.scale, places, mode));
      }),
    );
  });

  it("is idempotent (property)", () => {
    fc.assert(
      fc.property(arbAmount, fc.integer({ min: 0, max: 9 }), arbMode, (a, places, mode) => {
        const once = a.round(places, mode);
        const twice = once.round(places, mode);
        expect(twice.units).toBe(once.units);
        expect(twice.scale).toBe(once.scale);
      }),
    );
  });

  it("moves by less than one unit at the target places (property)", () => {
    fc.assert(
      fc.property(arbAmount, fc.integer({ min: 0, max: 9 }), arbMode, (a, places, mode) => {
        const diff = a.round(places, mode).minus(a).abs();
        expect(diff.cmp(Amount.fromUnits(1n, places))).toBe(-1);
      }),
    );
  });
});

describe("toString / toFixed", () => {
  it.each([
    [-5n, 3, "-0.005"],
    [0n, 2, "0.00"],
    [123n, 0, "123"],
    [-123456n, 2, "-1234.56"],
    [5n, 1, "0.5"],
    [100n, 2, "1.00"],
  ] as const)("fromUnits(%s, %s) → %s", (units, scale, text) => {
    expect(Amount.fromUnits(units, scale).toString()).toBe(text);
  });

  it.each([
    ["2.345", 2, "2.35"],
    ["-2.345", 2, "-2.35"],
    ["1.5", 2, "1.50"],
    ["0.005", 2, "0.01"],
    ["7", 0, "7"],
    ["7.5", 0, "8"],
  ] as const)("%s toFixed(%s) → %s", (text, places, out) => {
    expect(p(text).toFixed(places)).toBe(out);
  });

  it("toNumber gives the double, never -0", () => {
    expect(p("1234.56").toNumber()).toBe(1234.56);
    expect(Object.is(p("-0.00").toNumber(), 0)).toBe(true);
  });
});

describe("timesRounded", () => {
  it("12345 × 0.006712 = 82.85964 → 82.86", () => {
    expect(p("12345").timesRounded(dec("0.006712"), 2).toString()).toBe("82.86");
  });
  it("100.00 × 0.333 = 33.3 → 33.30 at 2", () => {
    expectExact(p("100.00").timesRounded(dec("0.333"), 2), 3330n, 2);
  });
  it.each([
    // 10 × 0.2345 = 2.345 (a tie at 2 places); -10 × 0.2345 = -2.345
    ["10", { halfAwayFromZero: "2.35", halfEven: "2.34", halfUp: "2.35", down: "2.34" }],
    ["-10", { halfAwayFromZero: "-2.35", halfEven: "-2.34", halfUp: "-2.34", down: "-2.34" }],
  ] as const)("%s × 0.2345 in every mode", (text, byMode) => {
    for (const mode of ROUNDING_MODES)
      expect(p(text).timesRounded(dec("0.2345"), 2, mode).toString()).toBe(byMode[mode]);
  });
  it("× 1 matches round in every mode (property)", () => {
    fc.assert(
      fc.property(arbAmount, fc.integer({ min: 0, max: 6 }), arbMode, (a, places, mode) => {
        expect(a.timesRounded(dec(1), places, mode).eq(a.round(places, mode))).toBe(true);
      }),
    );
  });
});

describe("properties", () => {
  it("a + b - b = a", () => {
    fc.assert(
      fc.property(arbAmount, arbAmount, (a, b) => {
        expect(a.plus(b).minus(b).eq(a)).toBe(true);
        expect(a.minus(b).plus(b).eq(a)).toBe(true);
      }),
    );
  });

  it("plus agrees with adding the texts' values as integers at a common scale", () => {
    fc.assert(
      fc.property(arbAmount, arbAmount, (a, b) => {
        const s = Math.max(a.scale, b.scale);
        const expected = a.units * 10n ** BigInt(s - a.scale) + b.units * 10n ** BigInt(s - b.scale);
        expectExact(a.plus(b), expected, s);
      }),
    );
  });

  it("sum is order-independent", () => {
    fc.assert(
      fc.property(
        fc
          .array(arbAmount, { maxLength: 30 })
          .chain((xs) =>
            fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length })),
          ),
        ([xs, shuffled]) => {
          const a = Amount.sum(xs);
          const b = Amount.sum(shuffled);
          expect(b.units).toBe(a.units);
          expect(b.scale).toBe(a.scale);
          expect(
            [...xs]
              .reverse()
              .reduce((acc, x) => acc.plus(x), Amount.ZERO)
              .eq(a),
          ).toBe(true);
        },
      ),
    );
  });

  it("parse(toString(x)) = x, units and scale", () => {
    fc.assert(
      fc.property(arbAmount, (a) => {
        expectExact(Amount.parse(a.toString()), a.units, a.scale);
      }),
    );
  });

  it("cmp is antisymmetric and agrees with minus", () => {
    fc.assert(
      fc.property(arbAmount, arbAmount, (a, b) => {
        expect(a.cmp(b)).toBe(0 - b.cmp(a));
        expect(a.cmp(b)).toBe(a.minus(b).sign());
      }),
    );
  });

  it("fromNumber(n) has the value String(n) shows, for doubles with up to 6 decimals", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 6 }), (i, s) => {
        const n = i / 10 ** s;
        const a = Amount.fromNumber(n)!;
        expect(a.toNumber()).toBe(n === 0 ? 0 : n);
        // exactly i × 10^-s (the double of i/10^s prints as that decimal)
        expect(a.eq(Amount.fromUnits(BigInt(i), s))).toBe(true);
      }),
    );
  });
});
