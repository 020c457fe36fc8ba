/**
 * The pane's door into the app: the command map (src/app/commands) bound to
 * the pane's port and clock. Tabs and hooks send commands; they never call a
 * use case themselves. `sendOn(port)` is for a reader handed the port
 * (useWorkbookRead). Where the pane has its command worker (index.tsx registers it with `runCommandsIn` for its
 * port), both send through it: the command runs off the main thread (src/taskpane/worker/); else here, with the
 * command map loaded on the first command (`localCommands`: a chunk of its own, not in the pane's first load).
 *
 * Example: const send = useSend(); await send("post-journals", { user, through: "2026-03-31" });
 */
import { useMemo } from "react";
import type { Send } from "../../app/commands";
import type { Clock } from "../../ports/clock";
import type { WorkbookPort } from "../../ports/workbook";
import { usePaneEnv } from "../paneEnv";
import { PANE_TASKS, isPaneTask } from "../worker/paneTasks";

/** the worker-backed send of a port (index.tsx): its commands run in the pane's command worker */
const remote = new WeakMap<WorkbookPort, Send>();

export function runCommandsIn(port: WorkbookPort, send: Send): void {
  remote.set(port, send);
}

/** The command map on this thread, imported on the first command (the clock defaults to the system's). */
export function localCommands(port: WorkbookPort, clock?: Clock): Send {
  let loaded: Promise<Send> | undefined;
  const send = ((name: never, args: never) =>
    (loaded ??= import("../../app/commands").then((m) => m.commandsFor({ port, ...(clock ? { clock } : {}) }))).then(
      (commands) => commands(name, args),
    )) as Send;
  // a pane task (worker/paneTasks.ts) sent here runs here, over this thread's command map
  return ((name: string, args: never) =>
    isPaneTask(name) ? PANE_TASKS[name](args, send) : send(name as never, args)) as Send;
}

const local = new WeakMap<WorkbookPort, Send>();

export function useSend(): Send {
  const { port, clock } = usePaneEnv();
  return useMemo(() => remote.get(port) ?? localCommands(port, clock), [port, clock]);
}

export function sendOn(port: WorkbookPort): Send {
  let send = remote.get(port) ?? local.get(port);
  if (!send) local.set(port, (send = localCommands(port)));
  return send;
}
