/**
 * Runs one pane operation (a use case over the port) at a time: busy state,
 * chunk progress from the port, and an unexpected exception turned into an
 * issue (never a stack trace in the pane; the stack goes to the console).
 * The operation runs inside a read scope (env.beginReads, when the host has
 * one): a table it reads twice — a close step's load, then its post's — is
 * read from the workbook once; the scope ends with the operation, so the next
 * one sees what the user changed in Excel meanwhile.
 *
 * Example:
 *   const op = useOperation();
 *   <Button disabled={op.busy} onClick={() => op.run("Posting journals", () => postJournals(port, { user, clock }))} />
 *   op.progress → { label: "Posting journals", table: "tblLedger", op: "write", done: 5000, total: 24000 }
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { issue, type Issue } from "../../core/issues/issue";
import type { Progress } from "../../ports/progress";
import { usePaneEnv } from "../paneEnv";

export interface OperationProgress extends Partial<Progress> {
  readonly label: string;
}

export interface Operation {
  readonly busy: boolean;
  readonly progress: OperationProgress | undefined;
  /** the issue made from the last unexpected exception, if any */
  readonly failure: Issue | undefined;
  /** runs `work` unless another operation is running; resolves undefined when it threw */
  run<T>(label: string, work: () => Promise<T>): Promise<T | undefined>;
}

export function unexpected(e: unknown, label: string): Issue {
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

  useEffect(
    () =>
      env.onProgress((p) => {
        if (label.current !== undefined) setProgress({ label: label.current, ...p });
      }),
    [env],
  );

  const beginReads = env.beginReads;
  const run = useCallback(
    async <T>(name: string, work: () => Promise<T>): Promise<T | undefined> => {
      if (running.current) return undefined;
      running.current = true;
      label.current = name;
      setBusy(true);
      setFailure(undefined);
      setProgress({ label: name });
      const endReads = beginReads?.();
      try {
        return await work();
      } catch (e) {
        console.error(e);
        setFailure(unexpected(e, name));
        return undefined;
      } finally {
        endReads?.();
        running.current = false;
        label.current = undefined;
        setBusy(false);
        setProgress(undefined);
      }
    },
    [beginReads],
  );

  return { busy, progress, failure, run };
}
