/**
 * Sums of products amount × rate, each product carried at 10 more decimals than
 * the currency's (bigint arithmetic, half away from zero at that far point), and
 * the sum rounded once at the named point: the translated balance of one account
 * and dimension set, to the group currency's precision. A year of monthly
 * activities each at its month's average adds up without drift (the carried
 * error is below 10⁻¹⁰ of a cent per term).
 *
 * Example: exactSum([[100.00, 1.10], [50.00, 1/3]], 2) = 110.000000000000 + 16.666666666667 → round 126.67
 */
import { Amount, type Rate, type RoundingMode } from "../money";

const EXTRA = 10;

/** Σ amountᵢ × rateᵢ at `places` + 10 decimals */
export function exactSum(terms: readonly (readonly [Amount, Rate])[], places: number): Amount {
  let units = 0n;
  for (const [a, r] of terms) units += r.apply(a, places + EXTRA).units;
  return Amount.fromUnits(units, places + EXTRA);
}

export function roundExact(x: Amount, places: number, mode: RoundingMode): Amount {
  return x.round(places, mode);
}
