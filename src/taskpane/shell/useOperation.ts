/**
 * Runs one pane operation (commands sent through useSend) at a time: busy state,
 * chunk progress from the port, and an unexpected exception turned into an
 * issue (never a stack trace in the pane; the stack goes to the console; a
 * refusal the command map threw, CommandRefused, is its own issue).
 * The operation runs inside a read scope (env.beginReads, when the host has
 * one): a table it reads twice — a close step's load, then its post's — is
 * read from the workbook once; the scope ends with the operation, so the next
 * one sees what the user changed in Excel meanwhile (the scope ends READS_AFTER_MS
 * after the operation, so the tabs' reads after its bump are served from it). It also runs in a cancel
 * scope (env.beginCancellable, cancelGate.ts): `canCancel` while nothing has
 * been written; `cancel()` stops the operation at its next workbook call,
 * the workbook unchanged, and `cancelled` says so afterwards.
 *
 * Example:
 *   const op = useOperation();
 *   <Button disabled={op.busy} onClick={() => op.run("Posting journals", () => send("post-journals", { user }))} />
 *   op.progress → { label: "Posting journals", table: "tblLedger", op: "write", done: 5000, total: 24000 }
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { isCommandRefused } from "../../app/commands/refused";
import { issue, type Issue } from "../../core/issues/issue";
import type { Progress } from "../../ports/progress";
import { usePaneEnv } from "../paneEnv";
import { isCancelled, type CancelScope } from "./cancelGate";

export interface OperationProgress extends Partial<Progress> {
  readonly label: string;
}

export interface Operation {
  readonly busy: boolean;
  readonly progress: OperationProgress | undefined;
  /** the issue made from the last unexpected exception, if any */
  readonly failure: Issue | undefined;
  /** runs `work` unless another operation is running; resolves undefined when it threw or was cancelled */
  run<T>(label: string, work: () => Promise<T>): Promise<T | undefined>;
  /** the running operation can be cancelled: nothing has been written yet */
  readonly canCancel: boolean;
  /** cancels the running operation while canCancel (its next workbook call stops it) */
  cancel(): void;
  /** the last operation was cancelled (nothing was written) */
  readonly cancelled: boolean;
  /** names the running operation's current step under its bar ("Closing 2026-11 · Settlement done") */
  step(text: string): void;
}

/** how long an operation's read scope stays open after it ends (the tabs' reads after its bump) */
const READS_AFTER_MS = 500;

/** A performance mark "closebook:<what>": the end-to-end test names the operation a long task ran in. */
export function mark(what: string): void {
  if (typeof performance !== "undefined" && typeof performance.mark === "function")
    performance.mark(`closebook:${what}`);
}

export function unexpected(e: unknown, label: string): Issue {
  // a write refused by the command map (another user's write lock, rows moved): its own issue, nothing written
  if (isCommandRefused(e) && e.issues[0]) return e.issues[0];
  const message = e instanceof Error ? e.message : String(e);
  return issue(
    "UNEXPECTED",
    `${label} stopped: ${message}. Nothing half-written stays: the next operation repairs an interrupted run.`,
  );
}

export function useOperation(): Operation {
  const env = usePaneEnv();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<OperationProgress | undefined>(undefined);
  const [failure, setFailure] = useState<Issue | undefined>(undefined);
  const label = useRef<string | undefined>(undefined);
  const running = useRef(false);
  const baseLabel = useRef<string | undefined>(undefined);
  const scope = useRef<CancelScope | undefined>(undefined);
  const cancelAsked = useRef(false);
  const [canCancel, setCanCancel] = useState(false);
  const [cancelled, setCancelled] = useState(false);

  useEffect(
    () =>
      env.onProgress((p) => {
        if (label.current !== undefined) setProgress({ label: label.current, ...p });
      }),
    [env],
  );

  const { beginReads, beginCancellable } = env;
  const run = useCallback(
    async <T>(name: string, work: () => Promise<T>): Promise<T | undefined> => {
      if (running.current) return undefined;
      running.current = true;
      label.current = name;
      baseLabel.current = name;
      setBusy(true);
      setFailure(undefined);
      setCancelled(false);
      setProgress({ label: name });
      mark(`op ${name}`);
      const endReads = beginReads?.();
      const cancelScope = beginCancellable?.();
      scope.current = cancelScope;
      cancelAsked.current = false;
      setCanCancel(cancelScope !== undefined);
      cancelScope?.onWrite(() => setCanCancel(false));
      try {
        const result = await work();
        if (!cancelAsked.current) return result;
        setCancelled(true); // cancelled after its last workbook call: its result is dropped
        return undefined;
      } catch (e) {
        if (isCancelled(e)) {
          setCancelled(true);
          return undefined;
        }
        console.error(e);
        setFailure(unexpected(e, name));
        return undefined;
      } finally {
        cancelScope?.end();
        scope.current = undefined;
        setCanCancel(false);
        // the read scope outlives the operation briefly: the tabs' reads after its bump come from what it read
        // and wrote (cachedReads keeps that true), not from a second read of the whole book
        if (endReads) setTimeout(endReads, READS_AFTER_MS);
        running.current = false;
        mark(`op done ${name}`);
        label.current = undefined;
        setBusy(false);
        setProgress(undefined);
      }
    },
    [beginReads, beginCancellable],
  );

  const cancel = useCallback(() => {
    if (!scope.current?.cancel()) return;
    cancelAsked.current = true;
    setCanCancel(false);
    setProgress((p) => (p ? { label: `${label.current ?? p.label}: cancelling` } : p));
  }, []);

  const step = useCallback((text: string) => {
    if (baseLabel.current === undefined || label.current === undefined) return;
    const named = `${baseLabel.current} · ${text}`;
    label.current = named;
    setProgress({ label: named });
  }, []);

  return { busy, progress, failure, run, canCancel, cancel, cancelled, step };
}
