/**
 * Use case: post draft journal lines. Reads the workbook (repairing any
 * interrupted run first), runs the pure posting engine, and — only when there
 * is no error — writes as a run (runs.ts): numbers reserved, run "started",
 * ledger rows, journal statuses, audit rows (the posting, and any lock
 * exception relied on as an "override"), run "committed". Protected sheets
 * are unprotected for the write and re-protected in `finally`.
 * With any error nothing is posted. When the posting gate refused lines
 * (period not open, sealed, no access, unknown user), the refusal itself is
 * recorded in the audit log; other bad input leaves the workbook untouched.
 *
 * Example: await postJournals(port, { user: "alice", clock })
 *   → { posted: true, runId: "RUN-000001", vouchers: [GL-000001, …], lines: 412 }
 */
import { draft } from "../core/audit/auditChain";
import { hasErrors, issue, type Issue } from "../core/issues/issue";
import { postedJournalUpdates, postJournal, type PostedVoucher } from "../core/posting/postJournal";
import { sealedPeriods } from "../core/seal/seal";
import type { Clock } from "../ports/clock";
import type { CellUpdate, WorkbookPort } from "../ports/workbook";
import { encodeRecords } from "../schema/records";
import { AUDIT, JOURNAL, LEDGER } from "../schema/tables";
import { AuditWriter } from "./auditLog";
import { openForWrite } from "./openForWrite";
import { nextEntryNo } from "./loadBook";
import { tryWriteProtected } from "./protectedSheets";
import { finishRun, layoutIssues, runIssue, startRun, tailOf } from "./runs";
import { findSequence, isIssue } from "./sequences";

export interface PostJournalsOptions {
  readonly user: string;
  readonly clock: Clock;
  readonly journal?: string;
  readonly through?: string;
}

export interface PostJournalsResult {
  readonly posted: boolean;
  readonly runId?: string;
  readonly vouchers: readonly PostedVoucher[];
  readonly lines: number;
  readonly issues: readonly Issue[];
  /** the posting gate refused lines and the refusal was recorded in the audit log */
  readonly refusalRecorded?: boolean;
}

/** The posting gate's refusals (PostingGate.check): recorded in the audit log by every path that asks it. */
export const GATE_CODES: ReadonlySet<string> = new Set(["NO_PERIOD", "PERIOD_NOT_OPEN", "PERIOD_SEALED", "PERIOD_ACCESS", "UNKNOWN_USER"]);

export async function postJournals(port: WorkbookPort, options: PostJournalsOptions): Promise<PostJournalsResult> {
  const opened = await openForWrite(port, options.user, options.clock);
  const { book, raw } = opened;
  const readIssues = opened.issues;
  const blocking = readIssues.filter((i) => i.severity === "error" && i.at?.table !== JOURNAL.name);
  const voucherSeq = findSequence(book, "voucher");
  if (hasErrors(blocking) || isIssue(voucherSeq)) return { posted: false, vouchers: [], lines: 0, issues: [...readIssues, ...(isIssue(voucherSeq) ? [voucherSeq] : [])] };
  const user = options.user;
  const now = options.clock.now();
  const result = postJournal({
    setup: book.setup,
    journal: book.journal,
    user,
    now,
    runId: "(pending)",
    nextEntryNo: nextEntryNo(book),
    nextVoucherNo: voucherSeq.next,
    voucherPrefix: voucherSeq.prefix,
    locks: { exceptions: book.lockExceptions, sealed: sealedPeriods(book.seals) },
    ...(options.journal || options.through ? { filter: { ...(options.journal ? { journal: options.journal } : {}), ...(options.through ? { through: options.through } : {}) } } : {}),
  });
  const issues = [...readIssues, ...result.issues];
  const audit = new AuditWriter(book.audit);
  if (!result.posted) {
    const refused = result.issues.filter((i) => GATE_CODES.has(i.code));
    if (refused.length) {
      const periods = [...new Set(refused.map((i) => /[Pp]eriod (\S+)/.exec(i.message)?.[1] ?? ""))].filter(Boolean);
      const cannot = layoutIssues(raw, { appends: [{ def: AUDIT }] });
      if (cannot.length) return { posted: false, vouchers: [], lines: result.lineCount, issues: [...issues, ...cannot] };
      const written = await tryWriteProtected(port, book, () =>
        audit.append(port, [draft(now, user, "refused", { subject: "post-journals", detail: `${refused.length} draft lines refused by the posting gate (${[...new Set(refused.map((i) => i.code))].join(", ")})${periods.length ? ` for periods ${periods.join(", ")}` : ""}: ${refused[0]!.message}` })]),
      );
      if (isIssue(written)) return { posted: false, vouchers: [], lines: result.lineCount, issues: [...issues, written] };
      return { posted: false, vouchers: [], lines: result.lineCount, issues, refusalRecorded: true };
    }
    return { posted: false, vouchers: [], lines: result.lineCount, issues };
  }
  if (result.entries.length === 0) {
    return { posted: false, vouchers: [], lines: 0, issues: [...issues, issue("NOTHING_TO_POST", "There are no draft journal lines to post.", { table: JOURNAL.name }, "info")] };
  }
  const dims = book.setup.dimensions.map((d) => d.name);
  const voucherList = [...new Set(result.entries.map((e) => e.voucher))].sort();
  const voucherRange = voucherList.length > 1 ? `${voucherList[0]}..${voucherList[voucherList.length - 1]}` : (voucherList[0] ?? "");
  const done = await tryWriteProtected(port, book, async (): Promise<PostJournalsResult> => {
    const run = await startRun(
      port,
      book,
      raw,
      {
        step: "post-journals",
        period: "",
        tails: { [LEDGER.name]: tailOf(raw, LEDGER.name) },
        parameters: { journal: options.journal ?? "", through: options.through ?? "" },
        user,
        now,
        vouchers: voucherRange,
        lines: result.entries.length,
        writes: { appends: [{ def: LEDGER, dims }], updates: { [JOURNAL.name]: ["Status", "Message", "Posted voucher"] } },
      },
      [{ name: "voucher", next: result.nextVoucherNo }],
    );
    if (runIssue(run)) return { posted: false, vouchers: [], lines: 0, issues: [...issues, run] };
    const entries = result.entries.map((e) => ({ ...e, runId: run.runId }));
    await port.appendRows(LEDGER.name, encodeRecords(LEDGER, dims, entries));
    const updates: CellUpdate[] = postedJournalUpdates(result.vouchers).flatMap((u) => [
      { row: u.row, column: "Status", value: u.status },
      { row: u.row, column: "Message", value: null },
      { row: u.row, column: "Posted voucher", value: u.postedVoucher },
    ]);
    await port.updateCells(JOURNAL.name, updates);
    await audit.append(port, [
      draft(now, user, "post-journals", { subject: voucherRange, detail: `${result.vouchers.length} vouchers, ${result.entries.length} ledger lines from ${result.lineCount} draft lines`, runId: run.runId }),
      ...result.overrides.map((x) => draft(now, user, "override", { subject: x.period, reason: x.reason, detail: `posted under the lock exception for ${x.user} until ${x.until}, created by ${x.createdBy}`, runId: run.runId })),
    ]);
    await finishRun(port, run);
    return { posted: true, runId: run.runId, vouchers: result.vouchers, lines: result.entries.length, issues };
  });
  return isIssue(done) ? { posted: false, vouchers: [], lines: 0, issues: [...issues, done] } : done;
}
