/**
 * The CLI's commands: each opens the workbook with the xlsx adapter, runs an
 * app use case, prints, and saves atomically only when something changed and
 * there were no errors.
 *
 * Example: runCli(["tb", "demo.xlsx", "--period", "2026-03"], consoleOut) → 0
 */
import { count } from "../core/text/count";
import { existsSync } from "node:fs";
import { basename } from "node:path";
import { XlsxWorkbook } from "../adapters/xlsx/xlsxWorkbook";
import { checkWorkbook } from "../app/checkWorkbook";
import { runDemo } from "../app/demo/runDemo";
import { demoGroupFiles, saveDemoGroup } from "./groupDemoFiles";
import { receiptFor } from "../app/sealReceipt";
import { starterSetup } from "../app/demo/starterSetup";
import { importCsv } from "../app/importCsv";
import { postJournals } from "../app/postJournals";
import { emptyChart, setupWorkbook } from "../app/setupWorkbook";
import { formatTb, trialBalanceReport, writeTrialBalanceSheet } from "../app/trialBalanceReport";
import { systemClock } from "../ports/clock";
import { parseArgs } from "./args";
import { HELP, MAIN_HELP } from "./help";
import { printIssues, type Out } from "./output";
import {
  type CliDeps,
  fileRefusal,
  int,
  need,
  openExisting,
  readUtf8Text,
  refuseOverwrite,
  releaseLocks,
  str,
  UsageError,
} from "./cliSupport";
import { audit, period, verify } from "./lockCommands";
import { ratesCommand } from "./rateCommands";
import {
  allocateCommand,
  closeCommand,
  statementsCommand,
  yearEndCommand,
  openItemsCommand,
  revalueCommand,
  reverseCommand,
  settleCommand,
} from "./closeCommands";
import { journalReportCommand } from "./reportCommands";
import { previewCommand } from "./previewCommand";
import { exportCommand } from "./exportCommand";
import { traceCommand } from "./traceCommand";
import { linesCommand } from "./linesCommand";
import { consolidateCommand, initGroup, packageCommand } from "./groupCommands";
import { demoPublishing, publishCommand, saveDemoPublished } from "./publishCommand";
import { CHECKLIST_FLAGS, checklistCommand, reconCommand, taskCommand } from "./checklistCommands";

export type { CliDeps } from "./cliSupport";

const BOOLEAN_FLAGS = new Set([
  "help",
  "force",
  "no-post",
  "by-currency",
  "write",
  "confirm",
  "hold",
  "reopen",
  "close",
  "preview",
  "include-pl",
  "auto",
  "partial",
  "same-dimensions",
  "check",
  "override-drafts",
  "closing-vouchers",
  "keep-detail",
  "year-end",
  "journalize",
  "empty-chart",
  "draft",
  "publish",
  "group",
  ...CHECKLIST_FLAGS,
]);

