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
import { postJournal } from "../core/posting/postJournal";
import { validateSetup } from "../core/setup/validateSetup";
import type { Clock } from "../ports/clock";
import type { CellValue, RawTable } from "../ports/workbook";
import { decodeAllocationRules } from "../schema/allocationRulesCodec";
import { decodeBook } from "../schema/bookCodec";
import { decodeCell, encodeCell } from "../schema/cells";
import { resolveColumns, type TableDef } from "../schema/defineTable";
import { matchColumns, normalizeHeader } from "../schema/decodeTable";
import * as T from "../schema/tables";
import { gateSealed } from "./integrityGuard";
import { parseCsv } from "./csv";
import { draft } from "../core/audit/auditChain";
import { sha256Hex } from "../core/crypto/sha256";
import { LOCK_GOVERNED_TABLES, recordImportRefusal, refuseLockedImport, unknownColumn } from "./importRefusal";
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

/** The most characters an Excel cell holds. */
const MAX_CELL_TEXT = 32767;

export interface ImportOptions {
  readonly table: string;
  readonly csv: string;
  readonly fileName: string;
  readonly user: string;
  readonly clock: Clock;
  /** import even if the same content was imported into the same table before */
  readonly allowDuplicate?: boolean;
}

export interface ImportResult {
  readonly imported: number;
  readonly issues: readonly Issue[];
  /** settings: rows that already held their value */
  readonly unchanged?: number;
  /** the posting gate refused journal lines and the refusal was recorded in the audit log */
  readonly refusalRecorded?: boolean;
}

