/**
 * The parts of an .xlsx package read through yauzl (the zip library; inflation
 * by node:zlib): the central directory once, then any part on demand, whole
 * (`read`) or as a stream of inflated chunks (`chunks`, which a reader may leave
 * early: the rest is never inflated). ZIP64 and stored or deflated entries.
 * Every declared size is checked against its part's cap when the package is
 * opened, and inflating stops with PartTooLargeError once a part passes its cap
 * (partLimits.ts). Names lose a leading "/".
 *
 * Example: const zip = await ZipPackage.fromBuffer(readFileSync("book.xlsx"));
 *   (await zip.read("xl/workbook.xml")).toString("utf8") → '<?xml version="1.0" …<workbook …'
 */
import type { Readable } from "node:stream";
import { createInflateRaw } from "node:zlib";
import * as yauzl from "yauzl";
import { PartTooLargeError, checkDeclaredSize, partCap } from "./partLimits";
import type { ZipOutEntry } from "./zipWriter";

const CHUNK = 256 * 1024;

export class ZipPackage {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: ReadonlyMap<string, yauzl.Entry>,
  ) {}

  static fromBuffer(data: Buffer): Promise<ZipPackage> {
    return new Promise((resolve, reject) => {
      // decodeStrings off: yauzl refuses names it finds unsafe ("/xl/..."), which only name parts here
      yauzl.fromBuffer(data, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (err, zip) => {
        if (err || !zip) return reject(err ?? new Error("not a zip file"));
        const entries = new Map<string, yauzl.Entry>();
        zip.on("entry", (entry: yauzl.Entry) => {
          const raw = entry.fileName as unknown as Buffer;
          const name = raw
            .toString((entry.generalPurposeBitFlag & 0x800) !== 0 ? "utf8" : "latin1")
            .replace(/^\/+/, "");
          if (!name.endsWith("/")) {
            try {
              checkDeclaredSize(name, entry.uncompressedSize);
            } catch (e) {
              zip.close();
              return reject(e);
            }
            entries.set(name, entry);
          }
          zip.readEntry();
        });
        zip.on("end", () => resolve(new ZipPackage(zip, entries)));
        zip.on("error", reject);
        zip.readEntry();
      });
    });
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** A part's name as the package spells it, matched case-insensitively (part names are ASCII case-insensitive in OPC). */
  find(name: string): string | undefined {
    if (this.entries.has(name)) return name;
    const lower = name.toLowerCase();
    return this.names().find((n) => n.toLowerCase() === lower);
  }

  /** A part as stored (its compressed bytes, CRC and sizes), to be copied unchanged into another package (zipWriter.ts). */
  async raw(name: string): Promise<ZipOutEntry> {
    const entry = this.entries.get(name);
    if (!entry) throw new Error(`the package has no part ${name}`);
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
      throw new Error(`zip entry ${name}: compression method ${entry.compressionMethod}`);
    const stream = await this.rawStream(entry, name);
    const parts: Buffer[] = [];
    for await (const chunk of stream) parts.push(chunk as Buffer);
    const utf8 = (entry.generalPurposeBitFlag & 0x800) !== 0;
    return {
      name: Buffer.from(entry.fileName as unknown as Buffer),
      utf8,
      method: entry.compressionMethod,
      crc32: entry.crc32,
      size: entry.uncompressedSize,
      data: Buffer.concat(parts),
      dosTime: entry.lastModFileTime,
      dosDate: entry.lastModFileDate,
    };
  }

  private rawStream(entry: yauzl.Entry, name: string): Promise<Readable> {
    return new Promise<Readable>((resolve, reject) =>
      // a stored entry's bytes are its data (yauzl refuses decompress: false for it)
      this.zip.openReadStream(entry, entry.compressionMethod === 0 ? {} : { decompress: false }, (err, s) =>
        err || !s ? reject(err ?? new Error(`cannot read ${name}`)) : resolve(s),
      ),
    );
  }

  /** The inflated part, whole. */
  async read(name: string): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const chunk of this.chunks(name)) parts.push(chunk);
    return Buffer.concat(parts);
  }

  /** The inflated part, chunk by chunk; breaking out of the loop stops inflating. */
  async *chunks(name: string): AsyncGenerator<Buffer> {
    const entry = this.entries.get(name);
    if (!entry) throw new Error(`the package has no part ${name}`);
    const cap = partCap(name);
    const deflated = entry.compressionMethod === 8;
    if (!deflated && entry.compressionMethod !== 0)
      throw new Error(`zip entry ${name}: compression method ${entry.compressionMethod}`);
    // the raw bytes, inflated here in large chunks (yauzl's own inflater yields 16 KB at a time)
    const raw = await this.rawStream(entry, name);
    const stream: Readable = deflated ? raw.pipe(createInflateRaw({ chunkSize: CHUNK })) : raw;
    if (deflated) raw.on("error", (e) => stream.destroy(e));
    let total = 0;
    try {
      for await (const chunk of stream) {
        total += (chunk as Buffer).length;
        if (total > cap.bytes)
          throw new PartTooLargeError(
            `part ${name} unpacks to more than ${cap.bytes / 2 ** 20} MB though the file declares less; Closebook reads at most ${cap.bytes / 2 ** 20} MB for ${cap.what}.`,
          );
        yield chunk as Buffer;
      }
    } finally {
      stream.destroy();
      raw.destroy();
    }
  }
}
