import fc from "fast-check";
import { allocate } from "../../../src/core/money/allocate";
import { Amount } from "../../../src/core/money/amount";

function a(text: string): Amount {
  const x = Amount.parse(text);
  if (!x) throw new Error(`fixture: ${text}`);
  return x;
}
const ws = (...xs: string[]): Amount[] => xs.map(a);
const texts = (xs: Amount[] | undefined): string[] | undefined => xs?.map((x) => x.toString());

describe("allocate: worked examples", () => {
  it("100.00 over [1,1,1] → 33.34, 33.33, 33.33", () => {
    // 10000 cents / 3 = 3333 r 1 each; 1 cent left goes to the first (tie → earlier)
    expect(texts(allocate(a("100.00"), ws("1", "1", "1"), 2))).toEqual(["33.34", "33.33", "33.33"]);
  });
  it("-0.05 over [1,1] → -0.03, -0.02", () => {
    // 5 cents / 2 = 2 r 1 each; the extra cent to the first; signs restored
    expect(texts(allocate(a("-0.05"), ws("1", "1"), 2))).toEqual(["-0.03", "-0.02"]);
  });
  it("0.02 over [1,1,1] → 0.01, 0.01, 0.00 (two leftovers to the two earliest)", () => {
    expect(texts(allocate(a("0.02"), ws("1", "1", "1"), 2))).toEqual(["0.01", "0.01", "0.00"]);
  });
  it("zero weights get zero: 1.00 over [0,1,0,2] → 0, 0.33, 0, 0.67", () => {
    // 100 × 1/3 = 33 r 1; 100 × 2/3 = 66 r 2; 1 left → largest remainder (index 3)
    expect(texts(allocate(a("1.00"), ws("0", "1", "0", "2"), 2))).toEqual(["0.00", "0.33", "0.00", "0.67"]);
  });
  it("largest remainder wins over an earlier smaller one: 0.10 over [1,2] → 0.03, 0.07", () => {
    // 10 × 1/3 = 3 r 1; 10 × 2/3 = 6 r 2 → the one cent left goes to the second
    expect(texts(allocate(a("0.10"), ws("1", "2"), 2))).toEqual(["0.03", "0.07"]);
  });
  it("equal remainders go to the earlier weight: 0.01 over [2,1,2] → 0.01, 0, 0", () => {
    // 1 × 2/5 = 0 r 2; 1 × 1/5 = 0 r 1; 1 × 2/5 = 0 r 2 → index 0 before index 2
    expect(texts(allocate(a("0.01"), ws("2", "1", "2"), 2))).toEqual(["0.01", "0.00", "0.00"]);
  });
  it("JPY (0 places): 1000 over [1,1,1] → 334, 333, 333", () => {
    expect(texts(allocate(a("1000"), ws("1", "1", "1"), 0))).toEqual(["334", "333", "333"]);
  });
  it("JPY: 10 over [1,2,3] → 2, 3, 5", () => {
    // 10/6 = 1 r 4; 20/6 = 3 r 2; 30/6 = 5 r 0 → 9 given, 1 left → index 0 (r 4)
    expect(texts(allocate(a("10"), ws("1", "2", "3"), 0))).toEqual(["2", "3", "5"]);
  });
  it("decimal weights: 7.00 over [0.5, 1.25] → 2.00, 5.00", () => {
    // at scale 2 the weights are 50 and 125, sum 175: 700 × 50/175 = 200, 700 × 125/175 = 500
    expect(texts(allocate(a("7.00"), ws("0.5", "1.25"), 2))).toEqual(["2.00", "5.00"]);
  });
  it("the total is rounded half away from zero first: 100.005 → 100.01 → 50.01, 50.00", () => {
    expect(texts(allocate(a("100.005"), ws("1", "1"), 2))).toEqual(["50.01", "50.00"]);
  });
  it("a zero total gives zeros", () => {
    expect(texts(allocate(a("0"), ws("1", "3"), 2))).toEqual(["0.00", "0.00"]);
  });
  it("a single weight takes the whole (rounded) total", () => {
    expect(texts(allocate(a("-12.345"), ws("7"), 2))).toEqual(["-12.35"]);
  });
  it("shares carry exactly `places` decimals", () => {
    for (const s of allocate(a("1"), ws("1", "2"), 3)!) expect(s.scale).toBe(3);
  });
  it("undefined for a negative weight", () => {
    expect(allocate(a("10.00"), ws("1", "-1", "2"), 2)).toBeUndefined();
  });
  it("undefined when every weight is zero, or there are none", () => {
    expect(allocate(a("10.00"), ws("0", "0.00"), 2)).toBeUndefined();
    expect(allocate(a("10.00"), [], 2)).toBeUndefined();
  });
});

