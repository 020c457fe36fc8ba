/**
 * Cross-table integrity: what the runs table says happened must agree with
 * the ledger, the seals, the calendar and the audit log. Each check is pure
 * (tables in, issues out); `verify`, `check` and the posting paths use them.
 *
 *  - ledger provenance: every ledger row belongs to a committed (or later
 *    reversed) run that recorded it: the run's "tails" say tblLedger had T rows
 *    before it and its "Lines" say it wrote N, so its rows are T+1..T+N.
 *  - period agreement: a period's status is what its last committed
 *    hold/close/reopen run left, a hold or close left a seal in force, and a seal
 *    in force was written by such a run.
 *  - audit coverage: every committed (or reversed) run has its audit rows,
 *    every run an audit row names is in tblRuns, and the run sequence has no gaps.
 *
 * Worked example: RUN-000001 post-journals, tails {tblLedger: 0}, Lines 4 → rows
 * 1..4 carry RUN-000001. A fifth row typed in with Run id "RUN-000001" is
 * LEDGER_ROW_OUTSIDE_RUN at tblLedger row 5; with Run id "" it is
 * LEDGER_ROW_WITHOUT_RUN. RUN-000002 period-hold 2026-03 committed, but the
 * seals were deleted and the status typed Open → PERIOD_STATUS_MISMATCH
 * (tblPeriods, Status) and PERIOD_SEAL_MISSING (tblSeals).
 */
import { issue, type Issue } from "../issues/issue";
import { cellAt, type Where } from "../issues/where";
import type { Book } from "../ledger/book";
import type { AuditRecord, FiscalPeriod, LedgerEntry, RunRecord, Sequence } from "../ledger/types";
import { activeSeals, type SealRecord } from "../seal/seal";

/** Statuses of a run whose writes stand (a reversed run's rows stay; its reversal adds new ones). */
const STANDING = new Set(["committed", "reversed"]);

interface Indexed {
  readonly run: RunRecord;
  /** 1-based row in tblRuns (as decoded) */
  readonly row: number;
}

function firstById(runs: readonly RunRecord[]): Map<string, Indexed> {
  const out = new Map<string, Indexed>();
  runs.forEach((run, i) => {
    const id = run.runId.trim();
    if (id && !out.has(id)) out.set(id, { run, row: run.row ?? i + 1 });
  });
  return out;
}

/** The ledger rows a run recorded it would write: the ledger's row count before it (its tail, by table name), and its line count. */
export function ledgerRange(run: RunRecord, ledgerTable: string): { tail: number; lines: number } | undefined {
  try {
    const p = JSON.parse(run.parameters) as { tails?: Record<string, unknown> } | null;
    const tail = p && typeof p === "object" ? p.tails?.[ledgerTable] : undefined;
    if (typeof tail !== "number" || !Number.isInteger(tail) || tail < 0) return undefined;
    return { tail, lines: Number.isInteger(run.lines) && run.lines >= 0 ? run.lines : 0 };
  } catch {
    return undefined;
  }
}

/**
 * The ledger's row count as the standing runs left it: the largest end (tail + lines) of a standing run's
 * recorded ledger range (0 without any). A ledger whose row count differs was written outside Closebook
 * (a row typed, pasted or deleted). Example: runs committed with tails 0 (4 lines) and 4 (6 lines), then one
 * rolled back with tail 10 → 10; a ledger of 11 rows differs.
 */
export function ledgerRowsOfRuns(runs: readonly RunRecord[], ledgerTable: string): number {
  let rows = 0;
  for (const { run } of firstById(runs).values()) {
    if (!STANDING.has(run.status)) continue;
    const r = ledgerRange(run, ledgerTable);
    if (r && r.tail + r.lines > rows) rows = r.tail + r.lines;
  }
  return rows;
}

/**
 * Every ledger row must belong to a standing run that recorded writing it.
 * `unreadable` are tblLedger rows that could not be decoded (already reported):
 * counted as present, so they do not also read as deleted.
 */
