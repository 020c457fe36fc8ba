/**
 * Reads the fiscal calendar for the Periods tab: every period with its seal
 * in force, and the access choices (All, None, the users' groups). Reads
 * again whenever the session's `changed` counter moves.
 *
 * Example: const cal = useCalendar();
 *   cal.view?.rows[3] → { period: { id: "2026-03", status: "On hold", … }, seal: { count: 61, hash: "$1$5f…" } }
 */
import { useEffect, useState } from "react";
import { loadBook } from "../../app/loadBook";
import type { Issue } from "../../core/issues/issue";
import { usePaneEnv } from "../paneEnv";
import { usePaneSession } from "../shell/session";
import { unexpected } from "../shell/useOperation";
import { accessChoices, calendarRows, type CalendarRow } from "./periodModel";

export interface CalendarView {
  readonly rows: readonly CalendarRow[];
  readonly access: readonly string[];
}

export function useCalendar(): { readonly view: CalendarView | undefined; readonly failure: Issue | undefined } {
  const { port } = usePaneEnv();
  const { changed } = usePaneSession();
  const [view, setView] = useState<CalendarView | undefined>(undefined);
  const [failure, setFailure] = useState<Issue | undefined>(undefined);

  useEffect(() => {
    let live = true;
    loadBook(port).then(
      ({ book }) => {
        if (!live) return;
        setFailure(undefined);
        setView({ rows: calendarRows(book), access: accessChoices(book.setup.users) });
      },
      (e: unknown) => {
        console.error(e);
        if (live) setFailure(unexpected(e, "Reading the calendar"));
      },
    );
    return () => {
      live = false;
    };
  }, [port, changed]);

  return { view, failure };
}
