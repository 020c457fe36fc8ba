/**
 * The European Central Bank's euro reference rates, from its XML files, as
 * exchange-rate rows in the workbook's accounting currency.
 *
 * The files (https://www.ecb.europa.eu/stats/eurofxref/):
 *   eurofxref-daily.xml     the latest working day
 *   eurofxref-hist-90d.xml  the last 90 days, newest first
 *   eurofxref-hist.xml      every day since 1999-01-04
 * all shaped
 *   <gesmes:Envelope …><gesmes:subject>Reference rates</gesmes:subject>…
 *     <Cube><Cube time='2026-03-31'><Cube currency='USD' rate='1.0823'/>…</Cube>…</Cube>
 *   </gesmes:Envelope>
 * and quote "1 EUR = rate CCY".
 *
 * The reader is a small tolerant scanner of our own (no DOM, no XML package,
 * so it runs in the task pane and the CLI alike): it checks that the tags are
 * well formed and nest, skips the declaration, comments, CDATA and any element
 * that is not a `Cube`, accepts either quote style and any namespace prefix,
 * and ignores whitespace. Anything it cannot read — a file cut short, an HTML
 * error page, a date that is not a date, a rate that is not a positive number,
 * the same day or currency twice — is an error issue naming the file and the
 * line (as `at.row`), and then no day of the file is used. It never throws.
 *
 * Conversion (ecbRates): to accounting currency A by triangulation through the
 * euro, exactly (Rate fractions): EUR→A is the A rate; X→A = (A rate) / (X rate).
 * Each row is `from` = foreign currency, `to` = A, type "spot", source
 * "ECB <date>", the rate rounded to 10 significant digits (significant.ts: the
 * table then holds exactly what the cell shows). A currency whose rate per
 * unit is below 0.1 (JPY→USD 0.0066…) is quoted per 100 units (0.6661537515),
 * so the cell shows useful digits; the unit is chosen once per currency, from
 * the most recent day converted, so a currency near 0.1 does not flip units
 * from day to day. Only currencies in `currencies` (the workbook's currencies
 * table) are converted; the others are reported in one info issue.
 *
 * Example (accounting currency USD, workbook currencies USD EUR GBP JPY):
 *   <Cube time='2026-03-31'> USD 1.0823, JPY 162.47, GBP 0.85410, CHF 0.9532
 *   → 2026-03-31 EUR→USD 1.0823 /1, GBP→USD 1.267181829 /1 (1.0823 / 0.8541),
 *     JPY→USD 0.6661537515 /100, all "ECB 2026-03-31";
 *     info: "ECB rates for CHF are not imported: not in the currencies table."
 */
import { hasErrors, issue, type Issue } from "../issues/issue";
import type { CurrencyCode, ExchangeRate, IsoDate, RateType } from "../ledger/types";
import { Amount, Rate } from "../money";
import { isIsoDate } from "./rateDates";
import { RATE_SIGNIFICANT_DIGITS, roundSignificant } from "./significant";

/** One `<Cube time>` block: the euro's rate in each currency on that day. */
export interface EcbDay {
  readonly date: IsoDate;
  /** line of the `<Cube time>` tag in the file */
  readonly line: number;
  /** currency → units of that currency per 1 EUR */
  readonly rates: ReadonlyMap<CurrencyCode, Rate>;
}

export interface EcbParse {
  /** oldest first; empty when the file has any error */
  readonly days: EcbDay[];
  readonly issues: Issue[];
}

