/**
 * The consolidation run for one period of the group workbook: every entity's
 * package mapped, translated (with its CTA), rolled up (proportional), the
 * intercompany balances eliminated and the non-controlling interests computed,
 * giving the consolidated trial balance year to date at the period end. The
 * proposal posts what the group ledger still lacks of it: the consolidated
 * figures less what earlier consolidation runs posted (so each month's run posts
 * that month's movement). Across fiscal years [derived], what the group ledger
 * holds is read as it stands once earlier years are closed: balance-sheet lines
 * of every earlier run, profit and loss of this fiscal year's runs only, and
 * earlier years' profit and loss as retained earnings (settings'
 * retainedEarningsAccount, dated at that year's end), where the group's
 * year-end close moves it. So it does not matter whether the group closes the
 * old year before or after the new year's first run, and nothing is posted twice.
 *   Example (USD entity, 100 %): December 2026 run posts cash +1,500, capital −1,000,
 *   sales −800, costs +300; the entity closes 2026 (retained earnings −500); its
 *   January 2027 package: cash 1,700, capital −1,000, retained earnings −500, sales
 *   −400, costs +200. Held: cash 1,500, capital −1,000, retained earnings −800 + 300
 *   = −500 → January posts cash +200, sales −400, costs +200 only.
 * One voucher per entity and one
 * for the eliminations, every line tagged with its entity (dimension "Entity"),
 * its worksheet column and its package. Posting keys consolidation:<entity>:<period>
 * refuse a second run for the same period while the first stands.
 *
 * Example: 2026-01, packages US (USD, 100 %) and UK (GBP, 80 %) → vouchers
 *   "Consolidation US 2026-01", "Consolidation UK 2026-01", "Eliminations 2026-01";
 *   posting keys consolidation:US:2026-01, consolidation:UK:2026-01, consolidation:eliminations:2026-01.
 */
import { issue, hasErrors, type Issue } from "../issues/issue";
import { cellAt } from "../issues/where";
import type { PostingKey, Proposal, TraceRow } from "../close/proposal";
import type { Book } from "../ledger/book";
import { isBalanceSheet, type DimensionSet, type FiscalPeriod, type IsoDate, type LedgerEntry } from "../ledger/types";
import { Amount } from "../money";
import { RateTable } from "../rates/rateTable";
import type { GroupLine, WorksheetColumn } from "./groupLine";
import { eliminate } from "./eliminate";
import { mapPackage } from "./mapping";
import {
  ENTITY_DIMENSION,
  type AccountMapRule,
  type EliminationRule,
  type EntityPackage,
  type GroupEntity,
  type TranslationRule,
} from "./model";
import { nonControllingInterest, rollUp } from "./ownership";
import { translateEntity, type TranslatedEntity } from "./translate";
import { deltaVouchers, key, targetsOf, type Usable } from "./consolidateDelta";
import { groupAccountOf } from "./mapping";

export const CONSOLIDATION_STEP = "consolidation";

export interface ConsolidationInput {
  readonly book: Book;
  readonly period: FiscalPeriod;
  readonly entities: readonly GroupEntity[];
  readonly mapping: readonly AccountMapRule[];
  readonly translation: readonly TranslationRule[];
  readonly eliminations: readonly EliminationRule[];
  readonly packages: readonly EntityPackage[];
}

export interface ConsolidationResult {
  readonly proposal: Proposal;
  /** the consolidated trial balance year to date, by entity and worksheet column */
  readonly lines: readonly GroupLine[];
  readonly translated: readonly TranslatedEntity[];
  readonly entities: readonly GroupEntity[];
  readonly packages: readonly EntityPackage[];
}

const TAG = /^(?:Reversal: )*\[(translated|translation|eliminations|nci)\] (\S+)/;
const DATED = / · dated (\d{4}-\d{2}-\d{2})/;

/** the ledger's consolidation lines of a run of this step (or their reversals), from their description tags */
export function consolidationTag(
  e: LedgerEntry,
): { column: WorksheetColumn; entity: string; date?: IsoDate } | undefined {
  if (e.source !== `close:${CONSOLIDATION_STEP}` && !e.source.startsWith("reversal:")) return undefined;
  const m = TAG.exec(e.description);
  if (!m) return undefined;
  const d = DATED.exec(e.description);
  return { column: m[1] as WorksheetColumn, entity: m[2]!, ...(d ? { date: d[1]! } : {}) };
}

