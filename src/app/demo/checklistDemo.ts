/**
 * The demo's close checklist: a template of 21 tasks (plus a reconciliation
 * per bank account flagged Reconcile), US holidays, alice preparing and bob
 * reviewing. Called once per month by runDemo just before the hold: January to
 * November are fully signed (automatic tasks from the close's runs; a step
 * that posted nothing is N/A); December is partly signed, and its EUR bank
 * reconciliation was signed in November's close, before December's
 * revaluation moved the balance, so it shows "Changed after sign-off". December
 * is held by a controller's audited override (admin gets the role controller).
 *
 * Example: await demoChecklist(port, jan, months, ctx) → {} (all 25 tasks Reviewed or N/A);
 *   for December → { overrideChecklist: "Demo: …" }.
 */
import type { TaskAction } from "../../core/checklist/signoff";
import type { FiscalPeriod } from "../../core/ledger/types";
import type { Clock } from "../../ports/clock";
import type { CellValue, WorkbookPort } from "../../ports/workbook";
import { CLOSE_TEMPLATE, RECON_ITEMS, RECONCILIATIONS, WORK_CALENDAR } from "../../schema/checklistTables";
import { Amount } from "../../core/money";
import { encodeRecord } from "../../schema/records";
import { ACCOUNTS, USERS } from "../../schema/tables";
import { generateChecklist, readChecklist, signChecklistTasks } from "../checklist/checklistCommands";
import type { PeriodChecklist } from "../checklist/checklistState";
import { cellUpdates } from "../../schema/typedCells";
import { textOf } from "../../core/text/textOf";

const PREPARER = "alice";
const REVIEWER = "bob";
const RECONCILED = ["1000", "1010", "1020", "1030"];
/** the bank reconciliation signed early for the last month, then moved by its revaluation */
const EARLY = "REC-1010";

// Task, Area, Title, Description, Preparer, Reviewer, Due (BD), Depends on, Link, Automatic, Account
const TEMPLATE: readonly (readonly CellValue[])[] = [
  ["T01", "Ledger", "Verify journals posted", "No draft journal line dated in the month", PREPARER, "reviewer", "BD+1", "", "step:verify-journals", true, ""],
  ["T02", "FX", "Rate checks", "Period-end rates complete, current, no outliers", PREPARER, "reviewer", "BD+1", "", "step:rate-checks", false, ""],
  ["T03", "Receivables", "Ledger settlement posted", "Payments settled against invoices", PREPARER, "reviewer", "BD+2", "", "step:settlement", true, ""],
  ["T04", "FX", "Revaluation posted", "Unrealized FX on open balances", PREPARER, "reviewer", "BD+2", "T02", "step:revaluation", true, ""],
  ["T05", "Allocations", "Rent allocation posted", "Sales' share of the office rent", PREPARER, "reviewer", "BD+2", "", "step:allocations", true, ""],
  ["T06", "Receivables", "AR subledger reconciliation EUR", "Open items list vs ledger 1110", PREPARER, "reviewer", "BD+3", "", "", false, "1110"],
  ["T07", "Receivables", "AR subledger reconciliation USD", "Open items list vs ledger 1100", PREPARER, "reviewer", "BD+3", "", "", false, "1100"],
  ["T08", "Payables", "AP subledger reconciliation GBP", "Supplier statements vs ledger 2010", PREPARER, "reviewer", "BD+3", "", "", false, "2010"],
  ["T09", "Payables", "AP subledger reconciliation JPY", "Supplier statements vs ledger 2020", PREPARER, "reviewer", "BD+3", "", "", false, "2020"],
  ["T10", "Payables", "AP subledger reconciliation USD", "Supplier statements vs ledger 2000", PREPARER, "reviewer", "BD+3", "", "", false, "2000"],
  ["T11", "Accruals", "Accruals booked and reversed", "Auto-reversing accruals of the month", PREPARER, "reviewer", "BD+2", "", "", false, ""],
  ["T12", "Accruals", "Prepaid expenses amortized", "Insurance and software prepayments", PREPARER, "reviewer", "BD+2", "", "", false, ""],
  ["T13", "Fixed assets", "Depreciation booked", "Straight-line depreciation of equipment", PREPARER, "reviewer", "BD+2", "", "", false, ""],
  ["T14", "Payroll", "Payroll reconciled", "Payroll register vs wages expense", PREPARER, "reviewer", "BD+3", "", "", false, ""],
  ["T15", "Tax", "Sales tax return prepared", "", PREPARER, "reviewer", "BD+5", "", "", false, ""],
  ["T16", "Reporting", "Journal report and statements written", "Sheets Journal, Income statement, Balance sheet", PREPARER, "reviewer", "BD+3", "T04, T05", "step:statements", true, ""],
  ["T17", "Reporting", "Flux review of the income statement", "Variances over 10% explained", PREPARER, "reviewer", "BD+4", "T11, T12, T13, T14", "", false, ""],
  ["T18", "Reporting", "Balance sheet review", "Every reconciliation reviewed", PREPARER, "reviewer", "BD+4", "T06, T07, T08, T09, T10", "", false, ""],
  ["T19", "Reporting", "Management pack sent", "", PREPARER, "reviewer", "BD+5", "T16, T17, T18", "", false, ""],
  ["T20", "Close", "Close sign-off", "Controller's final review before the lock", PREPARER, "controller", "BD+5", "T19", "", false, ""],
];

// US holidays 2026 the due dates skip
const HOLIDAYS: readonly [string, string][] = [["2026-01-01", "New Year's Day"], ["2026-01-19", "Martin Luther King Jr. Day"], ["2026-02-16", "Presidents' Day"], ["2026-05-25", "Memorial Day"], ["2026-07-03", "Independence Day (observed)"], ["2026-09-07", "Labor Day"], ["2026-11-26", "Thanksgiving"], ["2026-12-25", "Christmas Day"], ["2027-01-01", "New Year's Day"]];

