/**
 * The ledger's plain, readonly data types. Built by the schema codecs from
 * workbook rows; consumed by every core function. No behaviour here.
 *
 * Example: a posted line is
 *   { entryNo: 17, voucher: "GL-000005", date: "2026-03-31", period: "2026-03",
 *     account: "1210", dimensions: { Department: "SALES" }, currency: "EUR",
 *     amount: 100.00, amountAccounting: 108.25, ... }
 */
import type { Amount, Rate, RoundingMode } from "../money";

/** ISO calendar date "YYYY-MM-DD"; compares correctly as text. */
export type IsoDate = string;
declare const brand: unique symbol;
/**
 * Soft brands: a plain string is still accepted (a cell, a test literal), but a value typed as one id
 * is not taken for another: an AccountNumber passed where a CurrencyCode is expected does not compile.
 */
type Branded<B extends string> = string & { readonly [brand]?: B };
export type CurrencyCode = Branded<"CurrencyCode">;
export type AccountNumber = Branded<"AccountNumber">;
/** a period's id: "2026-03", "FY2026-OPEN", "FY2026-CLOSE" */
export type PeriodId = Branded<"PeriodId">;
/** Dimension name → value ("" = blank). Keys are the dimensions the workbook declares. */
export type DimensionSet = Readonly<Record<string, string>>;

export type AccountType = "asset" | "liability" | "equity" | "revenue" | "expense";
export const ACCOUNT_TYPES: readonly AccountType[] = ["asset", "liability", "equity", "revenue", "expense"];
/** Asset, liability and equity accounts carry their balance into the next year; revenue and expense close to retained earnings. */
export function isBalanceSheet(type: AccountType): boolean {
  return type === "asset" || type === "liability" || type === "equity";
}
export type RateType = "spot" | "average" | "historical" | "budget";
export const RATE_TYPES: readonly RateType[] = ["spot", "average", "historical", "budget"];
export type PeriodStatus = "Open" | "On hold" | "Permanently closed";
export const PERIOD_STATUSES: readonly PeriodStatus[] = ["Open", "On hold", "Permanently closed"];
export type PeriodKind = "opening" | "operating" | "closing";
export const PERIOD_KINDS: readonly PeriodKind[] = ["opening", "operating", "closing"];
export type RoundingPlacement = "largestLine" | "roundingAccount";
export const ROUNDING_PLACEMENTS: readonly RoundingPlacement[] = ["largestLine", "roundingAccount"];
/** What a user may do beyond posting (tblUsers column Roles); "Lock roles" says which may change period locks. */
export type Role = "preparer" | "reviewer" | "controller" | "admin";
export const ROLES: readonly Role[] = ["preparer", "reviewer", "controller", "admin"];

export interface Settings {
  readonly company: string;
  readonly accountingCurrency: CurrencyCode;
  readonly reportingCurrency?: CurrencyCode;
  /** month 1..12 the fiscal year starts in */
  readonly fiscalYearStartMonth: number;
  readonly defaultRateType: RateType;
  /** currency rates are triangulated through when no direct or inverse rate exists */
  readonly triangulationCurrency: CurrencyCode;
  readonly unrealizedGainAccount?: AccountNumber;
  readonly unrealizedLossAccount?: AccountNumber;
  readonly realizedGainAccount?: AccountNumber;
  readonly realizedLossAccount?: AccountNumber;
  readonly roundingAccount?: AccountNumber;
  readonly retainedEarningsAccount?: AccountNumber;
  readonly roundingMode: RoundingMode;
  readonly roundingPlacement: RoundingPlacement;
  readonly protectionPassword?: string;
  /** a second year-end close of the same year: reverse the first and recreate it, or post only the difference */
  readonly yearEndRerun?: "reverseAndRecreate" | "delta";
  /** roles that may change period locks (hold, reopen, close, access, exceptions); default controller, admin */
  readonly lockRoles?: readonly Role[];
  /** the user who posted journal lines in a period may not lock it, nor grant themselves an exception; default off */
  readonly separateLockFromPosting?: boolean;
  readonly schemaVersion: number;
}

export interface Currency {
  readonly code: CurrencyCode;
  readonly name: string;
  /** decimals of the smallest unit: USD 2, JPY 0, KWD 3 */
  readonly precision: number;
}

export interface Account {
  /** 1-based data row in the accounts table, when read from a workbook (the record's source) */
  readonly row?: number;
  readonly number: AccountNumber;
  readonly name: string;
  readonly type: AccountType;
  readonly category: string;
  /** when set, lines on this account must be in this currency */
  readonly currency?: CurrencyCode;
  readonly revalue: boolean;
  readonly revalueRateType?: RateType;
  readonly settle: boolean;
  readonly active: boolean;
  readonly blocked: boolean;
}

export interface Dimension {
  readonly name: string;
  readonly description: string;
  /** when true, every posting line must carry a value */
  readonly required: boolean;
}

