/**
 * Use case: import exchange rates from a provider (the ECB, a CSV file) into
 * tblRates. All or nothing, as a run, like importCsv:
 *
 *   1. open the workbook for writing (repairs an interrupted run first);
 *   2. ask the provider for `from`..`to` in the workbook's currencies, to its
 *      accounting currency; any error issue from it (HTTP 500, malformed XML,
 *      a bad CSV cell) → nothing is written;
 *   3. keep rows whose currencies are both in the currencies table (the rest:
 *      one info issue); a row that is not positive, or the same date, pair and
 *      type twice with different values in the answer, is an error;
 *   4. compare with tblRates (same date, from, to and type): the same value —
 *      per unit, so 0.67 per 100 equals 0.0067 per 1 — is skipped; a different
 *      value is DUPLICATE_RATE at that tblRates row, and nothing is written;
 *   5. nothing new → nothing written (no run), an info issue says so;
 *   6. otherwise one run "import-rates" (tail of tblRates recorded, so an
 *      interrupted import is cut back), the rows appended under the table's
 *      own headers, one audit row, the run committed.
 * New rows that jump more than the outlier threshold from the pair's previous
 * rate come back as RATE_OUTLIER warnings (they do not stop the import).
 *
 * Example: importRates(wb, new EcbProvider(), { from: "2026-03-31", to: "2026-03-31" },
 *                      { user: "alice", clock })
 *   → { imported: 3, skipped: 0, runId: "RUN-000001", issues: [info: CHF not imported] };
 *   again → { imported: 0, skipped: 3, issues: [info NOTHING_NEW, …] }, nothing written.
 */
import { draft } from "../../core/audit/auditChain";
import { hasErrors, issue, type Issue } from "../../core/issues/issue";
import type { CurrencyCode, ExchangeRate, IsoDate } from "../../core/ledger/types";
import { Rate } from "../../core/money";
import { checkRateRows, type RateCheckOptions, type RateRow } from "../../core/rates/rateChecks";
import type { Clock } from "../../ports/clock";
import type { CellValue, RawTable } from "../../ports/workbook";
import { encodeCell } from "../../schema/cells";
import { normalizeHeader } from "../../schema/decodeTable";
import { resolveColumns } from "../../schema/defineTable";
import { CURRENCIES, RATES } from "../../schema/tables";
import { writeSession, type Source } from "../operation";
import { writeRun } from "../runRitual";
import { requestIssues, type RateFetch, type RateProvider } from "./rateProvider";
import { rateRows } from "./rateRows";
import { where } from "../../schema/typedCells";

export interface ImportRatesRequest {
  readonly from: IsoDate;
  /** the last date; `from` when absent (a single date) */
  readonly to?: IsoDate;
  /** the currencies to import; every currency of the currencies table by default */
  readonly currencies?: readonly CurrencyCode[];
}

export interface ImportRatesOptions extends Pick<RateCheckOptions, "outlierThreshold"> {
  readonly user: string;
  readonly clock: Clock;
}

export interface ImportRatesResult {
  readonly imported: number;
  /** rates the provider gave that tblRates already holds with the same value */
  readonly skipped: number;
  /** the run that wrote the rows, when any were written */
  readonly runId?: string;
  readonly issues: readonly Issue[];
}

const keyOf = (r: ExchangeRate) => `${r.date}|${r.from}|${r.to}|${r.type}`;
const perUnit = (r: ExchangeRate) => Rate.quoted(r.rate, r.quotationUnit);
const isValid = (r: ExchangeRate) =>
  r.rate.isPositive() && Number.isSafeInteger(r.quotationUnit) && r.quotationUnit > 0;
const show = (r: ExchangeRate) => `${r.rate.toString()}${r.quotationUnit === 1 ? "" : ` per ${r.quotationUnit}`}`;

