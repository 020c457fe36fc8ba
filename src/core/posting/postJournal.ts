/**
 * Posting: validates draft journal lines and turns them into ledger entries,
 * all or nothing. Every problem of every line is reported at once; if there is
 * any error, nothing is proposed for posting.
 *
 * Worked example (USD ledger, EUR→USD spot 1.0825 on 2026-03-31, rounding to
 * the rounding account 6900):
 *   draft D-1: 2026-03-31  1110 Dr EUR 1,000.00 / 4000 Cr EUR 1,000.00
 *   → GL-000001: 1110 +1,000.00 EUR = +1,082.50 USD; 4000 −1,000.00 EUR = −1,082.50 USD
 *   draft D-2: 1110 Dr EUR 0.03, 4000 Cr EUR 0.01 ×3 at 1.0825
 *   → +0.03 USD, −0.01 ×3 = −0.03; balanced, no rounding line.
 * Voucher numbers come from the "voucher" sequence: a number once handed out
 * is never reused, even if the posting that took it is rolled back.
 */
import { PostingGate } from "../calendar/postingGate";
import type { Setup } from "../ledger/book";
import type { Currency, IsoDate, JournalLine, LedgerEntry, LockException } from "../ledger/types";
import { issue, hasErrors, type Issue } from "../issues/issue";
import { cellAt } from "../issues/where";
import { Amount, type Rate } from "../money";
import { addDays } from "../rates/rateDates";
import { RateTable } from "../rates/rateTable";
import { convertLines, largestLine, withinRounding, type Conversion } from "./convertVoucher";
import { validateLine, type LineCheck } from "./validateLine";

export interface PostJournalInput {
  readonly setup: Setup;
  readonly journal: readonly JournalLine[];
  readonly user: string;
  /** ISO timestamp recorded on every entry */
  readonly now: string;
  readonly runId: string;
  readonly nextEntryNo: number;
  readonly nextVoucherNo: number;
  readonly voucherPrefix: string;
  /** lock state beyond the calendar: exceptions in force and sealed periods */
  readonly locks?: { readonly exceptions: readonly LockException[]; readonly sealed: ReadonlySet<string> };
  /** only post these journals / lines dated up to this date */
  readonly filter?: { readonly journal?: string; readonly through?: IsoDate };
}

export interface PostedVoucher {
  readonly voucher: string;
  readonly journal: string;
  readonly draftVoucher: string;
  readonly date: IsoDate;
  readonly rows: readonly number[];
  /** the automatic reversal of an accrual: its voucher and date */
  readonly reversal?: { readonly voucher: string; readonly date: IsoDate };
}

export interface JournalUpdate {
  readonly row: number;
  readonly status: "Posted" | "Error";
  readonly message: string;
  readonly postedVoucher: string;
}

export interface PostJournalResult {
  readonly posted: boolean;
  readonly issues: Issue[];
  readonly entries: LedgerEntry[];
  readonly vouchers: PostedVoucher[];
  /** when posting failed: the Error status and message for each failing row (on success see postedJournalUpdates) */
  readonly journalUpdates: JournalUpdate[];
  readonly nextVoucherNo: number;
  /** draft lines considered */
  readonly lineCount: number;
  /** lock exceptions this posting relied on (to be recorded as overrides) */
  readonly overrides: readonly LockException[];
}

