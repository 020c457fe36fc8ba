/**
 * Close step 2, a check: the exchange rates for the period end are complete,
 * current and without outliers (checkRates over the rate rows, read by the app).
 *
 * Example: 2026-03 → params { asOf: "2026-03-31" }
 */
import type { CloseStep } from "./closeStep";

export const rateChecksStep: CloseStep<{ asOf: string }> = {
  id: "rate-checks",
  title: "Rate checks",
  kind: "check",
  what: "Exchange rates for the period end are complete, current and without outliers.",
  params: (p) => ({ asOf: p.end }),
};
