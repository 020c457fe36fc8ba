/**
 * Use case: export any Closebook table as CSV (RFC 4180: CRLF line ends,
 * fields with a comma, quote, line break or edge spaces quoted, quotes doubled).
 * The header is the table's own; cells are written as import reads them:
 * dates YYYY-MM-DD, date-times ISO 8601, numbers as plain decimals without
 * exponent, TRUE/FALSE; a text starting with = + - @ tab or CR gets a leading
 * single quote (formula injection, see csv.ts), which import takes off. What an
 * importable table exports imports again unchanged. Fully blank rows are left out. Read-only.
 *
 * Example: exportCsv(port, "currencies") →
 *   "Currency,Name,Precision\r\nUSD,US dollar,2\r\nJPY,Yen,0\r\n"
 */
import { issue, type Issue } from "../core/issues/issue";
import { Amount } from "../core/money";
import { isCellError, type CellValue, type WorkbookPort } from "../ports/workbook";
import { decodeCell, isoFromUtcDate } from "../schema/cells";
import { resolveColumns, type ColumnType, type TableDef } from "../schema/defineTable";
import { normalizeHeader } from "../schema/decodeTable";
import { ALL_TABLES } from "../schema/tables";
import { GROUP_TABLES } from "../schema/consolidationTables";
import { escapeFormula } from "./csv";

export interface ExportResult {
  readonly csv?: string;
  readonly table?: string;
  readonly rows: number;
  readonly issues: readonly Issue[];
}

/** "tblAllocationRules" → "allocation-rules" (the names import takes). */
export function exportName(def: TableDef): string {
  return def.name
    .replace(/^tbl/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase();
}

export function exportTable(name: string): TableDef | undefined {
  const n = name.trim().toLowerCase();
  return [...ALL_TABLES, ...GROUP_TABLES].find((d) => d.name.toLowerCase() === n || exportName(d) === n);
}

export async function exportCsv(port: WorkbookPort, name: string): Promise<ExportResult> {
  const def = exportTable(name);
  if (!def)
    return {
      rows: 0,
      issues: [
        issue("UNKNOWN_TABLE", `There is no table "${name}"; choose one of ${ALL_TABLES.map(exportName).join(", ")}.`),
      ],
    };
  const raw = await port.readTable(def.name);
  if (!raw)
    return {
      rows: 0,
      issues: [
        issue("MISSING_TABLE", `The workbook has no table ${def.name} (sheet "${def.sheet}").`, { table: def.name }),
      ],
    };
  // column types by header; dimension columns (any header not declared) are text
  const declared = new Map(resolveColumns(def, []).map((c) => [normalizeHeader(c.header), c.type]));
  const types = raw.headers.map((h) => declared.get(normalizeHeader(String(h))) ?? "text");
  const lines = [raw.headers.map((h) => field(String(h ?? "")))];
  for (const r of raw.rows) {
    if (r.every((v) => v === null || v === "")) continue;
    lines.push(raw.headers.map((_, i) => field(cellText(types[i]!, r[i] ?? null))));
  }
  return { csv: lines.map((l) => `${l.join(",")}\r\n`).join(""), table: def.name, rows: lines.length - 1, issues: [] };
}

/** A cell as text that import decodes back to the same value. */
export function cellText(type: ColumnType, v: CellValue): string {
  if (v === null) return "";
  if (isCellError(v)) return v.error;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (type === "date" || type === "timestamp") {
    const d = decodeCell(type, v);
    if (d.ok && typeof d.value === "string") return d.value;
  }
  if (v instanceof Date)
    return v.getUTCHours() || v.getUTCMinutes() || v.getUTCSeconds() || v.getUTCMilliseconds()
      ? v.toISOString()
      : isoFromUtcDate(v);
  if (typeof v === "number") return Amount.fromNumber(v)?.toString() ?? String(v);
  return v;
}

function field(raw: string): string {
  const text = escapeFormula(raw);
  return /[",\r\n;]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
