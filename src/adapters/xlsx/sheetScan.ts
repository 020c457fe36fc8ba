/**
 * Streaming a worksheet's cells for the fast reader (htmlparser2's Tokenizer with
 * callbacks made for a sheet, sheetTokens.ts; no object per cell), decoded as exceljs
 * decodes them (so both readers give the same rows):
 *   shared string (t="s") → its text (rich runs joined, phonetic runs left out, _xHHHH_ decoded);
 *   inline string (t="inlineStr") → the text of its <is>; t="str" → the text;
 *   t="b" → boolean; t="e" → { error }; t="d" (ISO 8601) → its serial number;
 *   a number → number, or a Date when its style's number format is a date format
 *   (serial in the 1900 or 1904 system); a formula → its cached result decoded the
 *   same way, or { error: "#FORMULA" } without one; no value → null.
 * Only cells inside the requested rectangle are decoded; the scan stops after
 * its last row (the rest of the part is never inflated).
 *
 * Example: a cell <c r="C2" s="4"><v>46023</v></c> with style 4 "yyyy-mm-dd"
 *   → onCell(2, 3, Date 2026-01-01T00:00:00Z, 4); in a 1904 workbook → Date 2030-01-02.
 */
import type { CellValue } from "../../ports/workbook";
import type { StyleIndex } from "./packageIndex";
import { SheetTokens } from "./sheetTokens";
import { feedTokens, scanEvents } from "./xmlScan";
import type { ZipPackage } from "./zipPackage";

export interface SheetContext {
  readonly styles: StyleIndex;
  readonly date1904: boolean;
  readonly sharedStrings: readonly string[];
}

export interface ColumnStyle {
  readonly min: number;
  readonly max: number;
  readonly style: number;
}

export interface ScanRequest {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
  onCols?(cols: readonly ColumnStyle[]): void;
  onCell(row: number, col: number, value: CellValue, styleId: number): void;
  /** asked for: the scan goes on past the cells to the end of the part, and tells whether the sheet is protected (<sheetProtection sheet="1">); not called when the scan stopped early */
  onProtection?(isProtected: boolean): void;
  /** a cell beside the rectangle in one of its rows, or a formula in it */
  onOddCell?(): void;
}

export { columnNumber } from "./sheetCells";

export async function scanSheet(zip: ZipPackage, part: string, ctx: SheetContext, req: ScanRequest): Promise<void> {
  const tokens = new SheetTokens(ctx, req);
  await feedTokens(zip.chunks(part), tokens, () => tokens.done);
  if (!tokens.stoppedEarly) req.onProtection?.(tokens.protectedSheet);
}

/** The shared string table: each item's text (runs joined, phonetic runs left out, _xHHHH_ decoded as exceljs does). */
export async function readSharedStrings(zip: ZipPackage, part: string | undefined): Promise<string[]> {
  const out: string[] = [];
  if (part === undefined) return out;
  let plain: string | undefined;
  let runs: string | undefined;
  let inRun = false;
  let inPhonetic = false;
  let text: string | undefined;
  let inT = false;
  const decode = (s: string): string =>
    s.includes("_x") ? s.replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
  await scanEvents(zip.chunks(part), {
    open(name) {
      if (name === "si") {
        plain = undefined;
        runs = undefined;
      } else if (name === "r") inRun = true;
      else if (name === "rPh") inPhonetic = true;
      else if (name === "t") {
        inT = true;
        text = "";
      }
    },
    text(t) {
      if (inT) text += t;
    },
    close(name) {
      if (name === "t") {
        inT = false;
        if (inPhonetic) return;
        const s = decode(text ?? "");
        if (inRun) runs = (runs ?? "") + s;
        else plain = s;
      } else if (name === "r") inRun = false;
      else if (name === "rPh") inPhonetic = false;
      else if (name === "si") out.push(runs ?? plain ?? "");
    },
  });
  return out;
}
