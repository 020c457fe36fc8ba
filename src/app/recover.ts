/**
 * Repairs a workbook whose last write was interrupted (journal lines are set
 * back to Draft by key: if the user moved rows meanwhile, ROWS_MOVED and the
 * run stays "started" for the next open): every run still
 * "started" (runs.ts) is rolled back, newest first — each table it appended
 * to is cut back to its recorded tail, the journal lines it marked Posted go
 * back to Draft, a period whose status it changed gets its old status and
 * access back — then the run is marked "rolled back" and the repair is
 * recorded in the audit log. Every step is idempotent, so a repair that is
 * itself interrupted is finished by the next open.
 *
 * Example: a posting that failed after appending 40 ledger rows (run
 * RUN-000007 "started", tails {tblLedger: 594}) → tblLedger cut back to 594
 * rows, its journal lines Draft again, RUN-000007 "rolled back", and the
 * warning "Run RUN-000007 (post-journals) was interrupted; it was rolled back:
 * 40 ledger rows removed, 40 journal lines set back to Draft."
 */
import { draft } from "../core/audit/auditChain";
import { issue, type Issue } from "../core/issues/issue";
import type { Book } from "../core/ledger/book";
import type { RunRecord } from "../core/ledger/types";
import type { KeyedUpdate, RawTable, WorkbookPort } from "../ports/workbook";
import { isRowsMoved } from "../ports/workbook";
import { normalizeHeader } from "../schema/decodeTable";
import { AUDIT, JOURNAL, LEDGER, PERIODS, RUNS, tableByName } from "../schema/tables";
import { cellUpdates, columnIndex, header, headers, keyedUpdates, where } from "../schema/typedCells";
import { AuditWriter } from "./auditLog";
import { tryWriteProtected } from "./protectedSheets";
import { journalKeys, layoutIssues, rowsMovedIssue } from "./runs";
import { isIssue } from "./sequences";
import { textOf } from "../core/text/textOf";

interface RunFacts {
  tails?: Record<string, number>;
  period?: { row: number; status: string; access: string };
  /** cells the run changed, with their old values */
  restore?: { table: string; row: number; column: string; value: string | number | null }[];
}

function parameters(run: RunRecord): RunFacts {
  try {
    return JSON.parse(run.parameters || "{}") as ReturnType<typeof parameters>;
  } catch {
    return {};
  }
  // (a run row whose parameters were edited into nonsense still gets its tails from nowhere:
  // nothing is cut back; the run is only marked rolled back)
}

/** "GL-000010..GL-000012" → GL-000010, GL-000011, GL-000012 */
export function expandRange(range: string): Set<string> {
  const out = new Set<string>();
  const [first, last] = range.split("..");
  if (!first) return out;
  const m1 = /^(.*?)(\d+)$/.exec(first);
  const m2 = last ? /^(.*?)(\d+)$/.exec(last) : m1;
  if (!m1 || !m2 || m1[1] !== m2[1]) return new Set([first]);
  const width = m1[2]!.length;
  for (let n = Number(m1[2]); n <= Number(m2[2]) && out.size < 10_000_000; n++)
    out.add(`${m1[1]}${String(n).padStart(width, "0")}`);
  return out;
}

function column(raw: RawTable | undefined, header: string): number {
  return raw?.headers.findIndex((h) => normalizeHeader(String(h)) === normalizeHeader(header)) ?? -1;
}

export function interruptedRuns(book: Book): RunRecord[] {
  return book.runs.filter((r) => r.status === "started");
}

