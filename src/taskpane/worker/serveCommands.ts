/**
 * The worker's side of the pane's command map: each "send" runs `dispatch` (src/app/commands) in the worker
 * on a WorkbookPort whose calls are posted to the main thread (which answers with the pane's real port: the
 * Excel adapter behind the read cache and the cancel gate), so decoding the book, the close steps, seal
 * hashing and the statements run here, off the pane's main thread. Results and errors go back encoded
 * (wire.ts); a callback in the arguments is called back on the main thread.
 *
 * Example (commandWorker.ts): serveCommands(self) — then the main thread's remoteCommands(worker, port)("verify", {})
 */
import { dispatch, type CommandName, type Send } from "../../app/commands";
import { systemClock } from "../../ports/clock";
import type { WorkbookPort } from "../../ports/workbook";
import type { Endpoint, FromWorker, ToWorker } from "./protocol";
import { PANE_TASKS, isPaneTask } from "./paneTasks";
import { decode, encode, encodeTagged } from "./wire";

export function serveCommands(endpoint: Endpoint<ToWorker, FromWorker>): void {
  let next = 0;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  const post = (m: FromWorker) => endpoint.postMessage(m);

  const remotePort = (methods: readonly string[]): WorkbookPort => {
    const port: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
    for (const method of methods)
      port[method] = (...args: unknown[]) =>
        new Promise((resolve, reject) => {
          const id = ++next;
          pending.set(id, { resolve, reject });
          const encoded = encodeTagged(args);
          post({ kind: "port", id, method, args: encoded.value as unknown[], plain: !encoded.tagged });
        });
    return port as unknown as WorkbookPort;
  };

  const run = async (m: Extract<ToWorker, { kind: "send" }>) => {
    const args = decode(m.args, {
      fn:
        (fn) =>
        (...a: unknown[]) =>
          post({ kind: "callback", fn, args: encode(a) as unknown[] }),
    });
    try {
      const env = { port: remotePort(m.methods), clock: systemClock };
      const send = ((name: CommandName, a: never) => dispatch(env, name, a)) as Send;
      // a pane task (Publish's workbook: paneTasks.ts) runs here with this thread's command map
      const value = isPaneTask(m.name)
        ? await PANE_TASKS[m.name](args as never, send)
        : await dispatch(env, m.name as CommandName, args as never);
      const encoded = encodeTagged(value);
      post({ kind: "result", id: m.id, ok: true, value: encoded.value, plain: !encoded.tagged });
    } catch (e) {
      post({ kind: "result", id: m.id, ok: false, value: encode(e) });
    }
  };

  endpoint.addEventListener("message", ({ data }) => {
    if (data.kind === "send") void run(data);
    else {
      const waiting = pending.get(data.id);
      pending.delete(data.id);
      if (!waiting) return;
      const value = decode(data.value);
      if (data.ok) waiting.resolve(value);
      else waiting.reject(value);
    }
  });
  post({ kind: "ready" });
}