export async function importRates(
  port: Source,
  provider: RateProvider,
  request: ImportRatesRequest,
  options: ImportRatesOptions,
): Promise<ImportRatesResult> {
  const from = request.from;
  const to = request.to ?? request.from;
  const bad = requestIssues({ from, to }, provider.name);
  if (bad.length > 0) return nothing(bad);

  const session = await writeSession(port, options);
  const { book, raw } = session.loaded;
  const table = raw.get(RATES.name);
  if (!table)
    return nothing([issue("MISSING_TABLE", `The workbook has no table ${RATES.name}.`, { table: RATES.name })]);
  const accounting = book.setup.settings.accountingCurrency;
  const known = new Set(book.setup.currencies.keys());
  const issues: Issue[] = [];
  const currencies = askedCurrencies(request, known, accounting, issues);
  if (currencies.length === 0)
    return nothing([
      ...issues,
      issue("NO_CURRENCIES", `There is no currency other than ${accounting} to import rates for.`, where(CURRENCIES)),
    ]);

  const fetched = await fetchRates(provider, { from, to, currencies, accountingCurrency: accounting });
  if (!("rates" in fetched)) return nothing([...issues, fetched]);
  issues.push(...fetched.issues);
  if (hasErrors(issues)) return nothing(issues);

  const incoming = incomingRates(fetched.rates, known, provider.name, issues);
  const existing = rateRows(table);
  const { fresh, skipped } = newRates(incoming, existing, provider.name, issues);
  if (hasErrors(issues)) return nothing(issues, skipped);
  fresh.sort(byDateAndPair);
  if (fresh.length === 0) {
    issues.push(
      issue(
        "NOTHING_NEW",
        `All ${skipped} rate${skipped === 1 ? "" : "s"} from ${provider.name} for ${from === to ? from : `${from}..${to}`} ${skipped === 1 ? "is" : "are"} already in ${RATES.name}; nothing was written.`,
        { table: RATES.name },
        "info",
      ),
    );
    return nothing(issues, skipped);
  }

  const rows = tableRows(table, fresh, issues);
  if (hasErrors(issues)) return nothing(issues, skipped);
  const base = table.rows.length;
  const prospective: RateRow[] = [...existing, ...fresh.map((r, i) => ({ ...r, row: base + i + 1 }))];
  issues.push(
    ...checkRateRows(prospective, options, book.setup.where.rates).filter(
      (i) => i.code === "RATE_OUTLIER" && (i.at?.row ?? 0) > base,
    ),
  );

  const now = options.clock.now();
  const written = await writeRun(
    session,
    {
      operation: "import rates",
      now,
      run: {
        step: "import-rates",
        period: "",
        tails: { [RATES.name]: base },
        parameters: { provider: provider.name, from, to, currencies },
        lines: rows.length,
      },
    },
    async ({ port, runId }) => {
      await port.appendRows(RATES.name, rows);
      const detail = `${rows.length} rate${rows.length === 1 ? "" : "s"} from ${provider.name} for ${from === to ? from : `${from}..${to}`} into ${RATES.name}${skipped ? `; ${skipped} already there` : ""}`;
      return { result: runId, audit: [draft(now, options.user, "import", { subject: RATES.name, detail })] };
    },
  );
  if (typeof written !== "string") return nothing([...issues, written], skipped);
  const runId = written;
  return { imported: rows.length, skipped, runId, issues };
}

function nothing(issues: readonly Issue[], skipped = 0): ImportRatesResult {
  return { imported: 0, skipped, issues };
}

/** The currencies to ask the provider for: the request's (default: the table's) but the accounting currency; one not in the table is a warning. */
function askedCurrencies(
  request: ImportRatesRequest,
  known: ReadonlySet<CurrencyCode>,
  accounting: CurrencyCode,
  issues: Issue[],
): CurrencyCode[] {
  const asked = (request.currencies ?? [...known])
    .map((c) => c.trim().toUpperCase())
    .filter((c) => c !== "" && c !== accounting);
  const notKnown = asked.filter((c) => !known.has(c));
  if (notKnown.length > 0)
    issues.push(
      issue(
        "UNKNOWN_CURRENCY",
        `${notKnown.join(", ")} ${notKnown.length > 1 ? "are" : "is"} not in the currencies table; add ${notKnown.length > 1 ? "them" : "it"} there first to import ${notKnown.length > 1 ? "their" : "its"} rates.`,
        where(CURRENCIES),
        "warning",
      ),
    );
  return asked.filter((c) => known.has(c));
}

/** The provider's answer, or its failure (a thrown error) as an issue. */
async function fetchRates(
  provider: RateProvider,
  ask: Parameters<RateProvider["fetchRates"]>[0],
): Promise<RateFetch | Issue> {
  try {
    return await provider.fetchRates(ask);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return issue("RATES_PROVIDER_FAILED", `${provider.name} failed: ${why}. Nothing was imported.`, {
      table: provider.name,
    });
  }
}