export async function recover(
  port: WorkbookPort,
  book: Book,
  raw: ReadonlyMap<string, RawTable | undefined>,
  user: string,
  now: string,
): Promise<Issue[]> {
  const runs = interruptedRuns(book);
  if (runs.length === 0) return [];
  // the rollback is recorded in tblRuns and tblAudit: when they cannot take it, change nothing
  const cannot = layoutIssues(raw, {
    appends: [{ def: AUDIT }],
    updates: { [RUNS.name]: headers(RUNS, ["status", "note"]) },
  });
  if (cannot.length) return cannot;
  const runsRaw = raw.get(RUNS.name);
  const idCol = columnIndex(RUNS, runsRaw, "runId");
  const audit = new AuditWriter(book.audit);
  const out: Issue[] = [];
  // rows per table as the rollbacks so far left them
  const rowsNow = new Map<string, number>();
  const rowsOf = (table: string) => rowsNow.get(table) ?? raw.get(table)?.rows.length ?? 0;
  let moved: Issue | undefined;
  const written = await tryWriteProtected(
    port,
    book,
    { user, operation: "roll back an interrupted run", now },
    async () => {
      for (const run of [...runs].reverse()) {
        const p = parameters(run);
        const done: string[] = [];
        for (const [table, keep] of Object.entries(p.tails ?? {})) {
          const t = raw.get(table);
          const have = rowsOf(table);
          const cut = t ? cutPoint(t, have, keep, run.runId) : have;
          if (cut < have) {
            await port.truncateRows(table, cut);
            rowsNow.set(table, cut);
            done.push(`${have - cut} ${table} rows removed`);
          }
        }
        const j = raw.get(JOURNAL.name);
        if (
          run.vouchers &&
          j &&
          columnIndex(JOURNAL, j, "status") >= 0 &&
          columnIndex(JOURNAL, j, "postedVoucher") >= 0
        ) {
          const vouchers = expandRange(run.vouchers);
          // a voucher still in the ledger stays posted (its rows were not this run's to take back)
          const ledger = raw.get(LEDGER.name);
          const lv = columnIndex(LEDGER, ledger, "voucher");
          const remaining = new Set(
            (ledger?.rows ?? []).slice(0, rowsOf(LEDGER.name)).map((r) => (lv >= 0 ? r[lv] : null)),
          );
          const vc = columnIndex(JOURNAL, j, "postedVoucher");
          const keys = journalKeys(j);
          const updates: KeyedUpdate[] = [];
          j.rows.forEach((r, i) => {
            const v = vc >= 0 ? r[vc] : null;
            if (typeof v === "string" && vouchers.has(v) && !remaining.has(v)) {
              const key = [...keys.keyOf(i + 1), v];
              updates.push(...keyedUpdates(JOURNAL, i + 1, key, { status: "Draft", postedVoucher: null }));
            }
          });
          if (updates.length) {
            // by key: rows the user sorted since the read must not be set back (a committed posting would be posted twice)
            try {
              await port.updateCellsByKey(JOURNAL.name, [...keys.columns, header(JOURNAL, "postedVoucher")], updates);
            } catch (e) {
              if (!isRowsMoved(e)) throw e;
              moved = rowsMovedIssue(e);
              return; // the run stays "started": the next open finishes the repair
            }
            done.push(`${updates.length / 2} journal lines set back to Draft`);
          }
        }
        for (const r of p.restore ?? []) {
          if (!restorable(raw, r)) continue;
          await port.updateCells(r.table, [{ row: r.row, column: r.column, value: r.value }]);
          done.push(`${r.table} row ${r.row} ${r.column} restored`);
        }
        const periods = raw.get(PERIODS.name);
        if (
          p.period &&
          periods &&
          restorable(raw, { ...where(PERIODS, "status", p.period.row), value: p.period.status }) &&
          restorable(raw, { ...where(PERIODS, "access", p.period.row), value: p.period.access })
        ) {
          // the recorded cells as they were (raw values, not decoded): written back as they are
          await port.updateCells(PERIODS.name, [
            { row: p.period.row, column: header(PERIODS, "status"), value: p.period.status },
            { row: p.period.row, column: header(PERIODS, "access"), value: p.period.access },
          ]);
          done.push(`period status ${p.period.status} and access ${p.period.access} restored`);
        }
        const row = (runsRaw?.rows.findIndex((r) => r[idCol] === run.runId) ?? -1) + 1;
        const name = run.runId.length > 100 ? `${run.runId.slice(0, 100)}…` : run.runId;
        const summary = `Run ${name} (${run.step.slice(0, 100)}) was interrupted; it was rolled back${done.length ? `: ${done.join(", ")}` : ""}.`;
        await audit.append(port, [
          draft(now, user, "recovery", {
            subject: run.runId,
            oldValue: "started",
            newValue: "rolled back",
            detail: summary,
            runId: run.runId,
          }),
        ]);
        if (row > 0)
          await port.updateCells(RUNS.name, cellUpdates(RUNS, row, { status: "rolled back", note: summary }));
        out.push(issue("RUN_ROLLED_BACK", summary, where(RUNS, "status", row > 0 ? row : undefined), "warning"));
      }
    },
  );
  const done = moved ? [...out, moved] : out;
  return isIssue(written) ? [...done, written] : done;
}

/**
 * Where a rollback cuts a table back to: the run's recorded tail — but never
 * below a row of another run (in a table with a "Run id" column), and not at
 * all when the tail is no row count (edited run parameters).
 */
function cutPoint(t: RawTable, have: number, keep: unknown, runId: string): number {
  if (typeof keep !== "number" || !Number.isSafeInteger(keep) || keep < 0) return have;
  // a table with a run id column (declared under the key runId)
  const runIdHeader = tableByName(t.name)?.columns.find((c) => c.key === "runId")?.header;
  const rc = runIdHeader === undefined ? -1 : column(t, runIdHeader);
  let cut = Math.min(keep, have);
  if (rc >= 0) {
    for (let i = have - 1; i >= cut; i--) {
      if (textOf(t.rows[i]?.[rc]).trim() !== runId) {
        cut = i + 1;
        break;
      }
    }
  }
  return cut;
}

function hasColumn(t: RawTable, name: string): boolean {
  return t.headers.some((h) => String(h).toLowerCase() === name.toLowerCase());
}

/** A recorded old value recovery may write back: an existing cell of a table that is not append-only, and a plain value. */
function restorable(
  raw: ReadonlyMap<string, RawTable | undefined>,
  r: { table: unknown; row?: unknown; column?: unknown; value: unknown },
): boolean {
  const t = typeof r.table === "string" ? raw.get(r.table) : undefined;
  if (!t || tableByName(t.name)?.appendOnly) return false;
  if (typeof r.row !== "number" || !Number.isSafeInteger(r.row) || r.row < 1 || r.row > t.rows.length) return false;
  if (typeof r.column !== "string" || !hasColumn(t, r.column)) return false;
  const v = r.value;
  return (
    v === null ||
    typeof v === "boolean" ||
    (typeof v === "number" && Number.isFinite(v)) ||
    (typeof v === "string" && v.length <= 32767)
  );
}
