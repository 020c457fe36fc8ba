/**
 * Use case: import rows from a CSV file (migrating from another system) into
 * one setup table or the draft journal. Columns are matched by header name;
 * every row is decoded and validated like any other input (for the journal:
 * the full posting validation, as a simulation); all or nothing — any error
 * and nothing is written. Issues name the CSV file, its line and column.
 *
 * Example: accounts.csv
 *   Account,Name,Type
 *   1020,Petty cash,asset
 *   1030,Savings,assett
 * → error "accounts.csv row 3, Type: holds "assett"; expected one of asset, …";
 *   the workbook is unchanged.
 *
 * Settings are an upsert by name (importSettings.ts). Allocation rules are
 * rows of tblAllocationRules, checked as rules (accounts, percentages, method).
 * Journal lines ask the posting gate as posting does (lock exceptions and
 * seals included); a refusal by the gate is recorded in the audit log.
 * Periods and users decide the locks: importing them needs a lock role
 * (importRefusal.ts), like changing a lock does.
 */
import { checkRule } from "../core/close/allocationRules";
import { hasErrors, issue, type Issue } from "../core/issues/issue";
import type { Setup } from "../core/ledger/book";
import type { LockException } from "../core/ledger/types";
import { validateSetup } from "../core/setup/validateSetup";
import type { Clock } from "../ports/clock";
import type { CellValue, RawTable } from "../ports/workbook";
import { decodeAllocationRules } from "../schema/allocationRulesCodec";
import { decodeBook } from "../schema/bookCodec";
import { resolveColumns, type TableDef } from "../schema/defineTable";
import { normalizeHeader } from "../schema/decodeTable";
import * as T from "../schema/tables";
import { gateSealed } from "./integrityGuard";
import { duplicateImport, headerIssues, rowsFromCsv } from "./importRows";
import { checkJournalImport } from "./importJournal";
import { csvRecords, parseCsv } from "./csv";
import { draft } from "../core/audit/auditChain";
import { sha256Hex } from "../core/crypto/sha256";
import { LOCK_GOVERNED_TABLES, recordImportRefusal, refuseLockedImport } from "./importRefusal";
import { importSettings } from "./importSettings";
import { writeSession, type Session, type Source } from "./operation";
import { GATE_CODES } from "./postJournals";
import { writeRun } from "./runRitual";
import { textOf } from "../core/text/textOf";

export const IMPORT_TABLES: Readonly<Record<string, TableDef>> = {
  accounts: T.ACCOUNTS,
  currencies: T.CURRENCIES,
  rates: T.RATES,
  periods: T.PERIODS,
  users: T.USERS,
  dimensions: T.DIMENSIONS,
  "dimension-values": T.DIMENSION_VALUES,
  journal: T.JOURNAL,
  "allocation-rules": T.ALLOCATION_RULES,
  settings: T.SETTINGS,
};

export interface ImportOptions {
  readonly table: string;
  readonly csv: string;
  readonly fileName: string;
  readonly user: string;
  readonly clock: Clock;
  /** import even if the same content was imported into the same table before */
  readonly allowDuplicate?: boolean;
  /** data rows a table can hold (tests make it small): Excel's 1,048,576 sheet rows less the heading row */
  readonly tableRows?: number;
}

/** A table's data rows at most: a worksheet's 1,048,576 rows less its heading row (tables here start in row 1). */
export const TABLE_ROWS = 1_048_575;

export interface ImportResult {
  readonly imported: number;
  readonly issues: readonly Issue[];
  /** settings: rows that already held their value */
  readonly unchanged?: number;
  /** the posting gate refused journal lines and the refusal was recorded in the audit log */
  readonly refusalRecorded?: boolean;
}

