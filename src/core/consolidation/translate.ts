/**
 * Translation of one entity's mapped trial balance (its accounting currency)
 * into the group currency, year to date at the period end, and its CTA:
 * - assets and liabilities at the current rate (closing × rate at the period end);
 * - revenue and expense per period at that period's (weighted) average, summed;
 * - equity at historical rates: each dated change × the rate on its date (retained
 *   earnings: each year's change, dated at that year's end, at that year's rate);
 * each balance rounded once, to the group currency's precision. The CTA is the
 * balancing figure, posted to the entity's CTA account:
 *   CTA = assets − liabilities − equity − net income (all translated; credit balances positive).
 *
 * Example (EUR entity, USD group; rates 1.10 at 2026-01-31, January average 1.05):
 *   cash 1,000.00 → 1,100.00; capital −800.00 (2025-12-31 at 1.00) → −800.00;
 *   sales −200.00 → −210.00; Σ = 90.00, so CTA = 1,100 − 0 − 800 − 210 = 90.00 → line −90.00 on the CTA account.
 */
import { issue, type Issue } from "../issues/issue";
import { cellAt } from "../issues/where";
import type { Account, AccountNumber, AccountType, DimensionSet, IsoDate } from "../ledger/types";
import type { Setup } from "../ledger/book";
import { Amount, type Rate, type RoundingMode } from "../money";
import type { TraceRow } from "../close/proposal";
import { RateTable } from "../rates/rateTable";
import { exactSum, roundExact } from "./exact";
import { dimsText } from "./groupLine";
import type { MappedLine } from "./mapping";
import type { EntityPackage, EquityChange, GroupEntity, TranslationMethod, TranslationRule } from "./model";
import { matchesPattern } from "./patterns";
import { rateFinder, type RateFinder } from "./translationRates";

export interface TranslatedLine {
  readonly account: AccountNumber;
  readonly dimensions: DimensionSet;
  readonly type: AccountType;
  /** year-to-date balance in the entity's currency */
  readonly local: Amount;
  readonly translated: Amount;
  readonly method: TranslationMethod | "cta";
  /**
   * historical: the translated balance by date of its changes (each rounded, the last taking the
   * rounding difference, so they add up to `translated`). A group workbook's ledger keeps these dates,
   * so its own package dates its equity as the entities did (two-level groups).
   */
  readonly dated?: readonly DatedPiece[];
}

export interface DatedPiece {
  readonly date: IsoDate;
  readonly translated: Amount;
}

/** the rounded translated amount per date, adding up to `total` */
function datedPieces(
  terms: readonly (readonly [Amount, Rate])[],
  dates: readonly IsoDate[],
  total: Amount,
  places: number,
  mode: RoundingMode,
): DatedPiece[] {
  const byDate = new Map<IsoDate, [Amount, Rate][]>();
  terms.forEach((t, i) => byDate.set(dates[i]!, [...(byDate.get(dates[i]!) ?? []), [t[0], t[1]]]));
  const pieces = [...byDate]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, ts]) => ({ date, translated: roundExact(exactSum(ts, places), places, mode) }));
  const rest = total.minus(Amount.sum(pieces.map((p) => p.translated)));
  const last = pieces[pieces.length - 1];
  if (last && !rest.isZero()) pieces[pieces.length - 1] = { date: last.date, translated: last.translated.plus(rest) };
  return pieces.filter((p) => !p.translated.isZero());
}

export interface TranslationTotals {
  /** debit balances positive */
  readonly assets: Amount;
  /** credit balances positive */
  readonly liabilities: Amount;
  readonly equity: Amount;
  readonly netIncome: Amount;
  readonly cta: Amount;
}

export interface TranslatedEntity {
  readonly entity: string;
  readonly lines: readonly TranslatedLine[];
  readonly totals: TranslationTotals;
  readonly trace: readonly TraceRow[];
  readonly issues: readonly Issue[];
}

export interface TranslateInput {
  readonly entity: GroupEntity;
  readonly pkg: EntityPackage;
  readonly lines: readonly MappedLine[];
  /** equity changes with group account numbers */
  readonly equityChanges: readonly EquityChange[];
  readonly setup: Setup;
  readonly rules: readonly TranslationRule[];
  readonly rateTable?: RateTable;
}

const PL: readonly AccountType[] = ["revenue", "expense"];

export function ruleFor(
  entity: string,
  account: Account,
  rules: readonly TranslationRule[],
): Pick<TranslationRule, "method" | "rateType"> & { row?: number } {
  const forEntity = (e: string) => rules.filter((r) => r.entity === e);
  for (const list of [forEntity(entity), forEntity("*")]) {
    const byAccount = list.find(
      (r) => r.accounts !== undefined && r.accounts.trim() !== "" && matchesPattern(account.number, r.accounts),
    );
    if (byAccount) return byAccount;
    const byType = list.find(
      (r) => (r.accounts === undefined || r.accounts.trim() === "") && r.accountType === account.type,
    );
    if (byType) return byType;
  }
  if (PL.includes(account.type)) return { method: "average", rateType: "spot" };
  return { method: account.type === "equity" ? "historical" : "current", rateType: "spot" };
}