export function formatVoucher(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(6, "0")}`;
}

interface DraftVoucher {
  readonly key: string;
  readonly lines: JournalLine[];
}

function groupVouchers(lines: readonly JournalLine[]): DraftVoucher[] {
  const map = new Map<string, DraftVoucher>();
  for (const l of lines) {
    const key = `${l.journal}\u0000${l.draftVoucher}`;
    let v = map.get(key);
    if (!v) map.set(key, (v = { key, lines: [] }));
    v.lines.push(l);
  }
  return [...map.values()];
}

export function selectDrafts(journal: readonly JournalLine[], filter?: PostJournalInput["filter"]): JournalLine[] {
  return journal.filter(
    (l) =>
      l.status !== "Posted" &&
      (!filter?.journal || l.journal === filter.journal) &&
      (!filter?.through || (l.date !== "" && l.date <= filter.through)),
  );
}

/** What every voucher of one posting shares: the input, the gate, the rate-converted line checks, the currencies. */
interface Posting {
  readonly input: PostJournalInput;
  readonly gate: PostingGate;
  readonly checks: ReadonlyMap<JournalLine, LineCheck>;
  readonly accCurrency: Currency;
  readonly repCurrency: Currency | undefined;
}

/** A draft voucher that passed every check, converted and not yet numbered. */
interface Built {
  readonly v: DraftVoucher;
  readonly date: IsoDate;
  readonly period: string;
  readonly acc: Amount[];
  readonly rep: Amount[] | undefined;
  readonly accResidue: Amount;
  readonly repResidue: Amount;
  /** accruals: the reversal date (first day of the next period) and its period */
  readonly reversal?: { date: IsoDate; period: string };
}

export function postJournal(input: PostJournalInput): PostJournalResult {
  const { setup } = input;
  const settings = setup.settings;
  const gate = new PostingGate(setup.periods, setup.users, {
    exceptions: input.locks?.exceptions ?? [],
    sealed: input.locks?.sealed ?? new Set(),
    now: input.now,
  });
  const rates = new RateTable(setup.rates, settings.triangulationCurrency);
  const drafts = selectDrafts(input.journal, input.filter);
  const issues: Issue[] = [];
  const lineIssues = new Map<number, Issue[]>();
  const checks = new Map<JournalLine, LineCheck>();
  const accCurrency = setup.currencies.get(settings.accountingCurrency);
  const repCode = settings.reportingCurrency;
  const repCurrency = repCode ? setup.currencies.get(repCode) : undefined;
  if (!accCurrency)
    issues.push(
      issue(
        "UNKNOWN_CURRENCY",
        `The accounting currency ${settings.accountingCurrency || "(blank)"} is not in the currencies table.`,
        cellAt(setup.where.settings, "value"),
      ),
    );
  if (repCode && !repCurrency)
    issues.push(
      issue(
        "UNKNOWN_CURRENCY",
        `The reporting currency ${repCode} is not in the currencies table.`,
        cellAt(setup.where.settings, "value"),
      ),
    );
  if (!accCurrency || hasErrors(issues)) return failed(input, drafts, issues, lineIssues);

  for (const line of drafts) {
    const c = validateLine(line, { setup, gate, rates, user: input.user });
    checks.set(line, c);
    if (c.issues.length) lineIssues.set(line.row, [...c.issues]);
    issues.push(...c.issues);
  }

  const posting: Posting = { input, gate, checks, accCurrency, repCurrency };
  const built: Built[] = [];
  for (const v of groupVouchers(drafts)) {
    const first = v.lines[0]!;
    const b = buildVoucher(posting, v, (i: Issue) => {
      issues.push(i);
      lineIssues.set(first.row, [...(lineIssues.get(first.row) ?? []), i]);
    });
    if (b) built.push(b);
  }
  if (hasErrors(issues)) return failed(input, drafts, issues, lineIssues);

  built.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.v.lines[0]!.row - b.v.lines[0]!.row));
  const numbering = { voucherNo: input.nextVoucherNo, entryNo: input.nextEntryNo };
  const entries: LedgerEntry[] = [];
  const vouchers = built.map((b) => numberVoucher(posting, b, numbering, entries));
  const overrides = [
    ...new Set([...checks.values()].map((c) => c.override).filter((x): x is LockException => x !== undefined)),
  ];
  return {
    posted: true,
    issues,
    entries,
    vouchers,
    journalUpdates: [],
    nextVoucherNo: numbering.voucherNo,
    lineCount: drafts.length,
    overrides,
  };
}

/**
 * One draft voucher's checks beyond its lines' (one date, balanced in its currency and after conversion,
 * a usable rounding account, amounts a cell holds, an accrual's next period open), converted; undefined
 * when a line failed or a check failed (the issue given to `add`, on the voucher's first row).
 */
type Checked<T> = { readonly ok: T } | { readonly issue: Issue };

function buildVoucher(p: Posting, v: DraftVoucher, add: (i: Issue) => void): Built | undefined {
  const first = v.lines[0]!;
  const dateIssue = severalDatesIssue(p, v);
  if (dateIssue) {
    add(dateIssue);
    return undefined;
  }
  const cs = v.lines.map((l) => p.checks.get(l)!);
  if (!linesConvertible(p, cs)) return undefined;
  const unbalanced = unbalancedInCurrency(v, cs);
  if (unbalanced) {
    add(issue("UNBALANCED", unbalanced, voucherCell(p, v, "debit")));
    return undefined;
  }
  const converted = convertVoucher(p, v, cs);
  if ("issue" in converted) {
    add(converted.issue);
    return undefined;
  }
  const { acc, rep } = converted.ok;
  const problem = roundingAccountIssue(p, v, acc, rep) ?? tooLargeIssue(p, v, cs, acc, rep);
  if (problem) {
    add(problem);
    return undefined;
  }
  const reversal = accrualReversal(p, v);
  if (reversal && "issue" in reversal) {
    add(reversal.issue);
    return undefined;
  }
  return {
    v,
    date: first.date,
    period: cs[0]!.period!,
    acc: acc.rounded,
    rep: rep?.rounded,
    accResidue: acc.residue,
    repResidue: rep?.residue ?? Amount.ZERO,
    ...(reversal ? { reversal: reversal.ok } : {}),
  };
}

/** The journal cell of a draft voucher's column (its first line unless a row is given). */
function voucherCell(p: Posting, v: DraftVoucher, key: string, row = v.lines[0]!.row) {
  return cellAt(p.input.setup.where.journal, key, row, v.lines[0]!.draftVoucher);
}

/** VOUCHER_DATES when the voucher's lines are not all on one date. */
function severalDatesIssue(p: Posting, v: DraftVoucher): Issue | undefined {
  const dates = new Set(v.lines.map((l) => l.date));
  if (dates.size <= 1) return undefined;
  return issue(
    "VOUCHER_DATES",
    `Draft voucher ${v.lines[0]!.draftVoucher} has lines on several dates (${[...dates].sort().join(", ")}); a voucher has one date.`,
    voucherCell(p, v, "date"),
  );
}

/** Every line checked clean, with an amount and the rates to convert it (its issues are already reported). */
function linesConvertible(p: Posting, cs: readonly LineCheck[]): boolean {
  const { settings } = p.input.setup;
  return !cs.some(
    (c) => c.issues.length > 0 || !c.amount || !c.toAccounting || (settings.reportingCurrency && !c.toReporting),
  );
}

/** The lines converted to the accounting (and reporting) currency, each total within rounding of zero. */
function convertVoucher(
  p: Posting,
  v: DraftVoucher,
  cs: readonly LineCheck[],
): Checked<{ acc: Conversion; rep: Conversion | undefined }> {
  const { settings } = p.input.setup;
  const accFactors = cs.map((c) => c.toAccounting!.factor);
  const acc = convertIn(p, v, cs, accFactors, p.accCurrency.precision, settings.accountingCurrency);
  if ("issue" in acc) return acc;
  const repCurrency = p.repCurrency;
  if (!repCurrency) return { ok: { acc: acc.ok, rep: undefined } };
  const repFactors = cs.map((c) => c.toReporting!.factor);
  const rep = convertIn(p, v, cs, repFactors, repCurrency.precision, repCurrency.code, "reporting currency ");
  if ("issue" in rep) return rep;
  return { ok: { acc: acc.ok, rep: rep.ok } };
}

/** The lines converted into one currency; UNBALANCED when the exact total is beyond rounding. */
function convertIn(
  p: Posting,
  v: DraftVoucher,
  cs: readonly LineCheck[],
  factors: readonly Rate[],
  places: number,
  currency: string,
  label = "",
): Checked<Conversion> {
  const mode = p.input.setup.settings.roundingMode;
  const conversion = convertLines(
    cs.map((c, i) => ({ amount: c.amount!, factor: factors[i]! })),
    places,
    mode,
  );
  const foreign = v.lines.filter((l) => l.currency !== currency).length;
  if (withinRounding(conversion.exactTotal, foreign, places)) return { ok: conversion };
  return {
    issue: issue(
      "UNBALANCED",
      `Draft voucher ${v.lines[0]!.draftVoucher} does not balance in ${label}${currency} after conversion (difference ${conversion.exactTotal.round(places, mode).toString()}).`,
      voucherCell(p, v, "debit"),
    ),
  };
}

/** ROUNDING_ACCOUNT when a rounding difference must go to a rounding account that is missing, inactive or blocked. */
function roundingAccountIssue(
  p: Posting,
  v: DraftVoucher,
  acc: Conversion,
  rep: Conversion | undefined,
): Issue | undefined {
  const { settings } = p.input.setup;
  const needsRounding = !acc.residue.isZero() || (rep !== undefined && !rep.residue.isZero());
  if (!needsRounding || settings.roundingPlacement !== "roundingAccount") return undefined;
  const ra = settings.roundingAccount ? p.input.setup.accounts.get(settings.roundingAccount) : undefined;
  if (ra && ra.active && !ra.blocked) return undefined;
  const draftVoucher = v.lines[0]!.draftVoucher;
  return issue(
    "ROUNDING_ACCOUNT",
    `Voucher ${draftVoucher} has a conversion rounding difference, and the settings' rounding account ${settings.roundingAccount ?? "(blank)"} is missing, inactive or blocked.`,
    cellAt(p.input.setup.where.settings, "value", undefined, draftVoucher),
  );
}

