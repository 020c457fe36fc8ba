/**
 * The published workbook's bytes where the pane has a server to build them:
 * the browser preview posts the snapshot to its server's /api/download (the
 * same route as the page's "Download .xlsx", src/cli/previewServer.ts), which
 * writes it with the xlsx adapter, and the browser saves the answer.
 *
 * Example: await downloadViaServer(snapshot, "closebook-2026-11-published.xlsx") → 48213 (bytes)
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
  return blob.size;
}