const dimsKey = dimsText;
const lineKey = (account: string, d: DimensionSet) => `${account}|${dimsKey(d)}`;

type PeriodActivity = { readonly period: string; readonly start: IsoDate; readonly end: IsoDate; activity: Amount };
/** One balance: an account × dimensions, its closing at the package's period and its activity per period. */
type Balance = { key: string; account: Account; dimensions: DimensionSet; closing: Amount; periods: PeriodActivity[] };

/** What a balance translates to before rounding: the products (amount × rate), their dates when historical, the trace's parts. */
interface Terms {
  local: Amount;
  readonly terms: [Amount, Rate][];
  readonly termDates: IsoDate[];
  readonly parts: string[];
  how: string;
}

interface Context {
  readonly x: TranslateInput;
  readonly find: RateFinder;
  readonly rateText: (r: Rate) => string;
  readonly issues: Issue[];
}

export function translateEntity(x: TranslateInput): TranslatedEntity {
  const { entity, pkg, setup } = x;
  const group = setup.settings.accountingCurrency;
  const places = setup.currencies.get(group)?.precision ?? 2;
  const mode: RoundingMode = setup.settings.roundingMode;
  const table = x.rateTable ?? new RateTable(setup.rates, setup.settings.triangulationCurrency);
  const issues: Issue[] = [];
  const trace: TraceRow[] = [];
  const find = rateFinder(table, setup, entity.id, pkg.currency, issues);
  const rateText = new Map<Rate, string>();
  const ctx: Context = {
    x,
    find,
    rateText: (r) => rateText.get(r) ?? (rateText.set(r, r.toString()), rateText.get(r)!),
    issues,
  };
  const ruleCache = new Map<string, ReturnType<typeof ruleFor>>();

  const out: TranslatedLine[] = [];
  for (const a of balancesOf(x)) {
    const rule =
      ruleCache.get(a.account.number) ??
      (ruleCache.set(a.account.number, ruleFor(entity.id, a.account, x.rules)), ruleCache.get(a.account.number)!);
    const key = `${entity.id} · ${a.account.number}${dimsKey(a.dimensions) ? ` · ${dimsKey(a.dimensions)}` : ""}`;
    const isPL = PL.includes(a.account.type);
    const t = isPL
      ? plTerms(ctx, a, rule)
      : rule.method === "historical"
        ? historicalTerms(ctx, a, rule)
        : currentTerms(ctx, a, rule);
    if (!t) continue;
    const exact = exactSum(t.terms, places);
    const translated = roundExact(exact, places, mode);
    if (t.local.isZero() && translated.isZero()) continue;
    out.push({
      account: a.account.number,
      dimensions: a.dimensions,
      type: a.account.type,
      local: t.local,
      translated,
      method: rule.method,
      ...(t.termDates.length ? { dated: datedPieces(t.terms, t.termDates, translated, places, mode) } : {}),
    });
    trace.push({
      key,
      inputs: {
        [isPL ? "year to date" : "closing"]: `${t.local.toString()} ${pkg.currency}`,
        method: rule.method,
        rateType: rule.rateType,
        ...(t.how ? { rate: t.how } : {}),
      },
      formula: t.parts.length ? t.parts.join(" + ") : "0",
      result: `${translated.toString()} ${group}`,
      residue: `${exact.toString()} rounded to ${places} places`,
    });
  }
  const totals = ctaOf(x, out, issues, trace);
  return { entity: entity.id, lines: out, totals, trace, issues };
}

/** The lines grouped by account × dimensions, in key order (the periods of one balance in a short array: a year has at most 12). */
function balancesOf(x: TranslateInput): Balance[] {
  const byKey = new Map<string, Balance>();
  for (const l of x.lines) {
    const account = x.setup.accounts.get(l.account);
    if (!account) continue; // mapping reported it
    const k = lineKey(l.account, l.dimensions);
    let a = byKey.get(k);
    if (!a) byKey.set(k, (a = { key: k, account, dimensions: l.dimensions, closing: Amount.ZERO, periods: [] }));
    if (l.period === x.pkg.period) a.closing = a.closing.plus(l.closing);
    let p: PeriodActivity | undefined;
    for (const q of a.periods) if (q.period === l.period) p = q;
    if (p) p.activity = p.activity.plus(l.activity);
    else a.periods.push({ period: l.period, start: l.start, end: l.end, activity: l.activity });
  }
  return [...byKey.values()].sort((p, q) => (p.key < q.key ? -1 : p.key > q.key ? 1 : 0));
}

