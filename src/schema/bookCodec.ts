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
import { Amount, type RoundingMode } from "../core/money";
import type { RawTable } from "../ports/workbook";
import { decodeCell } from "./cells";
import { decodeEachRow, decodeTable, normalizeHeader, validRows, type DecodedRow, type ValidRow } from "./decodeTable";
import type { TableDef } from "./defineTable";
import { SETTING_KEYS } from "./settingsKeys";
import * as T from "./tables";
import { rawCell, where } from "./typedCells";
import { decodeUsers } from "./usersCodec";
import { WORKBOOK_WHERE } from "./where";
import { textOf } from "../core/text/textOf";

export type RawTables = (name: string) => RawTable | undefined;

type V = DecodedRow["values"];
const dims = (v: V, names: readonly string[]): Record<string, string> =>
  Object.fromEntries(names.map((n) => [n, v[`dim:${n}`] ?? ""]));

/**
 * The lines' dimension sets, one frozen object per distinct set of values (a million-line ledger has a few
 * hundred): lines with the same values share it. Example: two lines with Department SALES and Cost center
 * CC100 → the same { Department: "SALES", "Cost center": "CC100" }.
 */
function dimensionSets(names: readonly string[]): (v: V) => Readonly<Record<string, string>> {
  const keys = names.map((n) => `dim:${n}`);
  const known = new Map<string, Readonly<Record<string, string>>>();
  return (v) => {
    let k = "";
    for (const key of keys) {
      const text = String((v[key] as string | undefined) ?? "");
      k += `${text.length}:${text}`; // length first: no two sets of values give the same key
    }
    let set = known.get(k);
    if (set === undefined) {
      if (known.size >= 100_000) known.clear();
      set = Object.freeze(dims(v, names));
      known.set(k, set);
    }
    return set;
  };
}

