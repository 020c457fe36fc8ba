/**
 * Allocations (reference b4): spread a source amount over destinations by fixed
 * percentages, fixed weights, equally, or in proportion to other ledger
 * balances (basis), one balanced voucher per rule in the accounting currency.
 *
 *   S       = Σ amountAccounting of the source entries dated from..to whose
 *             transaction amount is not 0 (revaluation-only lines are not
 *             allocated), or the rule's fixed amount
 *   w_i     = pct_i (out of 100; what the percentages leave stays on the source)
 *           | weight_i | 1 | |basis_i| (the basis balance as of the rule's date)
 *   dest_i  = largest-remainder split of S by the w_i (money/allocate), so the
 *             shares add up to the allocated total to the cent
 *   offset  = −Σ dest_i, to the source balances (split in proportion to them)
 *             or to the given offset account
 *
 * Worked example (W3 A4): advertising 6300 has 10,000.00 for March; sales 4000
 * as of 2026-03-31 are A −60,000.00, B −30,000.00, C −10,000.00 (credit balances,
 * used by magnitude) → 6300·A +6,000.00, 6300·B +3,000.00, 6300·C +1,000.00,
 * 6300 (source) −10,000.00. A 1:1:1 split of 100.00 gives 33.34 / 33.33 / 33.33
 * (the leftover cent to the earliest of equal remainders, trace residue 0.01).
 *
 * Rules are independent: each sees the ledger as given, not the vouchers the
 * run proposes for other rules. A rule with an error gets no voucher; the
 * others still do, and the proposal's errors keep it from being posted.
 *
 * Each rule that gets a voucher adds a posting key "allocation:<rule>:<period>"
 * (the fiscal period of its posting date, e.g. allocation:A3:2026-11): a rule is
 * allocated once per period, whatever else a run includes.
 */
import { periodOfDate } from "../calendar/fiscalYear";
import { dimensionNames, type Setup } from "../ledger/book";
import { columnsOf, linePrefilter } from "../ledger/columns";
import type { AccountNumber, DimensionSet, FiscalPeriod, IsoDate, LedgerEntry } from "../ledger/types";
import { issue, hasErrors, type Issue, type IssueCode } from "../issues/issue";
import { cellAt } from "../issues/where";
import { allocate, Amount } from "../money";
import {
  accountKey,
  checkRule,
  compileSelector,
  describeSelector,
  isFixedSource,
  ruleLocation,
  ruleName,
  type AccountSelector,
  type AllocationRule,
} from "./allocationRules";
import type { PostingKey, Proposal, ProposedLine, ProposedVoucher, TraceRow } from "./proposal";

export * from "./allocationRules";

export interface AllocationInput {
  readonly setup: Pick<Setup, "settings" | "currencies" | "accounts" | "dimensions" | "where">;
  /** the posted ledger */
  readonly ledger: readonly LedgerEntry[];
  readonly rules: readonly AllocationRule[];
  /** the source range for rules that carry none (usually the period being closed) */
  readonly from?: IsoDate;
  readonly to?: IsoDate;
  /** the fiscal calendar, to name the period in each rule's posting key (without it: the posting date) */
  readonly periods?: readonly FiscalPeriod[];
}

export const ALLOCATION_STEP = "allocation";

interface Context {
  readonly input: AllocationInput;
  readonly places: number;
  readonly currency: string;
  readonly dimNames: readonly string[];
}

interface RuleResult {
  readonly issues: Issue[];
  readonly trace: TraceRow[];
  readonly voucher?: ProposedVoucher;
  readonly from?: IsoDate;
  readonly to?: IsoDate;
}

/** A source balance per account and dimension set (what offset "source" credits). */
interface SourceBalance {
  readonly account: AccountNumber;
  readonly dimensions: DimensionSet;
  readonly balance: Amount;
}

