/**
 * closebook trace FILE --run RUN-…: the calculation trace a posted run keeps in
 * tblRunTrace, printed so an auditor can re-perform every voucher it posted.
 *
 * Example: closebook trace books.xlsx --run RUN-000004
 *   → RUN-000004 allocation, period 2026-11, committed, GL-000301..GL-000302: 7 trace rows
 *       A3 → 6200: 500.00 × 1 / 5 = 100.00
 *         inputs: source 500.00; weight 1; total weight 5
 *         rounding residue: 0.00
 */
import { type CliDeps, type Options, need, openExisting, sendTo } from "./cliSupport";
import { printIssues, type Out } from "./output";

export async function traceCommand(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  const runId = need(options, "run");
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const t = await sendTo(wb, deps)("run-trace", { runId });
  const code = printIssues(out, t.issues);
  if (!t.run) return code || 1;
  const r = t.run;
  out.log(
    `${r.runId} ${r.step}${r.period ? `, period ${r.period}` : ""}, ${r.status}${r.vouchers ? `, ${r.vouchers}` : ""}: ${t.rows.length} trace rows`,
  );
  if (t.rows.length === 0)
    out.log("  (no trace kept: the run posted no calculation, or was posted before Closebook kept traces)");
  for (const x of t.rows) {
    out.log(`  ${x.key}: ${x.formula} = ${x.result}`);
    if (x.inputs) out.log(`    inputs: ${x.inputs}`);
    if (x.rate) out.log(`    rate: ${x.rate}`);
    if (x.residue) out.log(`    rounding residue: ${x.residue}`);
  }
  return code;
}
