/**
 * Book: everything read from a workbook, decoded into domain values. Core
 * functions take a Book (or the parts they need) and return proposals.
 *
 * Example: book.setup.accounts.get("1110")?.currency === "EUR";
 *          book.ledger is the posted ledger in entry-number order.
 */
import type { Where } from "../issues/where";
import type { SealRecord, SealRow } from "../seal/seal";
import type { SettlementRecord } from "../close/settlementModel";
import type {
  Account,
  AuditRecord,
  Currency,
  Dimension,
  DimensionValue,
  ExchangeRate,
  FiscalPeriod,
  JournalLine,
  LockException,
  LedgerEntry,
  RunRecord,
  Sequence,
  Settings,
  User,
} from "./types";

export interface Setup {
  readonly settings: Settings;
  readonly currencies: ReadonlyMap<string, Currency>;
  readonly accounts: ReadonlyMap<string, Account>;
  readonly dimensions: readonly Dimension[];
  /** dimension name → value → definition */
  readonly dimensionValues: ReadonlyMap<string, ReadonlyMap<string, DimensionValue>>;
  readonly rates: readonly ExchangeRate[];
  readonly periods: readonly FiscalPeriod[];
  readonly users: ReadonlyMap<string, User>;
  /** which workbook table and header each record and field is, for issue locations (the schema's WORKBOOK_WHERE) */
  readonly where: Where;
}

export interface Book {
  readonly setup: Setup;
  readonly sequences: readonly Sequence[];
  readonly journal: readonly JournalLine[];
  readonly ledger: readonly LedgerEntry[];
  readonly runs: readonly RunRecord[];
  readonly audit: readonly AuditRecord[];
  readonly lockExceptions: readonly LockException[];
  readonly seals: readonly SealRecord[];
  readonly sealRows: readonly SealRow[];
  readonly settlements: readonly SettlementRecord[];
}

export function dimensionNames(setup: Pick<Setup, "dimensions">): string[] {
  return setup.dimensions.map((d) => d.name);
}
