/**
 * The one place decimal.js is imported. Everything else in Closebook uses
 * `Amount` and `Rate` (money.ts, rate.ts), which hide it.
 *
 * Example: `dec("1.005").toDecimalPlaces(2, HALF_AWAY)` gives 1.01.
 */
import Decimal from "decimal.js";

export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type Dec = InstanceType<typeof D>;

export function dec(value: string | number | bigint): Dec {
  return new D(typeof value === "bigint" ? value.toString() : value);
}
