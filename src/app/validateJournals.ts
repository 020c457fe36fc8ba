/**
 * Use case: check draft journal lines the way postJournals would — the same
 * read, the same voucher sequence, the same posting engine with the posting
 * gate for the chosen user — and write nothing. It answers "what would
 * posting do now?": the issues, or the vouchers and ledger lines it would
 * post (numbered from the voucher sequence as it stands; the real posting
 * reserves its numbers when it writes, so they can differ if someone posts
 * first). An interrupted run is not repaired here (that needs a write); its
 * ledger rows are ignored, as every read-only command does.
 *
 * Example: await validateJournals(port, { user: "alice", clock, through: "2026-03-31" })
 *   → { ok: true, vouchers: [GL-000001, GL-000002], lines: 4, draftLines: 4, issues: [] }
 */
import { hasErrors, issue, type Issue } from "../core/issues/issue";
import { postJournal, type PostedVoucher } from "../core/posting/postJournal";
import type { WorkbookPort } from "../ports/workbook";
import { JOURNAL } from "../schema/tables";
import { gateSealed } from "./integrityGuard";
import { nextEntryNo } from "./loadBook";
import { readBook } from "./operation";
import type { PostJournalsOptions } from "./postJournals";
import { findSequence, isIssue } from "./sequences";

export type ValidateJournalsOptions = PostJournalsOptions;

export interface ValidateJournalsResult {
  /** true when posting now would post every selected draft line (and there is something to post) */
  readonly ok: boolean;
  /** the vouchers posting would create, with the numbers the sequence would give them */
  readonly vouchers: readonly PostedVoucher[];
  /** ledger lines posting would write (including rounding lines and accrual reversals) */
  readonly lines: number;
  /** draft lines selected by the journal / through filter */
  readonly draftLines: number;
  readonly issues: readonly Issue[];
}

export async function validateJournals(
  port: WorkbookPort,
  options: ValidateJournalsOptions,
): Promise<ValidateJournalsResult> {
  const { book, issues: readIssues } = await readBook(port);
  const blocking = readIssues.filter((i) => i.severity === "error" && i.at?.table !== JOURNAL.name);
  const voucherSeq = findSequence(book, "voucher");
  if (hasErrors(blocking) || isIssue(voucherSeq))
    return {
      ok: false,
      vouchers: [],
      lines: 0,
      draftLines: 0,
      issues: [...readIssues, ...(isIssue(voucherSeq) ? [voucherSeq] : [])],
    };
  const filter = {
    ...(options.journal ? { journal: options.journal } : {}),
    ...(options.through ? { through: options.through } : {}),
  };
  const result = postJournal({
    setup: book.setup,
    journal: book.journal,
    user: options.user,
    now: options.clock.now(),
    runId: "(not posted)",
    nextEntryNo: nextEntryNo(book),
    nextVoucherNo: voucherSeq.next,
    voucherPrefix: voucherSeq.prefix,
    locks: { exceptions: book.lockExceptions, sealed: gateSealed(book) },
    ...(options.journal || options.through ? { filter } : {}),
  });
  const issues = [...readIssues, ...result.issues];
  if (!result.posted) return { ok: false, vouchers: [], lines: 0, draftLines: result.lineCount, issues };
  if (result.entries.length === 0) {
    return {
      ok: false,
      vouchers: [],
      lines: 0,
      draftLines: 0,
      issues: [
        ...issues,
        issue("NOTHING_TO_POST", "There are no draft journal lines to post.", { table: JOURNAL.name }, "info"),
      ],
    };
  }
  return { ok: true, vouchers: result.vouchers, lines: result.entries.length, draftLines: result.lineCount, issues };
}
