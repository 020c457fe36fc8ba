/**
 * The main thread's responsiveness during a piece of work, in Node (the pane bench, paneResponsive.ts): a 1 ms
 * ticker on the main thread's event loop; the longest gap between two ticks is the longest stretch the loop did not
 * turn (a synchronous task of 150 ms: a gap of ~150 ms). On a loaded machine a gap also holds the time the thread
 * waited for a core, so on Linux each gap's own CPU time is read too (/proc/self/task/<pid>/schedstat: the main
 * thread's nanoseconds on a CPU, not the worker's): the longest task as CPU time, and the thread's CPU in all.
 *
 * Example: const watch = watchMainThread(); busyFor(120); await pause(20); await watch.stop()
 *   → { longestMs: ~120, longestCpuMs: ~120, cpuMs: ~120 }; an idle await of 100 ms → { longestMs: ~1–2, longestCpuMs: ~0, cpuMs: ~1 }
 */
import { closeSync, openSync, readSync } from "node:fs";

export interface MainThreadFigures {
  /** the longest stretch the event loop did not turn, wall time (ms; ~1–2 when idle: the ticker's own period) */
  readonly longestMs: number;
  /** the most CPU time the main thread spent between two ticks (ms); undefined without /proc */
  readonly longestCpuMs: number | undefined;
  /** the main thread's CPU time in the window (ms); undefined without /proc */
  readonly cpuMs: number | undefined;
}

export interface MainThreadWatch {
  /** ends the window (after one more tick, so a task just before the call is counted) */
  stop(): Promise<MainThreadFigures>;
}

/** The main thread's CPU nanoseconds so far (schedstat's first field), or undefined (not Linux). */
function threadCpu(): { read(): number; close(): void } | undefined {
  let fd: number;
  try {
    fd = openSync(`/proc/self/task/${process.pid}/schedstat`, "r");
  } catch {
    return undefined;
  }
  const buf = Buffer.alloc(128);
  const read = () => Number(buf.toString("latin1", 0, readSync(fd, buf, 0, buf.length, 0)).split(" ")[0]);
  return { read, close: () => closeSync(fd) };
}

export function watchMainThread(): MainThreadWatch {
  const cpu = threadCpu();
  const start = { at: performance.now(), cpu: cpu?.read() ?? 0 };
  let last = { ...start };
  let longestMs = 0;
  let longestCpu = 0;
  const tick = () => {
    const now = { at: performance.now(), cpu: cpu?.read() ?? 0 };
    longestMs = Math.max(longestMs, now.at - last.at);
    longestCpu = Math.max(longestCpu, now.cpu - last.cpu);
    last = now;
  };
  const ticker = setInterval(tick, 1);
  return {
    async stop() {
      // one more tick: a synchronous task that ended just now is counted
      await new Promise((resolve) => setTimeout(resolve, 1));
      tick();
      clearInterval(ticker);
      const cpuMs = cpu ? (last.cpu - start.cpu) / 1e6 : undefined;
      cpu?.close();
      return { longestMs, longestCpuMs: cpu ? longestCpu / 1e6 : undefined, cpuMs };
    },
  };
}
