import { readFileSync } from "node:fs";
import path from "node:path";
import type { ExchangeRate } from "../../../src/core/ledger/types";
import { Rate } from "../../../src/core/money";
import {
  coversFrom,
  ecbRates,
  parseEcbXml,
  quotationUnitFor,
  ratesFromEcbXml,
  selectDays,
} from "../../../src/core/rates/ecbXml";
import { roundSignificant } from "../../../src/core/rates/significant";

const fixture = (name: string) => readFileSync(path.join(__dirname, "../../fixtures/ecb", name), "utf8");
const DAILY = fixture("eurofxref-daily.xml");
const HIST_90D = fixture("eurofxref-hist-90d.xml");
const WORKBOOK = ["USD", "EUR", "GBP", "JPY"];

const R = (text: string): Rate => {
  const r = Rate.parse(text);
  if (!r) throw new Error(`fixture: ${text}`);
  return r;
};
const brief = (r: ExchangeRate) =>
  `${r.date} ${r.from}→${r.to} ${r.type} ${r.rate.toString()}/${r.quotationUnit} ${r.source}`;
const codes = (issues: readonly { code: string; severity: string }[]) => issues.map((i) => `${i.severity} ${i.code}`);

describe("significant digits", () => {
  test("worked numbers: GBP→USD = 1.0823 / 0.8541 = 1.26718182882… → 1.267181829", () => {
    expect(roundSignificant(R("1.0823").times(R("0.8541").inverse())).toString()).toBe("1.267181829");
  });
  test("JPY→USD per 100 = 108.23 / 162.47 = 0.66615375146… → 0.6661537515", () => {
    expect(roundSignificant(R("1.0823").times(R("162.47").inverse()).times(R("100"))).toString()).toBe("0.6661537515");
  });
  test("rounds half away from zero at the 10th significant digit, whatever the magnitude", () => {
    expect(roundSignificant(R("0.000123456789049")).toString()).toBe("0.000123456789");
    expect(roundSignificant(R("0.000123456789050")).toString()).toBe("0.0001234567891");
    expect(roundSignificant(R("16247.123456789")).toString()).toBe("16247.12346");
    expect(roundSignificant(R("9.99999999999")).toString()).toBe("10");
    expect(roundSignificant(R("1.0823")).toString()).toBe("1.0823");
    expect(roundSignificant(R("12345678901234")).toString()).toBe("12345678901234");
  });
  test("1/3 keeps exactly 10 digits, and a double round-trips them", () => {
    const r = roundSignificant(R("1").times(R("3").inverse()));
    expect(r.toString()).toBe("0.3333333333");
    expect(Rate.fromNumber(r.toNumber())!.eq(r)).toBe(true);
  });
});

