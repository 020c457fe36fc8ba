/**
 * Size caps for the parts of an .xlsx being read. Deflate packs repetitive XML
 * a thousandfold, so a small file can hold a part that takes gigabytes once
 * unpacked (a 616 KB file held a 300 MB shared string and took 1.4 GB to open).
 * A part is refused when the zip declares it larger than its cap (checked before
 * anything is inflated) and when inflating it passes the cap (a declared size
 * can lie). Caps: a worksheet 1,536 MB (streamed, never held whole by the reader: Excel's
 * 1,048,576 rows of some twenty columns — the large demo's million-line Ledger part is 1,030 MB),
 * the shared strings and any other part 50 MB (1 MB = 2^20 bytes). A cell's own limit, 32,767 characters, is the codec's
 * (src/schema/cells.ts).
 *
 * Example: xl/sharedStrings.xml declared at 62,914,560 bytes →
 *   PartTooLargeError "part xl/sharedStrings.xml would take 60.0 MB once unpacked;
 *   Closebook reads at most 50 MB for shared strings (Excel's cells hold at most 32,767 characters each)."
 */
import { inflateRawSync } from "node:zlib";

const MB = 1024 * 1024;

export class PartTooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PartTooLargeError";
  }
}

interface Cap {
  readonly bytes: number;
  readonly what: string;
}

/** The cap of a part, by name. */
export function partCap(part: string): Cap {
  if (/^xl\/worksheets\/[^/]+\.xml$/i.test(part))
    return { bytes: 1536 * MB, what: "a worksheet (Excel's 1,048,576 rows of some twenty columns)" };
  if (/^xl\/sharedStrings\.xml$/i.test(part))
    return { bytes: 50 * MB, what: "shared strings (Excel's cells hold at most 32,767 characters each)" };
  return { bytes: 50 * MB, what: "a part" };
}

const mb = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;

/** Throws PartTooLargeError when `declared` (the zip's uncompressed size) is over the part's cap. */
export function checkDeclaredSize(part: string, declared: number): void {
  const cap = partCap(part);
  if (declared > cap.bytes)
    throw new PartTooLargeError(
      `part ${part} would take ${mb(declared)} once unpacked; Closebook reads at most ${cap.bytes / MB} MB for ${cap.what}.`,
    );
}

/** Inflates a deflated part, stopping with PartTooLargeError once the output passes the part's cap. */
export function inflateCapped(part: string, bytes: Buffer): Buffer {
  const cap = partCap(part);
  try {
    return inflateRawSync(bytes, { maxOutputLength: cap.bytes });
  } catch (e) {
    if (e instanceof RangeError || (e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw new PartTooLargeError(
        `part ${part} unpacks to more than ${cap.bytes / MB} MB though the file declares less; Closebook reads at most ${cap.bytes / MB} MB for ${cap.what}.`,
      );
    }
    throw e;
  }
}
