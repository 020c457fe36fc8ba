/**
 * The core's `Where` built from the table declarations: each table's name and
 * its headers by column key. The decoders put it on the Setup (`setup.where`),
 * so core issues name the declared table and header, never a literal of their own.
 *
 * Example: WORKBOOK_WHERE.journal → { table: "tblJournal", columns: { journal: "Journal", debit: "Debit", … } }
 */
import type { TableWhere, Where } from "../core/issues/where";
import { CLOSE_TASKS, CLOSE_TEMPLATE, RECONCILIATIONS } from "./checklistTables";
import { ELIMINATION_RULES, ENTITIES } from "./consolidationTables";
import type { TableDef } from "./defineTable";
import * as T from "./tables";

export function tableWhere(def: TableDef): TableWhere {
  return { table: def.name, columns: Object.fromEntries(def.columns.map((c) => [c.key, c.header])) };
}

export const WORKBOOK_WHERE: Where = {
  settings: tableWhere(T.SETTINGS),
  currencies: tableWhere(T.CURRENCIES),
  accounts: tableWhere(T.ACCOUNTS),
  dimensions: tableWhere(T.DIMENSIONS),
  dimensionValues: tableWhere(T.DIMENSION_VALUES),
  rates: tableWhere(T.RATES),
  periods: tableWhere(T.PERIODS),
  users: tableWhere(T.USERS),
  sequences: tableWhere(T.SEQUENCES),
  journal: tableWhere(T.JOURNAL),
  ledger: tableWhere(T.LEDGER),
  runs: tableWhere(T.RUNS),
  audit: tableWhere(T.AUDIT),
  lockExceptions: tableWhere(T.LOCK_EXCEPTIONS),
  seals: tableWhere(T.SEALS),
  sealRows: tableWhere(T.SEAL_ROWS),
  settlements: tableWhere(T.SETTLEMENTS),
  allocationRules: tableWhere(T.ALLOCATION_RULES),
  closeTemplate: tableWhere(CLOSE_TEMPLATE),
  closeTasks: tableWhere(CLOSE_TASKS),
  reconciliations: tableWhere(RECONCILIATIONS),
  entities: tableWhere(ENTITIES),
  eliminationRules: tableWhere(ELIMINATION_RULES),
};
