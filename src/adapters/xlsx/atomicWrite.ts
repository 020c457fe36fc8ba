/**
 * Atomic file replacement: write the bytes to a temporary file in the target's
 * directory, flush it to disk, then rename it over the target. A crash or an
 * error at any point leaves either the old file or the new one, never half a
 * file; on error the temporary file is removed. An existing target's
 * permissions are kept.
 *
 * Example: await writeFileAtomic("/books/acme.xlsx", buffer)
 *   writes "/books/.acme.xlsx.<pid>.<random>.tmp", fsyncs, renames it to acme.xlsx.
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";

export function tempPathFor(target: string): string {
  const dir = path.dirname(target);
  return path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

export async function writeFileAtomic(target: string, data: Uint8Array): Promise<void> {
  const tmp = tempPathFor(target);
  let mode: number | undefined;
  try {
    mode = (await fs.stat(target)).mode & 0o7777;
  } catch {
    mode = undefined; // no existing file
  }
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, "wx", mode ?? 0o666);
    await handle.writeFile(data);
    if (mode !== undefined) await handle.chmod(mode);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(tmp, target);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
  await syncDirectory(path.dirname(target));
}

/** Makes the rename itself durable where the platform allows it (not on Windows). */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, "r");
    await handle.sync();
  } catch {
    // best effort
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
