/**
 * What the task pane's Close tab shows, computed where the command map runs (the pane's command worker) so the
 * pane receives a few hundred values instead of the decoded book, and read from the tables it needs only: the
 * setup (periods, accounts, settings) and tblRuns (every step's state) with the journal (draft lines per period),
 * never the ledger (#16 point 1: the first tab reads what it shows). The sign-off lines of a period's checklist
 * come apart (`closeSignoffTasks`): only a period with tasks linked to a step reads the rest of the book.
 *
 * Example: closeView(book) → { periods: [{ period: { id: "2026-11", status: "Open", … },
 *   states: [{ step: "revaluation", state: "posted", runId: "RUN-000004", … }, …], drafts: 2 }, …],
 *   accountNames: Map { "1010" → "Bank EUR", … }, currency: "USD" }
 */
import { draftsInPeriod } from "../core/calendar/periodChange";
import type { CloseTask } from "../core/checklist/types";
import type { CloseStep } from "../core/close/steps";
import type { Book } from "../core/ledger/book";
import type { FiscalPeriod } from "../core/ledger/types";
import { decodeChecklist } from "../schema/checklistCodec";
import { CHECKLIST_TABLES } from "../schema/checklistTables";
import { JOURNAL } from "../schema/tables";
import { periodChecklist } from "./checklist/checklistState";
import { stepStatesOf, type CloseStepState } from "./closeStepByStep";
import type { TableNeeds } from "./loadBook";
import type { Session } from "./operation";

export interface ClosePeriodView {
  readonly period: FiscalPeriod;
  readonly states: readonly CloseStepState[];
  /** draft (unposted) journal lines dated in the period */
  readonly drafts: number;
}

export interface CloseView {
  /** the operating periods, each with its steps' states and draft count */
  readonly periods: readonly ClosePeriodView[];
  /** account number → name, for the post's confirmation and the trace */
  readonly accountNames: ReadonlyMap<string, string>;
  /** the accounting currency ("USD") */
  readonly currency: string;
}

/** the tables closeView reads (besides the setup and tblRuns, always read) */
export const CLOSE_VIEW_TABLES: TableNeeds = [JOURNAL];

export function closeView(book: Book, steps?: readonly CloseStep[]): CloseView {
  return {
    periods: book.setup.periods
      .filter((p) => p.kind === "operating")
      .map((period) => ({
        period,
        states: stepStatesOf(book, period, steps),
        drafts: draftsInPeriod(book, period).length,
      })),
    accountNames: new Map([...book.setup.accounts.values()].map((a) => [a.number, a.name])),
    currency: book.setup.settings.accountingCurrency,
  };
}

/** What a step card's sign-off line needs of a checklist task. */
export type SignoffTask = Pick<CloseTask, "id" | "link" | "status" | "preparedBy" | "reviewedBy">;

const STEP_LINK = /^\s*step:/i;

/**
 * The period's checklist tasks linked to a close step ("step:revaluation"), with their states as the Checklist
 * tab shows them (automatic tasks derived from the runs). The checklist tables are read first; the rest of the book
 * (a sign-off counts with its audit row; an automatic task's state is its step's check) only when such a task exists.
 */
export async function closeSignoffTasks(
  session: (needs: TableNeeds) => Promise<Session>,
  period: string,
  today: string,
): Promise<SignoffTask[]> {
  const first = (await session(CHECKLIST_TABLES)).loaded;
  const p = first.book.setup.periods.find((x) => x.id === period);
  const data = decodeChecklist(first.raw);
  if (!p || !data.tasks.some((t) => t.period === p.id && STEP_LINK.test(t.link))) return [];
  // an automatic task's state is its step's check over the book (any table it reads): the whole book then
  const { book } = (await session("all")).loaded;
  return periodChecklist(book, data, p, today)
    .tasks.filter((t) => STEP_LINK.test(t.link))
    .map(({ id, link, status, preparedBy, reviewedBy }) => ({ id, link, status, preparedBy, reviewedBy }));
}
