/**
 * Foreign currency revaluation (close-reference b2, delta method). Numbers are
 * worked by hand in the comments; the ledger is USD, EUR 2 places, JPY 0, GBP 2.
 * Unrealized gain 7100, unrealized loss 7200.
 */
import fc from "fast-check";
import { fxRevaluation, type FxRevaluationInput } from "../../../src/core/close/fxRevaluation";
import type { Proposal } from "../../../src/core/close/proposal";
import type { Setup } from "../../../src/core/ledger/book";
import type { Account, ExchangeRate, LedgerEntry, Settings } from "../../../src/core/ledger/types";
import { Amount, ROUNDING_MODES, type RoundingMode } from "../../../src/core/money";
import { RateTable } from "../../../src/core/rates/rateTable";
import { A, acct, makeSetup, rate } from "../../support/fixtures";

const ACCOUNTS: Account[] = [
  acct("1000", "Cash USD", "asset", { currency: "USD" }),
  acct("1010", "Bank EUR", "asset", { currency: "EUR", revalue: true }),
  acct("1030", "Bank JPY", "asset", { currency: "JPY", revalue: true }),
  acct("1040", "Bank CHF", "asset", { currency: "CHF", revalue: true }),
  acct("1100", "Receivables", "asset", { revalue: true }),
  acct("1150", "Receivables (average rate)", "asset", { revalue: true, revalueRateType: "average" }),
  acct("1500", "Prepayments EUR (not revalued)", "asset"),
  acct("2010", "Payables GBP", "liability", { currency: "GBP", revalue: true }),
  acct("3000", "Share capital", "equity"),
  acct("4010", "Revenue EUR", "revenue", { revalue: true }),
  acct("7100", "Unrealized gain", "revenue"),
  acct("7150", "Unrealized gain EUR", "revenue"),
  acct("7200", "Unrealized loss", "expense"),
  acct("7900", "Old gain", "revenue", { active: false }),
];

const RATES: ExchangeRate[] = [
  rate("2026-03-01", "EUR", "USD", "1.0825"),
  rate("2026-03-31", "EUR", "USD", "1.10"),
  rate("2026-04-30", "EUR", "USD", "1.05"),
  rate("2026-03-01", "JPY", "USD", "0.6712", 100),
  rate("2026-03-31", "JPY", "USD", "0.6650", 100),
  rate("2026-03-01", "GBP", "USD", "1.27"),
  rate("2026-03-31", "GBP", "USD", "1.30"),
  rate("2026-03-31", "EUR", "USD", "1.20", 1, "average"),
];

function setupWith(o: { settings?: Partial<Settings>; rates?: ExchangeRate[]; accounts?: Account[] } = {}): Setup {
  const base = makeSetup({
    accounts: o.accounts ?? ACCOUNTS,
    rates: o.rates ?? RATES,
    settings: { unrealizedGainAccount: "7100", unrealizedLossAccount: "7200", ...o.settings },
  });
  return {
    ...base,
    currencies: new Map([...base.currencies, ["CHF", { code: "CHF", name: "Swiss franc", precision: 2 }]]),
  };
}

let entryNo = 1;
/** A ledger line: signed amounts (debit positive). */
function e(
  date: string,
  account: string,
  currency: string,
  amount: string,
  accounting: string,
  o: { dept?: string; settlementId?: string; rep?: string } = {},
): LedgerEntry {
  return {
    entryNo: entryNo++,
    voucher: `GL-${entryNo}`,
    date,
    period: date.slice(0, 7),
    account,
    dimensions: { Department: o.dept ?? "" },
    currency,
    amount: A(amount),
    amountAccounting: A(accounting),
    ...(o.rep !== undefined ? { amountReporting: A(o.rep) } : {}),
    description: "",
    source: "journal:GJ",
    runId: "R",
    settlementId: o.settlementId ?? "",
    user: "alice",
    postedAt: "t",
  };
}

function run(setup: Setup, ledger: LedgerEntry[], extra: Partial<FxRevaluationInput> = {}): Proposal {
  return fxRevaluation({ setup, ledger, date: "2026-03-31", fiscalYearStart: "2026-01-01", ...extra });
}

