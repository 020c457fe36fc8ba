/**
 * One restore of the preview's workbook, as the restore worker (restoreWorker.ts) runs it, or the page itself where
 * it has no Worker: the snapshot downloaded (or an .xlsx posted to the server and read back as one), restored into a
 * fake Excel host with the Excel adapter (workbookTransfer.ts fakeFromSnapshot), the host's model answered as a dump.
 *
 * Example: await restore({ id: 1, url: "http://127.0.0.1:3001/api/workbook", name: "closebook-demo.xlsx" })
 *   → { id: 1, ok: true, dump, name: "closebook-demo.xlsx", tables: 26, rows: 4652, readMs, restoreMs }
 */
import { dumpModel } from "./fakeExcel/modelDump";
import type { RestoreAnswer, RestoreRequest } from "./restoreProtocol";
import { fakeFromSnapshot, fetchSnapshot } from "./workbookTransfer";

export async function restore(req: RestoreRequest): Promise<RestoreAnswer> {
  const started = performance.now();
  let name = req.name;
  const init: RequestInit | undefined = req.body
    ? { method: "POST", headers: { "Content-Type": "application/octet-stream" }, body: req.body }
    : undefined;
  const snapshot = await fetchSnapshot(req.url, init, (res) => {
    const header = res.headers.get("X-Closebook-Workbook");
    if (header) name = decodeURIComponent(header);
  });
  const fetched = performance.now();
  const fake = await fakeFromSnapshot(snapshot);
  return {
    id: req.id,
    ok: true,
    dump: dumpModel(fake.model),
    name,
    tables: snapshot.tables.length,
    rows: snapshot.tables.reduce((n, t) => n + t.rows.length, 0),
    readMs: fetched - started,
    restoreMs: performance.now() - fetched,
  };
}
