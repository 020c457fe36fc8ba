/**
 * What the Periods tab shows and allows, as pure functions: the calendar rows
 * with their seal, which actions apply to a period's status, the access
 * choices, and the result sentence of a change.
 *
 * Example: actionsFor("On hold") → { hold: false, reopen: true, close: true, access: true }
 *          actionsFor("Permanently closed") → all false
 *          changedSentence("hold", "2026-03", { runId: "RUN-000004", seal: { count: 61, hash: "$1$5f3a9c0e…" } })
 *            → "Period 2026-03 is on hold as RUN-000004: sealed 61 ledger rows (hash 5f3a9c0e…)."
 */
import type { Book } from "../../core/ledger/book";
import type { FiscalPeriod, PeriodStatus, User } from "../../core/ledger/types";
import { activeSeals, stripVersion, type SealRecord } from "../../core/seal/seal";

export type PeriodActionKind = "hold" | "reopen" | "close" | "access";

export interface CalendarRow {
  readonly period: FiscalPeriod;
  /** the seal in force ("sealed"), or undefined when the period has never been sealed or was unsealed */
  readonly seal: SealRecord | undefined;
}

export function calendarRows(
  book: Pick<Book, "seals"> & { readonly setup: { readonly periods: readonly FiscalPeriod[] } },
): CalendarRow[] {
  const seals = activeSeals(book.seals);
  return book.setup.periods.map((period) => {
    const s = seals.get(period.id);
    return { period, seal: s?.status === "sealed" ? s : undefined };
  });
}

/** Which actions apply: hold from Open, reopen from On hold, close from either; nothing once permanently closed. */
export function actionsFor(status: PeriodStatus): Readonly<Record<PeriodActionKind, boolean>> {
  return {
    hold: status === "Open",
    reopen: status === "On hold",
    close: status === "Open" || status === "On hold",
    access: status !== "Permanently closed",
  };
}

/** The default period to act on: the earliest Open operating period, else the first period. */
export function defaultPeriod(periods: readonly FiscalPeriod[]): string {
  const open = periods
    .filter((p) => p.kind === "operating" && p.status === "Open")
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return open[0]?.id ?? periods[0]?.id ?? "";
}

/** "All", "None", then every group of an active user, sorted. */
export function accessChoices(users: ReadonlyMap<string, User>): string[] {
  const groups = new Set<string>();
  for (const u of users.values()) if (u.active) for (const g of u.groups) if (g.trim()) groups.add(g.trim());
  return ["All", "None", ...[...groups].sort((a, b) => a.localeCompare(b))];
}

/** "$1$5f3a9c0e1234…" → "5f3a9c0e…" (the first 8 hex digits) */
export function hashPrefix(hash: string): string {
  const hex = stripVersion(hash);
  return hex.length > 8 ? `${hex.slice(0, 8)}…` : hex;
}

/** "61 rows": what a seal covers (its hash is shown only on demand, sealHash) */
export function sealDetail(seal: Pick<SealRecord, "count">): string {
  return `${seal.count.toLocaleString("en-US")} row${seal.count === 1 ? "" : "s"}`;
}

/** the seal's whole hash, without its version prefix: "$1$5f3a…" → "5f3a…" (shown when asked for) */
export function sealHash(seal: Pick<SealRecord, "hash">): string {
  return seal.hash.replace(/^\$\d+\$/, "");
}

export const ACTION_TITLES: Readonly<Record<PeriodActionKind, string>> = {
  hold: "Put on hold",
  reopen: "Reopen",
  close: "Close permanently",
  access: "Change access",
};

const DONE: Readonly<Record<PeriodActionKind, string>> = {
  hold: "is on hold",
  reopen: "is open again",
  close: "is permanently closed",
  access: "has new access",
};

/** The sentence shown after a change succeeded. */
export function changedSentence(
  kind: PeriodActionKind,
  period: string,
  result: { readonly runId?: string; readonly seal?: Pick<SealRecord, "count" | "hash"> },
  access?: string,
): string {
  const what = kind === "access" && access ? `now has access ${access}` : DONE[kind];
  const run = result.runId ? ` as ${result.runId}` : "";
  const seal = result.seal
    ? `: sealed ${result.seal.count.toLocaleString("en-US")} ledger row${result.seal.count === 1 ? "" : "s"} (hash ${hashPrefix(result.seal.hash)})`
    : "";
  return `Period ${period} ${what}${run}${seal}.`;
}