export function ledgerProvenance(
  where: Where,
  ledger: readonly LedgerEntry[],
  runs: readonly RunRecord[],
  unreadable: ReadonlySet<number> = new Set(),
): Issue[] {
  const out: Issue[] = [];
  const byId = firstById(runs);
  const rowOf = (e: LedgerEntry, i: number) => e.row ?? i + 1;
  const orphanRows: number[] = [];
  const byRun = new Map<string, { e: LedgerEntry; row: number }[]>();
  ledger.forEach((e, i) => {
    const row = rowOf(e, i);
    const id = e.runId.trim();
    const r = byId.get(id);
    const range = r && STANDING.has(r.run.status) ? ledgerRange(r.run, where.ledger.table) : undefined;
    if (!r || !range) {
      orphanRows.push(row);
      const why = !id
        ? "has no run id"
        : !r
          ? `names run ${id}, which is not in ${where.runs.table}`
          : !STANDING.has(r.run.status)
            ? `names run ${id}, which is ${r.run.status}`
            : `names run ${id}, which did not post ledger rows`;
      out.push(
        issue(
          "LEDGER_ROW_WITHOUT_RUN",
          `Ledger row ${row} (entry ${e.entryNo}, voucher ${e.voucher}) ${why}: only a committed posting run writes the ledger, so this row was typed or pasted in. Delete it, or post it as a journal.`,
          cellAt(where.ledger, "runId", row),
        ),
      );
      return;
    }
    const list = byRun.get(id) ?? [];
    list.push({ e, row });
    byRun.set(id, list);
  });
  orphanRows.sort((a, b) => a - b);
  const orphansBefore = (row: number) => {
    let n = 0;
    while (n < orphanRows.length && orphanRows[n]! < row) n++;
    return n;
  };
  for (const [id, rows] of byRun) {
    const { run, row: runRow } = byId.get(id)!;
    const { tail, lines } = ledgerRange(run, where.ledger.table)!;
    const inRange = (row: number) => row - orphansBefore(row) > tail && row - orphansBefore(row) <= tail + lines;
    const extra = Math.max(0, rows.length - lines);
    const outside = rows.filter((x) => !inRange(x.row));
    const flagged = outside.slice(0, Math.max(extra, 0));
    for (const x of rows.slice().reverse()) if (flagged.length < extra && !flagged.includes(x)) flagged.push(x);
    for (const x of flagged) {
      out.push(
        issue(
          "LEDGER_ROW_OUTSIDE_RUN",
          `Ledger row ${x.row} (entry ${x.e.entryNo}, voucher ${x.e.voucher}) names run ${id}, which wrote ${lines} rows (rows ${tail + 1}..${tail + lines}): this row was typed or pasted in.`,
          cellAt(where.ledger, "runId", x.row),
        ),
      );
    }
    let missing = lines - rows.length;
    for (let r = tail + 1; r <= tail + lines && missing > 0; r++) if (unreadable.has(r)) missing--;
    if (missing > 0)
      out.push(
        issue(
          "LEDGER_ROWS_MISSING",
          `Run ${id} wrote ${lines} ledger rows (rows ${tail + 1}..${tail + lines}), but only ${rows.length} with its run id remain: ledger rows were deleted or their run id changed.`,
          cellAt(where.runs, "lines", runRow),
        ),
      );
  }
  // a standing posting run none of whose rows remain
  byId.forEach(({ run, row }, id) => {
    const range = STANDING.has(run.status) ? ledgerRange(run, where.ledger.table) : undefined;
    if (!range || range.lines === 0 || byRun.has(id)) return;
    let unread = 0;
    for (let r = range.tail + 1; r <= range.tail + range.lines; r++) if (unreadable.has(r)) unread++;
    if (unread < range.lines)
      out.push(
        issue(
          "LEDGER_ROWS_MISSING",
          `Run ${id} wrote ${range.lines} ledger rows (rows ${range.tail + 1}..${range.tail + range.lines}), but none with its run id remain: ledger rows were deleted or their run id changed.`,
          cellAt(where.runs, "lines", row),
        ),
      );
  });
  return out;
}

