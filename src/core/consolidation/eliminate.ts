/**
 * Eliminations, in group currency after translation, by the group's rules (D365's):
 * - Net change: every translated balance of the rule's accounts whose trading
 *   partner (a dimension, "TradingPartner" by default) passes the rule's filter is
 *   taken out, to the destination account (blank: the source account) with the
 *   destination dimensions (blank: the source's). The two sides of each pair of
 *   entities must cancel; a mismatch is reported with both amounts and the
 *   difference, and goes to the rule's difference account only if it names one
 *   (otherwise it is an error and the pair is not eliminated).
 * - Fixed amount: the destination account debited, the source account credited,
 *   by the rule's amount (group currency), in the rule's entity.
 *
 * Example (rule IC1, accounts "1300, 2300", partner "*", difference account 6990):
 *   US 1300 TradingPartner=UK +1,000.00; UK 2300 TradingPartner=US −990.00
 *   → US 1300 −1,000.00, UK 2300 +990.00, US 6990 +10.00 and the warning
 *     "rule IC1: US with UK 1000.00, UK with US −990.00, difference 10.00".
 */
import { issue, type Issue } from "../issues/issue";
import { cellAt } from "../issues/where";
import type { TraceRow } from "../close/proposal";
import type { Setup } from "../ledger/book";
import type { IsoDate } from "../ledger/types";
import { Amount } from "../money";
import { dimsText, type GroupLine } from "./groupLine";
import type { EliminationRule } from "./model";
import { matchesPattern } from "./patterns";

export interface EliminationResult {
  readonly lines: readonly GroupLine[];
  readonly trace: readonly TraceRow[];
  readonly issues: readonly Issue[];
}

export function isActive(rule: EliminationRule, date: IsoDate): boolean {
  return (!rule.activeFrom || rule.activeFrom <= date) && (!rule.activeTo || rule.activeTo >= date);
}

type Input = Parameters<typeof eliminate>[0];

/** What the rules write to, in rule order: the eliminations' lines, trace rows and issues. */
interface Out {
  readonly input: Input;
  readonly lines: GroupLine[];
  readonly trace: TraceRow[];
  readonly issues: Issue[];
  readonly at: (r: EliminationRule, key: string) => ReturnType<typeof cellAt>;
}

export function eliminate(input: {
  readonly lines: readonly GroupLine[];
  readonly rules: readonly EliminationRule[];
  readonly entities: readonly string[];
  readonly date: IsoDate;
  readonly setup: Setup;
}): EliminationResult {
  const o: Out = {
    input,
    lines: [],
    trace: [],
    issues: [],
    at: (r, key) => cellAt(input.setup.where.eliminationRules, key, r.row),
  };
  const accountOk = (r: EliminationRule, a: string | undefined, key: string) => {
    if (a === undefined || input.setup.accounts.has(a)) return true;
    o.issues.push(
      issue("UNKNOWN_ACCOUNT", `Elimination rule ${r.id}: account ${a} is not in the group chart.`, o.at(r, key)),
    );
    return false;
  };
  for (const rule of input.rules.filter((r) => isActive(r, input.date))) {
    if (
      !accountOk(rule, rule.destinationAccount, "destinationAccount") ||
      !accountOk(rule, rule.differenceAccount, "differenceAccount")
    )
      continue;
    if (rule.method === "fixed") fixedElimination(o, rule);
    // net change: the matching balances, grouped by pair of entities
    else for (const p of pairsOf(o, rule).values()) eliminatePair(o, rule, p);
  }
  return { lines: o.lines, trace: o.trace, issues: o.issues };
}

/** A fixed amount: Dr the destination account, Cr the source account, for one entity. */
function fixedElimination(o: Out, rule: EliminationRule): void {
  const { input, issues, at, lines: out, trace } = o;
  const amount = rule.fixedAmount ?? Amount.ZERO;
  const src = rule.accounts.trim();
  if (!rule.destinationAccount || !input.setup.accounts.has(src) || !input.entities.includes(rule.entity)) {
    issues.push(
      issue(
        "BAD_ELIMINATION_RULE",
        `Elimination rule ${rule.id} (fixed amount) needs one entity of the group, one source account of the group chart and a destination account.`,
        at(rule, "accounts"),
      ),
    );
    return;
  }
  const dims = rule.destinationDimensions ?? {};
  out.push({
    entity: rule.entity,
    account: rule.destinationAccount,
    dimensions: dims,
    amount,
    column: "eliminations",
    note: `rule ${rule.id} (fixed)`,
  });
  out.push({
    entity: rule.entity,
    account: src,
    dimensions: dims,
    amount: amount.neg(),
    column: "eliminations",
    note: `rule ${rule.id} (fixed)`,
  });
  trace.push({
    key: `elimination ${rule.id}`,
    inputs: { method: "fixed amount", entity: rule.entity },
    formula: `Dr ${rule.destinationAccount} ${amount.toString()} / Cr ${src} ${amount.toString()}`,
    result: amount.toString(),
  });
}