export async function importCsv(source: Source, options: ImportOptions): Promise<ImportResult> {
  const def = IMPORT_TABLES[options.table.toLowerCase()];
  if (!def)
    return {
      imported: 0,
      issues: [
        issue(
          "UNKNOWN_TABLE",
          `Cannot import into "${options.table}"; choose one of ${Object.keys(IMPORT_TABLES).join(", ")}.`,
        ),
      ],
    };
  const session = await writeSession(source, options);
  const { book, raw } = session.loaded;
  if (def === T.SETTINGS) return importSettings(session, options, parseCsv(options.csv));
  if (LOCK_GOVERNED_TABLES.has(def.name)) {
    const refused = await refuseLockedImport(session, options, def.name, def.name);
    if (refused) return refused;
  }
  const existing = raw.get(def.name);
  if (!existing)
    return {
      imported: 0,
      issues: [issue("MISSING_TABLE", `The workbook has no table ${def.name}.`, { table: def.name })],
    };
  const dims = def.dimensionsAfter ? book.setup.dimensions.map((d) => d.name) : [];
  const columns = resolveColumns(def, dims);
  const file = options.fileName;
  // records converted as they come: a 1M-line file is never held as string arrays too
  const records = csvRecords(options.csv);
  const first = records.next();
  const header = first.done ? undefined : first.value;
  if (!header) return { imported: 0, issues: [issue("EMPTY_FILE", `${file} is empty.`, { table: file })] };
  const issues = headerIssues(def, columns, header, file);
  if (hasErrors(issues)) return { imported: 0, issues };
  const contentHash = sha256Hex(options.csv);
  const duplicate = options.allowDuplicate ? undefined : duplicateImport(book, def.name, contentHash, file);
  if (duplicate) return { imported: 0, issues: [duplicate] };

  const { newRows, csvRowOf, issues: rowIssues } = rowsFromCsv(records, { def, columns, header, existing, file });
  issues.push(...rowIssues);
  if (newRows.length === 0) issues.push(issue("EMPTY_FILE", `${file} has no data rows.`, { table: file }));
  // refused before any check or write: the save would fail at the sheet's last row (issue #14's 1M import)
  const room = options.tableRows ?? TABLE_ROWS;
  if (existing.rows.length + newRows.length > room)
    issues.push(
      issue(
        "TABLE_FULL",
        `${def.name} would hold ${(existing.rows.length + newRows.length).toLocaleString("en-US")} rows after the import (${existing.rows.length.toLocaleString("en-US")} now, ${newRows.length.toLocaleString("en-US")} from ${file}); a worksheet holds 1,048,576 rows, ${room.toLocaleString("en-US")} below the heading row. Import into another workbook, or split the file.`,
        { table: def.name },
      ),
    );
  if (hasErrors(issues)) return { imported: 0, issues: dedupe(issues) };

  // Validate the table as it would be after the import.
  const base = existing.rows.length;
  const merged: RawTable = { ...existing, rows: [...existing.rows, ...newRows] };
  const toCsv = csvLocation({ table: def.name, file, base, merged, csvRowOf });
  const now = options.clock.now();
  let overrides: readonly LockException[] = [];
  if (def !== T.JOURNAL) issues.push(...tableIssuesAfter(def, raw, merged, now.slice(0, 10)).map(toCsv));
  else {
    // the new rows decoded and posted as a simulation, whole vouchers a chunk at a time (importJournal.ts)
    const checked = checkJournalImport({
      existing,
      base,
      newRows,
      setup: book.setup,
      dimensions: dims,
      user: options.user,
      now,
      // the same gate as posting: lock exceptions and seals as of now
      locks: { exceptions: book.lockExceptions, sealed: gateSealed(book) },
    });
    issues.push(...checked.issues.map(toCsv));
    overrides = checked.overrides;
    const refused = checked.issues.filter((i) => GATE_CODES.has(i.code));
    if (refused.length)
      return recordRefusal(session, {
        user: options.user,
        now,
        file,
        table: def.name,
        refused,
        issues: dedupe(issues),
      });
  }
  if (hasErrors(issues)) return { imported: 0, issues: dedupe(issues) };
  const failed = await writeImport(session, {
    def,
    file,
    base,
    newRows,
    contentHash,
    overrides,
    user: options.user,
    now,
  });
  if (failed) return { imported: 0, issues: dedupe([...issues, failed]) };
  return { imported: newRows.length, issues: dedupe(issues) };
}

/** Moves an issue on a new row of the table to the CSV's row (a duplicate key names the row holding it first). */
function csvLocation(t: {
  table: string;
  file: string;
  base: number;
  merged: RawTable;
  csvRowOf: readonly number[];
}): (i: Issue) => Issue {
  return (i) => {
    const row = i.at?.row;
    if (i.at?.table !== t.table || row === undefined || row <= t.base) return i;
    const message =
      i.code === "DUPLICATE_KEY"
        ? duplicateMessage(t.merged, row, i.at.column ?? "", (first) =>
            first <= t.base ? `${t.table} row ${first}` : `${t.file} row ${t.csvRowOf[first - t.base - 1]}`,
          )
        : i.message;
    return { ...i, message, at: { ...i.at, table: t.file, row: t.csvRowOf[row - t.base - 1] ?? row } };
  };
}

