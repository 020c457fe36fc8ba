/**
 * Reads the journal for the Journals tab: the lines to post grouped per
 * period and journal, and the default "Post through" date. Reads again
 * whenever the session's `changed` counter moves (after any write).
 *
 * Example: const drafts = useJournalDrafts();
 *   drafts.view → { groups: [{ period: "2026-03", journal: "GJ", drafts: 12, failed: 0, … }], through: "2026-03-31" }
 */
import { sendOn } from "../shell/useSend";
import type { Issue } from "../../core/issues/issue";
import type { WorkbookPort } from "../../ports/workbook";
import { JOURNAL } from "../../schema/tables";
import { useWorkbookRead } from "../shell/useWorkbookRead";
import { defaultThrough, summarizeDrafts, type DraftGroup } from "./draftModel";
import { journalRuns, type JournalRunView } from "./journalRuns";

export interface DraftsView {
  readonly groups: readonly DraftGroup[];
  /** the default "Post through" date ("" when no period is Open) */
  readonly through: string;
  /** the posted journal runs that can be reversed, newest first */
  readonly runs: readonly JournalRunView[];
}

async function readDrafts(port: WorkbookPort): Promise<DraftsView> {
  // the journal and the runs only: the ledger is neither read nor sent to this thread
  const { book } = await sendOn(port)("read-book", { tables: [JOURNAL.name] });
  return {
    groups: summarizeDrafts(book.journal, book.setup.periods),
    through: defaultThrough(book.journal, book.setup.periods),
    runs: journalRuns(book.runs),
  };
}

export function useJournalDrafts(): { readonly view: DraftsView | undefined; readonly failure: Issue | undefined } {
  const { value, failure } = useWorkbookRead("Reading the journal", readDrafts);
  return { view: value, failure };
}
