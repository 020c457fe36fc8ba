/**
 * Converts a voucher's lines to another currency, rounding each line at the
 * named "posting conversion" point, and measures the rounding residue that
 * must be placed so the voucher balances to the cent.
 *
 * Example (to USD, 2 places): EUR +100.00, +100.00, −200.00 at 1.084449
 *   exact 108.4449, 108.4449, −216.8898 → rounded 108.44, 108.44, −216.89
 *   residue −0.01 (the rounded lines sum to −0.01); exact total 0 → balanced,
 *   so −0.01 is a rounding difference: +0.01 goes to the largest line or to the
 *   rounding account.
 */
import { Amount, type Rate, type RoundingMode } from "../money";

export interface Conversion {
  readonly rounded: Amount[];
  /** sum of the rounded lines (what must be offset) */
  readonly residue: Amount;
  /** the total of the unrounded conversions (to `places` + 12 decimals) */
  readonly exactTotal: Amount;
}

const EXTRA_PLACES = 12;

export function convertLines(
  lines: readonly { amount: Amount; factor: Rate }[],
  places: number,
  mode: RoundingMode,
): Conversion {
  const rounded: Amount[] = [];
  let residue = Amount.ZERO;
  let exact = Amount.ZERO;
  for (const l of lines) {
    const r = l.factor.apply(l.amount, places, mode);
    rounded.push(r);
    residue = residue.plus(r);
    exact = exact.plus(l.factor.apply(l.amount, places + EXTRA_PLACES, mode));
  }
  return { rounded, residue, exactTotal: exact };
}

/**
 * Whether a converted voucher balances: its unrounded total may differ from
 * zero only by what rounding its foreign lines could cause — half a unit per
 * line converted from another currency (the user rounds each of those when
 * typing the offsetting amounts). A voucher entirely in the target currency
 * must balance exactly.
 *
 * Example: EUR 4,501,814.51 and 973,185.49 at 0.000001 against USD 4.50 and 0.97:
 * exact total 0.005 ≤ 2 × 0.005 → balanced, 0.01 of rounding to place.
 */
export function withinRounding(exactTotal: Amount, foreignLines: number, places: number): boolean {
  const halfUnitsAllowed = BigInt(foreignLines); // in half units
  const total = exactTotal.abs();
  const twice = total.plus(total); // compare 2·|total| ≤ k · unit
  return twice.cmp(Amount.fromUnits(halfUnitsAllowed, places)) <= 0;
}

/** Index of the line with the largest absolute amount (the first on ties). */
export function largestLine(amounts: readonly Amount[]): number {
  let best = 0;
  for (let i = 1; i < amounts.length; i++) if (amounts[i]!.abs().cmp(amounts[best]!.abs()) > 0) best = i;
  return best;
}