/** [account, department, currency, amount, accounting(, reporting)] per proposed line */
function view(p: Proposal): string[][] {
  return p.vouchers.flatMap((v) =>
    v.lines.map((l) => [
      l.account,
      l.dimensions.Department ?? "",
      l.currency,
      l.amount.toString(),
      l.amountAccounting.toString(),
      ...(l.amountReporting ? [l.amountReporting.toString()] : []),
    ]),
  );
}

/** Append the proposal's lines to the ledger, as the app would post them. */
function post(ledger: readonly LedgerEntry[], p: Proposal): LedgerEntry[] {
  let no = ledger.length + 1;
  const posted = p.vouchers.flatMap((v, i) =>
    v.lines.map((l): LedgerEntry => ({
      entryNo: no++,
      voucher: `FX-${ledger.length}-${i}`,
      date: v.date,
      period: v.date.slice(0, 7),
      account: l.account,
      dimensions: l.dimensions,
      currency: l.currency,
      amount: l.amount,
      amountAccounting: l.amountAccounting,
      ...(l.amountReporting ? { amountReporting: l.amountReporting } : {}),
      description: l.description,
      source: "close:FXREV",
      runId: "RUN-FX",
      settlementId: "",
      user: "alice",
      postedAt: "t",
    })),
  );
  return [...ledger, ...posted];
}

const codes = (p: Proposal) => p.issues.map((i) => i.code);

// the EUR bank: 1,000.00 EUR booked at 1.0825 = 1,082.50 USD
const EUR_BANK = () => [
  e("2026-03-01", "1010", "EUR", "1000.00", "1082.50"),
  e("2026-03-01", "3000", "USD", "-1082.50", "-1082.50"),
];

