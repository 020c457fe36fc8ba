/**
 * Runs: every write that touches several tables is a run with an id, so a
 * failure at any step can be detected and repaired. The order is always:
 *   1. reserve numbers (run id, vouchers) in tblSequences;
 *   2. append the run row with status "started", the row count of every table
 *      the run will append to ("tails"), and what it will change (e.g. the old
 *      status of a period);
 *   3. append and update the tables;
 *   4. append the audit rows;
 *   5. mark the run "committed" — last.
 * A run found "started" when a workbook is opened never finished: recover.ts
 * cuts the tables back to their tails, undoes its cell changes, and marks it
 * "rolled back".
 *
 * Example: startRun(port, ctx, { step: "post-journals", tails: { tblLedger: 594 }, ... })
 *   → { runId: "RUN-000003", row: 3 }, tblRuns row 3 = started; later finishRun → committed.
 */
import type { Book } from "../core/ledger/book";
import { issue, type Issue } from "../core/issues/issue";
import type { CellValue, RawTable, RowsMovedError, WorkbookPort } from "../ports/workbook";
import { normalizeHeader } from "../schema/decodeTable";
import { tableHeaders, type TableDef } from "../schema/defineTable";
import { encodeRecords } from "../schema/records";
import { AUDIT, JOURNAL, RUNS, SEQUENCES } from "../schema/tables";
import { cellUpdates, headers, keyedUpdates } from "../schema/typedCells";
import { tailTable } from "./loadBook";
import { findSequence, formatNumber, isIssue } from "./sequences";

/** A table a run appends rows to (encoded in Closebook's column order), with its dimension columns. */
export interface AppendTarget {
  readonly def: TableDef;
  readonly dims?: readonly string[];
}

/** What a run writes beyond tblSequences, tblRuns and tblAudit: tables it appends to, and columns it updates per table. */
export interface RunWrites {
  readonly appends?: readonly AppendTarget[];
  readonly updates?: Readonly<Record<string, readonly string[]>>;
}

/**
 * What stops a run from writing at all: a table it appends to that is missing or
 * whose columns are not Closebook's, in Closebook's order (rows are written by
 * position, so a missing, extra, renamed or moved column would put values under
 * the wrong headers or fail half-way), or a column it updates that is missing
 * (updates find columns by name, case-insensitively).
 *
 * Example: tblAudit without its "Reason" column → TABLE_LAYOUT at tblAudit, column Reason.
 */
export function layoutIssues(raw: ReadonlyMap<string, RawTable | undefined>, writes: RunWrites): Issue[] {
  const out: Issue[] = [];
  const missing = (table: string) =>
    issue("MISSING_TABLE", `The workbook has no table ${table}, which this command writes to; nothing was written.`, {
      table,
    });
  for (const { def, dims = [] } of writes.appends ?? []) {
    // the headers are all an append needs: of the rows read, or of a table's tail (loadBook.ts)
    const t = tailTable(raw, def.name);
    if (!t) {
      out.push(missing(def.name));
      continue;
    }
    const expected = tableHeaders(def, dims);
    const width = Math.max(expected.length, t.headers.length);
    for (let i = 0; i < width; i++) {
      if (normalizeHeader(String(expected[i] ?? "")) === normalizeHeader(String(t.headers[i] ?? ""))) continue;
      out.push(
        issue(
          "TABLE_LAYOUT",
          `Table ${def.name} does not have Closebook's columns in Closebook's order (${expected.join(", ")}); rows cannot be added to it, so nothing was written. Restore its columns.`,
          {
            table: def.name,
            column: expected[i] ?? String(t.headers[i]),
          },
        ),
      );
      break;
    }
  }
  for (const [table, columns] of Object.entries(writes.updates ?? {})) {
    const t = raw.get(table);
    if (!t) {
      out.push(missing(table));
      continue;
    }
    for (const c of columns) {
      if (!t.headers.some((h) => String(h).toLowerCase() === c.toLowerCase()))
        out.push(
          issue(
            "MISSING_COLUMN",
            `Table ${table} has no column "${c}", which this command writes to; nothing was written.`,
            { table, column: c },
          ),
        );
    }
  }
  return out;
}

export interface RunPlan {
  readonly step: string;
  readonly period: string;
  /** row counts, before the run, of the tables it appends to */
  readonly tails: Readonly<Record<string, number>>;
  /** step-specific facts recovery needs (old values), plus the user's parameters */
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly user: string;
  readonly now: string;
  /** voucher range the run will post, if any ("GL-000010..GL-000014") */
  readonly vouchers?: string;
  readonly lines?: number;
  /** what the run writes besides sequences, runs and audit, checked before anything is written */
  readonly writes?: RunWrites;
}

