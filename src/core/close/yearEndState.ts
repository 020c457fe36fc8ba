/**
 * Which fiscal years a year-end close has closed, read from the ledger.
 *
 * A year is closed while one of its year-end runs stands: ledger lines with
 * source "close:year-end" in its closing period or in the next year's opening
 * period, whose run has no reversal lines (source "reversal:<run id>").
 * Everything dated up to the latest closed year's end is then carried in
 * openings, so it is neither settled nor has its settlements reversed (D365:
 * "No settle or reverse inside a fiscal year closed by YEC"), and it is not an
 * open item itself (its opening is). The lines of a reversed year-end run and
 * their reversal lines cancel: they are not open items either.
 *
 * Example (delta re-run): FY2026 closed by RUN-000005 (opening voucher in
 * FY2027-OPEN) and RUN-000007 (its delta)
 *   → closedYears = [{ fiscalYear: "FY2026", start: "2026-01-01", end: "2026-12-31",
 *       runIds: ["RUN-000005", "RUN-000007"] }], closedThrough = "2026-12-31";
 *   inClosedYear(…, "2026-06-30") = "in FY2026, closed by a year-end close: reverse
 *   the year-end close of FY2026 first". Once both runs are reversed: [].
 */
import { cachedColumns } from "../ledger/columns";
import type { FiscalPeriod, IsoDate, LedgerEntry } from "../ledger/types";
import { YEAR_END_SOURCE, yearScope } from "./yearEndBalances";

const REVERSAL = "reversal:";

export interface ClosedYear {
  readonly fiscalYear: string;
  readonly start: IsoDate;
  readonly end: IsoDate;
  /** its unreversed year-end runs, in posting order */
  readonly runIds: readonly string[];
}

/** The run ids that have reversal lines. */
export function reversedRunIds(ledger: readonly LedgerEntry[]): Set<string> {
  const out = new Set<string>();
  // columns already built for this ledger list its reversal lines
  const cols = cachedColumns(ledger);
  if (cols) {
    for (const i of cols.reversalLines) out.add(ledger[i]!.source.slice(REVERSAL.length));
    return out;
  }
  for (const e of ledger) {
    const s = e.source;
    if (s.charCodeAt(0) === 114 /* r */ && s.startsWith(REVERSAL)) out.add(s.slice(REVERSAL.length));
  }
  return out;
}

/** The fiscal years with an unreversed year-end run, by year end. */
export function closedYears(periods: readonly FiscalPeriod[], ledger: readonly LedgerEntry[]): ClosedYear[] {
  const reversed = reversedRunIds(ledger);
  // period id → run id → its first entry number
  const byPeriod = new Map<string, Map<string, number>>();
  for (const e of ledger) {
    if (e.source !== YEAR_END_SOURCE || e.runId === "" || reversed.has(e.runId)) continue;
    let runs = byPeriod.get(e.period);
    if (!runs) byPeriod.set(e.period, (runs = new Map()));
    const first = runs.get(e.runId);
    if (first === undefined || e.entryNo < first) runs.set(e.runId, e.entryNo);
  }
  if (byPeriod.size === 0) return [];
  const out: ClosedYear[] = [];
  for (const fy of new Set(periods.map((p) => p.fiscalYear))) {
    const scope = yearScope(periods, fy);
    if (!scope) continue;
    const runs = new Map<string, number>();
    for (const id of [scope.closing?.id, scope.nextOpening?.id]) {
      for (const [run, first] of (id !== undefined ? byPeriod.get(id) : undefined) ?? [])
        runs.set(run, Math.min(first, runs.get(run) ?? first));
    }
    if (runs.size === 0) continue;
    const runIds = [...runs.entries()].sort((a, b) => a[1] - b[1]).map(([r]) => r);
    out.push({ fiscalYear: fy, start: scope.start, end: scope.end, runIds });
  }
  return out.sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
}

/** The last day carried in openings by a year-end close (the latest closed year's end), if any. */
export function closedThrough(closed: readonly ClosedYear[] | undefined): IsoDate | undefined {
  let through: IsoDate | undefined;
  for (const y of closed ?? []) if (through === undefined || y.end > through) through = y.end;
  return through;
}

/**
 * Why `date` may not be settled or reversed: "in FY2026, closed by a year-end
 * close: reverse the year-end close of FY2026 first"; undefined when no closed
 * year reaches it. A date before a closed year (carried by its close) names the
 * closes to reverse, latest first.
 */
export function inClosedYear(closed: readonly ClosedYear[] | undefined, date: IsoDate): string | undefined {
  const later = (closed ?? []).filter((y) => y.end >= date);
  if (later.length === 0) return undefined;
  const own = later.find((y) => y.start <= date);
  const where = own
    ? `in ${own.fiscalYear}, closed by a year-end close`
    : `before ${later[0]!.fiscalYear}, carried into its openings by a year-end close`;
  return `${where}: reverse the year-end close of ${[...later]
    .reverse()
    .map((y) => y.fiscalYear)
    .join(", then ")} first`;
}

/**
 * A test for the lines of reversed year-end runs and their reversal lines,
 * which cancel and bring nothing forward; undefined when the ledger has none.
 */
export function cancelledYearEndLines(ledger: readonly LedgerEntry[]): ((e: LedgerEntry) => boolean) | undefined {
  const reversed = reversedRunIds(ledger);
  if (reversed.size === 0) return undefined;
  const ids = new Set<string>();
  for (const e of ledger) if (e.source === YEAR_END_SOURCE && reversed.has(e.runId)) ids.add(e.runId);
  if (ids.size === 0) return undefined;
  return (e) =>
    (e.source === YEAR_END_SOURCE && ids.has(e.runId)) ||
    (e.source.startsWith(REVERSAL) && ids.has(e.source.slice(REVERSAL.length)));
}
