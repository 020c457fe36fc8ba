/**
 * The close's computations over the columnar ledger (src/core/ledger/columns.ts: year-end groups and sums in
 * yearEndColumns.ts, the counted lines, the journal report's date test, the revaluation / allocation /
 * settlement prefilters, the balance start's skipped periods) give exactly what the loops over the line objects
 * give, on random ledgers: accounting currencies of 0, 2 and 3 decimals, amounts near and beyond 2^53 units,
 * amounts carrying more (or fewer) decimals than their currency, reporting amounts or none, lines posted by
 * settlements, earlier year-end lines and their reversals, entry numbers out of order. Each call gets a new
 * array, so the columns are built (COLUMNAR.minLines = 0) or never seen (Infinity). And Sum equals chaining
 * Amount.plus, units and scale.
 */
import fc from "fast-check";
import { allocateRules } from "../../src/core/close/allocations";
import type { AllocationRule } from "../../src/core/close/allocationRules";
import { fxRevaluation } from "../../src/core/close/fxRevaluation";
import { autoSettle, type SettlementRecord } from "../../src/core/close/settlement";
import { yearEndClose } from "../../src/core/close/yearEndClose";
import { Sum } from "../../src/core/ledger/amountSum";
import type { Setup } from "../../src/core/ledger/book";
import type { LedgerEntry } from "../../src/core/ledger/types";
import { Amount } from "../../src/core/money";
import { journalReport } from "../../src/core/statements/journalReport";
import { acct, makeSetup } from "../support/fixtures";
import {
  CURRENCIES,
  dimsArb,
  periods,
  unitsArb,
  withAndWithoutColumns,
  withCurrencies,
} from "../support/columnarArbitraries";

const ACCOUNTS = [
  acct("1000", "Cash", "asset"),
  acct("1010", "Bank EUR", "asset", { revalue: true }),
  acct("1100", "Receivables", "asset", { settle: true, revalue: true }),
  acct("2000", "Payables", "liability", { settle: true }),
  acct("3900", "Retained earnings", "equity"),
  acct("4000", "Revenue", "revenue", { revalue: true }),
  acct("6100", "Rent", "expense"),
  acct("6900", "Rounding differences", "expense"),
];
function setupIn(accounting: string, reporting: boolean): Setup {
  const base = makeSetup({
    periods,
    accounts: ACCOUNTS,
    settings: {
      accountingCurrency: accounting,
      unrealizedGainAccount: "4000",
      unrealizedLossAccount: "6100",
      realizedGainAccount: "4000",
      realizedLossAccount: "6100",
      ...(reporting ? { reportingCurrency: "EUR" } : {}),
    },
  });
  return withCurrencies(base);
}

const units = unitsArb(1);
const dims = dimsArb(["", "CC1"]);
/** a 2-line voucher: the second line the first negated (or not, now and then) */
const voucherArb = fc.record({
  period: fc.constantFrom(...periods),
  day: fc.nat(30),
  accounts: fc.tuple(
    // an account not in the chart now and then (the year-end close refuses it)
    fc.oneof(
      { weight: 30, arbitrary: fc.constantFrom("1000", "1010", "1100", "2000", "4000", "6100") },
      { weight: 1, arbitrary: fc.constant("9999") },
    ),
    fc.constantFrom("1000", "1100", "2000", "3900", "4000", "6100"),
  ),
  dimensions: dims,
  currency: fc.constantFrom(...CURRENCIES.map((c) => c.code)),
  units: units,
  // the accounting amount's decimals relative to the accounting currency's: fewer, the same, more
  extra: fc.constantFrom(-1, 0, 0, 0, 1),
  txnUnits: units,
  txnExtra: fc.constantFrom(-1, 0, 0, 0, 1),
  reporting: fc.option(units, { nil: undefined }),
  balanced: fc.boolean(),
  source: fc.constantFrom("journal:GJ", "journal:GJ", "close:year-end", "reversal:RUN-1", "reversal:RUN-2"),
  runId: fc.constantFrom("RUN-1", "RUN-2", ""),
  settled: fc.constantFrom("", "", "", "SET-000009", " "),
});
type Voucher = typeof voucherArb extends fc.Arbitrary<infer T> ? T : never;

/**
 * `plain`: units below 10^7, any decimal beyond the currency's a trailing zero (the columns' float sums are
 * exact, so their fast paths run); otherwise as generated (bigint sums, extra digits: the line objects are summed).
 */
function toLedger(vouchers: Voucher[], scale: number, shuffle: boolean, plain = false): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  vouchers.forEach((v, n) => {
    const start = Date.parse(v.period.start);
    const end = Date.parse(v.period.end);
    const date = new Date(Math.min(end, start + v.day * 86_400_000)).toISOString().slice(0, 10);
    const precision = CURRENCIES.find((c) => c.code === v.currency)!.precision;
    // plain: a decimal beyond the currency's is a trailing zero
    const extra = v.extra;
    const txnExtra = v.txnExtra;
    const small = (u: bigint, more: number) => (plain ? (u % 1_000_000n) * (more > 0 ? 10n : 1n) : u);
    v.accounts.forEach((account, k) => {
      const sign = k === 0 || !v.balanced ? 1n : -1n;
      const no = shuffle && n % 3 === 1 ? 2 * n + 2 - k : 2 * n + 1 + k;
      out.push({
        entryNo: no,
        voucher: `GL-${n + 1}`,
        date,
        period: v.period.id,
        account,
        dimensions: v.dimensions,
        currency: v.currency,
        amount: Amount.fromUnits(sign * small(v.txnUnits, txnExtra), Math.max(0, precision + txnExtra)),
        amountAccounting: Amount.fromUnits(sign * small(v.units, extra), Math.max(0, scale + extra)),
        ...(v.reporting !== undefined ? { amountReporting: Amount.fromUnits(sign * v.reporting, 2) } : {}),
        description: "",
        source: v.source,
        runId: v.runId,
        settlementId: v.settled,
        user: "u",
        postedAt: "2027-12-31T00:00:00Z",
      });
    });
  });
  return out;
}

