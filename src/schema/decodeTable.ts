/**
 * Decodes a raw table (headers + cell rows) against its declaration: matches
 * columns by header (case and spacing ignored), decodes each cell, and reports
 * every problem with table, row and column. Fully blank rows are skipped.
 * In a table only Closebook writes (appendOnly: the ledger, seals), an amount
 * stored as text is an error, though it decodes (the row is kept, so the seals
 * still check it): Excel's SUM would skip it.
 *
 * Example: tblCurrencies with rows [["USD","US dollar",2], ["JPY","Yen","zero"]]
 *   → rows [{ code:"USD", name:"US dollar", precision:2 }, ...] and the issue
 *     "tblCurrencies row 2, Precision: holds "zero", not a whole number".
 */
import { issue, type Issue } from "../core/issues/issue";
import type { CellValue, RawTable } from "../ports/workbook";
import { decodeCell, type Decoded } from "./cells";
import { resolveColumns, type PartialValues, type ResolvedColumn, type RowValues, type TableDef } from "./defineTable";

/** A decoded row's values by column key, typed by the declaration; dimension columns as `dim:<name>`. */
export type DecodedValues<D extends TableDef = TableDef> = PartialValues<D> & {
  readonly [dimension: `dim:${string}`]: string | undefined;
};

export interface DecodedRow<D extends TableDef = TableDef> {
  /** 1-based data row in the table */
  readonly row: number;
  readonly values: DecodedValues<D>;
  /** true when any cell of this row could not be decoded */
  readonly invalid: boolean;
}

/** A row whose every cell decoded: its required columns hold a value. */
export interface ValidRow<D extends TableDef = TableDef> extends DecodedRow<D> {
  readonly values: DecodedValues<D> & RowValues<D>;
  readonly invalid: false;
}

/** The rows whose every cell decoded, typed with their required columns present. */
export function validRows<D extends TableDef>(rows: readonly DecodedRow<D>[]): ValidRow<D>[] {
  // decodeTable marks a row invalid when a required cell is blank, so a valid row holds every required value
  return rows.filter((r) => !r.invalid) as ValidRow<D>[];
}

export interface DecodedTable<D extends TableDef = TableDef> {
  readonly rows: DecodedRow<D>[];
  readonly issues: Issue[];
  /** false when the table is missing or lacks a required column */
  readonly usable: boolean;
}

export function normalizeHeader(h: string): string {
  return h.trim().toLowerCase().replace(/\s+/g, " ");
}

export function matchColumns(columns: readonly ResolvedColumn[], headers: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    const n = normalizeHeader(String(h ?? ""));
    if (n !== "" && !index.has(n)) index.set(n, i);
  });
  const out = new Map<string, number>();
  for (const c of columns) {
    const i = index.get(normalizeHeader(c.header));
    if (i !== undefined) out.set(c.key, i);
  }
  return out;
}

function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

export function decodeTable<D extends TableDef>(
  def: D,
  raw: RawTable | undefined,
  dimensions: readonly string[],
  optional = false,
): DecodedTable<D> {
  const rows: DecodedRow<D>[] = [];
  const t = decodeEachRow(def, raw, dimensions, (r) => void rows.push(r), optional);
  return { rows, ...t };
}

/**
 * decodeTable, each decoded row handed to `onRow` as it is decoded instead of collected (a million-line
 * ledger's rows become its entries one by one, the decoded rows never all held at once).
 */
export function decodeEachRow<D extends TableDef>(
  def: D,
  raw: RawTable | undefined,
  dimensions: readonly string[],
  onRow: (row: DecodedRow<D>) => void,
  optional = false,
): Omit<DecodedTable<D>, "rows"> {
  if (!raw) {
    return {
      usable: false,
      issues: optional
        ? []
        : [
            issue(
              "MISSING_TABLE",
              `The workbook has no table ${def.name} (sheet "${def.sheet}"). Run "closebook init" or set up the workbook.`,
              { table: def.name },
            ),
          ],
    };
  }
  const columns = resolveColumns(def, dimensions);
  const positions = matchColumns(columns, raw.headers);
  const issues: Issue[] = [];
  let usable = true;
  for (const c of columns) {
    if (positions.has(c.key)) continue;
    if (c.required || c.dimension) {
      usable = usable && !c.required;
      issues.push(
        issue(
          "MISSING_COLUMN",
          `Table ${def.name} has no column "${c.header}".`,
          { table: def.name, column: c.header },
          c.required ? "error" : "warning",
        ),
      );
    }
  }
  if (!usable) return { issues, usable };
  const seen = new Set<string>();
  raw.headers.forEach((h, i) => {
    const n = normalizeHeader(String(h ?? ""));
    if (n !== "" && seen.has(n))
      issues.push(
        issue(
          "DUPLICATE_COLUMN",
          `Table ${def.name} has two columns named "${h}"; the first is used.`,
          { table: def.name, column: String(h), row: 0 },
          "warning",
        ),
      );
    seen.add(n);
    void i;
  });
  // each column's position in the rows, looked up once (a million-line ledger has 17 million cells)
  const at = columns.map((c) => positions.get(c.key));
  raw.rows.forEach((cells, i) => {
    const row = i + 1;
    if (cells.every(isBlank)) return;
    const values: Record<string, Decoded> = {};
    let invalid = false;
    for (let k = 0; k < columns.length; k++) {
      const c = columns[k]!;
      const pos = at[k];
      const cell = pos === undefined ? null : cells[pos];
      const r = decodeCell(c.type, cell, c.values);
      if (!r.ok) {
        invalid = true;
        issues.push(issue("BAD_CELL", `${c.header} ${r.problem}.`, { table: def.name, row, column: c.header }));
        continue;
      }
      if (r.value === undefined && c.required) {
        invalid = true;
        issues.push(
          issue("MISSING_VALUE", `${c.header} is empty; it is required.`, { table: def.name, row, column: c.header }),
        );
      }
      // a table only Closebook writes holds its amounts as numbers: one typed as text reads here but Excel's SUM skips it
      if (def.appendOnly && c.type === "amount" && typeof cell === "string" && r.value !== undefined) {
        issues.push(
          issue(
            "BAD_CELL",
            `${c.header} holds text "${cell.length > 40 ? `${cell.slice(0, 40)}…` : cell}"; Excel's SUM skips text — type it as a number.`,
            { table: def.name, row, column: c.header },
          ),
        );
      }
      values[c.key] = r.value;
    }
    // the one place a row's values meet their declared types: each was decoded by its column's codec
    onRow({ row, values: values as DecodedValues<D>, invalid });
  });
  return { issues, usable };
}
