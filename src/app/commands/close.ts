/**
 * Commands of the month-end and year-end close: a step previewed, posted or
 * reversed; the one-command close; the step states; the per-step commands the
 * CLI keeps (revalue, allocate, settle, year-end) and the open items.
 *
 * Example: send("run-close-step", { period: "2026-03", step: "fx-revaluation", mode: "preview", user: "bob" })
 */
import type { CloseStep } from "../../core/close/steps/closeStep";
import type { AccountNumber } from "../../core/ledger/types";
import { notPosted } from "../closeRuns";
import { closePeriod, type ClosePeriodOptions } from "../closePeriod";
import { closeStepStates, reverseCloseStep, type CloseStepRequest } from "../closeStepByStep";
import { CLOSE_VIEW_TABLES, closeSignoffTasks, closeView } from "../closeView";
import { allocate, revalue, type AllocateOptions, type RevalueOptions, type StepMode } from "../closeSteps";
import { runReversalIssues } from "../runReversal";
import { sealGuardFor } from "../sealGuard";
import { listOpenItems, settle, type SettleRequest } from "../settle";
import { reverseYearEnd, yearEnd, type ReverseYearEndRequest, type YearEndRequest } from "../yearEnd";
import { runCloseStep } from "../closeStepByStep";
import { ALL_BUT_JOURNAL } from "../loadBook";
import type { HandlerEnv } from "./env";

interface Steps {
  /** the step list (default: the month-end steps; a group workbook's CONSOLIDATION_STEPS) */
  readonly steps?: readonly CloseStep[];
}

const ctx = (user: string, env: HandlerEnv) => ({ user, clock: env.clock });

export const closeHandlers = {
  "close-step-states": (args: { period: string } & Steps, env: HandlerEnv) =>
    closeStepStates(env.port, args.period, args.steps),
  /** the pane's Close tab: every operating period's step states and drafts, account names, currency (no ledger read) */
  "close-view": async (args: Steps, env: HandlerEnv) =>
    closeView((await env.session(CLOSE_VIEW_TABLES)).loaded.book, args.steps),
  /** the period's checklist tasks linked to a close step, for the step cards' sign-off lines */
  "close-signoffs": (args: { period: string }, env: HandlerEnv) =>
    closeSignoffTasks(env.session, args.period, env.clock.now().slice(0, 10)),
  "run-close-step": ({ user, steps, ...request }: CloseStepRequest & Steps & { user: string }, env: HandlerEnv) =>
    runCloseStep(env.port, request, ctx(user, env), steps),
  /** a run reversed: refused first when a later year-end run builds on it or it settles inside a closed year */
  "reverse-close-step": async (
    args: { runId: string; reason: string; user: string } & Steps,
    env: HandlerEnv,
  ): ReturnType<typeof reverseCloseStep> => {
    const blocked = runReversalIssues((await env.session(ALL_BUT_JOURNAL)).loaded.book, args.runId);
    if (blocked.length) return notPosted(blocked);
    return reverseCloseStep(env.port, { runId: args.runId, reason: args.reason }, ctx(args.user, env), args.steps);
  },
  "close-period": ({ user, steps, ...options }: ClosePeriodOptions & Steps & { user: string }, env: HandlerEnv) =>
    closePeriod(env.port, options, ctx(user, env), steps),
  revalue: async ({ user, ...options }: RevalueOptions & { user: string }, env: HandlerEnv) =>
    revalue(await env.session(), options, ctx(user, env)),
  allocate: async ({ user, ...options }: AllocateOptions & { user: string }, env: HandlerEnv) =>
    allocate(await env.session(ALL_BUT_JOURNAL), options, ctx(user, env)),
  settle: async (args: { request: SettleRequest; mode: StepMode; user: string }, env: HandlerEnv) =>
    settle(await env.session(ALL_BUT_JOURNAL), args.request, args.mode, ctx(args.user, env)),
  /** the open items, with the seal check of the ledger they read (a sealed period that does not verify) */
  "open-items": async (args: { account?: AccountNumber }, env: HandlerEnv) => {
    const session = await env.session(ALL_BUT_JOURNAL);
    const items = await listOpenItems(session, args.account);
    const issues = await sealGuardFor(env.port, "The open items", {}, "show");
    return { items, issues, setup: session.loaded.book.setup };
  },
  "year-end": ({ user, ...request }: YearEndRequest & { user: string }, env: HandlerEnv) =>
    yearEnd(env.port, request, ctx(user, env)),
  "reverse-year-end": ({ user, ...request }: ReverseYearEndRequest & { user: string }, env: HandlerEnv) =>
    reverseYearEnd(env.port, request, ctx(user, env)),
};
