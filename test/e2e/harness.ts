/**
 * A small end-to-end runner: starts `closebook preview --port 0`, launches
 * Debian's Chromium through playwright-core, runs the scenarios in order (each
 * later one builds on the earlier ones, as an accountant's session does),
 * saves a screenshot after every test (and on failure) to test-artifacts/e2e/,
 * and prints "e2e: N passed, N failed". Kept out of jest on purpose
 * (engineering/excel-addin.md §3.5).
 *
 * Example: node dist-cli/e2e.js → "  ✓ the preview opens the demo workbook (3.1 s)" … "e2e: 9 passed, 0 failed"
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

export const ARTIFACTS = join(process.cwd(), "test-artifacts", "e2e");

/** Debian's chromium (CHROMIUM_PATH overrides). */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      return execFileSync("which", [name], { encoding: "utf8" }).trim();
    } catch {
      // try the next name
    }
  }
  throw new Error("No chromium found: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.");
}

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Starts the preview server on a free port; resolves its URL once it prints it. */
export function startPreview(): Promise<{ url: string; server: ChildProcess }> {
  const server = spawn(process.execPath, ["bin/closebook.js", "preview", "--port", "0"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the preview server did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, server });
      }
    };
    server.stdout.on("data", onData);
    server.stderr.on("data", onData);
    server.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the preview server exited (${code}):\n${output}`));
    });
  });
}

/** [start ms, test name] of every test run so far: a long task is printed with the test it ran in */
export const TEST_TIMELINE: [number, string][] = [];

export interface E2eTest {
  readonly name: string;
  readonly run: (page: Page) => Promise<void>;
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
}

/** Runs the tests in order on one page; a failed test does not stop the rest unless `stopOnFailure`. */
export async function runTests(
  tests: readonly E2eTest[],
  page: Page,
  options: { stopOnFailure?: boolean } = {},
): Promise<{ passed: number; failed: number }> {
  let passed = 0;
  let failed = 0;
  for (const [n, t] of tests.entries()) {
    const started = Date.now();
    TEST_TIMELINE.push([started, t.name]);
    const shot = join(ARTIFACTS, `${String(n + 1).padStart(2, "0")}-${slug(t.name)}.png`);
    try {
      await t.run(page);
      passed++;
      console.log(`  ✓ ${t.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (e) {
      failed++;
      console.log(
        `  ✗ ${t.name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n    ${(e instanceof Error ? e.message : String(e)).split("\n").join("\n    ")}`,
      );
    }
    await page.screenshot({ path: shot, fullPage: false }).catch(() => undefined);
    if (failed && options.stopOnFailure) break;
  }
  return { passed, failed };
}

export async function withBrowser<T>(work: (browser: Browser) => Promise<T>): Promise<T> {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS, headless: true });
  // every context observes long tasks in every frame from its first script on (longTasks reads them)
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await context.addInitScript(LONG_TASK_OBSERVER);
    return context;
  };
  try {
    return await work(browser);
  } finally {
    await browser.close();
  }
}

/**
 * Installed in every frame (the preview page and the pane's frame, also a pane frame that replaces the first):
 * a PerformanceObserver of 'longtask' entries pushing [absolute start ms, duration ms, observing frame,
 * attribution name] into the top page's `__closebookLongTasks` (same origin), so a replaced frame's tasks are
 * kept. The attribution name ("self", "same-origin-descendant", "same-origin-ancestor", …) says which frame the
 * task ran in, as seen from the observing frame (culprit()).
 */
const LONG_TASK_OBSERVER = `(() => {
  let sink;
  try { sink = window.top.__closebookLongTasks ??= []; } catch { sink = window.__closebookLongTasks ??= []; }
  const where = window === window.top ? "page" : "pane";
  // each frame's loading (its scripts parsed and run, up to DOMContentLoaded): [frame, start ms, end ms]
  let loads;
  try { loads = window.top.__closebookLoads ??= []; } catch { loads = window.__closebookLoads ??= []; }
  document.addEventListener("DOMContentLoaded", () =>
    loads.push([where, performance.timeOrigin, performance.timeOrigin + performance.now()]));
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) sink.push([performance.timeOrigin + e.startTime, e.duration, where, e.name]);
    }).observe({ type: "longtask", buffered: true });
  } catch { /* no long-task API: nothing recorded */ }
  // the pane's marks (useOperation, useWorkbookRead, remoteCommands: "closebook:op Posting journals", …): what ran
  let marks;
  try { marks = window.top.__closebookMarks ??= []; } catch { marks = window.__closebookMarks ??= []; }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        if (e.name.startsWith("closebook:")) marks.push([performance.timeOrigin + e.startTime, e.name.slice(10)]);
    }).observe({ type: "mark", buffered: true });
  } catch { /* no marks recorded */ }
})();`;

