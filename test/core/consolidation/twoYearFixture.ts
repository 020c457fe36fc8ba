/**
 * Two fiscal years (FY2026, FY2027 = calendar years) of a group with retained earnings 3100, for the
 * consolidation tests across a year end: hand-built packages, a run posted into the ledger, the group's
 * year-end close of FY2026 posted, and the trial balance at 2027-01-31.
 */
import { buildFiscalYear } from "../../../src/core/calendar/fiscalYear";
import { consolidate, CONSOLIDATION_STEP } from "../../../src/core/consolidation/consolidate";
import type { EntityPackage, PackageLine } from "../../../src/core/consolidation/model";
import { proposalToEntries } from "../../../src/core/close/proposalToEntries";
import { yearEndClose } from "../../../src/core/close/yearEndClose";
import type { Setup } from "../../../src/core/ledger/book";
import type { LedgerEntry } from "../../../src/core/ledger/types";
import { trialBalance } from "../../../src/core/ledger/trialBalance";
import { Amount } from "../../../src/core/money";
import { A } from "../../support/fixtures";
import { entity, GBP_RATES, groupBook, groupSetup } from "./groupFixture";

export const PERIODS = [...buildFiscalYear(2026, 1), ...buildFiscalYear(2027, 1)];
export const opPeriod = (id: string) => PERIODS.find((p) => p.id === id && p.kind === "operating")!;

export function setupOf(rates = GBP_RATES): Setup {
  const base = groupSetup({ rates });
  return { ...base, periods: PERIODS, settings: { ...base.settings, retainedEarningsAccount: "3100" } };
}

/** closing balances (balance sheet) and one period's activity (P&L, zero in the year's earlier periods) */
export function pkgOf(
  id: string,
  currency: string,
  at: string,
  bs: [string, string][],
  pl: [string, string][],
  equity: [string, string, string][],
): EntityPackage {
  const p = opPeriod(at);
  const lines: PackageLine[] = [];
  const base = { dimensions: {}, currency };
  for (const [account, amount] of bs)
    lines.push({
      ...base,
      account,
      period: at,
      start: p.start,
      end: p.end,
      opening: A(amount),
      activity: Amount.ZERO,
      closing: A(amount),
    });
  const year = PERIODS.filter((q) => q.kind === "operating" && q.fiscalYear === p.fiscalYear && q.id <= at);
  for (const [account, amount] of pl)
    for (const q of year) {
      const act = q.id === at ? A(amount) : Amount.ZERO;
      lines.push({
        ...base,
        account,
        period: q.id,
        start: q.start,
        end: q.end,
        opening: Amount.ZERO,
        activity: act,
        closing: act,
      });
    }
  return {
    source: `${id}-${at}.csv`,
    entity: id,
    currency,
    period: at,
    periodEnd: p.end,
    status: "On hold",
    draft: false,
    sealHead: "",
    lines,
    equityChanges: equity.map(([account, date, amount]) => ({ account, dimensions: {}, date, amount: A(amount) })),
  };
}

let entryNo = 1;
export function postRun(setup: Setup, ledger: LedgerEntry[], p: EntityPackage, at: string, ccy: string) {
  const r = consolidate({
    book: groupBook(setup, ledger),
    period: opPeriod(at),
    entities: [entity("E", ccy)],
    mapping: [],
    translation: [],
    eliminations: [],
    packages: [p],
  });
  expect(r.proposal.issues.filter((i) => i.severity === "error")).toEqual([]);
  for (const v of r.proposal.vouchers) expect(Amount.sum(v.lines.map((l) => l.amountAccounting)).isZero()).toBe(true);
  const runId = `RUN-${at}`;
  const posted: LedgerEntry[] = r.proposal.vouchers.flatMap((v) =>
    v.lines.map((l) => ({
      entryNo: entryNo++,
      voucher: runId,
      date: v.date,
      period: at,
      account: l.account,
      dimensions: l.dimensions,
      currency: l.currency,
      amount: l.amount,
      amountAccounting: l.amountAccounting,
      description: l.description,
      source: `close:${CONSOLIDATION_STEP}`,
      runId,
      settlementId: "",
      user: "alice",
      postedAt: "",
    })),
  );
  return { result: r, ledger: [...ledger, ...posted], posted };
}

export function closeYear(setup: Setup, ledger: LedgerEntry[], closingVouchers: boolean): LedgerEntry[] {
  const proposal = yearEndClose({
    setup,
    ledger,
    settlements: [],
    fiscalYear: "FY2026",
    options: { closingVouchers, dimensionMode: {}, keepDetail: false, rerun: "reverseAndRecreate" },
  });
  expect(proposal.issues.filter((i) => i.severity === "error")).toEqual([]);
  const built = proposalToEntries({
    setup,
    proposal,
    user: "alice",
    now: "2027-01-05T00:00:00.000Z",
    runId: "RUN-YEC",
    nextEntryNo: 10_000 + entryNo,
    nextVoucherNo: 1,
    voucherPrefix: "YE-",
    locks: { exceptions: [], sealed: new Set() },
  });
  expect(built.issues).toEqual([]);
  return [...ledger, ...built.entries];
}

export const tbOf = (setup: Setup, ledger: LedgerEntry[]) =>
  Object.fromEntries(
    trialBalance(ledger, setup, { from: "2027-01-01", to: "2027-01-31" })
      .rows.filter((r) => !r.closing.isZero())
      .map((r) => [r.account, r.closing.toFixed(2)]),
  );

export const byAccount = (ls: readonly { account: string; amount: Amount }[]) => {
  const m = new Map<string, Amount>();
  for (const l of ls) m.set(l.account, (m.get(l.account) ?? Amount.ZERO).plus(l.amount));
  return Object.fromEntries([...m].filter(([, v]) => !v.isZero()).map(([k, v]) => [k, v.toFixed(2)]));
};
