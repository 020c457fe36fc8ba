/**
 * Year-end close (reference b8, worked example W4). Every expected number is
 * worked by hand in the comment beside it; then fast-check invariants over
 * random balanced years.
 *
 * Setup: USD ledger; FY2026 and FY2027 = calendar years, each with an opening
 * and a closing period; retained earnings 3900; dimension Department.
 */
import fc from "fast-check";
import { buildFiscalYear } from "../../../src/core/calendar/fiscalYear";
import type { Proposal } from "../../../src/core/close/proposal";
import { proposalToEntries } from "../../../src/core/close/proposalToEntries";
import type { SettlementRecord } from "../../../src/core/close/settlementModel";
import { yearEndClose, type YearEndInput, type YearEndOptions } from "../../../src/core/close/yearEndClose";
import { reverseYearEndClose, yearEndRunReversalIssues } from "../../../src/core/close/yearEndReversal";
import { closedYears, inClosedYear } from "../../../src/core/close/yearEndState";
import type { Setup } from "../../../src/core/ledger/book";
import type { FiscalPeriod, LedgerEntry, Settings } from "../../../src/core/ledger/types";
import { Amount } from "../../../src/core/money";
import { WORKBOOK_WHERE } from "../../../src/schema/where";
import { A, acct, makeSetup } from "../../support/fixtures";

const ACCOUNTS = [
  acct("1000", "Cash USD", "asset", { currency: "USD" }),
  acct("1010", "Bank EUR", "asset", { currency: "EUR", revalue: true }),
  acct("1100", "Receivables", "asset", { settle: true }),
  acct("2000", "Payables", "liability"),
  acct("3000", "Share capital", "equity"),
  acct("3900", "Retained earnings", "equity"),
  acct("4000", "Revenue", "revenue"),
  acct("6100", "Rent", "expense"),
  acct("7150", "Unrealized exchange gain", "revenue"),
  acct("7200", "Realized exchange loss", "expense"),
];
const FY26_27 = [...buildFiscalYear(2026, 1), ...buildFiscalYear(2027, 1)];

function setupWith(settings: Partial<Settings> = {}, periods: FiscalPeriod[] = FY26_27): Setup {
  return makeSetup({ accounts: ACCOUNTS, periods, settings });
}
const SETUP = setupWith();

const OPTIONS: YearEndOptions = {
  closingVouchers: false,
  dimensionMode: {},
  keepDetail: false,
  rerun: "reverseAndRecreate",
};

/**
 * One ledger line a row: "no date account accounting [dept=X] [txn=CUR:amount] [rep=x] [period=P] [voucher=V]".
 * Transaction currency and amount default to USD and the accounting amount; the voucher to GL-<no>.
 */
function ledger(text: string): LedgerEntry[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((l) => {
      const [no, date, account, accounting, ...rest] = l.split(/\s+/);
      const opts = Object.fromEntries(rest.map((p) => p.split("=") as [string, string]));
      const [currency, amount] = opts.txn ? opts.txn.split(":") : ["USD", accounting];
      return {
        entryNo: Number(no),
        voucher: opts.voucher ?? `GL-${no}`,
        date: date!,
        period: opts.period ?? date!.slice(0, 7),
        account: account!,
        dimensions: { Department: opts.dept ?? "" },
        currency: currency!,
        amount: A(amount!),
        amountAccounting: A(accounting!),
        ...(opts.rep ? { amountReporting: A(opts.rep) } : {}),
        description: `entry ${no}`,
        source: "journal:GJ",
        runId: "",
        settlementId: opts.set ?? "",
        user: "alice",
        postedAt: "2026-12-31T00:00:00.000Z",
      };
    });
}

function close(
  l: readonly LedgerEntry[],
  options: Partial<YearEndOptions> = {},
  extra: Partial<YearEndInput> = {},
): ReturnType<typeof yearEndClose> {
  return yearEndClose({
    setup: SETUP,
    ledger: l,
    settlements: [],
    fiscalYear: "FY2026",
    options: { ...OPTIONS, ...options },
    ...extra,
  });
}

/** Posts a proposal the way the app layer does: new entry numbers, source "close:year-end", the voucher's period. */
function post(l: readonly LedgerEntry[], p: Proposal, runId = "RUN-YE1"): LedgerEntry[] {
  let no = Math.max(0, ...l.map((e) => e.entryNo));
  const out = [...l];
  p.vouchers.forEach((v, i) => {
    for (const x of v.lines) {
      out.push({
        entryNo: ++no,
        voucher: `${runId}-${i + 1}`,
        date: v.date,
        period: v.period ?? v.date.slice(0, 7),
        account: x.account,
        dimensions: x.dimensions,
        currency: x.currency,
        amount: x.amount,
        amountAccounting: x.amountAccounting,
        ...(x.amountReporting !== undefined ? { amountReporting: x.amountReporting } : {}),
        description: x.description,
        source: "close:year-end",
        runId,
        settlementId: "",
        user: "alice",
        postedAt: "2027-01-05T00:00:00.000Z",
      });
    }
  });
  return out;
}

/** The app layer's reversal of a run: its lines negated, same dates and periods, source "reversal:<run>". */
function reverse(l: readonly LedgerEntry[], runId: string): LedgerEntry[] {
  let no = Math.max(0, ...l.map((e) => e.entryNo));
  const rev = l
    .filter((e) => e.runId === runId)
    .map((e) => ({
      ...e,
      entryNo: ++no,
      voucher: `REV-${e.voucher}`,
      amount: e.amount.neg(),
      amountAccounting: e.amountAccounting.neg(),
      ...(e.amountReporting ? { amountReporting: e.amountReporting.neg() } : {}),
      source: `reversal:${runId}`,
      runId: "RUN-REV",
    }));
  return [...l, ...rev];
}

/** Lines as compact rows: "account dims currency amount accounting". */
const rows = (p: Proposal, voucher = 0) =>
  (p.vouchers[voucher]?.lines ?? []).map((l) => {
    const d = Object.entries(l.dimensions)
      .filter(([, v]) => v)
      .map(([k, v]) => `${k}=${v}`)
      .join(",");
    return `${l.account} ${d || "-"} ${l.currency} ${l.amount.toString()} ${l.amountAccounting.toString()}`;
  });
const codes = (p: Proposal) => p.issues.map((i) => i.code);

