/**
 * The cross-table integrity checks (src/core/audit/integrity.ts) over a loaded
 * book: used by verify and check (reported), and by the paths that post or seal
 * (refused: posting into, or sealing, a workbook edited outside Closebook would
 * make the edit look genuine).
 *
 * Example: a row typed into tblLedger → integrityIssues(loaded) =
 *   [LEDGER_ROW_WITHOUT_RUN at tblLedger row 9, Run id]; postJournals posts nothing.
 */
import { bookIntegrity, closedByRuns, ledgerProvenance } from "../core/audit/integrity";
import type { Issue } from "../core/issues/issue";
import type { Book } from "../core/ledger/book";
import { sealedPeriods } from "../core/seal/seal";
import { LEDGER } from "../schema/tables";

/** Rows of `table` that could not be decoded (the read issues name them). */
export function unreadableRows(issues: readonly Issue[], table: string): Set<number> {
  const out = new Set<number>();
  for (const i of issues)
    if (i.severity === "error" && i.at?.table === table && i.at.row !== undefined) out.add(i.at.row);
  return out;
}

export function integrityIssues(loaded: { readonly book: Book; readonly issues: readonly Issue[] }): Issue[] {
  return bookIntegrity(loaded.book, unreadableRows(loaded.issues, LEDGER.name));
}

/** The integrity errors that stop a posting or a seal anywhere: ledger rows no run wrote (they would be sealed as genuine). */
export function integrityRefusal(loaded: { readonly book: Book; readonly issues: readonly Issue[] }): Issue[] {
  return ledgerProvenance(
    loaded.book.setup.where,
    loaded.book.ledger,
    loaded.book.runs,
    unreadableRows(loaded.issues, LEDGER.name),
  ).filter((i) => i.severity === "error");
}

/**
 * The periods the posting gate treats as sealed: those with a seal in force, and
 * those the committed runs left On hold or closed (a seal record deleted and the
 * status typed Open does not reopen a period).
 */
export function gateSealed(book: Pick<Book, "seals" | "runs">): Set<string> {
  return new Set([...sealedPeriods(book.seals), ...closedByRuns(book.runs)]);
}
