/**
 * The preview page's restore worker (a Web Worker; webpack bundles it from `new Worker(new URL(…))` in
 * restoreClient.ts): downloads a workbook snapshot, restores it into a fake Excel host with the Excel adapter
 * (restoreRun.ts: the same writes the pane's adapter makes) and sends the host's model back
 * as a dump, so neither the command map nor the restore runs on the page's main thread, which the pane's frame
 * shares (#16: usable within 2 s).
 *
 * Example: postMessage({ id: 1, url: ".../api/workbook", name: "closebook-demo.xlsx" }) → { id: 1, ok: true, dump, … }
 */
import { messagesOf, type RestoreAnswer, type RestoreRequest, type SheetPart } from "./restoreProtocol";
import { restore } from "./restoreRun";

interface WorkerScope {
  onmessage: ((e: MessageEvent<RestoreRequest>) => void) | null;
  postMessage(message: RestoreAnswer | SheetPart): void;
}
const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (e) => {
  const req = e.data;
  restore(req).then(
    // a sheet per message: the page reads each in its own task
    (answer) => messagesOf(answer).forEach((m) => scope.postMessage(m)),
    (err: unknown) =>
      scope.postMessage({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
};
