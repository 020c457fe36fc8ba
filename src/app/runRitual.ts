/**
 * The run ritual: the one way a use case writes (runs.ts has the order and why).
 * Claims the write lock and unprotects the system sheets (writeProtected),
 * creates tables a workbook made before they existed, appends the run row
 * "started" (numbers reserved first), lets `work` write the tables, appends the
 * audit rows (with the run id), marks the run "committed" — or "rolled back"
 * when `work` says so — and re-protects in `finally`. A write without a run
 * (an audit row recording a refusal) leaves out `run`.
 *
 * Example:
 *   const r = await writeRun(session, { operation: "import rates", run: { step: "import-rates", period: "", tails } },
 *     async ({ port }) => { await port.appendRows("tblRates", rows); return { result: 12, audit: [draft(...)] }; });
 *   // r = 12 (tblRuns: RUN-000007 committed, tblAudit +1 row), or an Issue (WRITE_LOCKED, SHEET_PASSWORD,
 *   // TABLE_LAYOUT, …) with nothing written
 */
import type { AuditDraft } from "../core/audit/auditChain";
import type { Issue } from "../core/issues/issue";
import type { RawTable, WorkbookPort } from "../ports/workbook";
import type { TableDef } from "../schema/defineTable";
import { AuditWriter } from "./auditLog";
import { copyTables } from "./loadBook";
import { staleSession, type Session } from "./operation";
import { PROTECTED_SHEETS, protectionPassword, tryWriteProtected } from "./protectedSheets";
import { finishRun, runIssue, startRun, type RunHandle, type RunPlan } from "./runs";
import { shapeOf } from "./setupWorkbook";

export interface Ritual {
  /** what the write lock shows a co-author ("post journals") */
  readonly operation: string;
  /** the time of the write (default: the writer's clock, read once) */
  readonly now?: string;
  /** the run row; absent for a write that is no run */
  readonly run?: Omit<RunPlan, "user" | "now"> & { readonly reserve?: readonly { name: string; next: number }[] };
  /** tables created empty before the run when the workbook lacks them (a system sheet among them protected after) */
  readonly create?: readonly TableDef[];
  /** the tables as the run sees them when they differ from the session's (rows about to be added before the run) */
  readonly raw?: ReadonlyMap<string, RawTable | undefined>;
  /** writes before the run row (a sequence row the workbook lacked, with its first number taken) */
  readonly before?: (port: WorkbookPort) => Promise<void>;
}

export interface RunWork {
  /** the session's port: write through it */
  readonly port: WorkbookPort;
  /** the run's id ("" without a run) */
  readonly runId: string;
  readonly run?: RunHandle;
  readonly user: string;
  readonly now: string;
  /** the tables as read, with the tables created for the run (empty) */
  readonly raw: ReadonlyMap<string, RawTable | undefined>;
}

export interface RitualDone<R> {
  readonly result: R;
  /** audit rows, appended after the tables (a blank runId is the run's) */
  readonly audit?: readonly AuditDraft[];
  /** the run is marked "rolled back" with this note instead of committed; no audit rows */
  readonly rollBack?: string;
}

/** Runs `work` as a run of the session's writer; an Issue when nothing could be written (lock, password, layout). */
export async function writeRun<R>(
  session: Session,
  ritual: Ritual,
  work: (w: RunWork) => Promise<RitualDone<R>>,
): Promise<R | Issue> {
  const writer = session.writer;
  if (!writer) throw new Error(`${ritual.operation}: the session was not opened for writing`);
  const { port } = session;
  const { book, raw } = session.loaded;
  const now = ritual.now ?? writer.clock.now();
  const user = writer.user;
  const created = (ritual.create ?? []).filter((d) => !raw.get(d.name));
  const rawNow = copyTables(ritual.raw ?? raw); // with the tails of tables appended to unread (loadBook.ts)
  for (const def of created)
    rawNow.set(def.name, { name: def.name, sheet: def.sheet, headers: shapeOf(def, []).headers, rows: [] });
  try {
    const out = await tryWriteProtected(
      port,
      book,
      { user, operation: ritual.operation, now },
      async (): Promise<{ refused: Issue } | { value: R }> => {
        for (const def of created) await port.createTable(shapeOf(def, []), []);
        if (ritual.before) await ritual.before(port);
        let run: RunHandle | undefined;
        if (ritual.run) {
          const { reserve = [], ...plan } = ritual.run;
          const started = await startRun(port, book, rawNow, { ...plan, user, now }, reserve);
          if (runIssue(started)) return { refused: started };
          run = started;
        }
        const runId = run?.runId ?? "";
        const done = await work({ port, runId, ...(run ? { run } : {}), user, now, raw: rawNow });
        if (run && done.rollBack !== undefined) {
          await finishRun(port, run, "rolled back", done.rollBack);
          return { value: done.result };
        }
        if (done.audit?.length)
          await new AuditWriter(book.audit).append(
            port,
            done.audit.map((d) => ({ ...d, runId: d.runId || runId })),
          );
        if (run) await finishRun(port, run);
        return { value: done.result };
      },
    );
    if ("code" in out) return out;
    return "refused" in out ? out.refused : out.value;
  } catch (e) {
    staleSession(session);
    throw e;
  } finally {
    // a system sheet created here was not there to be unprotected: protect it now
    const password = protectionPassword(book);
    for (const def of created)
      if (PROTECTED_SHEETS.includes(def.sheet) && !(await port.isProtected(def.sheet).catch(() => true)))
        await port.protect(def.sheet, password);
  }
}