const STATUS_OF: Readonly<Record<string, FiscalPeriod["status"]>> = {
  "period-hold": "On hold",
  "period-close": "Permanently closed",
  "period-reopen": "Open",
};

/**
 * Periods the committed runs left On hold or Permanently closed (their last
 * hold/close/reopen run is not a reopen): the posting gate keeps them shut even
 * when their status cell reads Open and their seal record was deleted.
 */
export function closedByRuns(runs: readonly RunRecord[]): Set<string> {
  const last = new Map<string, string>();
  for (const run of runs)
    if (run.status === "committed" && STATUS_OF[run.step.trim()] !== undefined)
      last.set(run.period.trim(), run.step.trim());
  return new Set([...last].filter(([, step]) => step !== "period-reopen").map(([p]) => p));
}

/** A period's status, its seal in force, the run that sealed it: all must agree with the committed runs. */
export function periodAgreement(
  where: Where,
  periods: readonly FiscalPeriod[],
  seals: readonly SealRecord[],
  runs: readonly RunRecord[],
): Issue[] {
  const out: Issue[] = [];
  const byId = firstById(runs);
  const last = new Map<string, Indexed>();
  runs.forEach((run, i) => {
    if (run.status === "committed" && STATUS_OF[run.step.trim()] !== undefined)
      last.set(run.period.trim(), { run, row: run.row ?? i + 1 });
  });
  const active = activeSeals(seals);
  const sealRow = new Map<SealRecord, number>();
  seals.forEach((s, i) => sealRow.set(s, s.row ?? i + 1));
  for (const p of periods) {
    const l = last.get(p.id);
    const seal = active.get(p.id);
    const sealed = seal?.status === "sealed";
    if (l) {
      const expected = STATUS_OF[l.run.step.trim()]!;
      const what = `run ${l.run.runId} (${l.run.step.trim()} by ${l.run.user} at ${l.run.startedAt})`;
      if (p.status !== expected)
        out.push(
          issue(
            "PERIOD_STATUS_MISMATCH",
            `Period ${p.id} reads ${p.status}, but the last change Closebook made to it, ${what}, left it ${expected}: its status was changed outside Closebook.`,
            cellAt(where.periods, "status", p.row || undefined),
          ),
        );
      if (expected !== "Open" && !sealed)
        out.push(
          issue(
            "PERIOD_SEAL_MISSING",
            `Period ${p.id} was made ${expected} by ${what}, but no seal of it is in force: its seal record was deleted or altered.`,
            cellAt(where.seals, "period"),
          ),
        );
    }
    if (sealed) {
      const by = byId.get(seal.runId.trim());
      const row = sealRow.get(seal);
      const at = cellAt(where.seals, "runId", row || undefined);
      const ok =
        by &&
        by.run.status === "committed" &&
        (by.run.step.trim() === "period-hold" || by.run.step.trim() === "period-close") &&
        by.run.period.trim() === p.id;
      if (!ok)
        out.push(
          issue(
            "SEAL_WITHOUT_RUN",
            `The seal in force for period ${p.id} names run ${seal.runId || "(none)"}, which is not a committed hold or close of ${p.id}: the seal record was written outside Closebook.`,
            at,
          ),
        );
      else if (l && STATUS_OF[l.run.step.trim()] === "Open" && l.row > by.row)
        out.push(
          issue(
            "PERIOD_SEAL_MISSING",
            `Period ${p.id} was reopened by run ${l.run.runId}, but the seal of ${by.run.runId} is still in force: the record that lifted it was deleted.`,
            at,
          ),
        );
    }
  }
  return out;
}

