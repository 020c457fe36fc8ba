/**
 * `closebook demo FILE --lines N [--drafts D]`: the demo company with N generated ledger lines
 * posted in one run (src/app/demo/largeDemo.ts), its ledger and journal rows streamed into the
 * file by the xlsx adapter (streamAppend.ts) — a million lines without holding the workbook.
 *
 * Example: closebook demo big.xlsx --lines 1000000 --drafts 1000
 *   → Posted 500,000 vouchers (1,000,000 ledger lines) as run RUN-000001; 1,000 draft lines left to post.
 */
import { EXCEL_MAX_ROWS } from "../adapters/xlsx/layout";
import { StreamedRows } from "../adapters/xlsx/streamAppend";
import { XlsxWorkbook } from "../adapters/xlsx/xlsxWorkbook";
import { count } from "../core/text/count";
import { int, type CliDeps, type Options, refuseOverwrite, sendTo, UsageError } from "./cliSupport";
import { printIssues, type Out } from "./output";

/** the demo's own flags that do not go with --lines (its months are left open, nothing is closed) */
const NOT_WITH_LINES = ["seed", "post-through", "no-post", "tb", "publish", "group"];

export async function largeDemoCommand(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  const lines = int(options, "lines", 0);
  const drafts = int(options, "drafts", 0);
  if (lines < 1) throw new UsageError("--lines must be a whole number of at least 1");
  if (drafts < 0) throw new UsageError("--drafts must be a whole number of at least 0");
  // whole vouchers of two lines: the journal holds both, under Excel's 1,048,575 data rows
  if (2 * Math.ceil(lines / 2) + 2 * Math.ceil(drafts / 2) > EXCEL_MAX_ROWS - 1)
    throw new UsageError("--lines and --drafts together must stay within Excel's 1,048,575 data rows of the journal");
  const clash = NOT_WITH_LINES.find((f) => options[f] !== undefined);
  if (clash)
    throw new UsageError(`--${clash} does not go with --lines (the large demo posts its lines and closes nothing)`);
  if (refuseOverwrite(file, options, out)) return 1;
  const wb = XlsxWorkbook.create();
  const rows = new StreamedRows(wb);
  const r = await sendTo(wb, deps)("large-demo", { lines, drafts, sinkFor: (table) => rows.sink(table) });
  if (!r.posted) return printIssues(out, r.issues) || 1;
  await rows.save(file);
  out.log(
    `Posted ${count(r.vouchers, "voucher")} (${count(r.lines, "ledger line")}) dated 2026 as run ${r.runId}; ${count(r.drafts, "draft line")} dated 2026-12-31 left to post.`,
  );
  out.log(`Wrote ${file}`);
  return 0;
}