/** Only the workbook's currencies, each date/pair/type once; a rate not positive, or given twice differently, is an error. */
function incomingRates(
  rates: readonly ExchangeRate[],
  known: ReadonlySet<CurrencyCode>,
  provider: string,
  issues: Issue[],
): Map<string, ExchangeRate> {
  const outside = new Set<CurrencyCode>();
  const incoming = new Map<string, ExchangeRate>();
  for (const r of rates) {
    const unknown = [r.from, r.to].filter((c) => !known.has(c));
    if (unknown.length > 0) {
      unknown.forEach((c) => outside.add(c));
      continue;
    }
    if (!isValid(r)) {
      issues.push(
        issue(
          "NON_POSITIVE_RATE",
          `${provider} gives ${r.from}→${r.to} ${r.type} ${r.date} as ${show(r)}; a rate and its quotation unit must be positive.`,
          { table: provider },
        ),
      );
      continue;
    }
    const twin = incoming.get(keyOf(r));
    if (!twin) incoming.set(keyOf(r), r);
    else if (!perUnit(twin).eq(perUnit(r)))
      issues.push(
        issue(
          "DUPLICATE_RATE",
          `${provider} gives ${r.from}→${r.to} ${r.type} ${r.date} twice: ${show(twin)} and ${show(r)}.`,
          { table: provider },
        ),
      );
  }
  if (outside.size > 0) {
    const list = [...outside].sort();
    issues.push(
      issue(
        "RATE_CURRENCY_SKIPPED",
        `Rates in ${list.join(", ")} from ${provider} are not imported: not in the currencies table.`,
        { table: provider },
        "info",
      ),
    );
  }
  return incoming;
}

/** Against what tblRates holds: a rate it holds with the same value per unit is skipped, with another value an error at its row. */
function newRates(
  incoming: ReadonlyMap<string, ExchangeRate>,
  existing: readonly RateRow[],
  provider: string,
  issues: Issue[],
): { fresh: ExchangeRate[]; skipped: number } {
  const byKey = new Map<string, RateRow[]>();
  for (const r of existing) {
    const list = byKey.get(keyOf(r)) ?? [];
    list.push(r);
    byKey.set(keyOf(r), list);
  }
  const fresh: ExchangeRate[] = [];
  let skipped = 0;
  for (const r of incoming.values()) {
    const same = byKey.get(keyOf(r)) ?? [];
    if (same.length === 0) fresh.push(r);
    else if (same.some((e) => e.rate.isPositive() && e.quotationUnit > 0 && perUnit(e).eq(perUnit(r)))) skipped++;
    else {
      const e = same[0]!;
      issues.push(
        issue(
          "DUPLICATE_RATE",
          `${provider} gives ${r.from}→${r.to} ${r.type} ${r.date} as ${show(r)}, but this row holds ${show(e)}. Nothing was imported; correct or delete the row and import again.`,
          where(RATES, "rate", e.row),
        ),
      );
    }
  }
  return { fresh, skipped };
}

/** Date, then from, then to (the sort is stable: same date and pair keep the provider's order). */
function byDateAndPair(a: ExchangeRate, b: ExchangeRate): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.from !== b.from) return a.from < b.from ? -1 : 1;
  if (a.to !== b.to) return a.to < b.to ? -1 : 1;
  return 0;
}

/** The rows, under the table's own headers (a user may have reordered the columns); a column missing for a value is an issue, once. */
function tableRows(table: RawTable, fresh: readonly ExchangeRate[], issues: Issue[]): CellValue[][] {
  const target = new Map(table.headers.map((h, i) => [normalizeHeader(String(h)), i]));
  const columns = resolveColumns(RATES, []);
  const rows: CellValue[][] = [];
  for (const r of fresh) {
    const out: CellValue[] = table.headers.map(() => null);
    for (const c of columns) {
      const value = encodeCell(c.type, (r as unknown as Record<string, unknown>)[c.key]);
      const i = target.get(normalizeHeader(c.header));
      if (i !== undefined) out[i] = value;
      else if (value !== null && !(c.key === "quotationUnit" && r.quotationUnit === 1)) {
        const missing = issue(
          "MISSING_COLUMN",
          `${RATES.name} has no column "${c.header}" to import into.`,
          { table: RATES.name, column: c.header },
          c.key === "source" ? "warning" : "error",
        );
        if (!issues.some((x) => x.code === missing.code && x.at?.column === missing.at?.column)) issues.push(missing);
      }
    }
    rows.push(out);
  }
  return rows;
}