describe("fxRevaluation: the delta method", () => {
  test("EUR bank 1,000.00 booked at 1.0825, revalued at 1.10 → unrealized gain 17.50", () => {
    // round(1,000.00 × 1.10) = 1,100.00; 1,100.00 − 1,082.50 = +17.50 → Dr 1010, Cr gain 7100
    const p = run(setupWith(), EUR_BANK());
    expect(p.issues).toEqual([]);
    expect(p.step).toBe("fx-revaluation");
    expect(p.vouchers).toHaveLength(1);
    expect(p.vouchers[0]!.date).toBe("2026-03-31");
    expect(view(p)).toEqual([
      ["1010", "", "EUR", "0.00", "17.50"],
      ["7100", "", "USD", "-17.50", "-17.50"],
    ]);
    expect(p.trace).toEqual([
      {
        key: "1010 · EUR",
        inputs: { balance: "1000.00 EUR", accounting: "1082.50 USD", rounding: "halfAwayFromZero, 2 places" },
        rate: {
          value: "1.1",
          date: "2026-03-31",
          type: "spot",
          quotationUnit: 1,
          how: "EUR→USD spot 2026-03-31 1.1/1",
        },
        formula: "round(1000.00 × 1.1) − 1082.50 = 1100.00 − 1082.50",
        result: "17.50 USD",
        residue: "0",
      },
    ]);
    expect(p.parameters).toEqual({
      date: "2026-03-31",
      rateDate: "2026-03-31",
      rateType: "account",
      fiscalYearStart: "2026-01-01",
      includeProfitAndLoss: false,
      plFrom: "",
    });
  });

  test("then at 1.05 after posting that: the current balance includes the revaluation → loss 50.00", () => {
    // after the first run the account holds 1,082.50 + 17.50 = 1,100.00 USD
    // round(1,000.00 × 1.05) = 1,050.00; 1,050.00 − 1,100.00 = −50.00 → Cr 1010, Dr loss 7200
    // (not 1,050.00 − 1,082.50 = −32.50: earlier revaluations are not reversed)
    const setup = setupWith();
    const ledger = post(EUR_BANK(), run(setup, EUR_BANK()));
    const p = run(setup, ledger, { date: "2026-04-30" });
    expect(p.issues).toEqual([]);
    expect(view(p)).toEqual([
      ["1010", "", "EUR", "0.00", "-50.00"],
      ["7200", "", "USD", "50.00", "50.00"],
    ]);
    expect(p.trace[0]!.formula).toBe("round(1000.00 × 1.05) − 1100.00 = 1050.00 − 1100.00");
  });

  test("re-running at the same rate after posting proposes nothing (idempotent)", () => {
    const setup = setupWith();
    const ledger = post(EUR_BANK(), run(setup, EUR_BANK()));
    const again = run(setup, ledger);
    // round(1,000.00 × 1.10) − (1,082.50 + 17.50) = 0
    expect(again.vouchers).toEqual([]);
    expect(again.issues).toEqual([]);
    expect(again.trace.map((t) => t.result)).toEqual(["0.00 USD"]);
  });

  test("JPY quoted per 100: the rate is divided by the quotation unit; the trace shows the residue", () => {
    // booked: 123,457 JPY × 0.6712 / 100 = 828.643384 → 828.64 USD
    // revalued: 123,457 × 0.6650 / 100 = 820.98905 → 820.99; delta 820.99 − 828.64 = −7.65 (loss)
    // residue: 820.98905 − 820.99 = −0.00095
    const p = run(setupWith(), [e("2026-03-02", "1030", "JPY", "123457", "828.64")]);
    expect(view(p)).toEqual([
      ["1030", "", "JPY", "0", "-7.65"],
      ["7200", "", "USD", "7.65", "7.65"],
    ]);
    const t = p.trace[0]!;
    expect(t.rate).toMatchObject({ value: "0.665", quotationUnit: 100, date: "2026-03-31", type: "spot" });
    expect(t.formula).toBe("round(123457 × 0.665 / 100) − 828.64 = 820.99 − 828.64");
    expect(t.result).toBe("-7.65 USD");
    expect(t.residue).toBe("-0.00095");
  });

  test("a GBP payable (credit balance): a rising rate is a loss", () => {
    // −2,000.00 GBP booked at 1.27 = −2,540.00; at 1.30 → −2,600.00; delta −2,600.00 − (−2,540.00) = −60.00
    // Cr payable 60.00 (owes more dollars), Dr loss 60.00
    const p = run(setupWith(), [e("2026-03-05", "2010", "GBP", "-2000.00", "-2540.00")]);
    expect(view(p)).toEqual([
      ["2010", "", "GBP", "0.00", "-60.00"],
      ["7200", "", "USD", "60.00", "60.00"],
    ]);
  });

  test("each dimension set is revalued on its own and the gain carries its dimensions", () => {
    // SALES 600.00 EUR at 1.0825 = 649.50 → 660.00, +10.50; ADMIN 400.00 EUR = 433.00 → 440.00, +7.00
    const p = run(setupWith(), [
      e("2026-03-01", "1010", "EUR", "600.00", "649.50", { dept: "SALES" }),
      e("2026-03-01", "1010", "EUR", "400.00", "433.00", { dept: "ADMIN" }),
      e("2026-03-02", "1010", "EUR", "0.00", "0.00"), // the blank set: nothing to do
    ]);
    expect(view(p)).toEqual([
      ["1010", "ADMIN", "EUR", "0.00", "7.00"],
      ["7100", "ADMIN", "USD", "-7.00", "-7.00"],
      ["1010", "SALES", "EUR", "0.00", "10.50"],
      ["7100", "SALES", "USD", "-10.50", "-10.50"],
    ]);
    expect(p.trace.map((t) => t.key)).toEqual([
      "1010 · EUR",
      "1010 · Department=ADMIN · EUR",
      "1010 · Department=SALES · EUR",
    ]);
  });

  test("settled entries are not revalued", () => {
    // settled pair (S1, in the settlements register): +500.00 EUR / 541.25 and −500.00 EUR / −545.00, with
    // the realized line the settlement posted (1010 +3.75, carrying the settlement id) → all three left out
    // open: 200.00 EUR at 1.0825 = 216.50 → round(200.00 × 1.10) = 220.00; delta +3.50
    // (counting the settled pair but not its realized line, it would be 220.00 − 212.75 = 7.25)
    const ledger = [
      e("2026-03-01", "1010", "EUR", "500.00", "541.25"),
      e("2026-03-20", "1010", "EUR", "-500.00", "-545.00"),
      e("2026-03-20", "1010", "EUR", "0.00", "3.75", { settlementId: "S1" }),
      e("2026-03-01", "1010", "EUR", "200.00", "216.50"),
    ];
    const settlements = [
      {
        settlementId: "S1",
        date: "2026-03-20",
        account: "1010",
        basis: "transaction" as const,
        currency: "EUR",
        how: "manual" as const,
        status: "settled" as const,
        entries: [
          { entryNo: ledger[0]!.entryNo, settledAmount: A("500.00"), settledAccounting: A("541.25") },
          { entryNo: ledger[1]!.entryNo, settledAmount: A("-500.00"), settledAccounting: A("-545.00") },
        ],
      },
    ];
    const p = run(setupWith(), ledger, { settlements });
    expect(view(p)).toEqual([
      ["1010", "", "EUR", "0.00", "3.50"],
      ["7100", "", "USD", "-3.50", "-3.50"],
    ]);
  });

  test("a zero foreign balance with a 0.03 accounting residue is cleared, without needing a rate", () => {
    // +100.00 EUR / 108.25 and −100.00 EUR / −108.22 → 0.00 EUR, 0.03 USD; new value 0 → delta −0.03 (loss)
    const ledger = [
      e("2026-03-01", "1010", "EUR", "100.00", "108.25"),
      e("2026-03-15", "1010", "EUR", "-100.00", "-108.22"),
    ];
    const p = run(setupWith({ rates: [] }), ledger);
    expect(p.issues).toEqual([]);
    expect(view(p)).toEqual([
      ["1010", "", "EUR", "0.00", "-0.03"],
      ["7200", "", "USD", "0.03", "0.03"],
    ]);
    expect(p.trace[0]).toMatchObject({
      formula: "0 − 0.03 (no EUR balance left: the residue is cleared) = 0.00 − 0.03",
      result: "-0.03 USD",
    });
    expect(p.trace[0]!.rate).toBeUndefined();
  });

  test("a missing rate stops that currency with an issue; the other currencies are still revalued", () => {
    const p = run(setupWith(), [e("2026-03-01", "1040", "CHF", "100.00", "112.00"), ...EUR_BANK()]);
    expect(codes(p)).toEqual(["NO_RATE"]);
    expect(p.issues[0]!.message).toContain("CHF→USD");
    expect(p.issues[0]!.message).toContain("2026-03-31");
    expect(p.issues[0]!.message).toContain("spot");
    expect(p.issues[0]!.at).toEqual({ table: "tblRates" });
    expect(view(p)).toEqual([
      ["1010", "", "EUR", "0.00", "17.50"],
      ["7100", "", "USD", "-17.50", "-17.50"],
    ]);
    expect(p.trace.find((t) => t.key === "1040 · CHF")).toMatchObject({ result: "not revalued" });
  });

  test("lines in the accounting currency are skipped; unflagged accounts are not revalued", () => {
    // 1100 has a USD line (skipped) and a EUR line 100.00 at 1.0825 = 108.25 → 110.00, +1.75
    // 1500 is not flagged for revaluation
    const p = run(setupWith(), [
      e("2026-03-01", "1100", "USD", "500.00", "500.00"),
      e("2026-03-01", "1100", "EUR", "100.00", "108.25"),
      e("2026-03-01", "1500", "EUR", "100.00", "108.25"),
    ]);
    expect(view(p)).toEqual([
      ["1100", "", "EUR", "0.00", "1.75"],
      ["7100", "", "USD", "-1.75", "-1.75"],
    ]);
    expect(p.trace.map((t) => t.key)).toEqual(["1100 · EUR"]);
  });

  test("[derived] a balance-sheet balance is cumulative: prior fiscal years count, later dates do not", () => {
    // 2025-11-15 +500.00 EUR / 540.00 (last fiscal year) + 2026-03-10 +500.00 EUR / 541.25 → 1,000.00 EUR, 1,081.25 USD
    // 2026-04-05 +300.00 EUR is after the date → left out
    // round(1,000.00 × 1.10) − 1,081.25 = 1,100.00 − 1,081.25 = 18.75
    const p = run(setupWith(), [
      e("2025-11-15", "1010", "EUR", "500.00", "540.00"),
      e("2026-03-10", "1010", "EUR", "500.00", "541.25"),
      e("2026-04-05", "1010", "EUR", "300.00", "330.00"),
    ]);
    expect(view(p)).toEqual([
      ["1010", "", "EUR", "0.00", "18.75"],
      ["7100", "", "USD", "-18.75", "-18.75"],
    ]);
  });

  test("profit-and-loss accounts only when asked, over plFrom..date (default: the fiscal-year start)", () => {
    const ledger = [
      e("2025-12-10", "4010", "EUR", "-200.00", "-216.00"), // last year: never in the P&L range
      e("2026-02-10", "4010", "EUR", "-300.00", "-324.75"),
      e("2026-03-10", "4010", "EUR", "-1000.00", "-1082.50"),
    ];
    expect(run(setupWith(), ledger).vouchers).toEqual([]);
    // from 2026-01-01: −1,300.00 EUR, −1,407.25 USD → round(−1,300.00 × 1.10) = −1,430.00; delta −22.75 → loss
    const all = run(setupWith(), ledger, { includeProfitAndLoss: true });
    expect(view(all)).toEqual([
      ["4010", "", "EUR", "0.00", "-22.75"],
      ["7200", "", "USD", "22.75", "22.75"],
    ]);
    expect(all.parameters).toMatchObject({ includeProfitAndLoss: true, plFrom: "2026-01-01" });
    // from 2026-03-01: −1,000.00 EUR, −1,082.50 USD → −1,100.00; delta −17.50
    const march = run(setupWith(), ledger, { includeProfitAndLoss: true, plFrom: "2026-03-01" });
    expect(view(march)).toEqual([
      ["4010", "", "EUR", "0.00", "-17.50"],
      ["7200", "", "USD", "17.50", "17.50"],
    ]);
    expect(march.parameters).toMatchObject({ plFrom: "2026-03-01" });
  });

  test("a separate rate date: balances at 2026-03-31, the 2026-04-30 rate", () => {
    // round(1,000.00 × 1.05) − 1,082.50 = 1,050.00 − 1,082.50 = −32.50
    const p = run(setupWith(), EUR_BANK(), { rateDate: "2026-04-30" });
    expect(p.vouchers[0]!.date).toBe("2026-03-31");
    expect(view(p)).toEqual([
      ["1010", "", "EUR", "0.00", "-32.50"],
      ["7200", "", "USD", "32.50", "32.50"],
    ]);
    expect(p.parameters).toMatchObject({ date: "2026-03-31", rateDate: "2026-04-30" });
    expect(p.trace[0]!.rate).toMatchObject({ value: "1.05", date: "2026-04-30" });
  });

  test("the account's rate type, unless the run names one", () => {
    // 1150 revalues at average rates: round(100.00 × 1.20) − 108.25 = 11.75
    const ledger = [e("2026-03-01", "1150", "EUR", "100.00", "108.25")];
    expect(view(run(setupWith(), ledger))[0]).toEqual(["1150", "", "EUR", "0.00", "11.75"]);
    // the run's spot: round(100.00 × 1.10) − 108.25 = 1.75
    const spot = run(setupWith(), ledger, { rateType: "spot" });
    expect(view(spot)[0]).toEqual(["1150", "", "EUR", "0.00", "1.75"]);
    expect(spot.parameters.rateType).toBe("spot");
    // the settings' default applies to accounts without one: no average rate for GBP
    const avg = run(setupWith({ settings: { defaultRateType: "average" } }), [
      e("2026-03-05", "2010", "GBP", "-2000.00", "-2540.00"),
    ]);
    expect(codes(avg)).toEqual(["NO_RATE"]);
    expect(avg.issues[0]!.message).toContain("average");
  });

  test("gain/loss accounts: per-currency overrides, and issues when one is missing or inactive", () => {
    const ledger = [...EUR_BANK(), e("2026-03-05", "2010", "GBP", "-2000.00", "-2540.00")];
    const p = run(setupWith(), ledger, { gainLossAccounts: { EUR: { gain: "7150" } } });
    // EUR gain 17.50 to 7150; GBP loss 60.00 still to the settings' 7200
    expect(view(p)).toEqual([
      ["1010", "", "EUR", "0.00", "17.50"],
      ["7150", "", "USD", "-17.50", "-17.50"],
      ["2010", "", "GBP", "0.00", "-60.00"],
      ["7200", "", "USD", "60.00", "60.00"],
    ]);
    expect(p.parameters.gainLossAccounts).toBe("EUR:7150/");

    const none = run(setupWith({ settings: { unrealizedGainAccount: undefined } }), ledger);
    expect(codes(none)).toEqual(["FX_GAIN_LOSS_ACCOUNT"]);
    expect(none.issues[0]!.message).toContain("unrealized gain account for EUR");
    // the loss still goes through, and the voucher balances
    expect(view(none)).toEqual([
      ["2010", "", "GBP", "0.00", "-60.00"],
      ["7200", "", "USD", "60.00", "60.00"],
    ]);

    const inactive = run(setupWith(), ledger, { gainLossAccounts: { EUR: { gain: "7900" } } });
    expect(codes(inactive)).toEqual(["FX_GAIN_LOSS_ACCOUNT"]);
    expect(inactive.issues[0]!.message).toContain("7900");
  });

  test("dates: the fiscal-year start must not be after the date", () => {
    const p = run(setupWith(), EUR_BANK(), { fiscalYearStart: "2026-07-01" });
    expect(codes(p)).toEqual(["FX_DATES"]);
    expect(p.vouchers).toEqual([]);
  });
});

