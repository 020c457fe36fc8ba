/**
 * Use case: the financial statements and the ledger journal report of a
 * period, written as report sheets that read like statements (headings,
 * indents, subtotals, negatives in parentheses, a balance-sheet check line and
 * tie-out rows) and stay correct without the add-in (plain values). Each
 * period has its own sheets, so earlier periods' statements stay; sheets of a
 * period that is not Open are protected. Nothing is written when a sealed
 * period the statements read does not verify (sealGuard).
 *
 * Example: await writeStatements(port, { period: "2026-03" })
 *   → sheets "Income statement 2026-03", "Balance sheet 2026-03", "Journal report 2026-03"; check line 0.00
 */
import { issue, type Issue } from "../core/issues/issue";
import { balanceSheet, type BalanceSheet } from "../core/statements/balanceSheet";
import { incomeStatement, type IncomeStatement } from "../core/statements/incomeStatement";
import { journalReport, type JournalReport } from "../core/statements/journalReport";
import { balanceSheetGrid, incomeStatementGrid, journalReportGrid } from "../core/statements/layout";
import { readSession, type Source } from "./operation";
import { gridSheet } from "./reportLayout";
import { periodSheetName, writeReportSheet } from "./reports";
import { LEDGER_REPORT_READS, sealGuard } from "./sealGuard";
import { PERIODS } from "../schema/tables";
import { where } from "../schema/typedCells";

/** The sheet names of a period's statements, in the order they are written. */
export function statementSheets(periodId: string): { income: string; balance: string; journal: string } {
  return {
    income: periodSheetName("Income statement", periodId),
    balance: periodSheetName("Balance sheet", periodId),
    journal: periodSheetName("Journal report", periodId),
  };
}

export { gridSheet };

export interface StatementsOptions {
  readonly period: string;
  readonly byDimension?: string;
  /** only this source prefix in the journal report ("journal:", "close:fx-revaluation") */
  readonly source?: string;
  readonly write?: boolean;
  /** who ran it, for the printed footer */
  readonly user?: string;
}

export interface Statements {
  readonly income?: IncomeStatement;
  readonly balance?: BalanceSheet;
  readonly journal?: JournalReport;
  readonly sheets: string[];
  readonly issues: Issue[];
}

export async function writeStatements(source: Source, options: StatementsOptions): Promise<Statements> {
  const { port, loaded } = await readSession(source, LEDGER_REPORT_READS);
  const { book, issues } = loaded;
  const p = book.setup.periods.find((x) => x.id.toLowerCase() === options.period.toLowerCase());
  if (!p)
    return {
      sheets: [],
      issues: [
        ...issues,
        issue("UNKNOWN_PERIOD", `There is no period "${options.period}" in the calendar.`, where(PERIODS)),
      ],
    };
  const write = options.write !== false;
  // the balance sheet and the year to date read every period up to this one's end
  const seal = sealGuard(book, `The statements of ${p.id}`, { to: p.end }, write ? "write" : "show");
  if (write && seal.length) return { sheets: [], issues: seal };
  const income = incomeStatement(book.ledger, book.setup, {
    from: p.start,
    to: p.end,
    ...(options.byDimension ? { byDimension: options.byDimension } : {}),
  });
  const balance = balanceSheet(book.ledger, book.setup, { asOf: p.end });
  const journal = journalReport(book.ledger, book.setup, {
    from: p.start,
    to: p.end,
    ...(options.source ? { source: options.source } : {}),
  });
  const sheets: string[] = [];
  if (write) {
    const names = statementSheets(p.id);
    const places = new Map([...book.setup.currencies.values()].map((c) => [c.code, c.precision]));
    const stamp = {
      company: book.setup.settings.company,
      period: `Period ${p.id}`,
      ...(options.user ? { ranBy: options.user } : {}),
    };
    for (const [sheet, grid] of [
      [names.income, incomeStatementGrid(income)],
      [names.balance, balanceSheetGrid(balance)],
      [names.journal, journalReportGrid(journal, places)],
    ] as const) {
      await writeReportSheet(port, book, gridSheet(sheet, grid, stamp), p.id);
      sheets.push(sheet);
    }
  }
  return {
    income,
    balance,
    journal,
    sheets,
    issues: [...seal, ...income.issues, ...balance.issues, ...journal.issues],
  };
}