/** Balances per "account|dims|currency" of the lines matching `keep`: [amount, accounting, reporting] as text. */
function balances(l: readonly LedgerEntry[], keep: (e: LedgerEntry) => boolean): Map<string, [string, string, string]> {
  const m = new Map<string, [Amount, Amount, Amount]>();
  for (const e of l) {
    if (!keep(e)) continue;
    const d = Object.keys(e.dimensions)
      .filter((k) => e.dimensions[k])
      .sort()
      .map((k) => `${k}=${e.dimensions[k]}`)
      .join(",");
    const k = `${e.account}|${d}|${e.currency}`;
    const [a, b, c] = m.get(k) ?? [Amount.ZERO, Amount.ZERO, Amount.ZERO];
    m.set(k, [a.plus(e.amount), b.plus(e.amountAccounting), c.plus(e.amountReporting ?? Amount.ZERO)]);
  }
  const out = new Map<string, [string, string, string]>();
  for (const [k, [a, b, c]] of [...m.entries()].sort(([x], [y]) => (x < y ? -1 : 1))) {
    if (a.isZero() && b.isZero() && c.isZero()) continue;
    out.set(k, [a.toFixed(2), b.toFixed(2), c.toFixed(2)]);
  }
  return out;
}
const sumAcc = (l: readonly LedgerEntry[], keep: (e: LedgerEntry) => boolean) =>
  Amount.sum(l.filter(keep).map((e) => e.amountAccounting));
const oldYear = (e: LedgerEntry) => e.date <= "2026-12-31";
const newYear = (e: LedgerEntry) => e.date >= "2027-01-01";
const isPL = (s: Setup) => (e: LedgerEntry) => ["revenue", "expense"].includes(s.accounts.get(e.account)!.type);

// ---- W4 -----------------------------------------------------------------------------

describe("W4: year-end close with dimensions", () => {
  // Income in departments 200/300/400, 100,000.00 in all, received in cash.
  const W4 = ledger(`
    1 2026-03-31 1000 50000.00
    2 2026-03-31 4000 -50000.00 dept=200 voucher=GL-1
    3 2026-06-30 1000 30000.00
    4 2026-06-30 4000 -30000.00 dept=300 voucher=GL-3
    5 2026-09-30 1000 20000.00
    6 2026-09-30 4000 -20000.00 dept=400 voucher=GL-5
  `);

  test('Close single "100": one retained-earnings line Department=100, Cr 100,000.00', () => {
    const p = close(W4, { dimensionMode: { Department: { single: "100" } } });
    expect(p.issues).toEqual([]);
    expect(p.vouchers).toHaveLength(1);
    expect(p.vouchers[0]).toMatchObject({ date: "2027-01-01", period: "FY2027-OPEN" });
    // cash 50,000 + 30,000 + 20,000 = 100,000.00 brought forward; the split across departments is irrelevant
    expect(rows(p)).toEqual(["1000 - USD 100000.00 100000.00", "3900 Department=100 USD -100000.00 -100000.00"]);
    expect(p.parameters).toEqual({
      fiscalYear: "FY2026",
      closingVouchers: false,
      dimensionMode: "Department=single:100",
      keepDetail: false,
    });
  });

  test("Close all: one retained-earnings line per department holding its net", () => {
    const p = close(W4, { dimensionMode: { Department: "all" } });
    expect(rows(p)).toEqual([
      "1000 - USD 100000.00 100000.00",
      "3900 Department=200 USD -50000.00 -50000.00",
      "3900 Department=300 USD -30000.00 -30000.00",
      "3900 Department=400 USD -20000.00 -20000.00",
    ]);
    expect(p.parameters.dimensionMode).toBe("Department=all");
  });

  test("Close single with a blank value: one retained-earnings line without a department", () => {
    const p = close(W4, { dimensionMode: { Department: { single: "" } } });
    expect(rows(p)).toEqual(["1000 - USD 100000.00 100000.00", "3900 - USD -100000.00 -100000.00"]);
    expect(p.parameters.dimensionMode).toBe("Department=single:(blank)");
  });

  test("Close all nets revenue and expense per department: 200 → 50,000 − 8,000 = 42,000 profit", () => {
    const l = [
      ...W4,
      ...ledger(`
      7 2026-10-31 6100 8000.00 dept=200
      8 2026-10-31 1000 -8000.00 voucher=GL-7
    `),
    ];
    const p = close(l, { dimensionMode: { Department: "all" } });
    // cash 100,000 − 8,000 = 92,000; RE 200: −50,000 + 8,000 = −42,000
    expect(rows(p)).toEqual([
      "1000 - USD 92000.00 92000.00",
      "3900 Department=200 USD -42000.00 -42000.00",
      "3900 Department=300 USD -30000.00 -30000.00",
      "3900 Department=400 USD -20000.00 -20000.00",
    ]);
  });

  test("closing vouchers with Close single: P&L per department reversed, 100,000.00 to RE-100 in FY2026-CLOSE", () => {
    const p = close(W4, { closingVouchers: true, dimensionMode: { Department: { single: "100" } } });
    expect(p.issues).toEqual([]);
    expect(p.vouchers.map((v) => [v.date, v.period])).toEqual([
      ["2026-12-31", "FY2026-CLOSE"],
      ["2027-01-01", "FY2027-OPEN"],
    ]);
    expect(rows(p, 0)).toEqual([
      "4000 Department=200 USD 50000.00 50000.00",
      "4000 Department=300 USD 30000.00 30000.00",
      "4000 Department=400 USD 20000.00 20000.00",
      "3900 Department=100 USD -100000.00 -100000.00",
    ]);
    // RE's balance after the closing voucher (−100,000.00) is brought forward once, not twice
    expect(rows(p, 1)).toEqual(["1000 - USD 100000.00 100000.00", "3900 Department=100 USD -100000.00 -100000.00"]);
  });

  describe("re-runs", () => {
    const first = close(W4, { dimensionMode: { Department: { single: "100" } } });
    const posted = post(W4, first, "RUN-YE1");
    // a 5,000.00 revenue adjustment in department 200 after the first close
    const late = [
      ...posted,
      ...ledger(`
      100 2026-12-15 1000 5000.00
      101 2026-12-15 4000 -5000.00 dept=200 voucher=GL-100
    `),
    ];

    test("delta: a second opening voucher of 5,000.00 into RE (D365 'Delete existing' = No)", () => {
      const p = close(
        late,
        { dimensionMode: { Department: { single: "100" } }, rerun: "delta" },
        { earlierRuns: posted.filter((e) => e.runId === "RUN-YE1") },
      );
      expect(p.issues).toEqual([]);
      expect(p.rerun).toBe("delta");
      expect(p.vouchers).toHaveLength(1);
      expect(p.vouchers[0]).toMatchObject({
        period: "FY2027-OPEN",
        description: "Year-end close FY2026: opening FY2027 (delta)",
      });
      expect(rows(p)).toEqual(["1000 - USD 5000.00 5000.00", "3900 Department=100 USD -5000.00 -5000.00"]);
      // without earlierRuns, the year-end lines are found in the ledger: the same delta
      const found = close(late, { dimensionMode: { Department: { single: "100" } }, rerun: "delta" });
      expect(rows(found)).toEqual(rows(p));
    });

    test("delta with nothing changed proposes nothing", () => {
      const p = close(posted, { dimensionMode: { Department: { single: "100" } }, rerun: "delta" });
      expect(p.issues).toEqual([]);
      expect(p.vouchers).toEqual([]);
    });

    test("delta with closing vouchers: 5,000.00 closed in FY2026-CLOSE and brought forward in FY2027-OPEN", () => {
      const opts = { closingVouchers: true, dimensionMode: { Department: { single: "100" } } } as const;
      const once = post(W4, close(W4, opts), "RUN-YE1");
      const adj = [
        ...once,
        ...ledger(`
        100 2026-12-15 1000 5000.00
        101 2026-12-15 4000 -5000.00 dept=200 voucher=GL-100
      `),
      ];
      const p = close(adj, { ...opts, rerun: "delta" });
      expect(p.vouchers.map((v) => v.period)).toEqual(["FY2026-CLOSE", "FY2027-OPEN"]);
      expect(rows(p, 0)).toEqual([
        "3900 Department=100 USD -5000.00 -5000.00",
        "4000 Department=200 USD 5000.00 5000.00",
      ]);
      expect(rows(p, 1)).toEqual(["1000 - USD 5000.00 5000.00", "3900 Department=100 USD -5000.00 -5000.00"]);
      const after = post(adj, p, "RUN-YE2");
      // the closed year's P&L is zero again, closing period included
      expect(sumAcc(after, (e) => oldYear(e) && e.account === "4000").toString()).toBe("0.00");
    });

    test("reverse and recreate: after the app reverses the earlier run, the full close from current balances", () => {
      const reversed = reverse(late, "RUN-YE1");
      const p = close(reversed, { dimensionMode: { Department: { single: "100" } } });
      expect(p.issues).toEqual([]);
      expect(p.rerun).toBe("refuse");
      expect(rows(p)).toEqual(["1000 - USD 105000.00 105000.00", "3900 Department=100 USD -105000.00 -105000.00"]);
    });

    test("a full close while the earlier run is not reversed warns (and is still the full close)", () => {
      const p = close(late, { dimensionMode: { Department: { single: "100" } } });
      expect(codes(p)).toEqual(["YEAR_END_ALREADY_RUN"]);
      expect(p.issues[0]!.severity).toBe("warning");
      expect(rows(p)).toEqual(["1000 - USD 105000.00 105000.00", "3900 Department=100 USD -105000.00 -105000.00"]);
    });
  });
});

