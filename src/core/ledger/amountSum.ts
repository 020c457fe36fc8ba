/**
 * An exact running sum of Amounts: the same units and scale as chaining Amount.ZERO.plus(…), without an Amount
 * allocated per step (the sums over a million ledger lines).
 *
 * Example: add 1.5 (15n, scale 1), then 2.25 (225n, scale 2) → value() 3.75 (375n, scale 2), as
 *   Amount.ZERO.plus(1.5).plus(2.25).
 */
import { Amount } from "../money";

export class Sum {
  private units = 0n;
  private scale = 0;

  add(a: Amount): void {
    const s = a.scale;
    if (s === this.scale) this.units += a.units;
    else if (s > this.scale) {
      this.units = this.units * 10n ** BigInt(s - this.scale) + a.units;
      this.scale = s;
    } else this.units += a.units * 10n ** BigInt(this.scale - s);
  }

  value(): Amount {
    return Amount.fromUnits(this.units, this.scale);
  }
}