function decodeSettings(raw: RawTable | undefined, issues: Issue[]): Settings {
  const table = decodeTable(T.SETTINGS, raw, []);
  issues.push(...table.issues);
  const byLabel = new Map(SETTING_KEYS.map((k) => [normalizeHeader(k.label), k]));
  const values: Record<string, unknown> = {};
  for (const r of table.rows) {
    const label = r.values.setting ?? "";
    const key = byLabel.get(normalizeHeader(label));
    if (!key) {
      issues.push(
        issue(
          "UNKNOWN_SETTING",
          `"${label}" is not a Closebook setting; it is ignored.`,
          where(T.SETTINGS, "setting", r.row),
          "warning",
        ),
      );
      continue;
    }
    const cell = rawCell(T.SETTINGS, raw, r.row, "value") ?? null;
    const d = decodeCell(key.type, cell, key.values);
    if (!d.ok)
      issues.push(issue("BAD_CELL", `${key.label}: the value ${d.problem}.`, where(T.SETTINGS, "value", r.row)));
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
      issues.push(issue("MISSING_SETTING", `The setting "${k.label}" is missing.`, where(T.SETTINGS, "value")));
  }
  const accounting = textOf(values.accountingCurrency).toUpperCase();
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
      issue(
        "BAD_SETTING",
        `Fiscal year start month must be 1 to 12, not ${settings.fiscalYearStartMonth}.`,
        where(T.SETTINGS, "value"),
      ),
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

/** The rows of a table whose every cell decoded (the others are reported), typed by its declaration. */
function rowsOf<D extends TableDef>(
  def: D,
  raw: RawTable | undefined,
  names: readonly string[],
  issues: Issue[],
): ValidRow<D>[] {
  const t = decodeTable(def, raw, names);
  issues.push(...t.issues);
  return validRows(t.rows);
}

function duplicates<R extends DecodedRow<TableDef>>(
  table: string,
  column: string,
  rows: readonly R[],
  key: (v: R["values"]) => string,
  issues: Issue[],
): R[] {
  const seen = new Map<string, number>();
  const out: R[] = [];
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
    (v) => v.code,
    issues,
  );
  const currencies = new Map<string, Currency>();
  for (const r of currencyRows) {
    const precision = r.values.precision;
    if (precision < 0 || precision > 6) {
      issues.push(
        issue("BAD_CELL", `Precision must be 0 to 6, not ${precision}.`, where(T.CURRENCIES, "precision", r.row)),
      );
      continue;
    }
    const code = r.values.code.toUpperCase();
    currencies.set(code, { code, name: r.values.name ?? "", precision });
  }
  const accounts = new Map<string, Account>();
  for (const r of duplicates(
    T.ACCOUNTS.name,
    "Account",
    rowsOf(T.ACCOUNTS, tables(T.ACCOUNTS.name), [], issues),
    (v) => v.number,
    issues,
  )) {
    const v = r.values;
    accounts.set(v.number, {
      row: r.row,
      number: v.number,
      name: v.name,
      type: v.type,
      category: v.category ?? "",
      revalue: v.revalue ?? false,
      settle: v.settle ?? false,
      active: v.active ?? true,
      blocked: v.blocked ?? false,
      ...optional("currency", v.currency?.toUpperCase()),
      ...optional("revalueRateType", v.revalueRateType),
    });
  }
  const dimensions: Dimension[] = duplicates(
    T.DIMENSIONS.name,
    "Dimension",
    rowsOf(T.DIMENSIONS, tables(T.DIMENSIONS.name), [], issues),
    (v) => v.name,
    issues,
  ).map((r) => ({
    name: r.values.name,
    description: r.values.description ?? "",
    required: r.values.required ?? false,
  }));
  const dimensionValues = new Map<string, Map<string, DimensionValue>>(dimensions.map((d) => [d.name, new Map()]));
  for (const r of rowsOf(T.DIMENSION_VALUES, tables(T.DIMENSION_VALUES.name), [], issues)) {
    const dimension = r.values.dimension;
    const values = dimensionValues.get(dimension);
    if (!values) {
      issues.push(
        issue(
          "UNKNOWN_DIMENSION",
          `Dimension "${dimension}" is not declared in ${T.DIMENSIONS.name}.`,
          where(T.DIMENSION_VALUES, "dimension", r.row),
        ),
      );
      continue;
    }
    const value = r.values.value;
    values.set(value, {
      dimension,
      value,
      description: r.values.description ?? "",
      active: r.values.active ?? true,
    });
  }
  const rates: ExchangeRate[] = [];
  for (const r of rowsOf(T.RATES, tables(T.RATES.name), [], issues)) {
    const v = r.values;
    const rate = v.rate;
    const quotationUnit = v.quotationUnit ?? 1;
    if (!rate.isPositive() || quotationUnit <= 0) {
      issues.push(
        issue(
          "BAD_RATE",
          `A rate and its quotation unit must be positive.`,
          where(T.RATES, rate.isPositive() ? "quotationUnit" : "rate", r.row),
        ),
      );
      continue;
    }
    rates.push({
      row: r.row,
      date: v.date,
      from: v.from.toUpperCase(),
      to: v.to.toUpperCase(),
      type: v.type,
      rate,
      quotationUnit,
      source: v.source ?? "",
    });
  }
  const periods: FiscalPeriod[] = [];
  for (const r of duplicates(
    T.PERIODS.name,
    "Period",
    rowsOf(T.PERIODS, tables(T.PERIODS.name), [], issues),
    (v) => v.id,
    issues,
  )) {
    const v = r.values;
    if (v.end < v.start) {
      issues.push(issue("BAD_PERIOD", `Period ${v.id} ends before it starts.`, where(T.PERIODS, "end", r.row)));
      continue;
    }
    periods.push({
      row: r.row,
      id: v.id,
      fiscalYear: v.fiscalYear,
      kind: v.kind,
      name: v.name || v.id,
      start: v.start,
      end: v.end,
      status: v.status,
      access: v.access || "All",
    });
  }
  const users = decodeUsers(tables(T.USERS.name), issues);
  return { settings, currencies, accounts, dimensions, dimensionValues, rates, periods, users, where: WORKBOOK_WHERE };
}

/**
 * The journal lines a close reads (issue #14): drafts, failed and error lines (the draft checks, the rate checks,
 * the group journals) and the auto-reversing ones (the adjustments list). Every other line is posted and only
 * posting, validation and the period lock read it. Example: a Posted line without Auto-reverse → false.
 */
export const isOpenJournalLine = (l: Pick<JournalLine, "status" | "autoReverse">): boolean =>
  l.status !== "Posted" || l.autoReverse === true;

/**
 * The journal's lines (`keep`: only those it accepts; the issues are every row's either way).
 * Example: decodeJournal(raw, names, issues, isOpenJournalLine) on 1M posted lines and 2 drafts → the 2 drafts.
 */
export function decodeJournal(
  raw: RawTable | undefined,
  names: readonly string[],
  issues: Issue[],
  keep?: (l: JournalLine) => boolean,
): JournalLine[] {
  // invalid rows stay visible to validation as "Error" lines: their required cells may be blank
  const dimensionsOf = dimensionSets(names);
  const lines: JournalLine[] = [];
  const t = decodeEachRow(T.JOURNAL, raw, names, (r) => {
    const v = r.values;
    const status = v.status ?? "Draft";
    const line: JournalLine = {
      row: r.row,
      journal: v.journal ?? "",
      draftVoucher: v.draftVoucher ?? "",
      date: v.date ?? "",
      account: v.account ?? "",
      dimensions: dimensionsOf(v),
      currency: (v.currency ?? "").toUpperCase(),
      debit: v.debit,
      credit: v.credit,
      rate: v.rate,
      description: v.description ?? "",
      status: r.invalid && status !== "Posted" ? "Error" : status,
      message: v.message ?? "",
      postedVoucher: v.postedVoucher ?? "",
      autoReverse: v.autoReverse ?? false,
      invalid: r.invalid,
    };
    if (!keep || keep(line)) lines.push(line);
  });
  issues.push(...t.issues);
  return lines;
}