/** Every run whose writes stand (committed or reversed) recorded itself in the audit log. */
export function auditCoverage(where: Where, runs: readonly RunRecord[], audit: readonly AuditRecord[]): Issue[] {
  const logged = new Set(audit.map((a) => a.runId.trim()).filter(Boolean));
  const out: Issue[] = [];
  for (const run of runs) {
    const id = run.runId.trim();
    if (!id || !STANDING.has(run.status) || logged.has(id)) continue;
    out.push(
      issue(
        "AUDIT_ROWS_MISSING",
        `Run ${id} (${run.step}, ${run.status}) has no rows in the audit log (${audit.length} rows remain): audit rows were deleted${audit.length ? ", probably from the end of the log" : ""}.`,
        cellAt(where.audit, "runId"),
      ),
    );
  }
  return out;
}

/** Audit rows naming a run that tblRuns no longer holds: the run's row was deleted. */
export function auditRunsExist(where: Where, runs: readonly RunRecord[], audit: readonly AuditRecord[]): Issue[] {
  const ids = new Set(runs.map((r) => r.runId.trim()));
  const out: Issue[] = [];
  const named = new Set<string>();
  audit.forEach((a, i) => {
    const id = a.runId.trim();
    if (!id || ids.has(id) || named.has(id)) return;
    named.add(id);
    out.push(
      issue(
        "RUN_ROW_MISSING",
        `Audit row ${a.row ?? i + 1} (${a.action}) names run ${id}, which is not in ${where.runs.table}: the run's row was deleted.`,
        cellAt(where.audit, "runId", a.row ?? i + 1),
      ),
    );
  });
  return out;
}

/**
 * Run numbers the run sequence handed out but tblRuns does not hold (a warning:
 * a row deleted, or — in Excel — a write interrupted between reserving the
 * number and writing the run row).
 * Example: sequence "run" Next 8, runs RUN-000001..RUN-000006 → RUN-000007 missing.
 */
export function runSequenceGaps(where: Where, runs: readonly RunRecord[], sequences: readonly Sequence[]): Issue[] {
  const seq = sequences.find((s) => s.name.toLowerCase() === "run");
  if (!seq || !Number.isInteger(seq.next) || seq.next < 2 || seq.next > 10_000_000) return [];
  const numbers = new Set<number>();
  for (const r of runs) {
    const id = r.runId.trim();
    if (!id.startsWith(seq.prefix)) continue;
    const n = Number(id.slice(seq.prefix.length));
    if (Number.isInteger(n)) numbers.add(n);
  }
  const missing: number[] = [];
  for (let n = 1; n < seq.next && missing.length < 20; n++) if (!numbers.has(n)) missing.push(n);
  if (!missing.length) return [];
  const name = (n: number) => `${seq.prefix}${String(n).padStart(6, "0")}`;
  return [
    issue(
      "RUN_ROW_MISSING",
      `The run sequence has handed out numbers up to ${name(seq.next - 1)}, but ${where.runs.table} has no ${missing.map(name).join(", ")}: run rows were deleted (or a write was interrupted before its run row).`,
      cellAt(where.runs, "runId"),
      "warning",
    ),
  ];
}

/** Every cross-table integrity issue of a book. `unreadableLedgerRows`: see ledgerProvenance. */
export function bookIntegrity(
  book: Pick<Book, "ledger" | "runs" | "seals" | "audit" | "setup" | "sequences">,
  unreadableLedgerRows: ReadonlySet<number> = new Set(),
): Issue[] {
  const { where } = book.setup;
  return [
    ...ledgerProvenance(where, book.ledger, book.runs, unreadableLedgerRows),
    ...periodAgreement(where, book.setup.periods, book.seals, book.runs),
    ...auditCoverage(where, book.runs, book.audit),
    ...auditRunsExist(where, book.runs, book.audit),
    ...runSequenceGaps(where, book.runs, book.sequences),
  ];
}