type Pair = { a: string; b: string; lines: GroupLine[] };

/** The rule's matching translated balances grouped by pair of entities (a partner outside the group: a warning, left in). */
function pairsOf(o: Out, rule: EliminationRule): Map<string, Pair> {
  const { input, issues, at } = o;
  const pairs = new Map<string, Pair>();
  // the patterns are matched once per entity and per account, not once per line
  const entityOk = new Map<string, boolean>();
  const accountMatch = new Map<string, boolean>();
  const matches = (cache: Map<string, boolean>, value: string, pattern: string) => {
    let m = cache.get(value);
    if (m === undefined) cache.set(value, (m = pattern === "*" || matchesPattern(value, pattern)));
    return m;
  };
  for (const l of input.lines) {
    if (l.column !== "translated" && l.column !== "translation") continue;
    if (!matches(entityOk, l.entity, rule.entity) || !matches(accountMatch, l.account, rule.accounts)) continue;
    const partner = l.dimensions[rule.partnerDimension] ?? "";
    if (!partner || !(rule.partner === "*" || matchesPattern(partner, rule.partner))) continue;
    if (partner === l.entity) continue;
    if (!input.entities.includes(partner)) {
      issues.push(
        issue(
          "PARTNER_NOT_IN_GROUP",
          `Elimination rule ${rule.id}: ${l.entity} ${l.account} has trading partner ${partner}, which is not consolidated; ${l.amount.toString()} left in.`,
          at(rule, "partner"),
          "warning",
        ),
      );
      continue;
    }
    const [a, b] = [l.entity, partner].sort() as [string, string];
    const k = `${a}|${b}`;
    const p = pairs.get(k) ?? { a, b, lines: [] };
    p.lines.push(l);
    pairs.set(k, p);
  }
  return pairs;
}

/** A pair's balances reversed; a difference posted to the rule's difference account (a warning), or without one refused. */
function eliminatePair(o: Out, rule: EliminationRule, p: Pair): void {
  const { issues, at, lines: out, trace } = o;
  const side = (e: string) => Amount.sum(p.lines.filter((l) => l.entity === e).map((l) => l.amount));
  const [sa, sb] = [side(p.a), side(p.b)];
  const diff = sa.plus(sb);
  const text = `${p.a} with ${p.b} ${sa.toString()}, ${p.b} with ${p.a} ${sb.toString()}, difference ${diff.toString()}`;
  if (!diff.isZero() && !rule.differenceAccount) {
    issues.push(
      issue(
        "ELIMINATION_MISMATCH",
        `Elimination rule ${rule.id}: ${text}; not eliminated (name a difference account in the rule, or correct the entities' bookings).`,
        at(rule, "differenceAccount"),
      ),
    );
    return;
  }
  if (!diff.isZero())
    issues.push(
      issue(
        "ELIMINATION_DIFFERENCE",
        `Elimination rule ${rule.id}: ${text}, posted to ${rule.differenceAccount}.`,
        at(rule, "differenceAccount"),
        "warning",
      ),
    );
  for (const l of p.lines) {
    out.push({
      entity: l.entity,
      account: rule.destinationAccount ?? l.account,
      dimensions: rule.destinationDimensions ?? l.dimensions,
      amount: l.amount.neg(),
      column: "eliminations",
      note: `rule ${rule.id}`,
    });
  }
  if (!diff.isZero())
    out.push({
      entity: p.a,
      account: rule.differenceAccount!,
      dimensions: {},
      amount: diff,
      column: "eliminations",
      note: `rule ${rule.id} difference`,
    });
  trace.push({
    key: `elimination ${rule.id} · ${p.a}/${p.b}`,
    inputs: {
      [p.a]: sa.toString(),
      [p.b]: sb.toString(),
      lines: p.lines
        .map((l) => `${l.entity} ${l.account}${dimsText(l.dimensions) ? ` (${dimsText(l.dimensions)})` : ""}`)
        .join("; "),
    },
    formula: `−(${sa.toString()}) − (${sb.toString()})${diff.isZero() ? "" : ` + difference ${diff.toString()} to ${rule.differenceAccount}`}`,
    result: `eliminated ${sa.neg().toString()} / ${sb.neg().toString()}`,
  });
}
