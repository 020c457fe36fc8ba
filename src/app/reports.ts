/**
 * Writes a report sheet, and protects it when it reports on a period that is
 * no longer Open (a closed period's statements should not be edited by
 * accident; the password is the settings' protection password). Rewriting a
 * protected report unprotects it first.
 *
 * Example: writeReportSheet(port, book, tbReportSheet(tb, company), "2026-03")
 *   → sheet "Trial balance" written; protected because 2026-03 is On hold.
 *
 * Statements are kept per period: periodSheetName("Income statement", "2026-03")
 * → "Income statement 2026-03", so writing April's leaves March's sheet as it was.
 */
import type { Book } from "../core/ledger/book";
import { isSheetNotFound, type ReportSheet, type WorkbookPort } from "../ports/workbook";
import { protectionPassword } from "./protectedSheets";

/** Excel sheet names: at most 31 characters, none of / \ ? * [ ] : nor control characters, no apostrophe or space at either end. */
export const SHEET_NAME_MAX = 31;

/** "Income statement 2026-03": a report's sheet for one period, made a valid Excel sheet name. */
export function periodSheetName(base: string, period: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const name = (period ? `${base} ${period}` : base).replace(/[/\\?*[\]:\u0000-\u001f]/g, "-");
  return name.slice(0, SHEET_NAME_MAX).replace(/^['\s]+|['\s]+$/g, "");
}

export async function writeReportSheet(
  port: WorkbookPort,
  book: Pick<Book, "setup">,
  report: ReportSheet,
  periodId?: string,
): Promise<{ protected: boolean }> {
  const password = protectionPassword(book);
  try {
    if (await port.isProtected(report.sheet)) await port.unprotect(report.sheet, password);
  } catch (e) {
    if (!isSheetNotFound(e)) throw e;
  }
  await port.writeReport(report);
  const period = periodId ? book.setup.periods.find((p) => p.id.toLowerCase() === periodId.toLowerCase()) : undefined;
  const closed = period !== undefined && period.status !== "Open";
  if (closed) await port.protect(report.sheet, password);
  return { protected: closed };
}
