/**
 * CLI commands over the journal and the ledger: `post` (the draft lines as
 * vouchers, all or nothing), `tb` (the trial balance, optionally as a sheet)
 * and `check` (the workbook against the schema and the ledger's invariants).
 *
 * Example: closebook post books.xlsx --user admin
 *   → Posted 25 vouchers (GL-000001..GL-000025), 53 ledger lines, run RUN-000001.
 */
import { formatTb } from "../app/commands/reportValues";
import { count } from "../core/text/count";
import { type CliDeps, need, openExisting, type Options, sendTo, str, UsageError, formatOf } from "./cliSupport";
import { printIssues, type Out } from "./output";

export async function post(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  const user = need(options, "user");
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const journal = str(options, "journal");
  const through = str(options, "through");
  const result = await sendTo(wb, deps)("post-journals", {
    user,
    ...(journal ? { journal } : {}),
    ...(through ? { through } : {}),
  });
  const code = printIssues(out, result.issues);
  if (!result.posted) {
    if (result.refusalRecorded) {
      await wb.save(file);
      out.error(`Nothing posted; the refusal was recorded in ${file}'s audit log.`);
      return code || 1;
    }
    out.error(`Nothing posted; ${file} is unchanged.`);
    return code || (result.lines === 0 ? 0 : 1);
  }
  await wb.save(file);
  const first = result.vouchers[0]?.voucher;
  const last = result.vouchers[result.vouchers.length - 1]?.voucher;
  out.log(
    `Posted ${count(result.vouchers.length, "voucher")} (${first}..${last}), ${count(result.lines, "ledger line")}, run ${result.runId}.`,
  );
  return code;
}

export async function tb(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  const format = formatOf(options);
  const period = str(options, "period");
  const from = str(options, "from");
  const to = str(options, "to");
  if (!period && !(from && to)) throw new UsageError("give --period, or --from and --to");
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const byDimension = str(options, "by-dimension");
  const send = sendTo(wb, deps);
  const report = await send("trial-balance", {
    ...(period ? { period } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(byDimension ? { byDimensions: byDimension.split(",").map((s) => s.trim()) } : {}),
    ...(options["by-currency"] ? { byCurrency: true } : {}),
  });
  const code = printIssues(
    out,
    report.issues.filter((i) => i.severity === "error"),
  );
  if (!report.tb) return code || 1;
  out.log(formatTb(report.tb, format));
  if (options.write) {
    // refused when a sealed period it reads does not verify: the broken rows were printed above
    const w = await send("write-trial-balance", { tb: report.tb, ...(period ? { period } : {}) });
    if (!w.sheet) {
      printIssues(
        out,
        w.issues.filter((i) => i.code === "REPORT_REFUSED"),
      );
      out.error(`${file} is unchanged.`);
      return 1;
    }
    await wb.save(file);
  }
  return code;
}

export async function check(file: string, out: Out, deps: CliDeps): Promise<number> {
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const issues = await sendTo(wb, deps)("check", {});
  const code = printIssues(out, issues);
  if (code === 0) out.log(`${file}: every table is present and readable; the ledger balances.`);
  return code;
}
