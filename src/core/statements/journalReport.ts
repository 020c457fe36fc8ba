/**
 * The ledger journal report (close-reference b7): every posted voucher in a
 * date range — optionally only one journal/source (a prefix of the entry's
 * source, e.g. "journal:GJ" or "close:FXREV") or one voucher range — with its
 * lines (date, account, name, dimensions, currency, amount in the transaction
 * currency, debit and credit in the accounting currency), a total per voucher
 * and overall, and the check that each voucher and the whole selection
 * balance. Unbalanced vouchers come back as UNBALANCED issues naming them
 * (ledger/balance.ts, accounting and reporting currency), like AX's "Check
 * ledger transactions" report.
 *
 * Vouchers are listed by date, then voucher number (numbers compared by
 * value: GL-9 before GL-10), lines by entry number. A voucher with lines
 * outside the date range is flagged: a voucher must balance on each date.
 *
 * Worked example (range 2026-03-01..2026-03-31):
 *   GL-000002 2026-03-05 1100 Dr 1,500.00 / 4000 Cr 1,500.00
 *   GL-000003 2026-03-12 6100 Dr 400.00 / 2000 Cr 399.00        (broken)
 *   → GL-000002 debit 1,500.00 credit 1,500.00 balanced
 *     GL-000003 debit 400.00 credit 399.00 not balanced
 *     total debit 1,900.00 credit 1,899.00
 *     issues: UNBALANCED "Voucher GL-000003 does not balance: debits 400.00,
 *     credits 399.00 (difference 1.00) in accounting currency."; UNBALANCED_RANGE.
 */
import { issue, type Issue } from "../issues/issue";
import { inTable } from "../issues/where";
import type { Setup } from "../ledger/book";
import { columnsOf, dayNumber } from "../ledger/columns";
import { unbalancedVouchers } from "../ledger/balance";
import type { DimensionSet, IsoDate, LedgerEntry } from "../ledger/types";
import type { Amount } from "../money";
import { accountingPlaces, compareNatural, zero } from "./common";

export interface JournalReportOptions {
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** only entries whose source starts with this text (case-insensitive), e.g. "journal:GJ" */
  readonly source?: string;
  /** only vouchers from this number on (inclusive, numbers compared by value) */
  readonly voucherFrom?: string;
  /** only vouchers up to this number (inclusive) */
  readonly voucherTo?: string;
}

export interface JournalReportLine {
  readonly entryNo: number;
  readonly date: IsoDate;
  readonly account: string;
  readonly name: string;
  readonly dimensions: DimensionSet;
  readonly currency: string;
  /** in the transaction currency, signed debit-positive */
  readonly amount: Amount;
  /** accounting currency; one of debit/credit is zero */
  readonly debit: Amount;
  readonly credit: Amount;
  readonly description: string;
}

export interface JournalVoucher {
  readonly voucher: string;
  /** the earliest line date */
  readonly date: IsoDate;
  readonly source: string;
  readonly lines: readonly JournalReportLine[];
  readonly debit: Amount;
  readonly credit: Amount;
  readonly balanced: boolean;
}

export interface JournalReport {
  readonly company: string;
  readonly currency: string;
  readonly places: number;
  readonly options: JournalReportOptions;
  /** the setup's dimension names, the report's dimension columns */
  readonly dimensions: readonly string[];
  readonly vouchers: readonly JournalVoucher[];
  readonly debit: Amount;
  readonly credit: Amount;
  /** every voucher balances and total debit = total credit */
  readonly balanced: boolean;
  readonly issues: readonly Issue[];
}

function inVoucherRange(voucher: string, options: JournalReportOptions): boolean {
  if (
    options.voucherFrom !== undefined &&
    options.voucherFrom !== "" &&
    compareNatural(voucher, options.voucherFrom) < 0
  )
    return false;
  if (options.voucherTo !== undefined && options.voucherTo !== "" && compareNatural(voucher, options.voucherTo) > 0)
    return false;
  return true;
}

