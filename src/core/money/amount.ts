/**
 * Amount: an exact decimal number of money, held as a scaled integer
 * (units × 10^-scale). Addition and comparison are exact bigint arithmetic,
 * which keeps a trial balance over a million lines fast; multiplication by
 * a rate (an exact fraction, see rate.ts) is exact bigint arithmetic too, and
 * rounds only where the caller names a precision and a rounding mode.
 *
 * Example: Amount.parse("10.10").plus(Amount.parse("0.005")) is 10.105
 * (units 10105n, scale 3); .round(2) gives 10.11; .round(2, "halfEven") 10.10.
 */
import { D, dec, type Dec } from "./decimal";
import { decimalRounding, roundDiv, type RoundingMode } from "./rounding";

const POW10: bigint[] = [];
function pow10(n: number): bigint {
  let p = POW10[n];
  if (p === undefined) {
    p = 10n ** BigInt(n);
    POW10[n] = p;
  }
  return p;
}

const FAST_POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6];

const PLAIN_NUMBER = /^([+-])?(\d+)(?:\.(\d*))?$|^([+-])?\.(\d+)$/;

export class Amount {
  private constructor(
    /** the integer number of 10^-scale units */
    readonly units: bigint,
    /** how many decimal places `units` carries (not necessarily significant) */
    readonly scale: number,
  ) {}

  static readonly ZERO = new Amount(0n, 0);

  static fromUnits(units: bigint, scale: number): Amount {
    return new Amount(units, scale);
  }

  /** Parses plain decimal text ("-1234.50", "0.1"); undefined if it is not one. */
  static parse(text: string): Amount | undefined {
    return Amount.parsePlain(text.trim(), 30);
  }

  /** Plain decimal text with at most `maxFraction` fraction digits (typed text is capped; exact values are not). */
  private static parsePlain(text: string, maxFraction: number): Amount | undefined {
    const m = PLAIN_NUMBER.exec(text);
    if (!m) return undefined;
    const sign = m[1] ?? m[4] ?? "";
    const whole = m[2] ?? "0";
    const frac = m[3] ?? m[5] ?? "";
    if (frac.length > maxFraction) return undefined;
    const units = BigInt(whole + frac);
    return new Amount(sign === "-" ? -units : units, frac.length);
  }

  /**
   * From a finite JS number as a spreadsheet stores it: the shortest decimal
   * text that round-trips the double (so 0.1 + 0.2 stored as 0.30000000000000004
   * stays that, and a typed 10.1 is 10.1). Undefined for NaN/Infinity.
   */
  static fromNumber(value: number): Amount | undefined {
    if (!Number.isFinite(value)) return undefined;
    // the usual cell (up to 6 decimal places, under 2^52 units): the fewest places k whose units u give back the
    // double (u / 10^k, correctly rounded, === value) are the places of its shortest text, and u its digits
    for (let k = 0; k <= 6; k++) {
      const u = Math.round(value * FAST_POW10[k]!);
      if (!(Math.abs(u) < 2 ** 52)) break;
      if (u / FAST_POW10[k]! === value) return new Amount(BigInt(u), k);
    }
    const text = Object.is(value, -0) ? "0" : String(value);
    if (/e/i.test(text)) return Amount.fromDec(dec(value));
    return Amount.parse(text);
  }

  /** Internal bridge from decimal.js (money/ only). */
  static fromDec(d: Dec): Amount {
    const fixed = d.toFixed();
    // no fraction-digit cap here: a stored double such as 0.1 + 0.2 - 0.3
    // (5.551115123125783e-17) has 32 exact decimals and must not throw
    const parsed = Amount.parsePlain(fixed, Infinity);
    if (!parsed) throw new Error(`not a finite decimal: ${fixed}`);
    return parsed;
  }

  toDec(): Dec {
    return dec(this.units).div(dec(pow10(this.scale)));
  }

  static sum(values: Iterable<Amount>): Amount {
    let acc = Amount.ZERO;
    for (const v of values) acc = acc.plus(v);
    return acc;
  }

  private align(other: Amount): [bigint, bigint, number] {
    if (this.scale === other.scale) return [this.units, other.units, this.scale];
    if (this.scale > other.scale) return [this.units, other.units * pow10(this.scale - other.scale), this.scale];
    return [this.units * pow10(other.scale - this.scale), other.units, other.scale];
  }

