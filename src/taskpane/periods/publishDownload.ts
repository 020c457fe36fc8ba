/**
 * The Periods tab's Publish without React: the period published
 * (src/app/publish.ts, the same use case as `closebook publish`) into a
 * workbook built in the pane itself (BrowserXlsxWorkbook and exceljs: lazy
 * chunks "xlsx-writer" and "exceljs", loaded at the first Publish), its bytes,
 * then saved by the browser (Blob and a download link; Excel on the web and
 * desktop, and the preview). It runs where the pane's commands run (the command worker: worker/paneTasks.ts). The
 * source's sheets without tables come along through port.readSheets (the
 * Excel adapter reads their formulas), so a management report's CLOSEBOOK.*
 * cells are published as values, as the CLI does.
 *
 * Example:
 *   const r = await publishToBytes(commandsFor({ port }), { period: "2026-11", user: "bob", now });
 *   r.result.published && saveBytes(r.bytes, "closebook-2026-11-published.xlsx")   // → 48213 (bytes)
 */
import type { Send } from "../../app/commands";
import type { PublishOptions, PublishResult } from "../../app/publish";
import { downloadBlob } from "./serverDownload";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** `send`: the command map of the thread it runs on (the pane's worker: worker/paneTasks.ts "publish-xlsx"). */
export async function publishToBytes(
  send: Send,
  options: PublishOptions,
): Promise<{ result: PublishResult; bytes?: Uint8Array }> {
  // the writer (and exceljs, a chunk of its own): lazy chunks fetched at the first Publish
  const { BrowserXlsxWorkbook } = await import(
    /* webpackChunkName: "xlsx-writer" */ "../../adapters/browser/xlsxWriter"
  );
  const target = new BrowserXlsxWorkbook();
  const result = await send("publish", { target, ...options });
  return result.published ? { result, bytes: await target.toBytes() } : { result };
}

/** Saves `bytes` as a download named `fileName` (a link to a Blob, clicked); returns the size. */
export function saveBytes(bytes: Uint8Array, fileName: string): number {
  const blob = new Blob([bytes as BlobPart], { type: XLSX_TYPE });
  downloadBlob(blob, fileName);
  return blob.size;
}
