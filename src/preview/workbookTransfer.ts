/**
 * Workbooks in and out of the preview page, through the preview server's API
 * (src/cli/previewServer.ts) as snapshots (src/app/snapshot.ts): the starting
 * workbook and an uploaded .xlsx (fetched and restored in the restore worker,
 * restoreRun.ts), and the download (imported by the page on the first one). A snapshot is restored into a
 * fresh fake Excel host with the same ExcelWorkbook adapter the task pane uses,
 * so the grid shows what that adapter writes; the empty "Sheet1" a new Excel
 * workbook starts with is then removed, and the first sheet activated.
 *
 * Example:
 *   const fake = await fakeFromSnapshot(await fetchSnapshot("api/workbook"));
 *   await downloadXlsx(fake, "closebook-demo.xlsx");   // the browser saves the file
 */
import { ExcelWorkbook } from "../adapters/excel/excelWorkbook";
import { commandsFor } from "../app/commands";
import { parseSnapshot } from "../app/commands/reportValues";
import type { WorkbookSnapshot } from "../app/snapshot";
import { createFakeExcel, type FakeExcel } from "./fakeExcel";
import { WHOLE_SHEET } from "./fakeExcel/model";
import { reportsOf } from "./fakeReports";

/** The server's answer as a snapshot; its { error } message (or the HTTP status) when it failed. */
export async function fetchSnapshot(
  url: string,
  init?: RequestInit,
  onResponse?: (res: Response) => void,
): Promise<WorkbookSnapshot> {
  const res = await fetch(url, init);
  onResponse?.(res);
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(
      `The preview server answered ${res.status} ${res.statusText} without a workbook${text ? `: ${text.slice(0, 200)}` : ""}`,
    );
  }
  if (!res.ok)
    throw new Error(
      (json as { error?: string }).error ?? `The preview server answered ${res.status} ${res.statusText}`,
    );
  return parseSnapshot(json);
}

/** A fresh fake Excel host holding the snapshot's tables, written by the Excel adapter. */
export async function fakeFromSnapshot(snapshot: WorkbookSnapshot): Promise<FakeExcel> {
  const fake = createFakeExcel();
  await commandsFor({ port: new ExcelWorkbook(fake.run) })("restore-snapshot", { snapshot });
  const model = fake.model;
  const blank = model.sheetByName("Sheet1");
  if (blank && model.sheets.length > 1 && model.tablesOn(blank).length === 0 && !blank.usedRect(WHOLE_SHEET, false)) {
    await fake.run(async (ctx) => ctx.workbook.worksheets.getItem("Sheet1").delete());
  }
  const first = model.sheets[0];
  if (first) model.activate(first);
  fake.resetStats();
  return fake;
}

/** The fake host's tables and report sheets as an .xlsx file (built by the server), saved by the browser as `fileName`; resolves its size in bytes. */
export async function downloadXlsx(fake: FakeExcel, fileName: string): Promise<number> {
  const snapshot = await commandsFor({ port: new ExcelWorkbook(fake.run) })("snapshot", {
    reports: reportsOf(fake.model),
  });
  const res = await fetch("api/download", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(snapshot),
  });
  if (!res.ok) {
    const text = await res.text();
    let message = `The preview server answered ${res.status} ${res.statusText}`;
    try {
      message = (JSON.parse(text) as { error?: string }).error ?? message;
    } catch {
      // not JSON: keep the status
    }
    throw new Error(message);
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return blob.size;
}