export interface RunHandle {
  readonly runId: string;
  /** 1-based data row of the run in tblRuns */
  readonly row: number;
}

/** The data row count of `table` before a run appends to it: of its rows read, or of its tail (loadBook.ts). */
export function tailOf(raw: ReadonlyMap<string, RawTable | undefined>, table: string): number {
  return tailTable(raw, table)?.rows ?? 0;
}

/** Reserves the run number (and `extra` numbers of other sequences) and appends the "started" row. */
export async function startRun(
  port: WorkbookPort,
  book: Book,
  raw: ReadonlyMap<string, RawTable | undefined>,
  plan: RunPlan,
  reserve: readonly { name: string; next: number }[] = [],
): Promise<RunHandle | Issue> {
  const runSeq = findSequence(book, "run");
  if (isIssue(runSeq)) return runSeq;
  const layout = layoutIssues(raw, {
    appends: [{ def: RUNS }, { def: AUDIT }, ...(plan.writes?.appends ?? [])],
    updates: { [SEQUENCES.name]: headers(SEQUENCES, ["next"]), ...plan.writes?.updates },
  });
  if (layout.length) return layout[0]!;
  const updates = cellUpdates(SEQUENCES, runSeq.row, { next: runSeq.next + 1 });
  for (const r of reserve) {
    const s = findSequence(book, r.name);
    if (isIssue(s)) return s;
    updates.push(...cellUpdates(SEQUENCES, s.row, { next: r.next }));
  }
  const runId = formatNumber(runSeq.prefix, runSeq.next);
  await port.updateCells(SEQUENCES.name, updates);
  const row = tailOf(raw, RUNS.name) + 1;
  const parameters = JSON.stringify({ ...plan.parameters, tails: plan.tails });
  await port.appendRows(
    RUNS.name,
    encodeRecords(
      RUNS,
      [],
      [
        {
          runId,
          step: plan.step,
          period: plan.period,
          parameters,
          user: plan.user,
          startedAt: plan.now,
          status: "started",
          vouchers: plan.vouchers ?? "",
          lines: plan.lines ?? 0,
          note: "",
        },
      ],
    ),
  );
  return { runId, row };
}

export async function finishRun(
  port: WorkbookPort,
  run: RunHandle,
  status: "committed" | "rolled back" = "committed",
  note?: string,
): Promise<void> {
  // by key: the run row must still be this run's (a user may sort tblRuns while its sheet is unprotected for the write)
  const key = [run.runId];
  await port.updateCellsByKey(
    RUNS.name,
    headers(RUNS, ["runId"]),
    keyedUpdates(RUNS, run.row, key, { status, ...(note ? { note } : {}) }),
  );
}

/**
 * The columns that identify a journal line as the posting read it: every column the posting reads
 * (tblJournal's declared columns but the three it writes, plus the dimension columns), so a line the
 * user sorted away or edited since the read is refused rather than marked with values the ledger does not hold.
 */
export const JOURNAL_KEY = JOURNAL.columns
  .filter((c) => c.key !== "status" && c.key !== "message" && c.key !== "postedVoucher")
  .map((c) => c.header);

export function journalKeys(
  t: RawTable | undefined,
  dimensions: readonly string[] = [],
): { columns: string[]; keyOf: (row: number) => CellValue[] } {
  const wanted = [...JOURNAL_KEY, ...dimensions];
  const idx = wanted.map((c) => t?.headers.findIndex((h) => normalizeHeader(String(h)) === normalizeHeader(c)) ?? -1);
  const columns = wanted.filter((_, k) => idx[k]! >= 0);
  const at = idx.filter((i) => i >= 0);
  return { columns, keyOf: (row) => at.map((i) => t?.rows[row - 1]?.[i] ?? null) };
}

/** A write refused because the user moved rows since they were read (updateCellsByKey). */
export function rowsMovedIssue(e: RowsMovedError): Issue {
  return issue(
    "ROWS_MOVED",
    `Rows of ${e.table} were sorted, inserted, deleted or edited while Closebook was writing (data row ${e.row}, ${e.column}, no longer holds what was read); nothing was marked. Leave the sheet as it is and run the command again.`,
    { table: e.table, row: e.row, column: e.column },
  );
}

export function runIssue(e: Issue | RunHandle): e is Issue {
  return isIssue(e);
}