// ---- a small year ---------------------------------------------------------------------

describe("a small year: revenue, expenses, a EUR bank account", () => {
  // 1 capital 10,000.00 in cash
  // 3 EUR bank Dr 1,000.00 EUR = 1,082.50 USD from cash
  // 5 EUR sale 500.00 EUR = 545.00 USD into the EUR bank
  // 7 USD sale 2,000.00; 9 rent 1,200.00; 11 revaluation of the EUR bank +17.50
  const YEAR = ledger(`
    1  2026-01-10 1000 10000.00
    2  2026-01-10 3000 -10000.00 voucher=GL-1
    3  2026-02-15 1010 1082.50 txn=EUR:1000.00
    4  2026-02-15 1000 -1082.50 voucher=GL-3
    5  2026-03-31 1010 545.00 txn=EUR:500.00
    6  2026-03-31 4000 -545.00 txn=EUR:-500.00 voucher=GL-5
    7  2026-06-30 1000 2000.00
    8  2026-06-30 4000 -2000.00 voucher=GL-7
    9  2026-07-31 6100 1200.00
    10 2026-07-31 1000 -1200.00 voucher=GL-9
    11 2026-12-31 1010 17.50 txn=EUR:0
    12 2026-12-31 7150 -17.50 voucher=GL-11
  `);
  // cash 10,000 − 1,082.50 + 2,000 − 1,200 = 9,717.50
  // EUR bank 1,000 + 500 = 1,500.00 EUR; 1,082.50 + 545.00 + 17.50 = 1,645.00 USD
  // net income = 545.00 + 2,000.00 + 17.50 − 1,200.00 = 1,362.50 (profit: RE Cr 1,362.50)
  // check: 9,717.50 + 1,645.00 − 10,000.00 − 1,362.50 = 0

  test("opening voucher: balance sheet brought forward, the EUR bank in EUR and USD, RE Cr 1,362.50", () => {
    const p = close(YEAR);
    expect(p.issues).toEqual([]);
    expect(p.step).toBe("year-end");
    expect(p.vouchers).toHaveLength(1);
    expect(p.vouchers[0]).toMatchObject({
      date: "2027-01-01",
      period: "FY2027-OPEN",
      description: "Year-end close FY2026: opening FY2027",
    });
    expect(rows(p)).toEqual([
      "1000 - USD 9717.50 9717.50",
      "1010 - EUR 1500.00 1645.00",
      "3000 - USD -10000.00 -10000.00",
      "3900 - USD -1362.50 -1362.50",
    ]);
    const net = p.trace.find((t) => t.key === "Net income FY2026")!;
    expect(net.formula).toBe("−(-2562.50 + 1200.00)");
    expect(net.result).toBe("1362.50 USD");
    expect(p.trace.find((t) => t.key === "1010 · EUR")!.result).toBe("1500.00 EUR / 1645.00 USD brought forward");
  });

  test("posts through proposalToEntries: gate passes in FY2026-CLOSE and FY2027-OPEN, source close:year-end", () => {
    const built = proposalToEntries({
      setup: SETUP,
      proposal: close(YEAR, { closingVouchers: true }),
      user: "alice",
      now: "2027-01-05T00:00:00.000Z",
      runId: "RUN-000001",
      nextEntryNo: 100,
      nextVoucherNo: 1,
      voucherPrefix: "GL-",
      locks: { exceptions: [], sealed: new Set() },
    });
    expect(built.issues).toEqual([]);
    expect([...new Set(built.entries.map((e) => `${e.period} ${e.date} ${e.source}`))]).toEqual([
      "FY2026-CLOSE 2026-12-31 close:year-end",
      "FY2027-OPEN 2027-01-01 close:year-end",
    ]);
  });

  test("after posting: retained earnings moved by exactly the net income; P&L of the new year is zero", () => {
    const after = post(YEAR, close(YEAR));
    const re = (keep: (e: LedgerEntry) => boolean) => sumAcc(after, (e) => keep(e) && e.account === "3900");
    expect(re(newYear).minus(re(oldYear)).toString()).toBe("-1362.50");
    expect(sumAcc(after, (e) => newYear(e) && isPL(SETUP)(e)).isZero()).toBe(true);
  });

  test("closing vouchers: each P&L group reversed in FY2026-CLOSE, the net to RE; the opening is the same", () => {
    const p = close(YEAR, { closingVouchers: true });
    expect(p.issues).toEqual([]);
    expect(p.vouchers[0]).toMatchObject({
      date: "2026-12-31",
      period: "FY2026-CLOSE",
      description: "Year-end close FY2026: closing",
    });
    expect(rows(p, 0)).toEqual([
      "4000 - EUR 500.00 545.00", // the EUR sale reversed in EUR
      "4000 - USD 2000.00 2000.00",
      "6100 - USD -1200.00 -1200.00",
      "7150 - USD 17.50 17.50",
      "3900 - USD -1362.50 -1362.50",
    ]);
    expect(rows(p, 1)).toEqual(rows(close(YEAR)));
    const after = post(YEAR, p);
    // the closed year's P&L, closing period included, is zero per account and currency
    expect([...balances(after, (e) => oldYear(e) && isPL(SETUP)(e)).keys()]).toEqual([]);
    // RE: 0 before, −1,362.50 at the end of FY2026 (after the closing voucher) and at the start of FY2027
    expect(sumAcc(after, (e) => oldYear(e) && e.account === "3900").toString()).toBe("-1362.50");
    expect(sumAcc(after, (e) => newYear(e) && e.account === "3900").toString()).toBe("-1362.50");
  });

  test("reporting currency: every line also carries its reporting amount; both vouchers balance in it", () => {
    const s = setupWith({ reportingCurrency: "GBP" });
    // reporting amounts: capital 8,000.00; EUR bank 850.00 and 430.00; sale 1,600.00; rent 950.00; revaluation 0
    const l = ledger(`
      1  2026-01-10 1000 10000.00 rep=8000.00
      2  2026-01-10 3000 -10000.00 rep=-8000.00 voucher=GL-1
      3  2026-02-15 1010 1082.50 txn=EUR:1000.00 rep=850.00
      4  2026-02-15 1000 -1082.50 rep=-850.00 voucher=GL-3
      5  2026-03-31 1010 545.00 txn=EUR:500.00 rep=430.00
      6  2026-03-31 4000 -545.00 txn=EUR:-500.00 rep=-430.00 voucher=GL-5
      7  2026-06-30 1000 2000.00 rep=1600.00
      8  2026-06-30 4000 -2000.00 rep=-1600.00 voucher=GL-7
      9  2026-07-31 6100 1200.00 rep=950.00
      10 2026-07-31 1000 -1200.00 rep=-950.00 voucher=GL-9
    `);
    const p = yearEndClose({
      setup: s,
      ledger: l,
      settlements: [],
      fiscalYear: "FY2026",
      options: { ...OPTIONS, closingVouchers: true },
    });
    expect(p.issues).toEqual([]);
    const rep = (v: number) =>
      p.vouchers[v]!.lines.map((x) => `${x.account} ${x.currency} ${x.amountReporting!.toString()}`);
    // net income: accounting 545 + 2,000 − 1,200 = 1,345.00; reporting 430 + 1,600 − 950 = 1,080.00
    expect(rep(0)).toEqual(["4000 EUR 430.00", "4000 USD 1600.00", "6100 USD -950.00", "3900 USD -1080.00"]);
    // cash 8,000 − 850 + 1,600 − 950 = 7,800.00; EUR bank 850 + 430 = 1,280.00
    expect(rep(1)).toEqual(["1000 USD 7800.00", "1010 EUR 1280.00", "3000 USD -8000.00", "3900 USD -1080.00"]);
    for (const v of p.vouchers) expect(Amount.sum(v.lines.map((x) => x.amountReporting!)).isZero()).toBe(true);
  });
});

