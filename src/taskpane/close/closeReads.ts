/**
 * The Close tab's first read, apart from its chunk: index.tsx starts it as soon as the pane has its port (before
 * React mounts, while the tab's chunk loads), and useCloseSteps reads through the same function, so the read cache
 * (shell/readCache.ts) hands the tab the read already under way instead of a second one (#16 point 1).
 *
 * The period's sign-off lines are read apart (signoffRead), once a period is chosen.
 *
 * Example: void cachedRead(port, readCloseView, 0); … later useWorkbookRead("Reading the close steps", readCloseView)
 */
import type { CloseView, SignoffTask } from "../../app/closeView";
import type { WorkbookPort } from "../../ports/workbook";
import { sendOn } from "../shell/useSend";

/** the tab's view, computed in the command worker from the setup, runs and journal (no ledger, no decoded book here) */
export const readCloseView = (port: WorkbookPort): Promise<CloseView> => sendOn(port)("close-view", {});

/**
 * One read function per period (the read cache keys on it): its checklist tasks linked to a step. None before a
 * period is chosen: an empty read would count as the tab's first read and start the verification on open early.
 */
const signoffReads = new Map<string, (port: WorkbookPort) => Promise<readonly SignoffTask[]>>();
export function signoffRead(period: string): ((port: WorkbookPort) => Promise<readonly SignoffTask[]>) | undefined {
  if (!period) return undefined;
  let read = signoffReads.get(period);
  if (!read) signoffReads.set(period, (read = (port) => sendOn(port)("close-signoffs", { period })));
  return read;
}
