/**
 * The contract between the preview page and the task pane in its iframe: the
 * page puts a PreviewHost on `window.closebookPreview`; the pane's office stub
 * (officeStub.ts, loaded instead of office.js) finds it as
 * `window.parent.closebookPreview` (same origin) and sends every Excel.run
 * there, so the pane's ExcelWorkbook works on the page's fake Excel host,
 * whose workbook the grid shows.
 *
 * Example (page):  window.closebookPreview = { run: (o, b) => fake.run(o, b), workbookName: "closebook-demo.xlsx" };
 *         (pane):  Excel.run({ delayForCellEdit: true }, batch) → window.parent.closebookPreview.run(...)
 */
import type { FakeRequestContext, RunOptions } from "./fakeExcel";

export const PREVIEW_HOST_KEY = "closebookPreview";

export interface PreviewHost {
  /** Excel.run over the page's current fake host */
  run<T>(options: RunOptions, batch: (context: FakeRequestContext) => Promise<T>): Promise<T>;
  /** the workbook's file name (the pane's Office.context.document.url) */
  readonly workbookName: string;
  /**
   * Resolves once the page holds its first workbook: the pane's frame loads beside the workbook's download and
   * restore (#16 point 1), and its Office.onReady waits for this, as Office's waits for the document.
   */
  readonly ready?: Promise<void>;
}

/** A window that may hold the preview host (the page's, or the pane's parent). */
export interface WindowWithPreviewHost {
  [PREVIEW_HOST_KEY]?: PreviewHost;
}
