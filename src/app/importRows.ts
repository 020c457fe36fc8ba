/**
 * The CSV side of an import (importCsv.ts): the header matched against the table's columns, a content already
 * imported found by its hash, and the data records decoded cell by cell into the table's rows. Each problem
 * names the file, its row (1 = the first data row) and the column.
 *
 * Example: header "Account,Name,Type,Colour" for tblAccounts → UNKNOWN_COLUMN "Colour"; the record
 *   "1040,Savings,assett" (row 2) → BAD_CELL at data.csv row 2, Type: holds "assett"; expected one of asset, ….
 */
import { issue, type Issue } from "../core/issues/issue";
import type { Book } from "../core/ledger/book";
import type { CellValue, RawTable } from "../ports/workbook";
import { decodeCell, encodeCell } from "../schema/cells";
import type { ResolvedColumn, TableDef } from "../schema/defineTable";
import { matchColumns, normalizeHeader } from "../schema/decodeTable";
import * as T from "../schema/tables";
import { unknownColumn } from "./importRefusal";

/** The most characters an Excel cell holds. */
const MAX_CELL_TEXT = 32767;

/** What an empty CSV cell becomes in each table (else blank). */
const DEFAULTS: Readonly<Record<string, Readonly<Record<string, CellValue>>>> = {
  [T.JOURNAL.name]: { status: "Draft" },
  [T.ACCOUNTS.name]: { active: true, revalue: false, settle: false, blocked: false },
  [T.PERIODS.name]: { status: "Open", access: "All" },
  [T.RATES.name]: { quotationUnit: 1 },
  [T.USERS.name]: { active: true },
  [T.DIMENSION_VALUES.name]: { active: true },
  [T.ALLOCATION_RULES.name]: { active: true },
};

/** MISSING_COLUMN for each required column the file lacks, UNKNOWN_COLUMN for each header the table does not have. */
export function headerIssues(
  def: TableDef,
  columns: readonly ResolvedColumn[],
  header: readonly string[],
  file: string,
): Issue[] {
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
  return issues;
}

/** DUPLICATE_IMPORT when a committed import run put the same content (by SHA-256) into the same table. */
export function duplicateImport(
  book: Pick<Book, "runs">,
  table: string,
  contentHash: string,
  file: string,
): Issue | undefined {
  const earlier = book.runs.find(
    (r) =>
      r.step === "import" &&
      r.status === "committed" &&
      r.parameters.includes(`"sha256":"${contentHash}"`) &&
      r.parameters.includes(`"table":"${table}"`),
  );
  if (!earlier) return undefined;
  return issue(
    "DUPLICATE_IMPORT",
    `This content of ${file} was already imported into ${table} by run ${earlier.runId} (${earlier.startedAt}); import it again only if you mean to.`,
    { table: file },
  );
}

export interface CsvRows {
  /** the rows to append, in the workbook table's column order */
  readonly newRows: CellValue[][];
  /** each new row's CSV row (1 = the first data row); blank records are skipped */
  readonly csvRowOf: number[];
  readonly issues: Issue[];
}

/** The data records (after the header) decoded into the table's rows; blank records skipped, defaults filled in. */
export function rowsFromCsv(
  records: Iterable<readonly string[]>,
  t: { def: TableDef; columns: readonly ResolvedColumn[]; header: readonly string[]; existing: RawTable; file: string },
): CsvRows {
  const { def, file } = t;
  const positions = matchColumns(t.columns, t.header);
  const targetIndex = new Map(t.existing.headers.map((h, i) => [normalizeHeader(String(h)), i]));
  const out: CsvRows = { newRows: [], csvRowOf: [], issues: [] };
  let csvRow = 0;
  for (const cells of records) {
    csvRow++;
    if (cells.every((c) => c.trim() === "")) continue;
    const row: CellValue[] = t.existing.headers.map(() => null);
    for (const c of t.columns) {
      const pos = positions.get(c.key);
      const d = cellFromText(c, pos === undefined ? "" : (cells[pos] ?? ""));
      if (!d.ok) {
        out.issues.push(issue("BAD_CELL", `${c.header} ${d.problem}.`, { table: file, row: csvRow, column: c.header }));
        continue;
      }
      const value = d.value === undefined ? (DEFAULTS[def.name]?.[c.key] ?? null) : encodeCell(c.type, d.value);
      const target = targetIndex.get(normalizeHeader(c.header));
      if (target !== undefined) row[target] = value;
      else if (value !== null)
        out.issues.push(
          issue("MISSING_COLUMN", `The workbook's ${def.name} has no column "${c.header}" to import into.`, {
            table: def.name,
            column: c.header,
          }),
        );
    }
    out.newRows.push(row);
    out.csvRowOf.push(csvRow);
  }
  return out;
}

/** A CSV field decoded as the column's type; too long or holding a control character is a problem of its own. */
function cellFromText(c: ResolvedColumn, text: string): ReturnType<typeof decodeCell> {
  if (text.length > MAX_CELL_TEXT)
    return { ok: false, problem: `holds ${text.length} characters, more than the ${MAX_CELL_TEXT} a cell takes` };
  // eslint-disable-next-line no-control-regex -- finding them is the point: a cell cannot hold them
  const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.exec(text)?.[0];
  if (control !== undefined)
    return {
      ok: false,
      problem: `holds the control character U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}, which a cell cannot hold; remove it`,
    };
  return decodeCell(c.type, text, c.values);
}
