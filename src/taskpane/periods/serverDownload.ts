/**
 * A workbook's bytes built by the browser preview's server: the snapshot
 * posted to /api/download (the page's "Download .xlsx" route,
 * src/cli/previewServer.ts), written there with the xlsx adapter, and the
 * answer saved by the browser; and `downloadBlob`, how the pane saves a file
 * (Publish builds its workbook itself, publishDownload.ts). Kept apart from
 * publishDownload.ts, which the pane's first load must not pull in.
 *
 * Example: await downloadViaServer(snapshot, "closebook-preview.xlsx") → 48213 (bytes)
 */
import type { WorkbookSnapshot } from "../../app/snapshot";

export async function downloadViaServer(snapshot: WorkbookSnapshot, fileName: string): Promise<number> {
  const res = await fetch("api/download", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(snapshot),
  });
  if (!res.ok)
    throw new Error(
      `The preview server could not build the workbook: ${res.status} ${(await res.text()).slice(0, 200)}`,
    );
  const blob = await res.blob();
  downloadBlob(blob, fileName);
  return blob.size;
}

/** Saves `blob` as a download named `fileName`: a link to it, clicked. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  try {
    const a = document.createElement("a");
    a.href = url;
    a.download = fileName;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