// ---- settlement awareness ------------------------------------------------------------------

describe("settled entries and keep detail (D365-AWARE)", () => {
  // Receivables 1100 (settle-flagged):
  //  10 invoice A Dr 1,000.00 — settled by 11 payment A Cr 1,000.00 (SET-1)
  //  12 invoice B Dr 700.00   — partly settled by 13 payment B Cr 300.00 (SET-2): 400.00 remains
  //  14 invoice C Dr 250.00   — not settled
  //  20/21 EUR invoice 100.00 EUR = 110.00 USD and payment 100.00 EUR = 105.00 USD, settled (SET-3),
  //  with the realized loss voucher 22/23: 1100 EUR 0.00 / −5.00 USD, loss 7200 +5.00 (W1)
  // balance 1,000 − 1,000 + 700 − 300 + 250 + 110 − 105 − 5 = 650.00 = 400.00 + 250.00 open
  const L = ledger(`
    10 2026-03-01 1100 1000.00
    30 2026-03-01 4000 -1000.00 voucher=GL-10
    11 2026-04-01 1100 -1000.00
    31 2026-04-01 1000 1000.00 voucher=GL-11
    12 2026-05-01 1100 700.00 dept=SALES
    32 2026-05-01 4000 -700.00 voucher=GL-12
    13 2026-06-01 1100 -300.00 dept=SALES
    33 2026-06-01 1000 300.00 voucher=GL-13
    14 2026-07-01 1100 250.00
    34 2026-07-01 4000 -250.00 voucher=GL-14
    20 2026-08-01 1100 110.00 txn=EUR:100.00
    35 2026-08-01 4000 -110.00 voucher=GL-20
    21 2026-08-20 1100 -105.00 txn=EUR:-100.00
    36 2026-08-20 1000 105.00 voucher=GL-21
    22 2026-08-20 1100 -5.00 txn=EUR:0 set=SET-3
    23 2026-08-20 7200 5.00 set=SET-3 voucher=GL-22
  `);
  const rec = (id: string, currency: string, parts: [number, string, string][]): SettlementRecord => ({
    settlementId: id,
    date: "2026-08-20",
    account: "1100",
    basis: "transaction",
    currency,
    how: "manual",
    status: "settled",
    entries: parts.map(([entryNo, amount, accounting]) => ({
      entryNo,
      settledAmount: A(amount),
      settledAccounting: A(accounting),
    })),
  });
  const SETTLED = [
    rec("SET-1", "USD", [
      [10, "1000.00", "1000.00"],
      [11, "-1000.00", "-1000.00"],
    ]),
    rec("SET-2", "USD", [
      [12, "300.00", "300.00"],
      [13, "-300.00", "-300.00"],
    ]),
    rec("SET-3", "EUR", [
      [20, "100.00", "110.00"],
      [21, "-100.00", "-105.00"],
    ]),
  ];
  // cash 1,000 + 300 + 105 = 1,405.00; revenue 1,000 + 700 + 250 + 110 = 2,060.00; loss 5.00 → RE Cr 2,055.00

  test("settled entries are left out: receivables open with 400.00 (SALES) and 250.00", () => {
    const p = close(L, {}, { settlements: SETTLED });
    expect(p.issues).toEqual([]);
    expect(rows(p)).toEqual([
      "1000 - USD 1405.00 1405.00",
      "1100 - USD 250.00 250.00",
      "1100 Department=SALES USD 400.00 400.00",
      "3900 - USD -2055.00 -2055.00",
    ]);
    expect(p.trace.find((t) => t.key === "1100 · settled")).toMatchObject({ inputs: { "settled entries": "5" } });
  });

  test("keep detail: each open item on its own line, naming its entry and voucher", () => {
    const p = close(L, { keepDetail: true }, { settlements: SETTLED });
    expect(p.issues).toEqual([]);
    const lines = p.vouchers[0]!.lines.filter((x) => x.account === "1100");
    expect(lines.map((x) => [x.dimensions.Department, x.amount.toString(), x.description])).toEqual([
      ["", "250.00", "Brought forward: entry 14, voucher GL-14 of 2026-07-01"],
      ["SALES", "400.00", "Brought forward: entry 12, voucher GL-12 of 2026-05-01 (partly settled)"],
    ]);
  });

  test("without settlements every entry is open: receivables carry the whole balance per group", () => {
    const noFx = L.filter((e) => e.settlementId === "");
    // USD: 1,000 − 1,000 + 250 = 250.00; SALES 700 − 300 = 400.00; EUR: 100 − 100 = 0.00 EUR but 110 − 105 = 5.00 USD
    const p = close(noFx);
    expect(p.issues).toEqual([]);
    expect(rows(p).filter((r) => r.startsWith("1100"))).toEqual([
      "1100 - EUR 0.00 5.00",
      "1100 - USD 250.00 250.00",
      "1100 Department=SALES USD 400.00 400.00",
    ]);
    const detail = close(noFx, { keepDetail: true });
    // one line per entry: 20, 21 (EUR), 10, 11, 14 (USD), 12, 13 (SALES)
    expect(
      detail.vouchers[0]!.lines.filter((x) => x.account === "1100").map((x) => x.amountAccounting.toString()),
    ).toEqual(["110.00", "-105.00", "1000.00", "-1000.00", "250.00", "700.00", "-300.00"]);
  });

  test("a settlement FX line whose settlement is missing from the register: brought forward on the account, with a warning", () => {
    // the −5.00 realized line (22) has no open item: 1100 · USD carries 250.00 − 5.00 = 245.00, the EUR group 0.00 / 5.00
    const p = close(L);
    expect(codes(p)).toEqual(["YEAR_END_SETTLEMENT_DIFFERENCE"]);
    expect(p.issues[0]!.severity).toBe("warning");
    expect(rows(p).filter((r) => r.startsWith("1100"))).toEqual([
      "1100 - EUR 0.00 5.00",
      "1100 - USD 245.00 245.00",
      "1100 Department=SALES USD 400.00 400.00",
    ]);
    expect(Amount.sum(p.vouchers[0]!.lines.map((x) => x.amountAccounting)).isZero()).toBe(true);
  });

  test("a settlement across the year end is refused", () => {
    const l = [
      ...L,
      ...ledger(`
      40 2027-02-01 1100 -250.00
      41 2027-02-01 1000 250.00 voucher=GL-40
    `),
    ];
    const p = close(
      l,
      {},
      {
        settlements: [
          ...SETTLED,
          rec("SET-4", "USD", [
            [14, "250.00", "250.00"],
            [40, "-250.00", "-250.00"],
          ]),
        ],
      },
    );
    expect(codes(p)).toEqual(["YEAR_END_CROSS_YEAR_SETTLEMENT"]);
    expect(p.vouchers).toEqual([]);
  });
});