export function allocateRules(input: AllocationInput): Proposal {
  const { setup } = input;
  const currency = setup.settings.accountingCurrency;
  const places = setup.currencies.get(currency)?.precision;
  const issues: Issue[] = [];
  const vouchers: ProposedVoucher[] = [];
  const trace: TraceRow[] = [];
  const ranges: { from?: IsoDate; to?: IsoDate }[] = [];
  const postingKeys: PostingKey[] = [];
  if (places === undefined) {
    issues.push(
      issue(
        "UNKNOWN_CURRENCY",
        `The accounting currency ${currency || "(blank)"} is not in the currencies table.`,
        cellAt(setup.where.settings, "value"),
      ),
    );
  } else {
    const ctx: Context = { input, places, currency, dimNames: dimensionNames(setup) };
    const seen = new Set<string>();
    for (const rule of input.rules) {
      if (seen.has(rule.id)) {
        issues.push(
          issue(
            "ALLOCATION_DUPLICATE_RULE",
            `${ruleName(rule)} appears more than once in the run.`,
            ruleLocation(rule, setup.where.allocationRules, "rule"),
          ),
        );
        continue;
      }
      seen.add(rule.id);
      const r = allocateRule(rule, ctx);
      issues.push(...r.issues);
      trace.push(...r.trace);
      if (r.voucher) {
        vouchers.push(r.voucher);
        postingKeys.push(allocationKey(rule, input.periods));
      }
      ranges.push(r);
    }
  }
  return { step: ALLOCATION_STEP, parameters: runParameters(input, ranges), postingKeys, vouchers, trace, issues };
}

/** "allocation:A3:2026-11": the rule and the period its voucher is posted in. */
export function allocationKey(
  rule: Pick<AllocationRule, "id" | "date" | "period">,
  periods: readonly FiscalPeriod[] = [],
): PostingKey {
  const period = rule.period ?? periodOfDate(periods, rule.date)?.id ?? rule.date;
  return { key: `allocation:${rule.id}:${period}`, what: `allocation rule ${rule.id} for ${period}` };
}

/** rules, from, to, date; where rules differ, the distinct values joined with ", ". */
function runParameters(
  input: AllocationInput,
  ranges: readonly { from?: IsoDate; to?: IsoDate }[],
): Record<string, string> {
  const distinct = (xs: readonly (string | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))].join(", ");
  return {
    rules: input.rules.map((r) => r.id).join(", "),
    from: distinct(ranges.length ? ranges.map((r) => r.from) : [input.from]),
    to: distinct(ranges.length ? ranges.map((r) => r.to) : [input.to]),
    date: distinct(input.rules.map((r) => r.date)),
  };
}