type Rule = ReturnType<typeof ruleFor>;
const noTerms = (local: Amount): Terms => ({ local, terms: [], termDates: [], parts: [], how: "" });

/** Revenue and expense: each period's activity at that period's (weighted) average, year to date. */
function plTerms(ctx: Context, a: Balance, rule: Rule): Terms {
  const method = rule.method;
  const t = noTerms(Amount.sum(a.periods.map((p) => p.activity)));
  if (a.periods.length > 1) a.periods.sort((p, q) => (p.period < q.period ? -1 : p.period > q.period ? 1 : 0));
  for (const p of a.periods) {
    if (p.activity.isZero()) continue;
    const f =
      method === "historical" || method === "current"
        ? ctx.find("current", rule.rateType, p.start, p.end)
        : ctx.find(method, rule.rateType, p.start, p.end);
    if (!f) continue;
    t.terms.push([p.activity, f.rate]);
    t.parts.push(`${p.period}: ${p.activity.toString()} × ${ctx.rateText(f.rate)}`);
    t.how = f.how;
  }
  return t;
}

/** Historical: each dated change at the rate on its date; undefined (an issue) when the changes do not add up to the closing. */
function historicalTerms(ctx: Context, a: Balance, rule: Rule): Terms | undefined {
  const { entity, pkg } = ctx.x;
  const changes = ctx.x.equityChanges.filter(
    (c) => c.account === a.account.number && dimsKey(c.dimensions) === dimsKey(a.dimensions) && c.date <= pkg.periodEnd,
  );
  const total = Amount.sum(changes.map((c) => c.amount));
  if (!total.eq(a.closing)) {
    ctx.issues.push(
      issue(
        "EQUITY_HISTORY_MISMATCH",
        `Entity ${entity.id}: account ${a.account.number} (historical rate) closes at ${a.closing.toString()} ${pkg.currency} but its dated changes add up to ${total.toString()}; the package must list every change.`,
        {
          table: pkg.source,
          column: "Account",
        },
      ),
    );
    return undefined;
  }
  const t = noTerms(a.closing);
  for (const c of changes) {
    if (c.amount.isZero()) continue;
    const f = ctx.find("historical", rule.rateType, c.date, c.date);
    if (!f) continue;
    t.terms.push([c.amount, f.rate]);
    t.termDates.push(c.date);
    t.parts.push(`${c.date}: ${c.amount.toString()} × ${ctx.rateText(f.rate)}`);
    t.how = f.how;
  }
  return t;
}

/** Current: the closing at the rate on the period end. */
function currentTerms(ctx: Context, a: Balance, rule: Rule): Terms {
  const t = noTerms(a.closing);
  const end = ctx.x.pkg.periodEnd;
  const f = ctx.find("current", rule.rateType, end, end);
  if (f) {
    t.terms.push([a.closing, f.rate]);
    t.parts.push(`${a.closing.toString()} × ${ctx.rateText(f.rate)}`);
    t.how = f.how;
  }
  return t;
}

/** The totals and the CTA, the balancing figure, as a line on the entity's CTA account (pushed to `out`) and a trace row. */
function ctaOf(x: TranslateInput, out: TranslatedLine[], issues: Issue[], trace: TraceRow[]): TranslationTotals {
  const { entity, setup } = x;
  const sumOf = (types: readonly AccountType[]) =>
    Amount.sum(out.filter((l) => types.includes(l.type)).map((l) => l.translated));
  const assets = sumOf(["asset"]);
  const liabilities = sumOf(["liability"]).neg();
  const equity = sumOf(["equity"]).neg();
  const netIncome = sumOf(PL).neg();
  const cta = assets.minus(liabilities).minus(equity).minus(netIncome);
  const ctaAccount = setup.accounts.get(entity.ctaAccount);
  if (!ctaAccount)
    issues.push(
      issue(
        "UNKNOWN_ACCOUNT",
        `Entity ${entity.id}: CTA account ${entity.ctaAccount} is not in the group chart.`,
        cellAt(setup.where.entities, "ctaAccount", entity.row),
      ),
    );
  else if (!cta.isZero())
    out.push({
      account: entity.ctaAccount,
      dimensions: {},
      type: ctaAccount.type,
      local: Amount.ZERO,
      translated: cta.neg(),
      method: "cta",
    });
  trace.push({
    key: `${entity.id} · CTA → ${entity.ctaAccount}`,
    inputs: {
      assets: assets.toString(),
      liabilities: liabilities.toString(),
      equity: equity.toString(),
      "net income": netIncome.toString(),
    },
    formula: `assets − liabilities − equity − net income = ${assets.toString()} − ${liabilities.toString()} − ${equity.toString()} − ${netIncome.toString()}`,
    result: `${cta.toString()} ${setup.settings.accountingCurrency} (credit)`,
  });
  return { assets, liabilities, equity, netIncome, cta };
}
