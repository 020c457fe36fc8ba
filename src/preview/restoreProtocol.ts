/**
 * Messages between the preview page and its restore worker (restoreWorker.ts): the page asks for a workbook by
 * URL (the starting workbook, or an uploaded .xlsx posted to the server); the worker fetches the snapshot, restores
 * it into a fake Excel host with the Excel adapter and answers the host's model as a dump (fakeExcel/modelDump.ts),
 * one message per sheet, then the rest: each message is one task on the page's main thread (its structured clone
 * read there), so none is long (the demo's longest sheet takes about 20 ms, the whole dump 70–90 ms).
 *
 * Example: { id: 1, url: "http://127.0.0.1:3001/api/workbook" } → { id: 1, sheet: 0, part } … →
 *   { id: 1, ok: true, dump (its sheets sent before), name: "closebook-demo.xlsx", … }
 */
import type { ModelDump } from "./fakeExcel/modelDump";

/** One sheet of the dump, sent before the answer. */
export interface SheetPart {
  readonly id: number;
  readonly sheet: number;
  readonly part: ModelDump["sheets"][number];
}

export interface RestoreRequest {
  readonly id: number;
  /** absolute URL of the snapshot (GET), or of api/xlsx with `body` (POST) */
  readonly url: string;
  readonly body?: Blob;
  /** the workbook's name when the server's header does not give one */
  readonly name: string;
}

export type RestoreAnswer =
  | {
      readonly id: number;
      readonly ok: true;
      /** its sheets come in SheetPart messages before it (empty here), or here (the page's own restore) */
      readonly dump: ModelDump;
      readonly name: string;
      readonly tables: number;
      readonly rows: number;
      /** ms the download and parse took, then the restore (in the worker) */
      readonly readMs: number;
      readonly restoreMs: number;
    }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** The worker's messages for one answer: a sheet per message, then the answer without them (restoreClient.ts puts them back). */
export function messagesOf(answer: RestoreAnswer): (RestoreAnswer | SheetPart)[] {
  if (!answer.ok) return [answer];
  const parts = answer.dump.sheets.map((part, sheet): SheetPart => ({ id: answer.id, sheet, part }));
  return [...parts, { ...answer, dump: { ...answer.dump, sheets: [] } }];
}
