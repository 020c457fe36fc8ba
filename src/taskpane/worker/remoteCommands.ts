/**
 * The main thread's side of the pane's command worker: `send(name, args)` like the command map's, but the
 * command runs in the worker (serveCommands.ts); this side answers the worker's workbook calls with `port`
 * (the Excel adapter behind the read cache and the cancel gate, so chunk progress, Cancel and the per-operation
 * read scope work as before) and calls the caller's callbacks. Results and errors come back revived (wire.ts):
 * Amounts, a CommandRefused with its issues, OperationCancelled.
 *
 * Example (index.tsx): const send = remoteCommands(new Worker(…), env.port); await send("verify", {});
 */
import type { Send } from "../../app/commands";
import type { WorkbookPort } from "../../ports/workbook";
import { PORT_METHODS, type Endpoint, type FromWorker, type ToWorker } from "./protocol";
import { decode, encode } from "./wire";

/**
 * `fallback` runs the commands when the worker does not start (those already posted and every later one); `ready`
 * (the wire constants registered, e.g. the close steps loaded lazily: stepRefs.ts) is awaited before the first
 * command is posted.
 */
export function remoteCommands(
  worker: Endpoint<FromWorker, ToWorker>,
  port: WorkbookPort,
  fallback: Send,
  ready: Promise<unknown> = Promise.resolve(),
): Send {
  let next = 0;
  let started = false;
  /** set when the worker failed to load: every command runs on the main thread instead */
  let failed = false;
  const run = fallback as (n: string, a: unknown) => Promise<unknown>;
  // without its constants (their chunk did not load) nothing can cross by name: the main thread runs the commands
  const settled = ready.then(
    () => undefined,
    (e: unknown) => {
      failed = true;
      console.warn("Closebook: the command worker's constants did not load; commands run on the main thread", e);
    },
  );
  let nextFn = 0;
  const calls = new Map<
    number,
    { resolve(v: unknown): void; reject(e: unknown): void; fns: number[]; name: string; args: unknown }
  >();
  const fns = new Map<number, (...args: unknown[]) => unknown>();
  const methods = PORT_METHODS.filter((m) => typeof (port as unknown as Record<string, unknown>)[m] === "function");

  const answer = async (id: number, method: string, args: readonly unknown[], plain: boolean) => {
    try {
      const f = (port as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method];
      if (!f) throw new Error(`the pane's port has no ${method}`);
      // plain arguments (rows of cells to write, table names) are taken as they came: no walk on this thread
      const value = await f.apply(port, (plain ? args : decode(args)) as unknown[]);
      try {
        // a port's answers are cells and shapes, plain data: posted as they are (no walk on this thread)
        worker.postMessage({ kind: "port-reply", id, ok: true, value });
      } catch {
        worker.postMessage({ kind: "port-reply", id, ok: true, value: encode(value) });
      }
    } catch (e) {
      worker.postMessage({ kind: "port-reply", id, ok: false, value: encode(e) });
    }
  };

  // the worker's script did not load (no worker support for this origin, a blocked URL): the main thread runs
  // the commands sent so far, none of which started, and every later one
  worker.addEventListener("error", (e) => {
    if (failed) return;
    // a worker that had started and failed: the commands in flight fail (they may have written), none waits forever
    if (started) return failInFlight(e);
    failed = true;
    console.warn("Closebook: the command worker did not start; commands run on the main thread", e);
    for (const [id, call] of [...calls]) {
      calls.delete(id);
      run(call.name, call.args).then(call.resolve, call.reject);
    }
  });

  worker.addEventListener("message", ({ data }) => {
    if (data.kind === "ready") started = true;
    else if (data.kind === "port") void answer(data.id, data.method, data.args, data.plain === true);
    else if (data.kind === "callback") fns.get(data.fn)?.(...(decode(data.args) as unknown[]));
    else {
      const call = calls.get(data.id);
      if (!call) return;
      calls.delete(data.id);
      if (typeof performance !== "undefined") performance.mark?.(`closebook:result ${call.name}`);
      for (const fn of call.fns) fns.delete(fn);
      const value = data.ok && data.plain ? data.value : decode(data.value);
      if (data.ok) call.resolve(value);
      else call.reject(value);
    }
  });

  function failInFlight(e: unknown): void {
    // an ErrorEvent (or Error) has a message; anything else is said as it is
    const said = typeof e === "object" && e !== null && "message" in e ? String(e.message) : String(e);
    const reason = new Error(`The command worker stopped: ${said}`);
    for (const [id, call] of [...calls]) {
      calls.delete(id);
      for (const fn of call.fns) fns.delete(fn);
      call.reject(reason);
    }
  }
  // a reply the main thread cannot read back (structured clone failed): nothing would ever answer its call
  worker.addEventListener("messageerror", (e) => failInFlight(e));

  const post = (name: string, args: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = ++next;
      const mine: number[] = [];
      const encoded = encode(args, {
        fn: (f) => {
          const fn = ++nextFn;
          fns.set(fn, f as (...a: unknown[]) => unknown);
          mine.push(fn);
          return fn;
        },
      });
      calls.set(id, { resolve, reject, fns: mine, name, args });
      worker.postMessage({ kind: "send", id, name, args: encoded, methods });
    });
  // a command sent before the worker is ready is posted at once: the worker takes it when its script has run (a
  // Worker keeps what was posted to it meanwhile), so no command runs on the main thread and the pane's first load
  // does not carry the command map (#16 point 1); if the script does not load, the "error" above runs them here
  return ((name: string, args: unknown) =>
    failed ? run(name, args) : settled.then(() => (failed ? run(name, args) : post(name, args)))) as Send;
}
