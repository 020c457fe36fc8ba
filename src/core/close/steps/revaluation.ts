/**
 * Close step 4, posting: foreign-currency balances revalued at the period-end
 * rate, the unrealized difference posted (a delta method: a re-run at the same
 * rates posts nothing).
 *
 * Example: 2026-03 → params { date: "2026-03-31", fiscalYearStart: "2026-01-01" };
 *   300.00 EUR booked at 325.50, at 1.09 worth 327.00 → one voucher of 1.50
 */
import { FX_REVALUATION_STEP, fxRevaluation } from "../fxRevaluation";
import type { Book } from "../../ledger/book";
import type { IsoDate, RateType } from "../../ledger/types";
import type { Proposal } from "../proposal";
import type { CloseStep } from "./closeStep";

export interface RevaluationParams {
  readonly [k: string]: unknown;
  readonly date: IsoDate;
  readonly fiscalYearStart: IsoDate;
  readonly rateDate?: IsoDate;
  readonly rateType?: RateType;
  readonly includeProfitAndLoss?: boolean;
  readonly plFrom?: IsoDate;
}

/** The first day of the fiscal year whose operating period holds the date. */
export function fiscalYearStartOf(book: Pick<Book, "setup">, date: IsoDate): IsoDate | undefined {
  const p = book.setup.periods.find((x) => x.kind === "operating" && x.start <= date && date <= x.end);
  if (!p) return undefined;
  return book.setup.periods
    .filter((x) => x.fiscalYear === p.fiscalYear)
    .map((x) => x.start)
    .sort()[0];
}

export function proposeRevaluation(book: Book, x: RevaluationParams): Proposal {
  return {
    ...fxRevaluation({
      setup: book.setup,
      ledger: book.ledger,
      settlements: book.settlements,
      date: x.date,
      fiscalYearStart: x.fiscalYearStart,
      ...(x.rateDate ? { rateDate: x.rateDate } : {}),
      ...(x.rateType ? { rateType: x.rateType } : {}),
      ...(x.includeProfitAndLoss ? { includeProfitAndLoss: true } : {}),
      ...(x.plFrom ? { plFrom: x.plFrom } : {}),
    }),
    rerun: "delta",
  };
}

export const revaluationStep: CloseStep<RevaluationParams> = {
  id: "revaluation",
  title: "Revaluation",
  kind: "posting",
  runStep: FX_REVALUATION_STEP,
  rerun: "delta",
  what: "Revalues foreign-currency balances at the period-end rate and posts the unrealized difference.",
  params: (p, book) => ({ date: p.end, fiscalYearStart: fiscalYearStartOf(book, p.end) ?? p.start }),
  propose: proposeRevaluation,
};
