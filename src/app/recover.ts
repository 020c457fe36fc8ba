/**
 * Repairs a workbook whose last write was interrupted: every run still
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
import type { CellUpdate, RawTable, WorkbookPort } from "../ports/workbook";
import { normalizeHeader } from "../schema/decodeTable";
import { JOURNAL, PERIODS, RUNS } from "../schema/tables";
import { AuditWriter } from "./auditLog";
import { writeProtected } from "./protectedSheets";

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
  for (let n = Number(m1[2]); n <= Number(m2[2]) && out.size < 10_000_000; n++) out.add(`${m1[1]}${String(n).padStart(width, "0")}`);
  return out;
}

function column(raw: RawTable | undefined, header: string): number {
  return raw?.headers.findIndex((h) => normalizeHeader(String(h)) === normalizeHeader(header)) ?? -1;
}

export function interruptedRuns(book: Book): RunRecord[] {
  return book.runs.filter((r) => r.status === "started");
}

export async function recover(port: WorkbookPort, book: Book, raw: ReadonlyMap<string, RawTable | undefined>, user: string, now: string): Promise<Issue[]> {
  const runs = interruptedRuns(book);
  if (runs.length === 0) return [];
  const runsRaw = raw.get(RUNS.name);
  const idCol = column(runsRaw, "Run id");
  const audit = new AuditWriter(book.audit);
  const out: Issue[] = [];
  await writeProtected(port, book, async () => {
    for (const run of [...runs].reverse()) {
      const p = parameters(run);
      const done: string[] = [];
      for (const [table, keep] of Object.entries(p.tails ?? {})) {
        const have = raw.get(table)?.rows.length ?? 0;
        if (have > keep) {
          await port.truncateRows(table, keep);
          done.push(`${have - keep} ${table} rows removed`);
        }
      }
      if (run.vouchers) {
        const vouchers = expandRange(run.vouchers);
        const j = raw.get(JOURNAL.name);
        const vc = column(j, "Posted voucher");
        const updates: CellUpdate[] = [];
        j?.rows.forEach((r, i) => {
          const v = vc >= 0 ? r[vc] : null;
          if (typeof v === "string" && vouchers.has(v)) {
            updates.push({ row: i + 1, column: "Status", value: "Draft" }, { row: i + 1, column: "Posted voucher", value: null });
          }
        });
        if (updates.length) {
          await port.updateCells(JOURNAL.name, updates);
          done.push(`${updates.length / 2} journal lines set back to Draft`);
        }
      }
      for (const r of p.restore ?? []) {
        await port.updateCells(r.table, [{ row: r.row, column: r.column, value: r.value }]);
        done.push(`${r.table} row ${r.row} ${r.column} restored`);
      }
      if (p.period) {
        await port.updateCells(PERIODS.name, [
          { row: p.period.row, column: "Status", value: p.period.status },
          { row: p.period.row, column: "Access", value: p.period.access },
        ]);
        done.push(`period status ${p.period.status} and access ${p.period.access} restored`);
      }
      const row = (runsRaw?.rows.findIndex((r) => r[idCol] === run.runId) ?? -1) + 1;
      const summary = `Run ${run.runId} (${run.step}) was interrupted; it was rolled back${done.length ? `: ${done.join(", ")}` : ""}.`;
      await audit.append(port, [draft(now, user, "recovery", { subject: run.runId, oldValue: "started", newValue: "rolled back", detail: summary, runId: run.runId })]);
      if (row > 0) await port.updateCells(RUNS.name, [{ row, column: "Status", value: "rolled back" }, { row, column: "Note", value: summary }]);
      out.push(issue("RUN_ROLLED_BACK", summary, { table: RUNS.name, ...(row > 0 ? { row } : {}), column: "Status" }, "warning"));
    }
  });
  return out;
}
