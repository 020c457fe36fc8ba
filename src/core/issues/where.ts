/**
 * Where the core's records live in the workbook. The core names its records and
 * their fields (journal, "debit"); the schema, which declares the tables, says
 * which table and header they are (`src/schema/where.ts`) and hands that to the
 * core on the Setup (`setup.where`). So the core never spells a table name or a
 * column header, and renaming a column changes its declaration only.
 *
 * Example: with where.journal = { table: "tblJournal", columns: { debit: "Debit", ... } }
 *   cellAt(where.journal, "debit", 4)  → { table: "tblJournal", row: 4, column: "Debit" }
 *   cellAt(where.settings, "value")    → { table: "tblSettings", column: "Value" }
 *   inTable(where.ledger)              → { table: "tblLedger" }
 */
import type { IssueLocation } from "./issue";

/** One table: its name and its columns' headers by field key. */
export interface TableWhere<K extends string = string> {
  readonly table: string;
  readonly columns: Readonly<Record<K, string>>;
}

/** The tables the core reports on, by the name of the records they hold. */
export type TableKey =
  | "settings"
  | "currencies"
  | "accounts"
  | "dimensions"
  | "dimensionValues"
  | "rates"
  | "periods"
  | "users"
  | "sequences"
  | "journal"
  | "ledger"
  | "runs"
  | "audit"
  | "lockExceptions"
  | "seals"
  | "sealRows"
  | "settlements"
  | "allocationRules"
  | "closeTemplate"
  | "closeTasks"
  | "reconciliations"
  | "entities"
  | "eliminationRules";

export type Where = Readonly<Record<TableKey, TableWhere>>;

/** A whole table (optionally one row of it, no column). */
export function inTable(t: TableWhere, row?: number): IssueLocation {
  return row === undefined ? { table: t.table } : { table: t.table, row };
}

/** A column of a table, on one row when `row` is given (a row 0 or undefined is left out only when undefined). */
export function cellAt(t: TableWhere, key: string, row?: number, voucher?: string): IssueLocation {
  const column = t.columns[key];
  if (column === undefined) throw new Error(`${t.table} declares no column "${key}"`);
  return {
    table: t.table,
    ...(row !== undefined ? { row } : {}),
    column,
    ...(voucher !== undefined ? { voucher } : {}),
  };
}

/** The header of a column, for a message that names it ("set Revaluation account in …"). */
export function header(t: TableWhere, key: string): string {
  const column = t.columns[key];
  if (column === undefined) throw new Error(`${t.table} declares no column "${key}"`);
  return column;
}