export function journalReport(
  entries: readonly LedgerEntry[],
  setup: Setup,
  options: JournalReportOptions,
): JournalReport {
  const places = accountingPlaces(setup);
  const { from, to } = options;
  const issues: Issue[] = [];
  if (from > to) issues.push(issue("BAD_RANGE", `The range starts ${from}, after it ends ${to}.`));
  const prefix = (options.source ?? "").toLowerCase();
  const matches = (e: LedgerEntry) =>
    (prefix === "" || e.source.toLowerCase().startsWith(prefix)) && inVoucherRange(e.voucher, options);

  const groups = new Map<string, LedgerEntry[]>();
  const outside = new Map<string, Set<IsoDate>>();
  // which lines are in the range: by the columns' day numbers over a large ledger (the same test as the dates')
  const cols = columnsOf(entries, setup);
  const fromDay = dayNumber(from);
  const toDay = dayNumber(to);
  const days = cols && !Number.isNaN(fromDay) && !Number.isNaN(toDay) ? cols.day : undefined;
  const inRange = days
    ? (i: number) => days[i]! >= fromDay && days[i]! <= toDay
    : (i: number) => !(entries[i]!.date < from || entries[i]!.date > to);
  let anyOutside = false;
  for (let i = 0; i < entries.length; i++) {
    if (!inRange(i)) {
      anyOutside = true;
      continue;
    }
    const e = entries[i]!;
    if (!matches(e)) continue;
    let g = groups.get(e.voucher);
    if (!g) groups.set(e.voucher, (g = []));
    g.push(e);
  }
  // a shown voucher's lines outside the range (only those: the rest of the ledger is not the report's); a
  // voucher's lines are mostly next to each other, so the last voucher's answer is reused
  let lastVoucher: string | undefined;
  let lastShown = false;
  if (anyOutside && groups.size > 0)
    for (let i = 0; i < entries.length; i++) {
      if (inRange(i)) continue;
      const e = entries[i]!;
      const v = e.voucher;
      if (v !== lastVoucher) lastShown = groups.has((lastVoucher = v));
      if (!lastShown || !matches(e)) continue;
      let s = outside.get(v);
      if (!s) outside.set(v, (s = new Set()));
      s.add(e.date);
    }

  const z = zero(places);
  const vouchers: JournalVoucher[] = [];
  for (const [voucher, es] of groups) {
    const sorted = [...es].sort((a, b) => a.entryNo - b.entryNo);
    let debit = z;
    let credit = z;
    const lines = sorted.map((e): JournalReportLine => {
      const acc = e.amountAccounting;
      const d = acc.isPositive() ? acc.atScale(Math.max(places, acc.scale)) : z;
      const c = acc.isNegative() ? acc.neg().atScale(Math.max(places, acc.scale)) : z;
      debit = debit.plus(d);
      credit = credit.plus(c);
      return {
        entryNo: e.entryNo,
        date: e.date,
        account: e.account,
        name: setup.accounts.get(e.account)?.name ?? "(unknown account)",
        dimensions: e.dimensions,
        currency: e.currency,
        amount: e.amount,
        debit: d,
        credit: c,
        description: e.description,
      };
    });
    const date = sorted.reduce((m, e) => (e.date < m ? e.date : m), sorted[0]!.date);
    vouchers.push({ voucher, date, source: sorted[0]!.source, lines, debit, credit, balanced: debit.eq(credit) });
    const out = outside.get(voucher);
    if (out) {
      issues.push(
        issue(
          "VOUCHER_OUTSIDE_RANGE",
          `Voucher ${voucher} also has lines dated ${[...out].sort().join(", ")}, outside ${from} to ${to}; the report shows only its lines in the range.`,
          { table: setup.where.ledger.table, voucher },
          "warning",
        ),
      );
    }
  }
  vouchers.sort((a, b) =>
    a.date < b.date
      ? -1
      : a.date > b.date
        ? 1
        : compareNatural(a.voucher, b.voucher) || (a.lines[0]?.entryNo ?? 0) - (b.lines[0]?.entryNo ?? 0),
  );

  // balance checks over the lines shown (accounting, and reporting when present)
  issues.push(
    ...unbalancedVouchers(
      vouchers.flatMap((v) => groups.get(v.voucher) ?? []),
      setup.where.ledger.table,
    ),
  );
  let debit = z;
  let credit = z;
  for (const v of vouchers) {
    debit = debit.plus(v.debit);
    credit = credit.plus(v.credit);
  }
  if (!debit.eq(credit)) {
    issues.push(
      issue(
        "UNBALANCED_RANGE",
        `The journal from ${from} to ${to} does not balance: debits ${debit.toString()}, credits ${credit.toString()} (difference ${debit.minus(credit).toString()}).`,
        inTable(setup.where.ledger),
      ),
    );
  }
  return {
    company: setup.settings.company,
    currency: setup.settings.accountingCurrency,
    places,
    options,
    dimensions: setup.dimensions.map((d) => d.name),
    vouchers,
    debit,
    credit,
    balanced: debit.eq(credit) && vouchers.every((v) => v.balanced),
    issues,
  };
}
