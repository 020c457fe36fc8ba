/**
 * CLI commands for period locks and audit: `period`, `verify`, `audit`.
 *
 * Example: closebook period books.xlsx --period 2026-03 --hold --reason "March close" --user bob
 *   → Period 2026-03 is now On hold (run RUN-000004); sealed 61 ledger rows, hash $1$5f0c…
 */
import type { Send } from "../app/commands";
import { formatIssue } from "../core/issues/issue";
import type { PeriodAction } from "../core/calendar/periodChange";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { type CliDeps, need, openExisting, type Options, sendTo, str, UsageError } from "./cliSupport";
import { printIssues, type Out } from "./output";

/** --override-checklist REASON: a controller locks with open close checklist tasks (audited). */
function overrideChecklist(options: Options): { overrideChecklist?: string } {
  const r = str(options, "override-checklist");
  return r === undefined ? {} : { overrideChecklist: r };
}

function periodAction(options: Options): PeriodAction {
  const p = need(options, "period");
  const reason = str(options, "reason") ?? "";
  const chosen = ["hold", "reopen", "close", "access", "exception"].filter((k) => options[k] !== undefined);
  if (chosen.length !== 1)
    throw new UsageError("choose exactly one of --hold, --reopen, --close, --access, --exception");
  switch (chosen[0]) {
    case "hold":
      return { kind: "hold", period: p, reason, ...overrideChecklist(options) };
    case "reopen":
      return { kind: "reopen", period: p, reason };
    case "close":
      return { kind: "close", period: p, reason, confirm: options.confirm === true, ...overrideChecklist(options) };
    case "access":
      return { kind: "access", period: p, access: need(options, "access"), reason };
    default:
      return { kind: "exception", period: p, user: need(options, "exception"), until: need(options, "until"), reason };
  }
}

export async function period(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  const action = periodAction(options);
  const user = need(options, "user");
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const send = sendTo(wb, deps);
  const r = await send("change-period", { action, user });
  const code = printIssues(out, r.issues);
  if (r.done || r.refusalRecorded) await wb.save(file); // a refusal is recorded in the audit log
  if (!r.done) {
    out.error(`Period ${action.period} was not changed.`);
    return code || 1;
  }
  const what =
    action.kind === "access"
      ? `access is now ${action.access}`
      : action.kind === "exception"
        ? `${action.user} may post until ${action.until}`
        : `is now ${action.kind === "hold" ? "On hold" : action.kind === "reopen" ? "Open" : "Permanently closed"}`;
  out.log(
    `Period ${action.period} ${what} (run ${r.runId}).${r.seal ? ` Sealed ${r.seal.count} ledger rows, hash ${r.seal.hash}.` : ""}`,
  );
  if (action.kind === "hold" || action.kind === "close")
    return writeReceipt(send, action.period, user, options, out, code);
  return code;
}

/** The key that signs and checks receipts: --receipt-key-file FILE, else the environment variable CLOSEBOOK_RECEIPT_KEY. */
function receiptKey(options: Options): string | undefined {
  const file = str(options, "receipt-key-file");
  if (file) return readFileSync(file, "utf8").trim();
  const env = process.env.CLOSEBOOK_RECEIPT_KEY;
  return env ? env : undefined;
}

/** After a hold or close: prints the seal chain's head and writes the seal receipt (--receipt-out FILE). */
async function writeReceipt(
  send: Send,
  period: string,
  user: string,
  options: Options,
  out: Out,
  code: number,
): Promise<number> {
  const key = receiptKey(options);
  const receipt = await send("seal-receipt", { period, user, ...(key !== undefined ? { key } : {}) });
  if (!receipt) return code;
  out.log(
    `Seal chain head: ${receipt.hash} (${receipt.count} rows of ${period}; audit log ${receipt.auditRows} rows, head ${receipt.auditHead}). Keep it, or the receipt, outside the workbook.`,
  );
  const target = str(options, "receipt-out");
  if (target) {
    writeFileSync(target, `${JSON.stringify(receipt, null, 2)}\n`, "utf8");
    out.log(
      `Seal receipt written to ${target}${receipt.hmac ? " (signed)" : ""}; "closebook verify FILE --receipt ${target}" proves the workbook still holds what was sealed.`,
    );
  }
  return code;
}

export async function verify(file: string, out: Out, options: Options, deps: CliDeps): Promise<number> {
  const receiptFile = str(options, "receipt");
  if (receiptFile && !existsSync(receiptFile)) {
    out.error(`${receiptFile} does not exist.`);
    return 1;
  }
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const send = sendTo(wb, deps);
  const key = receiptKey(options);
  const r = receiptFile
    ? await send("verify-receipt", {
        text: readFileSync(receiptFile, "utf8"),
        source: receiptFile,
        ...(key !== undefined ? { key } : {}),
      })
    : { ...(await send("verify", {})), receiptIssues: [], proven: undefined };
  const code = printIssues(out, [...r.issues, ...r.receiptIssues]);
  if (code === 0 && r.proven) out.log(`${file}: ${r.proven}`);
  if (code === 0 && r.published)
    out.log(
      `${file}: published period ${r.published.period} (${r.published.status}${r.published.draft ? ", DRAFT" : ""}): the seal recomputed from its ${r.sealedRows} ledger rows matches the one it carries (${r.published.sealHash}).`,
    );
  else if (code === 0)
    out.log(
      `${file}: ${r.sealedPeriods} sealed periods (${r.sealedRows} ledger rows) and ${r.auditRows} audit rows verified; nothing was changed.`,
    );
  else out.error(`${file}: verification FAILED.`);
  return code;
}

export async function audit(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const log = await sendTo(wb, deps)("audit-log", {});
  const last = Number(str(options, "last") ?? "0");
  const rows = last > 0 ? log.audit.slice(-last) : log.audit;
  for (const a of rows) {
    const change = a.oldValue || a.newValue ? ` ${a.oldValue || "-"} → ${a.newValue || "-"}` : "";
    const reason = a.reason ? ` (reason: ${a.reason})` : "";
    out.log(
      `${String(a.seq).padStart(5)}  ${a.at}  ${a.user.padEnd(8)} ${a.action.padEnd(14)} ${a.subject}${change}${reason}${a.detail ? ` — ${a.detail}` : ""}${a.runId ? ` [${a.runId}]` : ""}`,
    );
  }
  const issues = log.issues;
  for (const i of issues) out.error(formatIssue(i));
  if (issues.length) {
    out.error(`The audit log's hash chain is BROKEN (${issues.length} problem${issues.length > 1 ? "s" : ""}).`);
    return 1;
  }
  out.log(`${log.audit.length} audit rows; the hash chain verifies.`);
  return 0;
}