describe("parseEcbXml", () => {
  test("the daily file: one day, four currencies, single-quoted attributes", () => {
    const p = parseEcbXml(DAILY, "eurofxref-daily.xml");
    expect(p.issues).toEqual([]);
    expect(p.days.map((d) => d.date)).toEqual(["2026-03-31"]);
    const day = p.days[0]!;
    expect(day.line).toBe(8);
    expect([...day.rates].map(([c, r]) => `${c} ${r.toString()}`)).toEqual([
      "USD 1.0823",
      "JPY 162.47",
      "GBP 0.8541",
      "CHF 0.9532",
    ]);
  });

  test("the 90-day file: 22 working days of March 2026, oldest first, double-quoted", () => {
    const p = parseEcbXml(HIST_90D, "eurofxref-hist-90d.xml");
    expect(p.issues).toEqual([]);
    expect(p.days).toHaveLength(22);
    expect(p.days[0]!.date).toBe("2026-03-02");
    expect(p.days[21]!.date).toBe("2026-03-31");
    expect(
      p.days
        .find((d) => d.date === "2026-03-20")!
        .rates.get("USD")!
        .toString(),
    ).toBe("1.0874");
    expect(p.days.some((d) => d.date === "2026-03-21")).toBe(false); // a Saturday
  });

  test("tolerant: any prefix, comments, CDATA, a BOM, whitespace inside tags, other elements", () => {
    const xml =
      "\uFEFF<?xml version='1.0'?>\n<!-- recorded -->\n<ns:Envelope xmlns:ns='x'><ns:subject><![CDATA[<Reference> rates]]></ns:subject>\n" +
      '<ecb:Cube ><ecb:Cube time = "2026-03-30" ><ecb:Cube currency="USD" rate="1.0841" /><ecb:Cube currency=\'gbp\' rate=\'0.85523\'/></ecb:Cube></ecb:Cube></ns:Envelope>\n';
    const p = parseEcbXml(xml);
    expect(p.issues).toEqual([]);
    expect([...p.days[0]!.rates.keys()]).toEqual(["USD", "GBP"]);
  });

  const malformed: [string, string, RegExp][] = [
    ["cut short inside a tag", DAILY.slice(0, DAILY.indexOf("GBP") + 5), /cut short/],
    ["cut short after a tag", DAILY.slice(0, DAILY.indexOf("</Cube>")), /still open \(is the file cut short\?\)/],
    [
      "an HTML error page",
      "<!DOCTYPE html><html><head><meta charset=utf-8><title>503</title></head><body>Service Unavailable</body></html>",
      /attributes cannot be read|closes <\/head>/,
    ],
    ["plain text", "Service Unavailable", /not XML/],
    ["JSON", '{"error":"rate limited"}', /not XML/],
    ["empty", "", /is empty/],
    ["a date that is not one", DAILY.replace("2026-03-31", "2026-02-30"), /"2026-02-30"> is not a date/],
    [
      "a rate that is not a number",
      DAILY.replace("'0.85410'", "'0,85410'"),
      /GBP rate on 2026-03-31 is "0,85410", not a positive number/,
    ],
    ["a negative rate", DAILY.replace("'0.85410'", "'-0.85410'"), /not a positive number/],
    ["a zero rate", DAILY.replace("'0.85410'", "'0'"), /not a positive number/],
    [
      "a currency twice in a day",
      DAILY.replace("'CHF'", "'USD'"),
      /USD appears twice on 2026-03-31 \(first at line 9\)/,
    ],
    ["a day twice", HIST_90D.replace('time="2026-03-30"', 'time="2026-03-31"'), /2026-03-31 appears twice/],
    [
      "a rate outside any day",
      DAILY.replace("<Cube time=", "<Cube currency='SEK' rate='11.2'/><Cube time="),
      /SEK is not inside a dated/,
    ],
    [
      "mismatched closing tag",
      DAILY.replace("</gesmes:Envelope>", "</gesmes:Envelop>"),
      /closes <\/gesmes:Envelop> where <gesmes:Envelope>/,
    ],
    ["unquoted attribute", DAILY.replace("rate='1.0823'", "rate=1.0823"), /attributes cannot be read/],
    ["text after the root", `${DAILY}trailing`, /text after its root/],
  ];
  test.each(malformed)("malformed: %s → one error issue, no days, no throw", (_name, xml, message) => {
    const p = parseEcbXml(xml, "eurofxref-daily.xml");
    expect(p.days).toEqual([]);
    expect(p.issues).toHaveLength(1);
    expect(p.issues[0]).toMatchObject({
      code: "ECB_MALFORMED",
      severity: "error",
      at: { table: "eurofxref-daily.xml" },
    });
    expect(p.issues[0]!.message).toMatch(message);
  });

  test("many bad lines: the first 20, then a count", () => {
    const p = parseEcbXml(HIST_90D.replace(/rate="(\d+)\.(\d+)"/g, 'rate="$1,$2"'), "eurofxref-hist-90d.xml");
    expect(p.issues).toHaveLength(21);
    expect(p.issues[20]!.message).toBe("eurofxref-hist-90d.xml: 68 more problems like these.");
  });

  test("a malformed tag names its line", () => {
    const p = parseEcbXml(DAILY.replace("'0.85410'", "'x'"), "eurofxref-daily.xml");
    expect(p.issues[0]!.at).toEqual({ table: "eurofxref-daily.xml", row: 11 });
  });

  test("well-formed XML that is not an ECB file → ECB_NO_RATES", () => {
    const p = parseEcbXml("<rss><channel><item>news</item></channel></rss>", "feed.xml");
    expect(p.days).toEqual([]);
    expect(codes(p.issues)).toEqual(["error ECB_NO_RATES"]);
  });
});

