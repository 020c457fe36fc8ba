/**
 * The consolidation's vouchers as deltas (consolidate.ts): the group's lines summed per entity × worksheet column ×
 * account × dimensions × date, less what earlier runs posted for the same key; a key posted before and gone now
 * targets zero, so its amount is reversed.
 *
 * Example: UK's cash (account 1100, translated) was posted at 1,100.00 in 2026-01; for 2026-02 the target is 1,150.00 →
 * a line of 50.00 in the voucher "Consolidation UK 2026-02" (dimension Entity=UK).
 */
import type { ProposedLine, ProposedVoucher } from "../close/proposal";
import type { DimensionSet } from "../ledger/types";
import { Amount } from "../money";
import { dimsText, type GroupLine, type WorksheetColumn } from "./groupLine";
import { ENTITY_DIMENSION, type EntityPackage, type GroupEntity } from "./model";
import type { ConsolidationInput } from "./consolidate";

export type Usable = { pkg: EntityPackage; entity: GroupEntity };

export const key = (entity: string, column: WorksheetColumn, account: string, d: DimensionSet, date = "") =>
  `${entity}|${column}|${account}|${dimsText(d)}|${date}`;

/** What the group's lines add up to per key; a key earlier runs posted that is gone now targets zero (its reversal). */
export function targetsOf(
  lines: readonly GroupLine[],
  posted: ReadonlyMap<string, Amount>,
): Map<string, { line: GroupLine; amount: Amount }> {
  const target = new Map<string, { line: GroupLine; amount: Amount }>();
  for (const l of lines) {
    const k = key(l.entity, l.column, l.account, l.dimensions, l.date);
    const t = target.get(k);
    target.set(k, { line: t?.line ?? l, amount: (t?.amount ?? Amount.ZERO).plus(l.amount) });
  }
  for (const [k] of posted)
    if (!target.has(k)) {
      const [entity = "", col = "", account = "", dimText = "", date = ""] = k.split("|");
      const dims: Record<string, string> = {};
      for (const part of dimText.split(", ").filter(Boolean)) {
        const [a = "", b = ""] = part.split("=");
        dims[a] = b;
      }
      target.set(k, {
        line: {
          entity,
          account,
          dimensions: dims,
          amount: Amount.ZERO,
          column: col as WorksheetColumn,
          note: "",
          ...(date ? { date } : {}),
        },
        amount: Amount.ZERO,
      });
    }
  return target;
}

/** The target less what earlier runs posted, in key order: one voucher per entity and one of eliminations, at the period end. */
export function deltaVouchers(
  x: ConsolidationInput,
  usable: readonly Usable[],
  target: ReadonlyMap<string, { line: GroupLine; amount: Amount }>,
  posted: ReadonlyMap<string, Amount>,
): ProposedVoucher[] {
  const { period } = x;
  const group = x.book.setup.settings.accountingCurrency;
  const draftOf = new Map(usable.map((u) => [u.entity.id, u.pkg]));
  const vouchers: ProposedVoucher[] = [];
  const byVoucher = new Map<string, ProposedLine[]>();
  for (const [k, t] of [...target.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const delta = t.amount.minus(posted.get(k) ?? Amount.ZERO);
    if (delta.isZero()) continue;
    const l = t.line;
    const pkg = draftOf.get(l.entity);
    const v = l.column === "eliminations" ? "eliminations" : l.entity;
    const list = byVoucher.get(v) ?? [];
    list.push({
      account: l.account,
      dimensions: { ...l.dimensions, [ENTITY_DIMENSION]: l.entity },
      currency: group,
      amount: delta,
      amountAccounting: delta,
      description: `[${l.column}] ${l.entity} ${period.id}${pkg ? ` from ${pkg.source}${pkg.draft ? " (draft)" : ""}` : ""}${l.note ? ` · ${l.note}` : ""}${l.date ? ` · dated ${l.date}` : ""}`,
    });
    byVoucher.set(v, list);
  }
  for (const [v, ls] of byVoucher)
    vouchers.push({
      date: period.end,
      description: v === "eliminations" ? `Eliminations ${period.id}` : `Consolidation ${v} ${period.id}`,
      lines: ls,
    });
  return vouchers;
}
