/**
 * Reads what the Close tab shows: the operating periods (for the "Period"
 * Dropdown) and, for the chosen period, each step's state from tblRuns. Reads
 * again whenever the session's `changed` counter moves (after any write) or
 * the period changes; picks the default period when none is chosen yet.
 *
 * Example: const { choices, states } = useCloseSteps(period, setPeriod);
 *   choices → [{ id: "2026-01", label: "2026-01 · January 2026 (Open)", status: "Open" }, …]
 *   states → [{ step: "revaluation", state: "posted", runId: "RUN-000004", … }, …]; drafts → 0
 *   accountNames → Map { "1010" → "Bank EUR", … }; currency → "USD"
 */
import { useEffect, useMemo } from "react";
import { stepStatesOf } from "../../app/commands/closeValues";
import { periodChecklist } from "../../app/commands/checklistValues";
import type { CloseStepState } from "../../app/closeStepByStep";
import { draftsInPeriod } from "../../core/calendar/periodChange";
import { sendOn } from "../shell/useSend";
import { decodeChecklist } from "../../schema/checklistCodec";
import { signoffLines } from "./stepSignoffs";
import type { Issue } from "../../core/issues/issue";
import type { Book } from "../../core/ledger/book";
import type { WorkbookPort } from "../../ports/workbook";
import { useWorkbookRead } from "../shell/useWorkbookRead";
import { closablePeriods, defaultClosePeriod, type PeriodChoice } from "./closeTabState";

export interface CloseStepsView {
  readonly choices: readonly PeriodChoice[] | undefined;
  readonly states: readonly CloseStepState[];
  readonly failure: Issue | undefined;
  /** draft (unposted) journal lines dated in the chosen period */
  readonly drafts: number;
  /** account number → name, for the confirmation and the trace */
  readonly accountNames: ReadonlyMap<string, string>;
  /** the accounting currency ("USD") */
  readonly currency: string;
  /** step id → "T04 Reviewed · prepared by closebook · reviewed by bob", from the period's checklist */
  readonly signoffs: ReadonlyMap<string, string>;
}

interface Read {
  readonly book: Book;
  readonly checklist: ReturnType<typeof decodeChecklist>;
}

async function readBook(port: WorkbookPort): Promise<Read> {
  const { book, raw } = await sendOn(port)("read-book", {});
  return { book, checklist: decodeChecklist(raw) };
}

export function useCloseSteps(period: string, choose: (period: string) => void): CloseStepsView {
  const { value: read, failure } = useWorkbookRead("Reading the close steps", readBook);
  const book = read?.book;

  const choices = useMemo(() => (book ? closablePeriods(book.setup.periods) : undefined), [book]);
  useEffect(() => {
    const fallback = choices && !choices.some((p) => p.id === period) ? defaultClosePeriod(choices) : undefined;
    if (fallback !== undefined) choose(fallback);
  }, [choices, period, choose]);
  const { states, drafts } = useMemo(() => {
    const p = book?.setup.periods.find((x) => x.id === period);
    return book && p
      ? { states: stepStatesOf(book, p), drafts: draftsInPeriod(book, p).length }
      : { states: [], drafts: 0 };
  }, [book, period]);
  const accountNames = useMemo(
    () => new Map([...(book?.setup.accounts.values() ?? [])].map((a) => [a.number, a.name])),
    [book],
  );

  const signoffs = useMemo(() => {
    const p = read?.book.setup.periods.find((x) => x.id === period);
    if (!read || !p || !read.checklist.tasks.some((t) => t.period === p.id)) return new Map<string, string>();
    return signoffLines(periodChecklist(read.book, read.checklist, p, new Date().toISOString().slice(0, 10)).tasks);
  }, [read, period]);

  return {
    choices,
    states,
    failure,
    drafts,
    accountNames,
    currency: book?.setup.settings.accountingCurrency ?? "",
    signoffs,
  };
}
