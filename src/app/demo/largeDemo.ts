/**
 * The large demo (issue #14: a book of a million ledger lines made in minutes, within memory):
 * the demo company's setup, then `lines` generated journal lines (largeJournal.ts) posted as
 * one run, as postJournals posts them — but a few days at a time through the pure posting
 * engine, each day's ledger rows and, at the end, the journal rows (marked Posted with their
 * vouchers) handed to row sinks the caller streams into the file (the xlsx adapter's
 * streamAppend.ts) instead of the port; the run row, its audit row and the sequences go
 * through the run ritual like any posting. `drafts` further draft lines dated 2026-12-31
 * (journals NEW-2026-12) stay in the journal for `closebook post`.
 * The book decodes to what setupWorkbook + postJournals make of the same journal.
 *
 * Example: largeDemo(port, { lines: 1_000_000, drafts: 1000, clock }, sinkFor)
 *   → RUN-000001 post-journals, 500,000 vouchers GL-000001..GL-500000, 1,000,000 ledger lines,
 *     1,001,000 journal rows, 1,000 of them drafts.
 */
import { draft } from "../../core/audit/auditChain";
import { hasErrors, type Issue } from "../../core/issues/issue";
import type { JournalLine } from "../../core/ledger/types";
import { formatVoucher, postJournal } from "../../core/posting/postJournal";
import type { Clock } from "../../ports/clock";
import type { CellValue } from "../../ports/workbook";
import { encodeRecords } from "../../schema/records";
import { JOURNAL, LEDGER } from "../../schema/tables";
import { gateSealed } from "../integrityGuard";
import { nextEntryNo } from "../loadBook";
import { writeSession } from "../operation";
import { postJournalsRitual } from "../postJournals";
import { writeRun } from "../runRitual";
import { findSequence, isIssue } from "../sequences";
import { setupWorkbook } from "../setupWorkbook";
import { demoCompany } from "./demoCompany";
import { DEMO_USER } from "./runDemo";
import { voucherCount, voucherLines, vouchersOnDay, voucherUnits } from "./largeJournal";
import type { WorkbookPort } from "../../ports/workbook";

/** Where a table's rows go when they are too many for the port: appended after its rows as saved. */
export interface RowSink {
  append(rows: readonly (readonly CellValue[])[]): void;
}

export interface LargeDemoOptions {
  readonly lines: number;
  readonly drafts?: number;
  readonly clock: Clock;
  /** journal lines posted per engine call (whole days; default 20,000) */
  readonly chunk?: number;
}

export interface LargeDemoResult {
  readonly posted: boolean;
  readonly runId: string;
  readonly vouchers: number;
  readonly lines: number;
  readonly drafts: number;
  readonly issues: readonly Issue[];
}

const DAYS = 365;

export async function largeDemo(
  port: WorkbookPort,
  options: LargeDemoOptions,
  sinkFor: (table: string) => Promise<RowSink>,
): Promise<LargeDemoResult> {
  const company = demoCompany(2026);
  await setupWorkbook(port, { ...company, journal: [] });
  const session = await writeSession(port, { user: DEMO_USER, clock: options.clock });
  const { book, raw } = session.loaded;
  const now = options.clock.now();
  const failed = (issues: readonly Issue[]): LargeDemoResult => ({
    posted: false,
    runId: "",
    vouchers: 0,
    lines: 0,
    drafts: 0,
    issues,
  });
  const runSeq = findSequence(book, "run");
  const voucherSeq = findSequence(book, "voucher");
  if (isIssue(runSeq) || isIssue(voucherSeq)) return failed([runSeq, voucherSeq].filter(isIssue));
  const runId = formatVoucher(runSeq.prefix, runSeq.next); // what startRun will take
  const ledgerSink = await sinkFor(LEDGER.name);
  const journalSink = await sinkFor(JOURNAL.name);
  const dims = book.setup.dimensions.map((d) => d.name);

  const count = voucherCount(options.lines);
  const units = voucherUnits(count);
  const numberOf = new Int32Array(count);
  const perDay = Math.max(1, (2 * count) / DAYS);
  const daysPerChunk = Math.max(1, Math.floor((options.chunk ?? 20_000) / perDay));
  let entryNo = nextEntryNo(book);
  let voucherNo = voucherSeq.next;
  let posted = 0;
  let drafted = 0;
  let vouchers = 0;
  const locks = { exceptions: book.lockExceptions, sealed: gateSealed(book) };
  for (let day = 0; day < DAYS; day += daysPerChunk) {
    const journal: JournalLine[] = [];
    for (let d = day; d < Math.min(DAYS, day + daysPerChunk); d++)
      for (const v of vouchersOnDay(d, count)) journal.push(...voucherLines(v, units[v]!));
    if (journal.length === 0) continue;
    drafted += journal.length;
    const r = postJournal({
      setup: book.setup,
      journal,
      user: DEMO_USER,
      now,
      runId,
      nextEntryNo: entryNo,
      nextVoucherNo: voucherNo,
      voucherPrefix: voucherSeq.prefix,
      locks,
    });
    if (!r.posted || hasErrors(r.issues))
      return failed([...r.issues.filter((i) => i.severity === "error").slice(0, 20)]);
    for (const pv of r.vouchers) numberOf[Number(pv.draftVoucher.slice(2))] = Number(pv.voucher.slice(voucherSeq.prefix.length));
    ledgerSink.append(encodeRecords(LEDGER, dims, r.entries));
    entryNo += r.entries.length;
    posted += r.entries.length;
    voucherNo = r.nextVoucherNo;
    vouchers += r.vouchers.length;
  }

  // the journal rows as postJournals leaves them: Posted, with their voucher, in row order
  const STEP = 5_000;
  for (let from = 0; from < count; from += STEP) {
    const rows: JournalLine[] = [];
    for (let v = from; v < Math.min(count, from + STEP); v++)
      for (const l of voucherLines(v, units[v]!))
        rows.push({ ...l, status: "Posted", postedVoucher: formatVoucher(voucherSeq.prefix, numberOf[v]!) });
    journalSink.append(encodeRecords(JOURNAL, dims, rows));
  }
  const extra = voucherCount(options.drafts ?? 0);
  const extraUnits = voucherUnits(extra);
  for (let from = 0; from < extra; from += STEP) {
    const rows: JournalLine[] = [];
    for (let v = from; v < Math.min(extra, from + STEP); v++)
      rows.push(...voucherLines(v, extraUnits[v]!, { onDate: "2026-12-31", prefix: "NEW" }));
    journalSink.append(encodeRecords(JOURNAL, dims, rows));
  }

  const first = formatVoucher(voucherSeq.prefix, voucherSeq.next);
  const last = formatVoucher(voucherSeq.prefix, voucherNo - 1);
  const range = voucherNo - voucherSeq.next > 1 ? `${first}..${last}` : voucherNo > voucherSeq.next ? first : "";
  const done = await writeRun(
    session,
    postJournalsRitual(raw, dims, now, { journal: "", through: "", vouchers: range, lines: posted, nextVoucherNo: voucherNo }),
    async ({ runId: taken }) => {
      if (taken !== runId) throw new Error(`large demo: the run took ${taken}, its ledger rows name ${runId}`);
      return {
        result: taken,
        audit: [
          draft(now, DEMO_USER, "post-journals", {
            subject: range,
            detail: `${vouchers} vouchers, ${posted} ledger lines from ${drafted} draft lines`,
          }),
        ],
      };
    },
  );
  if (isIssue(done)) return failed([done]);
  return {
    posted: true,
    runId,
    vouchers,
    lines: posted,
    drafts: 2 * extra,
    issues: [],
  };
}