describe("fxRevaluation: reporting currency (GBP)", () => {
  const repRates = (eurGbp: string, eurUsd = "1.10") => [
    rate("2026-03-01", "EUR", "USD", "1.0825"),
    rate("2026-03-31", "EUR", "USD", eurUsd),
    rate("2026-03-01", "GBP", "USD", "1.27"),
    rate("2026-03-31", "GBP", "USD", "1.30"),
    rate("2026-03-01", "EUR", "GBP", "0.852"),
    rate("2026-03-31", "EUR", "GBP", eurGbp),
  ];
  const setupRep = (eurGbp: string, eurUsd?: string) =>
    setupWith({ settings: { reportingCurrency: "GBP" }, rates: repRates(eurGbp, eurUsd) });
  // 1,000.00 EUR: 1,082.50 USD, 852.00 GBP (at 0.852)
  const ledger = () => [
    e("2026-03-01", "1010", "EUR", "1000.00", "1082.50", { rep: "852.00" }),
    e("2026-03-05", "2010", "GBP", "-2000.00", "-2540.00", { rep: "-2000.00" }),
  ];

  test("both deltas on both lines", () => {
    // accounting: 1,100.00 − 1,082.50 = +17.50; reporting: round(1,000.00 × 0.86) − 852.00 = 860.00 − 852.00 = +8.00
    // GBP payable: accounting −60.00 (as above); reporting −2,000.00 × 1 − (−2,000.00) = 0.00
    const p = run(setupRep("0.86"), ledger());
    expect(p.issues).toEqual([]);
    expect(view(p)).toEqual([
      ["1010", "", "EUR", "0.00", "17.50", "8.00"],
      ["7100", "", "USD", "-17.50", "-17.50", "-8.00"],
      ["2010", "", "GBP", "0.00", "-60.00", "0.00"],
      ["7200", "", "USD", "60.00", "60.00", "0.00"],
    ]);
    const rep = p.trace.find((t) => t.key === "1010 · EUR · reporting GBP")!;
    expect(rep).toMatchObject({ formula: "round(1000.00 × 0.86) − 852.00 = 860.00 − 852.00", result: "8.00 GBP" });
    expect(rep.inputs).toMatchObject({ balance: "1000.00 EUR", accounting: "1082.50 USD", reporting: "852.00 GBP" });
  });

  test("accounting 0 and reporting ≠ 0: a reporting-only adjustment", () => {
    // EUR→USD unchanged at 1.0825: 1,082.50 − 1,082.50 = 0; reporting +8.00 → gain
    const p = run(setupRep("0.86", "1.0825"), ledger().slice(0, 1));
    expect(view(p)).toEqual([
      ["1010", "", "EUR", "0.00", "0.00", "8.00"],
      ["7100", "", "USD", "0.00", "0.00", "-8.00"],
    ]);
  });

  test("opposite signs: the reporting loss gets its own line", () => {
    // accounting +17.50 (gain); reporting round(1,000.00 × 0.85) − 852.00 = −2.00 (loss)
    const p = run(setupRep("0.85"), ledger().slice(0, 1));
    expect(view(p)).toEqual([
      ["1010", "", "EUR", "0.00", "17.50", "-2.00"],
      ["7100", "", "USD", "-17.50", "-17.50", "0.00"],
      ["7200", "", "USD", "0.00", "0.00", "2.00"],
    ]);
  });

  test("a missing reporting rate stops the currency", () => {
    // no EUR→GBP rate, and none through USD either (no GBP rates at all)
    const rates = [rate("2026-03-01", "EUR", "USD", "1.0825"), rate("2026-03-31", "EUR", "USD", "1.10")];
    const p = run(setupWith({ settings: { reportingCurrency: "GBP" }, rates }), ledger().slice(0, 1));
    expect(codes(p)).toEqual(["NO_RATE"]);
    expect(p.issues[0]!.message).toContain("EUR→GBP");
    expect(p.vouchers).toEqual([]);
  });

  test("entries without reporting amounts: accounting only, with a warning", () => {
    const p = run(setupRep("0.86"), EUR_BANK());
    expect(codes(p)).toEqual(["FX_NO_REPORTING_AMOUNT"]);
    expect(p.issues[0]!.severity).toBe("warning");
    expect(view(p)).toEqual([
      ["1010", "", "EUR", "0.00", "17.50", "0.00"],
      ["7100", "", "USD", "-17.50", "-17.50", "0.00"],
    ]);
  });
});

