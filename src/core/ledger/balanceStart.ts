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
import type { FiscalPeriod, IsoDate, LedgerEntry } from "./types";

/**
 * The first date whose entries count in the balances of a year starting on
 * `yearStart` (see the header); undefined = every entry up to the year end.
 */
export function balanceStart(periods: readonly FiscalPeriod[], ledger: readonly LedgerEntry[], yearStart: IsoDate): IsoDate | undefined {
  const openings = periods.filter((p) => p.kind === "opening" && p.start <= yearStart).sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0));
  if (openings.length === 0) return undefined;
  const openingIds = new Set(openings.map((p) => p.id));
  // one pass: the runs that posted into an opening period, and the runs that were reversed
  // (a reversed run — a reversed year-end close — and its reversal bring nothing forward)
  const posted: { period: string; runId: string; reversal: string | undefined }[] = [];
  const reversed = new Set<string>();
  for (const e of ledger) {
    const isReversal = e.source.startsWith("reversal:");
    if (isReversal) reversed.add(e.source.slice("reversal:".length));
    if (openingIds.has(e.period)) posted.push({ period: e.period, runId: e.runId, reversal: isReversal ? e.source : undefined });
  }
  const used = new Set(posted.filter((x) => x.reversal === undefined && !(x.runId !== "" && reversed.has(x.runId))).map((x) => x.period));
  return openings.find((p) => used.has(p.id))?.start;
}
