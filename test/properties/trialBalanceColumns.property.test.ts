/**
 * The columnar trial balance (src/core/ledger/columns.ts, trialBalanceColumns.ts) equals the object trial balance
 * exactly on random ledgers: accounting currencies of 0, 2 and 3 decimals, transaction currencies of 0/2/3,
 * amounts near and beyond 2^53 units (so the float sums must give way to bigint), lines carrying more decimals
 * than their currency (both cut them the same way), opening periods, dimension objects shared, repeated by
 * content, in another key order or missing a dimension, split by dimensions and by currency, with and without a
 * balance start.
 */
import fc from "fast-check";
import { buildColumns, ledgerColumns } from "../../src/core/ledger/columns";
import {
  balanceStartFor,
  trialBalanceVia,
  type TrialBalance,
  type TrialBalanceOptions,
} from "../../src/core/ledger/trialBalance";
import type { Setup } from "../../src/core/ledger/book";
import type { LedgerEntry } from "../../src/core/ledger/types";
import { Amount } from "../../src/core/money";
import { balanceSheet } from "../../src/core/statements/balanceSheet";
import { incomeStatement } from "../../src/core/statements/incomeStatement";
import { makeSetup } from "../support/fixtures";
import {
  CURRENCIES,
  dimsArb,
  periods,
  unitsArb,
  withAndWithoutColumns,
  withCurrencies,
} from "../support/columnarArbitraries";

const operating = periods.filter((p) => p.kind === "operating");
function setupIn(accounting: string): Setup {
  const base = makeSetup({ periods, settings: { accountingCurrency: accounting } });
  return withCurrencies(base);
}

const units = unitsArb();
const dims = dimsArb(["", "CC1", "CC2"]);
const entryArb = fc.record({
  period: fc.constantFrom(...periods),
  day: fc.nat(30),
  account: fc.constantFrom("1000", "1100", "2000", "4000", "6100", "9999"),
  dimensions: dims,
  currency: fc.constantFrom(...CURRENCIES.map((c) => c.code)),
  units: units,
  // the accounting amount's decimals relative to the accounting currency's: fewer, the same, more
  extra: fc.constantFrom(-1, 0, 0, 0, 1, 2),
  txnUnits: units,
  txnScale: fc.integer({ min: 0, max: 4 }),
  // a reversed year-end run's openings bring nothing forward (balanceStart reads sources and run ids)
  source: fc.constantFrom("journal:GJ", "year-end:FY", "reversal:RUN-0", "reversal:RUN-1"),
});
type Spec = typeof entryArb extends fc.Arbitrary<infer T> ? T : never;

function toLedger(specs: Spec[], scale: number): LedgerEntry[] {
  return specs.map((s, i) => {
    const start = Date.parse(s.period.start);
    const end = Date.parse(s.period.end);
    const date = new Date(Math.min(end, start + s.day * 86_400_000)).toISOString().slice(0, 10);
    return {
      entryNo: i + 1,
      voucher: `GL-${i + 1}`,
      date,
      period: s.period.id,
      account: s.account,
      dimensions: s.dimensions,
      currency: s.currency,
      amount: Amount.fromUnits(s.txnUnits, s.txnScale),
      amountAccounting: Amount.fromUnits(s.units, Math.max(0, scale + s.extra)),
      description: "",
      source: s.source,
      runId: `RUN-${i % 3}`,
      settlementId: "",
      user: "u",
      postedAt: "2027-12-31T00:00:00Z",
    };
  });
}

/** Every figure as text with its scale, so equal means the same units at the same scale. */
function plain(tb: TrialBalance): unknown {
  const a = (x: Amount | undefined) => (x === undefined ? undefined : `${x.units}@${x.scale}`);
  return {
    ...tb,
    rows: tb.rows.map((r) => ({
      ...r,
      opening: a(r.opening),
      debit: a(r.debit),
      credit: a(r.credit),
      closing: a(r.closing),
      closingTransaction: a(r.closingTransaction),
    })),
    totals: Object.fromEntries(Object.entries(tb.totals).map(([k, v]) => [k, a(v)])),
  };
}

