/**
 * The demo close, shared by `closebook demo` / `npm run demo` (and a browser
 * preview later): set up the demo company in a workbook, post its drafts up
 * to a date, and close every month that ends by then with the one-command
 * close (rate checks, settlement, revaluation, the demo's allocation rule,
 * journal report and statements), putting each on hold (which seals it). When
 * the date reaches the fiscal year's end, the year is closed too (closing
 * vouchers and the openings of the next year). A few drafts dated in the next
 * year stay in the journal, unposted.
 *
 * Example: runDemo(port, { through: "2026-12-31", clock }) posts 2026, closes and
 * seals 2026-01..2026-12, closes FY2026 into FY2027, and returns December's
 * trial balance; two January 2027 drafts stay in the journal.
 */
import type { Issue } from "../../core/issues/issue";
import type { TrialBalance } from "../../core/ledger/trialBalance";
import type { JournalLine } from "../../core/ledger/types";
import { Amount } from "../../core/money";
import type { Clock } from "../../ports/clock";
import type { WorkbookPort } from "../../ports/workbook";
import { ALLOCATION_RULES } from "../../schema/tables";
import { changePeriod } from "../changePeriod";
import { closePeriod } from "../closePeriod";
import { postJournals, type PostJournalsResult } from "../postJournals";
import { publishPeriod, type PublishResult } from "../publish";
import { setupWorkbook } from "../setupWorkbook";
import { writeStatements } from "../statements";
import { trialBalanceReport, writeTrialBalanceSheet } from "../trialBalanceReport";
import { yearEnd } from "../yearEnd";
import { demoChecklist } from "./checklistDemo";
import { demoCompany, type DemoCompany } from "./demoCompany";
import { writeManagementReport } from "./managementReport";
import { runGroupDemo, type GroupDemoResult, type GroupDemoTarget } from "./groupDemo";

export interface DemoOptions {
  readonly seed?: number;
  readonly through: string;
  readonly post: boolean;
  /** trial balance period; default the month of `through` */
  readonly tbPeriod?: string;
  readonly clock: Clock;
  /** publish the last month held into this new workbook (publish.ts) */
  readonly publishTo?: { readonly port: WorkbookPort; readonly version?: string };
  /** also build two subsidiaries and the group consolidating the months held (groupDemo.ts) */
  readonly group?: GroupDemoTarget;
}

export interface DemoStep {
  readonly step: string;
  readonly summary: string;
  readonly issues: readonly Issue[];
}

export const DEMO_RULE = "RENT-SALES";
export const DEMO_USER = "admin";

export interface DemoResult {
  readonly steps: readonly DemoStep[];
  readonly company: DemoCompany;
  readonly posted?: PostJournalsResult;
  /** months closed and put on hold */
  readonly held: string[];
  readonly sealedRows: number;
  readonly yearClosed?: string;
  readonly tb?: TrialBalance;
  readonly issues: Issue[];
  readonly leftToPost: number;
  readonly published?: PublishResult;
  readonly group?: GroupDemoResult;
}

/** Two drafts of the next year that the demo leaves unposted. */
function nextYearDrafts(start: number): JournalLine[] {
  const base = { journal: "GJ-2027-01", draftVoucher: "D-9001", date: "2027-01-05", currency: "USD", description: "January rent (draft)", status: "Draft" as const, message: "", postedVoucher: "" };
  const amount = Amount.parse("14000.00")!;
  return [
    { ...base, row: start, account: "6100", dimensions: { Department: "ADMIN", CostCenter: "CC100" }, debit: amount },
    { ...base, row: start + 1, account: "1000", dimensions: { Department: "", CostCenter: "" }, credit: amount },
  ];
}