/**
 * A setup table's import checked as the whole book would decode after it: the issues decoding and setup
 * validation (and, for allocation rules, the rules' checks as of `today`) find after the import and not before.
 */
function tableIssuesAfter(
  def: TableDef,
  raw: ReadonlyMap<string, RawTable | undefined>,
  merged: RawTable,
  today: string,
): Issue[] {
  const existing = raw.get(def.name);
  const before = decodeBook((n) => raw.get(n));
  const beforeKeys = new Set(
    [...before.issues, ...validateSetup(before.book.setup)].map((i) => `${i.code}|${i.message}`),
  );
  const after = decodeBook((n) => (n === def.name ? merged : raw.get(n)));
  const issues = [...after.issues, ...validateSetup(after.book.setup)].filter(
    (i) => !beforeKeys.has(`${i.code}|${i.message}`),
  );
  if (def === T.ALLOCATION_RULES && existing) {
    const earlier = new Set(ruleIssues(existing, before.book.setup, today).map((i) => `${i.code}|${i.message}`));
    issues.push(...ruleIssues(merged, after.book.setup, today).filter((i) => !earlier.has(`${i.code}|${i.message}`)));
  }
  return issues;
}

/** The import written as one run: the rows appended, the import (and any lock exception used) audited. */
function writeImport(
  session: Session,
  w: {
    def: TableDef;
    file: string;
    base: number;
    newRows: readonly CellValue[][];
    contentHash: string;
    overrides: readonly LockException[];
    user: string;
    now: string;
  },
): Promise<Issue | undefined> {
  const { def, now, user } = w;
  return writeRun(
    session,
    {
      operation: `import ${def.name}`,
      now,
      run: {
        step: "import",
        period: "",
        tails: { [def.name]: w.base },
        parameters: { table: def.name, file: w.file, sha256: w.contentHash },
        lines: w.newRows.length,
      },
    },
    async ({ port }) => {
      await port.appendRows(def.name, w.newRows);
      return {
        result: undefined,
        audit: [
          draft(now, user, "import", {
            subject: def.name,
            detail: `${w.newRows.length} rows from ${w.file} into ${def.name}`,
          }),
          ...w.overrides.map((x) =>
            draft(now, user, "override", {
              subject: x.period,
              reason: x.reason,
              detail: `imported journal lines under the lock exception for ${x.user} until ${x.until}, created by ${x.createdBy}`,
            }),
          ),
        ],
      };
    },
  );
}

/** "Account "1000" is already in tblAccounts row 1; the import is refused." — names the row holding the key first. */
function duplicateMessage(table: RawTable, row: number, column: string, where: (firstRow: number) => string): string {
  const col = table.headers.findIndex((h) => normalizeHeader(String(h)) === normalizeHeader(column));
  const key = (r: readonly CellValue[] | undefined) => textOf(r?.[col]).trim().toUpperCase();
  const value = textOf(table.rows[row - 1]?.[col]).trim();
  const first = table.rows.findIndex((r) => key(r) === key(table.rows[row - 1])) + 1;
  return first > 0 && first < row
    ? `${column} "${value}" is already in ${where(first)}; the import is refused.`
    : `${column} "${value}" appears twice; the import is refused.`;
}

/** The allocation rules of a tblAllocationRules as they decode and check (accounts, method, percentages). */
function ruleIssues(table: RawTable, setup: Setup, date: string): Issue[] {
  const { rules, issues } = decodeAllocationRules(table, date);
  const places = setup.currencies.get(setup.settings.accountingCurrency)?.precision ?? 2;
  for (const r of rules) issues.push(...checkRule(r, setup, places, { from: date, to: date }).issues);
  return issues;
}

/** Records a refusal by the posting gate in the audit log, as posting does; nothing is imported. */
function recordRefusal(
  session: Session,
  r: { user: string; now: string; file: string; table: string; refused: readonly Issue[]; issues: Issue[] },
): Promise<ImportResult> {
  const codes = [...new Set(r.refused.map((i) => i.code))].join(", ");
  const periods = [...new Set(r.refused.map((i) => /[Pp]eriod (\S+)/.exec(i.message)?.[1] ?? ""))].filter(Boolean);
  const detail = `${r.refused.length} lines of ${r.file} refused by the posting gate (${codes})${periods.length ? ` for periods ${periods.join(", ")}` : ""}: ${r.refused[0]!.message}`;
  return recordImportRefusal(session, { user: r.user, now: r.now, table: r.table, detail, issues: r.issues });
}

function dedupe(issues: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.code}|${i.message}|${i.at?.table}|${i.at?.row}|${i.at?.column}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
