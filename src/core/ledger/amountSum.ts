/**
 * An exact running sum of Amounts: the same units and scale as chaining Amount.ZERO.plus(…), without an Amount
 * (or a bigint) allocated per step (the sums over a million ledger lines). Units at the sum's scale are added as
 * doubles while the sum of their sizes stays below 2^53 (so every partial sum is an exact integer), the rest in
 * bigint; a larger scale folds both into bigint and carries on at that scale.
 *
 * Example: add 1.5 (15n, scale 1), then 2.25 (225n, scale 2) → value() 3.75 (375n, scale 2), as
 *   Amount.ZERO.plus(1.5).plus(2.25).
 */
import { Amount } from "../money";

export class Sum {
  /** the part summed in bigint */
  private big = 0n;
  /** the part summed as a double: an exact integer, as `bound` (Σ of its terms' sizes) stays ≤ 2^53 − 1 */
  private small = 0;
  private bound = 0;
  private scale = 0;

  add(a: Amount): void {
    const s = a.scale;
    if (s !== this.scale) {
      if (s < this.scale) {
        this.big += a.units * 10n ** BigInt(this.scale - s);
        return;
      }
      this.big = (this.big + BigInt(this.small)) * 10n ** BigInt(s - this.scale);
      this.small = 0;
      this.bound = 0;
      this.scale = s;
    }
    const u = a.units;
    const f = Number(u);
    if (Number.isSafeInteger(f)) {
      const b = this.bound + (f < 0 ? -f : f);
      if (b <= Number.MAX_SAFE_INTEGER) {
        this.small += f;
        this.bound = b;
        return;
      }
    }
    this.big += u;
  }

  value(): Amount {
    return Amount.fromUnits(this.big + BigInt(this.small), this.scale);
  }
}