interface Tag {
  readonly name: string;
  readonly closing: boolean;
  readonly selfClosing: boolean;
  readonly attrs: ReadonlyMap<string, string>;
  readonly line: number;
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ATTRIBUTE = /\s*([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const CURRENCY = /^[A-Z]{3}$/;
/** a file with a systematic fault would give one issue per line: report the first ones */
const MAX_ISSUES = 20;

interface DayBuilder {
  readonly date: IsoDate;
  readonly line: number;
  readonly rates: Map<CurrencyCode, Rate>;
  readonly seen: Map<CurrencyCode, number>;
}

function localName(name: string): string {
  const i = name.lastIndexOf(":");
  return i < 0 ? name : name.slice(i + 1);
}

function unescapeXml(text: string): string {
  return text.replace(
    /&(lt|gt|amp|quot|apos);/g,
    (_, e: string) => ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" })[e] ?? "",
  );
}

/** markup that is not an element: skipped whole (a DOCTYPE with an internal subset is not supported) */
const SPECIAL: readonly (readonly [string, string])[] = [
  ["<!--", "-->"],
  ["<![CDATA[", "]]>"],
  ["<?", "?>"],
  ["<!", ">"],
];

/**
 * Scans the tags of a document, handing each to `onTag` as it goes (the full
 * history is 7 MB: no array of 200,000 tags); returns the problem (message and
 * line) when the document is not well formed, and the caller then discards
 * what it was handed.
 */
function scanTags(text: string, onTag: (tag: Tag) => void): { message: string; line: number } | undefined {
  let line = 1;
  let pos = 0;
  const advance = (to: number) => {
    for (let i = pos; i < to; i++) if (text.charCodeAt(i) === 10) line++;
    pos = to;
  };
  const fail = (message: string, at = line) => ({ message, line: at });
  const open: { name: string; line: number }[] = [];
  let sawRoot = false;
  while (pos < text.length) {
    const lt = text.indexOf("<", pos);
    if (lt < 0) {
      if (text.slice(pos).trim() !== "" && open.length === 0)
        return fail(sawRoot ? "has text after its root element" : "holds text, not XML");
      advance(text.length);
      break;
    }
    const between = text.slice(pos, lt);
    advance(lt);
    if (between.trim() !== "" && open.length === 0)
      return fail(sawRoot ? "has text after its root element" : "holds text before its first element; it is not XML");
    const sp = SPECIAL.find(([start]) => text.startsWith(start, lt));
    if (sp) {
      const end = text.indexOf(sp[1], lt + sp[0].length);
      if (end < 0) return fail(`has a "${sp[0]}" that is never closed (is the file cut short?)`);
      advance(end + sp[1].length);
      continue;
    }
    const gt = text.indexOf(">", lt + 1);
    const nextLt = text.indexOf("<", lt + 1);
    if (gt < 0) return fail("ends inside a tag (is the file cut short?)");
    if (nextLt >= 0 && nextLt < gt) return fail('has a tag that is not closed with ">"');
    const tagLine = line;
    let inner = text.slice(lt + 1, gt).trim();
    advance(gt + 1);
    const closing = inner.startsWith("/");
    if (closing) inner = inner.slice(1).trimStart();
    const selfClosing = !closing && inner.endsWith("/");
    if (selfClosing) inner = inner.slice(0, -1).trimEnd();
    const m = NAME.exec(inner);
    if (!m) return fail(`has a tag without a name: <${text.slice(lt + 1, gt)}>`, tagLine);
    const name = m[0];
    const attrs = new Map<string, string>();
    let rest = inner.slice(name.length);
    if (closing && rest.trim() !== "") return fail(`has a closing tag </${name}> with attributes`, tagLine);
    while (rest.trim() !== "") {
      ATTRIBUTE.lastIndex = 0;
      const a = ATTRIBUTE.exec(rest);
      if (!a || !/^\s/.test(rest))
        return fail(`has a <${name}> tag whose attributes cannot be read: "${rest.trim().slice(0, 40)}"`, tagLine);
      const key = a[1] ?? "";
      if (attrs.has(key)) return fail(`has a <${name}> tag with the attribute ${key} twice`, tagLine);
      const value = a[2] ?? a[3] ?? "";
      attrs.set(key, value.includes("&") ? unescapeXml(value) : value);
      rest = rest.slice(a[0].length);
    }
    if (closing) {
      const top = open.pop();
      if (!top) return fail(`closes </${name}>, which was never opened`, tagLine);
      if (top.name !== name) return fail(`closes </${name}> where <${top.name}> (line ${top.line}) is open`, tagLine);
    } else {
      if (open.length === 0 && sawRoot) return fail(`has a second root element <${name}>`, tagLine);
      sawRoot = true;
      if (!selfClosing) open.push({ name, line: tagLine });
    }
    onTag({ name, closing, selfClosing, attrs, line: tagLine });
  }
  const unclosed = open[open.length - 1];
  if (unclosed) return fail(`ends with <${unclosed.name}> (line ${unclosed.line}) still open (is the file cut short?)`);
  if (!sawRoot) return fail("is empty");
  return undefined;
}

/**
 * Reads an ECB reference-rate file (daily, 90-day or full history). Errors
 * name `fileName` and the line; with any error, `days` is empty.
 */
export function parseEcbXml(text: string, fileName = "ECB rates"): EcbParse {
  const where = (line: number) => ({ table: fileName, row: line });
  const bad = (message: string, line: number): EcbParse => ({
    days: [],
    issues: [issue("ECB_MALFORMED", `${fileName} ${message}.`, where(line))],
  });
  const issues: Issue[] = [];
  let more = 0;
  const problem = (message: string, line: number) => {
    if (issues.length < MAX_ISSUES) issues.push(issue("ECB_MALFORMED", `${fileName}: ${message}.`, where(line)));
    else more++;
  };
  const days: EcbDay[] = [];
  const seenDays = new Map<IsoDate, number>();
  /** each open Cube element: a day being read, a dated Cube that was refused (its rates are skipped), or a plain Cube */
  const cubes: (DayBuilder | "refused" | "plain")[] = [];
  let current: DayBuilder | "refused" | undefined;
  const onTag = (tag: Tag): void => {
    if (localName(tag.name) !== "Cube") return;
    if (tag.closing) {
      const closed = cubes.pop();
      if (closed !== "plain" && closed !== undefined) {
        if (closed !== "refused") days.push({ date: closed.date, line: closed.line, rates: closed.rates });
        current = undefined;
      }
      return;
    }
    const time = tag.attrs.get("time");
    const currency = tag.attrs.get("currency");
    const rateText = tag.attrs.get("rate");
    let opened: DayBuilder | "refused" | "plain" = "plain";
    if (time !== undefined) {
      const date = time.trim();
      opened = "refused";
      if (current) problem(`a dated <Cube time="${time}"> sits inside another dated Cube`, tag.line);
      else if (!isIsoDate(date)) problem(`<Cube time="${time}"> is not a date (YYYY-MM-DD)`, tag.line);
      else if (seenDays.has(date))
        problem(`the day ${date} appears twice (first at line ${seenDays.get(date)})`, tag.line);
      else {
        opened = { date, line: tag.line, rates: new Map(), seen: new Map() };
        seenDays.set(date, tag.line);
        if (tag.selfClosing) days.push({ date, line: tag.line, rates: opened.rates });
      }
    } else if (currency !== undefined || rateText !== undefined) {
      const code = (currency ?? "").trim().toUpperCase();
      const rate = Rate.parse(rateText ?? "");
      if (current === "refused") {
        // the day itself was refused; one issue is enough
      } else if (!current) problem(`the rate for ${code || "?"} is not inside a dated <Cube time="…">`, tag.line);
      else if (!CURRENCY.test(code)) problem(`"${currency ?? ""}" on ${current.date} is not a currency code`, tag.line);
      else if (!rate || !rate.isPositive())
        problem(`the ${code} rate on ${current.date} is "${rateText ?? ""}", not a positive number`, tag.line);
      else if (current.seen.has(code))
        problem(`${code} appears twice on ${current.date} (first at line ${current.seen.get(code)})`, tag.line);
      else {
        current.rates.set(code, rate);
        current.seen.set(code, tag.line);
      }
    }
    if (tag.selfClosing) return;
    cubes.push(opened);
    if (opened !== "plain") current = opened;
  };
  const malformed = scanTags(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, onTag);
  if (malformed) return bad(malformed.message, malformed.line);
  if (more > 0)
    issues.push(
      issue("ECB_MALFORMED", `${fileName}: ${more} more problem${more > 1 ? "s" : ""} like these.`, {
        table: fileName,
      }),
    );
  if (hasErrors(issues)) return { days: [], issues };
  if (days.length === 0)
    return {
      days: [],
      issues: [
        issue("ECB_NO_RATES", `${fileName} holds no dated rates (<Cube time="…">); is it an ECB reference-rate file?`, {
          table: fileName,
        }),
      ],
    };
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { days, issues };
}

/**
 * The days a request for `from`..`to` needs: those dated within it, plus — when
 * no day falls on `from` (a weekend, a holiday, a single date after the latest
 * publication) — the last day before `from`, the rate in force on `from`.
 * `days` oldest first.
 */
export function selectDays(days: readonly EcbDay[], from: IsoDate, to: IsoDate): EcbDay[] {
  const inRange = days.filter((d) => d.date >= from && d.date <= to);
  if (inRange[0]?.date === from) return inRange;
  const before = days.filter((d) => d.date < from).pop();
  return before ? [before, ...inRange] : inRange;
}

/** Whether the file reaches back to `from` (has a day on or before it), so no older file is needed. */
export function coversFrom(days: readonly EcbDay[], from: IsoDate): boolean {
  return days.some((d) => d.date <= from);
}

export interface EcbConversion {
  readonly accountingCurrency: CurrencyCode;
  /** the workbook's currencies: only these are converted (the accounting currency may be among them) */
  readonly currencies: Iterable<CurrencyCode>;
  /** when set, only the days selectDays picks for from..to (to defaults to from) */
  readonly from?: IsoDate;
  readonly to?: IsoDate;
  readonly type?: RateType;
  /** issues name it; "ECB" by default */
  readonly fileName?: string;
}

export interface ConvertedRates {
  readonly rates: ExchangeRate[];
  readonly issues: Issue[];
}

const EUR = "EUR";
const TENTH = Amount.fromUnits(1n, 1);
const ONE = Amount.fromUnits(1n, 0);

/** 100 for a currency whose value per unit is below 0.1 (of the accounting currency), else 1. */
export function quotationUnitFor(perUnit: Rate): number {
  return perUnit.apply(ONE, 20).cmp(TENTH) < 0 ? 100 : 1;
}

/**
 * EUR-based days → rows `from` = foreign currency, `to` = the accounting
 * currency, oldest day first, currencies alphabetically within a day.
 */
export function ecbRates(days: readonly EcbDay[], options: EcbConversion): ConvertedRates {
  const acc = options.accountingCurrency.trim().toUpperCase();
  const file = options.fileName ?? "ECB";
  const type = options.type ?? "spot";
  const wanted = new Set(
    [...options.currencies].map((c) => c.trim().toUpperCase()).filter((c) => c !== "" && c !== acc),
  );
  const picked = options.from ? selectDays(days, options.from, options.to ?? options.from) : [...days];
  const issues: Issue[] = [];
  if (picked.length === 0) {
    const span = options.from ? ` on or before ${options.to ?? options.from}` : "";
    issues.push(issue("ECB_NO_DAYS", `${file} has no rates${span}.`, { table: file }, "warning"));
    return { rates: [], issues };
  }
  const factorsByDay: { day: EcbDay; factors: Map<CurrencyCode, Rate> }[] = [];
  const skipped = new Set<CurrencyCode>();
  const published = new Set<CurrencyCode>();
  const noAccounting: IsoDate[] = [];
  for (const day of picked) {
    const perEur = new Map(day.rates);
    perEur.set(EUR, Rate.ONE);
    const accPerEur = perEur.get(acc);
    for (const c of perEur.keys()) if (c !== acc && !wanted.has(c) && c !== EUR) skipped.add(c);
    if (!accPerEur) {
      noAccounting.push(day.date);
      continue;
    }
    const factors = new Map<CurrencyCode, Rate>();
    for (const c of [...wanted].sort()) {
      const perEurC = perEur.get(c);
      if (!perEurC) continue;
      published.add(c);
      // 1 C = 1/perEurC EUR = accPerEur/perEurC units of the accounting currency
      factors.set(c, accPerEur.times(perEurC.inverse()));
    }
    factorsByDay.push({ day, factors });
  }
  if (factorsByDay.length === 0) {
    issues.push(
      issue(
        "ECB_NO_ACCOUNTING_RATE",
        `${file} has no ${acc} rate on the days asked for (${noAccounting.join(", ")}); rates in ${acc} cannot be derived from it.`,
        { table: file },
      ),
    );
    return { rates: [], issues };
  }
  if (noAccounting.length > 0) {
    issues.push(
      issue(
        "ECB_NO_ACCOUNTING_RATE",
        `${file} has no ${acc} rate on ${noAccounting.join(", ")}; those days are skipped.`,
        { table: file },
        "warning",
      ),
    );
  }
  const units = new Map<CurrencyCode, number>();
  for (const { factors } of [...factorsByDay].reverse()) {
    for (const [c, f] of factors) if (!units.has(c)) units.set(c, quotationUnitFor(f));
  }
  const rates: ExchangeRate[] = [];
  for (const { day, factors } of factorsByDay) {
    for (const [c, f] of factors) {
      const unit = units.get(c) ?? 1;
      const quoted = unit === 1 ? f : f.times(unitRate(unit));
      rates.push({
        date: day.date,
        from: c,
        to: acc,
        type,
        rate: roundSignificant(quoted, RATE_SIGNIFICANT_DIGITS),
        quotationUnit: unit,
        source: `ECB ${day.date}`,
      });
    }
  }
  const missing = [...wanted].filter((c) => !published.has(c)).sort();
  if (missing.length > 0) {
    issues.push(
      issue(
        "ECB_NO_RATE",
        `The ECB publishes no reference rate for ${missing.join(", ")} in ${file}; enter ${missing.length > 1 ? "their" : "its"} rates another way (e.g. a CSV import).`,
        { table: file },
        "warning",
      ),
    );
  }
  if (skipped.size > 0) {
    const list = [...skipped].sort();
    issues.push(
      issue(
        "ECB_CURRENCY_SKIPPED",
        `ECB rates for ${list.join(", ")} are not imported: ${list.length > 1 ? "those currencies are" : "that currency is"} not in the currencies table.`,
        { table: file },
        "info",
      ),
    );
  }
  return { rates, issues };
}

function unitRate(n: number): Rate {
  return Rate.parse(String(n)) ?? Rate.ONE;
}

/** parseEcbXml then ecbRates: the rows a file gives for a workbook, or the file's issues. */
export function ratesFromEcbXml(text: string, options: EcbConversion): ConvertedRates {
  const parsed = parseEcbXml(text, options.fileName);
  if (hasErrors(parsed.issues)) return { rates: [], issues: parsed.issues };
  const converted = ecbRates(parsed.days, options);
  return { rates: converted.rates, issues: [...parsed.issues, ...converted.issues] };
}
