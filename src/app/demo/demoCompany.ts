/**
 * The demo company "Northwind Trading Inc.": the starter setup (USD, fiscal
 * year = calendar 2026) plus foreign-currency bank, receivable and payable
 * accounts, a year of daily exchange rates and a year of draft journal lines.
 * Everything comes from one seed through a small integer PRNG (mulberry32),
 * so the same seed always gives the same workbook, on any machine.
 *
 * Rates are a mean-reverting random walk held in millionths (integers), so no
 * floating-point function can make two machines disagree: EUR→USD near 1.08
 * and GBP→USD near 1.27 per 1 unit, JPY→USD near 0.67 per 100 JPY; one spot
 * rate per day from 2025-12-31 to 2026-12-31 and one "average" rate per month
 * (dated the month end, the mean of that month's spot rates).
 *
 * Every draft voucher is in one currency and balances in it; journal
 * "GJ-2026-MM" holds month MM, draft vouchers D-0001… run in date order.
 * Example, whatever the seed: D-0001 2026-01-01 Dr 1000 Cash USD 500,000.00 /
 * Cr 3000 Share capital 500,000.00 ("Capital injection by shareholders"),
 * D-0002 the January rent, Dr 6100 5,600.00 (SALES/CC200) + Dr 6100 8,400.00
 * (ADMIN/CC100) / Cr 1000 14,000.00. A EUR sale is Dr 1110 / Cr 4000
 * (SALES/CC100), both lines EUR; its receipt next month is Dr 1010 Bank EUR /
 * Cr 1110, sometimes in two parts ("(part)", then "(balance)"). Supplier bills
 * in GBP and JPY are Dr 5000 / Cr 2010 or 2020, paid the month after from
 * 1020 or 1030. Month ends carry payroll, depreciation 2,000.00, insurance
 * 1,500.00 out of prepaid, and a utilities accrual reversed on the 1st.
 */
import { daysInMonth, isoDate } from "../../core/calendar/fiscalYear";
import type { Account, DimensionSet, ExchangeRate, IsoDate, JournalLine } from "../../core/ledger/types";
import { Amount, Rate } from "../../core/money";
import { account, CATEGORY, STARTER_ACCOUNTS as A, starterSetup, type StarterSetup } from "./starterSetup";

export interface DemoCompany extends StarterSetup {
  readonly rates: ExchangeRate[];
  readonly journal: JournalLine[];
}

export const DEMO_COMPANY = "Northwind Trading Inc.";
export const DEMO_YEAR = 2026;

/** Accounts the demo adds to the starter chart. */
export const DEMO_ACCOUNTS = {
  bankEur: "1010",
  bankGbp: "1020",
  bankJpy: "1030",
  receivablesEur: "1110",
  payablesGbp: "2010",
  payablesJpy: "2020",
} as const;
const D = DEMO_ACCOUNTS;

/** mulberry32: a 32-bit seeded PRNG; returns uint32 values. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** integer in min..max inclusive */
  int(min: number, max: number): number {
    return min + Math.floor((this.next() / 4294967296) * (max - min + 1));
  }
  /** true with probability percent/100 */
  chance(percent: number): boolean {
    return this.int(0, 99) < percent;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }
}

// ---------------------------------------------------------------- rates

interface WalkSpec {
  readonly from: string;
  readonly quotationUnit: number;
  /** centre of the walk, in millionths */
  readonly base: number;
  /** largest daily step, in millionths */
  readonly step: number;
}

const WALKS: readonly WalkSpec[] = [
  { from: "EUR", quotationUnit: 1, base: 1_080_000, step: 3_500 },
  { from: "GBP", quotationUnit: 1, base: 1_270_000, step: 4_000 },
  { from: "JPY", quotationUnit: 100, base: 670_000, step: 2_500 },
];

function micros(m: number): string {
  return Amount.fromUnits(BigInt(m), 6).toString();
}

function rateOf(m: number): Rate {
  const r = Rate.parse(micros(m));
  if (!r) throw new Error(`bad rate ${m}`);
  return r;
}

