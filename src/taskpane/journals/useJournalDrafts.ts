/**
 * Reads the journal for the Journals tab: the lines to post grouped per
 * period and journal, and the default "Post through" date. Reads again
 * whenever the session's `changed` counter moves (after any write).
 *
 * Example: const drafts = useJournalDrafts();
 *   drafts.view → { groups: [{ period: "2026-03", journal: "GJ", drafts: 12, failed: 0, … }], through: "2026-03-31" }
 */
import { useEffect, useState } from "react";
import { loadBook } from "../../app/loadBook";
import type { Issue } from "../../core/issues/issue";
import { usePaneEnv } from "../paneEnv";
import { usePaneSession } from "../shell/session";
import { unexpected } from "../shell/useOperation";
import { defaultThrough, summarizeDrafts, type DraftGroup } from "./draftModel";

export interface DraftsView {
  readonly groups: readonly DraftGroup[];
  /** the default "Post through" date ("" when no period is Open) */
  readonly through: string;
}

export function useJournalDrafts(): { readonly view: DraftsView | undefined; readonly failure: Issue | undefined } {
  const { port } = usePaneEnv();
  const { changed } = usePaneSession();
  const [view, setView] = useState<DraftsView | undefined>(undefined);
  const [failure, setFailure] = useState<Issue | undefined>(undefined);

  useEffect(() => {
    let live = true;
    loadBook(port).then(
      ({ book }) => {
        if (!live) return;
        setFailure(undefined);
        setView({ groups: summarizeDrafts(book.journal, book.setup.periods), through: defaultThrough(book.journal, book.setup.periods) });
      },
      (e: unknown) => {
        console.error(e);
        if (live) setFailure(unexpected(e, "Reading the journal"));
      },
    );
    return () => {
      live = false;
    };
  }, [port, changed]);

  return { view, failure };
}
