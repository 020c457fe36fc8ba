/**
 * Streaming XML for the fast reader: saxes (a SAX parser) over a part's
 * inflated chunks, UTF-8 decoded across chunk boundaries. Element names reach
 * the handlers without their namespace prefix ("x:c" → "c"; some writers
 * prefix SpreadsheetML); attributes keep theirs ("r:id"). `stop()` returning
 * true ends the scan after the current chunk (the rest is never inflated).
 *
 * Example: await scanXml(zip.chunks("xl/workbook.xml"), { open: (name, a) => name === "sheet" && names.push(a.name) })
 *   → names ["Settings", "Accounts", …]
 */
import { StringDecoder } from "node:string_decoder";
import { SaxesParser } from "saxes";

export interface XmlHandlers {
  open?(name: string, attributes: Readonly<Record<string, string>>, selfClosing: boolean): void;
  text?(text: string): void;
  close?(name: string): void;
}

export function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

export async function scanXml(
  chunks: AsyncIterable<Buffer>,
  h: XmlHandlers,
  stop: () => boolean = () => false,
): Promise<void> {
  const parser = new SaxesParser({ position: false });
  const open = h.open;
  const text = h.text;
  const close = h.close;
  if (open)
    parser.on("opentag", (tag) =>
      open(localName(tag.name), tag.attributes as Record<string, string>, tag.isSelfClosing),
    );
  if (text) {
    parser.on("text", text);
    parser.on("cdata", text);
  }
  if (close) parser.on("closetag", (tag) => close(localName(tag.name)));
  let failure: Error | undefined;
  parser.on("error", (e) => {
    if (!stop()) failure ??= e; // past the end of what was asked for, the rest of the part does not matter
  });
  const decoder = new StringDecoder("utf8");
  let first = true;
  for await (const chunk of chunks) {
    let s = decoder.write(chunk);
    if (first && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    first = false;
    parser.write(s);
    if (failure) throw failure;
    if (stop()) return;
  }
  parser.write(decoder.end());
  parser.close();
  if (failure) throw failure;
}
