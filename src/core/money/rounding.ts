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