// ---- calendar, setup and later years ------------------------------------------------------

describe("calendar and setup", () => {
  const L = ledger(`
    1 2026-05-01 1000 100.00
    2 2026-05-01 4000 -100.00 voucher=GL-1
  `);

  test("the next fiscal year must exist: NEXT_YEAR_MISSING with buildFiscalYear arguments", () => {
    const s = setupWith({}, buildFiscalYear(2026, 1));
    const p = yearEndClose({ setup: s, ledger: L, settlements: [], fiscalYear: "FY2026", options: OPTIONS });
    expect(codes(p)).toEqual(["NEXT_YEAR_MISSING"]);
    expect(p.needsNextYear).toBe(true);
    expect(p.nextYear).toEqual({ startYear: 2027, startMonth: 1 });
    expect(p.vouchers).toEqual([]);
    const grown = setupWith({}, [...s.periods, ...buildFiscalYear(p.nextYear!.startYear, p.nextYear!.startMonth)]);
    const again = yearEndClose({ setup: grown, ledger: L, settlements: [], fiscalYear: "FY2026", options: OPTIONS });
    expect(again.needsNextYear).toBe(false);
    expect(rows(again)).toEqual(["1000 - USD 100.00 100.00", "3900 - USD -100.00 -100.00"]);
  });

  test("a July fiscal year opens on 2027-07-01 in FY2027-OPEN", () => {
    const s = setupWith({ fiscalYearStartMonth: 7 }, [...buildFiscalYear(2026, 7), ...buildFiscalYear(2027, 7)]);
    const l = ledger(`
      1 2027-06-30 1000 100.00
      2 2027-06-30 4000 -100.00 voucher=GL-1
    `);
    const p = yearEndClose({
      setup: s,
      ledger: l,
      settlements: [],
      fiscalYear: "FY2026",
      options: { ...OPTIONS, closingVouchers: true },
    });
    expect(p.vouchers.map((v) => [v.date, v.period])).toEqual([
      ["2027-06-30", "FY2026-CLOSE"],
      ["2027-07-01", "FY2027-OPEN"],
    ]);
  });

  test("refusals: unknown year, no retained earnings account, an account not in the chart, no closing period", () => {
    expect(codes(close(L, {}, { fiscalYear: "FY2030" }))).toEqual(["FISCAL_YEAR_UNKNOWN"]);
    const noRe = yearEndClose({
      setup: setupWith({ retainedEarningsAccount: undefined }),
      ledger: L,
      settlements: [],
      fiscalYear: "FY2026",
      options: OPTIONS,
    });
    expect(codes(noRe)).toEqual(["RETAINED_EARNINGS_ACCOUNT"]);
    const plRe = yearEndClose({
      setup: setupWith({ retainedEarningsAccount: "4000" }),
      ledger: L,
      settlements: [],
      fiscalYear: "FY2026",
      options: OPTIONS,
    });
    expect(codes(plRe)).toEqual(["RETAINED_EARNINGS_ACCOUNT"]);
    const stray = close([...L, ...ledger("3 2026-05-02 9999 1.00\n4 2026-05-02 1000 -1.00 voucher=GL-3")]);
    expect(codes(stray)).toEqual(["UNKNOWN_ACCOUNT"]);
    const noClosing = yearEndClose({
      setup: setupWith(
        {},
        FY26_27.filter((p) => p.id !== "FY2026-CLOSE"),
      ),
      ledger: L,
      settlements: [],
      fiscalYear: "FY2026",
      options: { ...OPTIONS, closingVouchers: true },
    });
    expect(codes(noClosing)).toEqual(["CLOSING_PERIOD_MISSING"]);
    expect([stray, noClosing].every((p) => p.vouchers.length === 0)).toBe(true);
  });

  test("the next year's close counts from its opening period: FY2026 is not counted twice", () => {
    const s = setupWith({}, [...FY26_27, ...buildFiscalYear(2028, 1)]);
    // FY2026: capital 1,000.00, sale 300.00 → closed (no closing vouchers) into FY2027-OPEN
    const y1 = ledger(`
      1 2026-01-05 1000 1000.00
      2 2026-01-05 3000 -1000.00 voucher=GL-1
      3 2026-04-01 1000 300.00
      4 2026-04-01 4000 -300.00 voucher=GL-3
    `);
    const closed = post(
      y1,
      yearEndClose({ setup: s, ledger: y1, settlements: [], fiscalYear: "FY2026", options: OPTIONS }),
      "RUN-YE1",
    );
    // FY2027: rent 120.00 from cash
    const y2 = [
      ...closed,
      ...ledger(`
      10 2027-03-01 6100 120.00
      11 2027-03-01 1000 -120.00 voucher=GL-10
    `),
    ];
    const p = yearEndClose({ setup: s, ledger: y2, settlements: [], fiscalYear: "FY2027", options: OPTIONS });
    expect(p.issues).toEqual([]);
    expect(p.trace[0]!.inputs.from).toBe("2027-01-01");
    // cash 1,300 − 120 = 1,180.00; capital −1,000.00; RE −300.00 brought forward + 120.00 loss = two lines
    expect(rows(p)).toEqual([
      "1000 - USD 1180.00 1180.00",
      "3000 - USD -1000.00 -1000.00",
      "3900 - USD -300.00 -300.00",
      "3900 - USD 120.00 120.00",
    ]);
    expect(p.vouchers[0]).toMatchObject({ date: "2028-01-01", period: "FY2028-OPEN" });
  });
});

