/**
 * @jest-environment node
 */
/**
 * The pane's command worker (#16 point 1): commands sent through remoteCommands run in serveCommands (here on a
 * loopback channel that clones every message as structured clone does and delivers it in a later task, as postMessage does)
 * and give what the command map gives on the main thread — the same values with their classes (Amounts,
 * Maps), Cancel through the main thread's cancel gate, callbacks called on the main thread, a command sent before
 * the worker started kept for it, and the main thread's own command map when the worker never starts.
 */
import { MemoryWorkbook } from "../../../src/adapters/memory/memoryWorkbook";
import { commandsFor, type Send } from "../../../src/app/commands";
import { CLOSE_STEPS } from "../../../src/core/close/steps";
import { Amount } from "../../../src/core/money/amount";
import { fixedClock } from "../../../src/ports/clock";
import type { WorkbookPort } from "../../../src/ports/workbook";
import { cancelGate, isCancelled, OperationCancelled } from "../../../src/taskpane/shell/cancelGate";
import type { Endpoint, FromWorker, ToWorker } from "../../../src/taskpane/worker/protocol";
import { remoteCommands } from "../../../src/taskpane/worker/remoteCommands";
import { paneTask } from "../../../src/taskpane/worker/paneTasks";
import { serveCommands } from "../../../src/taskpane/worker/serveCommands";
import { registerStepRefs } from "../../../src/taskpane/worker/stepRefs";
import { counted } from "../../support/countedReads";
import { postedSmallCompany } from "../../support/smallCompany";

// both threads' wire constants (the same module here): the close steps cross by name
registerStepRefs();

const clock = fixedClock("2026-04-01T09:00:00.000Z");
const ctx = { user: "alice", clock };

type Listener = (e: { data: unknown }) => void;

/**
 * postMessage's structured clone, made in this test's realm (jest's global structuredClone builds objects of
 * another realm, whose Maps jest cannot compare): plain data, Maps, Sets, Dates and bigints copied; a class
 * instance arrives a plain object of its own fields, an Error a plain Error (only standard names kept); a
 * function cannot be cloned (DataCloneError).
 */
function clone(v: unknown, seen = new Map<object, unknown>()): unknown {
  if (typeof v === "function") throw new Error("DataCloneError: a function cannot be cloned");
  if (typeof v !== "object" || v === null) return v;
  if (seen.has(v)) return seen.get(v);
  if (v instanceof Date) return new Date(v.getTime());
  if (ArrayBuffer.isView(v)) return (v as Uint8Array).slice();
  if (v instanceof Error) {
    const e = new Error(v.message);
    e.name = ["TypeError", "RangeError", "SyntaxError", "ReferenceError", "EvalError", "URIError"].includes(v.name)
      ? v.name
      : "Error";
    return e;
  }
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    seen.set(v, out);
    for (const x of v) out.push(clone(x, seen));
    return out;
  }
  if (v instanceof Map) {
    const out = new Map();
    seen.set(v, out);
    for (const [k, x] of v) out.set(clone(k, seen), clone(x, seen));
    return out;
  }
  if (v instanceof Set) {
    const out = new Set();
    seen.set(v, out);
    for (const x of v) out.add(clone(x, seen));
    return out;
  }
  const out: Record<string, unknown> = {};
  seen.set(v, out);
  for (const k of Object.keys(v)) out[k] = clone((v as Record<string, unknown>)[k], seen);
  return out;
}

/** Two endpoints of a channel: each message structured-cloned and delivered in a later task; `messages` counts them. */
function channel(): {
  main: Endpoint<FromWorker, ToWorker>;
  worker: Endpoint<ToWorker, FromWorker>;
  messages: () => number;
} {
  const listeners = { main: [] as Listener[], worker: [] as Listener[] };
  // what reached a side before it listened (a Worker's script not run yet): delivered once it listens
  const queued = { main: [] as unknown[], worker: [] as unknown[] };
  let count = 0;
  const side = (me: "main" | "worker", other: "main" | "worker") => ({
    postMessage(m: unknown) {
      count++;
      const data = clone(m);
      setTimeout(() => {
        if (listeners[other].length) listeners[other].forEach((l) => l({ data }));
        else queued[other].push(data);
      }, 0);
    },
    addEventListener(type: string, l: Listener) {
      if (type !== "message") return;
      listeners[me].push(l);
      const waiting = queued[me].splice(0);
      if (waiting.length) setTimeout(() => waiting.forEach((data) => l({ data })), 0);
    },
  });
  return {
    main: side("main", "worker") as unknown as Endpoint<FromWorker, ToWorker>,
    worker: side("worker", "main") as unknown as Endpoint<ToWorker, FromWorker>,
    messages: () => count,
  };
}