/** AMOUNT_TOO_LARGE when an amount a cell cannot hold exactly would be written (it would change and stop reading back). */
function tooLargeIssue(
  p: Posting,
  v: DraftVoucher,
  cs: readonly LineCheck[],
  acc: Conversion,
  rep: Conversion | undefined,
): Issue | undefined {
  const tooLarge = v.lines.findIndex(
    (_, i) => ![cs[i]!.amount!, acc.rounded[i]!, ...(rep ? [rep.rounded[i]!] : [])].every((a) => a.fitsInCell()),
  );
  if (tooLarge < 0 && acc.residue.fitsInCell() && !(rep && !rep.residue.fitsInCell())) return undefined;
  const line = v.lines[Math.max(tooLarge, 0)]!;
  return issue(
    "AMOUNT_TOO_LARGE",
    `Draft voucher ${v.lines[0]!.draftVoucher} converts to amounts beyond the 15 significant digits a cell keeps exactly.`,
    voucherCell(p, v, line.debit && !line.debit.isZero() ? "debit" : "credit", line.row),
  );
}

/** For an accrual: the reversal's date and period, the first day of the next period, if the gate lets it post. */
function accrualReversal(p: Posting, v: DraftVoucher): Checked<NonNullable<Built["reversal"]>> | undefined {
  if (!v.lines.some((l) => l.autoReverse)) return undefined;
  const first = v.lines[0]!;
  const next = p.gate.periodOf(addDays(p.gate.periodOf(first.date)!.end, 1));
  const g = next ? p.gate.check(p.input.user, next.start) : undefined;
  if (!g || !g.ok)
    return {
      issue: issue(
        g?.code ?? "NO_PERIOD",
        `Accrual ${first.draftVoucher} reverses on the first day of the next period, and ${g ? g.message : "the calendar has no next period"}`,
        voucherCell(p, v, "autoReverse"),
      ),
    };
  return { ok: { date: next!.start, period: g.period.id } };
}

