/**
 * The words under "Show ledger lines": the lines' figure against the selected cell.
 * By hand: debit lines 18,997.43 + 48,253.66 = 67,251.09; a statement shows revenue of
 * −1,609.00 (debit − credit) as 1,609.00, which agrees with the opposite sign.
 */
import type { DrilledLines } from "../../../src/core/drilldown/ledgerLines";
import { Amount } from "../../../src/core/money";
import { agreement, drillTitle, linesSummary } from "../../../src/taskpane/reports/linesSummary";

const drilled = (value: string, figure: DrilledLines["figure"] = "movement", lines = 2): DrilledLines => ({
  query: { account: "1000", from: "2026-11-01", to: "2026-11-30" },
  figure,
  accounts: ["1000"],
  lines: Array.from({ length: lines }, () => ({}) as DrilledLines["lines"][number]),
  total: Amount.parse(value)!,
  value: Amount.parse(value)!,
  currency: "USD",
  byCurrency: [],
});

test("equal, opposite (presentation sign), differs, or no number", () => {
  expect(agreement(drilled("67251.09"), 67251.09)).toBe("equal");
  expect(agreement(drilled("-1609.00"), 1609)).toBe("opposite");
  expect(agreement(drilled("67251.09"), 67251.1)).toBe("differs");
  expect(agreement(drilled("67251.09"), undefined)).toBeUndefined();
});

test("the summary and the title read as sentences", () => {
  expect(linesSummary(drilled("67251.09", "debit"), 67251.09)).toBe(
    "2 ledger lines · total USD 67,251.09, equal to the selected figure.",
  );
  expect(linesSummary(drilled("0.00", "movement", 1), 5)).toBe(
    "1 ledger line · total USD 0.00, not the selected figure USD 5: the sheet may be older than the ledger; write the report again.",
  );
  expect(drillTitle({ account: "1000", from: "2026-11-01", to: "2026-11-30", figure: "debit", heading: "Debit" })).toBe(
    "1000 · Debit · 2026-11-01 to 2026-11-30",
  );
  expect(
    drillTitle({ account: "1000", from: "2026-11-30", to: "2026-11-30", figure: "closing", heading: "2026-11-30" }),
  ).toBe("1000 · 2026-11-30 · as of 2026-11-30");
});
