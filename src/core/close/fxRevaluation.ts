/**
 * Foreign currency revaluation of the general ledger (close-reference b2,
 * D365-FXGL), by the delta method. Pure: returns a Proposal (one voucher, a
 * trace row per group, issues); nothing is posted here.
 *
 * Per (account, dimension set, transaction currency) group (see fxBalances.ts
 * for which entries count):
 *   newAccounting = round(balance × rate, accounting precision, settings.roundingMode)
 *   delta         = newAccounting − current accounting balance
 * The current balance includes earlier revaluations, which are never
 * reversed, so re-running at the same rate after posting gives delta 0 and no
 * voucher (idempotent). With a reporting currency the same is done into it:
 *   deltaReporting = round(balance × rate to reporting) − current reporting balance.
 *
 * Lines (debit positive), dated `date`, in one voucher per run:
 *   revalued account  currency = transaction currency, amount 0,
 *                     amountAccounting = delta, amountReporting = deltaReporting
 *   gain or loss      currency = accounting currency, amount = amountAccounting = −delta,
 *                     amountReporting = −deltaReporting; same dimension set
 * A positive delta (the offset is a credit) is an unrealized gain, a negative
 * one a loss, whatever the account type: a payable (credit balance) whose
 * currency rises gets a negative delta, i.e. a loss (D365: "gain if unrealized
 * > 0 in a debit-normal view").
 *
 * Worked example (USD ledger, EUR bank 1010, gain 7100, loss 7200):
 *   1010 +1,000.00 EUR booked at 1.0825 = 1,082.50 USD; revalue at 1.10:
 *   round(1,000.00 × 1.10) − 1,082.50 = 1,100.00 − 1,082.50 = 17.50
 *   → 1010 EUR 0.00 / Dr 17.50 USD;  7100 USD Cr 17.50 (unrealized gain)
 *   Later at 1.05: round(1,000.00 × 1.05) − 1,100.00 = −50.00 → 7200 Dr 50.00 (loss).
 *
 * Decisions marked [derived] are Closebook's, not D365 facts:
 * - [derived] Balance-sheet balances are cumulative (all entries up to `date`),
 *   see fxBalances.ts; `fiscalYearStart` is checked (≤ date) and is the default
 *   start of the profit-and-loss range (`plFrom`).
 * - [derived] `rateType` given for the run overrides every account's; without
 *   it each account uses its revalueRateType, else settings.defaultRateType.
 * - [derived] A zero transaction-currency balance needs no rate: its new value
 *   is 0, so any accounting (or reporting) residue is cleared even when the
 *   currency has no rate.
 * - [derived] A missing rate (to the accounting or to the reporting currency)
 *   stops every group of that currency and rate type with one NO_RATE issue;
 *   other currencies go on.
 * - [derived] When the accounting and reporting deltas have opposite signs (or
 *   the accounting delta is 0), the reporting part gets its own gain/loss line
 *   (accounting 0), chosen by the sign of the reporting delta, so each line is
 *   plainly a gain or a loss.
 * - [derived] With a reporting currency, a group whose entries lack reporting
 *   amounts (posted before one was set) is revalued in accounting currency only,
 *   with a warning: its reporting balance is unknown.
 * - [derived] A group whose gain or loss account is missing (or unknown,
 *   inactive, blocked) is left out with an issue; the rest still balances.
 */
import type { Setup } from "../ledger/book";
import type { AccountNumber, CurrencyCode, IsoDate, LedgerEntry, RateType } from "../ledger/types";
import { issue, type Issue } from "../issues/issue";
import { cellAt, inTable } from "../issues/where";
import { Amount, Rate, type RoundingMode } from "../money";
import { RateTable, type RateQuote } from "../rates/rateTable";
import { revaluationGroups, type FxGroup } from "./fxBalances";
import type { Proposal, ProposedLine, TraceRate, TraceRow } from "./proposal";
import type { SettlementRecord } from "./settlementModel";

export interface GainLossAccounts {
  readonly gain?: AccountNumber;
  readonly loss?: AccountNumber;
}

