/**
 * Every workbook table, declared once. Names start with "tbl" so none reads
 * as a cell address. Journal and ledger carry one column per dimension
 * declared in tblDimensions (after "Account").
 *
 * Example: the posted ledger lives in table tblLedger on sheet "Ledger", with
 * headers Entry no, Voucher, Date, Period, Account, <dimensions>, Currency,
 * Amount, Amount (accounting), Amount (reporting), Description, Source, Run id,
 * Settlement id, User, Posted at.
 */
import {
  ACCOUNT_TYPES,
  JOURNAL_STATUSES,
  PERIOD_KINDS,
  PERIOD_STATUSES,
  RATE_TYPES,
  ROLES,
} from "../core/ledger/types";
import { CHECKLIST_TABLES } from "./checklistTables";
import { GROUP_TABLES } from "./consolidationTables";
import { col, defineTable, type TableDef } from "./defineTable";

export const SCHEMA_VERSION = 1;

export const SETTINGS = defineTable({
  name: "tblSettings",
  sheet: "Settings",
  description: "Company settings, one setting per row.",
  columns: [
    col("setting", "Setting", "text", { required: true }),
    col("value", "Value", "text"),
    col("description", "Description", "text"),
  ],
});

export const ACCOUNTS = defineTable({
  name: "tblAccounts",
  sheet: "Accounts",
  description: "Chart of accounts.",
  columns: [
    col("number", "Account", "text", { required: true }),
    col("name", "Name", "text", { required: true }),
    col("type", "Type", "enum", { required: true, values: ACCOUNT_TYPES }),
    col("category", "Statement category", "text"),
    col("currency", "Currency", "text", { description: "only this currency may be posted (blank = any)" }),
    col("revalue", "Revalue", "bool"),
    col("revalueRateType", "Revaluation rate type", "enum", { values: RATE_TYPES }),
    col("settle", "Settle", "bool"),
    col("active", "Active", "bool"),
    col("blocked", "Blocked", "bool"),
    col("reconcile", "Reconcile", "bool", { description: "a reconciliation task per period (close checklist)" }),
  ],
});

export const DIMENSIONS = defineTable({
  name: "tblDimensions",
  sheet: "Dimensions",
  description: "Financial dimensions; each one becomes a column of the journal and the ledger.",
  columns: [
    col("name", "Dimension", "text", { required: true }),
    col("description", "Description", "text"),
    col("required", "Required", "bool"),
  ],
});

export const DIMENSION_VALUES = defineTable({
  name: "tblDimensionValues",
  sheet: "Dimension values",
  description: "Allowed values per dimension.",
  columns: [
    col("dimension", "Dimension", "text", { required: true }),
    col("value", "Value", "text", { required: true }),
    col("description", "Description", "text"),
    col("active", "Active", "bool"),
  ],
});

export const CURRENCIES = defineTable({
  name: "tblCurrencies",
  sheet: "Currencies",
  description: "Currencies and their precision (decimals of the smallest unit).",
  columns: [
    col("code", "Currency", "text", { required: true }),
    col("name", "Name", "text"),
    col("precision", "Precision", "int", { required: true }),
  ],
});

export const RATES = defineTable({
  name: "tblRates",
  sheet: "Rates",
  description: "Exchange rates: Quotation unit units of From are worth Rate units of To.",
  columns: [
    col("date", "Date", "date", { required: true }),
    col("from", "From", "text", { required: true }),
    col("to", "To", "text", { required: true }),
    col("type", "Rate type", "enum", { required: true, values: RATE_TYPES }),
    col("rate", "Rate", "rate", { required: true }),
    col("quotationUnit", "Quotation unit", "int"),
    col("source", "Source", "text"),
  ],
});

export const PERIODS = defineTable({
  name: "tblPeriods",
  sheet: "Calendar",
  description: "Fiscal calendar: opening, 12 operating and a closing period per year, with status and access.",
  columns: [
    col("id", "Period", "text", { required: true }),
    col("fiscalYear", "Fiscal year", "text", { required: true }),
    col("kind", "Kind", "enum", { required: true, values: PERIOD_KINDS }),
    col("name", "Name", "text"),
    col("start", "Start", "date", { required: true }),
    col("end", "End", "date", { required: true }),
    col("status", "Status", "enum", { required: true, values: PERIOD_STATUSES }),
    col("access", "Access", "text", { description: "All, None or a user group" }),
  ],
});

