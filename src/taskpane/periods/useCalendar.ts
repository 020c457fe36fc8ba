/**
 * Reads the fiscal calendar for the Periods tab: every period with its seal
 * in force, and the access choices (All, None, the users' groups). Reads
 * again whenever the session's `changed` counter moves.
 *
 * Example: const cal = useCalendar();
 *   cal.view?.rows[3] → { period: { id: "2026-03", status: "On hold", … }, seal: { count: 61, hash: "$1$5f…" } }
 */
import { sendOn } from "../shell/useSend";
import type { Issue } from "../../core/issues/issue";
import type { WorkbookPort } from "../../ports/workbook";
import { SEALS } from "../../schema/tables";
import { useWorkbookRead } from "../shell/useWorkbookRead";
import { accessChoices, calendarRows, type CalendarRow } from "./periodModel";

export interface CalendarView {
  readonly rows: readonly CalendarRow[];
  readonly access: readonly string[];
}

async function readCalendar(port: WorkbookPort): Promise<CalendarView> {
  // the calendar and its seals only: the ledger is neither read nor sent to this thread
  const { book } = await sendOn(port)("read-book", { tables: [SEALS.name] });
  return { rows: calendarRows(book), access: accessChoices(book.setup.users) };
}

export function useCalendar(): { readonly view: CalendarView | undefined; readonly failure: Issue | undefined } {
  const { value, failure } = useWorkbookRead("Reading the calendar", readCalendar);
  return { view: value, failure };
}
