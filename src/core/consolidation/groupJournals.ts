/**
 * No daily journals in a group workbook (D365: a consolidation company takes no
 * daily journals; adjustments go through closing-period adjustments). In a
 * workbook whose setting "Consolidation company" is yes, only journals whose
 * type marks them as adjustment journals post — the journal types of
 * adjustmentJournals.ts: a name starting ADJ, ACC or ACR, or containing
 * "adjust". Any other journal with lines to post is refused, one issue per
 * journal at its first line to post.
 *
 * Example (group workbook): tblJournal rows 1–2 journal "GJ-2026-03", rows 3–4 "ADJ-2026-03"
 *   → [DAILY_JOURNAL_IN_GROUP at tblJournal row 1, column Journal:
 *      "Journal GJ-2026-03 (2 lines) cannot post: this is a group workbook …"]; ADJ-2026-03 may post.
 */
import { ADJUSTMENT_JOURNAL } from "../close/adjustmentJournals";
import { issue, type Issue } from "../issues/issue";
import { cellAt, type Where } from "../issues/where";
import type { IsoDate, JournalLine } from "../ledger/types";

export function isClosingAdjustmentJournal(journal: string): boolean {
  return ADJUSTMENT_JOURNAL.test(journal.trim());
}

/** the refusals for the lines a posting would take (not Posted, within its journal and date filter) */
export function groupJournalRefusals(
  where: Where,
  lines: readonly JournalLine[],
  filter: { readonly journal?: string; readonly through?: IsoDate } = {},
): Issue[] {
  const daily = new Map<string, JournalLine[]>();
  for (const l of lines) {
    if (l.status === "Posted" || isClosingAdjustmentJournal(l.journal)) continue;
    if (filter.journal && l.journal !== filter.journal) continue;
    if (filter.through && !(l.date !== "" && l.date <= filter.through)) continue;
    daily.set(l.journal, [...(daily.get(l.journal) ?? []), l]);
  }
  return [...daily].map(([journal, ls]) =>
    issue(
      "DAILY_JOURNAL_IN_GROUP",
      `Journal ${journal || "(blank)"} (${ls.length} line${ls.length === 1 ? "" : "s"}) cannot post: this is a group workbook (setting "Consolidation company" = yes), which takes no daily journals. Book transactions in the entity workbooks; a group adjustment goes in a closing-adjustment journal (a name starting ADJ, e.g. ADJ-${ls[0]!.date.slice(0, 7) || "2026-03"}).`,
      cellAt(where.journal, "journal", ls[0]!.row),
    ),
  );
}