/** f() with the columns (every ledger large enough) and without (none is). */
const both = withAndWithoutColumns;

const RULE: AllocationRule = {
  id: "R1",
  description: "rent",
  method: "fixedPercentage",
  source: { accounts: ["6100"], dimensions: { Department: "SALES" } },
  destinations: [{ account: "6100", dimensions: { Department: "ADMIN" }, percentage: "25" }],
  offset: "source",
  date: "2026-12-31",
};

const settledRecord: SettlementRecord = {
  settlementId: "SET-000001",
  date: "2026-06-30",
  account: "1100",
  basis: "transaction",
  currency: "USD",
  how: "automatic",
  status: "settled",
  entries: [
    { entryNo: 1, settledAmount: Amount.fromUnits(1n, 2), settledAccounting: Amount.fromUnits(1n, 2) },
    { entryNo: 3, settledAmount: Amount.fromUnits(-1n, 2), settledAccounting: Amount.fromUnits(-1n, 2) },
  ],
};

const caseArb = fc.record({
  accounting: fc.constantFrom("USD", "JPY", "KWD"),
  reporting: fc.boolean(),
  vouchers: fc.array(voucherArb, { maxLength: 40 }),
  shuffle: fc.boolean(),
  plain: fc.boolean(),
  month: fc.integer({ min: 1, max: 12 }),
});

describe("the close over the columns = the close over the line objects", () => {
  it("year-end close (closing vouchers or not, keep detail or not, delta or not, with a live settlement or none)", () => {
    fc.assert(
      fc.property(
        caseArb,
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom("reverseAndRecreate" as const, "delta" as const),
        fc.boolean(),
        (c, closingVouchers, keepDetail, rerun, live) => {
          const setup = setupIn(c.accounting, c.reporting);
          const scale = CURRENCIES.find((x) => x.code === c.accounting)!.precision;
          const [cols, objects] = both(() =>
            yearEndClose({
              setup,
              ledger: toLedger(c.vouchers, scale, c.shuffle, c.plain),
              settlements: live ? [settledRecord] : [],
              fiscalYear: "FY2026",
              options: { closingVouchers, keepDetail, dimensionMode: {}, rerun },
            }),
          );
          expect(cols).toEqual(objects);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("journal report, revaluation, allocation and automatic settlement of a month", () => {
    fc.assert(
      fc.property(caseArb, fc.boolean(), (c, withFrom) => {
        const setup = setupIn(c.accounting, c.reporting);
        const scale = CURRENCIES.find((x) => x.code === c.accounting)!.precision;
        const ledger = () => toLedger(c.vouchers, scale, c.shuffle, c.plain);
        const p = periods.find(
          (x) => x.kind === "operating" && x.start.startsWith(`2026-${String(c.month).padStart(2, "0")}`),
        )!;
        const range = { from: p.start, to: p.end };
        const [jc, jo] = both(() => journalReport(ledger(), setup, range));
        expect(jc).toEqual(jo);
        const [fc1, fo] = both(() =>
          fxRevaluation({ setup, ledger: ledger(), date: p.end, fiscalYearStart: "2026-01-01" }),
        );
        expect(fc1).toEqual(fo);
        const [ac, ao] = both(() => allocateRules({ setup, ledger: ledger(), ...range, rules: [RULE] }));
        expect(ac).toEqual(ao);
        const [sc, so] = both(() =>
          autoSettle({
            setup,
            ledger: ledger(),
            settlements: [],
            nextSettlementNo: 9,
            settlementPrefix: "SET-",
            date: p.end,
            ...(withFrom ? { from: "2026-02-01" } : {}),
          }),
        );
        expect(sc).toEqual(so);
      }),
      { numRuns: 200 },
    );
  });

  it("Sum gives the units and scale of chaining Amount.plus (scales 0 to 4, units near and beyond 2^53)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(units, fc.integer({ min: 0, max: 4 })), { maxLength: 30 }), (xs) => {
        const amounts = xs.map(([u, s]) => Amount.fromUnits(u, s));
        const sum = new Sum();
        for (const a of amounts) sum.add(a);
        const v = sum.value();
        const chained = amounts.reduce((acc, a) => acc.plus(a), Amount.ZERO);
        expect([v.units, v.scale]).toEqual([chained.units, chained.scale]);
      }),
      { numRuns: 500 },
    );
  });

  it("Sum past 2^53: 2 × (2^53 − 1) + 1 cents is exact", () => {
    // 2 × 9,007,199,254,740,991 + 1 = 18,014,398,509,481,983: a double would round it to an even number
    const sum = new Sum();
    for (const u of [9_007_199_254_740_991n, 9_007_199_254_740_991n, 1n]) sum.add(Amount.fromUnits(u, 2));
    expect(sum.value().toString()).toBe("180143985094819.83");
  });
});
