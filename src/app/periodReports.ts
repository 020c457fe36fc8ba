/**
 * The three period reports the task pane's Reports tab writes, each as one
 * call that writes its sheets and says which it wrote and whether each ended
 * protected (a period that is not Open gets protected report sheets):
 *   statementsToSheets     "Income statement 2026-03", "Balance sheet 2026-03",
 *                          "Journal report 2026-03" (writeStatements)
 *   journalReportToSheet   the period's journal report sheet, optionally journalizing
 *                          first — what `closebook journal-report --write [--journalize]` does
 *   trialBalanceToSheet    the "Trial balance" sheet, as the demo close writes it
 * Each writes nothing, and says why, when a sealed period it reads does not
 * verify (sealGuard).
 * and reportPeriods, the operating periods with the ones that have ledger entries.
 *
 * Example: await trialBalanceToSheet(port, "2026-03")
 *   → { tb: { from: "2026-03-01", to: "2026-03-31", totals: { debit: 2009.00, credit: 2009.00, … } },
 *       sheets: [{ sheet: "Trial balance", protected: false }], issues: [] }
 */
import type { Issue } from "../core/issues/issue";
import type { TrialBalance } from "../core/ledger/trialBalance";
import type { FiscalPeriod } from "../core/ledger/types";
import type { WorkbookPort } from "../ports/workbook";
import {
  journalize,
  ledgerJournalReport,
  writeJournalReportSheet,
  type JournalizeContext,
  type JournalizeResult,
  type JournalReportResult,
} from "./journalReport";
import { LEDGER } from "../schema/tables";
import { readBook } from "./operation";
import { writeStatements, type Statements } from "./statements";
import { trialBalanceReport, writeTrialBalanceSheet } from "./trialBalanceReport";

export interface SheetWritten {
  readonly sheet: string;
  readonly protected: boolean;
}

export interface ReportPeriods {
  /** the operating periods, in calendar order */
  readonly periods: readonly FiscalPeriod[];
  /** ids of the periods that have ledger entries */
  readonly withEntries: readonly string[];
}

export async function reportPeriods(port: WorkbookPort): Promise<ReportPeriods> {
  const { book } = await readBook(port, [LEDGER]);
  const periods = book.setup.periods
    .filter((p) => p.kind === "operating")
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const used = new Set(book.ledger.map((e) => e.period.toLowerCase()));
  return { periods, withEntries: periods.filter((p) => used.has(p.id.toLowerCase())).map((p) => p.id) };
}

/** `user`: who runs it, for the printed footer (as in the other two). */
export async function statementsToSheets(
  port: WorkbookPort,
  period: string,
  user?: string,
): Promise<{ statements: Statements; sheets: SheetWritten[] }> {
  const statements = await writeStatements(port, { period, ...(user ? { user } : {}) });
  const sheets: SheetWritten[] = [];
  for (const sheet of statements.sheets) sheets.push({ sheet, protected: await port.isProtected(sheet) });
  return { statements, sheets };
}

export interface JournalReportRun {
  /** the report as written (after journalizing, when asked) */
  readonly result: JournalReportResult;
  /** the journalizing, when asked for */
  readonly journalized?: JournalizeResult;
  readonly sheets: SheetWritten[];
}

/** Journalizes first when `journalizeAs` is given (it needs an active user), then writes the sheet. */
export async function journalReportToSheet(
  port: WorkbookPort,
  period: string,
  journalizeAs?: JournalizeContext,
): Promise<JournalReportRun> {
  const journalized = journalizeAs ? await journalize(port, { period }, journalizeAs) : undefined;
  const shown = journalized ?? (await ledgerJournalReport(port, { period }));
  const written = await writeJournalReportSheet(port, shown, journalizeAs?.user);
  // refused: the refusal and its broken rows replace the report's own seal warning
  const result = written?.issues.length
    ? { ...shown, issues: [...shown.issues.filter((i) => !i.code.startsWith("SEAL_")), ...written.issues] }
    : shown;
  return {
    result,
    ...(journalized ? { journalized } : {}),
    sheets: written?.sheet ? [{ sheet: written.sheet, protected: written.protected }] : [],
  };
}

export async function trialBalanceToSheet(
  port: WorkbookPort,
  period: string,
  user?: string,
): Promise<{ tb?: TrialBalance; sheets: SheetWritten[]; issues: Issue[] }> {
  const report = await trialBalanceReport(port, { period });
  if (!report.tb) return { sheets: [], issues: report.issues };
  const written = await writeTrialBalanceSheet(port, report.tb, period, user);
  if (!written.sheet)
    return {
      tb: report.tb,
      sheets: [],
      issues: [...report.issues.filter((i) => !i.code.startsWith("SEAL_")), ...written.issues],
    };
  return { tb: report.tb, sheets: [{ sheet: written.sheet, protected: written.protected }], issues: report.issues };
}
