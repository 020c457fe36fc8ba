/**
 * A line of the consolidated trial balance, in group currency, with the entity
 * it belongs to and the worksheet column it adds to.
 *
 * Example: { entity: "UK", account: "1300", dimensions: { TradingPartner: "US" }, amount: −1250.00,
 *            column: "eliminations", note: "rule IC1" }
 */
import type { AccountNumber, DimensionSet, IsoDate } from "../ledger/types";
import type { Amount } from "../money";

export type WorksheetColumn = "translated" | "translation" | "eliminations" | "nci";

export interface GroupLine {
  readonly entity: string;
  readonly account: AccountNumber;
  readonly dimensions: DimensionSet;
  /** signed, debit positive, group currency */
  readonly amount: Amount;
  readonly column: WorksheetColumn;
  readonly note: string;
  /** a historically translated equity balance: the date of the change it translates ("dated 2024-06-30" in the ledger line's description) */
  readonly date?: IsoDate;
}

/** "Department=SALES, TradingPartner=UK": the dimensions with a value, by name (fast for none or one) */
export function dimsText(d: DimensionSet): string {
  let only = "";
  let n = 0;
  for (const k in d) {
    if (!d[k]) continue;
    n++;
    only = k;
  }
  if (n === 0) return "";
  if (n === 1) return `${only}=${d[only]}`;
  return Object.keys(d)
    .sort()
    .filter((k) => d[k])
    .map((k) => `${k}=${d[k]}`)
    .join(", ");
}