export interface FxRevaluationInput {
  readonly setup: Setup;
  readonly ledger: readonly LedgerEntry[];
  /** the settlements register: what settlements closed is not revalued (see fxBalances.ts) */
  readonly settlements?: readonly SettlementRecord[];
  /** balances up to and including this date; the voucher's date */
  readonly date: IsoDate;
  /** the date whose rates apply (default: `date`) */
  readonly rateDate?: IsoDate;
  /** for every account (default: the account's revalueRateType, else settings.defaultRateType) */
  readonly rateType?: RateType;
  /** start of the fiscal year containing `date` */
  readonly fiscalYearStart: IsoDate;
  readonly includeProfitAndLoss?: boolean;
  /** start of the profit-and-loss range (default: fiscalYearStart) */
  readonly plFrom?: IsoDate;
  /** per transaction currency, overriding settings.unrealizedGainAccount / unrealizedLossAccount */
  readonly gainLossAccounts?: Readonly<Record<CurrencyCode, GainLossAccounts>>;
}

export const FX_REVALUATION_STEP = "fx-revaluation";

interface Quote {
  readonly quote: RateQuote;
  readonly trace: TraceRate;
}

/** The trace view of a quote: the stored rate and quotation unit when it was used directly, else the per-unit factor. */
function traceRate(setup: Setup, from: CurrencyCode, to: CurrencyCode, type: RateType, q: RateQuote): TraceRate {
  let stored: (typeof setup.rates)[number] | undefined;
  for (const r of setup.rates) {
    if (
      r.type === type &&
      r.from === from &&
      r.to === to &&
      r.date === q.date &&
      Rate.quoted(r.rate, r.quotationUnit).eq(q.factor)
    )
      stored = r;
  }
  if (stored)
    return { value: stored.rate.toString(), date: stored.date, type, quotationUnit: stored.quotationUnit, how: q.how };
  return { value: q.factor.toString(), date: q.date, type, quotationUnit: 1, how: q.how };
}

function rateText(t: TraceRate): string {
  return t.quotationUnit === 1 ? t.value : `${t.value} / ${t.quotationUnit}`;
}

