import type { ExchangeRate } from "../../../src/core/ledger/types";
import { Rate } from "../../../src/core/money";
import { checkRateCoverage, checkRateRows, checkRates, type RateRow } from "../../../src/core/rates/rateChecks";
import { acct, ACCOUNTS, journal, makeSetup } from "../../support/fixtures";

/** tblRates rows, numbered from 1 in the order given: "2026-03-01 EUR USD 1.0825 [unit] [type]" */
function table(text: string): RateRow[] {
  return text
    .trim()
    .split("\n")
    .map((l, i) => {
      const [date, from, to, rate, unit, type] = l.trim().split(/\s+/);
      const r = Rate.parse(rate ?? "");
      if (!r || !date || !from || !to) throw new Error(`fixture: ${l}`);
      return {
        row: i + 1,
        date,
        from,
        to,
        type: (type ?? "spot") as ExchangeRate["type"],
        rate: r,
        quotationUnit: Number(unit ?? 1),
        source: "test",
      };
    });
}

// the fixtures' rates, as tblRates rows 1..4
const FIXTURE = `
  2026-03-01 EUR USD 1.0825
  2026-03-20 EUR USD 1.09
  2026-03-01 JPY USD 0.6712 100
  2026-03-01 GBP USD 1.27`;

const setup = makeSetup();
const RATES_WHERE = setup.where.rates;
const brief = (
  issues: readonly { code: string; severity: string; at?: { table: string; row?: number; column?: string } }[],
) => issues.map((i) => [i.severity, i.code, i.at?.table, i.at?.row, i.at?.column]);

describe("row checks", () => {
  test("the fixtures' table is clean", () => {
    expect(checkRateRows(table(FIXTURE), {}, RATES_WHERE)).toEqual([]);
  });

  test("non-positive rate and quotation unit: error at the row and the column at fault", () => {
    const rows = table(`
      2026-03-01 EUR USD 1.0825
      2026-03-02 EUR USD 0
      2026-03-03 EUR USD -1.08
      2026-03-04 EUR USD 1.08 0`);
    expect(brief(checkRateRows(rows, {}, RATES_WHERE))).toEqual([
      ["error", "NON_POSITIVE_RATE", "tblRates", 2, "Rate"],
      ["error", "NON_POSITIVE_RATE", "tblRates", 3, "Rate"],
      ["error", "NON_POSITIVE_RATE", "tblRates", 4, "Quotation unit"],
    ]);
  });

  test("duplicates: same date, pair and type with another value is an error at the later row; the same value (per unit) is info", () => {
    const rows = table(`
      2026-03-01 EUR USD 1.0825
      2026-03-01 JPY USD 0.6712 100
      2026-03-01 EUR USD 1.0830
      2026-03-01 JPY USD 0.006712 1
      2026-03-01 EUR USD 1.0830 1 average`);
    const issues = checkRateRows(rows, {}, RATES_WHERE);
    expect(brief(issues)).toEqual([
      ["error", "DUPLICATE_RATE", "tblRates", 3, "Rate"],
      ["info", "REPEATED_RATE", "tblRates", 4, "Rate"],
    ]);
    expect(issues[0]!.message).toBe(
      "The rate EUR→USD spot 2026-03-01 is 1.083/1 here but 1.0825/1 at row 1; keep one.",
    );
  });

  test("outliers: a move beyond 5% from the pair's previous rate (per unit, in date order), at the later row", () => {
    const rows = table(`
      2026-03-23 EUR USD 1.15
      2026-03-20 EUR USD 1.09
      2026-03-01 EUR USD 1.0825
      2026-03-02 JPY USD 0.6712 100
      2026-03-03 JPY USD 0.006750 1
      2026-03-24 EUR USD 1.12`);
    const issues = checkRateRows(rows, {}, RATES_WHERE);
    // 1.09 → 1.15 is +5.5%; 1.15 → 1.12 is -2.6%; 0.6712/100 → 0.00675/1 is +0.6%
    expect(brief(issues)).toEqual([["warning", "RATE_OUTLIER", "tblRates", 1, "Rate"]]);
    expect(issues[0]!.message).toBe(
      "EUR→USD spot moved 5.5% from 1.09 on 2026-03-20 to 1.15 on 2026-03-23 (per unit), more than 5.0%; check it.",
    );
    expect(checkRateRows(rows, { outlierThreshold: 0.06 }, RATES_WHERE)).toEqual([]);
  });

  test("outliers compare rates of the same type only", () => {
    const rows = table(`
      2026-03-01 EUR USD 1.08
      2026-03-02 EUR USD 1.20 1 budget
      2026-03-03 EUR USD 1.081`);
    expect(checkRateRows(rows, {}, RATES_WHERE)).toEqual([]);
  });
});

