/**
 * The demo year as a cached fixture: each variant is built once per version of
 * the sources (a SHA-256 of src/, this file, test/support/cli.ts and the lock
 * file names a folder under the temp dir; sourceKey.ts, worked out once per jest
 * run) by whichever suite asks first; the others wait for it and get their own
 * fresh copy. A second `npm test` on unchanged sources builds nothing.
 *
 * Example: `const { wb, result } = await demoMemory("feb")` → a new MemoryWorkbook
 * holding the demo posted and closed through 2026-02-28 (clock 2026-03-05),
 * restored from the snapshot of the one run, report sheets included; and
 * `await demoXlsx("noPost", join(dir, "demo.xlsx"))` copies the workbook
 * `closebook demo FILE --no-post` wrote and returns what that command printed.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { runDemo } from "../../src/app/demo/runDemo";
import { parseSnapshot, restoreSnapshot, snapshotOf } from "../../src/app/snapshot";
import type { Issue } from "../../src/core/issues/issue";
import { fixedClock } from "../../src/ports/clock";
import { cli, type CliRun } from "./cli";
import { computeSourceKey } from "./sourceKey";

/** The in-memory variants: runDemo through a date with a fixed clock. */
const MEMORY = {
  /** January and February posted, closed and held */
  feb: { through: "2026-02-28", clock: "2026-03-05T09:00:00.000Z" },
  /** the whole of 2026 closed, sealed and the year closed into FY2027 */
  year: { through: "2026-12-31", clock: "2027-01-10T09:00:00.000Z" },
} as const;

/** The CLI variants: `closebook demo FILE [args]` through test/support/cli.ts (its fixed clock). */
const XLSX = {
  noPost: ["--no-post"],
  full: [],
} as const;

export type MemoryDemo = keyof typeof MEMORY;
export type XlsxDemo = keyof typeof XLSX;

/** What the suites check of runDemo's result (kept beside the snapshot). */
export interface DemoSummary {
  readonly issues: Issue[];
  readonly yearClosed?: string;
  readonly held: string[];
}

let key: string | undefined;
/** The hash of everything a demo workbook depends on: the run's (globalSetup.ts), else this suite's. */
function sourceKey(): string {
  key ??= process.env.CLOSEBOOK_DEMO_KEY || computeSourceKey();
  return key;
}

function cacheDir(): string {
  const base = join(tmpdir(), "closebook-demo-fixture");
  const dir = join(base, sourceKey());
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    // forget versions of the sources made more than two hours ago (no test run lasts that long)
    for (const old of readdirSync(base)) {
      const p = join(base, old);
      if (p !== dir && Date.now() - statSync(p).mtimeMs > 7_200_000) rmSync(p, { recursive: true, force: true });
    }
  }
  return dir;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The cached folder `name`, built by `build(tmp)` once: the first caller takes a lock
 * (mkdir is atomic), builds into a temp folder and renames it into place; the others
 * wait for it. A lock older than five minutes (a killed run) is taken over.
 */
async function cached(name: string, build: (dir: string) => Promise<void>): Promise<string> {
  const dir = cacheDir();
  const done = join(dir, name);
  const lock = join(dir, `${name}.lock`);
  for (;;) {
    if (existsSync(done)) return done;
    try {
      mkdirSync(lock);
    } catch {
      let age = 0;
      try {
        age = Date.now() - statSync(lock).mtimeMs;
      } catch {
        continue; // released just now
      }
      if (age > 300_000) rmSync(lock, { recursive: true, force: true });
      else await sleep(200);
      continue;
    }
    try {
      if (existsSync(done)) return done;
      const tmp = mkdtempSync(join(dir, `${name}.tmp-`));
      await build(tmp);
      renameSync(tmp, done);
      return done;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** A fresh MemoryWorkbook holding the demo variant (tables, protection and report sheets), and runDemo's summary. */
export async function demoMemory(variant: MemoryDemo): Promise<{ wb: MemoryWorkbook; result: DemoSummary }> {
  const dir = await cached(`memory-${variant}`, async (tmp) => {
    const { through, clock } = MEMORY[variant];
    const wb = new MemoryWorkbook();
    const r = await runDemo(wb, { through, post: true, clock: fixedClock(clock) });
    const summary: DemoSummary = {
      issues: r.issues,
      held: r.held,
      ...(r.yearClosed ? { yearClosed: r.yearClosed } : {}),
    };
    writeFileSync(join(tmp, "snapshot.json"), JSON.stringify(await snapshotOf(wb, { reports: wb.reports() })));
    writeFileSync(join(tmp, "result.json"), JSON.stringify(summary));
  });
  const wb = new MemoryWorkbook();
  await restoreSnapshot(wb, parseSnapshot(JSON.parse(readFileSync(join(dir, "snapshot.json"), "utf8"))));
  return { wb, result: JSON.parse(readFileSync(join(dir, "result.json"), "utf8")) as DemoSummary };
}

/**
 * Copies what `closebook demo FILE …` wrote for the variant to `file` (and any file it wrote beside it,
 * "demo-x.xlsx" → "<file's name>-x.xlsx"); returns what the command printed.
 */
export async function demoXlsx(variant: XlsxDemo, file: string): Promise<CliRun> {
  const dir = await cached(`xlsx-${variant}`, async (tmp) => {
    const out = join(tmp, "out");
    mkdirSync(out);
    const run = await cli("demo", join(out, "demo.xlsx"), ...XLSX[variant]);
    writeFileSync(join(tmp, "run.json"), JSON.stringify(run));
  });
  const run = JSON.parse(readFileSync(join(dir, "run.json"), "utf8")) as CliRun;
  const name = basename(file, ".xlsx");
  for (const f of readdirSync(join(dir, "out")))
    copyFileSync(join(dir, "out", f), join(dirname(file), f.replace(/^demo/, name)));
  return run;
}