function buildRates(seed: number, year: number, to: string): ExchangeRate[] {
  const source = `Demo random walk (seed ${seed})`;
  const days: IsoDate[] = [isoDate(year - 1, 12, 31)];
  for (let month = 1; month <= 12; month++) {
    for (let day = 1; day <= daysInMonth(year, month); day++) days.push(isoDate(year, month, day));
  }
  const spot: ExchangeRate[] = [];
  const average: ExchangeRate[] = [];
  const series = WALKS.map((w, i) => {
    const rng = new Rng((seed * 7919 + i * 104729 + 17) >>> 0);
    let value = w.base + rng.int(-5 * w.step, 5 * w.step);
    return days.map((_, d) => {
      if (d > 0) value += rng.int(-w.step, w.step) + Math.trunc((w.base - value) / 40);
      return value;
    });
  });
  days.forEach((date, d) => {
    WALKS.forEach((w, i) => {
      spot.push({ date, from: w.from, to, type: "spot", rate: rateOf(series[i]?.[d] ?? w.base), quotationUnit: w.quotationUnit, source });
    });
  });
  for (let month = 1; month <= 12; month++) {
    const prefix = isoDate(year, month, 1).slice(0, 8);
    WALKS.forEach((w, i) => {
      const values = (series[i] ?? []).filter((_, d) => days[d]?.startsWith(prefix));
      const mean = Math.round(values.reduce((s, v) => s + v, 0) / values.length);
      average.push({ date: isoDate(year, month, daysInMonth(year, month)), from: w.from, to, type: "average", rate: rateOf(mean), quotationUnit: w.quotationUnit, source });
    });
  }
  return [...spot, ...average];
}

// ---------------------------------------------------------------- journal

interface Dims {
  readonly Department?: string;
  readonly CostCenter?: string;
}

interface DraftLine {
  readonly account: string;
  readonly side: "debit" | "credit";
  readonly amount: Amount;
  readonly dims?: Dims;
  readonly description: string;
}

interface DraftVoucher {
  readonly date: IsoDate;
  readonly currency: string;
  readonly lines: readonly DraftLine[];
}

/** An open invoice waiting for its payment (units at the currency's precision). */
interface OpenItem {
  readonly ref: string;
  readonly party: string;
  readonly currency: string;
  remaining: bigint;
  partPaid: boolean;
}

const PRECISION: Readonly<Record<string, number>> = { USD: 2, EUR: 2, GBP: 2, JPY: 0 };

function money(currency: string, units: number | bigint): Amount {
  return Amount.fromUnits(BigInt(units), PRECISION[currency] ?? 2);
}

const EUR_CUSTOMERS = ["Müller Handels GmbH", "Lefèvre Distribution SA", "Rossi Import S.r.l.", "Van Dijk Retail B.V.", "Nordlicht AG"];
const USD_CUSTOMERS = ["Contoso Ltd", "Fabrikam Inc.", "Adventure Works", "Tailspin Toys", "Wide World Importers"];
const USD_SUPPLIERS = ["Litware Inc.", "Proseware Supply", "Lucerne Packaging"];
const GBP_SUPPLIERS = ["Hartley & Sons Ltd", "Brighton Components plc"];
const JPY_SUPPLIERS = ["Sakura Seiki K.K.", "Tanaka Electronics Co."];

/** Two lines: Dr `debit` / Cr `credit` for `amount`; dimensions on the P&L side only. */
function pair(date: IsoDate, currency: string, debit: string, credit: string, amount: Amount, description: string, dims: { debit?: Dims; credit?: Dims } = {}): DraftVoucher {
  return {
    date,
    currency,
    lines: [
      { account: debit, side: "debit", amount, description, ...(dims.debit ? { dims: dims.debit } : {}) },
      { account: credit, side: "credit", amount, description, ...(dims.credit ? { dims: dims.credit } : {}) },
    ],
  };
}

/** Several lines on one side, balanced by one line on the other side for their sum. */
function split(date: IsoDate, currency: string, side: "debit" | "credit", parts: readonly { account: string; amount: Amount; dims?: Dims; description: string }[], balancing: { account: string; description: string; dims?: Dims }): DraftVoucher {
  const total = Amount.sum(parts.map((p) => p.amount));
  const other = side === "debit" ? "credit" : "debit";
  return {
    date,
    currency,
    lines: [
      ...parts.map((p): DraftLine => ({ account: p.account, side, amount: p.amount, description: p.description, ...(p.dims ? { dims: p.dims } : {}) })),
      { account: balancing.account, side: other, amount: total, description: balancing.description, ...(balancing.dims ? { dims: balancing.dims } : {}) },
    ],
  };
}

