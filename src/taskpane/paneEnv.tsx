/**
 * What the task pane gets from its host, as one React context: the workbook
 * port (the Excel adapter in Excel and in the browser preview, behind the
 * read cache), a clock, a key/value store for the remembered user, cell
 * selection for issues, chunk progress, and the read scope of an operation. index.tsx builds it; components read it with usePaneEnv().
 * Components reach the app only through the command map (shell/useSend.ts binds it to env.port and the
 * clock), never Excel.
 *
 * Example: const send = useSend(); await send("post-journals", { user });
 */
import { createContext, useContext } from "react";
import type { WorkbookSnapshot } from "../app/snapshot";
import type { IssueLocation } from "../core/issues/issue";
import type { Clock } from "../ports/clock";
import type { KeyValueStore } from "../ports/identity";
import type { ProgressListener } from "../ports/progress";
import type { WorkbookPort } from "../ports/workbook";
import type { CancelScope } from "./shell/cancelGate";
import type { SelectedReportCell } from "./reports/drillTarget";

export interface PaneEnv {
  readonly port: WorkbookPort;
  readonly clock: Clock;
  /** localStorage in a browser or Excel (entries keyed by workbookKey) */
  readonly store: KeyValueStore;
  /** identifies this workbook in the store (the remembered user is per workbook): partitionKey and document URL, workbookKey.ts */
  readonly workbookKey: string;
  /** "Excel" or "Browser preview": shown in the pane's footer and the identity note */
  readonly hostName: string;
  /** selects the cell an issue names in the workbook; resolves false when there is no such cell */
  selectIssue(at: IssueLocation): Promise<boolean>;
  /** activates a sheet the pane wrote and selects its first cell (A1), or `address` (a checklist task's range); resolves false when there is no such visible sheet. Optional: without it no "Open sheet" links are shown */
  openSheet?(name: string, address?: string): Promise<boolean>;
  /** the active sheet's selected cell with the sheet's first rows and its row (the Reports tab's "Show ledger lines"); undefined when the selection is not cells. Optional: without it no drill-down is offered */
  readSelection?(): Promise<SelectedReportCell | undefined>;
  /** subscribes to the port's chunk progress; returns the unsubscribe function */
  onProgress(listener: ProgressListener): () => void;
  /**
   * Opens a read scope on `port` (src/ports/cachedReads.ts): until the
   * returned function is called, each table is read from the workbook once and
   * later reads come from the cache, kept true by the writes through `port`.
   * useOperation opens one per operation; reads outside any scope always
   * reach the workbook. Optional: a host without a cache leaves it out.
   */
  beginReads?(): () => void;
  /**
   * Opens a cancel scope on `port` (shell/cancelGate.ts): cancel is accepted until the first write
   * through `port`, and stops the operation at its next call. useOperation opens one per operation.
   */
  beginCancellable?(): CancelScope;
  /**
   * Subscribes to changes the workbook reports (Excel: any table's onChanged, debounced), so the tabs
   * read again after an edit made in Excel; returns the unsubscribe function. Optional: without it
   * only the pane's own writes make the tabs read again.
   */
  onWorkbookChanged?(listener: () => void): () => void;
  /**
   * Builds an .xlsx from a snapshot and lets the browser save it as `fileName`; resolves its size in bytes
   * (the Periods tab's Publish). The preview: its server builds it. Optional: without it Publish points to the CLI.
   */
  saveXlsx?(snapshot: WorkbookSnapshot, fileName: string): Promise<number>;
}

export const PaneEnvContext = createContext<PaneEnv | undefined>(undefined);

export function usePaneEnv(): PaneEnv {
  const env = useContext(PaneEnvContext);
  if (!env) throw new Error("usePaneEnv outside <PaneEnvContext.Provider>");
  return env;
}