  plus(other: Amount): Amount {
    const [a, b, s] = this.align(other);
    return new Amount(a + b, s);
  }

  minus(other: Amount): Amount {
    const [a, b, s] = this.align(other);
    return new Amount(a - b, s);
  }

  neg(): Amount {
    return new Amount(-this.units, this.scale);
  }

  abs(): Amount {
    return this.units < 0n ? this.neg() : this;
  }

  cmp(other: Amount): -1 | 0 | 1 {
    const [a, b] = this.align(other);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  eq(other: Amount): boolean {
    return this.cmp(other) === 0;
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  isNegative(): boolean {
    return this.units < 0n;
  }

  isPositive(): boolean {
    return this.units > 0n;
  }

  sign(): -1 | 0 | 1 {
    return this.units < 0n ? -1 : this.units > 0n ? 1 : 0;
  }

  /** Number of significant decimal places (trailing zeros ignored): 1.50 → 1. */
  decimalPlaces(): number {
    if (this.units === 0n) return 0;
    let u = this.units < 0n ? -this.units : this.units;
    let s = this.scale;
    while (s > 0 && u % 10n === 0n) {
      u /= 10n;
      s--;
    }
    return s;
  }

  /** The same value carried at exactly `scale` places, which must not lose digits. */
  atScale(scale: number): Amount {
    if (scale === this.scale) return this;
    if (scale > this.scale) return new Amount(this.units * pow10(scale - this.scale), scale);
    const f = pow10(this.scale - scale);
    if (this.units % f !== 0n) throw new Error(`atScale(${scale}) would lose digits of ${this.toString()}`);
    return new Amount(this.units / f, scale);
  }

  /** The integer units this amount has at `scale` places (truncating extra digits); for fast sums. */
  unitsAt(scale: number): bigint {
    if (scale === this.scale) return this.units;
    if (scale > this.scale) return this.units * pow10(scale - this.scale);
    return this.units / pow10(this.scale - scale);
  }

  /** A named rounding point: to `places` decimals with the given mode. */
  round(places: number, mode: RoundingMode = "halfAwayFromZero"): Amount {
    if (places >= this.scale) return this.atScale(places);
    return new Amount(roundDiv(this.units, pow10(this.scale - places), mode), places);
  }

  /**
   * this × num / den, rounded to `places` at a named point, exactly in bigint
   * (den > 0). Rates use it: 12,345 JPY × 6712 / 1,000,000 → 82.86.
   */
  mulDivRound(num: bigint, den: bigint, places: number, mode: RoundingMode = "halfAwayFromZero"): Amount {
    return new Amount(roundDiv(this.units * num * pow10(places), den * pow10(this.scale), mode), places);
  }

  /** Multiply by a decimal.js factor, then round at a named point (the decimal reference for mulDivRound). */
  timesRounded(factor: Dec, places: number, mode: RoundingMode = "halfAwayFromZero"): Amount {
    return Amount.fromDec(this.toDec().times(factor).toDecimalPlaces(places, decimalRounding(mode))).atScale(places);
  }

  /** Plain decimal text without exponent, at the carried scale: "-12.50". */
  toString(): string {
    const neg = this.units < 0n;
    const digits = (neg ? -this.units : this.units).toString().padStart(this.scale + 1, "0");
    const body = this.scale === 0 ? digits : `${digits.slice(0, -this.scale)}.${digits.slice(-this.scale)}`;
    return neg ? `-${body}` : body;
  }

  /** Fixed number of places, which must not lose digits; for display and hashing. */
  toFixed(places: number): string {
    return this.round(places, "halfAwayFromZero").toString();
  }

  /** Whether a spreadsheet cell holds this amount exactly as a number: below 1e15 and unchanged by the trip through a double. */
  fitsInCell(): boolean {
    const n = this.toNumber();
    return Math.abs(n) < 1e15 && (Amount.fromNumber(n)?.eq(this) ?? false);
  }

  /** For writing to a spreadsheet cell only (cells hold doubles). */
  toNumber(): number {
    const n = Number(this.toString());
    return Object.is(n, -0) ? 0 : n;
  }
}

export { D };
