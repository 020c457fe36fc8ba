/**
 * Table declarations as data: one `TableDef` per workbook table drives header
 * checks, decoding, writing, number formats and the generated documentation.
 *
 * Example: tableHeaders(JOURNAL, ["Department"]) →
 *   ["Journal", "Draft voucher", "Date", "Account", "Department", "Currency", ...]
 * (dimension columns are inserted after the column named by `dimensionsAfter`).
 */
import type { IsoDate } from "../core/ledger/types";
import type { Amount, Rate } from "../core/money";
import type { ColumnFormatRule } from "../ports/conditionalFormats";

export type ColumnType = "text" | "int" | "date" | "amount" | "rate" | "bool" | "enum" | "list" | "timestamp";

export interface ColumnDef<
  K extends string = string,
  T extends ColumnType = ColumnType,
  V extends string = string,
  R extends boolean = boolean,
> {
  readonly key: K;
  readonly header: string;
  readonly type: T;
  readonly required?: R;
  /** allowed values for "enum" columns */
  readonly values?: readonly V[];
  readonly description?: string;
}

/**
 * A table's declaration. `C` is the union of its columns, each keeping its key, type, allowed values and
 * whether required as literal types, so `Key<typeof PERIODS>` is "id" | "fiscalYear" | ... and a record read
 * or written through the declaration (`RowValues`, `cellUpdates`) type-checks against it.
 */
export interface TableDef<C extends ColumnDef = ColumnDef> {
  readonly name: string;
  readonly sheet: string;
  readonly description: string;
  readonly columns: readonly C[];
  /** the key of the column after which one column per declared dimension is inserted */
  readonly dimensionsAfter?: C["key"];
  /** rows are only ever appended by Closebook (the posted ledger, audit log) */
  readonly appendOnly?: boolean;
  /** conditional formatting of its columns, applied when the table is created (src/ports/conditionalFormats.ts) */
  readonly conditionalFormats?: readonly ColumnFormatRule[];
}

/** The column keys of a declared table. */
export type Key<D extends TableDef> = D["columns"][number]["key"];
/** The declaration of one column of a table, by key. */
export type ColumnOf<D extends TableDef, K extends Key<D>> = Extract<D["columns"][number], { readonly key: K }>;

/** The domain value of each column type, as the cell codecs decode it. */
export interface ColumnValues {
  text: string;
  int: number;
  date: IsoDate;
  amount: Amount;
  rate: Rate;
  bool: boolean;
  enum: string;
  list: readonly string[];
  timestamp: string;
}
type ValueOfType<T extends ColumnType, V extends string> = T extends "enum"
  ? V
  : T extends "list"
    ? readonly V[]
    : ColumnValues[T];
/** The decoded value of a column: `ColumnValue<typeof PERIODS, "status">` is PeriodStatus. */
export type ColumnValue<D extends TableDef, K extends Key<D>> =
  ColumnOf<D, K> extends ColumnDef<string, infer T, infer V> ? ValueOfType<T, V> : never;

type RequiredKeys<D extends TableDef> = {
  [K in Key<D>]: ColumnOf<D, K> extends { readonly required?: true } ? K : never;
}[Key<D>];

/** Every column's decoded value, each possibly blank (an invalid row, or an optional column). */
export type PartialValues<D extends TableDef> = { readonly [K in Key<D>]?: ColumnValue<D, K> };
/** A valid row's decoded values: required columns are present. */
export type RowValues<D extends TableDef> = PartialValues<D> & { readonly [K in RequiredKeys<D>]: ColumnValue<D, K> };

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

export function col<
  const K extends string,
  const T extends ColumnType,
  const V extends string = string,
  const R extends boolean = false,
>(
  key: K,
  header: string,
  type: T,
  extra: Omit<ColumnDef<K, T, V, R>, "key" | "header" | "type"> = {},
): ColumnDef<K, T, V, R> {
  return { key, header, type, ...extra };
}

/** Declares a table, keeping its column keys and types as literal types (see `TableDef`). */
export function defineTable<const C extends ColumnDef>(def: TableDef<C>): TableDef<C> {
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
