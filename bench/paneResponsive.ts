/**
 * Issue #16's pane figures through the fake Excel host: time to usable and the longest main-thread task, with the
 * command map in a worker thread (now: bench/paneWorker.ts behind remoteCommands, as the pane's command worker) and
 * on the main thread (before #16: remoteCommands' fallback, the command map called where the Excel I/O is).
 *
 * Time to usable: a fresh pane over the host holding the workbook (worker started, new adapter and read cache) until
 * the Close tab has what it shows: "close-view", then "close-signoffs" for the period it picks. One row more: the
 * pre-#16 Close tab's boot on today's code (the whole book read and decoded on the main thread, the view and the
 * sign-offs computed there). Then the pane's operations sent by name as the tabs send them (one read scope each):
 * verify on open, post journals through 11-30, the seven close steps of 2026-11, the hold, the statements, verify.
 * Runs alternate between the modes on fresh hosts; medians are printed; the outcomes must match (checked).
 *
 * Example (printed, demo workbook; ms rounded):
 *                                               syncs          wall ms     longest main-thread task   main thread
 *   operation                                                              wall ms       CPU ms       CPU ms
 *                                            worker  main   worker  main   worker  main  worker main  worker  main
 *   Time to usable (Close tab: view, sign-offs)  73    73      209    39       17    39       5   38      42    39
 *   Close: Revaluation                          180   180      121    59       17    60      15   58      45    58
 */
import { join } from "node:path";
import { loadavg } from "node:os";
import { Worker } from "node:worker_threads";
import { ExcelWorkbook } from "../src/adapters/excel/excelWorkbook";
import { commandsFor, type Send } from "../src/app/commands";
import { CLOSE_STEPS } from "../src/app/closeStepByStep";
import { closeView } from "../src/app/closeView";
import { periodChecklist } from "../src/app/checklist/checklistState";
import { restoreSnapshot, type WorkbookSnapshot } from "../src/app/snapshot";
import { DEMO_USER } from "../src/app/demo/runDemo";
import { nodeSha256 } from "../src/cli/nodeSha256";
import { installSha256 } from "../src/core/crypto/hashing";
import { cachedReads, type CachedReads } from "../src/ports/cachedReads";
import { createFakeExcel, type FakeExcel } from "../src/preview/fakeExcel";
import { decodeChecklist } from "../src/schema/checklistCodec";
import { closablePeriods, defaultClosePeriod } from "../src/taskpane/close/closeTabState";
import type { FromWorker, ToWorker } from "../src/taskpane/worker/protocol";
import { remoteCommands } from "../src/taskpane/worker/remoteCommands";
import { registerStepRefs } from "../src/taskpane/worker/stepRefs";
import { fakeRoundTrips, type RoundTrips } from "./fakeRoundTrips";
import { watchMainThread } from "./mainThreadTasks";
import { nodeEndpoint } from "./nodeEndpoint";
import { startingWorkbook } from "./paneOps";

const PERIOD = "2026-11";
/** dist-cli/paneWorker.js, next to dist-cli/bench.js (build:bench bundles both) */
const WORKER_FILE = join(__dirname, "paneWorker.js");
const STEP_LINK = /^\s*step:/i;

type Mode = "worker" | "main";

interface Figures {
  readonly syncs: number;
  readonly ms: number;
  /** the longest stretch the main thread's event loop did not turn (wall ms) */
  readonly longestMs: number;
  /** the most CPU time the main thread spent in one such stretch (ms; undefined without /proc) */
  readonly longestCpuMs: number | undefined;
  /** the main thread's CPU time (ms; undefined without /proc) */
  readonly mainCpuMs: number | undefined;
  /** CPU seconds of the whole process (both threads) */
  readonly cpu: number;
  /** ms the fake host spent answering syncs (its own work: on the main thread here, in Excel's process in Excel) */
  readonly hostMs: number;
  readonly summary: string;
}

interface Pane {
  readonly send: Send;
  readonly reads: CachedReads;
  /** ms from the worker's start to its "ready" (0 without a worker) */
  readonly started: Promise<number>;
  close(): Promise<void>;
}

interface SendOp {
  readonly label: string;
  readonly work: (send: Send) => Promise<string>;
}

const verify: SendOp["work"] = async (send) => {
  const r = await send("verify", {});
  return `${r.issues.length} issues, ${r.sealedPeriods} sealed periods, ${r.sealedRows} sealed rows, ${r.auditRows} audit rows`;
};