/**
 * The frame a long task ran in: "pane", "page" (the preview page: the fake Excel host), "both" when unknown,
 * "pane-loading" for the pane's frame while it loads (its bundle parsed and run, before DOMContentLoaded).
 */
export type TaskFrame = "pane" | "page" | "both" | "pane-loading";

/** The frame a task ran in, from the observing frame and the entry's attribution name. */
export function culprit(observer: string, name: string | undefined): TaskFrame {
  const other = observer === "page" ? "pane" : "page";
  if (name === "self") return observer === "page" ? "page" : "pane";
  if (name === "same-origin-descendant" && observer === "page") return "pane";
  if (name === "same-origin-ancestor" && observer === "pane") return "page";
  return name === "same-origin" ? other : "both";
}

export interface LongTasks {
  readonly count: number;
  /** longest task in ms, 0 without any */
  readonly longest: number;
  /** tasks over `limit` ms, longest first: [duration ms, frame, the test and the pane's last mark before its end] */
  readonly over: readonly (readonly [number, TaskFrame, string])[];
  /** the same per frame the task ran in */
  readonly byFrame: Readonly<Record<TaskFrame, { count: number; longest: number; over: number }>>;
}

export async function longTasks(page: Page, limit = 200, since = 0): Promise<LongTasks> {
  const [raw, loads, marks] = await page.evaluate(() => {
    const w = window as unknown as {
      __closebookLongTasks?: [number, number, string, string?][];
      __closebookLoads?: [string, number, number][];
      __closebookMarks?: [number, string][];
    };
    return [w.__closebookLongTasks ?? [], w.__closebookLoads ?? [], w.__closebookMarks ?? []] as const;
  });
  const during = (start: number, duration: number): string => {
    const test = TEST_TIMELINE.filter(([t]) => t <= start).pop()?.[1] ?? "";
    const mark = marks.filter(([t]) => t <= start + duration).pop();
    const ago = mark ? Math.round(start - mark[0]) : 0;
    return [test && `in "${test.slice(0, 60)}"`, mark && `after "${mark[1]}" (${ago} ms before)`]
      .filter(Boolean)
      .join(", ");
  };
  const paneLoading = (start: number) => loads.some(([f, from, to]) => f === "pane" && start >= from && start <= to);
  // one task seen by both frames: kept once, under the frame an attribution names ("both" only when none does)
  const seen = new Map<number, [number, TaskFrame, number]>();
  for (const [start, duration, where, name] of raw) {
    if (start < since) continue;
    const key = Math.round(start / 4);
    const found = culprit(where, name);
    const frame: TaskFrame = found === "pane" && paneLoading(start) ? "pane-loading" : found;
    const had = seen.get(key);
    if (!had) seen.set(key, [duration, frame, start]);
    else seen.set(key, [Math.max(had[0], duration), had[1] === "both" ? frame : had[1], start]);
  }
  const all = [...seen.values()].sort((a, b) => b[0] - a[0]);
  const byFrame: Record<TaskFrame, { count: number; longest: number; over: number }> = {
    "pane-loading": { count: 0, longest: 0, over: 0 },
    pane: { count: 0, longest: 0, over: 0 },
    page: { count: 0, longest: 0, over: 0 },
    both: { count: 0, longest: 0, over: 0 },
  };
  for (const [d, frame] of all) {
    const f = byFrame[frame];
    f.count++;
    f.longest = Math.max(f.longest, d);
    if (d > limit) f.over++;
  }
  const over = all.filter(([d]) => d > limit).map(([d, f, start]) => [d, f, during(start, d)] as const);
  return { count: all.length, longest: all[0]?.[0] ?? 0, over, byFrame };
}