// ---- properties ---------------------------------------------------------------

const CCY = [
  { code: "EUR", places: 2, unit: 1, accounts: ["1010", "1100"] },
  { code: "JPY", places: 0, unit: 100, accounts: ["1030", "1100"] },
  { code: "GBP", places: 2, unit: 1, accounts: ["2010", "1100"] },
] as const;
const DEPTS = ["", "SALES", "ADMIN"];

const rateText = fc.integer({ min: 1, max: 99_999_999 }).map((n) => (n / 1_000_000).toFixed(6));
const ratesArb = fc.record({ EUR: rateText, JPY: rateText, GBP: rateText });
type Rates = { EUR: string; JPY: string; GBP: string };

const lineArb = fc.record({
  ccy: fc.integer({ min: 0, max: 2 }),
  acct: fc.integer({ min: 0, max: 1 }),
  dept: fc.constantFrom(...DEPTS),
  units: fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
  day: fc.integer({ min: 1, max: 28 }),
  settled: fc.boolean(),
  usd: fc.boolean(),
});

type GenLine = { ccy: number; acct: number; dept: string; units: number; day: number; settled: boolean; usd: boolean };

const caseArb = fc.record({
  booking: ratesArb,
  revalue: ratesArb,
  reporting: fc.boolean(),
  mode: fc.constantFrom(...ROUNDING_MODES),
  lines: fc.array(lineArb, { minLength: 1, maxLength: 15 }),
});

