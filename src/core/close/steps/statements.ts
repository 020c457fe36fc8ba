/**
 * Close step 7, a report: the journal report, income statement and balance
 * sheet of the period (written by the app on their sheets), checked to balance.
 *
 * Example: 2026-03 → params { period: "2026-03" } → sheets "Journal 2026-03", "Balance sheet 2026-03", …
 */
import type { CloseStep } from "./closeStep";

export const statementsStep: CloseStep<{ period: string }> = {
  id: "statements",
  title: "Journal report and statements",
  kind: "report",
  what: "Writes the journal report, income statement and balance sheet, and checks they balance.",
  params: (p) => ({ period: p.id }),
};
