/**
 * Named rounding modes. Closebook rounds only at named points (posting
 * conversion, allocation shares, revaluation), always to the currency's
 * precision, half away from zero unless the settings say otherwise.
 *
 * Example: 2.345 USD → 2.35 (halfAwayFromZero), 2.34 (halfEven); -2.345 → -2.35.
 */
import { D } from "./decimal";

export type RoundingMode = "halfAwayFromZero" | "halfEven" | "halfUp" | "down";

export const ROUNDING_MODES: readonly RoundingMode[] = ["halfAwayFromZero", "halfEven", "halfUp", "down"];

export function decimalRounding(mode: RoundingMode): Parameters<InstanceType<typeof D>["toDecimalPlaces"]>[1] {
  switch (mode) {
    case "halfAwayFromZero":
      return D.ROUND_HALF_UP; // decimal.js HALF_UP = ties away from zero
    case "halfEven":
      return D.ROUND_HALF_EVEN;
    case "halfUp":
      return D.ROUND_HALF_CEIL; // ties towards +infinity
    case "down":
      return D.ROUND_DOWN;
  }
}

export function isRoundingMode(text: string): text is RoundingMode {
  return (ROUNDING_MODES as readonly string[]).includes(text);
}

/**
 * n / d rounded to an integer by `mode` (d > 0), exactly, in bigint.
 * Example: roundDiv(10825n, 1000n, "halfAwayFromZero") = 11n; roundDiv(-10500n, 1000n) = -11n.
 */
export function roundDiv(n: bigint, d: bigint, mode: RoundingMode): bigint {
  const q = n / d; // truncates toward zero
  const r = n % d;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  const away = n < 0n ? q - 1n : q + 1n;
  switch (mode) {
    case "down":
      return q;
    case "halfAwayFromZero":
      return twice >= d ? away : q;
    case "halfUp":
      return twice > d || (twice === d && n > 0n) ? away : q;
    case "halfEven":
      return twice > d || (twice === d && q % 2n !== 0n) ? away : q;
  }
}