/** paneOps.ts's operations, sent by name as the tabs send them, between a verify on open and one after the hold */
const OPS: readonly SendOp[] = [
  { label: "Verify (on open)", work: verify },
  {
    label: "Post journals through 11-30",
    work: async (send) => {
      const r = await send("post-journals", { user: DEMO_USER, through: "2026-11-30" });
      return r.posted ? `posted ${r.lines} lines as ${r.runId}` : `not posted: ${r.issues[0]?.message ?? ""}`;
    },
  },
  ...CLOSE_STEPS.map((def): SendOp => ({
    label: `Close: ${def.title}`,
    work: async (send) => {
      const o = await send("run-close-step", { period: PERIOD, step: def.id, mode: "post", user: DEMO_USER });
      return `${o.status}: ${o.summary}`;
    },
  })),
  {
    label: `Put ${PERIOD} on hold`,
    work: async (send) => {
      const action = {
        kind: "hold",
        period: PERIOD,
        reason: "November close completed",
        // no close checklist is kept here: the controller overrides, as in the pane (audited)
        overrideChecklist: "Bench: no close checklist kept",
      } as const;
      const r = await send("change-period", { action, user: DEMO_USER });
      return r.done ? `held as ${r.runId}, ${r.seal?.count ?? 0} rows sealed` : `refused: ${r.issues[0]?.message}`;
    },
  },
  {
    label: "Reports: Statements",
    work: async (send) =>
      `sheets ${(await send("statements-to-sheets", { period: PERIOD })).sheets.map((s) => s.sheet).join(", ")}`,
  },
  { label: "Verify (after the hold)", work: verify },
];

/** What the Close tab awaits before it shows: its view, then the sign-offs of the period it picks. */
async function closeTab(send: Send): Promise<string> {
  const view = await send("close-view", {});
  const period = defaultClosePeriod(closablePeriods(view.periods.map((v) => v.period)));
  const tasks = period ? await send("close-signoffs", { period }) : [];
  const chosen = view.periods.find((v) => v.period.id === period);
  const states = chosen?.states.map((s) => s.state).join("/") ?? "";
  return `${period}: ${states}, ${chosen?.drafts ?? 0} drafts, ${tasks.length} sign-off tasks`;
}

/** The pre-#16 Close tab's boot: the whole book read and decoded here, the view and the sign-offs computed here. */
async function wholeBookTab(send: Send): Promise<string> {
  const { book, raw } = await send("read-book", {});
  const view = closeView(book);
  const period = defaultClosePeriod(closablePeriods(book.setup.periods));
  const p = book.setup.periods.find((x) => x.id === period);
  const checklist = decodeChecklist(raw);
  const today = new Date().toISOString().slice(0, 10);
  const tasks =
    p && checklist.tasks.some((t) => t.period === p.id)
      ? periodChecklist(book, checklist, p, today).tasks.filter((t) => STEP_LINK.test(t.link))
      : [];
  const chosen = view.periods.find((v) => v.period.id === period);
  const states = chosen?.states.map((s) => s.state).join("/") ?? "";
  return `${period}: ${states}, ${chosen?.drafts ?? 0} drafts, ${tasks.length} sign-off tasks`;
}

/** A fresh pane over `fake`: new adapter and read cache, and in "worker" mode a new worker thread. */
function openPane(fake: FakeExcel, mode: Mode): Pane {
  const reads = cachedReads(new ExcelWorkbook(fake.run));
  const local = commandsFor({ port: reads.port });
  if (mode === "main") return { send: local, reads, started: Promise.resolve(0), close: async () => undefined };
  const t0 = performance.now();
  const worker = new Worker(WORKER_FILE);
  // its first message is "ready" (serveCommands posts it once the script has run)
  const started = new Promise<number>((resolve) => worker.once("message", () => resolve(performance.now() - t0)));
  const endpoint = nodeEndpoint<FromWorker, ToWorker>(worker);
  return {
    send: remoteCommands(endpoint, reads.port, local),
    reads,
    started,
    close: async () => void (await worker.terminate()),
  };
}

/** the fake host's syncs as round trips (fakeRoundTrips.ts), while the bench runs */
let trips: RoundTrips | undefined;

async function measured(fake: FakeExcel, work: () => Promise<string>): Promise<Figures> {
  fake.resetStats();
  const h0 = trips?.hostMs() ?? 0;
  const watch = watchMainThread();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  // a failure is an outcome too (compared between the modes), not the end of the bench
  const summary = await work().catch((e: unknown) => `FAILED: ${e instanceof Error ? e.message : String(e)}`);
  const ms = performance.now() - t0;
  const main = await watch.stop();
  const c = process.cpuUsage(c0);
  return {
    syncs: fake.stats.syncs.length,
    ms,
    longestMs: main.longestMs,
    longestCpuMs: main.longestCpuMs,
    mainCpuMs: main.cpuMs,
    cpu: (c.user + c.system) / 1e6,
    hostMs: (trips?.hostMs() ?? 0) - h0,
    summary,
  };
}