// ---- properties ---------------------------------------------------------------------------------

describe("properties over random balanced years", () => {
  const PROP_SETUP = setupWith({ reportingCurrency: "GBP" });
  const accountsArb = fc.constantFrom("1000", "1010", "1100", "2000", "3000", "3900", "4000", "6100");
  const deptArb = fc.constantFrom("", "SALES", "ADMIN");
  const cents = fc.integer({ min: -500000, max: 500000 });
  const lineArb = fc.record({
    account: accountsArb,
    dept: deptArb,
    acc: cents,
    rep: cents,
    txn: cents,
    eur: fc.boolean(),
  });
  const voucherArb = fc.record({
    day: fc.integer({ min: 0, max: 365 }), // 365 = the closing period
    lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }),
    offset: fc.record({ account: accountsArb, dept: deptArb }),
  });
  type RandomVoucher = {
    day: number;
    lines: { account: string; dept: string; acc: number; rep: number; txn: number; eur: boolean }[];
    offset: { account: string; dept: string };
  };
  const modeArb = fc.constantFrom<YearEndOptions["dimensionMode"]>(
    {},
    { Department: "all" },
    { Department: { single: "SALES" } },
    { Department: { single: "" } },
  );
  const optionsArb = fc.record({ closingVouchers: fc.boolean(), dimensionMode: modeArb, keepDetail: fc.boolean() });
  const money = (c: number) => Amount.fromUnits(BigInt(c), 2);

  function dateOf(day: number): { date: string; period: string } {
    if (day >= 365) return { date: "2026-12-31", period: "FY2026-CLOSE" };
    const month = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let d = day;
    let m = 0;
    while (d >= month[m]!) d -= month[m++]!;
    const date = `2026-${String(m + 1).padStart(2, "0")}-${String(d + 1).padStart(2, "0")}`;
    return { date, period: date.slice(0, 7) };
  }

  function yearLedger(vouchers: readonly RandomVoucher[], firstNo = 1): LedgerEntry[] {
    const out: LedgerEntry[] = [];
    let no = firstNo;
    vouchers.forEach((v, vi) => {
      const { date, period } = dateOf(v.day);
      let acc = 0;
      let rep = 0;
      const mk = (account: string, dept: string, a: number, r: number, currency: string, t: number): LedgerEntry => ({
        entryNo: no++,
        voucher: `GL-${firstNo}-${vi}`,
        date,
        period,
        account,
        dimensions: { Department: dept },
        currency,
        amount: money(t),
        amountAccounting: money(a),
        amountReporting: money(r),
        description: "",
        source: "journal:GJ",
        runId: "",
        settlementId: "",
        user: "alice",
        postedAt: "2026-12-31T00:00:00.000Z",
      });
      for (const l of v.lines) {
        // the EUR bank is always EUR; the others in EUR when drawn so, else USD (transaction = accounting)
        const eur = l.account === "1010" || (l.eur && l.account !== "1000");
        out.push(mk(l.account, l.dept, l.acc, l.rep, eur ? "EUR" : "USD", eur ? l.txn : l.acc));
        acc += l.acc;
        rep += l.rep;
      }
      const offsetAccount = v.offset.account === "1010" ? "1000" : v.offset.account;
      out.push(mk(offsetAccount, v.offset.dept, -acc, -rep, "USD", -acc));
    });
    return out;
  }

  const yearArb = fc.array(voucherArb, { minLength: 1, maxLength: 12 });
  const RE = "3900";
  const bsNotRe = (e: LedgerEntry) =>
    PROP_SETUP.accounts.get(e.account)!.type !== "revenue" &&
    PROP_SETUP.accounts.get(e.account)!.type !== "expense" &&
    e.account !== RE;
  const run = (
    l: readonly LedgerEntry[],
    o: { closingVouchers: boolean; dimensionMode: YearEndOptions["dimensionMode"]; keepDetail: boolean },
    rerun: YearEndOptions["rerun"] = "reverseAndRecreate",
  ) => yearEndClose({ setup: PROP_SETUP, ledger: l, settlements: [], fiscalYear: "FY2026", options: { ...o, rerun } });

  test("posting the close: vouchers balance, P&L zero in the new year, RE moved by net income, balance sheet carried per account/dimension/currency", () => {
    fc.assert(
      fc.property(yearArb, optionsArb, (vs, o) => {
        const before = yearLedger(vs);
        const p = run(before, o);
        expect(p.issues).toEqual([]);
        for (const v of p.vouchers) {
          expect(Amount.sum(v.lines.map((l) => l.amountAccounting)).isZero()).toBe(true);
          expect(Amount.sum(v.lines.map((l) => l.amountReporting!)).isZero()).toBe(true);
        }
        const after = post(before, p);
        const pl = isPL(PROP_SETUP);
        expect([...balances(after, (e) => newYear(e) && pl(e)).keys()]).toEqual([]);
        // net income (credit-negative) = Σ P&L of the year before the close
        const ni = sumAcc(before, pl);
        const reMove = sumAcc(after, (e) => newYear(e) && e.account === RE).minus(
          sumAcc(before, (e) => e.account === RE),
        );
        expect(reMove.eq(ni)).toBe(true);
        const niRep = Amount.sum(before.filter(pl).map((e) => e.amountReporting!));
        const reRep = Amount.sum(
          after.filter((e) => newYear(e) && e.account === RE).map((e) => e.amountReporting!),
        ).minus(Amount.sum(before.filter((e) => e.account === RE).map((e) => e.amountReporting!)));
        expect(reRep.eq(niRep)).toBe(true);
        // every other balance-sheet account: the new year opens where the old one closed
        expect(balances(after, (e) => newYear(e) && bsNotRe(e))).toEqual(balances(before, bsNotRe));
        if (o.closingVouchers) {
          // the closed year's P&L is zero, closing period included; RE opens exactly at its closing balance
          expect([...balances(after, (e) => oldYear(e) && pl(e)).keys()]).toEqual([]);
          const isRe = (e: LedgerEntry) => e.account === RE;
          expect(balances(after, (e) => newYear(e) && isRe(e))).toEqual(balances(after, (e) => oldYear(e) && isRe(e)));
        } else {
          expect(p.vouchers.every((v) => v.period === "FY2027-OPEN")).toBe(true);
        }
      }),
      { numRuns: 120 },
    );
  });

  test("delta after late adjustments: the earlier run plus the delta equals a full close of the adjusted year", () => {
    fc.assert(
      fc.property(yearArb, fc.array(voucherArb, { minLength: 0, maxLength: 3 }), optionsArb, (vs, lateVs, o) => {
        const before = yearLedger(vs);
        const first = post(before, run(before, o), "RUN-YE1");
        const late = yearLedger(lateVs, 10000);
        const adjusted = [...first, ...late];
        const d = run(adjusted, o, "delta");
        expect(d.issues).toEqual([]);
        expect(d.rerun).toBe("delta");
        for (const v of d.vouchers) expect(Amount.sum(v.lines.map((l) => l.amountAccounting)).isZero()).toBe(true);
        const viaDelta = post(adjusted, d, "RUN-YE2");
        const fresh = [...before, ...late];
        const viaFull = post(fresh, run(fresh, o), "RUN-YE9");
        expect(balances(viaDelta, newYear)).toEqual(balances(viaFull, newYear));
        expect(balances(viaDelta, oldYear)).toEqual(balances(viaFull, oldYear));
        if (lateVs.length === 0) expect(d.vouchers).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

describe("closed years and reversing a year's close (issue #10 items 4 and 5)", () => {
  // Prepaid insurance on 1100 (settle-flagged): 1 Dr 12,000.00 paid in cash (2); 3/4 expense 3,000.00,
  // settled against entry 1 by SET-1 {1: +3,000, 4: −3,000} → entry 1 has 9,000.00 left.
  const L = ledger(`
    1 2026-01-02 1100 12000.00
    2 2026-01-02 1000 -12000.00 voucher=GL-1
    3 2026-10-31 6100 3000.00
    4 2026-10-31 1100 -3000.00 voucher=GL-3
  `);
  const SET1: SettlementRecord = {
    settlementId: "SET-1",
    date: "2026-10-31",
    account: "1100",
    basis: "transaction",
    currency: "USD",
    how: "partial",
    status: "settled",
    entries: [
      { entryNo: 1, settledAmount: A("3000.00"), settledAccounting: A("3000.00") },
      { entryNo: 4, settledAmount: A("-3000.00"), settledAccounting: A("-3000.00") },
    ],
  };
  const keep = { keepDetail: true };
  const FY26_28 = [...FY26_27, ...buildFiscalYear(2028, 1)];
  const setup3 = setupWith({}, FY26_28);

  test("keep detail after a reversed and recreated close: FY2027's close carries the opening copy once", () => {
    // FY2026 close: 1000 −12,000.00 (entry 5), 1100 +9,000.00 carrying entry 1 (entry 6), 3900 +3,000.00 (entry 7)
    const first = post(L, close(L, keep, { settlements: [SET1] }), "RUN-YE1");
    expect(first.find((e) => e.entryNo === 6)!.description).toMatch(/^Brought forward: entry 1,/);
    // reversed (entries 8–10, entry 9 = −9,000.00 on 1100), then closed again (entries 11–13, entry 12 the new copy)
    const again = reverse(first, "RUN-YE1");
    const second = post(again, close(again, keep, { settlements: [SET1] }), "RUN-YE2");
    expect(second.find((e) => e.entryNo === 12)!.description).toMatch(/^Brought forward: entry 1,/);
    // FY2027: the copy of RUN-YE1 (+9,000) and its reversal (−9,000) cancel and are not open items: one line for entry 12
    const p = yearEndClose({
      setup: setup3,
      ledger: second,
      settlements: [SET1],
      fiscalYear: "FY2027",
      options: { ...OPTIONS, ...keep },
    });
    expect(p.issues).toEqual([]);
    expect(rows(p)).toEqual([
      "1000 - USD -12000.00 -12000.00",
      "1100 - USD 9000.00 9000.00",
      "3900 - USD 3000.00 3000.00",
    ]);
    expect(p.vouchers[0]!.lines[1]!.description).toMatch(/^Brought forward: entry 12,/);
  });

  test("closedYears follows the unreversed runs; a delta run depends on the first; reversing the year takes both back", () => {
    expect(closedYears(FY26_27, L)).toEqual([]);
    const first = post(L, close(L, { closingVouchers: true }, { settlements: [SET1] }), "RUN-YE1");
    // a late FY2026 expense 500.00 (cash), then the delta re-run
    const late = [
      ...first,
      ...ledger(`
      20 2026-12-20 6100 500.00
      21 2026-12-20 1000 -500.00 voucher=GL-20
    `),
    ];
    const d = close(late, { closingVouchers: true, rerun: "delta" }, { settlements: [SET1] });
    expect(d.vouchers.length).toBe(2);
    const both = post(late, d, "RUN-YE2");
    expect(closedYears(FY26_27, both)).toEqual([
      { fiscalYear: "FY2026", start: "2026-01-01", end: "2026-12-31", runIds: ["RUN-YE1", "RUN-YE2"] },
    ]);

    const input = { where: WORKBOOK_WHERE, periods: FY26_27, ledger: both, settlements: [SET1] };
    expect(yearEndRunReversalIssues({ ...input, runId: "RUN-YE1" }).map((i) => i.code)).toEqual([
      "YEAR_END_RUN_DEPENDED_ON",
    ]);
    expect(yearEndRunReversalIssues({ ...input, runId: "RUN-YE1" })[0]!.message).toContain("RUN-YE2");
    expect(yearEndRunReversalIssues({ ...input, runId: "RUN-YE2" })).toEqual([]);

    const r = reverseYearEndClose({ ...input, fiscalYear: "FY2026" });
    expect(r.proposal.issues).toEqual([]);
    expect(r.runIds).toEqual(["RUN-YE1", "RUN-YE2"]);
    // two vouchers per run (closing in FY2026-CLOSE, opening in FY2027-OPEN), each tagged with the run it reverses
    expect(r.proposal.vouchers.map((v) => [v.period, v.source])).toEqual([
      ["FY2026-CLOSE", "reversal:RUN-YE1"],
      ["FY2027-OPEN", "reversal:RUN-YE1"],
      ["FY2026-CLOSE", "reversal:RUN-YE2"],
      ["FY2027-OPEN", "reversal:RUN-YE2"],
    ]);
    // posted with those sources: nothing is closed, and every balance is the ledger's without any year-end line
    let no = Math.max(...both.map((e) => e.entryNo));
    const back = [
      ...both,
      ...r.proposal.vouchers.flatMap((v) =>
        v.lines.map((l) => ({
          ...both[0]!,
          entryNo: ++no,
          voucher: "REV",
          date: v.date,
          period: v.period!,
          account: l.account,
          dimensions: l.dimensions,
          currency: l.currency,
          amount: l.amount,
          amountAccounting: l.amountAccounting,
          description: l.description,
          source: v.source!,
          runId: "RUN-R",
        })),
      ),
    ];
    expect(closedYears(FY26_27, back)).toEqual([]);
    const all = () => true;
    expect(balances(back, all)).toEqual(
      balances(
        late.filter((e) => e.source !== "close:year-end"),
        all,
      ),
    );
    expect(codes(reverseYearEndClose({ ...input, ledger: back, fiscalYear: "FY2026" }).proposal)).toEqual([
      "YEAR_END_NOT_CLOSED",
    ]);
  });

  test("refused while a later year is closed or an opening copy is settled", () => {
    const y26 = post(L, close(L, keep, { settlements: [SET1] }), "RUN-YE1");
    // the copy of entry 1 is entry 6 (9,000.00); settle 1,000.00 of it in FY2027 against a new credit 31
    const y27 = [
      ...y26,
      ...ledger(`
      30 2027-01-31 6100 1000.00
      31 2027-01-31 1100 -1000.00 voucher=GL-30
    `),
    ];
    const SET2: SettlementRecord = {
      ...SET1,
      settlementId: "SET-2",
      date: "2027-01-31",
      entries: [
        { entryNo: 6, settledAmount: A("1000.00"), settledAccounting: A("1000.00") },
        { entryNo: 31, settledAmount: A("-1000.00"), settledAccounting: A("-1000.00") },
      ],
    };
    const settled = { where: WORKBOOK_WHERE, periods: FY26_28, ledger: y27, settlements: [SET1, SET2] };
    expect(codes(reverseYearEndClose({ ...settled, fiscalYear: "FY2026" }).proposal)).toEqual([
      "YEAR_END_OPENING_SETTLED",
    ]);
    expect(yearEndRunReversalIssues({ ...settled, runId: "RUN-YE1" }).map((i) => i.code)).toEqual([
      "YEAR_END_OPENING_SETTLED",
    ]);
    // FY2027 closed as well: FY2026's close is not reversed before FY2027's
    const y28 = post(
      y27,
      yearEndClose({ setup: setup3, ledger: y27, settlements: [SET1], fiscalYear: "FY2027", options: OPTIONS }),
      "RUN-YE3",
    );
    const later = { where: WORKBOOK_WHERE, periods: FY26_28, ledger: y28, settlements: [SET1] };
    expect(closedYears(FY26_28, y28).map((y) => [y.fiscalYear, y.runIds])).toEqual([
      ["FY2026", ["RUN-YE1"]],
      ["FY2027", ["RUN-YE3"]],
    ]);
    const r = reverseYearEndClose({ ...later, fiscalYear: "FY2026" });
    expect(codes(r.proposal)).toEqual(["YEAR_END_LATER_YEAR_CLOSED"]);
    expect(r.proposal.issues[0]!.message).toContain("reverse the year-end close of FY2027 first");
    expect(codes(reverseYearEndClose({ ...later, fiscalYear: "FY2027" }).proposal)).toEqual([]);
    // a date in FY2026 names both closes, latest first
    expect(inClosedYear(closedYears(FY26_28, y28), "2026-05-01")).toBe(
      "in FY2026, closed by a year-end close: reverse the year-end close of FY2027, then FY2026 first",
    );
    expect(inClosedYear(closedYears(FY26_28, y28), "2028-01-05")).toBeUndefined();
  });
});
