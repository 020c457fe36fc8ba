/**
 * Writes a report sheet, and protects it when it reports on a period that is
 * no longer Open (a closed period's statements should not be edited by
 * accident; the password is the settings' protection password). Rewriting a
 * protected report unprotects it first.
 *
 * Example: writeReportSheet(port, book, tbReportSheet(tb, company), "2026-03")
 *   → sheet "Trial balance" written; protected because 2026-03 is On hold.
 */
import type { Book } from "../core/ledger/book";
import { isSheetNotFound, type ReportSheet, type WorkbookPort } from "../ports/workbook";
import { protectionPassword } from "./protectedSheets";

export async function writeReportSheet(port: WorkbookPort, book: Pick<Book, "setup">, report: ReportSheet, periodId?: string): Promise<{ protected: boolean }> {
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