describe("allocate: properties", () => {
  const arbCase = fc.record({
    units: fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }),
    places: fc.integer({ min: 0, max: 4 }),
    weights: fc.array(
      fc
        .tuple(fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 10n ** 9n })), fc.integer({ min: 0, max: 4 }))
        .map(([u, s]) => Amount.fromUnits(u, s)),
      { minLength: 1, maxLength: 12 },
    ),
  });
  // weights as integers at their common scale, computed independently
  const intWeights = (weights: Amount[]): bigint[] => {
    const s = Math.max(...weights.map((w) => w.scale));
    return weights.map((w) => w.units * 10n ** BigInt(s - w.scale));
  };

  it("shares sum exactly to the total; zero weights get 0; no share has the opposite sign; each within one unit of exact", () => {
    fc.assert(
      fc.property(arbCase, ({ units, places, weights }) => {
        const total = Amount.fromUnits(units, places);
        const w = intWeights(weights);
        const sum = w.reduce((x, y) => x + y, 0n);
        const shares = allocate(total, weights, places);
        if (sum === 0n) {
          expect(shares).toBeUndefined();
          return;
        }
        expect(shares).toBeDefined();
        expect(shares).toHaveLength(weights.length);
        // exact sum
        expect(Amount.sum(shares!).eq(total)).toBe(true);
        shares!.forEach((s, i) => {
          expect(s.scale).toBe(places);
          const wi = w[i]!;
          if (wi === 0n) expect(s.isZero()).toBe(true);
          if (total.isPositive()) expect(s.isNegative()).toBe(false);
          if (total.isNegative()) expect(s.isPositive()).toBe(false);
          if (total.isZero()) expect(s.isZero()).toBe(true);
          // |share - total × w/sum| < 1 unit  ⇔  |share × sum - total × w| < sum
          const diff = s.units * sum - units * wi;
          expect(diff < 0n ? -diff : diff).toBeLessThan(sum);
        });
      }),
    );
  });

  it("a total with more decimals is first rounded half away from zero to `places`", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 6 }),
        (units, places, weights) => {
          const total = Amount.fromUnits(units, places + 2);
          // hand-rolled half-away rounding of units / 100
          const abs = units < 0n ? -units : units;
          const q = abs / 100n + (abs % 100n >= 50n ? 1n : 0n);
          const rounded = Amount.fromUnits(units < 0n ? -q : q, places);
          const shares = allocate(
            total,
            weights.map((x) => Amount.fromUnits(BigInt(x), 0)),
            places,
          )!;
          expect(Amount.sum(shares).eq(rounded)).toBe(true);
        },
      ),
    );
  });

  it("scaling all weights by the same factor changes nothing", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 10n), max: 10n ** 10n }),
        fc
          .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 8 })
          .filter((xs) => xs.some((x) => x > 0)),
        fc.integer({ min: 2, max: 50 }),
        (units, weights, k) => {
          const total = Amount.fromUnits(units, 2);
          const base = allocate(
            total,
            weights.map((x) => Amount.fromUnits(BigInt(x), 0)),
            2,
          )!;
          const scaled = allocate(
            total,
            weights.map((x) => Amount.fromUnits(BigInt(x * k), 0)),
            2,
          )!;
          expect(scaled.map(String)).toEqual(base.map(String));
        },
      ),
    );
  });
});
