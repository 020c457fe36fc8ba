/**
 * Where a fiscal year's balances start. Once a year-end close has posted
 * opening vouchers into a year's opening period, that year's balances are its
 * opening period plus its own entries (as in Dynamics 365): earlier entries are
 * already carried in the openings and must not be counted again.
 *
 * Example: FY2027-OPEN (2027-01-01) holds the opening vouchers of the FY2026
 * close → balanceStart(periods, ledger, "2027-01-01") = "2027-01-01", so a
 * trial balance of 2027-03 counts nothing dated before 2027-01-01; for a
 * ledger never closed it is undefined (every entry counts).
 */
import { cachedColumns } from "./columns";
import type { FiscalPeriod, IsoDate, LedgerEntry } from "./types";

const REVERSAL = "reversal:";

/**
 * The first date whose entries count in the balances of a year starting on
 * `yearStart` (see the header); undefined = every entry up to the year end.
 */
export function balanceStart(
  periods: readonly FiscalPeriod[],
  ledger: readonly LedgerEntry[],
  yearStart: IsoDate,
): IsoDate | undefined {
  const openings = periods.filter((p) => p.kind === "opening" && p.start <= yearStart);
  if (openings.length === 0) return undefined;
  return balanceStartScan(periods, ledger)(yearStart);
}

/** What balanceStart reads from the ledger: the few lines in opening periods and the reversal lines. */
interface StartFacts {
  /** lines in an opening period: period, run id, whether a reversal, date */
  readonly posted: { period: string; runId: string; reversal: boolean; date: IsoDate }[];
  /** reversal lines: the reversed run id and the line's date */
  readonly reversals: { runId: string; date: IsoDate }[];
}

/**
 * One pass over the ledger (optionally only the lines `keep` accepts, or those outside the periods
 * `keep.skipPeriods`, which the columns can answer), giving
 * balanceStart for any year start and — `minDate` — as if the ledger held
 * only its lines dated on or after `minDate`. Same result as balanceStart on
 * the corresponding ledger, without scanning it again per call.
 */
export function balanceStartScan(
  periods: readonly FiscalPeriod[],
  ledger: readonly LedgerEntry[],
  keepLines?: ((e: LedgerEntry) => boolean) | { readonly skipPeriods: ReadonlySet<string> },
): (yearStart: IsoDate, minDate?: IsoDate) => IsoDate | undefined {
  const skip = typeof keepLines === "object" ? keepLines.skipPeriods : undefined;
  const keep = typeof keepLines === "function" ? keepLines : skip ? (e: LedgerEntry) => !skip.has(e.period) : undefined;
  const allOpenings = periods.filter((p) => p.kind === "opening");
  let facts: StartFacts | undefined;
  const scan = (): StartFacts => {
    const openingIds = new Set(allOpenings.map((p) => p.id));
    const posted: StartFacts["posted"] = [];
    const reversals: StartFacts["reversals"] = [];
    const cols = typeof keepLines === "function" ? undefined : cachedColumns(ledger);
    if (cols) {
      // the same facts from the columns: the opening periods' lines by period index, the reversal lines listed;
      // the lines of skipped periods left out
      const skipped = cols.periods.map((p) => skip?.has(p) === true);
      const opening = cols.periods.map((p) => openingIds.has(p));
      const lines = cols.reversalLines.filter((i) => !skipped[cols.period[i]!]);
      if (opening.some(Boolean))
        for (let i = 0; i < cols.length; i++) {
          const p = cols.period[i]!;
          if (opening[p] && !skipped[p]) lines.push(i);
        }
      for (const i of [...new Set(lines)].sort((a, b) => a - b)) {
        const e = ledger[i]!;
        const isReversal = e.source.startsWith(REVERSAL);
        if (isReversal) reversals.push({ runId: e.source.slice(REVERSAL.length), date: e.date });
        if (opening[cols.period[i]!])
          posted.push({ period: e.period, runId: e.runId, reversal: isReversal, date: e.date });
      }
      return { posted, reversals };
    }
    for (const e of ledger) {
      const source = e.source;
      const isReversal = source.charCodeAt(0) === 114 /* r */ && source.startsWith(REVERSAL);
      const inOpening = openingIds.has(e.period);
      if (!isReversal && !inOpening) continue;
      if (keep && !keep(e)) continue;
      if (isReversal) reversals.push({ runId: source.slice(REVERSAL.length), date: e.date });
      if (inOpening) posted.push({ period: e.period, runId: e.runId, reversal: isReversal, date: e.date });
    }
    return { posted, reversals };
  };
  return (yearStart, minDate) => {
    const openings = allOpenings
      .filter((p) => p.start <= yearStart)
      .sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0));
    if (openings.length === 0) return undefined;
    facts ??= scan();
    const openingIds = new Set(openings.map((p) => p.id));
    // a reversed run — a reversed year-end close — and its reversal bring nothing forward
    const reversed = new Set<string>();
    for (const r of facts.reversals) if (minDate === undefined || r.date >= minDate) reversed.add(r.runId);
    const used = new Set<string>();
    for (const x of facts.posted) {
      if (minDate !== undefined && x.date < minDate) continue;
      if (!openingIds.has(x.period)) continue;
      if (!x.reversal && !(x.runId !== "" && reversed.has(x.runId))) used.add(x.period);
    }
    return openings.find((p) => used.has(p.id))?.start;
  };
}
