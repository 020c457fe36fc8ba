/**
 * Where exchange rates come from: a provider answers a request for a date
 * range and a list of currencies with ExchangeRate rows and issues, and never
 * throws (a network failure, an HTTP error or a malformed file is an issue).
 *
 *   EcbProvider  the European Central Bank's euro reference rates, fetched
 *                with the global `fetch` (works in the task pane and in Node 20).
 *                A single date (from === to) tries eurofxref-daily.xml first; a
 *                range starts with eurofxref-hist-90d.xml. When the file does
 *                not reach back to `from` (the daily file is newer than the date,
 *                or the range starts before the 90 days), it moves on to the
 *                longer file, up to eurofxref-hist.xml. Rates are converted to
 *                the request's accounting currency (ecbXml.ts). The base URL is
 *                an option: the ECB sends no CORS headers, so the task pane needs
 *                a same-origin proxy, and tests point it at recorded responses.
 *   CsvProvider  rates from CSV text the user gave (csvRates.ts).
 *
 * Both keep only rows whose currencies are all in `currencies` or the
 * accounting currency, and report the rest as info.
 *
 * Example:
 *   const provider = new EcbProvider();   // https://www.ecb.europa.eu/stats/eurofxref/
 *   await provider.fetchRates({ from: "2026-03-31", to: "2026-03-31", currencies: ["EUR", "GBP", "JPY"], accountingCurrency: "USD" })
 *   → { rates: [EUR→USD 1.0823, GBP→USD 1.267181829, JPY→USD 0.6661537515 per 100], issues: [] }
 */
import { hasErrors, issue, type Issue } from "../../core/issues/issue";
import type { CurrencyCode, ExchangeRate, IsoDate } from "../../core/ledger/types";
import { ratesFromCsv } from "../../core/rates/csvRates";
import { coversFrom, ecbRates, parseEcbXml } from "../../core/rates/ecbXml";
import { isIsoDate } from "../../core/rates/rateDates";
import { parseCsv } from "../csv";