const DEFAULTS: Readonly<Record<string, Readonly<Record<string, CellValue>>>> = {
  [T.JOURNAL.name]: { status: "Draft" },
  [T.ACCOUNTS.name]: { active: true, revalue: false, settle: false, blocked: false },
  [T.PERIODS.name]: { status: "Open", access: "All" },
  [T.RATES.name]: { quotationUnit: 1 },
  [T.USERS.name]: { active: true },
  [T.DIMENSION_VALUES.name]: { active: true },
  [T.ALLOCATION_RULES.name]: { active: true },
};

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
  const lines = parseCsv(options.csv);
  const header = lines[0];
  if (!header) return { imported: 0, issues: [issue("EMPTY_FILE", `${file} is empty.`, { table: file })] };
  const issues: Issue[] = [];
  const positions = matchColumns(columns, header);
  for (const c of columns)
    if (c.required && !positions.has(c.key))
      issues.push(
        issue("MISSING_COLUMN", `${file} has no column "${c.header}", which ${def.name} requires.`, {
          table: file,
          column: c.header,
        }),
      );
  const known = new Set(columns.map((c) => normalizeHeader(c.header)));
  for (const h of header) if (h.trim() && !known.has(normalizeHeader(h))) issues.push(unknownColumn(h, def.name, file));
  if (hasErrors(issues)) return { imported: 0, issues };
  const contentHash = sha256Hex(options.csv);
  const earlier = book.runs.find(
    (r) =>
      r.step === "import" &&
      r.status === "committed" &&
      r.parameters.includes(`"sha256":"${contentHash}"`) &&
      r.parameters.includes(`"table":"${def.name}"`),
  );
  if (earlier && !options.allowDuplicate) {
    return {
      imported: 0,
      issues: [
        issue(
          "DUPLICATE_IMPORT",
          `This content of ${file} was already imported into ${def.name} by run ${earlier.runId} (${earlier.startedAt}); import it again only if you mean to.`,
          { table: file },
        ),
      ],
    };
  }

  const targetIndex = new Map(existing.headers.map((h, i) => [normalizeHeader(String(h)), i]));
  const newRows: CellValue[][] = [];
  const csvRowOf: number[] = [];
  lines.slice(1).forEach((cells, i) => {
    const csvRow = i + 1;
    if (cells.every((c) => c.trim() === "")) return;
    const out: CellValue[] = existing.headers.map(() => null);
    for (const c of columns) {
      const pos = positions.get(c.key);
      const text = pos === undefined ? "" : (cells[pos] ?? "");
      const target = targetIndex.get(normalizeHeader(c.header));
      // eslint-disable-next-line no-control-regex -- finding them is the point: a cell cannot hold them
      const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.exec(text)?.[0];
      const d =
        text.length > MAX_CELL_TEXT
          ? {
              ok: false as const,
              problem: `holds ${text.length} characters, more than the ${MAX_CELL_TEXT} a cell takes`,
            }
          : control !== undefined
            ? {
                ok: false as const,
                problem: `holds the control character U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}, which a cell cannot hold; remove it`,
              }
            : decodeCell(c.type, text, c.values);
      if (!d.ok) {
        issues.push(issue("BAD_CELL", `${c.header} ${d.problem}.`, { table: file, row: csvRow, column: c.header }));
        continue;
      }
      const value = d.value === undefined ? (DEFAULTS[def.name]?.[c.key] ?? null) : encodeCell(c.type, d.value);
      if (target === undefined) {
        if (value !== null)
          issues.push(
            issue("MISSING_COLUMN", `The workbook's ${def.name} has no column "${c.header}" to import into.`, {
              table: def.name,
              column: c.header,
            }),
          );
        continue;
      }
      out[target] = value;
    }
    newRows.push(out);
    csvRowOf.push(csvRow);
  });
  if (newRows.length === 0) issues.push(issue("EMPTY_FILE", `${file} has no data rows.`, { table: file }));
  if (hasErrors(issues)) return { imported: 0, issues: dedupe(issues) };

  // Validate the table as it would be after the import.
  const base = existing.rows.length;
  const merged: RawTable = { ...existing, rows: [...existing.rows, ...newRows] };
  const lookup = (name: string) => (name === def.name ? merged : raw.get(name));
  const toCsv = (i: Issue): Issue => {
    const row = i.at?.row;
    if (i.at?.table !== def.name || row === undefined || row <= base) return i;
    const message =
      i.code === "DUPLICATE_KEY"
        ? duplicateMessage(merged, row, i.at.column ?? "", (first) =>
            first <= base ? `${def.name} row ${first}` : `${file} row ${csvRowOf[first - base - 1]}`,
          )
        : i.message;
    return { ...i, message, at: { ...i.at, table: file, row: csvRowOf[row - base - 1] ?? row } };
  };
  const before = decodeBook((n) => raw.get(n));
  const beforeKeys = new Set(
    [...before.issues, ...validateSetup(before.book.setup)].map((i) => `${i.code}|${i.message}`),
  );
  const after = decodeBook(lookup);
  const fresh = [...after.issues, ...validateSetup(after.book.setup)].filter(
    (i) => !beforeKeys.has(`${i.code}|${i.message}`),
  );
  issues.push(...fresh.map(toCsv));
  if (def === T.ALLOCATION_RULES) {
    const today = options.clock.now().slice(0, 10);
    const earlier = new Set(ruleIssues(existing, before.book.setup, today).map((i) => `${i.code}|${i.message}`));
    issues.push(
      ...ruleIssues(merged, after.book.setup, today)
        .filter((i) => !earlier.has(`${i.code}|${i.message}`))
        .map(toCsv),
    );
  }
  const now = options.clock.now();
  let overrides: ReturnType<typeof postJournal>["overrides"] = [];
  if (def === T.JOURNAL) {
    const imported = after.book.journal.filter((l) => l.row > base);
    // the same gate as posting: lock exceptions and seals as of now
    const locks = { exceptions: book.lockExceptions, sealed: gateSealed(book) };
    const sim = postJournal({
      setup: after.book.setup,
      journal: imported,
      user: options.user,
      now,
      runId: "SIMULATION",
      nextEntryNo: 1,
      nextVoucherNo: 1,
      voucherPrefix: "SIM-",
      locks,
    });
    issues.push(...sim.issues.map(toCsv));
    overrides = sim.overrides;
    const refused = sim.issues.filter((i) => GATE_CODES.has(i.code));
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

  const result = await writeRun(
    session,
    {
      operation: `import ${def.name}`,
      now,
      run: {
        step: "import",
        period: "",
        tails: { [def.name]: base },
        parameters: { table: def.name, file, sha256: contentHash },
        lines: newRows.length,
      },
    },
    async ({ port }) => {
      await port.appendRows(def.name, newRows);
      return {
        result: undefined,
        audit: [
          draft(now, options.user, "import", {
            subject: def.name,
            detail: `${newRows.length} rows from ${file} into ${def.name}`,
          }),
          ...overrides.map((x) =>
            draft(now, options.user, "override", {
              subject: x.period,
              reason: x.reason,
              detail: `imported journal lines under the lock exception for ${x.user} until ${x.until}, created by ${x.createdBy}`,
            }),
          ),
        ],
      };
    },
  );
  if (result) return { imported: 0, issues: dedupe([...issues, result]) };
  return { imported: newRows.length, issues: dedupe(issues) };
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
