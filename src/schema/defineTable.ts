/**
 * Table declarations as data: one `TableDef` per workbook table drives header
 * checks, decoding, writing, number formats and the generated documentation.
 *
 * Example: tableHeaders(JOURNAL, ["Department"]) →
 *   ["Journal", "Draft voucher", "Date", "Account", "Department", "Currency", ...]
 * (dimension columns are inserted after the column named by `dimensionsAfter`).
 */
export type ColumnType = "text" | "int" | "date" | "amount" | "rate" | "bool" | "enum" | "list" | "timestamp";

export interface ColumnDef {
  readonly key: string;
  readonly header: string;
  readonly type: ColumnType;
  readonly required?: boolean;
  /** allowed values for "enum" columns */
  readonly values?: readonly string[];
  readonly description?: string;
}

export interface TableDef {
  readonly name: string;
  readonly sheet: string;
  readonly description: string;
  readonly columns: readonly ColumnDef[];
  /** the key of the column after which one column per declared dimension is inserted */
  readonly dimensionsAfter?: string;
  /** rows are only ever appended by Closebook (the posted ledger, audit log) */
  readonly appendOnly?: boolean;
}

export const NUMBER_FORMATS: Readonly<Record<ColumnType, string>> = {
  text: "@",
  int: "0",
  date: "yyyy-mm-dd",
  amount: "#,##0.00;[Red]-#,##0.00",
  rate: "0.0000######",
  bool: "General",
  enum: "@",
  list: "@",
  timestamp: "yyyy-mm-dd hh:mm:ss",
};

export function col(
  key: string,
  header: string,
  type: ColumnType,
  extra: Omit<ColumnDef, "key" | "header" | "type"> = {},
): ColumnDef {
  return { key, header, type, ...extra };
}

export function defineTable(def: TableDef): TableDef {
  if (/^[A-Za-z]{1,3}\d+$/.test(def.name) || /^[RrCc]\d*$/.test(def.name)) {
    throw new Error(`table name ${def.name} reads as a cell address`);
  }
  return def;
}

/** A column of a concrete table: a declared column, or a dimension column. */
export interface ResolvedColumn {
  readonly key: string;
  readonly header: string;
  readonly type: ColumnType;
  readonly required: boolean;
  readonly values?: readonly string[];
  /** set for dimension columns: the dimension's name */
  readonly dimension?: string;
}

export function resolveColumns(def: TableDef, dimensions: readonly string[]): ResolvedColumn[] {
  const out: ResolvedColumn[] = [];
  for (const c of def.columns) {
    out.push({
      key: c.key,
      header: c.header,
      type: c.type,
      required: c.required ?? false,
      ...(c.values ? { values: c.values } : {}),
    });
    if (def.dimensionsAfter === c.key) {
      for (const d of dimensions) out.push({ key: `dim:${d}`, header: d, type: "text", required: false, dimension: d });
    }
  }
  return out;
}

export function tableHeaders(def: TableDef, dimensions: readonly string[]): string[] {
  return resolveColumns(def, dimensions).map((c) => c.header);
}

export function numberFormats(def: TableDef, dimensions: readonly string[]): string[] {
  return resolveColumns(def, dimensions).map((c) => NUMBER_FORMATS[c.type]);
}
