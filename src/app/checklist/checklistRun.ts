/**
 * Writes checklist changes as a run (runs.ts): tables created when the
 * workbook predates the checklist, run "started" (tails of the tables appended
 * to, old values of the cells changed, for recovery), appends, keyed cell
 * updates (a row the user moved meanwhile is refused, nothing marked), audit
 * rows, run "committed" — through the run ritual (runRitual.ts), under the write lock.
 *
 * Example: writeChecklistRun(session, { step: "checklist-sign", period: "2026-01",
 *   updates: [{ def: CLOSE_TASKS, row: 3, cells: { Status: "Reviewed", … } }], audit: [draft(…)] })
 *   → { done: true, runId: "RUN-000031", issues: [] }
 */
import { draft, type AuditDraft } from "../../core/audit/auditChain";
import type { Issue } from "../../core/issues/issue";
import { isRowsMoved, type CellValue, type KeyedUpdate, type RawTable } from "../../ports/workbook";
import type { TableDef } from "../../schema/defineTable";
import { normalizeHeader } from "../../schema/decodeTable";
import type { Session } from "../operation";
import { rowsMovedIssue, tailOf } from "../runs";
import { writeRun, type RitualDone } from "../runRitual";

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

export async function writeChecklistRun(session: Session, w: ChecklistWrite): Promise<WriteOutcome> {
  const { raw } = session.loaded;
  const appends = w.appends ?? [];
  const updates = w.updates ?? [];
  const restore = updates.flatMap((u) =>
    Object.keys(u.cells).map((column) => ({
      table: u.def.name,
      row: u.row,
      column,
      value: cellOf(raw.get(u.def.name), u.row, column),
    })),
  );
  const r = await writeRun(
    session,
    {
      operation: w.step,
      create: [...new Set([...appends.map((a) => a.def), ...updates.map((u) => u.def)])],
      run: {
        step: w.step,
        period: w.period,
        tails: Object.fromEntries(appends.map((a) => [a.def.name, tailOf(raw, a.def.name)])),
        parameters: { ...w.parameters, restore },
        writes: {
          appends: appends.filter((a) => raw.get(a.def.name)).map((a) => ({ def: a.def })),
          updates: Object.fromEntries(
            updates.filter((u) => raw.get(u.def.name)).map((u) => [u.def.name, Object.keys(u.cells)]),
          ),
        },
      },
    },
    async ({ port, runId }): Promise<RitualDone<WriteOutcome>> => {
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
        return { result: { done: false, issues: [rowsMovedIssue(e)] }, rollBack: "rows moved while writing" };
      }
      for (const a of appends) if (a.rows.length) await port.appendRows(a.def.name, a.rows);
      return {
        result: { done: true, runId, issues: [] },
        audit: w.audit.map((d) => draft(d.at, d.user, d.action, { ...d, runId })),
      };
    },
  );
  return "code" in r ? { done: false, issues: [r] } : r;
}
