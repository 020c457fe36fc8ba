/**
 * The pane's command worker started before anything else (#16 point 1): the "pane-boot" entry (paneBoot.ts), a few
 * hundred bytes that taskpane.html runs before the pane's bundle, creates the worker, so its script and first chunks
 * load while the main thread still parses React and Fluent. What the worker posts meanwhile ("ready", an error) is
 * kept and given, in order, to the first listener of its type once the pane claims it (index.tsx).
 *
 * Example: keepWorker(globalThis, new Worker(…)) in paneBoot.ts; later claimWorker(globalThis)?.addEventListener(
 *   "message", (e) => …) → first the messages posted before the claim, then the live ones
 */
import type { Endpoint, FromWorker, ToWorker } from "./protocol";

type EventType = "message" | "error" | "messageerror";
type Listener = (e: unknown) => void;

/** the worker as the boot script created it: its events kept until someone listens */
export interface KeptWorker {
  postMessage(message: ToWorker): void;
  addEventListener(type: EventType, listener: Listener): void;
}

const KEY = "__closebookBootWorker";
type Holder = { [KEY]?: Endpoint<FromWorker, ToWorker> };

/** Wraps `worker` so that events before the first listener of their type are kept and replayed to it. */
export function keptEvents(worker: KeptWorker): Endpoint<FromWorker, ToWorker> {
  const kept: Record<EventType, unknown[]> = { message: [], error: [], messageerror: [] };
  const listeners: Record<EventType, Listener[]> = { message: [], error: [], messageerror: [] };
  for (const type of ["message", "error", "messageerror"] as const)
    worker.addEventListener(type, (e) => {
      if (listeners[type].length === 0) kept[type].push(e);
      else for (const l of listeners[type]) l(e);
    });
  return {
    postMessage: (m: ToWorker) => worker.postMessage(m),
    addEventListener(type: EventType, listener: Listener) {
      listeners[type].push(listener);
      if (listeners[type].length === 1) for (const e of kept[type].splice(0)) listener(e);
    },
  } as Endpoint<FromWorker, ToWorker>;
}

/**
 * The command worker (commandWorker.ts): the one place that makes it, so webpack makes one worker chunk for the
 * boot script and for index.tsx (which starts it itself when the boot script did not).
 */
export function newCommandWorker(): Worker {
  return new Worker(new URL("./commandWorker.ts", import.meta.url), { name: "closebook-commands" });
}

/** The boot script's side: keeps the worker under a global for the pane's bundle. */
export function keepWorker(global: object, worker: KeptWorker): void {
  (global as Holder)[KEY] = keptEvents(worker);
}

/** The pane's side: the worker the boot script started (once: a second claim gets undefined). */
export function claimWorker(global: object): Endpoint<FromWorker, ToWorker> | undefined {
  const holder = global as Holder;
  const worker = holder[KEY];
  delete holder[KEY];
  return worker;
}