/** "0.012" → "0.012", "0.000" → "0", "-0.00095000" → "-0.00095" */
function trimmed(a: Amount): string {
  if (a.isZero()) return "0";
  const s = a.toString();
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

interface Revalued {
  readonly newValue: Amount;
  readonly delta: Amount;
  readonly residue: Amount;
}

function revalue(balance: Amount, current: Amount, q: Quote | undefined, places: number, mode: RoundingMode): Revalued {
  if (!q || balance.isZero()) {
    const zero = Amount.ZERO.round(places);
    return { newValue: zero, delta: zero.minus(current), residue: Amount.ZERO };
  }
  const newValue = q.quote.factor.apply(balance, places, mode);
  const fine = q.quote.factor.apply(balance, Math.max(places + 12, 30), "halfAwayFromZero");
  return { newValue, delta: newValue.minus(current), residue: fine.minus(newValue) };
}

function traceRow(
  key: string,
  inputs: Record<string, string>,
  g: FxGroup,
  current: Amount,
  r: Revalued,
  q: Quote | undefined,
  ccy: CurrencyCode,
): TraceRow {
  const formula =
    q && !g.balance.isZero()
      ? `round(${g.balance.toString()} × ${rateText(q.trace)}) − ${current.toString()}`
      : `0 − ${current.toString()} (no ${g.currency} balance left: the residue is cleared)`;
  return {
    key,
    inputs,
    ...(q && !g.balance.isZero() ? { rate: q.trace } : {}),
    formula: `${formula} = ${r.newValue.toString()} − ${current.toString()}`,
    result: `${r.delta.toString()} ${ccy}`,
    residue: trimmed(r.residue),
  };
}

export function fxRevaluation(input: FxRevaluationInput): Proposal {
  const { setup, date } = input;
  const settings = setup.settings;
  const rateDate = input.rateDate ?? date;
  const includeProfitAndLoss = input.includeProfitAndLoss ?? false;
  const plFrom = input.plFrom ?? input.fiscalYearStart;
  const parameters: Record<string, string | number | boolean> = {
    date,
    rateDate,
    rateType: input.rateType ?? "account",
    fiscalYearStart: input.fiscalYearStart,
    includeProfitAndLoss,
    plFrom: includeProfitAndLoss ? plFrom : "",
  };
  if (input.gainLossAccounts) {
    parameters.gainLossAccounts = Object.keys(input.gainLossAccounts)
      .sort()
      .map((c) => `${c}:${input.gainLossAccounts![c]?.gain ?? ""}/${input.gainLossAccounts![c]?.loss ?? ""}`)
      .join(",");
  }
  const issues: Issue[] = [];
  const trace: TraceRow[] = [];
  const result = (lines: ProposedLine[]): Proposal => ({
    step: FX_REVALUATION_STEP,
    parameters,
    vouchers: lines.length ? [{ date, description: `FX revaluation ${date}`, lines }] : [],
    trace,
    issues,
  });

  const accCcy = settings.accountingCurrency;
  const accCurrency = setup.currencies.get(accCcy);
  const repCcy = settings.reportingCurrency;
  const repCurrency = repCcy ? setup.currencies.get(repCcy) : undefined;
  if (!accCurrency)
    issues.push(
      issue(
        "UNKNOWN_CURRENCY",
        `The accounting currency ${accCcy || "(blank)"} is not in the currencies table.`,
        cellAt(setup.where.settings, "value"),
      ),
    );
  if (repCcy && !repCurrency)
    issues.push(
      issue(
        "UNKNOWN_CURRENCY",
        `The reporting currency ${repCcy} is not in the currencies table.`,
        cellAt(setup.where.settings, "value"),
      ),
    );
  if (input.fiscalYearStart > date)
    issues.push(
      issue("FX_DATES", `The fiscal-year start ${input.fiscalYearStart} is after the revaluation date ${date}.`),
    );
  if (includeProfitAndLoss && plFrom > date)
    issues.push(issue("FX_DATES", `The profit-and-loss start ${plFrom} is after the revaluation date ${date}.`));
  if (issues.length) return result([]);
  const accPlaces = accCurrency!.precision;
  const mode = settings.roundingMode;

  const table = new RateTable(setup.rates, settings.triangulationCurrency);
  const quotes = new Map<string, Quote | null>();
  const quoteFor = (from: CurrencyCode, to: CurrencyCode, type: RateType): Quote | undefined => {
    const k = `${from}|${to}|${type}`;
    let q = quotes.get(k);
    if (q === undefined) {
      const found = table.find(from, to, rateDate, type);
      q = found ? { quote: found, trace: traceRate(setup, from, to, type, found) } : null;
      if (!q)
        issues.push(
          issue(
            "NO_RATE",
            `No ${type} exchange rate ${from}→${to} on or before ${rateDate}: ${from} balances are not revalued at ${type} rates.`,
            inTable(setup.where.rates),
          ),
        );
      quotes.set(k, q);
    }
    return q ?? undefined;
  };

  const accountIssues = new Set<string>();
  const offsetAccount = (currency: CurrencyCode, kind: "gain" | "loss"): AccountNumber | undefined => {
    const override = input.gainLossAccounts?.[currency]?.[kind];
    const number = override ?? (kind === "gain" ? settings.unrealizedGainAccount : settings.unrealizedLossAccount);
    const account = number ? setup.accounts.get(number) : undefined;
    if (account && account.active && !account.blocked) return number;
    const what = `unrealized ${kind} account`;
    const message = !number
      ? `No ${what} for ${currency}: set one in the settings (or for the currency); its revaluation is left out.`
      : `The ${what} ${number} for ${currency} is ${!account ? "not in the chart of accounts" : !account.active ? "inactive" : "blocked"}; its revaluation is left out.`;
    if (!accountIssues.has(message)) {
      accountIssues.add(message);
      issues.push(
        issue(
          "FX_GAIN_LOSS_ACCOUNT",
          message,
          number ? inTable(setup.where.accounts) : cellAt(setup.where.settings, "value"),
        ),
      );
    }
    return undefined;
  };

  const groups = revaluationGroups(
    setup,
    input.ledger,
    { date, includeProfitAndLoss, plFrom, fiscalYearStart: input.fiscalYearStart },
    input.settlements ?? [],
  );
  const lines: ProposedLine[] = [];
  for (const g of groups) {
    const type = input.rateType ?? g.account.revalueRateType ?? settings.defaultRateType;
    const needsRate = !g.balance.isZero();
    const accQuote = needsRate ? quoteFor(g.currency, accCcy, type) : undefined;
    const useReporting = repCurrency !== undefined && g.missingReporting === 0;
    if (repCurrency && g.missingReporting > 0) {
      issues.push(
        issue(
          "FX_NO_REPORTING_AMOUNT",
          `${g.key}: ${g.missingReporting} ledger line(s) have no reporting amount, so the group is revalued in ${accCcy} only.`,
          inTable(setup.where.ledger),
          "warning",
        ),
      );
    }
    const repQuote = needsRate && useReporting ? quoteFor(g.currency, repCurrency.code, type) : undefined;
    const inputs: Record<string, string> = {
      balance: `${g.balance.toString()} ${g.currency}`,
      accounting: `${g.accounting.toString()} ${accCcy}`,
      ...(g.settledAccounting.isZero()
        ? {}
        : { settled: `${g.settledAccounting.toString()} ${accCcy} closed by settlement, not revalued` }),
      ...(useReporting ? { reporting: `${g.reporting.toString()} ${repCurrency.code}` } : {}),
      rounding: `${mode}, ${accPlaces} places`,
    };
    if (needsRate && (!accQuote || (useReporting && !repQuote))) {
      const missing = !accQuote ? `${g.currency}→${accCcy}` : `${g.currency}→${repCurrency!.code}`;
      trace.push({
        key: g.key,
        inputs,
        formula: `no ${type} rate ${missing} on or before ${rateDate}`,
        result: "not revalued",
      });
      continue;
    }
    const acc = revalue(g.balance, g.accounting, accQuote, accPlaces, mode);
    trace.push(traceRow(g.key, inputs, g, g.accounting, acc, accQuote, accCcy));
    let rep: Revalued | undefined;
    if (useReporting) {
      rep = revalue(g.balance, g.reporting, repQuote, repCurrency.precision, mode);
      trace.push(
        traceRow(
          `${g.key} · reporting ${repCurrency.code}`,
          { ...inputs, rounding: `${mode}, ${repCurrency.precision} places` },
          g,
          g.reporting,
          rep,
          repQuote,
          repCurrency.code,
        ),
      );
    }
    const accDelta = acc.delta;
    const repDelta = rep?.delta;
    if (accDelta.isZero() && (!repDelta || repDelta.isZero())) continue;

    // the gain/loss lines: one when the deltas agree in sign, else accounting and reporting apart
    const zero = Amount.ZERO.round(accPlaces);
    const repZero = repCurrency ? Amount.ZERO.round(repCurrency.precision) : undefined;
    const offsets: { sign: number; acc: Amount; rep: Amount | undefined }[] = [];
    if (!repDelta || repDelta.isZero() || accDelta.isZero() || repDelta.sign() === accDelta.sign()) {
      offsets.push({ sign: accDelta.isZero() ? repDelta!.sign() : accDelta.sign(), acc: accDelta, rep: repDelta });
    } else {
      offsets.push({ sign: accDelta.sign(), acc: accDelta, rep: repZero });
      offsets.push({ sign: repDelta.sign(), acc: zero, rep: repDelta });
    }
    const resolved = offsets.map((o) => ({ ...o, kind: o.sign > 0 ? ("gain" as const) : ("loss" as const) }));
    const accounts = resolved.map((o) => offsetAccount(g.currency, o.kind));
    if (accounts.some((a) => a === undefined)) continue;

    const rateNote = accQuote
      ? `${type} ${rateText(accQuote.trace)} (${accQuote.trace.date})`
      : `${type}, no ${g.currency} balance`;
    const reporting = (a: Amount | undefined) => (repCurrency ? { amountReporting: a ?? repZero! } : {});
    lines.push({
      account: g.account.number,
      dimensions: g.dimensions,
      currency: g.currency,
      amount: Amount.ZERO.round(setup.currencies.get(g.currency)?.precision ?? 0),
      amountAccounting: accDelta,
      ...reporting(repDelta),
      description: `FX revaluation ${g.currency} ${rateNote}`,
    });
    resolved.forEach((o, i) => {
      lines.push({
        account: accounts[i]!,
        dimensions: g.dimensions,
        currency: accCcy,
        amount: o.acc.neg(),
        amountAccounting: o.acc.neg(),
        ...reporting(o.rep?.neg()),
        description: `Unrealized ${o.kind} ${g.key} ${rateNote}`,
      });
    });
  }
  return result(lines);
}
