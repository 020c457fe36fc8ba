/**
 * The calculation trace of posted runs, kept in tblRunTrace (sheet "Run trace"):
 * written in the same run as the vouchers (so a rolled-back run takes its trace
 * with it), and read back per run for an auditor.
 *
 * Example: an allocation posted as RUN-000004 keeps the row
 *   RUN-000004 · allocation · "A3 → 6200" · "source 500.00; weight 1; total weight 5" · "" ·
 *   "500.00 × 1 / 5" · "100.00" · "0.00"
 * and readRunTrace(port, "RUN-000004") gives it back.
 */
import type { TraceRow } from "../core/close/proposal";
import { issue, type Issue } from "../core/issues/issue";
import type { RunRecord } from "../core/ledger/types";
import type { CellValue, WorkbookPort } from "../ports/workbook";
import { decodeTable } from "../schema/decodeTable";
import { encodeRecords } from "../schema/records";
import { RUN_TRACE, RUNS } from "../schema/tables";
import { readBook } from "./operation";
import { where } from "../schema/typedCells";
import { textOf } from "../core/text/textOf";

/** A trace row as text, the way the preview sheet and tblRunTrace show it. */
export interface TraceText {
  readonly key: string;
  readonly inputs: string;
  readonly rate: string;
  readonly formula: string;
  readonly result: string;
  readonly residue: string;
}

export function traceText(t: TraceRow): TraceText {
  const inputs = Object.entries(t.inputs)
    .map(([k, v]) => `${k} ${v}`)
    .join("; ");
  const rate = t.rate
    ? `${t.rate.value} (${t.rate.type}, ${t.rate.date}, per ${t.rate.quotationUnit}; ${t.rate.how})`
    : "";
  return { key: t.key, inputs, rate, formula: t.formula, result: t.result, residue: t.residue ?? "" };
}

/** tblRunTrace rows for a run's trace, in Closebook's column order. */
export function runTraceRows(runId: string, step: string, trace: readonly TraceRow[]): CellValue[][] {
  return encodeRecords(
    RUN_TRACE,
    [],
    trace.map((t) => ({ runId, step, ...traceText(t) })),
  );
}

export interface RunTrace {
  readonly run?: RunRecord;
  readonly rows: readonly (TraceText & { readonly step: string; readonly row: number })[];
  readonly issues: readonly Issue[];
}

/** The trace kept for a run, in the order it was written. */
export async function readRunTrace(port: WorkbookPort, runId: string): Promise<RunTrace> {
  const { book, raw } = await readBook(port, [RUN_TRACE]);
  const run = book.runs.find((r) => r.runId.toLowerCase() === runId.trim().toLowerCase());
  if (!run)
    return {
      rows: [],
      issues: [issue("UNKNOWN_RUN", `There is no run ${runId}.`, where(RUNS, "runId"))],
    };
  const t = decodeTable(RUN_TRACE, raw.get(RUN_TRACE.name), [], true);
  const text = textOf;
  const rows = t.rows
    .filter((r) => text(r.values.runId) === run.runId)
    .map((r) => ({
      row: r.row,
      step: text(r.values.step),
      key: text(r.values.key),
      inputs: text(r.values.inputs),
      rate: text(r.values.rate),
      formula: text(r.values.formula),
      result: text(r.values.result),
      residue: text(r.values.residue),
    }));
  const issues = t.issues.filter((i) => !i.at?.row || rows.some((r) => r.row === i.at?.row));
  return { run, rows, issues };
}