export interface DimensionValue {
  readonly dimension: string;
  readonly value: string;
  readonly description: string;
  readonly active: boolean;
}

export interface ExchangeRate {
  /** 1-based data row in the rates table, when read from a workbook (the record's source) */
  readonly row?: number;
  readonly date: IsoDate;
  readonly from: CurrencyCode;
  readonly to: CurrencyCode;
  readonly type: RateType;
  /** `quotationUnit` units of `from` are worth `rate` units of `to` */
  readonly rate: Rate;
  readonly quotationUnit: number;
  readonly source: string;
}

export interface FiscalPeriod {
  /** 1-based data row in tblPeriods, when read from a workbook */
  readonly row?: number;
  /** "2026-03"; opening "FY2026-OPEN", closing "FY2026-CLOSE" */
  readonly id: PeriodId;
  readonly fiscalYear: string;
  readonly kind: PeriodKind;
  readonly name: string;
  readonly start: IsoDate;
  readonly end: IsoDate;
  readonly status: PeriodStatus;
  /** "All", "None" or a user group name */
  readonly access: string;
}

export interface User {
  readonly name: string;
  readonly fullName: string;
  /** group names */
  readonly groups: readonly string[];
  readonly roles: ReadonlySet<Role>;
  readonly active: boolean;
  /** 1-based row in tblUsers, when read from the workbook */
  readonly row?: number;
}

export type JournalStatus = "Draft" | "Error" | "Posted";
export const JOURNAL_STATUSES: readonly JournalStatus[] = ["Draft", "Error", "Posted"];

/** A draft journal line as the user typed it, decoded; `row` is its 1-based data row in the table. */
export interface JournalLine {
  readonly row: number;
  readonly journal: string;
  readonly draftVoucher: string;
  readonly date: IsoDate;
  readonly account: AccountNumber;
  readonly dimensions: DimensionSet;
  readonly currency: CurrencyCode;
  readonly debit?: Amount;
  readonly credit?: Amount;
  /** an explicit rate to the accounting currency for this line (accounting per 1 unit) */
  readonly rate?: Rate;
  readonly description: string;
  readonly status: JournalStatus;
  readonly message: string;
  readonly postedVoucher: string;
  /** an accrual: its voucher is posted with a reversal dated the first day of the next period */
  readonly autoReverse?: boolean;
  /** set when some cell of the row could not be read (the decoding issues name them) */
  readonly invalid?: boolean;
}

/** One row of the append-only posted ledger. Amounts are signed: debit positive, credit negative. */
export interface LedgerEntry {
  /** 1-based data row in tblLedger, when read from a workbook (not part of the entry's content) */
  readonly row?: number;
  readonly entryNo: number;
  readonly voucher: string;
  readonly date: IsoDate;
  readonly period: PeriodId;
  readonly account: AccountNumber;
  readonly dimensions: DimensionSet;
  readonly currency: CurrencyCode;
  readonly amount: Amount;
  readonly amountAccounting: Amount;
  readonly amountReporting?: Amount;
  readonly description: string;
  /** "journal:GJ-01", "close:FXREV", ... */
  readonly source: string;
  readonly runId: string;
  readonly settlementId: string;
  readonly user: string;
  /** ISO timestamp of posting */
  readonly postedAt: string;
}

export type RunStatus = "started" | "committed" | "reversed" | "rolled back" | "failed";

export interface RunRecord {
  /** 1-based data row in the runs table, when read from a workbook (the record's source) */
  readonly row?: number;
  readonly runId: string;
  readonly step: string;
  readonly period: string;
  readonly parameters: string;
  readonly user: string;
  readonly startedAt: string;
  readonly status: RunStatus;
  readonly vouchers: string;
  readonly lines: number;
  readonly note: string;
}

export interface AuditRecord {
  /** 1-based data row in the audit table, when read from a workbook (the record's source; not hashed) */
  readonly row?: number;
  readonly seq: number;
  readonly at: string;
  readonly user: string;
  /** post-journals, import, period-status, period-access, lock-exception, refused, override, recovery, ... */
  readonly action: string;
  readonly subject: string;
  readonly oldValue: string;
  readonly newValue: string;
  readonly reason: string;
  readonly detail: string;
  readonly runId: string;
  /** "$1$" + SHA-256 over the previous row's hash and this row */
  readonly hash: string;
}

/** A time-boxed exception to a period's access restriction (Odoo-style). */
export interface LockException {
  readonly period: string;
  /** a user name, or "*" for everyone */
  readonly user: string;
  /** ISO timestamp; the exception holds until then */
  readonly until: string;
  readonly reason: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

export interface Sequence {
  /** 1-based data row in the sequences table */
  readonly row: number;
  readonly name: string;
  readonly prefix: string;
  /** the next number to hand out; numbers below it are used, even if their run was rolled back */
  readonly next: number;
}
