/**
 * Use case: change a period's status or access, or grant a lock exception.
 * The core plans it (periodChange.ts); this writes it as a run: run
 * "started" (with the period's old status and access for recovery), seal
 * rows, seal record, the period's new status/access, the exception row,
 * audit rows, run "committed" — with the system sheets unprotected only for
 * the write.
 *
 * Example: await changePeriod(port, { kind: "hold", period: "2026-03", reason: "March close" }, { user: "bob", clock })
 *   → { done: true, runId: "RUN-000004", seal: { count: 61, hash: "$1$5f…" } }
 */
import { hasErrors, type Issue } from "../core/issues/issue";
import { planPeriodChange, type PeriodAction } from "../core/calendar/periodChange";
import type { SealRecord } from "../core/seal/seal";
import type { Clock } from "../ports/clock";
import type { CellUpdate, WorkbookPort } from "../ports/workbook";
import { encodeRecords } from "../schema/records";
import { LOCK_EXCEPTIONS, PERIODS, SEALS, SEAL_ROWS } from "../schema/tables";
import { AuditWriter } from "./auditLog";
import { integrityRefusal } from "./integrityGuard";
import { openForWrite } from "./openForWrite";
import { writeProtected } from "./protectedSheets";
import { finishRun, runIssue, startRun, tailOf } from "./runs";
import { checklistLock } from "./checklist/checklistLock";

export interface ChangePeriodResult {
  readonly done: boolean;
  readonly runId?: string;
  readonly seal?: SealRecord;
  readonly issues: readonly Issue[];
  /** the refusal was recorded in the audit log (the workbook changed although the period did not) */
  readonly refusalRecorded?: boolean;
}

/** Refusals recorded in the audit log: who tried what they may not (or cannot) do. */
const AUDITED_REFUSALS: readonly string[] = [
  "LOCK_ROLE_REQUIRED",
  "SEPARATION_OF_DUTIES",
  "PERIOD_PERMANENT",
  "DRAFTS_IN_PERIOD",
  "CONFIRM_REQUIRED",
  "UNKNOWN_USER",
  "CONTROLLER_REQUIRED",
  "CHECKLIST_OPEN",
];

export async function changePeriod(
  port: WorkbookPort,
  action: PeriodAction,
  ctx: { user: string; clock: Clock },
): Promise<ChangePeriodResult> {
  const { book, raw, issues: readIssues } = await openForWrite(port, ctx.user, ctx.clock);
  const blocking = readIssues.filter((i) => i.severity === "error");
  if (hasErrors(blocking)) return { done: false, issues: readIssues };
  // sealing a workbook edited outside Closebook would make the edit look genuine
  const tampered =
    action.kind === "hold" || action.kind === "close" ? integrityRefusal({ book, issues: readIssues }) : [];
  if (tampered.length) return { done: false, issues: [...readIssues, ...tampered] };
  const now = ctx.clock.now();
  // the close checklist gates hold and close (setting "Require a reviewed checklist to lock") and is sealed with the period
  const checklist =
    action.kind === "hold" || action.kind === "close" ? checklistLock(book, raw, action.period, now) : undefined;
  if (checklist && "code" in checklist) return { done: false, issues: [...readIssues, checklist] };
  const plan = planPeriodChange(book, action, ctx.user, now, "(pending)", checklist);
  const issues = [...readIssues, ...plan.issues];
  const audit = new AuditWriter(book.audit);
  if (hasErrors(plan.issues) || !plan.period) {
    const refused = plan.issues.find((i) => AUDITED_REFUSALS.includes(i.code));
    if (refused) {
      await writeProtected(port, book, { user: ctx.user, operation: "record a refused period change", now }, () =>
        audit.append(port, [
          {
            at: now,
            user: ctx.user,
            action: "refused",
            subject: action.period,
            oldValue: "",
            newValue: action.kind,
            reason: action.reason,
            detail: refused.message,
            runId: "",
          },
        ]),
      );
      return { done: false, issues, refusalRecorded: true };
    }
    return { done: false, issues };
  }
  const p = plan.period;
  if (p.row === undefined) throw new Error(`period ${p.id} has no row`);
  return writeProtected(
    port,
    book,
    { user: ctx.user, operation: `${action.kind} period ${action.period}`, now },
    async () => {
      const run = await startRun(port, book, raw, {
        step: `period-${action.kind}`,
        period: p.id,
        tails: {
          [SEALS.name]: tailOf(raw, SEALS.name),
          [SEAL_ROWS.name]: tailOf(raw, SEAL_ROWS.name),
          [LOCK_EXCEPTIONS.name]: tailOf(raw, LOCK_EXCEPTIONS.name),
        },
        parameters: { period: { row: p.row, status: p.status, access: p.access }, action },
        user: ctx.user,
        now,
      });
      if (runIssue(run)) return { done: false, issues: [...issues, run] };
      const withRun = <T extends { runId: string }>(x: T): T => ({ ...x, runId: run.runId });
      if (plan.seal) {
        await port.appendRows(SEAL_ROWS.name, encodeRecords(SEAL_ROWS, [], plan.seal.rows.map(withRun)));
        await port.appendRows(SEALS.name, encodeRecords(SEALS, [], [withRun(plan.seal.seal)]));
      }
      if (plan.unseal) await port.appendRows(SEALS.name, encodeRecords(SEALS, [], [withRun(plan.unseal)]));
      const updates: CellUpdate[] = [];
      if (plan.status) updates.push({ row: p.row!, column: "Status", value: plan.status });
      if (plan.access) updates.push({ row: p.row!, column: "Access", value: plan.access });
      if (updates.length) await port.updateCells(PERIODS.name, updates);
      if (plan.exception)
        await port.appendRows(
          LOCK_EXCEPTIONS.name,
          encodeRecords(LOCK_EXCEPTIONS, [], [{ ...plan.exception, runId: run.runId }]),
        );
      await audit.append(port, plan.audit.map(withRun));
      await finishRun(port, run);
      return { done: true, runId: run.runId, ...(plan.seal ? { seal: withRun(plan.seal.seal) } : {}), issues };
    },
  );
}
