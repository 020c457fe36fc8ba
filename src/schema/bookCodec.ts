/**
 * Decodes every table of a workbook into a Book, collecting cell issues.
 * Rows with undecodable cells are kept out of the Book (and reported), except
 * in the journal, where they stay visible to validation as "Error" lines.
 *
 * Example: decodeBook(raw).book.setup.settings.accountingCurrency === "USD";
 * a rate row with Rate "n/a" gives the issue "tblRates row 7, Rate: holds the
 * text "n/a", not a number ..." and that rate is left out.
 */
import { issue, type Issue } from "../core/issues/issue";
import type { Book, Setup } from "../core/ledger/book";
import type { SealRecord, SealRow } from "../core/seal/seal";
import { fromSettlementRows, type SettlementRow } from "../core/close/settlementModel";
import type {
  Account,
  AuditRecord,
  Currency,
  Dimension,
  DimensionValue,
  ExchangeRate,
  FiscalPeriod,
  JournalLine,
  LedgerEntry,
  LockException,
  RunRecord,
  Sequence,
  Role,
  Settings,
} from "../core/ledger/types";
import { Amount, type Rate, type RoundingMode } from "../core/money";
import type { RawTable } from "../ports/workbook";
import { decodeCell } from "./cells";
import { decodeTable, normalizeHeader, type DecodedRow } from "./decodeTable";
import { SETTING_KEYS } from "./settingsKeys";
import * as T from "./tables";
import { decodeUsers } from "./usersCodec";

export type RawTables = (name: string) => RawTable | undefined;

type V = DecodedRow["values"];
const str = (v: V, k: string): string => (v[k] === undefined ? "" : String(v[k]));
const opt = (v: V, k: string): string | undefined => (v[k] === undefined ? undefined : String(v[k]));
const bool = (v: V, k: string, d: boolean): boolean => (typeof v[k] === "boolean" ? (v[k] as boolean) : d);
const num = (v: V, k: string, d: number): number => (typeof v[k] === "number" ? (v[k] as number) : d);
const amt = (v: V, k: string): Amount | undefined => v[k] as Amount | undefined;
const dims = (v: V, names: readonly string[]): Record<string, string> =>
  Object.fromEntries(names.map((n) => [n, str(v, `dim:${n}`)]));

function decodeSettings(raw: RawTable | undefined, issues: Issue[]): Settings {
  const table = decodeTable(T.SETTINGS, raw, []);
  issues.push(...table.issues);
  const byLabel = new Map(SETTING_KEYS.map((k) => [normalizeHeader(k.label), k]));
  const values: Record<string, unknown> = {};
  for (const r of table.rows) {
    const label = str(r.values, "setting");
    const key = byLabel.get(normalizeHeader(label));
    if (!key) {
      issues.push(
        issue(
          "UNKNOWN_SETTING",
          `"${label}" is not a Closebook setting; it is ignored.`,
          { table: T.SETTINGS.name, row: r.row, column: "Setting" },
          "warning",
        ),
      );
      continue;
    }
    const rowIndex = r.row - 1;
    const cell = raw?.rows[rowIndex]?.[raw.headers.findIndex((h) => normalizeHeader(String(h)) === "value")] ?? null;
    const d = decodeCell(key.type, cell, key.values);
    if (!d.ok)
      issues.push(
        issue("BAD_CELL", `${key.label}: the value ${d.problem}.`, {
          table: T.SETTINGS.name,
          row: r.row,
          column: "Value",
        }),
      );
    else if (d.value !== undefined) values[key.key] = d.value;
  }
  for (const k of SETTING_KEYS) {
    if (values[k.key] !== undefined) continue;
    if (k.defaultValue !== undefined)
      values[k.key] =
        k.type === "int"
          ? Number(k.defaultValue)
          : k.type === "list" || k.type === "bool"
            ? decodedDefault(k)
            : k.defaultValue;
    else if (k.required && raw)
      issues.push(
        issue("MISSING_SETTING", `The setting "${k.label}" is missing.`, { table: T.SETTINGS.name, column: "Value" }),
      );
  }
  const accounting = String(values.accountingCurrency ?? "").toUpperCase();
  const s = values as Record<string, string | number | undefined>;
  const text = (k: string) => (s[k] === undefined || s[k] === "" ? undefined : String(s[k]));
  const settings: Settings = {
    company: String(s.company ?? ""),
    accountingCurrency: accounting,
    fiscalYearStartMonth: Number(s.fiscalYearStartMonth ?? 1),
    defaultRateType: (s.defaultRateType ?? "spot") as Settings["defaultRateType"],
    triangulationCurrency: (text("triangulationCurrency") ?? accounting).toUpperCase(),
    roundingMode: (s.roundingMode ?? "halfAwayFromZero") as RoundingMode,
    roundingPlacement: (s.roundingPlacement ?? "roundingAccount") as Settings["roundingPlacement"],
    schemaVersion: Number(s.schemaVersion ?? 1),
    ...optional("reportingCurrency", text("reportingCurrency")?.toUpperCase()),
    ...optional("unrealizedGainAccount", text("unrealizedGainAccount")),
    ...optional("unrealizedLossAccount", text("unrealizedLossAccount")),
    ...optional("realizedGainAccount", text("realizedGainAccount")),
    ...optional("realizedLossAccount", text("realizedLossAccount")),
    ...optional("roundingAccount", text("roundingAccount")),
    ...optional("retainedEarningsAccount", text("retainedEarningsAccount")),
    ...optional("protectionPassword", text("protectionPassword")),
    ...optional("yearEndRerun", text("yearEndRerun") as Settings["yearEndRerun"]),
    lockRoles: values.lockRoles as readonly Role[],
    separateLockFromPosting: values.separateLockFromPosting === true,
  };
  if (settings.fiscalYearStartMonth < 1 || settings.fiscalYearStartMonth > 12) {
    issues.push(
      issue("BAD_SETTING", `Fiscal year start month must be 1 to 12, not ${settings.fiscalYearStartMonth}.`, {
        table: T.SETTINGS.name,
        column: "Value",
      }),
    );
  }
  return settings;
}

