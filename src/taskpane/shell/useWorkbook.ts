/**
 * The shell's view of the workbook: is it set up for Closebook, and who may
 * use it (tblUsers: only that table is read, `readUsers`, so the pane opens
 * without decoding the whole book). Read once when the pane opens, again after "Set up this
 * workbook", and quietly (without the loading state) when someone asks to
 * change user, so a user added meanwhile is offered.
 *
 * Example: const wb = useWorkbook();
 *   wb.state → { kind: "ready", users: Map { "alice" → { name: "alice", … } } }
 *   wb.state → { kind: "not-set-up" } for a workbook without tblSettings
 */
import { startTransition, useCallback, useEffect, useState } from "react";
import type { User } from "../../core/ledger/types";
import type { WorkbookPort } from "../../ports/workbook";
import { decodeUsers } from "../../schema/usersCodec";
import { USERS } from "../../schema/tables";
import { usePaneEnv } from "../paneEnv";
import { useOperation, type Operation } from "./useOperation";
import { isSetUp } from "./workbookModel";

export type WorkbookState =
  | { readonly kind: "loading" }
  | { readonly kind: "not-set-up" }
  | { readonly kind: "ready"; readonly users: ReadonlyMap<string, User> }
  /** reading failed: the operation's failure says why */
  | { readonly kind: "failed" };

export interface WorkbookView {
  readonly state: WorkbookState;
  /** the reading operation: its progress while loading, its failure when it threw */
  readonly op: Operation;
  /** reads again, showing the loading state (after setting the workbook up) */
  reload(): void;
  /** reads the users again without leaving the ready state */
  refreshUsers(): void;
}

/** The users table alone, decoded as loadBook decodes it (its issues are the tabs' to show). */
export async function readUsers(port: WorkbookPort): Promise<ReadonlyMap<string, User>> {
  return decodeUsers(await port.readTable(USERS.name), []);
}

export function useWorkbook(): WorkbookView {
  const { port } = usePaneEnv();
  const op = useOperation();
  const { run } = op;
  const [state, setState] = useState<WorkbookState>({ kind: "loading" });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    void run("Opening the workbook", async (): Promise<WorkbookState> => {
      if (!isSetUp(await port.listTables())) return { kind: "not-set-up" };
      return { kind: "ready", users: await readUsers(port) };
    }).then((next) => {
      // a transition: the shell's first render (identity, tabs, the first tab) yields to the browser every few ms
      if (live) startTransition(() => setState(next ?? { kind: "failed" }));
    });
    return () => {
      live = false;
    };
  }, [port, run, generation]);

  const reload = useCallback(() => {
    setState({ kind: "loading" });
    setGeneration((g) => g + 1);
  }, []);

  const refreshUsers = useCallback(() => {
    void readUsers(port).then(
      (users) => setState((s) => (s.kind === "ready" ? { kind: "ready", users } : s)),
      (e: unknown) => console.error(e),
    );
  }, [port]);

  return { state, op, reload, refreshUsers };
}
