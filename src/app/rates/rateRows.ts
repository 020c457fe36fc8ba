/**
 * The rows of tblRates with their row numbers, for the rate checks and the
 * rate import; and `rateIssuesBeforeRun`, the rate checks (rateChecks.ts) over
 * a loaded book, for a posting or close step to call before it starts a run. Unlike the Book's `setup.rates` (decodeSetup leaves out a
 * non-positive rate), every row whose cells decode is kept, so rateChecks can
 * name a zero or negative rate at its row; rows with an unreadable cell are
 * left out (loading the book reports those).
 *
 * Example: tblRates row 3 = 2026-03-31, EUR, USD, spot, 0, 1 →
 *   { row: 3, date: "2026-03-31", from: "EUR", to: "USD", type: "spot", rate: 0, quotationUnit: 1, source: "" }
 */
import type { Issue } from "../../core/issues/issue";
import { checkRates, type RateCheckOptions, type RateRow } from "../../core/rates/rateChecks";
import type { IsoDate } from "../../core/ledger/types";
import type { RawTable } from "../../ports/workbook";
import { decodeTable, validRows } from "../../schema/decodeTable";
import { RATES } from "../../schema/tables";
import type { LoadedBook } from "../loadBook";

export function rateRows(raw: RawTable | undefined): RateRow[] {
  const out: RateRow[] = [];
  for (const r of validRows(decodeTable(RATES, raw, [], true).rows)) {
    const v = r.values;
    out.push({
      row: r.row,
      date: v.date,
      from: v.from.toUpperCase(),
      to: v.to.toUpperCase(),
      type: v.type,
      rate: v.rate,
      quotationUnit: v.quotationUnit ?? 1,
      source: v.source ?? "",
    });
  }
  return out;
}

/**
 * Missing, stale, outlying, non-positive and duplicate rates for a loaded
 * book: the draft journal at its lines' dates, the revaluation accounts at
 * `asOf` (the run date; left out without it).
 * Example: rateIssuesBeforeRun(await readBook(port), { asOf: "2026-03-31" })
 */
export function rateIssuesBeforeRun(
  loaded: Pick<LoadedBook, "book" | "raw">,
  options: RateCheckOptions & { readonly asOf?: IsoDate } = {},
): Issue[] {
  const { book, raw } = loaded;
  return checkRates({
    ...options,
    setup: book.setup,
    rates: rateRows(raw.get(RATES.name)),
    journal: book.journal,
    ledger: book.ledger,
  });
}
