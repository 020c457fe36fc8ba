/**
 * What a run appending ledger lines needs of the ledger (a posting of journals): the next entry number and
 * where the table ends — without reading its rows when the ledger is as the runs left it. The ledger's tail
 * (headers and row count, the port's tableSize) is compared with the row count the standing runs recorded
 * (`ledgerRowsOfRuns`: each run's tail + lines). Equal: every row was written by a run, and as every run
 * numbers its entries after the largest (nextEntryNo: max + 1; an interrupted run's rows are cut back), the
 * entries are 1..rows, so the next is rows + 1. Different (a row typed, pasted or deleted, a workbook whose
 * runs did not record their tails): the ledger is read and the caller checks it whole, as before.
 * Not found without reading: an entry number edited in place, a broken seal of a closed period (verify,
 * close and the period lock read the ledger and report them).
 *
 * Example: tblRuns RUN-000001 committed, tails {tblLedger: 0}, 100,000 lines; tblLedger 100,000 rows →
 *   { nextEntryNo: 100001, read: false } (no ledger row read). A row typed in (100,001 rows) → the ledger
 *   is read, { nextEntryNo: max + 1, read: true }, and postJournals' integrity check refuses.
 */
import { ledgerRowsOfRuns } from "../core/audit/integrity";
import { wasRead } from "../schema/bookCodec";
import { LEDGER } from "../schema/tables";
import { nextEntryNo, tailTable } from "./loadBook";
import { appendTails, readSession, type Session } from "./operation";

export interface LedgerAppendPoint {
  readonly nextEntryNo: number;
  /** the ledger's rows were read (the session's book has them): the caller checks them as before */
  readonly read: boolean;
}

export async function ledgerAppendPoint(session: Session): Promise<LedgerAppendPoint> {
  const before = session.loaded.book;
  if (!wasRead(before, "ledger")) {
    await appendTails(session, [LEDGER]);
    const tail = tailTable(session.loaded.raw, LEDGER.name);
    const { book } = session.loaded;
    // a port without tableSize had the ledger read: checked whole below, as before
    if (!wasRead(book, "ledger") && tail && tail.rows === ledgerRowsOfRuns(book.runs, book.setup.where.ledger.table))
      return { nextEntryNo: tail.rows + 1, read: false };
    await readSession(session, [LEDGER]);
  }
  return { nextEntryNo: nextEntryNo(session.loaded.book), read: true };
}
