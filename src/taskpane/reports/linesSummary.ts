/**
 * The words under "Show ledger lines": what was drilled into and whether the
 * lines add up to the selected figure (statements show revenue, liabilities
 * and equity with credits positive, so the opposite sign also agrees).
 *
 * Example: target 1000 Debit 2026-03-01..2026-03-31 (cell 50), lines total 50.00 USD
 *   → drillTitle: "1000 · Debit · 2026-03-01 to 2026-03-31"
 *   → linesSummary: "2 ledger lines · total USD 50.00, equal to the selected figure."
 */
import type { DrilledLines } from "../../core/drilldown/ledgerLines";
import { Amount } from "../../core/money";
import { money, plural } from "../shell/words";
import type { DrillTarget } from "./drillTarget";

export function drillTitle(t: DrillTarget): string {
  const range = t.from === t.to ? `as of ${t.to}` : `${t.from} to ${t.to}`;
  return [t.account, t.dimension, t.heading || undefined, range].filter(Boolean).join(" · ");
}

/** Whether the lines' figure equals the cell: "equal", "opposite" (presentation sign), "differs", or undefined without a number. */
export function agreement(r: DrilledLines, cell: number | undefined): "equal" | "opposite" | "differs" | undefined {
  if (cell === undefined) return undefined;
  const shown = Amount.fromNumber(cell);
  if (!shown) return "differs";
  const scale = r.value.decimalPlaces() > 2 ? r.value.decimalPlaces() : 2;
  const cents = shown.round(scale).unitsAt(scale);
  const value = r.value.unitsAt(scale);
  if (cents === value) return "equal";
  return cents === -value ? "opposite" : "differs";
}

export function linesSummary(r: DrilledLines, cell: number | undefined): string {
  const what = r.figure === "credit" ? "total credits" : "total";
  const head = `${plural(r.lines.length, "ledger line")} · ${what} ${money(r.value.toString(), r.currency)}`;
  switch (agreement(r, cell)) {
    case "equal":
      return `${head}, equal to the selected figure.`;
    case "opposite":
      return `${head} (debit − credit), equal to the selected figure, which the statement shows with credits positive.`;
    case "differs":
      return `${head}, not the selected figure ${money(String(cell), r.currency)}: the sheet may be older than the ledger; write the report again.`;
    default:
      return `${head}.`;
  }
}