const rateList = (date: string, r: Rates) => CCY.map((c) => rate(date, c.code, "USD", r[c.code], c.unit));

function propSetup(c: { booking: Rates; revalue: Rates; reporting: boolean; mode: RoundingMode }): Setup {
  // reporting EUR: JPY and GBP reach it through USD (triangulation)
  return setupWith({
    settings: { roundingMode: c.mode, ...(c.reporting ? { reportingCurrency: "EUR" } : {}) },
    rates: [
      ...rateList("2026-03-01", c.booking),
      ...rateList("2026-03-31", c.revalue),
      ...rateList("2026-04-30", c.booking),
    ],
  });
}

/** Ledger entries booked at the 2026-03-01 rates (amounts in accounting and reporting rounded per line). */
function propLedger(setup: Setup, lines: readonly GenLine[]): LedgerEntry[] {
  const table = new RateTable(setup.rates, "USD");
  const rep = setup.settings.reportingCurrency;
  const mode = setup.settings.roundingMode;
  return lines.map((l, i) => {
    const c = CCY[l.ccy]!;
    const currency = l.usd ? "USD" : c.code;
    const amount = Amount.fromUnits(BigInt(l.units), l.usd ? 2 : c.places);
    const toAcc = table.find(currency, "USD", "2026-03-01")!.factor;
    const toRep = rep ? table.find(currency, rep, "2026-03-01")!.factor : undefined;
    return {
      entryNo: i + 1,
      voucher: `GL-${i}`,
      date: `2026-03-${String(l.day).padStart(2, "0")}`,
      period: "2026-03",
      account: c.accounts[l.acct]!,
      dimensions: { Department: l.dept },
      currency,
      amount,
      amountAccounting: toAcc.apply(amount, 2, mode),
      ...(toRep ? { amountReporting: toRep.apply(amount, 2, mode) } : {}),
      description: "",
      source: "journal:GJ",
      runId: "R",
      settlementId: l.settled ? "S" : "",
      user: "alice",
      postedAt: "t",
    };
  });
}

