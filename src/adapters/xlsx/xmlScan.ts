/**
 * Streaming XML for the fast reader: htmlparser2's Tokenizer (xmlMode) over a
 * part's inflated chunks, UTF-8 decoded across chunk boundaries (a chunk may end
 * inside a character, a name or an entity; a leading BOM is dropped). Element
 * names reach the handlers without their namespace prefix ("x:c" → "c"; some
 * writers prefix SpreadsheetML); attributes come one by one (no object per
 * element) with their names as spelt ("r:id"). Text comes in pieces (a handler
 * joins them), CDATA as text; entities are decoded in text and attributes
 * (named and numeric), and line ends normalised as saxes (and so exceljs) does:
 * CR LF and CR become LF in text, tab and line ends a space in attribute values.
 * A close tag that does not match its open tag, or an element left open, fails
 * the scan. `stop()` returning true ends the scan after the current chunk (the
 * rest is never inflated); what is wrong past that point does not matter.
 *
 * Example: await scanXml(zip.chunks("xl/workbook.xml"), { open: (name, a) => name === "sheet" && names.push(a.name) })
 *   → names ["Settings", "Accounts", …]
 *   scanEvents over '<x:c r="A1" t="s"><x:v>3</x:v></x:c>' → open "c", attribute "r" "A1", attribute "t" "s",
 *   openEnd false, open "v", openEnd false, text "3", close "v", close "c"
 */
import { isAscii } from "node:buffer";
import { StringDecoder } from "node:string_decoder";
import type { TokenizerCallbacks } from "htmlparser2";
import { QuoteType, Tokenizer } from "htmlparser2";

/** A part's events, element by element (what the hot path of a sheet scan uses). */
export interface XmlEvents {
  open?(name: string): void;
  attribute?(name: string, value: string): void;
  /** the start tag ended; a self-closing element is closed right after */
  openEnd?(selfClosing: boolean): void;
  text?(text: string): void;
  close?(name: string): void;
}

/** The same with each element's attributes as an object (for the small parts). */
export interface XmlHandlers {
  open?(name: string, attributes: Readonly<Record<string, string>>, selfClosing: boolean): void;
  text?(text: string): void;
  close?(name: string): void;
}

export function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

const noop = (): void => {};

/** "\r\n" and "\r" → "\n" (text) or " " (attribute values, with "\n" and "\t"); `cr` tells that the piece before ended in "\r". */
export function normalise(s: string, attribute: boolean, cr: boolean): string {
  if (cr && s.charCodeAt(0) === 10) s = s.slice(1);
  return attribute ? s.replace(/\r\n?|[\n\t]/g, " ") : s.replace(/\r\n?/g, "\n");
}

/**
 * The text a tokenizer's callbacks point into, by index over the whole part, as its chunks arrive: the chunks
 * not yet consumed are kept, so a name or value that spans chunks can still be cut out (both scans' base: Scan
 * here, SheetTokens in sheetTokens.ts). `consumed` is set by the scan: no section starts before it.
 * Example: write("<a>he"), write("llo</a>") → cur "llo</a>" at curAt 5, textAt(3, 8) = "hello".
 */
export abstract class ChunkWindow {
  abstract readonly tokenizer: Tokenizer;
  /** the chunks not yet consumed: `chunks[0]` starts at `firstAt`; the last (`cur`, at `curAt`) is being tokenized */
  protected readonly chunks: string[] = [];
  protected firstAt = 0;
  protected cur = "";
  protected curAt = 0;
  /** no section starts before this index */
  protected consumed = 0;

  write(s: string): void {
    const chunks = this.chunks;
    while (chunks.length > 0 && this.firstAt + chunks[0]!.length <= this.consumed)
      this.firstAt += chunks.shift()!.length;
    this.curAt += this.cur.length;
    this.cur = s;
    chunks.push(s);
    this.tokenizer.write(s);
  }

  end(): void {
    this.tokenizer.end();
  }

  /** the characters start..end of the part, from the current chunk or across the chunks kept */
  protected textAt(start: number, end: number): string {
    const at = this.curAt;
    if (start >= at) return this.cur.slice(start - at, end - at);
    let out = "";
    let off = this.firstAt;
    for (const c of this.chunks) {
      if (end > off && start < off + c.length) out += c.slice(Math.max(start - off, 0), end - off);
      off += c.length;
    }
    return out;
  }
}

