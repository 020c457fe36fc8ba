/**
 * CLI commands of the close checklist: `checklist` (show, --generate, --report),
 * `task` (sign: --start, --prepare, --review, --reopen, --na) and `recon`
 * (a reconciliation's supporting balance).
 *
 * Example: closebook task books.xlsx --period 2026-03 --task T2 --review --user dave --note "accruals agree"
 *   → Task T2 is now Reviewed (run RUN-000041).
 */
import { CHECKLIST_COLUMNS, checklistRows, tilesLine } from "../app/commands/checklistValues";
import { csvCell } from "../app/commands/values";
import type { TaskAction } from "../core/checklist/signoff";
import { type CliDeps, need, openExisting, type Options, sendTo, str, UsageError, formatOf } from "./cliSupport";
import { printIssues, type Out } from "./output";

function table(rows: readonly (readonly string[])[]): string {
  const widths = CHECKLIST_COLUMNS.map((_, i) => Math.min(40, Math.max(...rows.map((r) => (r[i] ?? "").length))));
  const shown = CHECKLIST_COLUMNS.map((_, i) => i).filter((i) => rows.slice(1).some((r) => r[i]));
  return rows
    .map((r) =>
      shown
        .map((i) => (r[i] ?? "").slice(0, 40).padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export async function checklistCommand(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  const period = need(options, "period");
  const format = formatOf(options);
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const send = sendTo(wb, deps);
  let code = 0;
  if (options.generate) {
    const g = await send("generate-checklist", { period, user: need(options, "user") });
    code = printIssues(out, g.issues);
    if (!g.done) return code || 1;
    if (g.runId) {
      await wb.save(file);
      out.log(
        `Checklist of ${period}: ${g.added} task(s) added, ${g.updated} refreshed from the template; signed tasks kept (run ${g.runId}).`,
      );
    }
  }
  const r = await send("read-checklist", { period });
  if (!r.checklist) return printIssues(out, r.issues) || 1;
  code = Math.max(
    code,
    printIssues(
      out,
      r.issues.filter((i) => i.severity === "error"),
    ),
  );
  const rows = checklistRows(r.checklist);
  if (format === "json")
    out.log(
      JSON.stringify(
        {
          period: r.checklist.period.id,
          summary: tilesLine(r.checklist),
          tasks: rows.map((x) => Object.fromEntries(CHECKLIST_COLUMNS.map((c, i) => [c, x[i]]))),
        },
        null,
        2,
      ),
    );
  else if (format === "csv")
    out.log([CHECKLIST_COLUMNS, ...rows].map((x) => x.map((c) => csvCell(c)).join(",")).join("\n"));
  else out.log(`${tilesLine(r.checklist)}\n\n${table([CHECKLIST_COLUMNS, ...rows])}`);
  if (options.report) {
    const w = await send("write-close-status", { period });
    if (!w.sheet) return printIssues(out, w.issues) || 1;
    await wb.save(file);
    out.log(`Wrote sheet "${w.sheet}".`);
  }
  return code;
}

function taskAction(options: Options): TaskAction {
  const chosen = ["start", "prepare", "review", "reopen", "na"].filter((k) => options[k] !== undefined);
  if (chosen.length !== 1) throw new UsageError("choose exactly one of --start, --prepare, --review, --reopen, --na");
  const note = str(options, "note");
  const evidence = str(options, "evidence");
  switch (chosen[0]) {
    case "start":
      return { kind: "start" };
    case "prepare":
      return { kind: "prepare", ...(note ? { note } : {}), ...(evidence ? { evidence } : {}) };
    case "review":
      return { kind: "review", ...(note ? { note } : {}) };
    case "reopen":
      return { kind: "reopen", reason: str(options, "reason") ?? "" };
    default:
      return { kind: "na", reason: str(options, "reason") ?? "" };
  }
}

export async function taskCommand(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  const action = taskAction(options);
  const period = need(options, "period");
  const task = need(options, "task");
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const r = await sendTo(wb, deps)("sign-task", { period, task, action, user: need(options, "user") });
  const code = printIssues(out, r.issues);
  if (!r.done) {
    out.error(`Task ${task} of ${period} was not changed.`);
    return code || 1;
  }
  await wb.save(file);
  out.log(
    `Task ${r.task?.id ?? task} of ${period} is now ${r.task?.status} (run ${r.runId}). Offline, a sign-off names the user given with --user: tamper-evident, not authenticated.`,
  );
  return code;
}

export async function reconCommand(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  const period = need(options, "period");
  const account = need(options, "account");
  const supporting = str(options, "supporting");
  const range = str(options, "range");
  if ((supporting === undefined) === (range === undefined))
    throw new UsageError("give exactly one of --supporting AMOUNT or --range TABLE[COLUMN] | SHEET!RANGE");
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const r = await sendTo(wb, deps)("set-reconciliation", {
    period,
    account,
    ...(supporting !== undefined ? { supporting } : {}),
    ...(range !== undefined ? { range } : {}),
    user: need(options, "user"),
  });
  const code = printIssues(out, r.issues);
  if (!r.done) {
    out.error(`The reconciliation of ${account} for ${period} was not changed.`);
    return code || 1;
  }
  await wb.save(file);
  out.log(
    `Reconciliation of ${account} for ${period}: ledger ${r.ledger?.toFixed(2)}, unexplained difference after reconciling items ${r.difference?.toFixed(2)} (run ${r.runId}).`,
  );
  return code;
}
