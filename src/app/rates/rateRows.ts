/**
 * The rows of tblRates with their row numbers, for the rate checks and the
 * rate import. Unlike the Book's `setup.rates` (decodeSetup leaves out a
 * non-positive rate), every row whose cells decode is kept, so rateChecks can
 * name a zero or negative rate at its row; rows with an unreadable cell are
 * left out (loading the book reports those).
 *
 * Example: tblRates row 3 = 2026-03-31, EUR, USD, spot, 0, 1 →
 *   { row: 3, date: "2026-03-31", from: "EUR", to: "USD", type: "spot", rate: 0, quotationUnit: 1, source: "" }
 */
import type { RateRow } from "../../core/rates/rateChecks";
import type { ExchangeRate } from "../../core/ledger/types";
import type { Rate } from "../../core/money";
import type { RawTable } from "../../ports/workbook";
import { decodeTable } from "../../schema/decodeTable";
import { RATES } from "../../schema/tables";

export function rateRows(raw: RawTable | undefined): RateRow[] {
  const out: RateRow[] = [];
  for (const r of decodeTable(RATES, raw, [], true).rows) {
    if (r.invalid) continue;
    const v = r.values;
    const text = (k: string) => (v[k] === undefined ? "" : String(v[k]));
    out.push({
      row: r.row,
      date: text("date"),
      from: text("from").toUpperCase(),
      to: text("to").toUpperCase(),
      type: text("type") as ExchangeRate["type"],
      rate: v.rate as Rate,
      quotationUnit: typeof v.quotationUnit === "number" ? v.quotationUnit : 1,
      source: text("source"),
    });
  }
  return out;
}
