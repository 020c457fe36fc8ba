/**
 * `closebook export FILE --table T [--out F.csv]`: any table as CSV, to a file
 * or to stdout. Read-only; the importable tables import the output unchanged.
 *
 * Example: closebook export books.xlsx --table accounts --out accounts.csv
 *   → Exported 24 rows of tblAccounts to accounts.csv.
 */
import { writeFileSync } from "node:fs";
import { type CliDeps, need, openExisting, type Options, sendTo, str } from "./cliSupport";
import { printIssues, type Out } from "./output";

export async function exportCommand(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  const table = need(options, "table");
  const target = str(options, "out");
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const r = await sendTo(wb, deps)("export-csv", { table });
  if (r.csv === undefined) return printIssues(out, r.issues) || 1;
  if (!target) {
    out.log(r.csv.replace(/\r\n$/, "")); // out.log ends the last line
    return 0;
  }
  try {
    writeFileSync(target, r.csv, "utf8");
  } catch (e) {
    out.error(`${target} could not be written: ${(e as Error).message}`);
    return 1;
  }
  out.log(`Exported ${r.rows} rows of ${r.table} to ${target}.`);
  return 0;
}