export async function runDemo(port: WorkbookPort, options: DemoOptions): Promise<DemoResult> {
  const generated = demoCompany(options.seed ?? 2026);
  const company: DemoCompany = { ...generated, journal: [...generated.journal, ...nextYearDrafts(generated.journal.length + 1)] };
  await setupWorkbook(port, company);
  await port.appendRows(ALLOCATION_RULES.name, [[DEMO_RULE, "Sales' share of the office rent", "fixedPercentage", "6100", "Department=ADMIN", null, "6100", "Department=SALES", 25, null, null, null, null, null, true]]);
  const leftToPost = company.journal.filter((l) => l.date > options.through).length;
  const steps: DemoStep[] = [];
  if (!options.post) return { company, steps, held: [], sealedRows: 0, issues: [], leftToPost: company.journal.length };
  const ctx = { user: DEMO_USER, clock: options.clock };
  const posted = await postJournals(port, { ...ctx, through: options.through });
  if (!posted.posted) return { company, steps, posted, held: [], sealedRows: 0, issues: [...posted.issues], leftToPost };

  const held: string[] = [];
  let sealedRows = 0;
  const months = company.periods.filter((x) => x.kind === "operating" && x.end <= options.through);
  for (const month of months) {
    const closed = await closePeriod(port, { period: month.id, preview: false }, ctx);
    const failed = closed.steps.find((s) => s.status === "failed");
    const short = (name: string) => closed.steps.find((s) => s.step.startsWith(name))?.summary ?? "";
    steps.push({
      step: `close ${month.id}`,
      summary: failed ? `${failed.step}: ${failed.summary}` : `settlement ${short("settlement")}; revaluation ${short("revaluation")}; allocation ${short("allocations")}; ${short("journal report").replace(/; sheets .*$/, "")}`,
      issues: failed ? [...failed.issues] : [],
    });
    if (!closed.completed) return { company, steps, posted, held, sealedRows, issues: [...(failed?.issues ?? [])], leftToPost };
    const hold = await changePeriod(port, { kind: "hold", period: month.id, reason: "Month-end close completed", ...(await demoChecklist(port, month, months, ctx)) }, ctx);
    if (!hold.done) return { company, steps, posted, held, sealedRows, issues: [...hold.issues], leftToPost };
    held.push(month.id);
    sealedRows += hold.seal?.count ?? 0;
  }

  // the group consolidates the months held (a package leaves out the year-end close's closing period)
  const group = options.group ? await runGroupDemo(port, options.group, held, ctx) : undefined;
  let yearClosed: string | undefined;
  const year = months[months.length - 1]?.fiscalYear;
  const yearMonths = company.periods.filter((x) => x.kind === "operating" && x.fiscalYear === year);
  if (year && yearMonths.every((m) => m.end <= options.through)) {
    const y = await yearEnd(port, { fiscalYear: year, closingVouchers: true, mode: "post" }, ctx);
    steps.push({ step: `year-end ${year}`, summary: y.posted?.posted ? `closing and opening vouchers ${y.posted.vouchers.join(", ")}${y.createdYear ? `; created ${y.createdYear}` : ""}` : "nothing posted", issues: y.issues.filter((i) => i.severity === "error") });
    if (!y.posted?.posted) return { company, steps, posted, held, sealedRows, issues: [...y.issues], leftToPost };
    yearClosed = year;
    const last = yearMonths[yearMonths.length - 1]!;
    await writeStatements(port, { period: last.id, user: DEMO_USER }); // the statements as of the year end, after the close
  }

  const tbPeriod = options.tbPeriod ?? options.through.slice(0, 7);
  const report = await trialBalanceReport(port, { period: tbPeriod });
  if (report.tb) await writeTrialBalanceSheet(port, report.tb, tbPeriod, DEMO_USER);
  const management = await writeManagementReport(port, options.through.slice(0, 4)); // CLOSEBOOK formulas, results cached
  const lastHeld = held[held.length - 1];
  const published = options.publishTo && lastHeld ? await publishPeriod(port, options.publishTo.port, { period: lastHeld, user: DEMO_USER, now: options.clock.now(), version: options.publishTo.version ?? "", sheets: [management] }) : undefined;
  return { company, steps, posted, held, sealedRows, ...(yearClosed ? { yearClosed } : {}), ...(report.tb ? { tb: report.tb } : {}), issues: report.issues, leftToPost, ...(published ? { published } : {}), ...(group ? { group } : {}) };
}
