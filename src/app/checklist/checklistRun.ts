/**
 * Writes checklist changes as a run (runs.ts): tables created when the
 * workbook predates the checklist, run "started" (tails of the tables appended
 * to, old values of the cells changed, for recovery), appends, keyed cell
 * updates (a row the user moved meanwhile is refused, nothing marked), audit
 * rows, run "committed" — inside writeProtected, under the write lock.
 *
 * Example: writeChecklistRun(port, loaded, { step: "checklist-sign", period: "2026-01",
 *   updates: [{ def: CLOSE_TASKS, row: 3, cells: { Status: "Reviewed", … } }], audit: [draft(…)] }, ctx)
 *   → { done: true, runId: "RUN-000031", issues: [] }
 */
import { draft, type AuditDraft } from "../../core/audit/auditChain";
import type { Issue } from "../../core/issues/issue";
import type { Book } from "../../core/ledger/book";
import type { Clock } from "../../ports/clock";
import { isRowsMoved, type CellValue, type KeyedUpdate, type RawTable, type WorkbookPort } from "../../ports/workbook";
import type { TableDef } from "../../schema/defineTable";
import { normalizeHeader } from "../../schema/decodeTable";
import { AuditWriter } from "../auditLog";
import { tryWriteProtected } from "../protectedSheets";
import { finishRun, rowsMovedIssue, runIssue, startRun, tailOf } from "../runs";
import { shapeOf } from "../setupWorkbook";

export interface ChecklistWrite {
  readonly step: string;
  readonly period: string;
  readonly appends?: readonly { readonly def: TableDef; readonly rows: readonly (readonly CellValue[])[] }[];
  /** cells of existing rows, by header; keyed by the row's key columns as read */
  readonly updates?: readonly {
    readonly def: TableDef;
    readonly keyColumns: readonly string[];
    readonly row: number;
    readonly cells: Readonly<Record<string, CellValue>>;
  }[];
  readonly audit: readonly Omit<AuditDraft, "runId">[];
  readonly parameters?: Readonly<Record<string, unknown>>;
}

export interface WriteOutcome {
  readonly done: boolean;
  readonly runId?: string;
  readonly issues: Issue[];
}

function cellOf(t: RawTable | undefined, row: number, column: string): CellValue {
  const i = t?.headers.findIndex((h) => normalizeHeader(String(h)) === normalizeHeader(column)) ?? -1;
  return i >= 0 ? (t?.rows[row - 1]?.[i] ?? null) : null;
}

export async function writeChecklistRun(
  port: WorkbookPort,
  book: Book,
  raw: ReadonlyMap<string, RawTable | undefined>,
  w: ChecklistWrite,
  ctx: { user: string; clock: Clock },
): Promise<WriteOutcome> {
  const now = ctx.clock.now();
  const appends = w.appends ?? [];
  const updates = w.updates ?? [];
  const r = await tryWriteProtected(
    port,
    book,
    { user: ctx.user, operation: w.step, now },
    async (): Promise<WriteOutcome> => {
      for (const def of new Set([...appends.map((a) => a.def), ...updates.map((u) => u.def)])) {
        if (!raw.get(def.name)) await port.createTable(shapeOf(def, []), []);
      }
      const restore = updates.flatMap((u) =>
        Object.keys(u.cells).map((column) => ({
          table: u.def.name,
          row: u.row,
          column,
          value: cellOf(raw.get(u.def.name), u.row, column),
        })),
      );
      const run = await startRun(port, book, raw, {
        step: w.step,
        period: w.period,
        tails: Object.fromEntries(appends.map((a) => [a.def.name, tailOf(raw, a.def.name)])),
        parameters: { ...w.parameters, restore },
        user: ctx.user,
        now,
        writes: {
          appends: appends.filter((a) => raw.get(a.def.name)).map((a) => ({ def: a.def })),
          updates: Object.fromEntries(
            updates.filter((u) => raw.get(u.def.name)).map((u) => [u.def.name, Object.keys(u.cells)]),
          ),
        },
      });
      if (runIssue(run)) return { done: false, issues: [run] };
      try {
        for (const u of updates) {
          const key = u.keyColumns.map((c) => cellOf(raw.get(u.def.name), u.row, c));
          const keyed: KeyedUpdate[] = Object.entries(u.cells).map(([column, value]) => ({
            row: u.row,
            column,
            value,
            key,
          }));
          await port.updateCellsByKey(u.def.name, u.keyColumns, keyed);
        }
      } catch (e) {
        if (!isRowsMoved(e)) throw e;
        await finishRun(port, run, "rolled back", "rows moved while writing");
        return { done: false, issues: [rowsMovedIssue(e)] };
      }
      for (const a of appends) if (a.rows.length) await port.appendRows(a.def.name, a.rows);
      await new AuditWriter(book.audit).append(
        port,
        w.audit.map((d) => draft(d.at, d.user, d.action, { ...d, runId: run.runId })),
      );
      await finishRun(port, run);
      return { done: true, runId: run.runId, issues: [] };
    },
  );
  return "code" in r ? { done: false, issues: [r] } : r;
}
