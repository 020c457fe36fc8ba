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
 * limit fails too (as GeneralException with `payloadError: "GeneralException"`).
 * Each sync is recorded in `stats.syncs` with its request and response size
 * (UTF-8 bytes of the JSON sent and received, plus OP_OVERHEAD per call), its number of
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

/** One entry of Excel's undo stack: what one Ctrl+Z takes back. */
export interface UndoRecord {
  readonly run: number;
  /** syncs merged into it (more than 1 only with RunOptions.mergeUndoGroup) */
  syncs: number;
}

export interface FakeStats {
  runs: number;
  readonly syncs: SyncRecord[];
  readonly protectionCalls: ProtectionCall[];
  /** the undo log: one record per sync that changed something, one per run with mergeUndoGroup (ExcelApi 1.20) */
  readonly undo: UndoRecord[];
}

export interface RunOptions {
  readonly delayForCellEdit?: boolean;
  readonly mergeUndoGroup?: boolean;
}

export interface Op {
  readonly where: string;
  readonly bytes: () => number;
  readonly run: () => LoadResult[] | void;
}

export interface FakeExcelOptions {
  /** sheet names of the new workbook (Excel always has at least one) */
  readonly sheets?: readonly string[];
  /** payload limit per request and per response, in UTF-8 bytes */
  readonly payloadLimit?: number;
  /**
   * how an oversized request or response fails: "limit" (default) with
   * Request/ResponsePayloadSizeLimitExceeded; "GeneralException" as Excel on
   * the web has also answered (OfficeDev/office-js #1012, #1314)
   */
  readonly payloadError?: "limit" | "GeneralException";
  /** the workbook uses the 1904 date system (serial 0 = 1904-01-01): dates entered become 1904 serials, Functions.date answers in them */
  readonly date1904?: boolean;
  /** Workbook.functions (ExcelApi 1.2): "available" (default), "missing" (undefined), "failing" (every evaluation fails the sync) */
  readonly functions?: "available" | "missing" | "failing";
}

/** Bytes a call costs in a request beyond its arguments (its action and object path in Excel's JSON). */
export const OP_OVERHEAD = 120;

export type ChangeListener = () => void;

/**
 * A user's action between two syncs: runs on the model just before a sync
 * that sends calls; `sync` is that sync's 0-based index in `stats.syncs`.
 */
export type UserAction = (model: WorkbookModel, sync: number) => void;

export class FakeExcel {
  readonly model: WorkbookModel;
  readonly payloadLimit: number;
  readonly payloadError: "limit" | "GeneralException";
  readonly functions: "available" | "missing" | "failing";
  stats: FakeStats = { runs: 0, syncs: [], protectionCalls: [], undo: [] };
  private readonly listeners = new Set<ChangeListener>();
  private readonly users = new Set<UserAction>();

  constructor(options: FakeExcelOptions = {}) {
    this.model = new WorkbookModel(options.sheets ?? ["Sheet1"]);
    this.payloadLimit = options.payloadLimit ?? PAYLOAD_LIMIT;
    this.payloadError = options.payloadError ?? "limit";
    this.model.date1904 = options.date1904 ?? false;
    this.functions = options.functions ?? "available";
    this.run = this.run.bind(this);
  }

  resetStats(): void {
    this.stats = { runs: 0, syncs: [], protectionCalls: [], undo: [] };
  }

  /** Calls `listener` after each sync that sent writes or method calls; returns the unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Lets a test act as the user between two syncs (sort, insert a row, type
   * below a table, protect a sheet; see userActions.ts): `action` runs before
   * each sync that sends calls, after the previous sync's response. Returns
   * the function that stops it.
   */
  betweenSyncs(action: UserAction): () => void {
    this.users.add(action);
    return () => {
      this.users.delete(action);
    };
  }

  /** For the request context: the user's turn before sync number `sync`. */
  userTurn(sync: number): void {
    for (const action of [...this.users]) action(this.model, sync);
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
  async run<T>(
    a: RunOptions | ((context: FakeRequestContext) => Promise<T>),
    b?: (context: FakeRequestContext) => Promise<T>,
  ): Promise<T> {
    const batch = typeof a === "function" ? a : b;
    if (!batch) throw new TypeError("run: no batch function");
    const context = new FakeRequestContext(this, ++this.stats.runs, typeof a === "function" ? {} : a);
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
    private readonly options: RunOptions = {},
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
    this.host.userTurn(this.host.stats.syncs.length);
    const record: SyncRecord = {
      run: this.runNo,
      ops: ops.length,
      requestBytes: 0,
      responseBytes: 0,
      calcSuspended: false,
      screenSuspended: false,
    };
    this.host.stats.syncs.push(record);
    record.requestBytes = ops.reduce((n, op) => n + OP_OVERHEAD + op.where.length + op.bytes(), 0);
    if (record.requestBytes > this.host.payloadLimit) throw this.tooBig(record, "Request");
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
      if (this.changedNow) this.noteUndo();
      if (this.changedNow) this.host.notifyChange();
    }
    record.responseBytes = loads.reduce((n, l) => n + l.name.length + 4 + jsonLength(l.value), 0);
    if (record.responseBytes > this.host.payloadLimit) throw this.tooBig(record, "Response");
    for (const l of loads) l.obj.applyLoaded(l.name, l.value);
    for (const o of this.resolvedNow) o.markSynced();
  }

  private tooBig(record: SyncRecord, what: "Request" | "Response"): Error {
    const bytes = what === "Request" ? record.requestBytes : record.responseBytes;
    if (this.host.payloadError === "GeneralException") {
      record.error = "GeneralException";
      return officeError("GeneralException", "There was an internal error while processing the request.");
    }
    record.error = `${what}PayloadSizeLimitExceeded`;
    return officeError(
      `${what}PayloadSizeLimitExceeded`,
      `The ${what.toLowerCase()} payload size has exceeded the limit (${bytes} bytes).`,
    );
  }

  private noteUndo(): void {
    const undo = this.host.stats.undo;
    const last = undo[undo.length - 1];
    if (this.options.mergeUndoGroup && last?.run === this.runNo) last.syncs++;
    else undo.push({ run: this.runNo, syncs: 1 });
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
    if (!this.open)
      throw officeError(
        "InvalidObjectPath",
        "The object was used after its Excel.run batch ended (its request context is closed).",
      );
  }

  close(): void {
    this.open = false;
  }
}