/** a group workbook's package: its lines carry the Entity dimension of its own consolidation; one level up it is one entity */
function withoutEntityDimension(pkg: EntityPackage): EntityPackage {
  const has = (d: DimensionSet) => d[ENTITY_DIMENSION] !== undefined;
  if (!pkg.lines.some((l) => has(l.dimensions)) && !pkg.equityChanges.some((c) => has(c.dimensions))) return pkg;
  const strip = (d: DimensionSet): DimensionSet => {
    if (!has(d)) return d;
    const { [ENTITY_DIMENSION]: _e, ...rest } = d;
    void _e;
    return rest;
  };
  return {
    ...pkg,
    lines: pkg.lines.map((l) => (has(l.dimensions) ? { ...l, dimensions: strip(l.dimensions) } : l)),
    equityChanges: pkg.equityChanges.map((c) => (has(c.dimensions) ? { ...c, dimensions: strip(c.dimensions) } : c)),
  };
}

function checkPackages(x: ConsolidationInput): {
  usable: { pkg: EntityPackage; entity: GroupEntity }[];
  issues: Issue[];
} {
  const issues: Issue[] = [];
  const usable: { pkg: EntityPackage; entity: GroupEntity }[] = [];
  const seen = new Map<string, string>();
  for (const pkg of x.packages) {
    const at = (column: string) => ({ table: pkg.source, column });
    const entity = x.entities.find((e) => e.id === pkg.entity);
    const before = issues.filter((i) => i.severity === "error").length;
    if (!entity)
      issues.push(
        issue(
          "UNKNOWN_ENTITY",
          `Package ${pkg.source}: entity ${pkg.entity} is not in ${x.book.setup.where.entities.table}.`,
          at("Entity"),
        ),
      );
    if (seen.has(pkg.entity))
      issues.push(
        issue(
          "DUPLICATE_ENTITY",
          `Package ${pkg.source}: entity ${pkg.entity} was already given by ${seen.get(pkg.entity)}.`,
          at("Entity"),
        ),
      );
    if (pkg.period !== x.period.id || pkg.periodEnd !== x.period.end)
      issues.push(
        issue(
          "WRONG_PERIOD",
          `Package ${pkg.source} is for ${pkg.period} (ending ${pkg.periodEnd}), not ${x.period.id} (ending ${x.period.end}).`,
          at("Period"),
        ),
      );
    if (!x.book.setup.currencies.has(pkg.currency))
      issues.push(
        issue(
          "UNKNOWN_CURRENCY",
          `Package ${pkg.source}: currency ${pkg.currency} is not in the group's currencies table.`,
          at("Currency"),
        ),
      );
    else if (entity && entity.currency !== pkg.currency)
      issues.push(
        issue(
          "CURRENCY_MISMATCH",
          `Package ${pkg.source} is in ${pkg.currency}, but ${x.book.setup.where.entities.table} says ${entity.id} keeps its books in ${entity.currency}.`,
          at("Currency"),
        ),
      );
    if (pkg.draft)
      issues.push(
        issue(
          "DRAFT_PACKAGE",
          `Package ${pkg.source} is a draft: ${pkg.entity}'s period ${pkg.period} is ${pkg.status}, so its figures may still change.`,
          at("Status"),
          "warning",
        ),
      );
    seen.set(pkg.entity, pkg.source);
    if (issues.filter((i) => i.severity === "error").length === before && entity) usable.push({ pkg, entity });
  }
  for (const e of x.entities)
    if (!seen.has(e.id))
      issues.push(
        issue(
          "NO_PACKAGE",
          `Entity ${e.id} has no package: it is left out of this consolidation.`,
          cellAt(x.book.setup.where.entities, "id", e.row),
          "warning",
        ),
      );
  return { usable, issues };
}

/**
 * What earlier consolidation runs posted before `period`, by entity × worksheet column × account ×
 * dimensions × date, as the group ledger holds it once its earlier years are closed: balance-sheet
 * lines of every year, profit and loss of this fiscal year, and earlier years' profit and loss on the
 * retained-earnings account, dated at that year's end (where the group's year-end close moves it).
 */
function postedBefore(book: Book, period: FiscalPeriod, issues: Issue[]): Map<string, Amount> {
  const setup = book.setup;
  const operating = setup.periods.filter((p) => p.kind === "operating");
  const yearStart = operating
    .filter((p) => p.fiscalYear === period.fiscalYear)
    .reduce((m, p) => (p.start < m ? p.start : m), period.start);
  const yearEnds = new Map<string, IsoDate>();
  for (const p of operating) if (p.end > (yearEnds.get(p.fiscalYear) ?? "")) yearEnds.set(p.fiscalYear, p.end);
  const yearEndOf = (date: IsoDate): IsoDate => {
    const p = operating.find((q) => q.start <= date && date <= q.end);
    return (p && yearEnds.get(p.fiscalYear)) ?? date;
  };
  const re = setup.settings.retainedEarningsAccount;
  let noRe = false;
  const posted = new Map<string, Amount>();
  for (const e of book.ledger) {
    if (e.date >= period.start) continue;
    const tag = consolidationTag(e);
    if (!tag) continue;
    const { [ENTITY_DIMENSION]: _entity, ...dims } = e.dimensions;
    void _entity;
    const type = setup.accounts.get(e.account)?.type;
    const earlierResult = e.date < yearStart && type !== undefined && !isBalanceSheet(type);
    if (earlierResult && !re) {
      noRe = true;
      continue;
    }
    const k = earlierResult
      ? key(tag.entity, tag.column, re!, dims, yearEndOf(e.date))
      : key(tag.entity, tag.column, e.account, dims, tag.date);
    posted.set(k, (posted.get(k) ?? Amount.ZERO).plus(e.amountAccounting));
  }
  if (noRe)
    issues.push(
      issue(
        "RETAINED_EARNINGS_ACCOUNT",
        `Earlier years' consolidated results need a retained earnings account: set one in the group's settings.`,
        cellAt(book.setup.where.settings, "value"),
      ),
    );
  return posted;
}

