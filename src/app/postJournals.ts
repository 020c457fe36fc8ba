/**
 * Use case: post draft journal lines. Reads the workbook (repairing any
 * interrupted run first), runs the pure posting engine, and — only when there
 * is no error — writes as a run (runs.ts): numbers reserved, run "started",
 * ledger rows, journal statuses, audit rows (the posting, and any lock
 * exception relied on as an "override"), run "committed". Journal rows are
 * marked by key (journal, draft voucher, date, account, currency, amounts as
 * read): if the user sorted or inserted rows meanwhile, the posting refuses
 * (ROWS_MOVED), writes no ledger row and marks its run "rolled back". Protected sheets
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
import { withHashes } from "../core/crypto/hashing";
import { verifySeals } from "../core/seal/verifySeals";
import { groupJournalRefusals } from "../core/consolidation/groupJournals";
import { isConsolidationCompany } from "../schema/consolidationCodec";
import type { Clock } from "../ports/clock";
import type { KeyedUpdate, RawTable } from "../ports/workbook";
import { isRowsMoved } from "../ports/workbook";
import { encodeRecords } from "../schema/records";
import { AUDIT, JOURNAL, LEDGER, LOCK_EXCEPTIONS, SEALS, SEAL_ROWS, SEQUENCES } from "../schema/tables";
import { headers, keyedUpdates } from "../schema/typedCells";
import { notPosted, type PostResult } from "./closeRuns";
import { gateSealed, integrityRefusal } from "./integrityGuard";
import { ledgerAppendPoint } from "./ledgerTail";
import { readSession, writeSession, type Source } from "./operation";
import { writeRun, type Ritual, type RitualDone } from "./runRitual";
import { journalKeys, layoutIssues, rowsMovedIssue, tailOf } from "./runs";
import { findSequence, isIssue } from "./sequences";

export interface PostJournalsOptions {
  readonly user: string;
  readonly clock: Clock;
  readonly journal?: string;
  readonly through?: string;
}

export interface PostJournalsResult extends Omit<PostResult, "vouchers"> {
  readonly vouchers: readonly PostedVoucher[];
  /** the posting gate refused lines and the refusal was recorded in the audit log */
  readonly refusalRecorded?: boolean;
}

/** The posting gate's refusals (PostingGate.check): recorded in the audit log by every path that asks it. */
export const GATE_CODES: ReadonlySet<string> = new Set([
  "NO_PERIOD",
  "PERIOD_NOT_OPEN",
  "PERIOD_SEALED",
  "PERIOD_ACCESS",
  "UNKNOWN_USER",
]);

/**
 * The tables a posting reads (besides the setup and tblRuns): the drafts, the numbers, the audit chain's end,
 * the lock exceptions and seals of the posting gate. The ledger is appended to, not read, while it is as the
 * runs left it (ledgerTail.ts); read otherwise, with the seal rows to check the seals as before.
 */
export const POST_READS = [JOURNAL, SEQUENCES, AUDIT, LOCK_EXCEPTIONS, SEALS] as const;

