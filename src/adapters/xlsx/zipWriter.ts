/**
 * Writing a zip package from entries whose compressed bytes are already known:
 * parts copied from the file that was opened keep their deflated bytes, CRC and
 * sizes exactly as they were (ZipPackage.raw), changed parts are deflated here
 * (node:zlib). Local header, data, then the central directory and its end record
 * (PKWARE APPNOTE 4.3.7, 4.3.12, 4.3.16), no data descriptors, no ZIP64: a
 * package past 4 GB or 65,535 parts throws ZipTooLargeError and the caller writes
 * it another way (exceljs). Names are written as the source spelled them (the
 * UTF-8 flag, bit 11, kept).
 *
 * Example: zipPackageBytes([deflatedEntry("a.xml", Buffer.from("<a/>"))])
 *   → a zip that yauzl, JSZip and `unzip -t` read back: a.xml = "<a/>".
 */
import * as zlib from "node:zlib";

export interface ZipOutEntry {
  /** the name's bytes as stored (UTF-8 when `utf8`, else CP437/ASCII) */
  readonly name: Buffer;
  readonly utf8: boolean;
  /** 0 stored, 8 deflated */
  readonly method: 0 | 8;
  readonly crc32: number;
  readonly size: number;
  /** the stored bytes (deflated when method is 8) */
  readonly data: Buffer;
  readonly dosTime: number;
  readonly dosDate: number;
}

/** An entry whose stored bytes are pieces written one after the other (a large part: streamAppend.ts). */
export interface ZipOutPieces extends Omit<ZipOutEntry, "data"> {
  readonly data: readonly Buffer[];
}

export class ZipTooLargeError extends Error {}

const MAX32 = 0xffffffff;

/** A changed part: deflated (level 1: these are large XML parts written on every save), dated now. */
export function deflatedEntry(name: string, content: Buffer, when = new Date()): ZipOutEntry {
  return {
    name: Buffer.from(name, "utf8"),
    utf8: /[^\x20-\x7e]/.test(name),
    method: 8,
    crc32: crc32(content),
    size: content.length,
    data: zlib.deflateRawSync(content, { level: 1 }),
    ...dosDateTime(when),
  };
}

/** XML written a piece at a time: each piece deflated on its own */
const PIECE = 4 * 1024 * 1024;

/**
 * A part written as it is made, deflated a few megabytes at a time: each piece ends with a sync flush (a
 * byte-aligned, non-final block: pigz's way), the last one finishes the stream, so the pieces laid end to end
 * are one deflate stream; checksummed as it goes. Only the compressed part is held (sheetStream.ts,
 * streamAppend.ts, reportPatch.ts). `flush` ends a piece early (a streamed appender's pieces are moved around).
 * Example: const p = new DeflatedPart(); p.write("<a>"); p.write("</a>"); p.entry("a.xml") → a.xml = "<a></a>".
 */
export class DeflatedPart {
  readonly pieces: Buffer[] = [];
  crc = 0;
  size = 0;
  private pending: Buffer[] = [];
  private pendingSize = 0;

  write(data: Buffer | string): void {
    const b = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    if (b.length === 0) return;
    this.crc = crc32(b, this.crc);
    this.size += b.length;
    this.pending.push(b);
    this.pendingSize += b.length;
    if (this.pendingSize >= PIECE) this.flush();
  }

  /** The pending bytes deflated as a piece that does not end the stream. */
  flush(): void {
    if (this.pendingSize > 0) this.deflatePending(false);
  }

  /** The stream finished (call once, last). */
  end(): void {
    this.deflatePending(true);
  }

  /** The finished part as a zip entry. */
  entry(name: string, when = new Date()): ZipOutPieces {
    return { ...deflatedEntry(name, Buffer.alloc(0), when), crc32: this.crc, size: this.size, data: this.pieces };
  }

  private deflatePending(last: boolean): void {
    const input = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    this.pending = [];
    this.pendingSize = 0;
    this.pieces.push(
      zlib.deflateRawSync(input, last ? { level: 1 } : { level: 1, finishFlush: zlib.constants.Z_SYNC_FLUSH }),
    );
  }
}

export function zipPackageBytes(entries: readonly ZipOutEntry[]): Buffer {
  return Buffer.concat(zipPackageChunks(entries));
}

function dataLength(data: Buffer | readonly Buffer[]): number {
  return Buffer.isBuffer(data) ? data.length : data.reduce((n, b) => n + b.length, 0);
}