/** Stable sort by date. */
function byDate<T extends { readonly date: IsoDate }>(items: readonly T[]): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => (a.item.date < b.item.date ? -1 : a.item.date > b.item.date ? 1 : a.i - b.i))
    .map((x) => x.item);
}

class JournalBuilder {
  private readonly rng: Rng;
  private readonly openReceivables: OpenItem[] = [];
  private readonly openPayables: OpenItem[] = [];
  private invoiceNo = 0;
  private billNo = 0;

  constructor(
    seed: number,
    private readonly year: number,
  ) {
    this.rng = new Rng((seed ^ 0x5eed_2026) >>> 0);
  }

  private day(month: number, from: number, to: number): IsoDate {
    const last = daysInMonth(this.year, month);
    return isoDate(this.year, month, Math.min(last, this.rng.int(from, to)));
  }

  private monthEnd(month: number): IsoDate {
    return isoDate(this.year, month, daysInMonth(this.year, month));
  }

  /** Pays the items opened before `month`: mostly in full, sometimes half now and the rest later. */
  private settle(items: OpenItem[], month: number, pay: (item: OpenItem, date: IsoDate, amount: Amount, label: string) => DraftVoucher): DraftVoucher[] {
    const out: DraftVoucher[] = [];
    for (const item of [...items]) {
      const partial = !item.partPaid && item.remaining > 1000n && this.rng.chance(12);
      const units = partial ? item.remaining / 2n : item.remaining;
      const label = partial ? " (part)" : item.partPaid ? " (balance)" : "";
      item.remaining -= units;
      item.partPaid = partial;
      out.push(pay(item, this.day(month, 3, 27), money(item.currency, units), label));
      if (item.remaining === 0n) items.splice(items.indexOf(item), 1);
    }
    return out;
  }

