/**
 * @jest-environment node
 */
/**
 * The pane bench's tools (bench/paneResponsive.ts): the main-thread monitor sees a synchronous busy stretch as one
 * long task of its length and an idle await as none; a command sent through remoteCommands to the bench's worker
 * thread (bench/paneWorker.ts, bundled here by esbuild as build:bench does, over nodeEndpoint) gives what the command
 * map gives on the main thread. A real thread, not a MessageChannel in this process: what a port delivers here is
 * made in Node's realm, not jest's, and the cell decoder's `instanceof Date` would not know its Dates; the worker
 * has one realm, as the pane's does. Read-only commands: the workbook's writes would get Dates of Node's realm.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { buildSync } from "esbuild";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { commandsFor } from "../../src/app/commands";
import { Amount } from "../../src/core/money/amount";
import { fixedClock } from "../../src/ports/clock";
import type { FromWorker, ToWorker } from "../../src/taskpane/worker/protocol";
import { remoteCommands } from "../../src/taskpane/worker/remoteCommands";
import { registerStepRefs } from "../../src/taskpane/worker/stepRefs";
import { ExcelWorkbook } from "../../src/adapters/excel/excelWorkbook";
import { createFakeExcel, FakeRequestContext } from "../../src/preview/fakeExcel";
import { fakeRoundTrips } from "../../bench/fakeRoundTrips";
import { watchMainThread } from "../../bench/mainThreadTasks";
import { nodeEndpoint } from "../../bench/nodeEndpoint";
import { postedSmallCompany } from "../support/smallCompany";

registerStepRefs();

function busyFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // a synchronous task: the event loop does not turn
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("watchMainThread", () => {
  it("reports a 120 ms synchronous stretch as the longest task, in wall and in the main thread's CPU time", async () => {
    const watch = watchMainThread();
    await pause(20);
    busyFor(120);
    await pause(20);
    const { longestMs, longestCpuMs, cpuMs } = await watch.stop();
    // the ticker (1 ms) fires late by the stretch, give or take its own period and a loaded machine's lag (jest's
    // other workers on a 2-core CI machine: generous upper bound, the stretch is the one long task)
    expect(longestMs).toBeGreaterThanOrEqual(115);
    expect(longestMs).toBeLessThan(400);
    // on a CPU for much of it (a loaded machine may take the core away a while), never more than the stretch's wall
    expect(longestCpuMs).toBeGreaterThanOrEqual(40);
    expect(longestCpuMs!).toBeLessThanOrEqual(longestMs + 1);
    expect(cpuMs).toBeGreaterThanOrEqual(longestCpuMs!);
  });

  it("counts a stretch that starts as the watch starts (before the ticker's first tick)", async () => {
    const watch = watchMainThread();
    busyFor(60);
    await pause(5);
    const { longestMs } = await watch.stop();
    expect(longestMs).toBeGreaterThanOrEqual(55);
  });

  it("counts a stretch that ends right before stop", async () => {
    const watch = watchMainThread();
    await pause(5);
    busyFor(60);
    const { longestMs } = await watch.stop();
    expect(longestMs).toBeGreaterThanOrEqual(55);
  });

  it("reports about nothing for an idle await", async () => {
    const watch = watchMainThread();
    await pause(100);
    const { longestMs, longestCpuMs, cpuMs } = await watch.stop();
    // far below a 60 ms stretch even when jest's other workers share the cores
    expect(longestMs).toBeLessThan(50);
    expect(longestCpuMs).toBeLessThan(10);
    expect(cpuMs).toBeLessThan(30);
  });
});

describe("fakeRoundTrips", () => {
  it("turns the event loop before each sync and sums the host's time; restore puts the same-task sync back", async () => {
    const fake = createFakeExcel();
    const port = new ExcelWorkbook(fake.run);
    const shape = { name: "tblT", sheet: "T", headers: ["A", "B"], numberFormats: ["@", "0"] };
    const original = FakeRequestContext.prototype.sync;
    const trips = fakeRoundTrips();
    try {
      await port.createTable(shape, [
        ["x", 1],
        ["y", 2],
      ]);
      fake.resetStats();
      // a callback queued for the next turn of the loop runs before the read's first sync answers
      const order: string[] = [];
      setImmediate(() => order.push("turn"));
      const read = port.readTable("tblT").then((t) => (order.push("read"), t));
      expect((await read)?.rows).toEqual([
        ["x", 1],
        ["y", 2],
      ]);
      expect(order).toEqual(["turn", "read"]);
      expect(fake.stats.syncs.length).toBeGreaterThan(0);
      expect(trips.hostMs()).toBeGreaterThan(0);
    } finally {
      trips.restore();
    }
    expect(FakeRequestContext.prototype.sync).toBe(original);
    // restored: a read completes before the next turn of the loop (the fake answers in the same task)
    const order: string[] = [];
    setImmediate(() => order.push("turn"));
    await port.readTable("tblT").then(() => order.push("read"));
    expect(order).toEqual(["read"]);
  });
});

/** Maps as their entries, Amounts as their text, bigints as strings: comparable across realms (a port's clone). */
const comparable = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => {
    if (x instanceof Amount) return `Amount ${x.toString()}`;
    if (typeof x === "bigint") return `${x}n`;
    if (Object.prototype.toString.call(x) === "[object Map]") return [...(x as Map<unknown, unknown>)];
    return x;
  });

describe("the bench's worker thread", () => {
  const dir = mkdtempSync(join(tmpdir(), "closebook-pane-worker-"));
  const file = join(dir, "paneWorker.js");
  beforeAll(() => {
    const root = join(__dirname, "../..");
    buildSync({
      entryPoints: [join(root, "bench/paneWorker.ts")],
      bundle: true,
      platform: "node",
      target: "node20",
      outfile: file,
      external: ["exceljs"],
      logLevel: "warning",
    });
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("runs commands through nodeEndpoint and serveCommands with the main thread's results", async () => {
    const clock = fixedClock("2026-04-01T09:00:00.000Z");
    const wb = await postedSmallCompany(new MemoryWorkbook(), { user: "alice", clock });
    const worker = new Worker(file);
    // what the worker posted: the commands ran there, not in remoteCommands' fallback on this thread
    const posted: string[] = [];
    worker.on("message", (m: FromWorker) => posted.push(m.kind));
    try {
      const local = commandsFor({ port: wb, clock });
      const remote = remoteCommands(nodeEndpoint<FromWorker, ToWorker>(worker), wb, local);
      const view = await remote("close-view", {});
      expect(comparable(view)).toBe(comparable(await local("close-view", {})));
      // the small company's twelve months of 2026, none with drafts (March's are posted)
      expect(view.periods.map((p) => p.drafts)).toEqual(new Array(12).fill(0));
      expect(view.accountNames.size).toBeGreaterThan(0);
      const { tb } = await remote("trial-balance", { period: "2026-03" });
      expect(comparable(tb)).toBe(comparable((await local("trial-balance", { period: "2026-03" })).tb));
      // Amounts crossed the port as real Amounts: the March trial balance nets to zero with rows in it
      expect(tb?.totals.closing).toBeInstanceOf(Amount);
      expect(tb?.totals.closing.isZero()).toBe(true);
      expect(tb?.rows.length).toBeGreaterThan(0);
      expect(posted[0]).toBe("ready");
      expect(posted.filter((k) => k === "result")).toHaveLength(2);
      expect(posted.filter((k) => k === "port").length).toBeGreaterThan(0);
    } finally {
      await worker.terminate();
    }
  }, 60_000);
});
