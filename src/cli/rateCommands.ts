/**
 * CLI command `rates`: import exchange rates (ECB reference rates or a CSV
 * file) and check the rate table before a close (missing, stale, outlier,
 * duplicate rates).
 *
 * Example: closebook rates books.xlsx --check --date 2026-03-31
 *   → warning tblRates row 57, Date: the latest GBP→USD spot rate is 9 days old … [STALE_RATE]
 */
import { basename } from "node:path";
import type { RateSource } from "../app/commands";
import { type CliDeps, need, openExisting, type Options, sendTo, str, UsageError, readUtf8Text } from "./cliSupport";
import { printIssues, type Out } from "./output";

export async function ratesCommand(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  const source = str(options, "import");
  if (options.check) {
    const wb = await openExisting(file, out);
    if (!wb) return 1;
    const date = str(options, "date");
    const issues = await sendTo(wb, deps)("check-rates", {
      ...(date ? { asOf: date } : {}),
      ...(str(options, "stale-days") ? { staleDays: Number(str(options, "stale-days")) } : {}),
    });
    const code = printIssues(out, issues);
    if (issues.length === 0)
      out.log(`${file}: the rates are complete, current and without outliers${date ? ` for ${date}` : ""}.`);
    return code;
  }
  if (!source) throw new UsageError("give --check, or --import ecb|FILE.csv");
  const user = need(options, "user");
  const from = need(options, "from");
  const to = str(options, "to") ?? from;
  const rateSource: RateSource =
    source.toLowerCase() === "ecb"
      ? { kind: "ecb", ...(str(options, "url") ? { baseUrl: str(options, "url")! } : {}) }
      : { kind: "csv", text: readUtf8Text(source), name: basename(source) };
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const r = await sendTo(wb, deps)("import-rates", { source: rateSource, from, to, user });
  const code = printIssues(out, r.issues);
  if (r.imported === 0) {
    out.log(`Imported no rates (${r.skipped} already in the table); ${file} is unchanged.`);
    return code;
  }
  await wb.save(file);
  out.log(`Imported ${r.imported} rates from ${r.provider} (${r.skipped} already in the table) as run ${r.runId}.`);
  return code;
}