async function setUp(port: WorkbookPort): Promise<void> {
  await port.appendRows(CLOSE_TEMPLATE.name, TEMPLATE.map((r) => r.map((c) => (c === "" ? null : c)))); // a blank cell is null in every adapter
  await port.appendRows(WORK_CALENDAR.name, HOLIDAYS.map(([d, n]) => encodeRecord(WORK_CALENDAR, [], { date: d, name: n, working: false })));
  const accounts = (await port.readTable(ACCOUNTS.name))!;
  const rows = RECONCILED.map((a) => accounts.rows.findIndex((r) => r[0] === a) + 1).filter((r) => r > 0);
  await port.updateCells(ACCOUNTS.name, rows.flatMap((row) => cellUpdates(ACCOUNTS, row, { reconcile: true })));
  const users = (await port.readTable(USERS.name))!;
  const admin = users.rows.findIndex((r) => r[0] === "admin") + 1;
  if (admin > 0) await port.updateCells(USERS.name, cellUpdates(USERS, admin, { roles: ["admin", "controller"] }));
}

/** The supporting balances the preparer types: the bank agrees, save an outstanding cheque of 1,250.00 on the USD account. */
async function typeSupporting(port: WorkbookPort, period: string, checklist: PeriodChecklist | undefined, clock: Clock, only?: string): Promise<void> {
  if (!checklist) return;
  const recons = (await port.readTable(RECONCILIATIONS.name))?.rows ?? [];
  const done = new Set(recons.filter((r) => r[0] === period).map((r) => textOf(r[1])));
  const rows: CellValue[][] = [];
  const items: CellValue[][] = [];
  for (const [account, r] of checklist.recon) {
    if (done.has(account) || (only && account !== only)) continue;
    const item = account === "1000" ? CHEQUE : Amount.ZERO;
    const supporting = r.ledger.minus(item); // ledger = supporting + items
    rows.push(encodeRecord(RECONCILIATIONS, [], { period, account, supporting, source: "typed", ledger: r.ledger, difference: Amount.ZERO, updatedBy: PREPARER, updatedAt: clock.now() }));
    if (!item.isZero()) items.push(encodeRecord(RECON_ITEMS, [], { period, account, amount: item, explanation: "Outstanding cheque 4711 (Litware Inc.), cleared the next month" }));
  }
  if (rows.length) await port.appendRows(RECONCILIATIONS.name, rows);
  if (items.length) await port.appendRows(RECON_ITEMS.name, items);
}

const CHEQUE = Amount.parse("-1250.00")!;

type Step = { task: string; action: TaskAction; user: string };

/** Every open task signed in template order: automatic ones reviewed (N/A when their step posted nothing), the others prepared then reviewed. */
function signSteps(checklist: PeriodChecklist | undefined, keep: (id: string, i: number) => "all" | "prepare" | "none"): Step[] {
  const steps: Step[] = [];
  (checklist?.views ?? []).forEach((v, i) => {
    const t = v.task;
    const how = keep(t.id, i);
    if (how === "none" || v.status === "Reviewed" || v.status === "N/A") return;
    if (t.automatic && /^step:/.test(t.link)) {
      if (v.status === "Prepared") {
        if (how === "all") steps.push({ task: t.id, action: { kind: "review", note: "run checked against its trace" }, user: REVIEWER });
      } else steps.push({ task: t.id, action: { kind: "na", reason: "the step had nothing to post this month" }, user: REVIEWER });
      return;
    }
    if (v.status !== "Prepared") steps.push({ task: t.id, action: { kind: "prepare", evidence: t.account ? `supporting balance typed in tblReconciliations` : "workpaper on the shared drive", note: "done" }, user: PREPARER });
    const reviewer = t.reviewer === "controller" ? "admin" : REVIEWER;
    if (how === "all") steps.push({ task: t.id, action: { kind: "review", note: "agreed" }, user: reviewer });
  });
  return steps;
}

export async function demoChecklist(port: WorkbookPort, month: FiscalPeriod, months: readonly FiscalPeriod[], ctx: { user: string; clock: Clock }): Promise<{ overrideChecklist?: string }> {
  const i = months.findIndex((m) => m.id === month.id);
  const last = months[months.length - 1]!;
  const isLast = month.id === last.id && months.length > 1;
  if (i === 0) await setUp(port);
  await generateChecklist(port, month.id, ctx);
  const { checklist } = await readChecklist(port, month.id, ctx.clock);
  await typeSupporting(port, month.id, checklist, ctx.clock);
  // the last month: the first half of the tasks signed, the next few prepared only, the rest not started
  const steps = signSteps(checklist, (id, k) => (!isLast ? "all" : id === EARLY ? "none" : k < 10 ? "all" : k < 14 ? "prepare" : "none"));
  if (steps.length) await signChecklistTasks(port, { period: month.id, steps }, ctx);
  if (i === months.length - 2 && months.length > 1) {
    // the next (last) month's EUR bank reconciliation, signed before its revaluation is posted
    await generateChecklist(port, last.id, ctx);
    await typeSupporting(port, last.id, (await readChecklist(port, last.id, ctx.clock)).checklist, ctx.clock, "1010");
    await signChecklistTasks(port, { period: last.id, steps: [{ task: EARLY, action: { kind: "prepare", evidence: "bank statement 30 Nov" }, user: PREPARER }, { task: EARLY, action: { kind: "review" }, user: REVIEWER }] }, ctx);
  }
  return isLast ? { overrideChecklist: `Demo: ${month.id}'s review continues after the lock; the EUR bank reconciliation changed after sign-off` } : {};
}
