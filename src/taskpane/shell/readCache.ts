/**
 * What the tabs last read, kept per port and read function with the session's
 * change counter it was read at: a tab shown again while the counter has not
 * moved (no write through the pane, no change reported by the workbook) gets
 * the value it had, without a workbook read. useWorkbookRead goes through it.
 *
 * Example: await cachedRead(port, readCalendar, 3) → reads (first time);
 *   again with 3 → the same value, no sync; with 4 (after a write) → reads again.
 */
import type { WorkbookPort } from "../../ports/workbook";

type Read<T> = (port: WorkbookPort) => Promise<T>;

interface Entry {
  readonly changed: number;
  readonly promise: Promise<unknown>;
  /** set once the read resolved */
  done?: { readonly value: unknown };
}

const cache = new WeakMap<WorkbookPort, Map<Read<unknown>, Entry>>();
const firstReads = new WeakMap<WorkbookPort, { promise: Promise<void>; done: () => void }>();

function firstRead(port: WorkbookPort): { promise: Promise<void>; done: () => void } {
  let first = firstReads.get(port);
  if (!first) {
    let done = () => undefined as void;
    const promise = new Promise<void>((resolve) => (done = resolve));
    firstReads.set(port, (first = { promise, done }));
  }
  return first;
}

/**
 * Resolves once a tab's first read through `port` has settled, or after `timeoutMs`: work that can wait
 * (the seals verified on open) starts after the first tab is shown.
 */
export function afterFirstRead(port: WorkbookPort, timeoutMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  // the timer is cleared when the read comes first (left armed, it kept a test worker alive for a minute)
  return Promise.race([firstRead(port).promise, timeout]).finally(() => clearTimeout(timer));
}

function entry(port: WorkbookPort, read: Read<unknown>, changed: number): Entry | undefined {
  const hit = cache.get(port)?.get(read);
  return hit && hit.changed === changed ? hit : undefined;
}

/** The value `read` gave at counter `changed`, when it has one (synchronously, for a tab's first render). */
export function readValue<T>(port: WorkbookPort, read: Read<T>, changed: number): { readonly value: T } | undefined {
  return entry(port, read, changed)?.done as { readonly value: T } | undefined;
}

/** `read(port)` once per value of `changed`; a read that fails is forgotten (the next call reads again). */
export function cachedRead<T>(port: WorkbookPort, read: Read<T>, changed: number): Promise<T> {
  const key = read as Read<unknown>;
  const known = entry(port, key, changed);
  if (known) return known.promise as Promise<T>;
  let reads = cache.get(port);
  if (!reads) cache.set(port, (reads = new Map()));
  const promise = read(port);
  const made: Entry = { changed, promise };
  reads.set(key, made);
  const settled = firstRead(port).done;
  promise.then(
    (value) => {
      made.done = { value };
      settled();
    },
    () => {
      if (reads.get(key) === made) reads.delete(key);
      settled();
    },
  );
  return promise;
}