class Scan extends ChunkWindow implements TokenizerCallbacks {
  readonly tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: true }, this);
  failure: Error | undefined;
  private readonly stack: string[] = [];
  private tag = "";
  private attrName = "";
  private attrValue = "";
  /** the last raw text or attribute piece ended in "\r" */
  private cr = false;
  /** the handlers, every one present (called without their object) */
  private readonly h: Required<XmlEvents>;

  constructor(
    h: XmlEvents,
    private readonly stop: () => boolean,
  ) {
    super();
    this.h = {
      open: h.open ?? noop,
      attribute: h.attribute ?? noop,
      openEnd: h.openEnd ?? noop,
      text: h.text ?? noop,
      close: h.close ?? noop,
    };
  }

  /** the section start..end, taken: no later one starts before its end */
  private slice(start: number, end: number): string {
    this.consumed = end;
    return this.textAt(start, end);
  }

  private fail(message: string): void {
    if (this.failure || this.stop()) return; // past the end of what was asked for, the rest of the part does not matter
    this.failure = new Error(message);
    this.tokenizer.pause();
  }

  /** a text or attribute value piece as the tokenizer found it, its line ends normalised */
  private raw(start: number, end: number, attribute: boolean): string {
    const s = this.slice(start, end);
    const cr = this.cr;
    let i = 0;
    while (i < s.length && s.charCodeAt(i) > 13) i++;
    if (i === s.length && !cr) return s; // no tab, CR or LF (the usual case)
    this.cr = s.charCodeAt(s.length - 1) === 13;
    return normalise(s, attribute, cr);
  }

  onopentagname(start: number, end: number): void {
    const name = this.slice(start, end);
    this.cr = false;
    this.tag = name;
    this.stack.push(name);
    this.h.open(name.length > 1 ? localName(name) : name);
  }
  onattribname(start: number, end: number): void {
    this.attrName = this.slice(start, end);
    this.attrValue = "";
    this.cr = false;
  }
  onattribdata(start: number, end: number): void {
    this.attrValue += this.raw(start, end, true);
  }
  onattribentity(codepoint: number): void {
    this.attrValue += String.fromCodePoint(codepoint);
    this.cr = false;
  }
  onattribend(quote: QuoteType): void {
    if (quote === QuoteType.NoValue || quote === QuoteType.Unquoted) this.fail(`attribute ${this.attrName} unquoted`);
    this.h.attribute(this.attrName, this.attrValue);
  }
  onopentagend(): void {
    this.h.openEnd(false);
  }
  onselfclosingtag(): void {
    this.stack.pop();
    this.h.openEnd(true);
    const name = this.tag;
    this.h.close(name.length > 1 ? localName(name) : name);
  }
  onclosetag(start: number, end: number): void {
    const name = this.slice(start, end);
    this.cr = false;
    const open = this.stack.pop();
    if (open !== name) return this.fail(`</${name}> closes <${open ?? ""}>`);
    this.h.close(name.length > 1 ? localName(name) : name);
  }
  ontext(start: number, end: number): void {
    if (start === end) return;
    const text = this.raw(start, end, false);
    if (text) this.h.text(text);
  }
  ontextentity(codepoint: number): void {
    this.cr = false;
    this.h.text(String.fromCodePoint(codepoint));
  }
  oncdata(start: number, end: number, endOffset: number): void {
    this.cr = false;
    const text = this.slice(start, end - endOffset);
    this.consumed = end;
    if (text) this.h.text(text.includes("\r") ? normalise(text, false, false) : text);
  }
  oncomment(_start: number, end: number): void {
    this.consumed = end;
  }
  ondeclaration(_start: number, end: number): void {
    this.consumed = end;
  }
  onprocessinginstruction(_start: number, end: number): void {
    this.consumed = end;
  }
  onend(): void {
    if (this.stack.length > 0) this.fail(`<${this.stack[this.stack.length - 1]}> is not closed`);
  }
}

/** What a part's text is fed to: a Tokenizer's callbacks, failing at the first fault they find. */
export interface TokenSink {
  write(s: string): void;
  end(): void;
  readonly failure: Error | undefined;
}

/**
 * UTF-8 decoding of a part's chunks, a character split across two chunks joined: a chunk of ASCII alone while
 * no character is pending is read as latin1 (the same string for ASCII, several times cheaper than the UTF-8
 * decoder, #14); any other chunk goes through the decoder.
 * Example: const d = new ChunkDecoder(); d.write(Buffer.from([0x61, 0xc3])) + d.write(Buffer.from([0xa9])) → "aé".
 */
export class ChunkDecoder {
  private readonly decoder = new StringDecoder("utf8");
  /** whether the decoder holds the first bytes of a character */
  private pending = false;

  write(chunk: Buffer): string {
    if (!this.pending && isAscii(chunk)) return chunk.toString("latin1");
    const s = this.decoder.write(chunk);
    // Node's decoder shows the bytes it still needs (undocumented): without it, no fast path after this chunk
    const need = (this.decoder as unknown as { lastNeed?: unknown }).lastNeed;
    this.pending = typeof need !== "number" || need > 0;
    return s;
  }

  end(): string {
    this.pending = false;
    return this.decoder.end();
  }
}

/**
 * Bytes decoded into one string at a time: V8 puts a string of 128 KB or more in its large-object space, an
 * allocation of its own each (#14: a 256 KB inflated chunk's string cost 15 times what four 64 KB ones do).
 */
const SLICE = 64 * 1024;

/** Feeds a part's chunks to a sink, UTF-8 decoded (a decoder step per 64 KB of a chunk), a leading BOM dropped. */
export async function feedTokens(chunks: AsyncIterable<Buffer>, sink: TokenSink, stop: () => boolean): Promise<void> {
  const decoder = new ChunkDecoder();
  let first = true;
  for await (const chunk of chunks) {
    for (let at = 0; at < chunk.length; at += SLICE) {
      let s = decoder.write(chunk.length <= SLICE ? chunk : chunk.subarray(at, at + SLICE));
      if (s.length === 0) continue;
      if (first && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      first = false;
      sink.write(s);
      if (sink.failure) throw sink.failure;
    }
    if (stop()) return;
  }
  const rest = decoder.end();
  if (rest) sink.write(rest);
  sink.end();
  if (sink.failure) throw sink.failure;
}

export function scanEvents(
  chunks: AsyncIterable<Buffer>,
  h: XmlEvents,
  stop: () => boolean = () => false,
): Promise<void> {
  return feedTokens(chunks, new Scan(h, stop), stop);
}

export async function scanXml(
  chunks: AsyncIterable<Buffer>,
  h: XmlHandlers,
  stop: () => boolean = () => false,
): Promise<void> {
  let name = "";
  let attributes: Record<string, string> = {};
  await scanEvents(
    chunks,
    {
      open(n) {
        name = n;
        attributes = {};
      },
      attribute(n, v) {
        attributes[n] = v;
      },
      openEnd(selfClosing) {
        h.open?.(name, attributes, selfClosing);
      },
      text: h.text && ((t) => h.text!(t)),
      close: h.close && ((n) => h.close!(n)),
    },
    stop,
  );
}