describe("ecbRates: triangulation into the accounting currency", () => {
  const daily = parseEcbXml(DAILY).days;

  test("USD books: EUR→USD is the USD rate, GBP→USD = USD / GBP, JPY per 100; CHF not in the workbook is info", () => {
    const r = ecbRates(daily, { accountingCurrency: "USD", currencies: WORKBOOK, fileName: "eurofxref-daily.xml" });
    expect(r.rates.map(brief)).toEqual([
      "2026-03-31 EUR→USD spot 1.0823/1 ECB 2026-03-31",
      "2026-03-31 GBP→USD spot 1.267181829/1 ECB 2026-03-31",
      "2026-03-31 JPY→USD spot 0.6661537515/100 ECB 2026-03-31",
    ]);
    expect(r.issues).toEqual([
      {
        code: "ECB_CURRENCY_SKIPPED",
        severity: "info",
        message: "ECB rates for CHF are not imported: that currency is not in the currencies table.",
        at: { table: "eurofxref-daily.xml" },
      },
    ]);
  });

  test("the stored rate per unit is the exact triangulated factor to 10 significant digits", () => {
    const jpy = ecbRates(daily, { accountingCurrency: "USD", currencies: WORKBOOK }).rates.find(
      (x) => x.from === "JPY",
    )!;
    const exact = R("1.0823").times(R("162.47").inverse());
    // 0.006661537515 per yen vs the exact 0.0066615375146…: off by less than half a unit of the 10th digit
    expect(Math.abs(Rate.quoted(jpy.rate, 100).changeFrom(exact))).toBeLessThan(1e-10);
  });

  test("EUR books: X→EUR = 1 / (X rate)", () => {
    const r = ecbRates(daily, { accountingCurrency: "EUR", currencies: ["EUR", "USD", "GBP", "JPY"] });
    expect(r.rates.map(brief)).toEqual([
      "2026-03-31 GBP→EUR spot 1.170823089/1 ECB 2026-03-31",
      "2026-03-31 JPY→EUR spot 0.6154982458/100 ECB 2026-03-31",
      "2026-03-31 USD→EUR spot 0.9239582371/1 ECB 2026-03-31",
    ]);
  });

  test("GBP books: USD→GBP = GBP / USD, EUR→GBP is the GBP rate", () => {
    const r = ecbRates(daily, { accountingCurrency: "GBP", currencies: ["GBP", "EUR", "USD"] });
    expect(r.rates.map(brief)).toEqual([
      "2026-03-31 EUR→GBP spot 0.8541/1 ECB 2026-03-31",
      "2026-03-31 USD→GBP spot 0.7891527303/1 ECB 2026-03-31",
    ]);
  });

  test("a workbook currency the ECB does not publish is a warning; an accounting currency it does not publish is an error", () => {
    const r = ecbRates(daily, { accountingCurrency: "USD", currencies: ["EUR", "KWD"] });
    expect(r.rates.map((x) => x.from)).toEqual(["EUR"]);
    expect(codes(r.issues)).toEqual(["warning ECB_NO_RATE", "info ECB_CURRENCY_SKIPPED"]);
    expect(r.issues[0]!.message).toContain("KWD");
    const k = ecbRates(daily, { accountingCurrency: "KWD", currencies: ["EUR", "USD"] });
    expect(k.rates).toEqual([]);
    expect(codes(k.issues)).toEqual(["error ECB_NO_ACCOUNTING_RATE"]);
  });

  test("one quotation unit per currency, from the latest day, even when a currency crosses 0.1", () => {
    const xml = `<E><Cube><Cube time="2026-03-30"><Cube currency="USD" rate="1"/><Cube currency="SEK" rate="9.5"/></Cube><Cube time="2026-03-31"><Cube currency="USD" rate="1"/><Cube currency="SEK" rate="10.5"/></Cube></Cube></E>`;
    const r = ratesFromEcbXml(xml, { accountingCurrency: "USD", currencies: ["SEK"] });
    expect(r.rates.map(brief)).toEqual([
      "2026-03-30 SEK→USD spot 10.52631579/100 ECB 2026-03-30",
      "2026-03-31 SEK→USD spot 9.523809524/100 ECB 2026-03-31",
    ]);
    expect(quotationUnitFor(R("0.1"))).toBe(1);
    expect(quotationUnitFor(R("0.0999999999"))).toBe(100);
  });
});

