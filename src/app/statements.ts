/**
 * Use case: the financial statements and the ledger journal report of a
 * period, written as report sheets that read like statements (headings,
 * indents, subtotals, negatives in parentheses, a balance-sheet check line and
 * tie-out rows) and stay correct without the add-in (plain values). Sheets of
 * a period that is not Open are protected.
 *
 * Example: await writeStatements(port, { period: "2026-03" })
 *   → sheets "Income statement", "Balance sheet", "Journal report"; check line 0.00
 */
import { issue, type Issue } from "../core/issues/issue";
import { balanceSheet, type BalanceSheet } from "../core/statements/balanceSheet";
import { incomeStatement, type IncomeStatement } from "../core/statements/incomeStatement";
import { journalReport, type JournalReport } from "../core/statements/journalReport";
import { balanceSheetGrid, incomeStatementGrid, journalReportGrid, type Grid } from "../core/statements/layout";
import type { ReportSheet, WorkbookPort } from "../ports/workbook";
import { loadBook } from "./loadBook";
import { writeReportSheet } from "./reports";

export function gridSheet(sheet: string, grid: Grid): ReportSheet {
  return { sheet, title: grid.title, rows: grid.rows, numberFormats: grid.formats, boldRows: grid.bold };
}

export interface StatementsOptions {
  readonly period: string;
  readonly byDimension?: string;
  /** only this source prefix in the journal report ("journal:", "close:fx-revaluation") */
  readonly source?: string;
  readonly write?: boolean;
}

export interface Statements {
  readonly income?: IncomeStatement;
  readonly balance?: BalanceSheet;
  readonly journal?: JournalReport;
  readonly sheets: string[];
  readonly issues: Issue[];
}

export async function writeStatements(port: WorkbookPort, options: StatementsOptions): Promise<Statements> {
  const { book, issues } = await loadBook(port);
  const p = book.setup.periods.find((x) => x.id.toLowerCase() === options.period.toLowerCase());
  if (!p) return { sheets: [], issues: [...issues, issue("UNKNOWN_PERIOD", `There is no period "${options.period}" in the calendar.`, { table: "tblPeriods" })] };
  const income = incomeStatement(book.ledger, book.setup, { from: p.start, to: p.end, ...(options.byDimension ? { byDimension: options.byDimension } : {}) });
  const balance = balanceSheet(book.ledger, book.setup, { asOf: p.end });
  const journal = journalReport(book.ledger, book.setup, { from: p.start, to: p.end, ...(options.source ? { source: options.source } : {}) });
  const sheets: string[] = [];
  if (options.write !== false) {
    for (const [sheet, grid] of [
      ["Income statement", incomeStatementGrid(income)],
      ["Balance sheet", balanceSheetGrid(balance)],
      ["Journal report", journalReportGrid(journal)],
    ] as const) {
      await writeReportSheet(port, book, gridSheet(sheet, grid), p.id);
      sheets.push(sheet);
    }
  }
  return { income, balance, journal, sheets, issues: [...income.issues, ...balance.issues, ...journal.issues] };
}