export async function runCli(
  argv: readonly string[],
  out: Out,
  deps: CliDeps = { clock: systemClock },
): Promise<number> {
  const { positionals, options } = parseArgs(argv, BOOLEAN_FLAGS);
  const [command, file, ...rest] = positionals;
  if (!command || command === "help" || (options.help && !command)) {
    out.log(MAIN_HELP);
    return command || options.help ? 0 : 2;
  }
  const help = HELP[command];
  if (!help) {
    out.error(`Unknown command "${command}".\n\n${MAIN_HELP}`);
    return 2;
  }
  if (options.help) {
    out.log(help);
    return 0;
  }
  try {
    if (command === "preview") return await previewCommand(positionals.slice(1), options, out, deps);
    if (!file) throw new UsageError("FILE is missing");
    switch (command) {
      case "init":
        return await init(file, options, out);
      case "demo":
        return await demo(file, options, out, deps);
      case "import":
        return await importCommand(file, rest, options, out, deps);
      case "export":
        return await exportCommand(file, options, out);
      case "post":
        return await post(file, options, out, deps);
      case "tb":
        return await tb(file, options, out);
      case "check":
        return await check(file, out);
      case "period":
        return await period(file, options, out, deps);
      case "verify":
        return await verify(file, out, options);
      case "audit":
        return await audit(file, options, out);
      case "revalue":
        return await revalueCommand(file, options, out, deps);
      case "reverse":
        return await reverseCommand(file, options, out, deps);
      case "trace":
        return await traceCommand(file, options, out);
      case "lines":
        return await linesCommand(file, options, out);
      case "settle":
        return await settleCommand(file, options, out, deps);
      case "allocate":
        return await allocateCommand(file, options, out, deps);
      case "statements":
        return await statementsCommand(file, options, out);
      case "year-end":
        return await yearEndCommand(file, options, out, deps);
      case "close":
        return await closeCommand(file, options, out, deps);
      case "rates":
        return await ratesCommand(file, options, out, deps);
      case "open-items":
        return await openItemsCommand(file, options, out);
      case "journal-report":
        return await journalReportCommand(file, options, out, deps);
      case "publish":
        return await publishCommand(file, options, out, deps);
      case "package":
        return await packageCommand(file, options, out);
      case "consolidate":
        return await consolidateCommand(file, rest, options, out, deps);
      case "checklist":
        return await checklistCommand(file, options, out, deps);
      case "task":
        return await taskCommand(file, options, out, deps);
      case "recon":
        return await reconCommand(file, options, out, deps);
    }
    return 2;
  } catch (e) {
    if (e instanceof UsageError) {
      out.error(`${e.message}\n\n${help}`);
      return 2;
    }
    const refused = fileRefusal(e);
    if (refused) {
      out.error(refused);
      return 1;
    }
    throw e;
  } finally {
    await releaseLocks();
  }
}

async function init(file: string, options: Record<string, string | true>, out: Out): Promise<number> {
  if (options.group) return initGroup(file, options, out);
  if (refuseOverwrite(file, options, out)) return 1;
  const starter = starterSetup({
    company: str(options, "company") ?? "My Company",
    accountingCurrency: (str(options, "currency") ?? "USD").toUpperCase(),
    fiscalYearStart: int(options, "year", new Date().getUTCFullYear()),
    startMonth: int(options, "start-month", 1),
  });
  const setup = options["empty-chart"] ? emptyChart(starter) : starter;
  const wb = XlsxWorkbook.create();
  await setupWorkbook(wb, setup);
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

async function demo(file: string, options: Record<string, string | true>, out: Out, deps: CliDeps): Promise<number> {
  if (refuseOverwrite(file, options, out)) return 1;
  const through = str(options, "post-through") ?? "2026-12-31";
  const wb = XlsxWorkbook.create();
  const tbPeriod = str(options, "tb");
  const publishing = demoPublishing(options);
  const group = demoGroupFiles(file, options, out);
  if (group === "refused") return 1;
  const r = await runDemo(wb, {
    seed: int(options, "seed", 2026),
    through,
    post: !options["no-post"],
    clock: deps.clock,
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
  const head = last ? await receiptFor(wb, last, deps.clock.now(), "demo") : undefined;
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

async function importCommand(
  file: string,
  rest: readonly string[],
  options: Record<string, string | true>,
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
  const result = await importCsv(wb, {
    table,
    csv: readUtf8Text(csvPath),
    fileName: basename(csvPath),
    user,
    clock: deps.clock,
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

async function post(file: string, options: Record<string, string | true>, out: Out, deps: CliDeps): Promise<number> {
  const user = need(options, "user");
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const journal = str(options, "journal");
  const through = str(options, "through");
  const result = await postJournals(wb, {
    user,
    clock: deps.clock,
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

async function tb(file: string, options: Record<string, string | true>, out: Out): Promise<number> {
  const format = str(options, "format") ?? "table";
  if (format !== "table" && format !== "csv" && format !== "json")
    throw new UsageError("--format must be table, csv or json");
  const period = str(options, "period");
  const from = str(options, "from");
  const to = str(options, "to");
  if (!period && !(from && to)) throw new UsageError("give --period, or --from and --to");
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const byDimension = str(options, "by-dimension");
  const report = await trialBalanceReport(wb, {
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
    const w = await writeTrialBalanceSheet(wb, report.tb, period);
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

async function check(file: string, out: Out): Promise<number> {
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const issues = await checkWorkbook(wb);
  const code = printIssues(out, issues);
  if (code === 0) out.log(`${file}: every table is present and readable; the ledger balances.`);
  return code;
}
