/**
 * CLI command for the ledger journal report: print it (table, CSV or JSON),
 * optionally write it as the "Journal report 2026-03" sheet and journalize the
 * reported vouchers. Exit code 1 when a voucher or the range does not
 * balance, or on any error — a sealed period in the range that does not verify
 * included: the report is still printed, but not written or journalized.
 *
 * Example: closebook journal-report books.xlsx --period 2026-03 --journalize --user alice
 *   → the report, then "Journalized 2 vouchers (GL-000001..GL-000002) as JNL-000001, run RUN-000002."
 */
import { formatJournalReport } from "../app/commands/reportValues";
import type { JournalReportRequest, JournalReportResult, JournalizeResult } from "../app/journalReport";
import { type CliDeps, need, openExisting, type Options, sendTo, str, UsageError, formatOf } from "./cliSupport";
import { printIssues, type Out } from "./output";

export async function journalReportCommand(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  const format = formatOf(options);
  const period = str(options, "period");
  const from = str(options, "from");
  const to = str(options, "to");
  if (period && (from || to)) throw new UsageError("give --period, or --from and --to, not both");
  if (!period && !(from && to)) throw new UsageError("give --period, or --from and --to");
  const user = options.journalize ? need(options, "user") : undefined;
  const source = str(options, "source");
  const request: JournalReportRequest = {
    ...(period ? { period } : { from: from!, to: to! }),
    ...(source ? { source } : {}),
  };
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  // status lines go to stderr with --format csv|json, so stdout stays machine-readable
  const say = (t: string) => (format === "table" ? out.log(t) : out.error(t));
  const send = sendTo(wb, deps);
  const j: JournalizeResult | undefined = user ? await send("journalize", { ...request, user }) : undefined;
  const r: JournalReportResult = j ?? (await send("journal-report", request));
  const code = printIssues(
    out,
    r.issues.filter((i) => i.severity !== "info"),
  );
  if (!r.report) return code || 1;
  out.log(formatJournalReport(r, format));
  let changed = false;
  if (j) {
    if (j.done) {
      changed = true;
      const v = j.vouchers;
      say(
        `Journalized ${v.length} voucher(s) (${v.length > 1 ? `${v[0]}..${v[v.length - 1]}` : v[0]}) as ${j.journalizingNo}, run ${j.runId}.`,
      );
    } else if (j.issues.some((i) => i.code === "NOTHING_TO_JOURNALIZE")) {
      say("Nothing to journalize: every reported voucher already has a journalizing number.");
    } else {
      out.error(`Nothing journalized; ${file} is unchanged.`);
    }
  }
  let refused = false;
  if (options.write) {
    const w = await send("write-journal-report", { result: r });
    if (w?.sheet) {
      changed = true;
      say(`Wrote sheet "${w.sheet}"${w.protected ? " (protected: the period is not Open)" : ""}.`);
    } else if (w) {
      refused = true;
      printIssues(
        out,
        w.issues.filter((i) => i.code === "REPORT_REFUSED"),
      ); // its broken rows were printed above
      out.error(`The journal report sheet was not written.`);
    }
  }
  if (changed) await wb.save(file);
  return code || (r.report.balanced && !refused ? 0 : 1);
}