  month(month: number): DraftVoucher[] {
    const r = this.rng;
    const out: DraftVoucher[] = [];
    const mm = String(month).padStart(2, "0");
    const sales = (cc: string): Dims => ({ Department: "SALES", CostCenter: cc });
    const admin = (cc: string): Dims => ({ Department: "ADMIN", CostCenter: cc });

    if (month === 1) {
      out.push(pair(isoDate(this.year, 1, 1), "USD", A.cash, A.shareCapital, money("USD", 500_000_00), "Capital injection by shareholders"));
      out.push(pair(isoDate(this.year, 1, 6), "USD", A.equipment, A.cash, money("USD", 120_000_00), "Warehouse racking and forklifts"));
      out.push(pair(isoDate(this.year, 1, 8), "USD", A.prepaid, A.cash, money("USD", 18_000_00), "Annual insurance premium paid in advance"));
    }

    // Receipts and payments of earlier months' invoices (before this month's new ones are opened).
    out.push(
      ...this.settle(this.openReceivables, month, (item, date, amount, label) =>
        item.currency === "EUR"
          ? pair(date, "EUR", D.bankEur, D.receivablesEur, amount, `Receipt ${item.ref} ${item.party}${label}`)
          : pair(date, "USD", A.cash, A.receivables, amount, `Receipt ${item.ref} ${item.party}${label}`),
      ),
    );
    out.push(
      ...this.settle(this.openPayables, month, (item, date, amount, label) => {
        const [payable, bank] = item.currency === "GBP" ? [D.payablesGbp, D.bankGbp] : item.currency === "JPY" ? [D.payablesJpy, D.bankJpy] : [A.payables, A.cash];
        return pair(date, item.currency, payable, bank, amount, `Payment ${item.ref} ${item.party}${label}`);
      }),
    );

    // Sales on credit, numbered in date order: EUR (Dr 1110 / Cr 4000, sometimes goods and
    // installation on two revenue lines) and USD (Dr 1100 / Cr 4000).
    const invoices: { date: IsoDate; currency: string; party: string; parts: { amount: Amount; cc: string; what: string }[] }[] = [];
    for (let i = r.int(2, 3); i > 0; i--) {
      const parts = [{ amount: money("EUR", r.int(12_000_00, 48_000_00)), cc: "CC100", what: " goods" }];
      if (r.chance(20)) parts.push({ amount: money("EUR", r.int(500_00, 4_000_00)), cc: "CC200", what: " installation" });
      invoices.push({ date: this.day(month, 2, 26), currency: "EUR", party: r.pick(EUR_CUSTOMERS), parts });
    }
    for (let i = r.int(2, 3); i > 0; i--) {
      invoices.push({ date: this.day(month, 2, 27), currency: "USD", party: r.pick(USD_CUSTOMERS), parts: [{ amount: money("USD", r.int(24_000_00, 56_000_00)), cc: r.pick(["CC100", "CC200"]), what: "" }] });
    }
    for (const inv of byDate(invoices)) {
      const ref = `INV-${String(++this.invoiceNo).padStart(4, "0")}`;
      const receivable = inv.currency === "EUR" ? D.receivablesEur : A.receivables;
      const parts = inv.parts.map((p) => ({ account: A.sales, amount: p.amount, dims: sales(p.cc), description: `${ref} ${inv.party}${p.what}` }));
      const v = split(inv.date, inv.currency, "credit", parts, { account: receivable, description: `${ref} ${inv.party}` });
      out.push(v);
      const total = v.lines[v.lines.length - 1]?.amount ?? Amount.ZERO;
      this.openReceivables.push({ ref, party: inv.party, currency: inv.currency, remaining: total.units, partPaid: false });
    }

    // Cash sales settled straight into the GBP and JPY banks.
    out.push(pair(this.day(month, 10, 20), "GBP", D.bankGbp, A.sales, money("GBP", r.int(12_000_00, 20_000_00)), `UK web shop settlement ${this.year}-${mm}`, { credit: sales("CC100") }));
    out.push(pair(this.day(month, 20, 28), "JPY", D.bankJpy, A.sales, money("JPY", r.int(2_000, 4_200) * 1000), `Japan distributor settlement ${this.year}-${mm}`, { credit: sales("CC100") }));

    // Supplier invoices for goods for resale in USD, GBP and JPY, numbered in date order.
    const bills = [
      { date: this.day(month, 3, 25), currency: "USD", payable: A.payables, party: r.pick(USD_SUPPLIERS), amount: money("USD", r.int(18_000_00, 34_000_00)) },
      { date: this.day(month, 3, 25), currency: "GBP", payable: D.payablesGbp, party: r.pick(GBP_SUPPLIERS), amount: money("GBP", r.int(7_000_00, 14_000_00)) },
      { date: this.day(month, 3, 25), currency: "JPY", payable: D.payablesJpy, party: r.pick(JPY_SUPPLIERS), amount: money("JPY", r.int(1_500_000, 3_500_000)) },
    ];
    for (const b of byDate(bills)) {
      const ref = `BILL-${String(++this.billNo).padStart(4, "0")}`;
      out.push(pair(b.date, b.currency, A.cogs, b.payable, b.amount, `${ref} ${b.party}`, { debit: sales("CC200") }));
      this.openPayables.push({ ref, party: b.party, currency: b.currency, remaining: b.amount.units, partPaid: false });
    }

    // Payroll by department and cost center, paid at month end.
    const payroll = [
      { account: A.salaries, amount: money("USD", r.int(24_000_00, 26_000_00)), dims: sales("CC100"), description: `Salaries ${this.year}-${mm} sales, head office` },
      { account: A.salaries, amount: money("USD", r.int(9_000_00, 10_500_00)), dims: sales("CC200"), description: `Salaries ${this.year}-${mm} sales, warehouse` },
      { account: A.salaries, amount: money("USD", r.int(24_000_00, 26_500_00)), dims: admin("CC100"), description: `Salaries ${this.year}-${mm} administration, head office` },
    ];
    out.push(split(this.day(month, 25, 28), "USD", "debit", payroll, { account: A.cash, description: `Payroll ${this.year}-${mm}` }));

    // Rent, split between the departments.
    out.push(
      split(
        isoDate(this.year, month, 1),
        "USD",
        "debit",
        [
          { account: A.rent, amount: money("USD", 5_600_00), dims: sales("CC200"), description: `Rent ${this.year}-${mm} warehouse` },
          { account: A.rent, amount: money("USD", 8_400_00), dims: admin("CC100"), description: `Rent ${this.year}-${mm} head office` },
        ],
        { account: A.cash, description: `Rent ${this.year}-${mm}` },
      ),
    );

    // Utilities: last month's accrual reversed, this month's bill paid, next bill accrued.
    if (month > 1) {
      out.push(pair(isoDate(this.year, month, 1), "USD", A.accrued, A.utilities, this.lastAccrual, `Reverse utilities accrual ${this.year}-${String(month - 1).padStart(2, "0")}`, { credit: admin("CC100") }));
    }
    out.push(pair(this.day(month, 12, 18), "USD", A.utilities, A.cash, money("USD", r.int(2_400_00, 3_600_00)), `Utilities and office ${this.year}-${mm}`, { debit: admin("CC100") }));
    this.lastAccrual = money("USD", r.int(2_400_00, 3_600_00));
    out.push(pair(this.monthEnd(month), "USD", A.utilities, A.accrued, this.lastAccrual, `Accrue utilities ${this.year}-${mm}`, { debit: admin("CC100") }));

    // Travel, now and then.
    if (r.chance(30)) out.push(pair(this.day(month, 5, 25), "USD", A.travel, A.cash, money("USD", r.int(800_00, 4_500_00)), `Customer visits ${this.year}-${mm}`, { debit: sales("CC100") }));

    // Insurance prepaid in January, expensed monthly.
    out.push(pair(this.monthEnd(month), "USD", A.insurance, A.prepaid, money("USD", 1_500_00), `Insurance ${this.year}-${mm}`, { debit: admin("CC100") }));

    // Depreciation of the January equipment over five years.
    out.push(pair(this.monthEnd(month), "USD", A.depreciation, A.accumulatedDepreciation, money("USD", 2_000_00), `Depreciation ${this.year}-${mm}`, { debit: admin("CC200") }));

    // EUR bank charges at quarter end.
    if (month % 3 === 0) out.push(pair(this.monthEnd(month), "EUR", A.bankCharges, D.bankEur, money("EUR", r.int(45_00, 160_00)), `Bank charges Q${month / 3}`, { debit: admin("CC100") }));

    return out;
  }

