/**
 * What the task pane's Group and Checklist tabs show, computed where the command map runs (the pane's command
 * worker), as closeView.ts does for the Close tab: the pane receives a few values instead of the decoded book
 * (#16 point 1). The Group tab's view reads the setup only; the Checklist tab's reads the checklist tables, and the
 * rest of the book only when the chosen period has tasks (an automatic task's state is its step's check).
 *
 * Example: groupView(book, raw) → { isGroup: false, currency: "USD", company: "Demo Co", periods: [2026-01 …] };
 *   checklistView(session, undefined, "2026-12-03") → { months, period: "2026-12", checklist: { tasks, views, issues }, users }
 */
import { defaultChecklistPeriod } from "../core/checklist/defaultPeriod";
import type { Book } from "../core/ledger/book";
import type { FiscalPeriod, User } from "../core/ledger/types";
import type { RawTable } from "../ports/workbook";
import { decodeChecklist } from "../schema/checklistCodec";
import { CHECKLIST_TABLES } from "../schema/checklistTables";
import { isConsolidationCompany } from "../schema/consolidationCodec";
import { periodChecklist, type PeriodChecklist } from "./checklist/checklistState";
import type { TableNeeds } from "./loadBook";
import type { Session } from "./operation";

export interface GroupView {
  /** the workbook is a group (consolidation) company */
  readonly isGroup: boolean;
  readonly currency: string;
  readonly company: string;
  /** the operating periods */
  readonly periods: readonly FiscalPeriod[];
}

/** the tables groupView reads besides the setup (always read): none */
export const GROUP_VIEW_TABLES: TableNeeds = [];

export function groupView(book: Book, raw: ReadonlyMap<string, RawTable | undefined>): GroupView {
  return {
    isGroup: isConsolidationCompany(raw),
    currency: book.setup.settings.accountingCurrency,
    company: book.setup.settings.company,
    periods: book.setup.periods.filter((p) => p.kind === "operating"),
  };
}

export interface ChecklistView {
  /** the operating periods (the tab's Period choices) */
  readonly months: readonly FiscalPeriod[];
  /** the period shown: the one asked for, else the default (defaultChecklistPeriod) */
  readonly period: string;
  /** its checklist: tasks, their views and the sign-offs without their audit row (no checklist data, no recons) */
  readonly checklist: Pick<PeriodChecklist, "tasks" | "views" | "issues"> | undefined;
  /** the workbook's users (the "My tasks" filter finds the pane's user there) */
  readonly users: ReadonlyMap<string, User>;
}

/**
 * The Checklist tab's view of `period` (undefined: the earliest Open month with unfinished tasks, defaultChecklistPeriod). The checklist
 * tables are read first; the whole book only when the period has tasks.
 */
export async function checklistView(
  session: (needs: TableNeeds) => Promise<Session>,
  period: string | undefined,
  today: string,
): Promise<ChecklistView> {
  const first = (await session(CHECKLIST_TABLES)).loaded;
  const months = first.book.setup.periods.filter((p) => p.kind === "operating");
  const data = decodeChecklist(first.raw);
  const id = period ?? defaultChecklistPeriod(months, data.tasks);
  const p = months.find((m) => m.id === id);
  const users = first.book.setup.users;
  if (!p) return { months, period: id, checklist: undefined, users };
  if (!data.tasks.some((t) => t.period === p.id))
    return { months, period: id, checklist: { tasks: [], views: [], issues: [] }, users };
  // an automatic task's state is its step's check over the book (any table it reads): the whole book then
  const { book, raw } = (await session("all")).loaded;
  const { tasks, views, issues } = periodChecklist(book, data, p, today, raw);
  return { months, period: id, checklist: { tasks, views, issues }, users };
}
