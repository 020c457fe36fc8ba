/**
 * Commands of the close checklist: read it, write "Close status", generate it
 * from the template, sign a task, give a reconciliation its supporting balance.
 *
 * Example: send("sign-task", { period: "2026-03", task: "T2", action: { kind: "review" }, user: "dave" })
 */
import type { TaskAction } from "../../core/checklist/signoff";
import {
  generateChecklist,
  readChecklist,
  setReconciliation,
  signChecklistTask,
  writeCloseStatus,
} from "../checklist/checklistCommands";
import { checklistView } from "../paneViews";
import type { HandlerEnv } from "./env";

export const checklistHandlers = {
  /** the pane's Checklist tab: the periods, the chosen (or default) period's tasks and views, the users */
  "checklist-view": (args: { period?: string }, env: HandlerEnv) =>
    checklistView(env.session, args.period, env.clock.now().slice(0, 10)),
  "read-checklist": (args: { period: string }, env: HandlerEnv) => readChecklist(env.port, args.period, env.clock),
  "write-close-status": (args: { period: string }, env: HandlerEnv) =>
    writeCloseStatus(env.port, args.period, env.clock),
  "generate-checklist": (args: { period: string; user: string }, env: HandlerEnv) =>
    generateChecklist(env.port, args.period, { user: args.user, clock: env.clock }),
  "sign-task": (
    { user, ...req }: { period: string; task: string; action: TaskAction; user: string },
    env: HandlerEnv,
  ) => signChecklistTask(env.port, req, { user, clock: env.clock }),
  "set-reconciliation": (
    { user, ...req }: { period: string; account: string; supporting?: string; range?: string; user: string },
    env: HandlerEnv,
  ) => setReconciliation(env.port, req, { user, clock: env.clock }),
};