/** A worker that has said it is ready. */
async function remote(port: WorkbookPort): Promise<{ send: Send; messages: () => number }> {
  const c = channel();
  serveCommands(c.worker);
  const send = remoteCommands(c.main, port, commandsFor({ port, clock }));
  await new Promise((r) => setTimeout(r, 10)); // the "ready" message is delivered in a later task
  return { send, messages: c.messages };
}

// Changed on purpose (#16 point 1): a command sent before the worker is ready used to run on the main thread; it is
// now posted at once and the worker takes it when its script has run, so no command runs on the pane's main thread
// and the pane's first load does not carry the command map.
test("a command sent before the worker is ready waits for it: it runs in the worker, not on the main thread", async () => {
  const wb = await postedSmallCompany(new MemoryWorkbook(), ctx);
  const c = channel();
  let local = 0;
  const fallback: Send = (name, args) => {
    local++;
    return commandsFor({ port: wb, clock })(name, args);
  };
  const send = remoteCommands(c.main, wb, fallback);
  const early = send("read-book", {});
  // the worker's script runs later (a Worker keeps what was posted to it meanwhile)
  await new Promise((r) => setTimeout(r, 10));
  serveCommands(c.worker);
  const book = (await early).book;
  expect(book.ledger.length).toBeGreaterThan(0);
  expect(local).toBe(0);
  // the command crossed, then the worker read the tables through the main thread's port
  expect(c.messages()).toBeGreaterThan(3);
});

test("read-book through the worker is the book the main thread reads, Amounts and Maps revived", async () => {
  const wb = await postedSmallCompany(new MemoryWorkbook(), ctx);
  const direct = await commandsFor({ port: wb, clock })("read-book", {});
  const { send, messages } = await remote(wb);
  const viaWorker = await send("read-book", {});
  // toStrictEqual compares classes too: a bare { units, scale } object is not an Amount
  expect(viaWorker.book).toStrictEqual(direct.book);
  // the raw tables as a Map (the worker's ReadTables, a Map that guards tables not read, arrives a plain Map)
  expect(viaWorker.raw).toEqual(new Map(direct.raw));
  const amount = viaWorker.book.ledger[0]!.amount;
  expect(amount).toBeInstanceOf(Amount);
  // it computes: the first line's amount plus 0.01, on both sides
  expect(amount.plus(Amount.parse("0.01")!).toString()).toBe(
    direct.book.ledger[0]!.amount.plus(Amount.parse("0.01")!).toString(),
  );
  expect(viaWorker.book.setup.accounts).toBeInstanceOf(Map);
  // the worker read the tables through the main thread's port: more than the send and its result crossed
  expect(messages()).toBeGreaterThan(2);
});

test("a close through the worker posts what the main thread posts; onStep is called back with the registry's steps", async () => {
  const here = await postedSmallCompany(new MemoryWorkbook(), ctx);
  const there = await postedSmallCompany(new MemoryWorkbook(), ctx);
  const args = { period: "2026-03", preview: false, user: "alice" } as const;
  const direct = await commandsFor({ port: here, clock })("close-period", args);
  const seen: string[] = [];
  const viaWorker = await (
    await remote(there)
  ).send("close-period", {
    ...args,
    onStep: (def) => {
      // the step is the main thread's own registered object (sent by name, its functions kept)
      expect(CLOSE_STEPS).toContain(def);
      seen.push(def.id);
    },
  });
  expect(viaWorker.steps.map((s) => [s.id, s.status])).toEqual(direct.steps.map((s) => [s.id, s.status]));
  expect(seen.length).toBeGreaterThan(0);
  expect(seen).toEqual(
    viaWorker.steps
      .filter((s) => s.id !== undefined)
      .map((s) => s.id)
      .slice(0, seen.length),
  );
  // the clocks differ (the worker's is the system's), so compare the ledgers' amounts and accounts
  const lines = async (p: WorkbookPort) =>
    (await commandsFor({ port: p, clock })("read-book", {})).book.ledger.map((l) => [
      l.account,
      l.amount.toString(),
      l.amountAccounting.toString(),
    ]);
  expect(await lines(there)).toEqual(await lines(here));
});

test("Cancel on the main thread's gate stops the worker's command at its next workbook call: nothing written", async () => {
  const wb = new MemoryWorkbook();
  await postedSmallCompany(wb, ctx);
  const before = JSON.stringify(await wb.readTable("tblLedger"));
  const gate = cancelGate(wb);
  const scope = gate.begin();
  const { send } = await remote(gate.port);
  const posting = send("post-journals", { user: "alice" });
  expect(scope.cancel()).toBe(true);
  const failure: unknown = await posting.then(
    () => "resolved",
    (e: unknown) => e,
  );
  expect(failure).toBeInstanceOf(OperationCancelled);
  expect(isCancelled(failure)).toBe(true);
  scope.end();
  expect(JSON.stringify(await wb.readTable("tblLedger"))).toBe(before);
});

