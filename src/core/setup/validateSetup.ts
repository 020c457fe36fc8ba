/**
 * Cross-table checks of the setup: what a single cell cannot tell. Used by
 * `closebook check`, by imports, and before posting.
 *
 * Example: account 1110 restricted to currency "EUX" that tblCurrencies lacks →
 *   UNKNOWN_CURRENCY at tblAccounts row 7, Currency; two operating periods
 *   2026-03 and 2026-03b overlapping → PERIOD_OVERLAP at tblPeriods row 15, Start.
 */
import { issue, type Issue } from "../issues/issue";
import { cellAt } from "../issues/where";
import type { Setup } from "../ledger/book";

/** Rows a caller knows better than the records (each record read from a workbook carries its own `row`). */
export interface RowIndex {
  /** data row of a key in its table, for locating issues */
  readonly account?: (number: string) => number | undefined;
  readonly period?: (id: string) => number | undefined;
  readonly rate?: (index: number) => number | undefined;
}

export function validateSetup(setup: Setup, rows: RowIndex = {}): Issue[] {
  const out: Issue[] = [];
  const { settings, where } = setup;
  const setting = cellAt(where.settings, "value");
  const currencyKnown = (c: string) => setup.currencies.has(c);
  if (settings.accountingCurrency && !currencyKnown(settings.accountingCurrency)) {
    out.push(
      issue(
        "UNKNOWN_CURRENCY",
        `The accounting currency ${settings.accountingCurrency} is not in the currencies table.`,
        setting,
      ),
    );
  }
  if (settings.reportingCurrency && !currencyKnown(settings.reportingCurrency)) {
    out.push(
      issue(
        "UNKNOWN_CURRENCY",
        `The reporting currency ${settings.reportingCurrency} is not in the currencies table.`,
        setting,
      ),
    );
  }
  const settingAccounts: [string, string | undefined][] = [
    ["Unrealized gain account", settings.unrealizedGainAccount],
    ["Unrealized loss account", settings.unrealizedLossAccount],
    ["Realized gain account", settings.realizedGainAccount],
    ["Realized loss account", settings.realizedLossAccount],
    ["Rounding account", settings.roundingAccount],
    ["Retained earnings account", settings.retainedEarningsAccount],
  ];
  for (const [label, number] of settingAccounts) {
    if (number && !setup.accounts.has(number))
      out.push(issue("UNKNOWN_ACCOUNT", `${label} ${number} is not in the chart of accounts.`, setting));
  }
  for (const a of setup.accounts.values()) {
    if (a.currency && !currencyKnown(a.currency)) {
      const row = rows.account?.(a.number) ?? a.row;
      out.push(
        issue(
          "UNKNOWN_CURRENCY",
          `Account ${a.number} is restricted to currency ${a.currency}, which is not in the currencies table.`,
          cellAt(where.accounts, "currency", row || undefined),
        ),
      );
    }
  }
  setup.rates.forEach((r, i) => {
    for (const [key, c] of [
      ["from", r.from],
      ["to", r.to],
    ] as const) {
      if (!currencyKnown(c)) {
        const row = rows.rate?.(i) ?? r.row;
        out.push(
          issue(
            "UNKNOWN_CURRENCY",
            `Rate currency ${c} is not in the currencies table.`,
            cellAt(where.rates, key, row || undefined),
            "warning",
          ),
        );
      }
    }
  });
  const operating = setup.periods.filter((p) => p.kind === "operating").sort((a, b) => (a.start < b.start ? -1 : 1));
  for (let i = 1; i < operating.length; i++) {
    const prev = operating[i - 1]!;
    const cur = operating[i]!;
    if (cur.start <= prev.end) {
      const row = rows.period?.(cur.id) ?? cur.row;
      out.push(
        issue(
          "PERIOD_OVERLAP",
          `Period ${cur.id} (${cur.start}..${cur.end}) overlaps ${prev.id} (${prev.start}..${prev.end}).`,
          cellAt(where.periods, "start", row || undefined),
        ),
      );
    }
  }
  for (const p of setup.periods) {
    const access = p.access.trim().toLowerCase();
    if (access === "" || access === "all" || access === "none") continue;
    const known = [...setup.users.values()].some((u) => u.groups.some((g) => g.toLowerCase() === access));
    if (!known) {
      const row = rows.period?.(p.id) ?? p.row;
      out.push(
        issue(
          "UNKNOWN_GROUP",
          `Period ${p.id} is restricted to group "${p.access}", which no user belongs to.`,
          cellAt(where.periods, "access", row || undefined),
          "warning",
        ),
      );
    }
  }
  return out;
}