export async function postJournals(source: Source, options: PostJournalsOptions): Promise<PostJournalsResult> {
  const session = await writeSession(source, options, POST_READS);
  const ledger = await ledgerAppendPoint(session);
  if (ledger.read) await readSession(session, [...POST_READS, LEDGER, SEAL_ROWS]);
  const opened = session.loaded;
  const { book, raw } = opened;
  const readIssues = opened.issues;
  // a repair left unfinished because journal rows moved (ROWS_MOVED) blocks too: the next open finishes it
  const blocking = readIssues.filter(
    (i) => i.severity === "error" && (i.at?.table !== JOURNAL.name || i.code === "ROWS_MOVED"),
  );
  const voucherSeq = findSequence(book, "voucher");
  if (hasErrors(blocking) || isIssue(voucherSeq))
    return notPosted([...readIssues, ...(isIssue(voucherSeq) ? [voucherSeq] : [])]);
  // ledger rows no run wrote: refused (read only when the row count differs from the runs', ledgerTail.ts)
  const tampered = ledger.read ? integrityRefusal(opened) : [];
  if (tampered.length) return notPosted([...readIssues, ...tampered]);
  // a group workbook takes no daily journals, only closing-adjustment journals (groupJournals.ts)
  const daily = isConsolidationCompany(raw) ? groupJournalRefusals(book.setup.where, book.journal, options) : [];
  if (daily.length) return notPosted([...readIssues, ...daily]);
  const user = options.user;
  const now = options.clock.now();
  const result = postJournal({
    setup: book.setup,
    journal: book.journal,
    user,
    now,
    runId: "(pending)",
    nextEntryNo: ledger.nextEntryNo,
    nextVoucherNo: voucherSeq.next,
    voucherPrefix: voucherSeq.prefix,
    locks: { exceptions: book.lockExceptions, sealed: gateSealed(book) },
    ...(options.journal || options.through
      ? {
          filter: {
            ...(options.journal ? { journal: options.journal } : {}),
            ...(options.through ? { through: options.through } : {}),
          },
        }
      : {}),
  });
  // a seal broken elsewhere does not stop a posting into an open period, but the user should know (when the
  // ledger was read; otherwise verify, close and the period lock, which read it, tell)
  const sealIssues = ledger.read
    ? await withHashes((hash) => verifySeals(book.setup.where, book.ledger, book.seals, book.sealRows, undefined, hash))
    : [];
  const brokenSeals = sealIssues.map((i): Issue => ({
    ...i,
    severity: "warning",
  }));
  const issues = [...readIssues, ...brokenSeals, ...result.issues];
  if (!result.posted) {
    const refused = result.issues.filter((i) => GATE_CODES.has(i.code));
    if (refused.length) {
      const periods = [...new Set(refused.map((i) => /[Pp]eriod (\S+)/.exec(i.message)?.[1] ?? ""))].filter(Boolean);
      const cannot = layoutIssues(raw, { appends: [{ def: AUDIT }] });
      if (cannot.length) return notPosted([...issues, ...cannot], result.lineCount);
      const written = await writeRun(session, { operation: "record a refused posting", now }, async () => ({
        result: undefined,
        audit: [
          draft(now, user, "refused", {
            subject: "post-journals",
            detail: `${refused.length} draft lines refused by the posting gate (${[...new Set(refused.map((i) => i.code))].join(", ")})${periods.length ? ` for periods ${periods.join(", ")}` : ""}: ${refused[0]!.message}`,
          }),
        ],
      }));
      if (isIssue(written)) return notPosted([...issues, written], result.lineCount);
      return { ...notPosted(issues, result.lineCount), refusalRecorded: true };
    }
    return notPosted(issues, result.lineCount);
  }
  if (result.entries.length === 0) {
    return notPosted([
      ...issues,
      issue("NOTHING_TO_POST", "There are no draft journal lines to post.", { table: JOURNAL.name }, "info"),
    ]);
  }
  const dims = book.setup.dimensions.map((d) => d.name);
  const voucherList = [...new Set(result.entries.map((e) => e.voucher))].sort();
  const voucherRange =
    voucherList.length > 1 ? `${voucherList[0]}..${voucherList[voucherList.length - 1]}` : (voucherList[0] ?? "");
  const done = await writeRun(
    session,
    postJournalsRitual(raw, dims, now, {
      journal: options.journal ?? "",
      through: options.through ?? "",
      vouchers: voucherRange,
      lines: result.entries.length,
      nextVoucherNo: result.nextVoucherNo,
    }),
    async ({ port, runId }): Promise<RitualDone<PostJournalsResult>> => {
      const entries = result.entries.map((e) => ({ ...e, runId }));
      // journal rows first, addressed by their key: a row the user moved since the read refuses the posting before any ledger row is written
      const keyed = journalKeys(raw.get(JOURNAL.name), dims);
      const updates: KeyedUpdate[] = postedJournalUpdates(result.vouchers).flatMap((u) => {
        return keyedUpdates(JOURNAL, u.row, keyed.keyOf(u.row), {
          status: u.status,
          message: null,
          postedVoucher: u.postedVoucher,
        });
      });
      try {
        await port.updateCellsByKey(JOURNAL.name, keyed.columns, updates);
      } catch (e) {
        if (!isRowsMoved(e)) throw e;
        return {
          result: notPosted([...issues, rowsMovedIssue(e)]),
          rollBack: `Journal rows were moved while posting: ${e.message}`,
        };
      }
      await port.appendRows(LEDGER.name, encodeRecords(LEDGER, dims, entries));
      return {
        result: { posted: true, runId, vouchers: result.vouchers, lines: result.entries.length, issues },
        audit: [
          draft(now, user, "post-journals", {
            subject: voucherRange,
            detail: `${result.vouchers.length} vouchers, ${result.entries.length} ledger lines from ${result.lineCount} draft lines`,
          }),
          ...result.overrides.map((x) =>
            draft(now, user, "override", {
              subject: x.period,
              reason: x.reason,
              detail: `posted under the lock exception for ${x.user} until ${x.until}, created by ${x.createdBy}`,
            }),
          ),
        ],
      };
    },
  );
  return isIssue(done) ? notPosted([...issues, done]) : done;
}

/**
 * The run ritual of a journal posting: a "post-journals" run appending ledger rows and marking journal rows posted,
 * the voucher numbers up to `nextVoucherNo` reserved (also the large demo's, demo/largeDemo.ts).
 * Example: postJournalsRitual(raw, ["Department"], now, { journal: "", through: "", vouchers: "GL-000001..GL-000025",
 *   lines: 53, nextVoucherNo: 26 })
 */
export function postJournalsRitual(
  raw: ReadonlyMap<string, RawTable | undefined>,
  dims: readonly string[],
  now: string,
  p: { journal: string; through: string; vouchers: string; lines: number; nextVoucherNo: number },
): Ritual {
  return {
    operation: "post journals",
    now,
    run: {
      step: "post-journals",
      period: "",
      tails: { [LEDGER.name]: tailOf(raw, LEDGER.name) },
      parameters: { journal: p.journal, through: p.through },
      vouchers: p.vouchers,
      lines: p.lines,
      writes: {
        appends: [{ def: LEDGER, dims }],
        updates: { [JOURNAL.name]: headers(JOURNAL, ["status", "message", "postedVoucher"]) },
      },
      reserve: [{ name: "voucher", next: p.nextVoucherNo }],
    },
  };
}
