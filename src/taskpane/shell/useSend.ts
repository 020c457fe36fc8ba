/**
 * The pane's door into the app: the command map (src/app/commands) bound to
 * the pane's port and clock. Tabs and hooks send commands; they never call a
 * use case themselves. `sendOn(port)` is for a reader handed the port
 * (useWorkbookRead). Where the pane has its command worker (index.tsx registers it with `runCommandsIn` for its
 * port), both send through it: the command runs off the main thread (src/taskpane/worker/); else here.
 *
 * Example: const send = useSend(); await send("post-journals", { user, through: "2026-03-31" });
 */
import { useMemo } from "react";
import { commandsFor, type Send } from "../../app/commands";
import type { WorkbookPort } from "../../ports/workbook";
import { usePaneEnv } from "../paneEnv";

/** the worker-backed send of a port (index.tsx): its commands run in the pane's command worker */
const remote = new WeakMap<WorkbookPort, Send>();

export function runCommandsIn(port: WorkbookPort, send: Send): void {
  remote.set(port, send);
}

export function useSend(): Send {
  const { port, clock } = usePaneEnv();
  return useMemo(() => remote.get(port) ?? commandsFor({ port, clock }), [port, clock]);
}

export function sendOn(port: WorkbookPort): Send {
  return remote.get(port) ?? commandsFor({ port });
}
