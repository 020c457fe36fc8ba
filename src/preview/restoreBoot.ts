/**
 * The restore worker (restoreWorker.ts) started before the preview page's bundle: the "preview-boot" entry
 * (previewBoot.ts, run first) makes it and asks at once for the starting workbook, so its download and restore run
 * while the page's main thread parses preview.js (#16: usable within 2 s); the answers it gets meanwhile are kept
 * until restoreClient.ts claims the worker. The one place that makes the worker, so webpack makes one chunk for both.
 *
 * Example: keepRestore(globalThis, newRestoreWorker(), startingRequest(location.href)); later claimRestore(globalThis)
 */
import type { RestoreRequest } from "./restoreProtocol";

const KEY = "__closebookRestore";

/** A worker started early, the request it was sent, and what it answered before it was claimed. */
export interface KeptRestore {
  readonly worker: Worker;
  readonly starting: RestoreRequest;
  readonly early: unknown[];
}
type Holder = { [KEY]?: KeptRestore };

export function newRestoreWorker(): Worker {
  return new Worker(new URL("./restoreWorker.ts", import.meta.url), { name: "closebook-restore" });
}

/** The starting workbook (the demo company, or `closebook preview --file`): request 0. */
export function startingRequest(page: string): RestoreRequest {
  return { id: 0, url: new URL("api/workbook", page).href, name: "closebook-demo.xlsx" };
}

/** The boot script's side: sends `starting` and keeps the worker and its answers for the page's bundle. */
export function keepRestore(global: object, worker: Worker, starting: RestoreRequest): void {
  const kept: KeptRestore = { worker, starting, early: [] };
  worker.onmessage = (e: MessageEvent) => kept.early.push(e.data);
  worker.postMessage(starting);
  (global as Holder)[KEY] = kept;
}

/** The page's side: the worker the boot script started (once: a second claim gets undefined). */
export function claimRestore(global: object): KeptRestore | undefined {
  const holder = global as Holder;
  const kept = holder[KEY];
  delete holder[KEY];
  return kept;
}
