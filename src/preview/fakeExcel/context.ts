/**
 * FakeExcel: the host. `run(batch)` works like `Excel.run(batch)` (and
 * `run({ delayForCellEdit: true }, batch)`): a fresh RequestContext per run,
 * pending calls flushed with one last sync when the batch resolves, and every
 * proxy of that run unusable afterwards.
 *
 * `context.sync()` sends the queued calls as one request: nothing is sent when
 * the queue is empty; the request is refused whole (nothing applied) when it
 * is over the payload limit; calls run in order and the first error fails the
 * sync, discarding the calls after it and every load of the batch (calls before
 * it stay applied, as in Excel: there is no rollback); a response over the
 * limit fails too. Each sync is recorded in `stats.syncs` with its request and
 * response size (JSON length of the values sent and received), its number of
 * calls, whether calculation / screen updating were suspended, and its error.
 *
 * Example:
 *   const fake = createFakeExcel();
 *   await fake.run(async (ctx) => {
 *     const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
 *     r.values = [["x", 1]];
 *     await ctx.sync();
 *   });
 *   fake.stats.syncs.length   // 1
 */
import { FakeOfficeError, officeError } from "./errors";
import { WorkbookModel } from "./model";
import type { FakeClientObject, LoadResult } from "./proxy";
import { jsonLength } from "./proxy";
import { FakeWorkbook } from "./workbook";

/** Excel on the web's limit for a request and for a response. */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

export interface SyncRecord {
  readonly run: number;
  ops: number;
  requestBytes: number;
  responseBytes: number;
  calcSuspended: boolean;
  screenSuspended: boolean;
  /** the Office error code when the sync failed */
  error?: string;
}

export interface ProtectionCall {
  readonly sheet: string;
  readonly op: "protect" | "unprotect";
  /** the sheet's state when the call ran */
  readonly wasProtected: boolean;
  readonly ok: boolean;
}

export interface FakeStats {
  runs: number;
  readonly syncs: SyncRecord[];
  readonly protectionCalls: ProtectionCall[];
}

export interface RunOptions {
  readonly delayForCellEdit?: boolean;
}

export interface Op {
  readonly where: string;
  readonly bytes: () => number;
  readonly run: () => LoadResult[] | void;
}

export interface FakeExcelOptions {
  /** sheet names of the new workbook (Excel always has at least one) */
  readonly sheets?: readonly string[];
  /** payload limit per request and per response, in bytes */
  readonly payloadLimit?: number;
}

export type ChangeListener = () => void;

export class FakeExcel {
  readonly model: WorkbookModel;
  readonly payloadLimit: number;
  stats: FakeStats = { runs: 0, syncs: [], protectionCalls: [] };
  private readonly listeners = new Set<ChangeListener>();

  constructor(options: FakeExcelOptions = {}) {
    this.model = new WorkbookModel(options.sheets ?? ["Sheet1"]);
    this.payloadLimit = options.payloadLimit ?? PAYLOAD_LIMIT;
    this.run = this.run.bind(this);
  }

  resetStats(): void {
    this.stats = { runs: 0, syncs: [], protectionCalls: [] };
  }

  /** Calls `listener` after each sync that sent writes or method calls; returns the unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** For the request context: a sync ran writes. A listener's failure never fails the sync. */
  notifyChange(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (e) {
        console.error("fakeExcel: a change listener failed", e);
      }
    }
  }

  run<T>(batch: (context: FakeRequestContext) => Promise<T>): Promise<T>;
  run<T>(options: RunOptions, batch: (context: FakeRequestContext) => Promise<T>): Promise<T>;
  async run<T>(a: RunOptions | ((context: FakeRequestContext) => Promise<T>), b?: (context: FakeRequestContext) => Promise<T>): Promise<T> {
    const batch = typeof a === "function" ? a : b;
    if (!batch) throw new TypeError("run: no batch function");
    const context = new FakeRequestContext(this, ++this.stats.runs);
    try {
      const result = await batch(context);
      await context.sync();
      return result;
    } finally {
      context.close();
    }
  }
}

export class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  private queueOps: Op[] = [];
  private open = true;
  private resolvedNow: FakeClientObject<unknown>[] = [];
  private current: SyncRecord | undefined;
  private changedNow = false;

  constructor(
    readonly host: FakeExcel,
    private readonly runNo: number,
  ) {
    this.workbook = new FakeWorkbook(this);
  }

  get application(): FakeWorkbook["application"] {
    return this.workbook.application;
  }

  async sync(): Promise<void> {
    this.assertOpen();
    const ops = this.queueOps;
    this.queueOps = [];
    await Promise.resolve();
    if (ops.length === 0) return;
    const record: SyncRecord = { run: this.runNo, ops: ops.length, requestBytes: 0, responseBytes: 0, calcSuspended: false, screenSuspended: false };
    this.host.stats.syncs.push(record);
    record.requestBytes = ops.reduce((n, op) => n + 24 + op.where.length + op.bytes(), 0);
    if (record.requestBytes > this.host.payloadLimit) {
      record.error = "RequestPayloadSizeLimitExceeded";
      throw officeError("RequestPayloadSizeLimitExceeded", `The request payload size has exceeded the limit (${record.requestBytes} bytes).`);
    }
    const loads: LoadResult[] = [];
    this.resolvedNow = [];
    this.changedNow = false;
    this.current = record;
    try {
      for (const op of ops) {
        const got = op.run();
        if (got) loads.push(...got);
      }
    } catch (e) {
      record.error = e instanceof FakeOfficeError ? e.code : "FakeBug";
      throw e;
    } finally {
      this.current = undefined;
      if (this.changedNow) this.host.notifyChange();
    }
    record.responseBytes = loads.reduce((n, l) => n + l.name.length + 4 + jsonLength(l.value), 0);
    if (record.responseBytes > this.host.payloadLimit) {
      record.error = "ResponsePayloadSizeLimitExceeded";
      throw officeError("ResponsePayloadSizeLimitExceeded", `The response payload size has exceeded the limit (${record.responseBytes} bytes).`);
    }
    for (const l of loads) l.obj.applyLoaded(l.name, l.value);
    for (const o of this.resolvedNow) o.markSynced();
  }

  // ---------------------------------------------------------------- for proxies

  enqueue(op: Op): void {
    this.assertOpen();
    this.queueOps.push(op);
  }

  /** Runs in the batch: a write or method call ran (the workbook may have changed). */
  noteChange(): void {
    this.changedNow = true;
  }

  noteResolved(o: FakeClientObject<unknown>): void {
    this.resolvedNow.push(o);
  }

  /** The sync being executed (for the suspend flags). */
  currentSync(): SyncRecord | undefined {
    return this.current;
  }

  assertOpen(): void {
    if (!this.open) throw officeError("InvalidObjectPath", "The object was used after its Excel.run batch ended (its request context is closed).");
  }

  close(): void {
    this.open = false;
  }
}