export function consolidate(x: ConsolidationInput): ConsolidationResult {
  const { book, period } = x;
  const setup = book.setup;
  const table = new RateTable(setup.rates, setup.settings.triangulationCurrency);
  const checked = checkPackages(x);
  const issues: Issue[] = [...checked.issues];
  const trace: TraceRow[] = [];
  const translated: TranslatedEntity[] = [];
  let lines: GroupLine[] = [];
  const nci: GroupLine[] = [];
  for (const usable of checked.usable) {
    const f = entityFigures(x, usable, table);
    translated.push(f.translated);
    issues.push(...f.issues);
    trace.push(...f.trace);
    lines.push(...f.lines);
    nci.push(...f.nci);
  }
  const elim = eliminate({
    lines,
    rules: x.eliminations,
    entities: checked.usable.map((u) => u.entity.id),
    date: period.end,
    setup,
  });
  issues.push(...elim.issues);
  trace.push(...elim.trace);
  lines = [...lines, ...elim.lines, ...nci];

  const posted = postedBefore(book, period, issues);
  const vouchers = deltaVouchers(x, checked.usable, targetsOf(lines, posted), posted);
  const postingKeys: PostingKey[] = [
    ...checked.usable.map((u) => ({
      key: `consolidation:${u.entity.id}:${period.id}`,
      what: `the consolidation of ${u.entity.id} for ${period.id}`,
    })),
    { key: `consolidation:eliminations:${period.id}`, what: `the eliminations of ${period.id}` },
  ];
  const errors = hasErrors(issues);
  const proposal: Proposal = {
    step: CONSOLIDATION_STEP,
    parameters: {
      period: period.id,
      date: period.end,
      packages: x.packages.map((p) => `${p.entity}=${p.source}${p.draft ? " (draft)" : ""}`).join(", "),
    },
    postingKeys,
    vouchers: errors ? [] : vouchers,
    trace,
    issues,
  };
  return {
    proposal,
    lines,
    translated,
    entities: checked.usable.map((u) => u.entity),
    packages: checked.usable.map((u) => u.pkg),
  };
}

/**
 * One entity's figures: its package mapped to the group's accounts and translated, each line rolled up by the
 * group's share (proportional entities) and the non-controlling interest's lines; with their issues and trace rows
 * in the order mapping, translation, NCI.
 */
function entityFigures(x: ConsolidationInput, usable: Usable, table: RateTable) {
  const setup = x.book.setup;
  const places = setup.currencies.get(setup.settings.accountingCurrency)?.precision ?? 2;
  const mode = setup.settings.roundingMode;
  const { entity } = usable;
  const pkg = withoutEntityDimension(usable.pkg);
  const mapped = mapPackage(pkg, x.mapping, setup.accounts);
  const equityChanges = pkg.equityChanges.map((c) => ({
    ...c,
    account: groupAccountOf(pkg.entity, c.account, x.mapping),
  }));
  const t = translateEntity({
    entity,
    pkg,
    lines: mapped.lines,
    equityChanges,
    setup,
    rules: x.translation,
    rateTable: table,
  });
  const note = pkg.draft ? "draft package" : "";
  const own = t.lines.flatMap((l): GroupLine[] =>
    l.dated
      ? l.dated.map((p) => ({
          entity: entity.id,
          account: l.account,
          dimensions: l.dimensions,
          amount: p.translated,
          column: "translated",
          note,
          date: p.date,
        }))
      : [
          {
            entity: entity.id,
            account: l.account,
            dimensions: l.dimensions,
            amount: l.translated,
            column: l.method === "cta" ? "translation" : "translated",
            note,
          },
        ],
  );
  const lines = rollUp(entity, own, places, mode);
  const n = nonControllingInterest(entity, t, setup, places, mode);
  return {
    translated: t,
    lines,
    nci: n.lines,
    issues: [...mapped.issues, ...t.issues, ...n.issues],
    trace: [...t.trace, ...n.trace],
  };
}
