/**
 * The one way a tab reads what it shows: `read(port)` runs when the pane
 * opens and again whenever the session's `changed` counter moves (after any
 * write, or a change the workbook reports); a tab shown again while the
 * counter has not moved shows what it read before, without reading
 * (readCache.ts); a read overtaken by a newer one is dropped, and a read that throws
 * becomes an issue (labelled, never a stack trace in the pane).
 *
 * Example: const { value, failure } = useWorkbookRead("Reading the calendar", async (port) => (await sendOn(port)("read-book", {})).book);
 *   value → the Book once read; failure → { code: "UNEXPECTED", message: "Reading the calendar stopped: …" }
 */
import { startTransition, useEffect, useState } from "react";
import type { Issue } from "../../core/issues/issue";
import type { WorkbookPort } from "../../ports/workbook";
import { usePaneEnv } from "../paneEnv";
import { cachedRead, readValue } from "./readCache";
import { usePaneSession } from "./session";
import { mark, unexpected } from "./useOperation";

export interface WorkbookRead<T> {
  /** the latest value read; undefined until the first read succeeds */
  readonly value: T | undefined;
  readonly failure: Issue | undefined;
}

/**
 * `read` should be stable (a module-level function or useCallback): a new one reads again. Undefined reads nothing
 * (nothing to read yet): the value stays undefined.
 */
export function useWorkbookRead<T>(
  label: string,
  read: ((port: WorkbookPort) => Promise<T>) | undefined,
): WorkbookRead<T> {
  const { port } = usePaneEnv();
  const { changed } = usePaneSession();
  const [state, setState] = useState<WorkbookRead<T>>(() => ({
    value: read ? readValue(port, read, changed)?.value : undefined,
    failure: undefined,
  }));

  useEffect(() => {
    if (!read) return undefined;
    let live = true;
    mark(`read ${label}`);
    cachedRead(port, read, changed).then(
      (value) => {
        mark(`read done ${label}`);
        // a transition: the tab's render of what was read yields to the browser every few ms (no long task, #16)
        if (live) startTransition(() => setState({ value, failure: undefined }));
      },
      (e: unknown) => {
        console.error(e);
        if (live) setState((s) => ({ value: s.value, failure: unexpected(e, label) }));
      },
    );
    return () => {
      live = false;
    };
  }, [port, changed, label, read]);

  return state;
}
