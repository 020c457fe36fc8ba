/**
 * The consolidation worksheet accountants build by hand, as a neutral grid: one
 * column per entity (translated, year to date), then translation (the CTA),
 * eliminations, NCI and consolidated; rows by group account in statement order
 * with subtotals; check lines that must read 0.
 *
 * Example (US 100 %, UK 80 %):
 *   Account | Name    | US       | UK       | Translation | Eliminations | NCI     | Consolidated
 *   1300    | IC rec. | 1,300.00 |          |             | −1,300.00    |         | 0.00
 *   …
 *   Check: translated trial balances + translation = 0 | 0.00 …
 */
import type { Setup } from "../ledger/book";
import type { AccountType } from "../ledger/types";
import { Amount } from "../money";
import type { ConsolidationResult } from "./consolidate";

export interface WorksheetRow {
  readonly label: string;
  readonly account?: string;
  /** one per column after the label columns; undefined = blank */
  readonly values: readonly (Amount | undefined)[];
  readonly role: "account" | "subtotal" | "check" | "heading";
}

export interface Worksheet {
  readonly columns: readonly string[];
  readonly rows: readonly WorksheetRow[];
  /** every check line reads zero */
  readonly checksPass: boolean;
}

const SECTIONS: readonly [AccountType, string][] = [
  ["asset", "Assets"],
  ["liability", "Liabilities"],
  ["equity", "Equity"],
  ["revenue", "Revenue"],
  ["expense", "Expenses"],
];

export function consolidationWorksheet(r: ConsolidationResult, setup: Setup): Worksheet {
  const entities = r.entities.map((e) => e.id);
  const columns = [
    ...entities.map((e) => `${e}${r.packages.find((p) => p.entity === e)?.draft ? " (draft)" : ""}`),
    "Translation",
    "Eliminations",
    "NCI",
    "Consolidated",
  ];
  const n = columns.length;
  const colOf = (entity: string, column: string) =>
    column === "translated"
      ? entities.indexOf(entity)
      : column === "translation"
        ? entities.length
        : column === "eliminations"
          ? entities.length + 1
          : entities.length + 2;
  const byAccount = new Map<string, Amount[]>();
  for (const l of r.lines) {
    const v = byAccount.get(l.account) ?? Array<Amount>(n).fill(Amount.ZERO);
    const c = colOf(l.entity, l.column);
    v[c] = v[c]!.plus(l.amount);
    v[n - 1] = v[n - 1]!.plus(l.amount);
    byAccount.set(l.account, v);
  }
  const rows: WorksheetRow[] = [];
  const zero = () => Array<Amount>(n).fill(Amount.ZERO);
  const add = (a: readonly Amount[], b: readonly Amount[]) => a.map((x, i) => x.plus(b[i] ?? Amount.ZERO));
  const totals = new Map<AccountType, Amount[]>();
  for (const [type, title] of SECTIONS) {
    const accounts = [...byAccount.keys()].filter((a) => setup.accounts.get(a)?.type === type).sort();
    let sub = zero();
    rows.push({ label: title, values: [], role: "heading" });
    for (const a of accounts) {
      const v = byAccount.get(a)!;
      sub = add(sub, v);
      rows.push({ label: setup.accounts.get(a)?.name ?? a, account: a, values: v, role: "account" });
    }
    totals.set(type, sub);
    rows.push({ label: `Total ${title.toLowerCase()}`, values: sub, role: "subtotal" });
  }
  const t = (type: AccountType) => totals.get(type) ?? zero();
  const all = SECTIONS.reduce((s, [type]) => add(s, t(type)), zero());
  const netIncome = add(t("revenue"), t("expense")).map((x) => x.neg());
  rows.push({ label: "Net income", values: netIncome, role: "subtotal" });
  // checks
  const only = (i: number, x: Amount) => Array.from({ length: n }, (_, k) => (k === i ? x : undefined));
  const translatedPlusCta = Amount.sum(all.slice(0, entities.length + 1));
  const bs = t("asset").map((a, i) =>
    a
      .plus(t("liability")[i]!)
      .plus(t("equity")[i]!)
      .plus(add(t("revenue"), t("expense"))[i]!),
  );
  const niCheck = netIncome[n - 1]!.minus(Amount.sum(netIncome.slice(0, n - 1)));
  const checks: WorksheetRow[] = [
    {
      label: "Check: translated trial balances + translation = 0",
      values: only(entities.length, translatedPlusCta),
      role: "check",
    },
    {
      label: "Check: eliminations net to 0",
      values: only(entities.length + 1, all[entities.length + 1]!),
      role: "check",
    },
    { label: "Check: NCI nets to 0", values: only(entities.length + 2, all[entities.length + 2]!), role: "check" },
    {
      label: "Check: consolidated balance sheet (assets − liabilities − equity − net income) = 0",
      values: only(n - 1, bs[n - 1]!),
      role: "check",
    },
    {
      label:
        "Check: consolidated net income − (Σ entities' translated net income − eliminated intercompany profit − NCI share) = 0",
      values: only(n - 1, niCheck),
      role: "check",
    },
  ];
  rows.push(...checks);
  return { columns, rows, checksPass: checks.every((c) => c.values.every((v) => v === undefined || v.isZero())) };
}
