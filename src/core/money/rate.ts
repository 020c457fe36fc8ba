/**
 * Rate: an exact decimal multiplier (an exchange rate already divided by its
 * quotation unit, or a ratio). Rates keep every digit; only the amounts they
 * produce are rounded, at a named point (Amount.timesRounded).
 *
 * Example: 100 JPY = 0.6712 USD (quotation unit 100) is Rate.quoted("0.6712", 100),
 * factor 0.006712; converting 12,345 JPY gives 82.86 USD (82.859640 rounded).
 */
import { dec, type Dec } from "./decimal";
import { Amount } from "./amount";
import type { RoundingMode } from "./rounding";

export class Rate {
  private constructor(private readonly d: Dec) {}

  static readonly ONE = new Rate(dec(1));

  static parse(text: string): Rate | undefined {
    const a = Amount.parse(text);
    return a ? new Rate(a.toDec()) : undefined;
  }

  static fromNumber(n: number): Rate | undefined {
    const a = Amount.fromNumber(n);
    return a ? new Rate(a.toDec()) : undefined;
  }

  /** `quotationUnit` units of the from-currency are worth `rate` units of the to-currency. */
  static quoted(rate: Rate | string, quotationUnit: number): Rate {
    const r = typeof rate === "string" ? Rate.parse(rate) : rate;
    if (!r) throw new Error(`not a rate: ${String(rate)}`);
    return new Rate(r.d.div(quotationUnit));
  }

  /** Ratio of two amounts (e.g. an allocation weight); undefined when the divisor is zero. */
  static ratio(numerator: Amount, denominator: Amount): Rate | undefined {
    if (denominator.isZero()) return undefined;
    return new Rate(numerator.toDec().div(denominator.toDec()));
  }

  isPositive(): boolean {
    return this.d.isPositive() && !this.d.isZero();
  }

  inverse(): Rate {
    return new Rate(dec(1).div(this.d));
  }

  times(other: Rate): Rate {
    return new Rate(this.d.times(other.d));
  }

  /** Relative change from `previous` to this, as a fraction: 1.10 after 1.00 is 0.1. */
  changeFrom(previous: Rate): number {
    return this.d.minus(previous.d).div(previous.d).abs().toNumber();
  }

  /** amount × rate, rounded to `places` at a named rounding point. */
  apply(amount: Amount, places: number, mode: RoundingMode = "halfAwayFromZero"): Amount {
    return amount.timesRounded(this.d, places, mode);
  }

  /** amount × rate with no rounding (for traces). */
  applyExact(amount: Amount): string {
    return amount.toDec().times(this.d).toFixed();
  }

  eq(other: Rate): boolean {
    return this.d.eq(other.d);
  }

  toString(): string {
    return this.d.toSignificantDigits(20).toFixed();
  }

  toNumber(): number {
    return this.d.toNumber();
  }
}