export function decodeLedger(raw: RawTable | undefined, names: readonly string[], issues: Issue[]): LedgerEntry[] {
  const dimensionsOf = dimensionSets(names);
  const lines: LedgerEntry[] = [];
  // each valid row becomes its entry as it is decoded (validRows' rule: an invalid row is left out)
  const t = decodeEachRow(T.LEDGER, raw, names, (d) => {
    if (d.invalid) return;
    const r = d as ValidRow<typeof T.LEDGER>;
    const v = r.values;
    lines.push({
      row: r.row,
      entryNo: v.entryNo,
      voucher: v.voucher,
      date: v.date,
      period: v.period,
      account: v.account,
      dimensions: dimensionsOf(v),
      currency: v.currency,
      amount: v.amount,
      amountAccounting: v.amountAccounting,
      amountReporting: v.amountReporting,
      description: v.description ?? "",
      source: v.source ?? "",
      runId: v.runId ?? "",
      settlementId: v.settlementId ?? "",
      user: v.user ?? "",
      postedAt: v.postedAt ?? "",
    });
  });
  issues.push(...t.issues);
  return lines;
}

/** A Book field of a table the operation did not read: a programming error, so a missing declaration never reads as empty. */
export class TableNotReadError extends Error {
  override readonly name = "TableNotReadError";
  constructor(
    readonly table: string,
    field?: string,
  ) {
    super(
      `${table} was not read by this operation${field ? ` (book.${field})` : ""}: declare it among the tables the command reads.`,
    );
  }
}

/** The table each Book field besides the setup is decoded from. */
export const BOOK_FIELD_TABLES = {
  sequences: T.SEQUENCES,
  journal: T.JOURNAL,
  ledger: T.LEDGER,
  runs: T.RUNS,
  audit: T.AUDIT,
  lockExceptions: T.LOCK_EXCEPTIONS,
  seals: T.SEALS,
  sealRows: T.SEAL_ROWS,
  settlements: T.SETTLEMENTS,
} as const satisfies Record<Exclude<keyof Book, "setup">, TableDef>;

type BookField = keyof typeof BOOK_FIELD_TABLES;

/** Makes `field` of `book` throw TableNotReadError when read (enumerable: a spread of the book throws too). */
function notRead(book: object, field: BookField): void {
  Object.defineProperty(book, field, {
    enumerable: true,
    configurable: true,
    get: () => {
      throw new TableNotReadError(BOOK_FIELD_TABLES[field].name, field);
    },
  });
}

/** The book with `patch` over it; a field whose table was not read keeps throwing (a spread would throw on it). */
export function bookWith(book: Book, patch: Partial<Book>): Book {
  const out = Object.defineProperties({}, Object.getOwnPropertyDescriptors(book)) as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch))
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out as unknown as Book;
}

/** Whether `field` of `book` was read (false for a field of a table the operation did not read). */
export function wasRead(book: Book, field: BookField): boolean {
  return !Object.getOwnPropertyDescriptor(book, field)?.get;
}

/**
 * Decodes the tables into a Book. `read`: the tables the operation read (default: every one); the setup
 * is always decoded, and a field whose table is not in `read` throws TableNotReadError when used.
 * `options.journal`: keep only the journal lines it accepts (isOpenJournalLine: what a close reads).
 */
export function decodeBook(
  tables: RawTables,
  read?: ReadonlySet<string>,
  options: {
    readonly journal?: (l: JournalLine) => boolean;
    /** the journal's lines and issues decoded before (its rows let go): book.journal when the journal is not in `read` */
    readonly journalLines?: { readonly lines: readonly JournalLine[]; readonly issues: readonly Issue[] };
  } = {},
): { book: Book; issues: Issue[] } {
  const issues: Issue[] = [];
  const setup = decodeSetup(tables, issues);
  const names = setup.dimensions.map((d) => d.name);
  const decoders: { readonly [K in BookField]: () => Book[K] } = {
    sequences: () => decodeSequences(tables, issues),
    journal: () => decodeJournal(tables(T.JOURNAL.name), names, issues, options.journal),
    ledger: () => decodeLedger(tables(T.LEDGER.name), names, issues),
    runs: () => decodeRuns(tables, issues),
    audit: () => decodeAudit(tables, issues),
    lockExceptions: () => decodeLockExceptions(tables, issues),
    seals: () => decodeSeals(tables, issues),
    sealRows: () => decodeSealRows(tables, issues),
    settlements: () => decodeSettlements(tables, issues),
  };
  const book: Record<string, unknown> = { setup };
  // in the order of the fields (the order of the issues)
  for (const field of Object.keys(BOOK_FIELD_TABLES) as BookField[]) {
    if (field === "journal" && options.journalLines && read && !read.has(T.JOURNAL.name)) {
      book.journal = options.journalLines.lines;
      issues.push(...options.journalLines.issues);
    } else if (read && !read.has(BOOK_FIELD_TABLES[field].name)) notRead(book, field);
    else book[field] = decoders[field]();
  }
  return { book: book as unknown as Book, issues };
}

