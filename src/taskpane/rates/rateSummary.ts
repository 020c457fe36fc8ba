/**
 * Pure helpers for the Rates tab: the expected CSV format, the date range a
 * pasted CSV covers (the import asks its provider for exactly that range),
 * the default "As of" date, the ECB range, a one-line-per-pair summary of
 * tblRates and the headline of a rate check. Rates are shown with Rate's own
 * decimal text, never through a float.
 *
 * Example: summarizeRates([EUR→USD 1.0825 on 03-01 (row 1), EUR→USD 1.09 on 03-20 (row 2), JPY→USD 0.6712/100 (row 3)])
 *   → [{ pair: "EUR→USD", type: "spot", latest: "2026-03-20", rate: "1.09", rows: 2, row: 2 },
 *      { pair: "JPY→USD", type: "spot", latest: "2026-03-01", rate: "0.6712 per 100", rows: 1, row: 3 }]
 */
import { periodOfDate } from "../../core/calendar/fiscalYear";
import { issue, type Issue } from "../../core/issues/issue";
import { RATE_TYPES, type FiscalPeriod, type IsoDate } from "../../core/ledger/types";
import { ratesFromCsv } from "../../core/rates/csvRates";
import type { RateRow } from "../../core/rates/rateChecks";
import { parseCsv } from "../../app/commands/values";

/** Shown under the CSV box: the header the importer expects, and an example. */
export const RATES_CSV_FORMAT = {
  header: "Date,From,To,Rate,Rate type,Quotation unit,Source",
  example: ["2026-03-31,EUR,USD,1.0823,spot,1,ECB", "2026-03-31,JPY,USD,0.6662,spot,100,ECB"],
  note: `Date, From, To and Rate are required; Rate type (${RATE_TYPES.join(", ")}) defaults to spot, Quotation unit to 1 (JPY is often quoted per 100), Source to the file name. Use a decimal point. Every row in the file is imported.`,
} as const;

export interface RatePairLine {
  /** "EUR→USD" */
  readonly pair: string;
  readonly type: string;
  /** the latest date the pair has a rate for */
  readonly latest: IsoDate;
  /** that rate as quoted: "1.0823", "0.6662 per 100" */
  readonly rate: string;
  /** how many rows the pair has */
  readonly rows: number;
  /** tblRates row of the latest rate */
  readonly row?: number;
}

export function showRate(r: Pick<RateRow, "rate" | "quotationUnit">): string {
  return `${r.rate.toString()}${r.quotationUnit === 1 ? "" : ` per ${r.quotationUnit}`}`;
}

/** One line per currency pair and rate type, sorted by pair then type. */
export function summarizeRates(rates: readonly RateRow[]): RatePairLine[] {
  const latest = new Map<string, { rate: RateRow; rows: number }>();
  for (const r of rates) {
    const key = `${r.from}|${r.to}|${r.type}`;
    const seen = latest.get(key);
    if (!seen) latest.set(key, { rate: r, rows: 1 });
    else latest.set(key, { rate: r.date >= seen.rate.date ? r : seen.rate, rows: seen.rows + 1 });
  }
  return [...latest.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, { rate: r, rows }]) => ({
      pair: `${r.from}→${r.to}`,
      type: r.type,
      latest: r.date,
      rate: showRate(r),
      rows,
      ...(r.row !== undefined ? { row: r.row } : {}),
    }));
}

/** The first and last date of the rates in CSV text, or the issues that keep it from being imported. */
export function csvDateRange(text: string, name: string): { from: IsoDate; to: IsoDate } | { issues: Issue[] } {
  if (text.trim() === "")
    return { issues: [issue("EMPTY_FILE", "Paste rates into the Rates CSV box, or choose a rates file, first.")] };
  const read = ratesFromCsv(parseCsv(text), name);
  if (read.rates.length === 0) return { issues: read.issues };
  const dates = read.rates.map((r) => r.date).sort();
  return { from: dates[0]!, to: dates[dates.length - 1]! };
}

const operating = (periods: readonly FiscalPeriod[]) =>
  periods.filter((p) => p.kind === "operating").sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));

/** The end of the earliest Open operating period; else the end of the last one; else undefined. */
export function defaultAsOf(periods: readonly FiscalPeriod[]): IsoDate | undefined {
  const list = operating(periods);
  return (list.find((p) => p.status === "Open") ?? list[list.length - 1])?.end;
}

/** The ECB import covers the start of the As-of date's period through that date (just the date outside the calendar). */
export function ecbRange(periods: readonly FiscalPeriod[], asOf: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: periodOfDate(periods, asOf)?.start ?? asOf, to: asOf };
}

/** issue code → how the headline counts it (one, many) */
const KINDS: readonly [string, string, string][] = [
  ["MISSING_RATE", "missing rate", "missing rates"],
  ["STALE_RATE", "stale rate", "stale rates"],
  ["RATE_OUTLIER", "outlier", "outliers"],
  ["DUPLICATE_RATE", "duplicate", "duplicates"],
  ["NON_POSITIVE_RATE", "rate that is not positive", "rates that are not positive"],
];

/** "Rates complete, current, no outliers as of 2026-03-31", or what was found: "As of 2026-03-31: 1 missing rate, 2 stale rates." */
export function rateCheckHeadline(findings: readonly Issue[], asOf: IsoDate): { ok: boolean; text: string } {
  const serious = findings.filter((i) => i.severity !== "info");
  if (serious.length === 0) return { ok: true, text: `Rates complete, current, no outliers as of ${asOf}` };
  const parts: string[] = [];
  let counted = 0;
  for (const [code, one, many] of KINDS) {
    const n = serious.filter((i) => i.code === code).length;
    counted += n;
    if (n > 0) parts.push(`${n} ${n === 1 ? one : many}`);
  }
  const other = serious.length - counted;
  if (other > 0) parts.push(`${other} other finding${other === 1 ? "" : "s"}`);
  return { ok: false, text: `As of ${asOf}: ${parts.join(", ")}.` };
}