/** The message when a voucher in one currency does not net to zero in it; undefined otherwise. */
function unbalancedInCurrency(v: DraftVoucher, cs: readonly LineCheck[]): string | undefined {
  if (new Set(v.lines.map((l) => l.currency)).size !== 1) return undefined;
  const total = Amount.sum(cs.map((c) => c.amount!));
  if (total.isZero()) return undefined;
  const debits = Amount.sum(cs.filter((c) => c.amount!.isPositive()).map((c) => c.amount!));
  const first = v.lines[0]!;
  return `Draft voucher ${first.draftVoucher} does not balance: debits ${debits.toString()}, credits ${debits.minus(total).toString()} ${first.currency} (difference ${total.toString()}).`;
}

/**
 * Numbers one built voucher and appends its ledger entries: its lines (the conversion residue on the largest
 * line, or a rounding line on the rounding account) and, for an accrual, the reversal voucher.
 */
function numberVoucher(
  p: Posting,
  b: Built,
  numbering: { voucherNo: number; entryNo: number },
  entries: LedgerEntry[],
): PostedVoucher {
  const { input } = p;
  const voucher = formatVoucher(input.voucherPrefix, numbering.voucherNo++);
  const { acc, rep, roundingLine } = placeResidue(p, b, voucher);
  const first = b.v.lines[0]!;
  const stamp = { runId: input.runId, settlementId: "", user: input.user, postedAt: input.now };
  b.v.lines.forEach((l, i) => {
    const c = p.checks.get(l)!;
    entries.push({
      entryNo: numbering.entryNo++,
      voucher,
      date: l.date,
      period: b.period,
      account: l.account,
      dimensions: l.dimensions,
      currency: l.currency,
      amount: c.amount!,
      amountAccounting: acc[i]!,
      amountReporting: rep ? rep[i] : undefined,
      description: l.description,
      source: `journal:${first.journal}`,
      ...stamp,
    });
  });
  if (roundingLine) entries.push({ ...roundingLine, entryNo: numbering.entryNo++ });
  let reversal: PostedVoucher["reversal"];
  if (b.reversal) {
    const reversalVoucher = formatVoucher(input.voucherPrefix, numbering.voucherNo++);
    for (const e of entries.filter((x) => x.voucher === voucher)) {
      entries.push({
        ...e,
        entryNo: numbering.entryNo++,
        voucher: reversalVoucher,
        date: b.reversal.date,
        period: b.reversal.period,
        amount: e.amount.neg(),
        amountAccounting: e.amountAccounting.neg(),
        amountReporting: e.amountReporting?.neg(),
        description: `Reversal of accrual ${voucher}: ${e.description}`,
      });
    }
    reversal = { voucher: reversalVoucher, date: b.reversal.date };
  }
  return {
    voucher,
    journal: first.journal,
    draftVoucher: first.draftVoucher,
    date: b.date,
    rows: b.v.lines.map((l) => l.row),
    ...(reversal ? { reversal } : {}),
  };
}

