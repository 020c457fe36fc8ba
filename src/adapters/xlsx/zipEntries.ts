/**
 * The entries of a zip file, read from its central directory, each inflated on
 * demand with node:zlib (native; JSZip's pure-JS inflate is several times
 * slower, and foreignPackage.ts looks into every worksheet of every file it
 * opens). Stored (0) and deflated (8) entries; anything else (ZIP64, other
 * methods, a damaged directory) throws, and the caller falls back to JSZip.
 * A part declared or inflating larger than its cap throws PartTooLargeError (partLimits.ts).
 *
 * Example: zipEntries(readFileSync("book.xlsx")).get("xl/workbook.xml")?.read().toString("utf8")
 *   → '<?xml version="1.0" …<workbook …'
 */
import { checkDeclaredSize, inflateCapped } from "./partLimits";

export interface ZipEntry {
  readonly name: string;
  /** the uncompressed size the zip declares */
  readonly size: number;
  read(): Buffer;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Entries by name (a leading "/" dropped), folders left out. */
export function zipEntries(zip: Buffer): Map<string, ZipEntry> {
  const end = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) throw new Error("ZIP64 archive");
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL) throw new Error("damaged central directory");
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength).replace(/^\/+/, "");
    at += 46 + nameLength + extraLength + commentLength;
    if (method !== 0 && method !== 8) throw new Error(`zip entry ${name}: compression method ${method}`);
    if (compressedSize === 0xffffffff || size === 0xffffffff || local === 0xffffffff) throw new Error("ZIP64 archive");
    if (name.endsWith("/")) continue;
    checkDeclaredSize(name, size);
    entries.set(name, {
      name,
      size,
      read: () => {
        if (zip.readUInt32LE(local) !== LOCAL) throw new Error(`zip entry ${name}: no local header`);
        const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
        const bytes = zip.subarray(start, start + compressedSize);
        return method === 0 ? Buffer.from(bytes) : inflateCapped(name, bytes);
      },
    });
  }
  return entries;
}

function findEndOfCentralDirectory(zip: Buffer): number {
  // the record is 22 bytes plus a comment of at most 65,535
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) return i;
  }
  throw new Error("not a zip file (no end of central directory)");
}
