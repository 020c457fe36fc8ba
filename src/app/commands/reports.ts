/**
 * Commands of the reports: trial balance, statements, the ledger journal
 * report and journalizing, the pane's per-period sheets, drill-down, run trace.
 *
 * Example: send("trial-balance", { period: "2026-03" }) → { tb, issues }
 */
import type { TrialBalance } from "../../core/ledger/trialBalance";
import { drilldown, type DrilldownRequest } from "../drilldown";
import {
  journalize,
  ledgerJournalReport,
  writeJournalReportSheet,
  type JournalReportRequest,
  type JournalReportResult,
} from "../journalReport";
import { journalReportToSheet, reportPeriods, statementsToSheets, trialBalanceToSheet } from "../periodReports";
import { readRunTrace } from "../runTrace";
import { LEDGER_REPORT_READS } from "../sealGuard";
import { writeStatements, type StatementsOptions } from "../statements";
import { trialBalanceReport, writeTrialBalanceSheet, type TbOptions } from "../trialBalanceReport";
import type { HandlerEnv } from "./env";

export const reportHandlers = {
  "trial-balance": (args: TbOptions, env: HandlerEnv) => trialBalanceReport(env.port, args),
  "write-trial-balance": (args: { tb: TrialBalance; period?: string }, env: HandlerEnv) =>
    writeTrialBalanceSheet(env.port, args.tb, args.period),
  statements: async (args: StatementsOptions, env: HandlerEnv) =>
    writeStatements(await env.session(LEDGER_REPORT_READS), args),
  "journal-report": (args: JournalReportRequest, env: HandlerEnv) => ledgerJournalReport(env.port, args),
  journalize: ({ user, ...request }: JournalReportRequest & { user: string }, env: HandlerEnv) =>
    journalize(env.port, request, { user, clock: env.clock }),
  "write-journal-report": (args: { result: JournalReportResult; user?: string }, env: HandlerEnv) =>
    writeJournalReportSheet(env.port, args.result, args.user),
  "report-periods": (_args: Record<string, never>, env: HandlerEnv) => reportPeriods(env.port),
  "statements-to-sheets": (args: { period: string; user?: string }, env: HandlerEnv) =>
    statementsToSheets(env.port, args.period, args.user),
  "journal-report-to-sheet": (args: { period: string; journalizeAs?: string }, env: HandlerEnv) =>
    journalReportToSheet(
      env.port,
      args.period,
      args.journalizeAs ? { user: args.journalizeAs, clock: env.clock } : undefined,
    ),
  "trial-balance-to-sheet": (args: { period: string; user?: string }, env: HandlerEnv) =>
    trialBalanceToSheet(env.port, args.period, args.user),
  drilldown: (args: DrilldownRequest, env: HandlerEnv) => drilldown(env.port, args),
  "run-trace": (args: { runId: string }, env: HandlerEnv) => readRunTrace(env.port, args.runId),
};