/** The conversion residue: taken off the largest line, or a line of its own on the rounding account (entry number 0 until numbered). */
function placeResidue(
  p: Posting,
  b: Built,
  voucher: string,
): { acc: Amount[]; rep: Amount[] | undefined; roundingLine?: LedgerEntry } {
  const { input } = p;
  const { settings } = input.setup;
  const acc = [...b.acc];
  const rep = b.rep ? [...b.rep] : undefined;
  if (b.accResidue.isZero() && b.repResidue.isZero()) return { acc, rep };
  if (settings.roundingPlacement === "largestLine") {
    const i = largestLine(acc);
    acc[i] = acc[i]!.minus(b.accResidue);
    if (rep) rep[largestLine(rep)] = rep[largestLine(rep)]!.minus(b.repResidue);
    return { acc, rep };
  }
  const first = b.v.lines[0]!;
  const roundingLine: LedgerEntry = {
    entryNo: 0,
    voucher,
    date: b.date,
    period: b.period,
    account: settings.roundingAccount!,
    dimensions: Object.fromEntries(input.setup.dimensions.map((d) => [d.name, ""])),
    currency: settings.accountingCurrency,
    amount: b.accResidue.neg(),
    amountAccounting: b.accResidue.neg(),
    ...(rep ? { amountReporting: b.repResidue.neg() } : {}),
    description: `Conversion rounding, draft voucher ${first.draftVoucher}`,
    source: `journal:${first.journal}`,
    runId: input.runId,
    settlementId: "",
    user: input.user,
    postedAt: input.now,
  };
  return { acc, rep, roundingLine };
}

/** The journal status changes a successful posting implies: each posted row gets Posted and its voucher. */
export function postedJournalUpdates(vouchers: readonly PostedVoucher[]): JournalUpdate[] {
  return vouchers.flatMap((v) =>
    v.rows.map((row) => ({ row, status: "Posted" as const, message: "", postedVoucher: v.voucher })),
  );
}

function failed(
  input: PostJournalInput,
  drafts: readonly JournalLine[],
  issues: Issue[],
  lineIssues: Map<number, Issue[]>,
): PostJournalResult {
  const journalUpdates: JournalUpdate[] = [...lineIssues.entries()]
    .filter(([, list]) => list.some((i) => i.severity === "error"))
    .map(([row, list]) => ({ row, status: "Error", message: list.map((i) => i.message).join(" "), postedVoucher: "" }));
  return {
    posted: false,
    issues,
    entries: [],
    vouchers: [],
    journalUpdates,
    nextVoucherNo: input.nextVoucherNo,
    lineCount: drafts.length,
    overrides: [],
  };
}