async function hostWith(snapshot: WorkbookSnapshot): Promise<FakeExcel> {
  const fake = createFakeExcel();
  await restoreSnapshot(new ExcelWorkbook(fake.run), snapshot);
  return fake;
}

interface Run {
  readonly usable: Figures;
  /** the worker's start, new Worker to "ready" (ms; 0 on the main thread) */
  readonly startMs: number;
  /** the pre-#16 Close tab's boot (main mode only) */
  readonly wholeBook?: Figures;
  readonly ops: readonly Figures[];
}

/** One mode's run on a fresh host: the pane opened (time to usable), then every operation through its send. */
async function runMode(snapshot: WorkbookSnapshot, mode: Mode): Promise<Run> {
  const fake = await hostWith(snapshot);
  let pane: Pane | undefined;
  const usable = await measured(fake, () => closeTab((pane = openPane(fake, mode)).send));
  const opened = pane!;
  let wholeBook: Figures | undefined;
  // the pre-#16 boot on a fresh adapter over the same, unchanged host (nothing known from the read above)
  if (mode === "main") wholeBook = await measured(fake, () => wholeBookTab(openPane(fake, "main").send));
  const ops: Figures[] = [];
  try {
    for (const op of OPS) ops.push(await measured(fake, () => opened.reads.scoped(() => op.work(opened.send))));
  } finally {
    await opened.close();
  }
  return { usable, startMs: await opened.started, ...(wholeBook ? { wholeBook } : {}), ops };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The figures' medians over runs; the summaries must all be alike (else a mode changed what the pane does). */
function medianOf(label: string, runs: readonly Figures[], expected: string): Figures {
  for (const r of runs)
    if (r.summary !== expected) throw new Error(`${label}: the outcomes differ: "${r.summary}" vs "${expected}"`);
  const m = (pick: (f: Figures) => number) => median(runs.map(pick));
  const known = (pick: (f: Figures) => number | undefined) =>
    runs.every((f) => pick(f) !== undefined) ? m((f) => pick(f)!) : undefined;
  return {
    syncs: m((f) => f.syncs),
    ms: m((f) => f.ms),
    longestMs: m((f) => f.longestMs),
    longestCpuMs: known((f) => f.longestCpuMs),
    mainCpuMs: known((f) => f.mainCpuMs),
    cpu: m((f) => f.cpu),
    hostMs: m((f) => f.hostMs),
    summary: expected,
  };
}

const W = 7;
const num = (n: number | undefined): string => (n === undefined ? "—" : Math.round(n).toLocaleString("en-US"));
const pair = (a: number | undefined, b: number | undefined): string => `${num(a).padStart(W)} ${num(b).padStart(W)}`;

function printRow(label: string, w: Figures | undefined, m: Figures | undefined): void {
  console.log(
    `${label.padEnd(44)} ${pair(w?.syncs, m?.syncs)}  ${pair(w?.ms, m?.ms)}  ${pair(w?.longestMs, m?.longestMs)}  ${pair(w?.longestCpuMs, m?.longestCpuMs)}  ${pair(w?.mainCpuMs, m?.mainCpuMs)}  ${pair(w?.hostMs, m?.hostMs)}`,
  );
}

const loadAverage = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(", ");

function printHeader(): void {
  const head = (t: string) => t.padEnd(2 * W + 1);
  const longest = "longest main-thread task".padEnd(4 * W + 4);
  console.log(`${"".padEnd(44)} ${head("")}  ${head("")}  ${longest}  ${head("main thread")}  ${head("of which")}`);
  console.log(
    `${"operation".padEnd(44)} ${head("syncs")}  ${head("wall ms")}  ${head("wall ms")}  ${head("CPU ms")}  ${head("CPU ms")}  ${head("fake host ms")}`,
  );
  const sub = `${"worker".padStart(W)} ${"main".padStart(W)}`;
  console.log(`${"".padEnd(44)} ${sub}  ${sub}  ${sub}  ${sub}  ${sub}  ${sub}`);
}

/** Runs both modes `runs` times each, alternately, and prints the medians for one workbook. */
async function benchSize(label: string, snapshot: WorkbookSnapshot, ledgerRows: number, runs: number): Promise<void> {
  const loadBefore = loadAverage();
  const all: Record<Mode, Run[]> = { worker: [], main: [] };
  for (let k = 0; k < runs; k++)
    for (const mode of ["worker", "main"] as const) all[mode].push(await runMode(snapshot, mode));
  const first = all.main[0]!;
  const pick = (mode: Mode, f: (r: Run) => Figures | undefined, name: string, expected: string) =>
    medianOf(
      name,
      all[mode].map((r) => f(r)!),
      expected,
    );
  console.log(
    `\n${label}: ${ledgerRows.toLocaleString("en-US")} ledger rows; medians of ${runs} run(s) per mode, alternately; load average ${loadBefore} before, ${loadAverage()} after`,
  );
  printHeader();
  const usableLabel = "Time to usable (Close tab: view, sign-offs)";
  printRow(
    usableLabel,
    pick("worker", (r) => r.usable, usableLabel, first.usable.summary),
    pick("main", (r) => r.usable, usableLabel, first.usable.summary),
  );
  const wholeLabel = "Time to usable, pre-#16 tab (whole book)";
  const whole = pick("main", (r) => r.wholeBook, wholeLabel, first.wholeBook!.summary);
  printRow(wholeLabel, undefined, whole);
  const totals: Record<Mode, Figures[]> = { worker: [], main: [] };
  OPS.forEach((op, i) => {
    const w = pick("worker", (r) => r.ops[i], op.label, first.ops[i]!.summary);
    const m = pick("main", (r) => r.ops[i], op.label, first.ops[i]!.summary);
    totals.worker.push(w);
    totals.main.push(m);
    printRow(op.label, w, m);
  });
  const sum = (fs: readonly Figures[]): Figures => ({
    syncs: fs.reduce((n, f) => n + f.syncs, 0),
    ms: fs.reduce((n, f) => n + f.ms, 0),
    longestMs: Math.max(...fs.map((f) => f.longestMs)),
    longestCpuMs: fs.every((f) => f.longestCpuMs !== undefined)
      ? Math.max(...fs.map((f) => f.longestCpuMs!))
      : undefined,
    mainCpuMs: fs.every((f) => f.mainCpuMs !== undefined) ? fs.reduce((n, f) => n + f.mainCpuMs!, 0) : undefined,
    cpu: fs.reduce((n, f) => n + f.cpu, 0),
    hostMs: fs.reduce((n, f) => n + f.hostMs, 0),
    summary: "",
  });
  const [tw, tm] = [sum(totals.worker), sum(totals.main)];
  printRow("operations: total (longest: the max)", tw, tm);
  console.log(
    `CPU seconds of the process (both threads), operations in all: worker ${tw.cpu.toFixed(2)}, main ${tm.cpu.toFixed(2)}; time to usable: worker ${pick("worker", (r) => r.usable, usableLabel, first.usable.summary).cpu.toFixed(2)}, main ${pick("main", (r) => r.usable, usableLabel, first.usable.summary).cpu.toFixed(2)}, pre-#16 tab ${whole.cpu.toFixed(2)}`,
  );
  console.log(
    `The worker thread's start (new Worker to its "ready": loading dist-cli/paneWorker.js), in its time to usable: ${median(all.worker.map((r) => r.startMs)).toFixed(0)} ms (the pane starts it while its bundle parses, paneBoot.ts)`,
  );
  console.log("Outcomes (the same in both modes and every run):");
  console.log(`  ${usableLabel}: ${first.usable.summary}; pre-#16 tab: ${first.wholeBook!.summary}`);
  OPS.forEach((op, i) => console.log(`  ${op.label}: ${first.ops[i]!.summary}`));
}

export async function paneResponsiveBench(
  sizes: readonly { readonly label: string; readonly extraLines: number; readonly runs: number }[],
): Promise<void> {
  console.log(
    "\nPane responsiveness (issue #16) on the fake Excel host: the command map in a worker thread (worker: the pane now) or on the main thread (main: before #16, remoteCommands' fallback), the read cache on in both",
  );
  // native hashing on both threads, as the pane has Web Crypto on both (the worker installs its own)
  const hashing = installSha256(nodeSha256);
  trips = fakeRoundTrips();
  registerStepRefs();
  try {
    for (const size of sizes) {
      const { snapshot, ledgerRows } = await startingWorkbook(size.extraLines);
      await benchSize(size.label, snapshot, ledgerRows, size.runs);
    }
  } finally {
    installSha256(hashing);
    trips.restore();
    trips = undefined;
  }
  console.log(
    [
      "Time to usable: from a fresh pane (worker thread started, new adapter over the host holding the workbook) to the Close tab's data; the pane's bundle parse and React render are not in it.",
      "Pre-#16 tab: the Close tab before #16 read the whole book (ledger included) at boot and computed its view on the main thread; that read on today's code.",
      "Longest main-thread task: the longest stretch the main thread's event loop did not turn (a 1 ms ticker), in wall time (a loaded machine's wait for a core included) and in the main thread's own CPU time over that stretch (Linux schedstat).",
      "Each run's worker thread is new, its code cold, as the pane's is; on the main thread the code is warm after the process's first run (in the pane it is cold too).",
      "Each fake sync yields a turn of the event loop first, as an Excel round trip does (fakeRoundTrips.ts); the host's answer itself (fake host ms) runs on that main thread in Node, in Excel's process in Excel: the main-thread figures are upper bounds for the pane.",
    ].join("\n"),
  );
}
