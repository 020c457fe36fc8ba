/**
 * Generic record ⇄ row mapping for tables whose column keys equal the domain
 * field names (every table but settings). Dimension columns map to
 * `record.dimensions[name]`.
 *
 * Example: encodeRecord(CURRENCIES, [], { code: "JPY", name: "Yen", precision: 0 })
 *   → ["JPY", "Yen", 0]
 */
import type { CellValue } from "../ports/workbook";
import { encodeCell } from "./cells";
import { resolveColumns, type TableDef } from "./defineTable";

export function encodeRecord(def: TableDef, dimensions: readonly string[], record: object): CellValue[] {
  const r = record as Record<string, unknown> & { dimensions?: Record<string, string> };
  return resolveColumns(def, dimensions).map((c) =>
    c.dimension !== undefined ? encodeCell("text", r.dimensions?.[c.dimension]) : encodeCell(c.type, r[c.key]),
  );
}

export function encodeRecords(def: TableDef, dimensions: readonly string[], records: readonly object[]): CellValue[][] {
  return records.map((r) => encodeRecord(def, dimensions, r));
}
