/**
 * Use case for the task pane's Rates tab: the rate table as it stands (every
 * readable tblRates row with its row number, the calendar, the accounting
 * currency) and, given a date, the rate checks as of that date — missing,
 * stale, outlying, non-positive and duplicate rates (rateIssuesBeforeRun, the
 * same checks a posting or close step runs first). Reads only.
 *
 * Example: await reviewRates(port, { asOf: "2026-03-31" })
 *   → { rates: [4 rows], periods: [FY2026-OPEN, 2026-01, …], accountingCurrency: "USD", readIssues: [],
 *       findings: [warning STALE_RATE "The spot rate EUR→USD used on 2026-03-31 is dated 2026-03-20, 11 days earlier …"] }
 */
import { issue, type Issue } from "../../core/issues/issue";
import type { CurrencyCode, FiscalPeriod, IsoDate } from "../../core/ledger/types";
import type { RateCheckOptions, RateRow } from "../../core/rates/rateChecks";
import { isIsoDate } from "../../core/rates/rateDates";
import type { WorkbookPort } from "../../ports/workbook";
import { RATES } from "../../schema/tables";
import { readBook } from "../operation";
import { rateIssuesBeforeRun, rateRows } from "./rateRows";

export interface RateReviewOptions extends RateCheckOptions {
  /** run the checks as of this date (YYYY-MM-DD); without it only the table is read */
  readonly asOf?: IsoDate;
}

export interface RateReview {
  readonly rates: readonly RateRow[];
  readonly periods: readonly FiscalPeriod[];
  readonly accountingCurrency: CurrencyCode;
  /** unreadable cells of tblRates, found while loading the book */
  readonly readIssues: readonly Issue[];
  /** the rate checks as of `asOf`, when it was given */
  readonly findings?: readonly Issue[];
}

export async function reviewRates(port: WorkbookPort, options: RateReviewOptions = {}): Promise<RateReview> {
  const loaded = await readBook(port);
  const { book, raw } = loaded;
  const base = {
    rates: rateRows(raw.get(RATES.name)),
    periods: book.setup.periods,
    accountingCurrency: book.setup.settings.accountingCurrency,
    readIssues: loaded.issues.filter((i) => i.at?.table === RATES.name),
  };
  const { asOf, ...checks } = options;
  if (asOf === undefined) return base;
  if (!isIsoDate(asOf))
    return {
      ...base,
      findings: [issue("BAD_DATE", `"${asOf}" is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31.`)],
    };
  return { ...base, findings: rateIssuesBeforeRun(loaded, { ...checks, asOf }) };
}
