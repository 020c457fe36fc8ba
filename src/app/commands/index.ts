/**
 * The command map: the only door from the task pane and the CLI into the app
 * (Actual Budget's loot-core is the model). Every use case a caller may run is
 * a named handler, `(args, env) => result`, in one small file per area;
 * `dispatch(env, name, args)` is typed by the map, and wraps what every
 * command shares: the command's one operation (src/app/operation.ts: the
 * workbook read once, opened on the handler's first `env.session()` and shared
 * by the use cases it calls); a refusal thrown by a write (another user's write lock,
 * rows moved under a keyed update) becomes a CommandRefused error carrying
 * the issue; `env.observe` hears each command's name, time and ending.
 * values.ts (reportValues.ts: heavier) holds the pure values callers need beside the
 * commands, imported from there (not re-exported here, so a chunk that sends carries no helper it does not use).
 *
 * Example:
 *   const send = commandsFor({ port, clock });
 *   const r = await send("post-journals", { user: "admin", through: "2026-03-31" }); // PostJournalsResult
 */
import type { Issue } from "../../core/issues/issue";
import { systemClock, type Clock } from "../../ports/clock";
import { RowsMovedError, type WorkbookPort } from "../../ports/workbook";
import type { TableNeeds } from "../loadBook";
import { openRead, readSession, type Session } from "../operation";
import { rowsMovedIssue } from "../runs";
import { isWriteLocked } from "../writeLock";
import { CommandRefused } from "./refused";
import type { checklistHandlers } from "./checklist";
import type { closeHandlers } from "./close";
import type { CommandEnv, CommandTiming, HandlerEnv } from "./env";
import type { groupHandlers } from "./group";
import type { journalHandlers } from "./journals";
import type { periodHandlers } from "./periods";
import type { rateHandlers } from "./rates";
import type { reportHandlers } from "./reports";
import type { setupHandlers } from "./setup";

export type { CommandEnv, CommandTiming, Handler, HandlerEnv } from "./env";
export type { RateSource } from "./rates";

/**
 * Each area's handlers, loaded on its first command: a pane tab's chunk, the custom functions and
 * the preview carry only the areas they send to (the CLI's bundle inlines them all).
 */
export const AREAS = {
  journals: () => import("./journals").then((m) => m.journalHandlers),
  close: () => import("./close").then((m) => m.closeHandlers),
  periods: () => import("./periods").then((m) => m.periodHandlers),
  reports: () => import("./reports").then((m) => m.reportHandlers),
  rates: () => import("./rates").then((m) => m.rateHandlers),
  checklist: () => import("./checklist").then((m) => m.checklistHandlers),
  group: () => import("./group").then((m) => m.groupHandlers),
  setup: () => import("./setup").then((m) => m.setupHandlers),
};

export type Handlers = typeof journalHandlers &
  typeof closeHandlers &
  typeof periodHandlers &
  typeof reportHandlers &
  typeof rateHandlers &
  typeof checklistHandlers &
  typeof groupHandlers &
  typeof setupHandlers;

/** The area of every command: the type makes it name each command once, and only commands (test/app/commands checks no name is in two areas). */
export const AREA_OF: { readonly [N in keyof Handlers]: keyof typeof AREAS } = {
  "validate-journals": "journals",
  "post-journals": "journals",
  "reverse-run": "journals",
  "close-step-states": "close",
  "close-view": "close",
  "close-signoffs": "close",
  "run-close-step": "close",
  "reverse-close-step": "close",
  "close-period": "close",
  revalue: "close",
  allocate: "close",
  settle: "close",
  "open-items": "close",
  "year-end": "close",
  "reverse-year-end": "close",
  "change-period": "periods",
  "seal-receipt": "periods",
  verify: "periods",
  "verify-receipt": "periods",
  check: "periods",
  "audit-log": "periods",
  "read-book": "periods",
  "trial-balance": "reports",
  "write-trial-balance": "reports",
  statements: "reports",
  "journal-report": "reports",
  journalize: "reports",
  "write-journal-report": "reports",
  "report-periods": "reports",
  "statements-to-sheets": "reports",
  "journal-report-to-sheet": "reports",
  "trial-balance-to-sheet": "reports",
  drilldown: "reports",
  "run-trace": "reports",
  "review-rates": "rates",
  "check-rates": "rates",
  "import-rates": "rates",
  "checklist-view": "checklist",
  "read-checklist": "checklist",
  "write-close-status": "checklist",
  "generate-checklist": "checklist",
  "sign-task": "checklist",
  "set-reconciliation": "checklist",
  "group-view": "group",
  "setup-group-workbook": "group",
  "package-of-workbook": "group",
  consolidate: "group",
  "setup-workbook": "setup",
  "run-demo": "setup",
  "large-demo": "setup",
  "import-csv": "setup",
  "export-csv": "setup",
  snapshot: "setup",
  "restore-snapshot": "setup",
  publish: "setup",
};

export type CommandName = keyof Handlers;
export type ArgsOf<N extends CommandName> = Parameters<Handlers[N]>[0];
export type ResultOf<N extends CommandName> = Awaited<ReturnType<Handlers[N]>>;
export type Send = <N extends CommandName>(name: N, args: ArgsOf<N>) => Promise<ResultOf<N>>;

export { CommandRefused, isCommandRefused } from "./refused";

/** The issue a thrown refusal stands for, or undefined for any other failure (rethrown as it is). */
export function refusalIssue(e: unknown): Issue | undefined {
  if (isWriteLocked(e)) return e.issue;
  if (e instanceof RowsMovedError) return rowsMovedIssue(e);
  return undefined;
}

export async function dispatch<N extends CommandName>(env: CommandEnv, name: N, args: ArgsOf<N>): Promise<ResultOf<N>> {
  const started = Date.now();
  const area = AREA_OF[name];
  if (!area) throw new Error(`Unknown command "${String(name)}"`);
  const loaded = (await AREAS[area]()) as unknown as Record<string, unknown>;
  const handler = loaded[name] as (a: ArgsOf<N>, e: HandlerEnv) => Promise<ResultOf<N>>;
  const tell = (ended: CommandTiming["ended"]) => env.observe?.({ name, ms: Date.now() - started, ended });
  let opened: Promise<Session> | undefined;
  const session = async (needs: TableNeeds = "all") => readSession(await (opened ??= openRead(env.port, needs)), needs);
  const scoped: HandlerEnv = { ...env, session };
  try {
    const result = await handler(args, scoped);
    tell("ok");
    return result;
  } catch (e) {
    const refused = refusalIssue(e);
    tell(refused ? "refused" : "failed");
    if (refused) throw new CommandRefused(name, [refused]);
    throw e;
  }
}

/** `send(name, args)` bound to a workbook (the clock defaults to the system's). */
export function commandsFor(env: {
  readonly port: WorkbookPort;
  readonly clock?: Clock;
  readonly observe?: CommandEnv["observe"];
}): Send {
  const bound: CommandEnv = { ...env, clock: env.clock ?? systemClock };
  return (name, args) => dispatch(bound, name, args);
}
