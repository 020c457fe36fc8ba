/**
 * What a long task was doing (E2E_PROFILE=1): Chromium's sampling CPU profiler over the page's main thread (the
 * preview page and the pane's same-origin frame share it) for the whole run; at the end every busy stretch (samples
 * not idle, back to back) longer than the limit is printed with where it ran (the pane's bundle and chunks, or the
 * preview page's) and the functions it spent its time in: the heaviest by self time and the source modules by
 * inclusive time (a development build's bundle names its modules, `/***\/ "./src/…"`, so a sample's line says its
 * module).
 *
 * Example: E2E_PROFILE=1 E2E_ONLY=responsive npm run test:e2e →
 *   "    busy 312 ms at +41.2 s (pane): self decode 120 ms (src/taskpane/worker/wire.ts) … | modules src/taskpane/worker/wire.ts 180 ms …"
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CDPSession, Page } from "playwright-core";

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly parent?: number;
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface Profiling {
  stop(limitMs: number): Promise<string[]>;
}

/** Starts the profiler on `page` (its frames share one main thread); `stop` prints the stretches over the limit. */
export async function startProfile(page: Page, root = "dist-preview"): Promise<Profiling> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 1000 });
  const wallStart = Date.now();
  await cdp.send("Profiler.start");
  return {
    async stop(limitMs) {
      const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: Profile };
      await cdp.detach().catch(() => undefined);
      return busyStretches(profile, limitMs, wallStart, moduleOf(root));
    },
  };
}

/** Bundle line → module path, from a development bundle's `/***\/ "./path"` headers (cached per file). */
function moduleOf(root: string): (url: string, line: number) => string {
  const files = new Map<string, { lines: number[]; names: string[] }>();
  return (url, line) => {
    const file = url.replace(/^https?:\/\/[^/]+\//, "").replace(/[?#].*$/, "");
    if (!file.endsWith(".js")) return file || "(native)";
    let index = files.get(file);
    if (!index) {
      index = { lines: [], names: [] };
      const path = join(root, file);
      if (existsSync(path))
        readFileSync(path, "utf8")
          .split("\n")
          .forEach((text, n) => {
            const m = /^\/\*\*\*\/ "(.+)":?/.exec(text);
            if (m) {
              index!.lines.push(n);
              index!.names.push(m[1]!.replace(/^\.\//, ""));
            }
          });
      files.set(file, index);
    }
    let lo = 0;
    let hi = index.lines.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (index.lines[mid]! <= line) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const name = found >= 0 ? index.names[found]! : "(bundle)";
    return name.replace(/^node_modules\/((?:@[^/]+\/)?[^/]+)\/.*$/, "$1");
  };
}

const IDLE = new Set(["(idle)"]);

function top(map: Map<string, number>, n: number): string {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => `${k} ${Math.round(us / 1000)} ms`)
    .join(", ");
}

function busyStretches(
  profile: Profile,
  limitMs: number,
  wallStart: number,
  moduleAt: (url: string, line: number) => string,
): string[] {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const out: string[] = [];
  let t = profile.startTime;
  let stretch: { start: number; us: number; samples: [number, number][] } | undefined;
  const flush = () => {
    if (stretch && stretch.us / 1000 > limitMs) out.push(describe(stretch));
    stretch = undefined;
  };
  const describe = (s: NonNullable<typeof stretch>): string => {
    const self = new Map<string, number>();
    const modules = new Map<string, number>();
    let pane = 0;
    let page = 0;
    for (const [id, us] of s.samples) {
      const n = nodes.get(id)!;
      const f = n.callFrame;
      const where = f.url ? moduleAt(f.url, f.lineNumber) : "";
      self.set(
        `${f.functionName || "(anonymous)"}${where ? ` [${where}]` : ""}`,
        (self.get(`${f.functionName || "(anonymous)"}${where ? ` [${where}]` : ""}`) ?? 0) + us,
      );
      const seen = new Set<string>();
      let bundle = "";
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const c = nodes.get(at)!.callFrame;
        if (!c.url) continue;
        if (!bundle) bundle = c.url;
        const m = moduleAt(c.url, c.lineNumber);
        if (m.startsWith("src/") && !seen.has(m)) {
          seen.add(m);
          modules.set(m, (modules.get(m) ?? 0) + us);
        }
      }
      if (/\/preview\.js/.test(bundle)) page += us;
      else if (bundle) pane += us;
    }
    const at = ((s.start - profile.startTime) / 1e6 + 0).toFixed(1);
    const frame = pane > page ? "pane" : page > 0 ? "page" : "native";
    return `    busy ${Math.round(s.us / 1000)} ms at +${at} s (${new Date(wallStart + (s.start - profile.startTime) / 1000).toISOString().slice(11, 23)}, ${frame}: pane JS ${Math.round(pane / 1000)} ms, page JS ${Math.round(page / 1000)} ms)\n      self: ${top(self, 6)}\n      modules: ${top(modules, 8)}`;
  };
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    t += profile.timeDeltas[i] ?? 0;
    const name = nodes.get(id)?.callFrame.functionName ?? "";
    if (IDLE.has(name)) return flush();
    stretch ??= { start: t, us: 0, samples: [] };
    stretch.us += dt;
    stretch.samples.push([id, dt]);
  });
  flush();
  return out;
}
