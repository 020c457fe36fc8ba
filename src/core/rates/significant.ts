/**
 * Rounding a rate to a number of significant digits, exactly (the money module
 * rounds amounts to decimal places; a rate needs significant digits, because
 * 0.006661537 and 1.267181829 deserve the same relative precision).
 *
 * Imported rates (ECB triangulation, CSV) are stored rounded to 10 significant
 * digits: a cell holds a double, which keeps 15 digits exactly, so the rate
 * table then holds exactly what the cell shows and a rate read back from the
 * workbook equals the rate written (re-imports compare equal).
 *
 * Example: roundSignificant(1.0823 / 0.8541) → 1.267181829 (1.26718182882…);
 *          roundSignificant(100 × 1.0823 / 162.47) → 0.6661537515 (0.66615375146…).
 */
import { Amount, Rate } from "../money";

export const RATE_SIGNIFICANT_DIGITS = 10;

const ONE = Amount.fromUnits(1n, 0);

/** Power of ten of the leading digit of plain positive decimal text: "0.0066" → -3, "1.26" → 0, "162.5" → 2. */
function exponentOf(text: string): number {
  const [whole = "0", fraction = ""] = text.replace(/^-/, "").split(".");
  const integer = whole.replace(/^0+/, "");
  if (integer !== "") return integer.length - 1;
  const zeros = /^0*/.exec(fraction)?.[0].length ?? 0;
  return -(zeros + 1);
}

/**
 * The rate rounded half away from zero to `digits` significant digits. Exact:
 * the leading digit's position comes from the rate's 20-digit text, the
 * rounding itself is bigint arithmetic on the exact fraction. Never rounds to
 * fewer than 0 decimal places (a rate above 10^digits keeps its integer digits).
 */
export function roundSignificant(rate: Rate, digits: number = RATE_SIGNIFICANT_DIGITS): Rate {
  if (!rate.isPositive()) return rate;
  const places = Math.max(0, digits - 1 - exponentOf(rate.toString()));
  const rounded = rate.apply(ONE, places, "halfAwayFromZero");
  return Rate.parse(trimZeros(rounded.toString())) ?? rate;
}

/** "0.6661537510" → "0.666153751"; "2.000" → "2". */
export function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}