function allocateRule(rule: AllocationRule, ctx: Context): RuleResult {
  const { input, places } = ctx;
  const checked = checkRule(rule, input.setup, places, input);
  const range = { ...(checked.from ? { from: checked.from } : {}), ...(checked.to ? { to: checked.to } : {}) };
  const issues = checked.issues;
  if (hasErrors(issues)) return { issues, trace: [], ...range };
  const name = ruleName(rule);
  const trace: TraceRow[] = [];
  const where = input.setup.where.allocationRules;
  const fail = (code: IssueCode, message: string, key?: string): RuleResult => ({
    issues: [...issues, issue(code, `${name}: ${message}`, ruleLocation(rule, where, key))],
    trace,
    ...range,
  });

  // the source
  let total: Amount;
  let sources: SourceBalance[];
  if (isFixedSource(rule.source)) {
    total = checked.fixedAmount!.atScale(places);
    sources = [{ account: rule.source.account, dimensions: full(rule.source.dimensions ?? {}, ctx), balance: total }];
    trace.push({
      key: `${rule.id} · source`,
      inputs: { "fixed amount": rule.source.fixedAmount },
      formula: "fixed amount",
      result: total.toString(),
    });
    if (total.isZero())
      return fail("ALLOCATION_ZERO_SOURCE", "the fixed amount is zero; nothing to allocate.", "fixedAmount");
  } else {
    const s = sourceBalances(rule.source, checked.from!, checked.to!, ctx);
    total = s.total;
    sources = s.balances;
    const what = `${describeSelector(rule.source)} from ${checked.from} to ${checked.to}`;
    trace.push({
      key: `${rule.id} · source`,
      inputs: {
        selector: describeSelector(rule.source),
        from: checked.from!,
        to: checked.to!,
        lines: String(s.lines),
        "revaluation-only lines left out": String(s.skipped),
      },
      formula: `Σ accounting amounts of ${s.lines} line${s.lines === 1 ? "" : "s"}`,
      result: total.toString(),
    });
    if (total.isZero())
      return fail(
        "ALLOCATION_ZERO_SOURCE",
        `the source balance of ${what} is zero; nothing to allocate.`,
        "sourceAccounts",
      );
  }

  // the weights
  const weightLabel = rule.method === "fixedPercentage" ? "percentage" : rule.method === "basis" ? "basis" : "weight";
  let weights = checked.weights ?? [];
  let weightShown = weights.map((w) => w.toString());
  if (rule.method === "basis") {
    const b = basisWeights(rule, ctx);
    if ("refused" in b) return fail(b.refused.code, b.refused.message, "basisAccounts");
    issues.push(...b.issues);
    weights = b.weights;
    weightShown = b.shown;
  }
  if (weights.every((w) => w.isZero()))
    return fail(
      "ALLOCATION_ZERO_WEIGHTS",
      `every destination's ${weightLabel} is zero; nothing to allocate by.`,
      rule.method === "fixedPercentage"
        ? "percentage"
        : rule.method === "fixedWeight"
          ? "weight"
          : "destinationAccount",
    );
  // percentages below 100 %: what they leave stays on the source, as a share of its own
  const weightTotal = rule.method === "fixedPercentage" ? Amount.fromUnits(100n, 0) : Amount.sum(weights);
  const kept = weightTotal.minus(Amount.sum(weights));
  const shares = allocate(total, kept.isPositive() ? [...weights, kept] : weights, places)!;
  const allocated = Amount.sum(shares.slice(0, weights.length)).atScale(places);

  rule.destinations.forEach((d, i) => {
    const w = weights[i]!;
    const share = shares[i]!;
    trace.push({
      key: `${rule.id} → ${accountKey(d.account, d.dimensions)}`,
      inputs: {
        source: total.toString(),
        [weightLabel]: weightShown[i]!,
        [`total ${weightLabel}`]: weightTotal.toString(),
      },
      formula: `${total.toString()} × ${w.toString()} / ${weightTotal.toString()}`,
      result: share.toString(),
      residue: share.minus(truncatedShare(total, w, weightTotal, places)).toString(),
    });
  });
  if (kept.isPositive()) {
    const share = shares[weights.length]!;
    trace.push({
      key: `${rule.id} · kept on source`,
      inputs: { source: total.toString(), percentage: kept.toString(), "total percentage": "100" },
      formula: `${total.toString()} × ${kept.toString()} / 100`,
      result: share.toString(),
      residue: share.minus(truncatedShare(total, kept, weightTotal, places)).toString(),
    });
  }
  if (allocated.isZero()) {
    issues.push(
      issue(
        "ALLOCATION_NOTHING_ALLOCATED",
        `${name}: after rounding to ${places} decimals nothing of ${total.toString()} is allocated; no voucher.`,
        ruleLocation(rule, where),
        "warning",
      ),
    );
    return { issues, trace, ...range };
  }

  // the voucher
  const description = rule.description ? `Allocation ${rule.id}: ${rule.description}` : `Allocation ${rule.id}`;
  const line = (account: AccountNumber, dimensions: DimensionSet, amount: Amount): ProposedLine => ({
    account,
    dimensions,
    currency: ctx.currency,
    amount,
    amountAccounting: amount,
    description,
  });
  const lines: ProposedLine[] = [];
  rule.destinations.forEach((d, i) => {
    if (!shares[i]!.isZero()) lines.push(line(d.account, full(d.dimensions, ctx), shares[i]!));
  });
  if (rule.offset === "source") {
    const credits = splitBySource(allocated, total, sources, places);
    sources.forEach((s, i) => {
      if (!credits[i]!.isZero()) lines.push(line(s.account, s.dimensions, credits[i]!.neg()));
    });
  } else {
    lines.push(line(rule.offset.account, full(rule.offset.dimensions ?? {}, ctx), allocated.neg()));
  }
  const voucher: ProposedVoucher = {
    date: rule.date,
    ...(rule.period ? { period: rule.period } : {}),
    description,
    lines,
  };
  return { issues, trace, voucher, ...range };
}

