/**
 * One worksheet row decoded from its XML, as the fast reader decodes it (sheetTokens.ts, the same callbacks):
 * the patch save (sheetStream.ts) rewrites a row whose cells it did not keep — a large table's rows are handed to
 * the reader, not kept — by decoding the row as it streams past, applying the cell changes, and writing it again
 * (rowXml.ts). The values are those readTable gave for the row, so the row written is the one a session that kept
 * the rows writes.
 *
 * Example: '<row r="7"><c r="A7" t="inlineStr"><is><t>X-1</t></is></c><c r="C7" s="4"><v>46122</v></c></row>',
 *   row 7, columns A..C, style 4 a date format → ["X-1", null, Date 2026-04-10]; a part whose XML does not
 *   decode (a fault, or no such row) → undefined.
 */
import type { CellValue } from "../../ports/workbook";
import type { SheetContext } from "./sheetScan";
import { SheetTokens } from "./sheetTokens";

/** The cells of sheet row `row` in columns left..right found in `xml` (a <row> element and what follows it up to the next). */
export function decodeRowXml(
  xml: Buffer,
  row: number,
  cols: { readonly left: number; readonly right: number },
  ctx: SheetContext,
): CellValue[] | undefined {
  if (xml.indexOf(`<row r="${row}"`) !== 0) return undefined;
  const out = new Array<CellValue>(cols.right - cols.left + 1).fill(null);
  const tokens = new SheetTokens(ctx, {
    top: row,
    bottom: row,
    left: cols.left,
    right: cols.right,
    onCell(r, c, value) {
      if (r === row) out[c - cols.left] = value;
    },
  });
  try {
    tokens.write(`<worksheet><sheetData>${xml.toString("utf8")}</sheetData></worksheet>`);
    if (!tokens.failure) tokens.end();
  } catch {
    return undefined;
  }
  return tokens.failure ? undefined : out;
}
