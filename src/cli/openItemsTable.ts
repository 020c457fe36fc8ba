/**
 * The open-items listing as text columns: every amount at its currency's
 * precision (the transaction amount at the line's currency, the accounting
 * amount at the accounting currency's), numbers right-aligned under their
 * right-aligned titles.
 *
 * Example (USD 2 places, JPY 0):
 *   Account  Entry  Date        Voucher    Currency  Remaining  Remaining (accounting)  Status
 *   1100         1  2026-03-10  GL-000001  USD         -100.00                 -100.00  Not settled
 *   1030         3  2026-03-12  GL-000003  JPY            1000                    6.71  Not settled
 */
import type { OpenItem } from "../core/close/settlementModel";
import type { Amount } from "../core/money";

/** The amount at `places` decimals; more digits than that are shown, never rounded away. */
function at(a: Amount, places: number): string {
  return a.decimalPlaces() <= places ? a.round(places).toString() : a.toString();
}

export function openItemsTable(
  items: readonly OpenItem[],
  placesOf: (currency: string) => number,
  accountingCurrency: string,
): string[] {
  const titles = ["Account", "Entry", "Date", "Voucher", "Currency", "Remaining", "Remaining (accounting)", "Status"];
  const right = [false, true, false, false, false, true, true, false];
  const rows = items.map((i) => [
    i.account,
    String(i.entryNo),
    i.date,
    i.voucher,
    i.currency,
    at(i.remaining, placesOf(i.currency)),
    at(i.remainingAccounting, placesOf(accountingCurrency)),
    i.status,
  ]);
  const widths = titles.map((t, c) => Math.max(t.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((v, c) => (c === cells.length - 1 ? v : right[c] ? v.padStart(widths[c]!) : v.padEnd(widths[c]!)))
      .join("  ")
      .trimEnd();
  return [line(titles), ...rows.map(line)];
}