export const USERS = defineTable({
  name: "tblUsers",
  sheet: "Users",
  description: "Users, the groups they belong to and their roles (both comma-separated).",
  columns: [
    col("name", "User", "text", { required: true }),
    col("fullName", "Full name", "text"),
    col("groups", "Groups", "list"),
    col("roles", "Roles", "list", {
      values: ROLES,
      description: 'preparer, reviewer, controller, admin; the setting "Lock roles" says which may change period locks',
    }),
    col("active", "Active", "bool"),
  ],
});

export const SEQUENCES = defineTable({
  name: "tblSequences",
  sheet: "Sequences",
  description: "Number sequences; a number once handed out is never reused.",
  columns: [
    col("name", "Sequence", "text", { required: true }),
    col("prefix", "Prefix", "text"),
    col("next", "Next", "int", { required: true }),
  ],
});

export const JOURNAL = defineTable({
  name: "tblJournal",
  sheet: "Journal",
  description: "Draft journal lines, posted by Closebook into the ledger.",
  dimensionsAfter: "account",
  columns: [
    col("journal", "Journal", "text", { required: true }),
    col("draftVoucher", "Draft voucher", "text", { required: true }),
    col("date", "Date", "date", { required: true }),
    col("account", "Account", "text", { required: true }),
    col("currency", "Currency", "text", { required: true }),
    col("debit", "Debit", "amount"),
    col("credit", "Credit", "amount"),
    col("rate", "Rate", "rate", { description: "accounting currency per 1 unit; blank = from tblRates" }),
    col("description", "Description", "text"),
    col("status", "Status", "enum", { values: JOURNAL_STATUSES }),
    col("message", "Message", "text"),
    col("postedVoucher", "Posted voucher", "text"),
    col("autoReverse", "Auto-reverse", "bool", {
      description: "an accrual: posted with a reversal dated the first day of the next period",
    }),
  ],
});

export const LEDGER = defineTable({
  name: "tblLedger",
  sheet: "Ledger",
  description: "The posted general ledger. Append-only: rows are never changed or deleted.",
  dimensionsAfter: "account",
  appendOnly: true,
  columns: [
    col("entryNo", "Entry no", "int", { required: true }),
    col("voucher", "Voucher", "text", { required: true }),
    col("date", "Date", "date", { required: true }),
    col("period", "Period", "text", { required: true }),
    col("account", "Account", "text", { required: true }),
    col("currency", "Currency", "text", { required: true }),
    col("amount", "Amount", "amount", { required: true }),
    col("amountAccounting", "Amount (accounting)", "amount", { required: true }),
    col("amountReporting", "Amount (reporting)", "amount"),
    col("description", "Description", "text"),
    col("source", "Source", "text"),
    col("runId", "Run id", "text"),
    col("settlementId", "Settlement id", "text"),
    col("user", "User", "text"),
    col("postedAt", "Posted at", "timestamp"),
  ],
});

export const RUNS = defineTable({
  name: "tblRuns",
  sheet: "Runs",
  description: "History of every posting and close run.",
  columns: [
    col("runId", "Run id", "text", { required: true }),
    col("step", "Step", "text", { required: true }),
    col("period", "Period", "text"),
    col("parameters", "Parameters", "text"),
    col("user", "User", "text"),
    col("startedAt", "Started at", "timestamp"),
    col("status", "Status", "text"),
    col("vouchers", "Vouchers", "text"),
    col("lines", "Lines", "int"),
    col("note", "Note", "text"),
  ],
});

export const AUDIT = defineTable({
  name: "tblAudit",
  sheet: "Audit",
  description:
    "Audit log of every post, run, reversal, import, status change, override and refused attempt. Append-only and hash-chained.",
  appendOnly: true,
  columns: [
    col("seq", "Seq", "int", { required: true }),
    col("at", "At", "timestamp", { required: true }),
    col("user", "User", "text"),
    col("action", "Action", "text", { required: true }),
    col("subject", "Subject", "text", { description: "what the action concerns: a period, a run, a table" }),
    col("oldValue", "Old value", "text"),
    col("newValue", "New value", "text"),
    col("reason", "Reason", "text"),
    col("detail", "Detail", "text"),
    col("runId", "Run id", "text"),
    col("hash", "Hash", "text", { description: "$version$SHA-256 over the previous hash and this row" }),
  ],
});