describe("coverage: missing and stale rates", () => {
  test("a draft line dated before the first rate of its currency: MISSING_RATE naming the journal rows", () => {
    const lines = journal(`
      D-1 2026-02-27 1100 GBP Dr 100.00
      D-1 2026-02-27 4000 GBP Cr 100.00
      D-2 2026-02-27 1100 GBP Dr 50.00 rate=1.25
      D-2 2026-02-27 4000 USD Cr 62.50`);
    const issues = checkRateCoverage({ setup, rates: table(FIXTURE), journal: lines });
    expect(brief(issues)).toEqual([["error", "MISSING_RATE", "tblRates", undefined, undefined]]);
    // the line with its own rate needs none
    expect(issues[0]!.message).toBe(
      "No spot rate GBP→USD on or before 2026-02-27 (needed by tblJournal row 1, tblJournal row 2).",
    );
  });

  test("posted lines and lines in the accounting currency need no rate", () => {
    const lines = journal(`
      D-1 2026-02-27 1000 USD Dr 10.00
      D-1 2026-02-27 4000 USD Cr 10.00`).concat(
      journal("P-1 2026-02-01 1100 GBP Dr 5.00").map((l) => ({ ...l, status: "Posted" as const })),
    );
    expect(checkRateCoverage({ setup, rates: table(FIXTURE), journal: lines })).toEqual([]);
  });

  test("a revaluation account's currency on the run date: stale when the latest rate is more than 5 days older", () => {
    // account 1010 (EUR) revalues; EUR→USD is dated 2026-03-20: 11 days before 2026-03-31
    const issues = checkRateCoverage({ setup, rates: table(FIXTURE), asOf: "2026-03-31" });
    expect(brief(issues)).toEqual([["warning", "STALE_RATE", "tblRates", 2, "Date"]]);
    expect(issues[0]!.message).toBe(
      "The spot rate EUR→USD used on 2026-03-31 is dated 2026-03-20, 11 days earlier (more than 5; needed by account 1010).",
    );
    expect(checkRateCoverage({ setup, rates: table(FIXTURE), asOf: "2026-03-25" })).toEqual([]); // 5 days: not stale
    expect(brief(checkRateCoverage({ setup, rates: table(FIXTURE), asOf: "2026-03-26" }))).toEqual([
      ["warning", "STALE_RATE", "tblRates", 2, "Date"],
    ]);
    expect(checkRateCoverage({ setup, rates: table(FIXTURE), asOf: "2026-03-31", staleDays: 14 })).toEqual([]);
  });

  test("a revaluation account before any rate: MISSING_RATE; its revaluation rate type is the one looked for", () => {
    expect(checkRateCoverage({ setup, rates: table(FIXTURE), asOf: "2026-02-28" }).map((i) => i.message)).toEqual([
      "No spot rate EUR→USD on or before 2026-02-28 (needed by account 1010).",
    ]);
    const averaged = makeSetup({
      accounts: ACCOUNTS.map((a) => (a.number === "1010" ? { ...a, revalueRateType: "average" as const } : a)),
    });
    expect(
      checkRateCoverage({ setup: averaged, rates: table(FIXTURE), asOf: "2026-03-21" }).map((i) => i.message),
    ).toEqual(["No average rate EUR→USD on or before 2026-03-21 (needed by account 1010)."]);
  });

  test("a revaluation account open to any currency: the currencies posted on it", () => {
    const s = makeSetup({
      accounts: [
        ...ACCOUNTS.filter((a) => a.number !== "1010"),
        acct("1200", "Receivables FX", "asset", { revalue: true }),
      ],
    });
    const ledger = [
      { account: "1200", currency: "GBP" },
      { account: "1200", currency: "USD" },
      { account: "1200", currency: "JPY" },
      { account: "1100", currency: "EUR" },
    ];
    const issues = checkRateCoverage({ setup: s, rates: table(FIXTURE), ledger, asOf: "2026-03-04" });
    expect(issues).toEqual([]);
    const later = checkRateCoverage({ setup: s, rates: table(FIXTURE), ledger, asOf: "2026-03-09" });
    expect(brief(later)).toEqual([
      ["warning", "STALE_RATE", "tblRates", 4, "Date"],
      ["warning", "STALE_RATE", "tblRates", 3, "Date"],
    ]);
    expect(later.map((i) => i.message.slice(0, 36))).toEqual([
      "The spot rate GBP→USD used on 2026-0",
      "The spot rate JPY→USD used on 2026-0",
    ]);
  });

  test("lookups go through the rate table as posting does: inverse and triangulated rates count", () => {
    // reporting currency EUR: a GBP line needs GBP→EUR = GBP→USD × (1 / EUR→USD), through USD
    const s = makeSetup({ settings: { reportingCurrency: "EUR" } });
    const lines = journal(`
      D-1 2026-03-21 1100 GBP Dr 100.00
      D-1 2026-03-21 4000 GBP Cr 100.00`);
    const rates = table(`
      2026-03-20 USD GBP 0.79
      2026-03-20 EUR USD 1.09`);
    expect(checkRateCoverage({ setup: s, rates, journal: lines })).toEqual([]);
    // without the EUR rate the reporting conversion has nothing to cross with
    expect(checkRateCoverage({ setup: s, rates: rates.slice(0, 1), journal: lines }).map((i) => i.message)).toEqual([
      "No spot rate GBP→EUR on or before 2026-03-21 (needed by tblJournal row 1, tblJournal row 2).",
    ]);
  });

  test("rows with a non-positive rate are not used for lookups: the need is then missing", () => {
    const rows = table(`
      2026-03-01 EUR USD 0
      2026-03-01 GBP USD 1.27`);
    const issues = checkRates({ setup, rates: rows, asOf: "2026-03-02" });
    expect(brief(issues)).toEqual([
      ["error", "NON_POSITIVE_RATE", "tblRates", 1, "Rate"],
      ["error", "MISSING_RATE", "tblRates", undefined, undefined],
    ]);
  });

  test("many lines needing one pair: one issue, the earliest date, the first rows listed", () => {
    const lines = journal(
      Array.from({ length: 6 }, (_, i) => `D-${i} 2026-02-${String(20 + i).padStart(2, "0")} 1100 GBP Dr 1.00`).join(
        "\n",
      ),
    );
    const issues = checkRateCoverage({ setup, rates: table(FIXTURE), journal: lines });
    expect(issues.map((i) => i.message)).toEqual([
      "No spot rate GBP→USD on or before 2026-02-20 (needed by tblJournal row 1, tblJournal row 2, tblJournal row 3 and 3 more).",
    ]);
  });
});

describe("checkRates: everything before a run", () => {
  test("row problems first, then coverage", () => {
    const rows = table(`
      2026-03-01 EUR USD 1.0825
      2026-03-20 EUR USD 1.09
      2026-03-20 EUR USD 1.10
      2026-03-01 JPY USD 0.6712 100
      2026-03-01 GBP USD 1.27
      2026-03-27 GBP USD 1.35`);
    const lines = journal("D-1 2026-03-10 1030 JPY Dr 1000");
    expect(brief(checkRates({ setup, rates: rows, journal: lines, asOf: "2026-03-31" }))).toEqual([
      ["error", "DUPLICATE_RATE", "tblRates", 3, "Rate"],
      ["warning", "RATE_OUTLIER", "tblRates", 6, "Rate"],
      ["warning", "STALE_RATE", "tblRates", 4, "Date"],
      ["warning", "STALE_RATE", "tblRates", 2, "Date"],
    ]);
  });
});
