/**
 * Cancel for pane operations, as a WorkbookPort decorator. An operation opens
 * a scope (useOperation does); while nothing has been written (its reading and
 * computing phases) `cancel()` is accepted, and the next call through the port
 * — a read, or the first write — throws OperationCancelled before reaching the
 * workbook, so a cancelled operation leaves the workbook as it was. Once a write
 * has gone through (the write lock claimed, the run started) cancel is refused:
 * a run is finished or recovered, never cut off by the user.
 *
 * Example:
 *   const gate = cancelGate(port); const scope = gate.begin();
 *   const posting = postJournals(gate.port, …);  // reading tblLedger …
 *   scope.cancel() → true; await posting → throws OperationCancelled; nothing written
 */
import type { WorkbookPort } from "../../ports/workbook";

export class OperationCancelled extends Error {
  constructor() {
    super("Cancelled: nothing was written to the workbook.");
    this.name = "OperationCancelled";
  }
}

export function isCancelled(e: unknown): boolean {
  return e instanceof OperationCancelled || (e instanceof Error && e.name === "OperationCancelled");
}

export interface CancelScope {
  /** true when accepted: nothing has been written since the scope began */
  cancel(): boolean;
  /** whether a write has gone through since the scope began (cancel is refused from then on) */
  readonly writing: boolean;
  /** called once, at the first write of the scope */
  onWrite(listener: () => void): void;
  end(): void;
}

const READS = new Set<string>(["listTables", "readTable", "readRange", "readSheets", "isProtected"]);

export function cancelGate(inner: WorkbookPort): { port: WorkbookPort; begin(): CancelScope } {
  interface Live {
    cancelled: boolean;
    writing: boolean;
    listeners: (() => void)[];
  }
  const live = new Set<Live>();
  const check = (write: boolean) => {
    for (const s of live) if (s.cancelled) throw new OperationCancelled();
    if (!write) return;
    for (const s of live) {
      if (s.writing) continue;
      s.writing = true;
      for (const l of s.listeners.splice(0)) l();
    }
  };
  const port = new Proxy(inner, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== "function") return value;
      const write = typeof key !== "string" || !READS.has(key);
      return (...args: unknown[]) => {
        try {
          check(write);
        } catch (e) {
          return Promise.reject(e);
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    port,
    begin(): CancelScope {
      const s: Live = { cancelled: false, writing: false, listeners: [] };
      live.add(s);
      return {
        cancel: () => {
          if (s.writing || !live.has(s)) return false;
          s.cancelled = true;
          return true;
        },
        get writing() {
          return s.writing;
        },
        onWrite: (listener) => {
          if (s.writing) listener();
          else s.listeners.push(listener);
        },
        end: () => {
          live.delete(s);
        },
      };
    },
  };
}