/** The package as the pieces zipPackageBytes joins (a large package is written to a file piece by piece). */
export function zipPackageChunks(entries: readonly (ZipOutEntry | ZipOutPieces)[]): Buffer[] {
  if (entries.length > 0xffff)
    throw new ZipTooLargeError(`${entries.length} parts: more than a zip without ZIP64 holds`);
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const stored = dataLength(e.data);
    if (e.size > MAX32 || stored > MAX32 || offset > MAX32)
      throw new ZipTooLargeError("a part or the package is larger than 4 GB");
    const flag = e.utf8 ? 0x800 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(flag, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(e.dosTime, 10);
    local.writeUInt16LE(e.dosDate, 12);
    local.writeUInt32LE(e.crc32 >>> 0, 14);
    local.writeUInt32LE(stored, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(e.name.length, 26);
    local.writeUInt16LE(0, 28);
    chunks.push(local, e.name, ...(Buffer.isBuffer(e.data) ? [e.data] : e.data));

    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4); // made by: MS-DOS, 2.0
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(flag, 8);
    dir.writeUInt16LE(e.method, 10);
    dir.writeUInt16LE(e.dosTime, 12);
    dir.writeUInt16LE(e.dosDate, 14);
    dir.writeUInt32LE(e.crc32 >>> 0, 16);
    dir.writeUInt32LE(stored, 20);
    dir.writeUInt32LE(e.size, 24);
    dir.writeUInt16LE(e.name.length, 28);
    // extra, comment, disk, internal and external attributes: 0
    dir.writeUInt32LE(offset, 42);
    central.push(dir, e.name);
    offset += 30 + e.name.length + stored;
  }
  const dirSize = central.reduce((n, b) => n + b.length, 0);
  if (offset > MAX32 || offset + dirSize > MAX32) throw new ZipTooLargeError("the package is larger than 4 GB");
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return [...chunks, ...central, end];
}

function dosDateTime(d: Date): { dosTime: number; dosDate: number } {
  const year = Math.max(1980, d.getFullYear());
  return {
    dosTime: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    dosDate: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

let table: Int32Array | undefined;

function crcTable(): Int32Array {
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  return table;
}

/** CRC-32 (IEEE), continuing from `initial` (the CRC of the bytes before): node:zlib's where Node has it (20.15+), else a table-driven one. */
export function crc32(data: Buffer, initial = 0): number {
  const native = (zlib as unknown as { crc32?: (d: Buffer, v?: number) => number }).crc32;
  if (native) return native(data, initial >>> 0) >>> 0;
  const t = crcTable();
  let c = ~initial;
  for (let i = 0; i < data.length; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

let byTopByte: Uint8Array | undefined;

/**
 * The CRC-32 of a from crc(a‖b) and b: crc32's steps undone from b's last byte back (each table entry's top
 * byte is distinct, so the entry a step used is known from the register after it), for a part whose tail
 * is replaced without reading the bytes before it (deflatedAppend.ts).
 * Example: crc32Unappend(crc32(Buffer.from("abc")), Buffer.from("c")) === crc32(Buffer.from("ab")).
 */
export function crc32Unappend(crc: number, b: Buffer): number {
  const t = crcTable();
  if (!byTopByte) {
    byTopByte = new Uint8Array(256);
    for (let n = 0; n < 256; n++) byTopByte[t[n]! >>> 24] = n;
  }
  let c = ~crc >>> 0;
  for (let i = b.length - 1; i >= 0; i--) {
    const n = byTopByte[c >>> 24]!;
    c = ((((c ^ t[n]!) >>> 0) << 8) | (n ^ b[i]!)) >>> 0;
  }
  return ~c >>> 0;
}

/**
 * The CRC-32 of a‖b from crc(a), crc(b) and b's length (zlib's crc32_combine: b's CRC register
 * shifted by len2 zero bytes, as GF(2) matrices squared per bit of len2), so a part can be
 * checksummed in pieces written in another order than they are stored (streamAppend.ts).
 * Example: crc32Combine(crc32(Buffer.from("ab")), crc32(Buffer.from("c")), 1) === crc32(Buffer.from("abc")).
 */
export function crc32Combine(crc1: number, crc2: number, len2: number): number {
  if (len2 <= 0) return crc1 >>> 0;
  const times = (mat: Uint32Array, vec: number): number => {
    let sum = 0;
    for (let i = 0; vec !== 0; i++, vec >>>= 1) if (vec & 1) sum ^= mat[i]!;
    return sum >>> 0;
  };
  const square = (out: Uint32Array, mat: Uint32Array): void => {
    for (let n = 0; n < 32; n++) out[n] = times(mat, mat[n]!);
  };
  const even = new Uint32Array(32);
  const odd = new Uint32Array(32);
  odd[0] = 0xedb88320; // the operator for one zero bit
  for (let n = 1, row = 1; n < 32; n++, row = (row << 1) >>> 0) odd[n] = row;
  square(even, odd); // two zero bits
  square(odd, even); // four zero bits
  let crc = crc1 >>> 0;
  let len = len2;
  for (;;) {
    square(even, odd);
    if (len % 2 === 1) crc = times(even, crc);
    len = Math.floor(len / 2);
    if (len === 0) break;
    square(odd, even);
    if (len % 2 === 1) crc = times(odd, crc);
    len = Math.floor(len / 2);
    if (len === 0) break;
  }
  return (crc ^ crc2) >>> 0;
}
