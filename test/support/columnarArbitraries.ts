/**
 * What the columnar-ledger property tests share (trialBalanceColumns and engineColumns): two fiscal years of
 * monthly periods, currencies of 0, 2 and 3 decimals, unit counts near and beyond 2^53 (where float sums must
 * give way to bigint), and dimension objects shared, repeated by content, in another key order or missing one.
 *
 * Example: unitsArb() draws 123n, 9007199254740993n or -4503599627370496123n; withCurrencies(makeSetup())
 *   is the setup with USD, JPY, KWD and EUR and the Department and CostCenter dimensions.
 */
import fc from "fast-check";
import { buildFiscalYear } from "../../src/core/calendar/fiscalYear";
import type { Setup } from "../../src/core/ledger/book";
import { COLUMNAR } from "../../src/core/ledger/columns";
import type { FiscalPeriod } from "../../src/core/ledger/types";

export const periods: FiscalPeriod[] = [...buildFiscalYear(2026, 1), ...buildFiscalYear(2027, 1)];

export const CURRENCIES = [
  { code: "USD", precision: 2 },
  { code: "JPY", precision: 0 },
  { code: "KWD", precision: 3 },
  { code: "EUR", precision: 2 },
];

/** `base` with CURRENCIES and the two dimensions the arbitraries below fill. */
export function withCurrencies(base: Setup): Setup {
  return {
    ...base,
    currencies: new Map(CURRENCIES.map((c) => [c.code, { code: c.code, name: c.code, precision: c.precision }])),
    dimensions: [
      { name: "Department", description: "", required: false },
      { name: "CostCenter", description: "", required: false },
    ],
  };
}

export const TWO53 = 2n ** 53n;

/** Units of an amount: mostly small, some around ±2^53, some far beyond; `zeroWeight` adds exact zeros. */
export function unitsArb(zeroWeight = 0): fc.Arbitrary<bigint> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.bigInt({ min: -1_000_000n, max: 1_000_000n }) },
    ...(zeroWeight > 0 ? [{ weight: zeroWeight, arbitrary: fc.constant(0n) }] : []),
    { weight: 2, arbitrary: fc.bigInt({ min: TWO53 - 1000n, max: TWO53 + 1000n }).map((u) => (u % 2n ? -u : u)) },
    { weight: 1, arbitrary: fc.bigInt({ min: -(TWO53 * 1000n), max: TWO53 * 1000n }) },
  );
}

/** One object many lines share (the decoder shares equal dimension sets). */
export const SHARED = { Department: "SALES", CostCenter: "CC1" };

/** A line's dimensions: SHARED itself, its content in another key order, drawn, one missing, none. */
export function dimsArb(costCenters: readonly string[]): fc.Arbitrary<Record<string, string>> {
  return fc.oneof(
    fc.constant(SHARED),
    fc.constant({ CostCenter: "CC1", Department: "SALES" }),
    fc.record({ Department: fc.constantFrom("", "SALES", "ADMIN"), CostCenter: fc.constantFrom(...costCenters) }),
    fc.constant({ Department: "ADMIN" }),
    fc.constant({}),
  );
}

/** f() with the columns (every ledger large enough to build them) and without (none is): [columns, objects]. */
export function withAndWithoutColumns<T>(f: () => T): [T, T] {
  const { minLines } = COLUMNAR;
  try {
    COLUMNAR.minLines = 0;
    const columns = f();
    COLUMNAR.minLines = Infinity;
    return [columns, f()];
  } finally {
    COLUMNAR.minLines = minLines;
  }
}