  private lastAccrual: Amount = Amount.ZERO;
}

const DIMENSION_NAMES = ["Department", "CostCenter"] as const;

function dimensionSet(dims: Dims | undefined): DimensionSet {
  const set: Record<string, string> = {};
  for (const name of DIMENSION_NAMES) set[name] = dims?.[name] ?? "";
  return set;
}

function buildJournal(seed: number, year: number): JournalLine[] {
  const builder = new JournalBuilder(seed, year);
  const lines: JournalLine[] = [];
  let voucherNo = 0;
  for (let month = 1; month <= 12; month++) {
    const journal = `GJ-${year}-${String(month).padStart(2, "0")}`;
    const vouchers = builder.month(month);
    // draft numbers run in date order within the month
    for (const v of byDate(vouchers)) {
      const draftVoucher = `D-${String(++voucherNo).padStart(4, "0")}`;
      for (const l of v.lines) {
        lines.push({
          row: lines.length + 1,
          journal,
          draftVoucher,
          date: v.date,
          account: l.account,
          dimensions: dimensionSet(l.dims),
          currency: v.currency,
          ...(l.side === "debit" ? { debit: l.amount } : { credit: l.amount }),
          description: l.description,
          status: "Draft",
          message: "",
          postedVoucher: "",
        });
      }
    }
  }
  return lines;
}

function demoAccounts(base: readonly Account[]): Account[] {
  const extra: Account[] = [
    account(D.bankEur, "Bank EUR", "asset", CATEGORY.cash, { currency: "EUR", revalue: true }),
    account(D.bankGbp, "Bank GBP", "asset", CATEGORY.cash, { currency: "GBP", revalue: true }),
    account(D.bankJpy, "Bank JPY", "asset", CATEGORY.cash, { currency: "JPY", revalue: true }),
    account(D.receivablesEur, "Accounts receivable EUR", "asset", CATEGORY.receivables, { currency: "EUR", revalue: true, settle: true }),
    account(D.payablesGbp, "Accounts payable GBP", "liability", CATEGORY.payables, { currency: "GBP", revalue: true, settle: true }),
    account(D.payablesJpy, "Accounts payable JPY", "liability", CATEGORY.payables, { currency: "JPY", revalue: true, settle: true }),
  ];
  return [...base, ...extra].sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
}

export function demoCompany(seed = 2026): DemoCompany {
  const setup = starterSetup({ company: DEMO_COMPANY, accountingCurrency: "USD", fiscalYearStart: DEMO_YEAR, startMonth: 1 });
  return {
    ...setup,
    accounts: demoAccounts(setup.accounts),
    rates: buildRates(seed, DEMO_YEAR, setup.settings.accountingCurrency),
    journal: buildJournal(seed, DEMO_YEAR),
  };
}