describe("the days a request needs", () => {
  const hist = parseEcbXml(HIST_90D).days;

  test("a range: its days; a weekend start adds the Friday before (the rate in force)", () => {
    expect(selectDays(hist, "2026-03-23", "2026-03-25").map((d) => d.date)).toEqual([
      "2026-03-23",
      "2026-03-24",
      "2026-03-25",
    ]);
    expect(selectDays(hist, "2026-03-21", "2026-03-23").map((d) => d.date)).toEqual(["2026-03-20", "2026-03-23"]);
  });

  test("a single date: that day, or the last working day before it", () => {
    expect(selectDays(hist, "2026-03-27", "2026-03-27").map((d) => d.date)).toEqual(["2026-03-27"]);
    expect(selectDays(hist, "2026-04-03", "2026-04-03").map((d) => d.date)).toEqual(["2026-03-31"]);
    expect(selectDays(hist, "2026-02-27", "2026-02-27")).toEqual([]);
  });

  test("coversFrom: whether an older file is needed", () => {
    expect(coversFrom(hist, "2026-03-02")).toBe(true);
    expect(coversFrom(hist, "2026-03-01")).toBe(false);
  });

  test("ratesFromEcbXml over the 90-day file for a week: 5 days × 3 workbook currencies", () => {
    const r = ratesFromEcbXml(HIST_90D, {
      accountingCurrency: "USD",
      currencies: WORKBOOK,
      from: "2026-03-23",
      to: "2026-03-27",
      fileName: "eurofxref-hist-90d.xml",
    });
    expect(r.rates).toHaveLength(15);
    expect(new Set(r.rates.map((x) => x.date))).toEqual(
      new Set(["2026-03-23", "2026-03-24", "2026-03-25", "2026-03-26", "2026-03-27"]),
    );
    expect(r.rates.every((x) => x.to === "USD" && x.type === "spot" && x.source === `ECB ${x.date}`)).toBe(true);
  });

  test("nothing on or before the date: a warning, no rows", () => {
    const r = ratesFromEcbXml(HIST_90D, {
      accountingCurrency: "USD",
      currencies: WORKBOOK,
      from: "2026-02-01",
      to: "2026-02-27",
    });
    expect(r.rates).toEqual([]);
    expect(codes(r.issues)).toEqual(["warning ECB_NO_DAYS"]);
  });

  test("a malformed file gives its error and no rows", () => {
    const r = ratesFromEcbXml(HIST_90D.slice(0, 2000), { accountingCurrency: "USD", currencies: WORKBOOK });
    expect(r.rates).toEqual([]);
    expect(codes(r.issues)).toEqual(["error ECB_MALFORMED"]);
  });
});