/** Source entries in from..to, grouped by account and dimensions; lines with transaction amount 0 are left out. */
function sourceBalances(sel: AccountSelector, from: IsoDate, to: IsoDate, ctx: Context) {
  const match = compileSelector(sel);
  const map = new Map<string, { account: AccountNumber; dimensions: DimensionSet; units: bigint }>();
  let lines = 0;
  let skipped = 0;
  const ledger = ctx.input.ledger;
  // over a large ledger the columns skip, unread, the lines outside the dates
  const pass = linePrefilter(columnsOf(ledger, ctx.input.setup), { from, to });
  for (let i = 0; i < ledger.length; i++) {
    if (pass && !pass(i)) continue;
    const e = ledger[i]!;
    if (e.date < from || e.date > to || !match(e)) continue;
    if (e.amount.isZero()) {
      skipped++;
      continue;
    }
    lines++;
    const dims = full(e.dimensions, ctx);
    const key = `${e.account}\u0000${ctx.dimNames.map((n) => dims[n]).join("\u0000")}`;
    let b = map.get(key);
    if (!b) map.set(key, (b = { account: e.account, dimensions: dims, units: 0n }));
    // ledger amounts carry at most the accounting precision (as in trialBalance)
    b.units += e.amountAccounting.unitsAt(ctx.places);
  }
  const balances: SourceBalance[] = [...map.values()]
    .sort((a, b) => (a.account < b.account ? -1 : a.account > b.account ? 1 : 0))
    .map((b) => ({ account: b.account, dimensions: b.dimensions, balance: Amount.fromUnits(b.units, ctx.places) }));
  const total = Amount.fromUnits(
    [...map.values()].reduce((x, b) => x + b.units, 0n),
    ctx.places,
  );
  return { total, balances, lines, skipped };
}

/**
 * Basis weights: the basis balances' magnitudes, which must all lie on one side
 * (sales are credit balances, headcount debit ones) and not all be zero; a zero
 * one gets nothing, with a warning.
 */
function basisWeights(
  rule: AllocationRule,
  ctx: Context,
): { weights: Amount[]; shown: string[]; issues: Issue[] } | { refused: { code: IssueCode; message: string } } {
  const b = basisBalances(rule, ctx);
  const where = (i: number) => accountKey(rule.destinations[i]!.account, rule.destinations[i]!.dimensions);
  if (b.every((x) => x.balance.isZero())) {
    return {
      refused: {
        code: "ALLOCATION_ZERO_BASIS",
        message: `the basis (${describeSelector(rule.basis ?? {})}) as of ${rule.date} is zero for every destination; nothing to allocate by.`,
      },
    };
  }
  if (b.some((x) => x.balance.isPositive()) && b.some((x) => x.balance.isNegative())) {
    const list = b.map((x, i) => `${where(i)} ${x.balance.toString()}`).join("; ");
    return {
      refused: {
        code: "ALLOCATION_BASIS_SIGN",
        message: `the basis balances as of ${rule.date} are on both sides (${list}); a basis must be all debit or all credit.`,
      },
    };
  }
  const issues = b.flatMap((x, i) =>
    x.balance.isZero()
      ? [
          issue(
            "ALLOCATION_BASIS_ZERO",
            `${ruleName(rule)}: the basis of destination ${where(i)} (${x.selector}) as of ${rule.date} is zero; it gets nothing.`,
            ruleLocation(rule, ctx.input.setup.where.allocationRules, "basisAccounts"),
            "warning",
          ),
        ]
      : [],
  );
  return {
    weights: b.map((x) => x.balance.abs()),
    shown: b.map((x) => `${x.balance.toString()} (${x.selector})`),
    issues,
  };
}

