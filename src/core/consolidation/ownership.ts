/**
 * Ownership below 100 %:
 * - proportional method: every translated balance (CTA included) rolled up at the
 *   ownership share, split by largest remainder so the entity still balances;
 * - full method: the non-controlling interest (m = 1 − ownership) takes
 *   m × translated net income (Dr NCI income account, Cr NCI equity account) and
 *   m × each translated equity balance, CTA included (Dr the equity account, Cr NCI
 *   equity), so its share of net assets (assets − liabilities) ends on the NCI equity account.
 *
 * Example (UK 80 %, translated: capital −1,000.00, CTA −50.00, net income 200.00 (revenue −200.00)):
 *   m = 0.2; NCI of net income 40.00: Dr 8900 40.00 / Cr 3950 40.00;
 *   equity: Dr capital 200.00, Dr CTA 10.00 / Cr 3950 210.00; NCI equity −250.00 = 0.2 × net assets 1,250.00.
 */
import { issue, type Issue } from "../issues/issue";
import { cellAt, header } from "../issues/where";
import type { TraceRow } from "../close/proposal";
import type { Setup } from "../ledger/book";
import type { DimensionSet, IsoDate } from "../ledger/types";
import { Amount, Rate, type RoundingMode } from "../money";
import type { GroupLine } from "./groupLine";
import type { GroupEntity } from "./model";
import { shareLines } from "./split";
import type { TranslatedEntity } from "./translate";

const HUNDRED = Amount.fromUnits(100n, 0);

export function ownershipRate(e: GroupEntity): Rate {
  return Rate.ratio(e.ownership, HUNDRED)!;
}

export function minorityRate(e: GroupEntity): Rate {
  return Rate.ratio(HUNDRED.minus(e.ownership), HUNDRED)!;
}

/** the proportional roll-up of an entity's lines (full method: unchanged) */
export function rollUp(e: GroupEntity, lines: readonly GroupLine[], places: number, mode: RoundingMode): GroupLine[] {
  if (e.method !== "proportional" || e.ownership.eq(HUNDRED)) return [...lines];
  const shares = shareLines(
    lines.map((l) => l.amount),
    ownershipRate(e),
    places,
    mode,
  );
  return lines.map((l, i) => ({
    ...l,
    amount: shares[i]!,
    note: `${l.note}${l.note ? "; " : ""}${e.ownership.toString()} % proportional`,
  }));
}

export function nonControllingInterest(
  e: GroupEntity,
  t: TranslatedEntity,
  setup: Setup,
  places: number,
  mode: RoundingMode,
): { lines: GroupLine[]; trace: TraceRow[]; issues: Issue[] } {
  if (e.method !== "full" || e.ownership.cmp(HUNDRED) >= 0) return { lines: [], trace: [], issues: [] };
  const entities = setup.where.entities;
  const missing = (["nciEquityAccount", "nciIncomeAccount"] as const).filter((k) => !e[k] || !setup.accounts.has(e[k]));
  if (missing.length) {
    const column = header(entities, missing[0]!);
    return {
      lines: [],
      trace: [],
      issues: [
        issue(
          "NCI_ACCOUNT_MISSING",
          `Entity ${e.id} is owned ${e.ownership.toString()} % (full method): its ${column} must be an account of the group chart.`,
          cellAt(entities, missing[0]!, e.row),
        ),
      ],
    };
  }
  const m = minorityRate(e);
  const eq = e.nciEquityAccount!;
  const inc = e.nciIncomeAccount!;
  const ni = m.apply(t.totals.netIncome, places, mode);
  const lines: GroupLine[] = [];
  const note = `NCI ${HUNDRED.minus(e.ownership).toString()} %`;
  if (!ni.isZero()) {
    lines.push({ entity: e.id, account: inc, dimensions: {}, amount: ni, column: "nci", note });
    lines.push({ entity: e.id, account: eq, dimensions: {}, amount: ni.neg(), column: "nci", note });
  }
  // a historically translated balance by the dates of its changes, so its NCI share keeps them (two-level groups)
  const equity = t.lines
    .filter((l) => l.type === "equity" || l.method === "cta")
    .flatMap((l): { account: string; dimensions: DimensionSet; translated: Amount; date?: IsoDate }[] =>
      l.dated ? l.dated.map((p) => ({ ...l, translated: p.translated, date: p.date })) : [l],
    );
  const shares = shareLines(
    equity.map((l) => l.translated),
    m,
    places,
    mode,
  );
  equity.forEach((l, i) => {
    const s = shares[i]!;
    if (!s.isZero())
      lines.push({
        entity: e.id,
        account: l.account,
        dimensions: l.dimensions,
        amount: s.neg(),
        column: "nci",
        note,
        ...(l.date ? { date: l.date } : {}),
      });
  });
  const total = Amount.sum(shares);
  if (!total.isZero()) lines.push({ entity: e.id, account: eq, dimensions: {}, amount: total, column: "nci", note });
  const netAssets = t.totals.assets.minus(t.totals.liabilities);
  const trace: TraceRow[] = [
    {
      key: `${e.id} · NCI`,
      inputs: {
        ownership: `${e.ownership.toString()} %`,
        "net assets": netAssets.toString(),
        "net income": t.totals.netIncome.toString(),
      },
      formula: `${m.toString()} × net income ${t.totals.netIncome.toString()} = ${ni.toString()}; ${m.toString()} × equity ${Amount.sum(
        equity.map((l) => l.translated),
      )
        .neg()
        .toString()} = ${total.neg().toString()}`,
      result: `NCI ${ni.minus(total).toString()} of net assets ${netAssets.toString()}`,
    },
  ];
  return { lines, trace, issues: [] };
}
