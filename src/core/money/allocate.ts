/**
 * Largest-remainder split: shares add up to the total exactly, in the
 * currency's smallest unit; leftover units go one at a time to the largest
 * remainders (ties to the earlier weight).
 *
 * Example: allocate(100.00, [1, 1, 1], 2) → [33.34, 33.33, 33.33].
 * allocate(-0.05, [1, 1], 2) → [-0.03, -0.02]. Zero weights get zero.
 */
import { Amount } from "./amount";

export function allocate(total: Amount, weights: readonly Amount[], places: number): Amount[] | undefined {
  const units = total.round(places).atScale(places).units;
  const scale = Math.max(0, ...weights.map((w) => w.scale));
  const w = weights.map((x) => x.atScale(scale).units);
  if (w.some((x) => x < 0n)) return undefined;
  const sum = w.reduce((a, b) => a + b, 0n);
  if (sum === 0n) return undefined;
  const sign = units < 0n ? -1n : 1n;
  const abs = units * sign;
  const shares = w.map((x) => (abs * x) / sum);
  const remainders = w.map((x, i) => ({ i, r: (abs * x) % sum }));
  let left = abs - shares.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    if (w[i] === 0n) continue;
    shares[i] = (shares[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return shares.map((s) => Amount.fromUnits(s * sign, places));
}