function decodeSequences(tables: RawTables, issues: Issue[]): Sequence[] {
  return rowsOf(T.SEQUENCES, tables(T.SEQUENCES.name), [], issues).map((r) => ({
    row: r.row,
    name: r.values.name,
    prefix: r.values.prefix ?? "",
    next: r.values.next,
  }));
}

function decodeRuns(tables: RawTables, issues: Issue[]): RunRecord[] {
  return rowsOf(T.RUNS, tables(T.RUNS.name), [], issues).map((r) => ({
    row: r.row,
    runId: r.values.runId,
    step: r.values.step,
    period: r.values.period ?? "",
    parameters: r.values.parameters ?? "",
    user: r.values.user ?? "",
    startedAt: r.values.startedAt ?? "",
    status: (r.values.status ?? "") as RunRecord["status"], // a text column: the run states are not declared as values
    vouchers: r.values.vouchers ?? "",
    lines: r.values.lines ?? 0,
    note: r.values.note ?? "",
  }));
}

function decodeAudit(tables: RawTables, issues: Issue[]): AuditRecord[] {
  return rowsOf(T.AUDIT, tables(T.AUDIT.name), [], issues).map((r) => ({
    row: r.row,
    seq: r.values.seq,
    at: r.values.at,
    user: r.values.user ?? "",
    action: r.values.action,
    subject: r.values.subject ?? "",
    oldValue: r.values.oldValue ?? "",
    newValue: r.values.newValue ?? "",
    reason: r.values.reason ?? "",
    detail: r.values.detail ?? "",
    runId: r.values.runId ?? "",
    hash: r.values.hash ?? "",
  }));
}

function decodeLockExceptions(tables: RawTables, issues: Issue[]): LockException[] {
  return rowsOf(T.LOCK_EXCEPTIONS, tables(T.LOCK_EXCEPTIONS.name), [], issues).map((r) => ({
    period: r.values.period,
    user: r.values.user,
    until: r.values.until,
    reason: r.values.reason,
    createdBy: r.values.createdBy ?? "",
    createdAt: r.values.createdAt ?? "",
  }));
}

function decodeSeals(tables: RawTables, issues: Issue[]): SealRecord[] {
  return rowsOf(T.SEALS, tables(T.SEALS.name), [], issues).map((r) => ({
    row: r.row,
    period: r.values.period,
    version: r.values.version,
    status: r.values.status,
    firstEntry: r.values.firstEntry,
    lastEntry: r.values.lastEntry,
    count: r.values.count,
    debit: r.values.debit ?? Amount.ZERO,
    credit: r.values.credit ?? Amount.ZERO,
    hash: r.values.hash,
    previousHash: r.values.previousHash ?? "",
    sealedBy: r.values.sealedBy ?? "",
    sealedAt: r.values.sealedAt ?? "",
    reason: r.values.reason ?? "",
    runId: r.values.runId ?? "",
  }));
}

function decodeSealRows(tables: RawTables, issues: Issue[]): SealRow[] {
  return rowsOf(T.SEAL_ROWS, tables(T.SEAL_ROWS.name), [], issues).map((r) => ({
    period: r.values.period,
    entryNo: r.values.entryNo,
    position: r.values.position,
    hash: r.values.hash,
    fingerprints: r.values.fingerprints,
    runId: r.values.runId ?? "",
  }));
}

function decodeSettlements(tables: RawTables, issues: Issue[]): Book["settlements"] {
  const settlementRows: SettlementRow[] = rowsOf(T.SETTLEMENTS, tables(T.SETTLEMENTS.name), [], issues).map((r) => ({
    settlementId: r.values.settlementId,
    date: r.values.date,
    account: r.values.account,
    basis: r.values.basis,
    currency: r.values.currency,
    how: r.values.how,
    status: r.values.status,
    reversedOn: r.values.reversedOn ?? "",
    entryNo: r.values.entryNo,
    settledAmount: r.values.settledAmount,
    settledAccounting: r.values.settledAccounting,
    ...optional("settledReporting", r.values.settledReporting),
  }));
  return fromSettlementRows(settlementRows);
}