export interface RateRequest {
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** the currencies wanted (the workbook's, usually without the accounting currency) */
  readonly currencies: readonly CurrencyCode[];
  /** the currency the rates are to (the workbook's accounting currency); EUR when absent */
  readonly accountingCurrency?: CurrencyCode;
}

export interface RateFetch {
  readonly rates: ExchangeRate[];
  readonly issues: Issue[];
}

export interface RateProvider {
  /** shown in issues, the run's parameters and the audit log: "ECB", "rates.csv" */
  readonly name: string;
  fetchRates(request: RateRequest): Promise<RateFetch>;
}

/** Checks a request's dates; an issue when they are not ISO dates in order. */
export function requestIssues(request: Pick<RateRequest, "from" | "to">, where: string): Issue[] {
  const out: Issue[] = [];
  for (const [label, d] of [
    ["from", request.from],
    ["to", request.to],
  ] as const) {
    if (!isIsoDate(d))
      out.push(issue("BAD_REQUEST", `The ${label} date "${d}" is not a date (YYYY-MM-DD).`, { table: where }));
  }
  if (out.length === 0 && request.to < request.from)
    out.push(
      issue("BAD_REQUEST", `The date range ${request.from}..${request.to} ends before it starts.`, { table: where }),
    );
  return out;
}

export const ECB_BASE_URL = "https://www.ecb.europa.eu/stats/eurofxref/";
export const ECB_DAILY = "eurofxref-daily.xml";
export const ECB_HIST_90D = "eurofxref-hist-90d.xml";
export const ECB_HIST = "eurofxref-hist.xml";

export interface EcbProviderOptions {
  /** where the three files are; the ECB's own address by default */
  readonly baseUrl?: string;
  /** give up on a request after this long; 30 s by default */
  readonly timeoutMs?: number;
}

export class EcbProvider implements RateProvider {
  readonly name = "ECB";
  readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(options: EcbProviderOptions = {}) {
    const base = options.baseUrl ?? ECB_BASE_URL;
    this.baseUrl = base.endsWith("/") ? base : `${base}/`;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  async fetchRates(request: RateRequest): Promise<RateFetch> {
    const bad = requestIssues(request, this.name);
    if (bad.length > 0) return { rates: [], issues: bad };
    const files = request.from === request.to ? [ECB_DAILY, ECB_HIST_90D, ECB_HIST] : [ECB_HIST_90D, ECB_HIST];
    for (const [i, file] of files.entries()) {
      const got = await this.get(file);
      if ("problem" in got) return { rates: [], issues: [got.problem] };
      const parsed = parseEcbXml(got.text, file);
      if (hasErrors(parsed.issues)) return { rates: [], issues: parsed.issues };
      if (i < files.length - 1 && !coversFrom(parsed.days, request.from)) continue;
      const converted = ecbRates(parsed.days, {
        accountingCurrency: request.accountingCurrency ?? "EUR",
        currencies: request.currencies,
        from: request.from,
        to: request.to,
        fileName: file,
      });
      return { rates: converted.rates, issues: [...parsed.issues, ...converted.issues] };
    }
    return { rates: [], issues: [] };
  }

  /** The text of one file, or the issue that kept it from us. */
  private async get(file: string): Promise<{ text: string } | { problem: Issue }> {
    const url = `${this.baseUrl}${file}`;
    const where = { table: file };
    let response: Response;
    try {
      response = await globalThis.fetch(url, {
        headers: { Accept: "application/xml, text/xml" },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return {
        problem: issue(
          "RATES_UNREACHABLE",
          `Could not fetch ${url}: ${why}. Check the connection (or the proxy address) and try again.`,
          where,
        ),
      };
    }
    if (!response.ok) {
      return {
        problem: issue(
          "RATES_HTTP_ERROR",
          `${url} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}; nothing was imported. Try again later.`,
          where,
        ),
      };
    }
    try {
      return { text: await response.text() };
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return { problem: issue("RATES_UNREACHABLE", `Reading ${url} failed: ${why}.`, where) };
    }
  }
}

/** Rates from CSV text (Date, From, To, Rate, optional Rate type, Quotation unit, Source). */
export class CsvProvider implements RateProvider {
  constructor(
    private readonly csv: string,
    readonly name: string = "rates.csv",
  ) {}

  async fetchRates(request: RateRequest): Promise<RateFetch> {
    const bad = requestIssues(request, this.name);
    if (bad.length > 0) return { rates: [], issues: bad };
    const read = ratesFromCsv(parseCsv(this.csv), this.name);
    if (hasErrors(read.issues)) return { rates: [], issues: read.issues };
    const issues = [...read.issues];
    const wanted = new Set(
      [...request.currencies, ...(request.accountingCurrency ? [request.accountingCurrency] : [])].map((c) =>
        c.trim().toUpperCase(),
      ),
    );
    const outside = read.rates.filter((r) => r.date < request.from || r.date > request.to);
    const unknown = new Set<CurrencyCode>();
    const rates: ExchangeRate[] = [];
    for (const r of read.rates) {
      if (r.date < request.from || r.date > request.to) continue;
      const foreign = [r.from, r.to].filter((c) => !wanted.has(c));
      if (foreign.length > 0) {
        foreign.forEach((c) => unknown.add(c));
        continue;
      }
      const { row: _row, ...rate } = r;
      rates.push(rate);
    }
    if (outside.length > 0) {
      issues.push(
        issue(
          "RATE_OUT_OF_RANGE",
          `${outside.length} row${outside.length > 1 ? "s" : ""} of ${this.name} ${outside.length > 1 ? "are" : "is"} dated outside ${request.from}..${request.to} and not imported (first: row ${outside[0]!.row}).`,
          { table: this.name, row: outside[0]!.row, column: "Date" },
          "info",
        ),
      );
    }
    if (unknown.size > 0) {
      const list = [...unknown].sort();
      issues.push(
        issue(
          "RATE_CURRENCY_SKIPPED",
          `Rates in ${list.join(", ")} are not imported: ${list.length > 1 ? "those currencies are" : "that currency is"} not among the currencies asked for.`,
          { table: this.name },
          "info",
        ),
      );
    }
    return { rates, issues };
  }
}
