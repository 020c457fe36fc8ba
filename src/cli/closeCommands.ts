/**
 * CLI commands for the close steps: preview (a report sheet in FILE, ledger
 * untouched) or post each step, and reverse a run.
 *
 * Example: closebook revalue books.xlsx --date 2026-03-31 --user bob --preview
 *   → Preview written to sheet "Preview fx-revaluation": 1 voucher, 6 lines. Nothing was posted.
 */
import { reverseRun } from "../app/closeRuns";
import { revalue, type StepOutcome } from "../app/closeSteps";
import { RATE_TYPES, type RateType } from "../core/ledger/types";
import { type CliDeps, need, openExisting, type Options, str, UsageError } from "./cliSupport";
import { printIssues, type Out } from "./output";
import type { XlsxWorkbook } from "../adapters/xlsx/xlsxWorkbook";

export async function reportOutcome(file: string, wb: XlsxWorkbook, r: StepOutcome, out: Out): Promise<number> {
  const code = printIssues(out, r.issues);
  const p = r.proposal;
  if (p) {
    for (const t of p.trace) out.log(`  ${t.key}: ${t.formula} = ${t.result}${t.residue && t.residue !== "0" ? ` (rounding ${t.residue})` : ""}`);
  }
  if (r.preview) {
    await wb.save(file);
    out.log(`Preview written to sheet "${r.preview.sheet}" in ${file}: ${p?.vouchers.length ?? 0} vouchers, ${p?.vouchers.reduce((n, v) => n + v.lines.length, 0) ?? 0} lines. Nothing was posted.`);
    return code;
  }
  if (r.posted?.posted) {
    await wb.save(file);
    out.log(`Posted ${r.posted.vouchers.join(", ")} (${r.posted.lines} ledger lines) as run ${r.posted.runId}.`);
    return code;
  }
  if (!code && p && p.vouchers.length === 0) out.log("Nothing to post.");
  else out.error(`Nothing posted; ${file} is unchanged.`);
  return code;
}

export async function revalueCommand(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  const date = need(options, "date");
  const user = need(options, "user");
  const rateType = str(options, "rate-type");
  if (rateType && !(RATE_TYPES as readonly string[]).includes(rateType)) throw new UsageError(`--rate-type must be one of ${RATE_TYPES.join(", ")}`);
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const rateDate = str(options, "rate-date");
  const plFrom = str(options, "pl-from");
  const r = await revalue(
    wb,
    {
      date,
      mode: options.preview ? "preview" : "post",
      ...(rateDate ? { rateDate } : {}),
      ...(rateType ? { rateType: rateType as RateType } : {}),
      ...(options["include-pl"] ? { includeProfitAndLoss: true } : {}),
      ...(plFrom ? { plFrom } : {}),
    },
    { user, clock: deps.clock },
  );
  return reportOutcome(file, wb, r, out);
}

export async function reverseCommand(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  const runId = need(options, "run");
  const user = need(options, "user");
  const reason = need(options, "reason");
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const r = await reverseRun(wb, runId, { user, clock: deps.clock, reason });
  const code = printIssues(out, r.issues);
  if (!r.posted) {
    out.error(`Nothing reversed; ${file} is unchanged.`);
    return code || 1;
  }
  await wb.save(file);
  out.log(`Reversed ${runId}: ${r.vouchers.join(", ")} (${r.lines} ledger lines) as run ${r.runId}.`);
  return code;
}
