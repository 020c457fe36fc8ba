/**
 * The large demo's journal (bench and `closebook demo FILE --lines N`): 2-line vouchers in USD,
 * EUR, GBP and JPY, voucher v dated day (7·v mod 365) of 2026 (or all on `onDate`), amount
 * 100 + (the v-th output of an LCG seeded 12345) mod 10,000,000 units, departments on the debit.
 * Voucher v's lines are journal rows 2v+1 and 2v+2; any voucher's lines can be made on its own
 * (voucherLines), so a million lines are generated a day at a time without holding them all.
 *
 * Example: generateJournal(4) → D-0: 2026-01-01 6100 Dr USD 1,234,567.89 (SALES, CC100) /
 *   1000 Cr; D-1: 2026-01-08 1110 Dr EUR … / 4000 Cr (the amounts are the LCG's).
 */
import type { JournalLine } from "../../core/ledger/types";
import { Amount } from "../../core/money";

const KINDS = [
  { currency: "USD", dr: "6100", cr: "1000", places: 2 },
  { currency: "EUR", dr: "1110", cr: "4000", places: 2 },
  { currency: "GBP", dr: "5000", cr: "2010", places: 2 },
  { currency: "JPY", dr: "5000", cr: "2020", places: 0 },
] as const;
const DEPTS = [
  { Department: "SALES", CostCenter: "CC100" },
  { Department: "ADMIN", CostCenter: "CC100" },
  { Department: "SALES", CostCenter: "CC200" },
  { Department: "ADMIN", CostCenter: "CC200" },
];
const NO_DIMS = { Department: "", CostCenter: "" };
export const LARGE_YEAR = 2026;
const DAYS = 365;
/** 7 · 313 = 2191 = 6 · 365 + 1: the voucher of a day is v ≡ 313 · day (mod 365) */
const INVERSE_OF_7 = 313;

export interface LargeJournalOptions {
  readonly onDate?: string;
  readonly prefix?: string;
}

/** Vouchers of n lines (two lines each, the last voucher whole). */
export function voucherCount(lines: number): number {
  return Math.max(0, Math.ceil(lines / 2));
}

/** Each voucher's amount in units of its currency (the LCG, in voucher order). */
export function voucherUnits(vouchers: number): Int32Array {
  const out = new Int32Array(vouchers);
  let seed = 12345;
  for (let v = 0; v < vouchers; v++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    out[v] = 100 + (seed % 10_000_000);
  }
  return out;
}

/** The day of the year (0 = 1 January) of voucher v. */
export function voucherDay(v: number): number {
  return (v * 7) % DAYS;
}

/** The vouchers below `vouchers` dated on `day`, in voucher order. */
export function vouchersOnDay(day: number, vouchers: number): number[] {
  const out: number[] = [];
  for (let v = (day * INVERSE_OF_7) % DAYS; v < vouchers; v += DAYS) out.push(v);
  return out;
}

const DATES = Array.from({ length: DAYS }, (_, day) =>
  new Date(Date.UTC(LARGE_YEAR, 0, 1 + day)).toISOString().slice(0, 10),
);

export function dayDate(day: number): string {
  return DATES[day]!;
}

/** Voucher v's two draft lines (rows 2v+1, 2v+2). */
export function voucherLines(v: number, units: number, options: LargeJournalOptions = {}): [JournalLine, JournalLine] {
  const k = KINDS[v % KINDS.length]!;
  const date = options.onDate ?? dayDate(voucherDay(v));
  const amount = Amount.fromUnits(BigInt(units), k.places);
  const journal = `${options.prefix ?? "GJ"}-${date.slice(0, 7)}`;
  const line = (
    row: number,
    account: string,
    dimensions: JournalLine["dimensions"],
    debit: Amount | undefined,
    credit: Amount | undefined,
  ): JournalLine => ({
    row,
    journal,
    draftVoucher: `D-${v}`,
    date,
    account,
    dimensions,
    currency: k.currency,
    debit,
    credit,
    rate: undefined,
    description: "bench",
    status: "Draft",
    message: "",
    postedVoucher: "",
  });
  return [line(2 * v + 1, k.dr, DEPTS[v % 4]!, amount, undefined), line(2 * v + 2, k.cr, NO_DIMS, undefined, amount)];
}

/** n journal lines (whole vouchers: n rounded up to even), in voucher order. */
export function generateJournal(n: number, options: LargeJournalOptions = {}): JournalLine[] {
  const count = voucherCount(n);
  const units = voucherUnits(count);
  const out: JournalLine[] = [];
  for (let v = 0; v < count; v++) out.push(...voucherLines(v, units[v]!, options));
  return out;
}
