/**
 * Rate: an exact multiplier held as a fraction num/den of big integers (an
 * exchange rate already divided by its quotation unit, an inverse, a cross
 * rate, or a ratio). Fractions keep every digit — 1/1.0825 is not cut to 40
 * digits — and applying one to an amount is exact bigint arithmetic, rounded
 * only at the named point the caller gives (Amount.mulDivRound).
 *
 * Example: 100 JPY = 0.6712 USD (quotation unit 100) is Rate.quoted("0.6712", 100)
 * = 6712/1,000,000; converting 12,345 JPY gives 82.85964 → 82.86 USD.
 */
import { D } from "./decimal";
import { Amount } from "./amount";
import type { RoundingMode } from "./rounding";

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

const BIG = 10n ** 36n;

export class Rate {
  private constructor(
    private readonly num: bigint,
    /** always positive */
    private readonly den: bigint,
  ) {}

  private static of(num: bigint, den: bigint): Rate {
    if (den === 0n) throw new Error("rate with a zero denominator");
    if (den < 0n) [num, den] = [-num, -den];
    if (den > BIG || num > BIG || -num > BIG) {
      const g = gcd(num, den);
      if (g > 1n) [num, den] = [num / g, den / g];
    }
    return new Rate(num, den);
  }

  static readonly ONE = new Rate(1n, 1n);

  static parse(text: string): Rate | undefined {
    const a = Amount.parse(text);
    return a ? Rate.of(a.units, 10n ** BigInt(a.scale)) : undefined;
  }

  static fromNumber(n: number): Rate | undefined {
    const a = Amount.fromNumber(n);
    return a ? Rate.of(a.units, 10n ** BigInt(a.scale)) : undefined;
  }

  /** `quotationUnit` units of the from-currency are worth `rate` units of the to-currency. */
  static quoted(rate: Rate | string, quotationUnit: number): Rate {
    const r = typeof rate === "string" ? Rate.parse(rate) : rate;
    if (!r) throw new Error(`not a rate: ${String(rate)}`);
    return Rate.of(r.num, r.den * BigInt(quotationUnit));
  }

  /** Ratio of two amounts (e.g. an allocation weight); undefined when the divisor is zero. */
  static ratio(numerator: Amount, denominator: Amount): Rate | undefined {
    if (denominator.isZero()) return undefined;
    return Rate.of(
      numerator.units * 10n ** BigInt(denominator.scale),
      denominator.units * 10n ** BigInt(numerator.scale),
    );
  }

  /**
   * Σ wᵢ·rateᵢ / Σ wᵢ, exact (weights ≥ 0, not all zero): the simple average with weights 1, the
   * weighted average with days in effect. Example: mean([1.10, 1.20], [10, 20]) = 35/30 = 1.1666…
   */
  static mean(rates: readonly Rate[], weights: readonly bigint[]): Rate | undefined {
    let num = 0n;
    let den = 1n;
    let total = 0n;
    rates.forEach((r, i) => {
      const w = weights[i] ?? 0n;
      total += w;
      // num/den + w·r.num/r.den
      num = num * r.den + w * r.num * den;
      den = den * r.den;
      const g = gcd(num < 0n ? -num : num, den);
      if (g > 1n) [num, den] = [num / g, den / g];
    });
    if (total <= 0n) return undefined;
    return Rate.of(num, den * total);
  }

  isPositive(): boolean {
    return this.num > 0n;
  }

  inverse(): Rate {
    return Rate.of(this.den, this.num);
  }

  times(other: Rate): Rate {
    return Rate.of(this.num * other.num, this.den * other.den);
  }

  /** Relative change from `previous` to this, as a fraction: 1.10 after 1.00 is 0.1. */
  changeFrom(previous: Rate): number {
    const a = new D(this.num.toString()).div(new D(this.den.toString()));
    const b = new D(previous.num.toString()).div(new D(previous.den.toString()));
    return a.minus(b).div(b).abs().toNumber();
  }

  /** amount × rate, rounded to `places` at a named rounding point. */
  apply(amount: Amount, places: number, mode: RoundingMode = "halfAwayFromZero"): Amount {
    return amount.mulDivRound(this.num, this.den, places, mode);
  }

  /** amount × rate with no rounding (up to 40 significant digits), for traces. */
  applyExact(amount: Amount): string {
    return new D((amount.units * this.num).toString())
      .div(new D((this.den * 10n ** BigInt(amount.scale)).toString()))
      .toFixed();
  }

  eq(other: Rate): boolean {
    return this.num * other.den === other.num * this.den;
  }

  toString(): string {
    return new D(this.num.toString()).div(new D(this.den.toString())).toSignificantDigits(20).toFixed();
  }

  toNumber(): number {
    return new D(this.num.toString()).div(new D(this.den.toString())).toNumber();
  }
}