test("a worker that never starts: its commands run on the main thread", async () => {
  const wb = await postedSmallCompany(new MemoryWorkbook(), ctx);
  let fail: (e: unknown) => void = () => undefined;
  const dead = {
    postMessage: () => undefined,
    addEventListener: (type: string, l: (e: unknown) => void) => {
      if (type === "error") fail = l;
    },
  } as unknown as Endpoint<FromWorker, ToWorker>;
  const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  const send = remoteCommands(dead, wb, commandsFor({ port: wb, clock }));
  const pending = send("read-book", {});
  fail(new Error("the worker's script did not load"));
  const later = await send("read-book", {});
  expect((await pending).book.ledger.length).toBe(later.book.ledger.length);
  expect(later.book.ledger.length).toBeGreaterThan(0);
  expect(warn).toHaveBeenCalledTimes(1);
  warn.mockRestore();
});

test("a worker that started, then failed: the command in flight fails (not on the main thread), none waits forever", async () => {
  const wb = await postedSmallCompany(new MemoryWorkbook(), ctx);
  const listeners: Record<string, ((e: unknown) => void)[]> = {};
  const started = {
    postMessage: () => undefined, // the worker takes the command and never answers
    addEventListener: (type: string, l: (e: unknown) => void) => void (listeners[type] ??= []).push(l),
  } as unknown as Endpoint<FromWorker, ToWorker>;
  let local = 0;
  const fallback: Send = (name, args) => {
    local++;
    return commandsFor({ port: wb, clock })(name, args);
  };
  const send = remoteCommands(started, wb, fallback);
  listeners.message!.forEach((l) => l({ data: { kind: "ready" } }));
  const pending = send("read-book", {}).then(
    () => "resolved",
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );
  await new Promise((r) => setTimeout(r, 0));
  listeners.error!.forEach((l) => l("out of memory"));
  expect(await pending).toBe("The command worker stopped: out of memory");
  // it may have written before it stopped: the command is not run again on the main thread
  expect(local).toBe(0);
});

test("constants that do not load (the close steps' chunk): commands run on the main thread, none in the worker", async () => {
  const wb = await postedSmallCompany(new MemoryWorkbook(), ctx);
  const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  const c = channel();
  serveCommands(c.worker);
  const send = remoteCommands(c.main, wb, commandsFor({ port: wb, clock }), Promise.reject(new Error("chunk failed")));
  const r = await send("read-book", {});
  expect(r.book.ledger.length).toBeGreaterThan(0);
  // only the worker's "ready" crossed: no command was posted to it
  expect(c.messages()).toBe(1);
  expect(warn).toHaveBeenCalledTimes(1);
  warn.mockRestore();
});

test("read-book of some tables through the worker: the tables not read still fail loudly on the main thread", async () => {
  const wb = await postedSmallCompany(new MemoryWorkbook(), ctx);
  const { port, reads } = counted(wb);
  const { send } = await remote(port);
  const { book } = await send("read-book", { tables: ["tblJournal"] });
  // the journal was read (MARCH_DRAFTS: 8 lines), the ledger was not: reading it throws as it does in the worker
  expect(book.journal).toHaveLength(8);
  expect(reads.has("tblLedger")).toBe(false);
  expect(() => book.ledger).toThrow(/tblLedger was not read/);
});

test("Publish's workbook is built in the worker (pane task publish-xlsx): bytes back, nothing run on the main thread", async () => {
  const wb = await postedSmallCompany(new MemoryWorkbook(), ctx);
  await commandsFor({ port: wb, clock })("change-period", {
    action: { kind: "hold", period: "2026-03", reason: "March" },
    user: "bob",
  });
  const c = channel();
  serveCommands(c.worker);
  let local = 0;
  const fallback: Send = (name, args) => {
    local++;
    return commandsFor({ port: wb, clock })(name, args);
  };
  const send = remoteCommands(c.main, wb, fallback);
  const r = await paneTask(send)("publish-xlsx", { period: "2026-03", user: "bob", now: "2026-04-01T09:00:00.000Z" });
  expect(r.result.published).toBe(true);
  // an .xlsx is a zip: "PK" first
  expect(r.bytes).toBeInstanceOf(Uint8Array);
  expect([...r.bytes!.slice(0, 2)]).toEqual([0x50, 0x4b]);
  expect(local).toBe(0);
});
