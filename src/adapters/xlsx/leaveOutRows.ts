/**
 * Speeding up the full (exceljs) load of a workbook opened lazily: the data
 * rows of tables the fast reader already read (lazyTables.ts readTables():
 * alone on their sheet, plain rows running to the end of the sheet's cells)
 * are cut out of their worksheet part before exceljs parses it, keeping the
 * header and the first data row; the adapter then takes those tables' rows and
 * number formats from the fast reader. Everything else in the part (columns,
 * views, protection, merges, validations after <sheetData>) stays as it was.
 * A part whose rows cannot be found as Closebook and Excel write them
 * (`<row r="N"`, one `</sheetData>`) is left whole, and its table is read by
 * exceljs as before.
 *
 * Example: the Ledger part "…<row r="2" …>…</row><row r="3" …>…</row>…<row r="100001" …>…</row></sheetData>…"
 *   with fromRow 3 → "…<row r="2" …>…</row></sheetData>…"; tblLedger's 100,000 rows come from the fast reader.
 */
import JSZip from "jszip";
import type { ReadTable } from "./lazyTables";

export interface LeftOut {
  /** the package with the rows cut out */
  readonly data: Buffer;
  /** the tables whose rows were cut, by name */
  readonly tables: ReadonlyMap<string, ReadTable>;
}

export async function leaveOutRows(data: Buffer, tables: readonly ReadTable[]): Promise<LeftOut | undefined> {
  if (tables.length === 0) return undefined;
  const zip = await JSZip.loadAsync(data);
  const cut = new Map<string, ReadTable>();
  for (const t of tables) {
    const file = zip.file(t.sheetPart) ?? zip.file(`/${t.sheetPart}`);
    if (!file) continue;
    const xml = await file.async("string");
    const start = xml.indexOf(`<row r="${t.fromRow}"`);
    const end = xml.indexOf("</sheetData>");
    if (start < 0 || end < start || xml.indexOf("</sheetData>", end + 1) >= 0) continue;
    zip.file(file.name, xml.slice(0, start) + xml.slice(end));
    cut.set(t.name, t);
  }
  if (cut.size === 0) return undefined;
  return {
    data: await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 1 } }),
    tables: cut,
  };
}