/** A list or yes/no setting's default, through the same codec as its cell. */
function decodedDefault(k: (typeof SETTING_KEYS)[number]): unknown {
  const d = decodeCell(k.type, k.defaultValue ?? null, k.values);
  return d.ok ? d.value : undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function rowsOf(
  def: Parameters<typeof decodeTable>[0],
  raw: RawTable | undefined,
  names: readonly string[],
  issues: Issue[],
  keepInvalid = false,
): DecodedRow[] {
  const t = decodeTable(def, raw, names);
  issues.push(...t.issues);
  return keepInvalid ? t.rows : t.rows.filter((r) => !r.invalid);
}

function duplicates(
  table: string,
  column: string,
  rows: readonly DecodedRow[],
  key: (v: V) => string,
  issues: Issue[],
): DecodedRow[] {
  const seen = new Map<string, number>();
  const out: DecodedRow[] = [];
  for (const r of rows) {
    const k = key(r.values).toUpperCase();
    const first = seen.get(k);
    if (first !== undefined) {
      issues.push(
        issue("DUPLICATE_KEY", `"${key(r.values)}" appears again (first at row ${first}); this row is ignored.`, {
          table,
          row: r.row,
          column,
        }),
      );
      continue;
    }
    seen.set(k, r.row);
    out.push(r);
  }
  return out;
}

export function decodeSetup(tables: RawTables, issues: Issue[]): Setup {
  const settings = decodeSettings(tables(T.SETTINGS.name), issues);
  const currencyRows = duplicates(
    T.CURRENCIES.name,
    "Currency",
    rowsOf(T.CURRENCIES, tables(T.CURRENCIES.name), [], issues),
    (v) => str(v, "code"),
    issues,
  );
  const currencies = new Map<string, Currency>();
  for (const r of currencyRows) {
    const precision = num(r.values, "precision", 2);
    if (precision < 0 || precision > 6) {
      issues.push(
        issue("BAD_CELL", `Precision must be 0 to 6, not ${precision}.`, {
          table: T.CURRENCIES.name,
          row: r.row,
          column: "Precision",
        }),
      );
      continue;
    }
    const code = str(r.values, "code").toUpperCase();
    currencies.set(code, { code, name: str(r.values, "name"), precision });
  }
  const accounts = new Map<string, Account>();
  for (const r of duplicates(
    T.ACCOUNTS.name,
    "Account",
    rowsOf(T.ACCOUNTS, tables(T.ACCOUNTS.name), [], issues),
    (v) => str(v, "number"),
    issues,
  )) {
    const v = r.values;
    const currency = opt(v, "currency")?.toUpperCase();
    const rateType = opt(v, "revalueRateType") as Account["revalueRateType"];
    accounts.set(str(v, "number"), {
      number: str(v, "number"),
      name: str(v, "name"),
      type: str(v, "type") as Account["type"],
      category: str(v, "category"),
      revalue: bool(v, "revalue", false),
      settle: bool(v, "settle", false),
      active: bool(v, "active", true),
      blocked: bool(v, "blocked", false),
      ...optional("currency", currency),
      ...optional("revalueRateType", rateType),
    });
  }
  const dimensions: Dimension[] = duplicates(
    T.DIMENSIONS.name,
    "Dimension",
    rowsOf(T.DIMENSIONS, tables(T.DIMENSIONS.name), [], issues),
    (v) => str(v, "name"),
    issues,
  ).map((r) => ({
    name: str(r.values, "name"),
    description: str(r.values, "description"),
    required: bool(r.values, "required", false),
  }));
  const dimensionValues = new Map<string, Map<string, DimensionValue>>(dimensions.map((d) => [d.name, new Map()]));
  for (const r of rowsOf(T.DIMENSION_VALUES, tables(T.DIMENSION_VALUES.name), [], issues)) {
    const dimension = str(r.values, "dimension");
    const values = dimensionValues.get(dimension);
    if (!values) {
      issues.push(
        issue("UNKNOWN_DIMENSION", `Dimension "${dimension}" is not declared in ${T.DIMENSIONS.name}.`, {
          table: T.DIMENSION_VALUES.name,
          row: r.row,
          column: "Dimension",
        }),
      );
      continue;
    }
    const value = str(r.values, "value");
    values.set(value, {
      dimension,
      value,
      description: str(r.values, "description"),
      active: bool(r.values, "active", true),
    });
  }
  const rates: ExchangeRate[] = [];
  for (const r of rowsOf(T.RATES, tables(T.RATES.name), [], issues)) {
    const v = r.values;
    const rate = v.rate as Rate;
    const quotationUnit = num(v, "quotationUnit", 1);
    if (!rate.isPositive() || quotationUnit <= 0) {
      issues.push(
        issue("BAD_RATE", `A rate and its quotation unit must be positive.`, {
          table: T.RATES.name,
          row: r.row,
          column: rate.isPositive() ? "Quotation unit" : "Rate",
        }),
      );
      continue;
    }
    rates.push({
      date: str(v, "date"),
      from: str(v, "from").toUpperCase(),
      to: str(v, "to").toUpperCase(),
      type: str(v, "type") as ExchangeRate["type"],
      rate,
      quotationUnit,
      source: str(v, "source"),
    });
  }
  const periods: FiscalPeriod[] = [];
  for (const r of duplicates(
    T.PERIODS.name,
    "Period",
    rowsOf(T.PERIODS, tables(T.PERIODS.name), [], issues),
    (v) => str(v, "id"),
    issues,
  )) {
    const v = r.values;
    if (str(v, "end") < str(v, "start")) {
      issues.push(
        issue("BAD_PERIOD", `Period ${str(v, "id")} ends before it starts.`, {
          table: T.PERIODS.name,
          row: r.row,
          column: "End",
        }),
      );
      continue;
    }
    periods.push({
      row: r.row,
      id: str(v, "id"),
      fiscalYear: str(v, "fiscalYear"),
      kind: str(v, "kind") as FiscalPeriod["kind"],
      name: str(v, "name") || str(v, "id"),
      start: str(v, "start"),
      end: str(v, "end"),
      status: str(v, "status") as FiscalPeriod["status"],
      access: str(v, "access") || "All",
    });
  }
  const users = decodeUsers(tables(T.USERS.name), issues);
  return { settings, currencies, accounts, dimensions, dimensionValues, rates, periods, users };
}

export function decodeJournal(raw: RawTable | undefined, names: readonly string[], issues: Issue[]): JournalLine[] {
  return rowsOf(T.JOURNAL, raw, names, issues, true).map((r) => {
    const v = r.values;
    const status = (opt(v, "status") ?? "Draft") as JournalLine["status"];
    return {
      row: r.row,
      journal: str(v, "journal"),
      draftVoucher: str(v, "draftVoucher"),
      date: str(v, "date"),
      account: str(v, "account"),
      dimensions: dims(v, names),
      currency: str(v, "currency").toUpperCase(),
      debit: amt(v, "debit"),
      credit: amt(v, "credit"),
      rate: v.rate as Rate | undefined,
      description: str(v, "description"),
      status: r.invalid && status !== "Posted" ? "Error" : status,
      message: str(v, "message"),
      postedVoucher: str(v, "postedVoucher"),
      autoReverse: bool(v, "autoReverse", false),
      invalid: r.invalid,
    };
  });
}

export function decodeLedger(raw: RawTable | undefined, names: readonly string[], issues: Issue[]): LedgerEntry[] {
  return rowsOf(T.LEDGER, raw, names, issues).map((r) => {
    const v = r.values;
    return {
      row: r.row,
      entryNo: num(v, "entryNo", 0),
      voucher: str(v, "voucher"),
      date: str(v, "date"),
      period: str(v, "period"),
      account: str(v, "account"),
      dimensions: dims(v, names),
      currency: str(v, "currency"),
      amount: amt(v, "amount") ?? Amount.ZERO,
      amountAccounting: amt(v, "amountAccounting") ?? Amount.ZERO,
      amountReporting: amt(v, "amountReporting"),
      description: str(v, "description"),
      source: str(v, "source"),
      runId: str(v, "runId"),
      settlementId: str(v, "settlementId"),
      user: str(v, "user"),
      postedAt: str(v, "postedAt"),
    };
  });
}

export function decodeBook(tables: RawTables): { book: Book; issues: Issue[] } {
  const issues: Issue[] = [];
  const setup = decodeSetup(tables, issues);
  const names = setup.dimensions.map((d) => d.name);
  const sequences: Sequence[] = rowsOf(T.SEQUENCES, tables(T.SEQUENCES.name), [], issues).map((r) => ({
    row: r.row,
    name: str(r.values, "name"),
    prefix: str(r.values, "prefix"),
    next: num(r.values, "next", 1),
  }));
  const journal = decodeJournal(tables(T.JOURNAL.name), names, issues);
  const ledger = decodeLedger(tables(T.LEDGER.name), names, issues);
  const runs: RunRecord[] = rowsOf(T.RUNS, tables(T.RUNS.name), [], issues).map((r) => ({
    runId: str(r.values, "runId"),
    step: str(r.values, "step"),
    period: str(r.values, "period"),
    parameters: str(r.values, "parameters"),
    user: str(r.values, "user"),
    startedAt: str(r.values, "startedAt"),
    status: str(r.values, "status") as RunRecord["status"],
    vouchers: str(r.values, "vouchers"),
    lines: num(r.values, "lines", 0),
    note: str(r.values, "note"),
  }));
  const audit: AuditRecord[] = rowsOf(T.AUDIT, tables(T.AUDIT.name), [], issues).map((r) => ({
    seq: num(r.values, "seq", 0),
    at: str(r.values, "at"),
    user: str(r.values, "user"),
    action: str(r.values, "action"),
    subject: str(r.values, "subject"),
    oldValue: str(r.values, "oldValue"),
    newValue: str(r.values, "newValue"),
    reason: str(r.values, "reason"),
    detail: str(r.values, "detail"),
    runId: str(r.values, "runId"),
    hash: str(r.values, "hash"),
  }));
  const lockExceptions: LockException[] = rowsOf(T.LOCK_EXCEPTIONS, tables(T.LOCK_EXCEPTIONS.name), [], issues).map(
    (r) => ({
      period: str(r.values, "period"),
      user: str(r.values, "user"),
      until: str(r.values, "until"),
      reason: str(r.values, "reason"),
      createdBy: str(r.values, "createdBy"),
      createdAt: str(r.values, "createdAt"),
    }),
  );
  const seals: SealRecord[] = rowsOf(T.SEALS, tables(T.SEALS.name), [], issues).map((r) => ({
    period: str(r.values, "period"),
    version: num(r.values, "version", 1),
    status: str(r.values, "status") as SealRecord["status"],
    firstEntry: r.values.firstEntry as number | undefined,
    lastEntry: r.values.lastEntry as number | undefined,
    count: num(r.values, "count", 0),
    debit: amt(r.values, "debit") ?? Amount.ZERO,
    credit: amt(r.values, "credit") ?? Amount.ZERO,
    hash: str(r.values, "hash"),
    previousHash: str(r.values, "previousHash"),
    sealedBy: str(r.values, "sealedBy"),
    sealedAt: str(r.values, "sealedAt"),
    reason: str(r.values, "reason"),
    runId: str(r.values, "runId"),
  }));
  const sealRows: SealRow[] = rowsOf(T.SEAL_ROWS, tables(T.SEAL_ROWS.name), [], issues).map((r) => ({
    period: str(r.values, "period"),
    entryNo: num(r.values, "entryNo", 0),
    position: num(r.values, "position", 0),
    hash: str(r.values, "hash"),
    fingerprints: str(r.values, "fingerprints"),
    runId: str(r.values, "runId"),
  }));
  const settlementRows: SettlementRow[] = rowsOf(T.SETTLEMENTS, tables(T.SETTLEMENTS.name), [], issues).map((r) => ({
    settlementId: str(r.values, "settlementId"),
    date: str(r.values, "date"),
    account: str(r.values, "account"),
    basis: str(r.values, "basis") as SettlementRow["basis"],
    currency: str(r.values, "currency"),
    how: str(r.values, "how") as SettlementRow["how"],
    status: str(r.values, "status") as SettlementRow["status"],
    reversedOn: str(r.values, "reversedOn"),
    entryNo: num(r.values, "entryNo", 0),
    settledAmount: amt(r.values, "settledAmount") ?? Amount.ZERO,
    settledAccounting: amt(r.values, "settledAccounting") ?? Amount.ZERO,
    ...optional("settledReporting", amt(r.values, "settledReporting")),
  }));
  const settlements = fromSettlementRows(settlementRows);
  return {
    book: { setup, sequences, journal, ledger, runs, audit, lockExceptions, seals, sealRows, settlements },
    issues,
  };
}
