/**
 * An exclusive lock on a workbook for the whole of one CLI command, so two
 * commands on the same file cannot both read it, change it and save (the
 * second save would silently drop the first one's change). The lock is a file
 * next to the workbook, ".<name>.closebook-lock", created exclusively, holding
 * who took it: process id, host, user and time. A lock whose process is gone
 * (same host) or that is older than `staleMs` (default 15 minutes) is stale:
 * it is taken over, and the caller is told.
 *
 * Example: const lock = await acquireLock("/books/acme.xlsx", "bob");
 *   → writes /books/.acme.xlsx.closebook-lock {"pid":4242,"host":"pc1","user":"bob","at":"2026-04-05T09:00:00.000Z"}
 *   a second acquireLock on it throws FileLockedError "… is in use by bob (process 4242 on pc1) since …"
 *   await lock.release();
 */
import { promises as fs } from "node:fs";
import { hostname } from "node:os";
import * as path from "node:path";

export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly user: string;
  readonly at: string;
}

export class FileLockedError extends Error {
  override readonly name = "FileLockedError";
  constructor(
    readonly file: string,
    readonly owner: LockOwner | undefined,
  ) {
    super(
      `${file} is in use by another Closebook command${owner ? ` (${owner.user || "unknown user"}, process ${owner.pid} on ${owner.host}, since ${owner.at})` : ""}; try again when it has finished. If no command is running, delete ${lockPathFor(file)}.`,
    );
  }
}

export interface FileLock {
  readonly path: string;
  /** set when a stale lock was taken over */
  readonly tookOver?: LockOwner;
  release(): Promise<void>;
}

export function lockPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.closebook-lock`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readOwner(lockPath: string): Promise<LockOwner | undefined> {
  try {
    const o = JSON.parse(await fs.readFile(lockPath, "utf8")) as LockOwner;
    return typeof o.pid === "number" && typeof o.at === "string" ? o : undefined;
  } catch {
    return undefined;
  }
}

export function isStale(owner: LockOwner | undefined, now: number, staleMs: number): boolean {
  if (!owner) return false; // being written, or unreadable: not ours to take
  if (owner.host === hostname() && owner.pid !== process.pid && !alive(owner.pid)) return true;
  const at = Date.parse(owner.at);
  return Number.isNaN(at) || now - at > staleMs;
}

export async function acquireLock(
  file: string,
  user: string,
  options: { staleMs?: number; now?: () => number } = {},
): Promise<FileLock> {
  const lockPath = lockPathFor(file);
  const staleMs = options.staleMs ?? 15 * 60_000;
  const now = options.now ?? Date.now;
  const me: LockOwner = { pid: process.pid, host: hostname(), user, at: new Date(now()).toISOString() };
  let tookOver: LockOwner | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const h = await fs.open(lockPath, "wx", 0o644);
      try {
        await h.writeFile(JSON.stringify(me));
      } finally {
        await h.close();
      }
      let released = false;
      return {
        path: lockPath,
        ...(tookOver ? { tookOver } : {}),
        release: async () => {
          if (released) return;
          released = true;
          const o = await readOwner(lockPath);
          if (o && o.pid === me.pid && o.at === me.at && o.host === me.host) await fs.rm(lockPath, { force: true });
        },
      };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // a directory we may not write to: no lock can be taken, and no save could happen either (reading goes on)
      if (code === "EACCES" || code === "EPERM" || code === "EROFS")
        return { path: lockPath, release: async () => undefined };
      if (code !== "EEXIST") throw e;
      const owner = await readOwner(lockPath);
      if (attempt === 0 && isStale(owner, now(), staleMs)) {
        tookOver = owner;
        await fs.rm(lockPath, { force: true });
        continue;
      }
      throw new FileLockedError(file, owner);
    }
  }
  throw new FileLockedError(file, await readOwner(lockPath));
}
