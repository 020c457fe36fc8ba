/**
 * Atomic file replacement: write the bytes to a temporary file in the target's
 * directory, flush it to disk, then rename it over the target. A crash or an
 * error at any point leaves either the old file or the new one, never half a
 * file; on error the temporary file is removed. An existing target's
 * permissions are kept, and respected: a read-only target (no write bit) is
 * refused, not replaced. With `expectedSha256`, the rename is refused when the
 * target no longer holds the bytes that were read (another program saved it
 * meanwhile), so that change is not silently lost.
 *
 * Example: await writeFileAtomic("/books/acme.xlsx", buffer)
 *   writes "/books/.acme.xlsx.<pid>.<random>.tmp", fsyncs, renames it to acme.xlsx.
 */
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, promises as fs } from "node:fs";
import * as path from "node:path";

export function tempPathFor(target: string): string {
  const dir = path.dirname(target);
  return path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/** A save refused to protect the file: it is read-only, or it changed since it was read. */
export class FileGuardError extends Error {
  override readonly name = "FileGuardError";
  constructor(
    readonly reason: "read-only" | "changed",
    readonly file: string,
  ) {
    super(
      reason === "read-only"
        ? `${file} is read-only; Closebook does not replace it. Nothing was saved: make it writable (or save under another name) and run the command again.`
        : `${file} was changed by another program since this command read it; nothing was saved, so that change is kept. Run the command again.`,
    );
  }
}

/** The hash of `data`, whole or in pieces laid end to end. */
export function sha256Of(data: Uint8Array | readonly Uint8Array[]): string {
  const h = createHash("sha256");
  for (const piece of data instanceof Uint8Array ? [data] : data) h.update(piece);
  return h.digest("hex");
}

/** `data` whole, or in pieces written one after the other (a large package: streamAppend.ts). */
export async function writeFileAtomic(
  target: string,
  data: Uint8Array | readonly Uint8Array[],
  options: { expectedSha256?: string } = {},
): Promise<void> {
  const tmp = tempPathFor(target);
  let mode: number | undefined;
  try {
    mode = (await fs.stat(target)).mode & 0o7777;
  } catch {
    mode = undefined; // no existing file
  }
  if (mode !== undefined && (mode & 0o222) === 0) throw new FileGuardError("read-only", target);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, "wx", mode ?? 0o666);
    // writeFile on a handle writes from its position: the pieces follow one another
    for (const piece of data instanceof Uint8Array ? [data] : data) await handle.writeFile(piece);
    if (mode !== undefined) await handle.chmod(mode);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (options.expectedSha256 !== undefined) {
      const now = await fileSha256(target).catch(() => undefined);
      if (now !== options.expectedSha256) throw new FileGuardError("changed", target);
    }
    await fs.rename(tmp, target);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
  await syncDirectory(path.dirname(target));
}

/** The hash of a file, read a piece at a time (a large workbook is not read whole to be checked). */
async function fileSha256(file: string): Promise<string> {
  const h = createHash("sha256");
  for await (const piece of createReadStream(file, { highWaterMark: 1 << 20 })) h.update(piece as Buffer);
  return h.digest("hex");
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
