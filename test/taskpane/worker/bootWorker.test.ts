/**
 * @jest-environment node
 */
/**
 * The command worker started by the boot script (#16 point 1): what it posts before the pane's bundle listens is
 * kept and given in order to the first listener of each type, then live events follow; a worker is claimed once.
 */
import { claimWorker, keepWorker, keptEvents, type KeptWorker } from "../../../src/taskpane/worker/bootWorker";
import type { ToWorker } from "../../../src/taskpane/worker/protocol";

function fakeWorker() {
  const listeners = new Map<string, ((e: unknown) => void)[]>();
  const posted: ToWorker[] = [];
  const worker: KeptWorker = {
    postMessage: (m) => void posted.push(m),
    addEventListener: (type, l) => void listeners.set(type, [...(listeners.get(type) ?? []), l]),
  };
  const fire = (type: string, e: unknown) => (listeners.get(type) ?? []).forEach((l) => l(e));
  return { worker, posted, fire };
}

test("events before the first listener are replayed to it in order, then live ones follow", () => {
  const w = fakeWorker();
  const endpoint = keptEvents(w.worker);
  w.fire("message", { data: { kind: "ready" } });
  w.fire("message", { data: { kind: "result", id: 1, ok: true, value: 1 } });
  w.fire("error", { message: "late error" });
  const seen: unknown[] = [];
  endpoint.addEventListener("message", (e) => seen.push(e.data));
  // the two kept messages, in the order posted; the error waits for an error listener
  expect(seen).toEqual([{ kind: "ready" }, { kind: "result", id: 1, ok: true, value: 1 }]);
  w.fire("message", { data: { kind: "callback", fn: 1, args: [] } });
  expect(seen).toHaveLength(3);
  const errors: unknown[] = [];
  endpoint.addEventListener("error", (e) => errors.push(e));
  expect(errors).toEqual([{ message: "late error" }]);
  // a second listener of a type hears live events only (the kept ones went to the first)
  const second: unknown[] = [];
  endpoint.addEventListener("message", (e) => second.push(e.data));
  w.fire("message", { data: { kind: "ready" } });
  expect([seen.length, second]).toEqual([4, [{ kind: "ready" }]]);
  endpoint.postMessage({ kind: "port-reply", id: 1, ok: true, value: null });
  expect(w.posted).toEqual([{ kind: "port-reply", id: 1, ok: true, value: null }]);
});

test("the boot script's worker is claimed once; without one the claim is undefined", () => {
  const global = {};
  expect(claimWorker(global)).toBeUndefined();
  keepWorker(global, fakeWorker().worker);
  expect(claimWorker(global)).toBeDefined();
  expect(claimWorker(global)).toBeUndefined();
});