describe("columnar trial balance = object trial balance", () => {
  it("on random ledgers (0/2/3-decimal currencies, amounts near 2^53, extra decimals, dimensions, currency split)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("USD", "JPY", "KWD"),
        fc.array(entryArb, { maxLength: 60 }),
        fc.constantFrom(...operating),
        fc.constantFrom(...operating),
        fc.constantFrom<readonly string[]>([], ["Department"], ["CostCenter", "Department"]),
        fc.boolean(),
        fc.constantFrom("none", "balanceStart", "2026-06-01"),
        (accounting, specs, p1, p2, byDimensions, byCurrency, startKind) => {
          const setup = setupIn(accounting);
          const scale = CURRENCIES.find((c) => c.code === accounting)!.precision;
          const ledger = toLedger(specs, scale);
          const [a, b] = p1.start <= p2.start ? [p1, p2] : [p2, p1];
          const options: TrialBalanceOptions = { from: a.start, to: b.end, byDimensions, byCurrency };
          const start =
            startKind === "none"
              ? undefined
              : startKind === "balanceStart"
                ? balanceStartFor(ledger, setup, options.to)
                : startKind;
          expect(ledgerColumns(ledger, setup)).toBeDefined();
          expect(plain(trialBalanceVia("columns", ledger, setup, options, start))).toEqual(
            plain(trialBalanceVia("objects", ledger, setup, options, start)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("the income statement and balance sheet over the columns equal those over the line objects", () => {
    const both = withAndWithoutColumns;
    fc.assert(
      fc.property(
        fc.constantFrom("USD", "JPY", "KWD"),
        fc.array(entryArb, { maxLength: 60 }),
        fc.constantFrom(...operating),
        fc.constantFrom(...operating),
        fc.constantFrom(undefined, "Department"),
        fc.boolean(),
        (accounting, specs, p1, p2, byDimension, includeClosingPeriods) => {
          const setup = setupIn(accounting);
          const scale = CURRENCIES.find((c) => c.code === accounting)!.precision;
          // the same ledger as a new array per call, so each call builds (or skips) its own columns
          const ledger = () => toLedger(specs, scale);
          const [a, b] = p1.start <= p2.start ? [p1, p2] : [p2, p1];
          const [isCols, isObjects] = both(() =>
            incomeStatement(ledger(), setup, { from: a.start, to: b.end, byDimension, includeClosingPeriods }),
          );
          expect(isCols).toEqual(isObjects);
          const [bsCols, bsObjects] = both(() => balanceSheet(ledger(), setup, { asOf: b.end }));
          expect(bsCols).toEqual(bsObjects);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("sums in bigint once the lines' sizes could pass 2^53", () => {
    const setup = setupIn("USD");
    // three debits on 1000 in March: 2^53 − 1, 2^53 − 1 and 1 units (cents)
    //   = 2 × 9,007,199,254,740,991 + 1 = 18,014,398,509,481,983 cents, an odd number above 2^53 that a double
    //   cannot hold (it would round to ...982 or ...984)
    const max = 9_007_199_254_740_991n;
    const ledger = toLedger(
      [max, max, 1n].map((units) => ({
        period: operating[2]!,
        day: 4,
        account: "1000",
        dimensions: {},
        currency: "USD",
        units,
        extra: 0,
        txnUnits: units,
        txnScale: 2,
        source: "journal:GJ",
      })),
      2,
    );
    const cols = buildColumns(ledger, setup)!;
    expect(cols.exactSums).toBe(false);
    const tb = trialBalanceVia("columns", ledger, setup, { from: "2026-03-01", to: "2026-03-31" }, undefined);
    expect(tb.rows[0]!.debit.toString()).toBe("180143985094819.83");
  });

  it("a line beyond 2^53 units on its own is kept as a bigint", () => {
    const setup = setupIn("JPY");
    // 2^60 = 1,152,921,504,606,846,976 yen debit and 5 yen credit on 4000 in March, JPY has 0 decimals
    const ledger = toLedger(
      [2n ** 60n, -5n].map((units) => ({
        period: operating[2]!,
        day: 0,
        account: "4000",
        dimensions: {},
        currency: "JPY",
        units,
        extra: 0,
        txnUnits: units,
        txnScale: 0,
        source: "journal:GJ",
      })),
      0,
    );
    const cols = buildColumns(ledger, setup)!;
    expect(cols.big.get(0)).toBe(2n ** 60n);
    const tb = trialBalanceVia("columns", ledger, setup, { from: "2026-03-01", to: "2026-03-31" }, undefined);
    expect([tb.rows[0]!.debit.toString(), tb.rows[0]!.credit.toString(), tb.rows[0]!.closing.toString()]).toEqual([
      "1152921504606846976",
      "5",
      "1152921504606846971",
    ]);
  });

  it("a date that is not ISO leaves the columns out (the object loop answers)", () => {
    const setup = setupIn("USD");
    const [e] = toLedger(
      [
        {
          period: operating[0]!,
          day: 0,
          account: "1000",
          dimensions: {},
          currency: "USD",
          units: 1n,
          extra: 0,
          txnUnits: 1n,
          txnScale: 2,
          source: "journal:GJ",
        },
      ],
      2,
    );
    expect(ledgerColumns([{ ...e!, date: "2026-1-5" }], setup)).toBeUndefined();
  });
});
