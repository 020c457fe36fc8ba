/**
 * Reads what the Close tab shows: the operating periods (for the "Period"
 * Dropdown) and, for the chosen period, each step's state from tblRuns. Reads
 * again whenever the session's `changed` counter moves (after any write) or
 * the period changes; picks the default period when none is chosen yet.
 *
 * Example: const { choices, states } = useCloseSteps(period, setPeriod);
 *   choices → [{ id: "2026-01", label: "2026-01 · January 2026 (Open)", status: "Open" }, …]
 *   states → [{ step: "revaluation", state: "posted", runId: "RUN-000004", … }, …]
 */
import { useEffect, useMemo, useState } from "react";
import { stepStatesOf, type CloseStepState } from "../../app/closeStepByStep";
import { loadBook } from "../../app/loadBook";
import type { Issue } from "../../core/issues/issue";
import type { Book } from "../../core/ledger/book";
import { usePaneEnv } from "../paneEnv";
import { usePaneSession } from "../shell/session";
import { unexpected } from "../shell/useOperation";
import { closablePeriods, defaultClosePeriod, type PeriodChoice } from "./closeTabState";

export interface CloseStepsView {
  readonly choices: readonly PeriodChoice[] | undefined;
  readonly states: readonly CloseStepState[];
  readonly failure: Issue | undefined;
}

export function useCloseSteps(period: string, choose: (period: string) => void): CloseStepsView {
  const { port } = usePaneEnv();
  const { changed } = usePaneSession();
  const [book, setBook] = useState<Book | undefined>(undefined);
  const [failure, setFailure] = useState<Issue | undefined>(undefined);

  useEffect(() => {
    let live = true;
    loadBook(port).then(
      (loaded) => {
        if (!live) return;
        setBook(loaded.book);
        setFailure(undefined);
      },
      (e: unknown) => {
        console.error(e);
        if (live) setFailure(unexpected(e, "Reading the close steps"));
      },
    );
    return () => {
      live = false;
    };
  }, [port, changed]);

  const choices = useMemo(() => (book ? closablePeriods(book.setup.periods) : undefined), [book]);
  useEffect(() => {
    const fallback = choices && !choices.some((p) => p.id === period) ? defaultClosePeriod(choices) : undefined;
    if (fallback !== undefined) choose(fallback);
  }, [choices, period, choose]);
  const states = useMemo(() => {
    const p = book?.setup.periods.find((x) => x.id === period);
    return book && p ? stepStatesOf(book, p) : [];
  }, [book, period]);

  return { choices, states, failure };
}
