/**
 * A fraction of every line, rounded so the shares add up to the rounded
 * fraction of the total (largest remainder, signed): a balanced trial balance
 * stays balanced, to the unit.
 *
 * Example: shareLines([100.00, 100.00, −200.00], 1/3, 2) → [33.33, 33.33, −66.66]
 *   (exact 33.333…, 33.333…, −66.666…; floors 33.33, 33.33, −66.67 sum −0.01; target 0.00:
 *    the one unit left goes to the largest remainder, −66.67 → −66.66).
 */
import { Amount, type Rate, type RoundingMode } from "../money";

const EXTRA = 9;
const SCALE = 10n ** BigInt(EXTRA);

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

export function shareLines(amounts: readonly Amount[], fraction: Rate, places: number, mode: RoundingMode): Amount[] {
  const fine = amounts.map((a) => fraction.apply(a, places + EXTRA, mode).units);
  const floors = fine.map((f) => floorDiv(f, SCALE));
  const total = Amount.fromUnits(
    fine.reduce((s, f) => s + f, 0n),
    places + EXTRA,
  ).round(places, mode).units;
  let left = total - floors.reduce((s, f) => s + f, 0n);
  const order = fine
    .map((f, i) => ({ i, r: f - (floors[i] ?? 0n) * SCALE }))
    .sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  const shares = [...floors];
  for (let k = 0; left > 0n && order.length; k = (k + 1) % order.length, left--) shares[order[k]!.i]! += 1n;
  for (let k = order.length - 1; left < 0n && order.length; k = (k - 1 + order.length) % order.length, left++)
    shares[order[k]!.i]! -= 1n;
  return shares.map((s) => Amount.fromUnits(s, places));
}
