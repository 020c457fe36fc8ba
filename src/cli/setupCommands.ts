/**
 * CLI commands that create or fill a workbook: `init` (a blank workbook, or a
 * group workbook with --group), `demo` (the demo company, posted and closed)
 * and `import` (a CSV into a table, all or nothing).
 *
 * Example: closebook init books.xlsx --company "Acme Ltd" --currency USD --year 2026
 *   → Created books.xlsx: 24 accounts, 14 periods, 5 currencies.
 */
import { existsSync } from "node:fs";
import { basename } from "node:path";
import { XlsxWorkbook } from "../adapters/xlsx/xlsxWorkbook";
import { starterSetup } from "../app/commands/values";
import { emptyChart, formatTb } from "../app/commands/reportValues";
import { count } from "../core/text/count";
import {
  type CliDeps,
  int,
  need,
  openExisting,
  type Options,
  readUtf8Text,
  refuseOverwrite,
  sendTo,
  str,
  UsageError,
} from "./cliSupport";
import { initGroup } from "./groupCommands";
import { largeDemoCommand } from "./largeDemoCommand";
import { demoGroupFiles, saveDemoGroup } from "./groupDemoFiles";
import { printIssues, type Out } from "./output";
import { demoPublishing, saveDemoPublished } from "./publishCommand";
export async function init(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  if (options.group) return initGroup(file, options, out, deps);
  if (refuseOverwrite(file, options, out)) return 1;
  const starter = starterSetup({
    company: str(options, "company") ?? "My Company",
    accountingCurrency: (str(options, "currency") ?? "USD").toUpperCase(),
    fiscalYearStart: int(options, "year", new Date().getUTCFullYear()),
    startMonth: int(options, "start-month", 1),
  });
  const setup = options["empty-chart"] ? emptyChart(starter) : starter;
  const wb = XlsxWorkbook.create();
  await sendTo(wb, deps)("setup-workbook", { data: setup });
  await wb.save(file);
  out.log(
    `Created ${file}: ${setup.accounts.length} accounts, ${setup.periods.length} periods, ${setup.currencies.length} currencies.`,
  );
  if (setup.accounts.length === 0)
    out.log(
      `The chart of accounts is empty: import one with "closebook import ${file} --table accounts --user NAME accounts.csv", then name the rounding, exchange gain/loss and retained-earnings accounts with "--table settings".`,
    );
  return 0;
}

export async function demo(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  if (options.lines !== undefined) return largeDemoCommand(file, options, out, deps);
  if (options.drafts !== undefined)
    throw new UsageError("--drafts goes with --lines (the draft lines the large demo leaves)");
  if (refuseOverwrite(file, options, out)) return 1;
  const through = str(options, "post-through") ?? "2026-12-31";
  const wb = XlsxWorkbook.create();
  const tbPeriod = str(options, "tb");
  const publishing = demoPublishing(options);
  const group = demoGroupFiles(file, options, out);
  if (group === "refused") return 1;
  const send = sendTo(wb, deps);
  const r = await send("run-demo", {
    seed: int(options, "seed", 2026),
    through,
    post: !options["no-post"],
    ...(tbPeriod ? { tbPeriod } : {}),
    ...(publishing ? { publishTo: { port: publishing.target, version: publishing.version } } : {}),
    ...(group ? { group: group.target } : {}),
  });
  const c = r.company;
  if (!r.issues.some((i) => i.severity === "error")) await wb.save(file); // saved before printing: a reader that stops early loses nothing
  if (!r.issues.some((i) => i.severity === "error")) await saveDemoPublished(file, publishing?.target, r, out);
  out.log(
    `Demo company ${c.settings.company}: ${c.accounts.length} accounts, ${c.rates.length} rates, ${c.journal.length} draft journal lines.`,
  );
  if (r.posted)
    out.log(
      `Posted ${count(r.posted.vouchers.length, "voucher")} (${count(r.posted.lines, "ledger line")}) dated up to ${through} as run ${r.posted.runId}; ${count(r.leftToPost, "draft line")} after ${through} are left to post.`,
    );
  for (const s of r.steps) out.log(`${s.step}: ${s.summary}.`);
  if (r.held.length)
    out.log(
      `Put ${r.held[0]}..${r.held[r.held.length - 1]} On hold: ${r.held.length} periods sealed (${r.sealedRows} ledger rows); "closebook verify" checks them.`,
    );
  const last = r.held[r.held.length - 1];
  const head = last ? await send("seal-receipt", { period: last, user: "demo" }) : undefined;
  if (head)
    out.log(
      `Seal chain head: ${head.hash} (covers ${r.held[0]}..${last}). The demo writes no seal receipt: "closebook period FILE --period P --hold --receipt-out R.json" (or the pane's Periods tab) does.`,
    );
  if (r.issues.some((i) => i.severity === "error")) return printIssues(out, r.issues) || 1;
  await saveDemoGroup(group, r.group, out);
  if (r.group?.issues.length) return printIssues(out, r.group.issues) || 1;
  if (r.tb) {
    out.log("");
    out.log(formatTb(r.tb, "table"));
  }
  out.log(`\nWrote ${file}`);
  return 0;
}

export async function importCommand(
  file: string,
  rest: readonly string[],
  options: Options,
  out: Out,
  deps: CliDeps,
): Promise<number> {
  const table = need(options, "table");
  const user = need(options, "user");
  const csvPath = rest[0] ?? str(options, "file");
  if (!csvPath) throw new UsageError("DATA.csv is missing");
  if (!existsSync(csvPath)) {
    out.error(`${csvPath} does not exist.`);
    return 1;
  }
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const result = await sendTo(wb, deps)("import-csv", {
    table,
    csv: readUtf8Text(csvPath),
    fileName: basename(csvPath),
    user,
  });
  const code = printIssues(out, result.issues);
  if (result.refusalRecorded) {
    await wb.save(file);
    out.error(`Nothing imported; the refusal was recorded in ${file}'s audit log.`);
    return code || 1;
  }
  if (result.imported === 0 && code === 0 && result.unchanged) {
    out.log(`Nothing to change; ${file} is unchanged.`);
    return 0;
  }
  if (result.imported === 0) {
    out.error(`Nothing imported; ${file} is unchanged.`);
    return 1;
  }
  await wb.save(file);
  out.log(`Imported ${result.imported} rows into ${table}.`);
  return code;
}
