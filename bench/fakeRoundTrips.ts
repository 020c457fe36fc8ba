/**
 * The fake Excel host's syncs as round trips, for the pane bench (paneResponsive.ts): in Excel each
 * `context.sync()` waits for another process, so the pane's event loop turns; the fake host answers in the same
 * task (a microtask), so a whole chunked read would count as one main-thread task. While installed, every sync first
 * yields a turn of the event loop (setImmediate), and the time the host spends answering it is summed (its own
 * work, on the main thread in Node, in Excel's process in Excel).
 *
 * Example: const trips = fakeRoundTrips(); await excel.readTable("tblLedger"); trips.hostMs() → 412 (ms in the
 *   host's syncs); trips.restore() → syncs answer in the same task again
 */
import { FakeRequestContext } from "../src/preview/fakeExcel";

export interface RoundTrips {
  /** ms the host spent answering syncs since installed */
  hostMs(): number;
  restore(): void;
}

export function fakeRoundTrips(): RoundTrips {
  const proto = FakeRequestContext.prototype;
  const original = Object.getOwnPropertyDescriptor(proto, "sync")!;
  const sync = proto.sync;
  let host = 0;
  Object.defineProperty(proto, "sync", {
    ...original,
    value: async function (this: FakeRequestContext): Promise<void> {
      // the round trip: the pane's event loop turns while Excel answers
      await new Promise((resolve) => setImmediate(resolve));
      const t0 = performance.now();
      try {
        await sync.call(this);
      } finally {
        host += performance.now() - t0;
      }
    },
  });
  return {
    hostMs: () => host,
    restore: () => Object.defineProperty(proto, "sync", original),
  };
}
