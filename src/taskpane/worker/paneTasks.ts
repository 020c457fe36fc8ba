/**
 * The pane's own work that runs where its commands run (the command worker; the main thread without one), sent
 * by name like a command: Publish's workbook built there — the publish command into the browser's .xlsx writer,
 * then exceljs writing its bytes (publishDownload.ts) — so neither runs on the pane's main thread (#16 point 1).
 * A task gets `send`, the command map of the thread it runs on.
 *
 * Example: await paneTask(send)("publish-xlsx", { period: "2026-11", user: "bob", now }) → { result, bytes }
 */
import type { Send } from "../../app/commands";
import type { PublishOptions } from "../../app/publish";
import { publishToBytes } from "../periods/publishDownload";

export const PANE_TASKS = {
  "publish-xlsx": (args: PublishOptions, send: Send) => publishToBytes(send, args),
};

export type PaneTaskName = keyof typeof PANE_TASKS;

export function isPaneTask(name: string): name is PaneTaskName {
  return Object.prototype.hasOwnProperty.call(PANE_TASKS, name);
}

/** A pane task sent through `send` (a worker's: it runs there; else here). */
export function paneTask(send: Send) {
  return <N extends PaneTaskName>(name: N, args: Parameters<(typeof PANE_TASKS)[N]>[0]) =>
    (send as unknown as (n: string, a: unknown) => ReturnType<(typeof PANE_TASKS)[N]>)(name, args);
}