/** Open (unsettled, foreign) balances per account · department · currency, summed here independently. */
function openBalances(ledger: readonly LedgerEntry[]) {
  const m = new Map<string, { currency: string; balance: Amount; acc: Amount; rep: Amount }>();
  for (const x of ledger) {
    if (x.currency === "USD" || x.settlementId !== "" || !["1010", "1030", "1100", "2010"].includes(x.account))
      continue;
    const k = `${x.account}|${x.dimensions.Department}|${x.currency}`;
    const g = m.get(k) ?? { currency: x.currency, balance: Amount.ZERO, acc: Amount.ZERO, rep: Amount.ZERO };
    m.set(k, {
      currency: x.currency,
      balance: g.balance.plus(x.amount),
      acc: g.acc.plus(x.amountAccounting),
      rep: g.rep.plus(x.amountReporting ?? Amount.ZERO),
    });
  }
  return m;
}

describe("fxRevaluation: properties", () => {
  test("every proposed voucher balances in accounting and reporting currency", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const setup = propSetup(c);
        const p = run(setup, propLedger(setup, c.lines));
        expect(p.issues).toEqual([]);
        for (const v of p.vouchers) {
          expect(Amount.sum(v.lines.map((l) => l.amountAccounting)).isZero()).toBe(true);
          expect(Amount.sum(v.lines.map((l) => l.amountReporting ?? Amount.ZERO)).isZero()).toBe(true);
          expect(v.lines.every((l) => l.amountReporting !== undefined)).toBe(c.reporting);
          // revalued lines carry no transaction amount; gain/loss lines are in USD with amount = accounting
          for (const l of v.lines) {
            if (l.currency === "USD") expect(l.amount.eq(l.amountAccounting)).toBe(true);
            else expect(l.amount.isZero()).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  test("posting the proposal and re-running at the same rates proposes nothing", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const setup = propSetup(c);
        const ledger = propLedger(setup, c.lines);
        const again = run(setup, post(ledger, run(setup, ledger)));
        expect(again.vouchers).toEqual([]);
        expect(again.issues).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  test("revaluing, then revaluing at the booking rate, gives each group round(balance × booking rate)", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const setup = propSetup(c);
        const ledger0 = propLedger(setup, c.lines);
        const ledger1 = post(ledger0, run(setup, ledger0)); // at the 2026-03-31 rates
        const ledger2 = post(ledger1, run(setup, ledger1, { date: "2026-04-30" })); // at the booking rates again
        const table = new RateTable(setup.rates, "USD");
        const rep = setup.settings.reportingCurrency;
        for (const [k, g] of openBalances(ledger2)) {
          const expected = table.find(g.currency, "USD", "2026-04-30")!.factor.apply(g.balance, 2, c.mode);
          expect([k, g.acc.toString()]).toEqual([k, expected.toString()]);
          if (rep)
            expect([k, g.rep.toString()]).toEqual([
              k,
              table.find(g.currency, rep, "2026-04-30")!.factor.apply(g.balance, 2, c.mode).toString(),
            ]);
        }
      }),
      { numRuns: 150 },
    );
  });
});
