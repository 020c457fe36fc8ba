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
import type { CellUpdate } from "../ports/workbook";
import { encodeRecords } from "../schema/records";
import { LOCK_EXCEPTIONS, PERIODS, SEALS, SEAL_ROWS } from "../schema/tables";
import { integrityRefusal } from "./integrityGuard";
import { writeSession, type Source } from "./operation";
import { tailOf } from "./runs";
import { writeRun, type RitualDone } from "./runRitual";
import { checklistLock } from "./checklist/checklistLock";
import { cellUpdates } from "../schema/typedCells";

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
  source: Source,
  action: PeriodAction,
  ctx: { user: string; clock: Clock },
): Promise<ChangePeriodResult> {
  const session = await writeSession(source, ctx);
  const { book, raw, issues: readIssues } = session.loaded;
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
  if (hasErrors(plan.issues) || !plan.period) {
    const refused = plan.issues.find((i) => AUDITED_REFUSALS.includes(i.code));
    if (refused) {
      const written = await writeRun(session, { operation: "record a refused period change", now }, async () => ({
        result: undefined,
        audit: [
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
        ],
      }));
      if (written) return { done: false, issues: [...issues, written] };
      return { done: false, issues, refusalRecorded: true };
    }
    return { done: false, issues };
  }
  const p = plan.period;
  if (p.row === undefined) throw new Error(`period ${p.id} has no row`);
  const done = await writeRun(
    session,
    {
      operation: `${action.kind} period ${action.period}`,
      now,
      run: {
        step: `period-${action.kind}`,
        period: p.id,
        tails: {
          [SEALS.name]: tailOf(raw, SEALS.name),
          [SEAL_ROWS.name]: tailOf(raw, SEAL_ROWS.name),
          [LOCK_EXCEPTIONS.name]: tailOf(raw, LOCK_EXCEPTIONS.name),
        },
        parameters: { period: { row: p.row, status: p.status, access: p.access }, action },
      },
    },
    async ({ port, runId }): Promise<RitualDone<ChangePeriodResult>> => {
      const withRun = <T extends { runId: string }>(x: T): T => ({ ...x, runId });
      if (plan.seal) {
        await port.appendRows(SEAL_ROWS.name, encodeRecords(SEAL_ROWS, [], plan.seal.rows.map(withRun)));
        await port.appendRows(SEALS.name, encodeRecords(SEALS, [], [withRun(plan.seal.seal)]));
      }
      if (plan.unseal) await port.appendRows(SEALS.name, encodeRecords(SEALS, [], [withRun(plan.unseal)]));
      const updates: CellUpdate[] = cellUpdates(PERIODS, p.row!, {
        ...(plan.status ? { status: plan.status } : {}),
        ...(plan.access ? { access: plan.access } : {}),
      });
      if (updates.length) await port.updateCells(PERIODS.name, updates);
      if (plan.exception)
        await port.appendRows(LOCK_EXCEPTIONS.name, encodeRecords(LOCK_EXCEPTIONS, [], [{ ...plan.exception, runId }]));
      return {
        result: { done: true, runId, ...(plan.seal ? { seal: withRun(plan.seal.seal) } : {}), issues },
        audit: plan.audit.map(withRun),
      };
    },
  );
  return "code" in done ? { done: false, issues: [...issues, done] } : done;
}
