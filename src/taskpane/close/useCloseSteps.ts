/**
 * Reads what the Close tab shows: the operating periods (for the "Period"
 * Dropdown) and, for the chosen period, each step's state from tblRuns, as one
 * view the command worker computes ("close-view": no ledger read, no book sent
 * to this thread), and the period's step sign-offs apart ("close-signoffs"). Reads
 * again whenever the session's `changed` counter moves (after any write); a
 * period chosen again is not read again; picks the default period when none is chosen yet.
 *
 * Example: const { choices, states } = useCloseSteps(period, setPeriod);
 *   choices → [{ id: "2026-01", label: "2026-01 · January 2026 (Open)", status: "Open" }, …]
 *   states → [{ step: "revaluation", state: "posted", runId: "RUN-000004", … }, …]; drafts → 0
 *   accountNames → Map { "1010" → "Bank EUR", … }; currency → "USD"
 */
import { useEffect, useMemo } from "react";
import type { CloseStepState } from "../../app/closeStepByStep";
import { readCloseView, signoffRead } from "./closeReads";
import { signoffLines } from "./stepSignoffs";
import type { Issue } from "../../core/issues/issue";
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

export function useCloseSteps(period: string, choose: (period: string) => void): CloseStepsView {
  const { value: view, failure } = useWorkbookRead("Reading the close steps", readCloseView);
  const { value: tasks } = useWorkbookRead("Reading the close checklist", signoffRead(period));

  const choices = useMemo(() => (view ? closablePeriods(view.periods.map((v) => v.period)) : undefined), [view]);
  useEffect(() => {
    const fallback = choices && !choices.some((p) => p.id === period) ? defaultClosePeriod(choices) : undefined;
    if (fallback !== undefined) choose(fallback);
  }, [choices, period, choose]);
  const chosen = view?.periods.find((v) => v.period.id === period);
  const signoffs = useMemo(() => signoffLines(tasks ?? []), [tasks]);

  return {
    choices,
    states: chosen?.states ?? NO_STATES,
    failure,
    drafts: chosen?.drafts ?? 0,
    accountNames: view?.accountNames ?? NO_NAMES,
    currency: view?.currency ?? "",
    signoffs,
  };
}

const NO_STATES: readonly CloseStepState[] = [];
const NO_NAMES: ReadonlyMap<string, string> = new Map();
