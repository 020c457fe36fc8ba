/**
 * The pane's door into the app: the command map (src/app/commands) bound to
 * the pane's port and clock. Tabs and hooks send commands; they never call a
 * use case themselves. `sendOn(port)` is for a reader handed the port
 * (useWorkbookRead).
 *
 * Example: const send = useSend(); await send("post-journals", { user, through: "2026-03-31" });
 */
import { useMemo } from "react";
import { commandsFor, type Send } from "../../app/commands";
import type { WorkbookPort } from "../../ports/workbook";
import { usePaneEnv } from "../paneEnv";

export function useSend(): Send {
  const { port, clock } = usePaneEnv();
  return useMemo(() => commandsFor({ port, clock }), [port, clock]);
}

export function sendOn(port: WorkbookPort): Send {
  return commandsFor({ port });
}
