/**
 * Use case: post draft journal lines. Reads the workbook, runs the pure
 * posting engine, and — only when there is no error — writes, in this order:
 * sequences (numbers reserved), run row "started", ledger rows, journal
 * statuses, run row "committed", audit entry. With any error nothing is
 * written and the issues are returned.
 *
 * Example: await postJournals(port, { user: "alice", clock })
 *   → { posted: true, runId: "RUN-000001", vouchers: ["GL-000001", …], lines: 412 }
 */
import { hasErrors, issue, type Issue } from "../core/issues/issue";
import { postedJournalUpdates, postJournal, type PostedVoucher } from "../core/posting/postJournal";
import type { Clock } from "../ports/clock";
import type { CellUpdate, WorkbookPort } from "../ports/workbook";
import { encodeRecords } from "../schema/records";
import { AUDIT, JOURNAL, LEDGER, RUNS, SEQUENCES } from "../schema/tables";
import { loadBook, nextEntryNo } from "./loadBook";
import { findSequence, formatNumber, isIssue } from "./sequences";

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
}

export async function postJournals(port: WorkbookPort, options: PostJournalsOptions): Promise<PostJournalsResult> {
  const { book, issues: readIssues, raw } = await loadBook(port);
  const blocking = readIssues.filter((i) => i.severity === "error" && i.at?.table !== JOURNAL.name);
  const voucherSeq = findSequence(book, "voucher");
  const runSeq = findSequence(book, "run");
  const seqIssues = [voucherSeq, runSeq].filter(isIssue);
  if (hasErrors(blocking) || seqIssues.length) return { posted: false, vouchers: [], lines: 0, issues: [...readIssues, ...seqIssues] };
  if (isIssue(voucherSeq) || isIssue(runSeq)) throw new Error("unreachable");
  const user = options.user;
  const now = options.clock.now();
  const runId = formatNumber(runSeq.prefix, runSeq.next);
  const result = postJournal({
    setup: book.setup,
    journal: book.journal,
    user,
    now,
    runId,
    nextEntryNo: nextEntryNo(book),
    nextVoucherNo: voucherSeq.next,
    voucherPrefix: voucherSeq.prefix,
    ...(options.journal || options.through ? { filter: { ...(options.journal ? { journal: options.journal } : {}), ...(options.through ? { through: options.through } : {}) } } : {}),
  });
  const issues = [...readIssues, ...result.issues];
  if (!result.posted) return { posted: false, vouchers: [], lines: result.lineCount, issues };
  if (result.entries.length === 0) {
    return { posted: false, vouchers: [], lines: 0, issues: [...issues, issue("NOTHING_TO_POST", "There are no draft journal lines to post.", { table: JOURNAL.name }, "info")] };
  }
  const dims = book.setup.dimensions.map((d) => d.name);
  const runRow = (raw.get(RUNS.name)?.rows.length ?? 0) + 1;
  const voucherList = result.vouchers.map((v) => v.voucher);
  const voucherRange = voucherList.length > 1 ? `${voucherList[0]}..${voucherList[voucherList.length - 1]}` : (voucherList[0] ?? "");

  await port.updateCells(SEQUENCES.name, [
    { row: voucherSeq.row, column: "Next", value: result.nextVoucherNo },
    { row: runSeq.row, column: "Next", value: runSeq.next + 1 },
  ]);
  await port.appendRows(RUNS.name, encodeRecords(RUNS, [], [{ runId, step: "post-journals", period: "", parameters: JSON.stringify({ journal: options.journal ?? "", through: options.through ?? "" }), user, startedAt: now, status: "started", vouchers: voucherRange, lines: result.entries.length, note: "" }]));
  await port.appendRows(LEDGER.name, encodeRecords(LEDGER, dims, result.entries));
  const updates: CellUpdate[] = postedJournalUpdates(result.vouchers).flatMap((u) => [
    { row: u.row, column: "Status", value: u.status },
    { row: u.row, column: "Message", value: u.message || null },
    { row: u.row, column: "Posted voucher", value: u.postedVoucher || null },
  ]);
  await port.updateCells(JOURNAL.name, updates);
  await port.updateCells(RUNS.name, [{ row: runRow, column: "Status", value: "committed" }]);
  const seq = book.audit.reduce((m, a) => Math.max(m, a.seq), 0) + 1;
  await port.appendRows(AUDIT.name, encodeRecords(AUDIT, [], [{ seq, at: now, user, action: "post-journals", detail: `${result.vouchers.length} vouchers ${voucherRange}, ${result.entries.length} ledger lines from ${result.lineCount} draft lines`, runId, hash: "" }]));
  return { posted: true, runId, vouchers: result.vouchers, lines: result.entries.length, issues };
}