export const LOCK_EXCEPTIONS = defineTable({
  name: "tblLockExceptions",
  sheet: "Lock exceptions",
  description:
    "Time-boxed exceptions to a period's access restriction: a user (or * for everyone) may post into an Open period until a time.",
  columns: [
    col("period", "Period", "text", { required: true }),
    col("user", "User", "text", { required: true, description: "a user name, or * for everyone" }),
    col("until", "Until", "timestamp", { required: true }),
    col("reason", "Reason", "text", { required: true }),
    col("createdBy", "Created by", "text"),
    col("createdAt", "Created at", "timestamp"),
    col("runId", "Run id", "text"),
  ],
});

export const SEALS = defineTable({
  name: "tblSeals",
  sheet: "Seals",
  description:
    "The hash-chain seal of each period put On hold or Permanently closed. Append-only: a reopened period's seal is marked broken, a new one is appended.",
  appendOnly: true,
  columns: [
    col("period", "Period", "text", { required: true }),
    col("version", "Version", "int", { required: true }),
    col("status", "Status", "enum", { required: true, values: ["sealed", "unsealed"] }),
    col("firstEntry", "First entry", "int"),
    col("lastEntry", "Last entry", "int"),
    col("count", "Count", "int", { required: true }),
    col("debit", "Total debit", "amount"),
    col("credit", "Total credit", "amount"),
    col("hash", "Hash", "text", { required: true }),
    col("previousHash", "Previous hash", "text"),
    col("sealedBy", "Sealed by", "text"),
    col("sealedAt", "Sealed at", "timestamp"),
    col("reason", "Reason", "text"),
    col("runId", "Run id", "text"),
  ],
});

export const SEAL_ROWS = defineTable({
  name: "tblSealRows",
  sheet: "Seal rows",
  description:
    "Per sealed ledger row: its chain hash and a short fingerprint per column, so verify can name the row and column that changed.",
  appendOnly: true,
  columns: [
    col("period", "Period", "text", { required: true }),
    col("entryNo", "Entry no", "int", { required: true }),
    col("position", "Position", "int", { required: true }),
    col("hash", "Row hash", "text", { required: true }),
    col("fingerprints", "Column fingerprints", "text", { required: true }),
    col("runId", "Run id", "text"),
  ],
});

export const SETTLEMENTS = defineTable({
  name: "tblSettlements",
  sheet: "Settlements",
  description:
    "The settlements register: one row per settlement and settled ledger entry. Rows are only appended; a reversal changes the status.",
  columns: [
    col("settlementId", "Settlement id", "text", { required: true }),
    col("date", "Date", "date", { required: true }),
    col("account", "Account", "text", { required: true }),
    col("basis", "Basis", "enum", { required: true, values: ["transaction", "accounting"] }),
    col("currency", "Currency", "text", { required: true }),
    col("how", "How", "enum", { required: true, values: ["manual", "partial", "automatic"] }),
    col("status", "Status", "enum", { required: true, values: ["settled", "reversed"] }),
    col("reversedOn", "Reversed on", "date"),
    col("entryNo", "Entry no", "int", { required: true }),
    col("settledAmount", "Settled amount", "amount", { required: true }),
    col("settledAccounting", "Settled (accounting)", "amount", { required: true }),
    col("settledReporting", "Settled (reporting)", "amount"),
    col("runId", "Run id", "text"),
  ],
});

export const ALLOCATION_RULES = defineTable({
  name: "tblAllocationRules",
  sheet: "Allocation rules",
  description:
    "Allocation rules, one row per destination; rows with the same Rule form one rule. Each row may name its own basis (blank: the first row's); method, source, fixed amount and offset are given on the first row, and a later row that differs is an error.",
  columns: [
    col("rule", "Rule", "text", { required: true }),
    col("description", "Description", "text"),
    col("method", "Method", "enum", { required: true, values: ["fixedPercentage", "fixedWeight", "equally", "basis"] }),
    col("sourceAccounts", "Source accounts", "text", {
      description:
        "accounts: 6100, 6100-6199 or 61*; with a fixed amount one account, blank when an offset account is given",
    }),
    col("sourceDimensions", "Source dimensions", "text", { description: "e.g. Department=ADMIN; CostCenter=CC100" }),
    col("fixedAmount", "Fixed amount", "amount"),
    col("destinationAccount", "Destination account", "text", { required: true }),
    col("destinationDimensions", "Destination dimensions", "text"),
    col("percentage", "Percentage", "rate"),
    col("weight", "Weight", "rate"),
    col("basisAccounts", "Basis accounts", "text"),
    col("basisDimensions", "Basis dimensions", "text"),
    col("offsetAccount", "Offset account", "text", { description: "blank: credit the source" }),
    col("offsetDimensions", "Offset dimensions", "text"),
    col("active", "Active", "bool"),
  ],
});

