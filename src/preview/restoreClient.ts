/**
 * The preview page's side of the restore worker (restoreWorker.ts): opens a workbook there and loads the answered
 * model into a fresh fake Excel host on the page (fakeExcel/modelDump.ts: no adapter, no proxies), so the page's
 * main thread, which the pane's frame shares, carries neither the command map nor the restore (#16). One worker per
 * page: the one the boot script started (restoreBoot.ts: it asked for the starting workbook already, and that is
 * the first STARTING open's answer), else one started by the first open. Without Worker (a test's DOM) the same
 * restore runs on the page, imported then.
 *
 * Example:
 *   const opened = await openWorkbook(STARTING);   // { fake, name: "closebook-demo.xlsx", tables: 26, rows: 4652, … }
 *   await openWorkbook(uploaded(file));           // an .xlsx the server reads
 */
import type { FakeExcel } from "./fakeExcel";
import { fakeFromDump, type ModelDump } from "./fakeExcel/modelDump";
import { claimRestore, newRestoreWorker } from "./restoreBoot";
import type { RestoreAnswer, RestoreRequest, SheetPart } from "./restoreProtocol";

export interface WorkbookSource {
  /** the snapshot's URL, relative to the page */
  readonly url: string;
  /** an .xlsx to post there */
  readonly body?: Blob;
  /** the name when the server does not say */
  readonly name: string;
}

export interface OpenedWorkbook {
  readonly fake: FakeExcel;
  readonly name: string;
  readonly tables: number;
  readonly rows: number;
  /** ms: the download and parse, then the restore and the page's load of it */
  readonly readMs: number;
  readonly writeMs: number;
}

/** The server's starting workbook (the demo company, or `closebook preview --file`). */
export const STARTING: WorkbookSource = { url: "api/workbook", name: "closebook-demo.xlsx" };

/** An .xlsx file, read by the server. */
export function uploaded(file: File): WorkbookSource {
  return { url: "api/xlsx", body: file, name: file.name };
}

let worker: Worker | undefined;
/** the boot script's request for the starting workbook, not yet opened */
let bootStarting: RestoreRequest | undefined;
let nextId = 0;
const waiting = new Map<number, (answer: RestoreAnswer) => void>();
/** answers no open waits for yet (the boot script's, come before the page asked) */
const unclaimed = new Map<number, RestoreAnswer>();
/** the sheets of each request's dump as they come (restoreProtocol.ts SheetPart) */
const parts = new Map<number, ModelDump["sheets"]>();

function receive(m: RestoreAnswer | SheetPart): void {
  if ("part" in m) {
    const sheets = parts.get(m.id) ?? [];
    sheets[m.sheet] = m.part;
    parts.set(m.id, sheets);
    return;
  }
  const sheets = parts.get(m.id) ?? [];
  parts.delete(m.id);
  const answer: RestoreAnswer = m.ok ? { ...m, dump: { ...m.dump, sheets } } : m;
  const done = waiting.get(m.id);
  waiting.delete(m.id);
  if (done) done(answer);
  else unclaimed.set(m.id, answer);
}

function restoreWorker(): Worker | undefined {
  if (typeof Worker === "undefined") return undefined;
  if (!worker) {
    const kept = claimRestore(globalThis);
    worker = kept?.worker ?? newRestoreWorker();
    bootStarting = kept?.starting;
    worker.onmessage = (e: MessageEvent<RestoreAnswer | SheetPart>) => receive(e.data);
    // what the boot script's worker answered before the page's bundle ran
    for (const m of kept?.early ?? []) receive(m as RestoreAnswer | SheetPart);
    worker.onerror = (e) => {
      const error = `the restore worker failed: ${e.message || "it could not start"}`;
      for (const [id, done] of waiting) done({ id, ok: false, error });
      waiting.clear();
      parts.clear();
      worker = undefined;
    };
  }
  return worker;
}

function answerTo(id: number): Promise<RestoreAnswer> {
  const ready = unclaimed.get(id);
  unclaimed.delete(id);
  return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.set(id, resolve));
}

function ask(source: WorkbookSource): Promise<RestoreAnswer> {
  const w = restoreWorker();
  if (w && source === STARTING && bootStarting) {
    // asked for by the boot script already
    const { id } = bootStarting;
    bootStarting = undefined;
    return answerTo(id);
  }
  const req: RestoreRequest = {
    id: ++nextId,
    url: new URL(source.url, location.href).href,
    name: source.name,
    ...(source.body ? { body: source.body } : {}),
  };
  if (!w) return import("./restoreRun").then(({ restore }) => restore(req));
  const answer = answerTo(req.id);
  w.postMessage(req);
  return answer;
}

/** A fresh fake Excel host holding the workbook as fakeFromSnapshot (workbookTransfer.ts) left it: the blank "Sheet1" removed, the first sheet active, no stats. */
export async function openWorkbook(source: WorkbookSource): Promise<OpenedWorkbook> {
  const answer = await ask(source);
  if (!answer.ok) throw new Error(answer.error);
  const loading = performance.now();
  const fake = fakeFromDump(answer.dump);
  return {
    fake,
    name: answer.name,
    tables: answer.tables,
    rows: answer.rows,
    readMs: answer.readMs,
    writeMs: answer.restoreMs + performance.now() - loading,
  };
}
