/**
 * The demo close, shared by `closebook demo` / `npm run demo` and the browser
 * preview: set up the demo company in a workbook, post its drafts up to a
 * date, put the months before that date's month On hold (which seals them),
 * run that month's close steps (rate checks, automatic settlement, revaluation
 * at the month end, an allocation rule), and compute its trial balance.
 *
 * Example: runDemo(port, { through: "2026-11-30", clock }) posts Jan–Nov 2026,
 * holds and seals 2026-01..2026-10, and returns November's trial balance;
 * December's drafts stay in the journal.
 */
import type { Issue } from "../../core/issues/issue";
import type { TrialBalance } from "../../core/ledger/trialBalance";
import type { Clock } from "../../ports/clock";
import type { WorkbookPort } from "../../ports/workbook";
import { changePeriod } from "../changePeriod";
import { postJournals, type PostJournalsResult } from "../postJournals";
import { setupWorkbook } from "../setupWorkbook";
import { tbReportSheet, trialBalanceReport } from "../trialBalanceReport";
import { demoCompany, type DemoCompany } from "./demoCompany";
import { allocate, revalue } from "../closeSteps";
import { loadBook } from "../loadBook";
import { writeReportSheet } from "../reports";
import { rateIssuesBeforeRun } from "../rates/rateRows";
import { settle } from "../settle";
import { writeStatements } from "../statements";
import { ALLOCATION_RULES } from "../../schema/tables";

export interface DemoOptions {
  readonly seed?: number;
  readonly through: string;
  readonly post: boolean;
  /** trial balance period; default the month of `through` */
  readonly tbPeriod?: string;
  readonly clock: Clock;
}

export interface DemoStep {
  readonly step: string;
  readonly summary: string;
  readonly issues: readonly Issue[];
}

export const DEMO_RULE = "RENT-SALES";

export interface DemoResult {
  readonly steps?: readonly DemoStep[];
  readonly company: DemoCompany;
  readonly posted?: PostJournalsResult;
  readonly held: string[];
  readonly sealedRows: number;
  readonly tb?: TrialBalance;
  readonly issues: Issue[];
  readonly leftToPost: number;
}

export const DEMO_USER = "admin";

export async function runDemo(port: WorkbookPort, options: DemoOptions): Promise<DemoResult> {
  const company = demoCompany(options.seed ?? 2026);
  await setupWorkbook(port, company);
  const leftToPost = company.journal.filter((l) => l.date > options.through).length;
  if (!options.post) return { company, held: [], sealedRows: 0, issues: [], leftToPost: company.journal.length };
  const posted = await postJournals(port, { user: DEMO_USER, clock: options.clock, through: options.through });
  if (!posted.posted) return { company, posted, held: [], sealedRows: 0, issues: [...posted.issues], leftToPost };
  const held: string[] = [];
  let sealedRows = 0;
  const monthStart = `${options.through.slice(0, 7)}-01`;
  for (const p of company.periods.filter((x) => x.kind === "operating" && x.end < monthStart)) {
    const r = await changePeriod(port, { kind: "hold", period: p.id, reason: "Month-end close completed" }, { user: DEMO_USER, clock: options.clock });
    if (!r.done) return { company, posted, held, sealedRows, issues: [...r.issues], leftToPost };
    held.push(p.id);
    sealedRows += r.seal?.count ?? 0;
  }
  // the month-end close of the month of `through`: rate checks, settlement, revaluation, an allocation
  const month = company.periods.find((x) => x.kind === "operating" && x.start <= options.through && options.through <= x.end);
  const steps: DemoStep[] = [];
  if (month) {
    const ctx = { user: DEMO_USER, clock: options.clock };
    const loaded = await loadBook(port);
    const rateIssues = rateIssuesBeforeRun(loaded, { asOf: month.end });
    steps.push({ step: "rate checks", summary: rateIssues.length ? `${rateIssues.length} findings` : "complete, current, no outliers", issues: rateIssues });
    const settled = await settle(port, { kind: "auto", date: month.end }, "post", ctx);
    steps.push({ step: "settlement", summary: `${settled.settlements.length} settlements, ${settled.posted?.vouchers.length ?? 0} realized FX vouchers`, issues: [...settled.issues] });
    const reval = await revalue(port, { date: month.end, mode: "post" }, ctx);
    steps.push({ step: "revaluation", summary: reval.posted?.posted ? `${reval.posted.lines} lines (${reval.posted.vouchers.join(", ")})` : "nothing to revalue", issues: [...reval.issues] });
    await port.appendRows(ALLOCATION_RULES.name, [[DEMO_RULE, "Sales' share of the office rent", "fixedPercentage", "6100", "Department=ADMIN", null, "6100", "Department=SALES", 25, null, null, null, null, null, true]]);
    const alloc = await allocate(port, { period: month.id, mode: "post" }, ctx);
    steps.push({ step: "allocation", summary: alloc.posted?.posted ? `rule ${DEMO_RULE}: ${alloc.posted.vouchers.join(", ")}` : "nothing allocated", issues: [...alloc.issues] });
    const st = await writeStatements(port, { period: month.id });
    steps.push({ step: "statements", summary: `sheets ${st.sheets.join(", ")}; balance-sheet check ${st.balance?.check.toString() ?? "?"}`, issues: st.issues.filter((i) => i.severity === "error") });
  }
  const report = await trialBalanceReport(port, { period: options.tbPeriod ?? options.through.slice(0, 7) });
  if (report.tb) await writeReportSheet(port, { setup: (await loadBook(port)).book.setup }, tbReportSheet(report.tb, company.settings.company), options.tbPeriod ?? options.through.slice(0, 7));
  return { company, posted, held, sealedRows, steps, ...(report.tb ? { tb: report.tb } : {}), issues: [...steps.flatMap((x) => x.issues.filter((i) => i.severity === "error")), ...report.issues], leftToPost };
}