export const JOURNALIZING = defineTable({
  name: "tblJournalizing",
  sheet: "Journalizing",
  description:
    "Journalizing: the journalizing number given to each reported voucher (once) by closebook journal-report --journalize. Append-only.",
  appendOnly: true,
  columns: [
    col("journalizingNo", "Journalizing no", "text", { required: true }),
    col("voucher", "Voucher", "text", { required: true }),
    col("date", "Date", "date"),
    col("from", "From", "date"),
    col("to", "To", "date"),
    col("runId", "Run id", "text"),
    col("user", "User", "text"),
    col("at", "At", "timestamp"),
  ],
});

export const RUN_TRACE = defineTable({
  name: "tblRunTrace",
  sheet: "Run trace",
  description:
    "The calculation trace of every posted close-step run (what its preview showed), so each posted voucher can be re-performed. Append-only.",
  appendOnly: true,
  columns: [
    col("runId", "Run id", "text", { required: true }),
    col("step", "Step", "text"),
    col("key", "Key", "text", {
      description: "what the row computes for: a rule and destination, an account and currency",
    }),
    col("inputs", "Inputs", "text"),
    col("rate", "Rate", "text", { description: "value (type, date, per quotation unit; how it was found)" }),
    col("formula", "Formula", "text", { description: "the formula with the numbers filled in" }),
    col("result", "Result", "text"),
    col("residue", "Residue", "text", { description: "what rounding left over" }),
  ],
});

export const WRITE_LOCK = defineTable({
  name: "tblWriteLock",
  sheet: "Write lock",
  description:
    "Who is writing to the workbook now (co-authoring): at most one claim, taken before every write and cleared after it; a claim past its expiry may be taken over.",
  columns: [
    col("user", "User", "text", { required: true }),
    col("operation", "Operation", "text"),
    col("claimedAt", "Claimed at", "timestamp"),
    col("expires", "Expires", "timestamp", { required: true }),
    col("token", "Token", "text", { description: "identifies the claiming session" }),
  ],
});

/**
 * Only in a published workbook (`closebook publish`, src/app/publish.ts): one row saying which
 * period it publishes and the seal it carries; `verify` checks such a file by it. Not in ALL_TABLES.
 */
export const PUBLISHED = defineTable({
  name: "tblPublished",
  sheet: "Published",
  description:
    "A published period's identity: period, status, whether a draft, the seal carried (hash, rows, version), who closed and who published it.",
  columns: [
    col("period", "Period", "text", { required: true }),
    col("start", "Start", "date"),
    col("end", "End", "date"),
    col("status", "Status", "text"),
    col("draft", "Draft", "bool"),
    col("company", "Company", "text"),
    col("sealHash", "Seal hash", "text", { required: true }),
    col("sealedRows", "Sealed rows", "int"),
    col("sealVersion", "Seal version", "int"),
    col("sealedBy", "Sealed by", "text"),
    col("sealedAt", "Sealed at", "timestamp"),
    col("publishedBy", "Published by", "text"),
    col("publishedAt", "Published at", "timestamp"),
    col("version", "Closebook version", "text"),
  ],
});

/** In the order sheets appear in a new workbook. */
export const ALL_TABLES: readonly TableDef[] = [
  SETTINGS,
  ACCOUNTS,
  DIMENSIONS,
  DIMENSION_VALUES,
  CURRENCIES,
  RATES,
  PERIODS,
  USERS,
  SEQUENCES,
  JOURNAL,
  LEDGER,
  RUNS,
  AUDIT,
  LOCK_EXCEPTIONS,
  SEALS,
  SEAL_ROWS,
  SETTLEMENTS,
  ALLOCATION_RULES,
  JOURNALIZING,
  RUN_TRACE,
  WRITE_LOCK,
  ...CHECKLIST_TABLES,
];

/**
 * Every table Closebook declares, by name: ALL_TABLES (what every workbook gets at setup, and what
 * loadBook expects) and a group workbook's own GROUP_TABLES (consolidationTables.ts; an entity
 * workbook never gets them, so they are not in ALL_TABLES).
 */
export function tableByName(name: string): TableDef | undefined {
  const n = name.toLowerCase();
  return ALL_TABLES.find((t) => t.name.toLowerCase() === n) ?? GROUP_TABLES.find((t) => t.name.toLowerCase() === n);
}
