/**
 * Commands of the journals: validate and post the drafts, reverse a run.
 *
 * Example: send("post-journals", { user: "admin", through: "2026-03-31" }) → { posted: true, vouchers: [...], ... }
 */
import { reverseRun } from "../closeRuns";
import { ALL_BUT_JOURNAL } from "../loadBook";
import { postJournals, type PostJournalsOptions } from "../postJournals";
import { validateJournals, type ValidateJournalsOptions } from "../validateJournals";
import type { HandlerEnv } from "./env";

export const journalHandlers = {
  "validate-journals": (args: Omit<ValidateJournalsOptions, "clock">, env: HandlerEnv) =>
    validateJournals(env.port, { ...args, clock: env.clock }),
  "post-journals": (args: Omit<PostJournalsOptions, "clock">, env: HandlerEnv) =>
    postJournals(env.port, { ...args, clock: env.clock }),
  "reverse-run": async (args: { runId: string; user: string; reason: string }, env: HandlerEnv) =>
    reverseRun(await env.session(ALL_BUT_JOURNAL), args.runId, {
      user: args.user,
      reason: args.reason,
      clock: env.clock,
    }),
};