/**
 * Per destination, the balance of its basis selector as of the rule's date: the
 * destination's own selector, or the rule's basis narrowed to the destination's
 * non-blank dimensions (dimensions the basis names itself stay as it names them).
 */
function basisBalances(rule: AllocationRule, ctx: Context): { balance: Amount; selector: string }[] {
  const upTo = ctx.input.ledger.filter((e) => e.date <= rule.date);
  const common = rule.basis ? upTo.filter(compileSelector(rule.basis)) : upTo;
  return rule.destinations.map((d) => {
    let entries: readonly LedgerEntry[];
    let sel: AccountSelector;
    if (d.basis) {
      sel = d.basis;
      entries = upTo.filter(compileSelector(sel));
    } else {
      const narrow = Object.fromEntries(
        Object.entries(d.dimensions).filter(([k, v]) => v !== "" && !(k in (rule.basis!.dimensions ?? {}))),
      );
      sel = { ...rule.basis!, dimensions: { ...narrow, ...rule.basis!.dimensions } };
      entries = common.filter(compileSelector({ dimensions: narrow }));
    }
    return {
      balance: Amount.sum(entries.map((e) => e.amountAccounting)).round(ctx.places),
      selector: describeSelector(sel),
    };
  });
}

/**
 * The allocated total credited back to the source balances in proportion to
 * them, by largest remainder: the exact share b × allocated / S lies between 0
 * and b (allocated / S is between 0 and 1); each is rounded down (after turning
 * the signs so the total is positive) and the units left go one each to the
 * largest remainders. So no credit exceeds its balance or changes side, each
 * balance is credited exactly when everything is allocated, and with balances
 * on one side this is money/allocate over their magnitudes.
 * Example: balances 1.00, 1.00, −0.33 (S 1.67), allocated 0.50 → exact 0.2994,
 * 0.2994, −0.0988 → floors 0.29, 0.29, −0.10, two cents left → 0.30, 0.30, −0.10.
 */
function splitBySource(allocated: Amount, total: Amount, sources: readonly SourceBalance[], places: number): Amount[] {
  const sign = total.isNegative() ? -1n : 1n;
  const t = allocated.atScale(places).units * sign;
  const s = total.atScale(places).units * sign;
  const scaled = sources.map((x) => x.balance.atScale(places).units * sign * t);
  const parts = scaled.map((a) => (a % s < 0n ? a / s - 1n : a / s)); // floor
  const rems = scaled.map((a, i) => ({ i, r: a - parts[i]! * s }));
  rems.sort((x, y) => (x.r === y.r ? x.i - y.i : x.r > y.r ? -1 : 1));
  let left = t - parts.reduce((x, y) => x + y, 0n);
  for (const { i } of rems) {
    if (left <= 0n) break;
    parts[i] = parts[i]! + 1n;
    left -= 1n;
  }
  return parts.map((u) => Amount.fromUnits(u * sign, places));
}

/** total × w / W truncated toward zero at `places`: the share before largest remainder hands out leftover units. */
function truncatedShare(total: Amount, w: Amount, wTotal: Amount, places: number): Amount {
  const scale = Math.max(w.scale, wTotal.scale);
  const units = total.atScale(places).units;
  const abs = units < 0n ? -units : units;
  const t = (abs * w.atScale(scale).units) / wTotal.atScale(scale).units;
  return Amount.fromUnits(units < 0n ? -t : t, places);
}

/** Every declared dimension present ("" when blank), plus any others given. */
function full(dims: DimensionSet, ctx: Context): DimensionSet {
  if (ctx.dimNames.every((n) => n in dims)) return dims;
  return { ...Object.fromEntries(ctx.dimNames.map((n) => [n, ""])), ...dims };
}
