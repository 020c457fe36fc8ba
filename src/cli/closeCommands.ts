/**
 * CLI commands for the close steps: preview (a report sheet in FILE, ledger
 * untouched) or post each step, and reverse a run.
 *
 * Example: closebook revalue books.xlsx --date 2026-03-31 --user bob --preview
 *   → Preview written to sheet "Preview fx-revaluation": 1 voucher, 6 lines. Nothing was posted.
 */
import { count } from "../core/text/count";
import { RATE_TYPES, type RateType } from "../core/ledger/types";
import { type CliDeps, need, openExisting, type Options, sendTo, str, UsageError } from "./cliSupport";
import { printIssues, type Out } from "./output";
import type { XlsxWorkbook } from "../adapters/xlsx/xlsxWorkbook";
import type { StepOutcome } from "../app/closeSteps";
import type { SettleRequest } from "../app/settle";
import { openItemsTable } from "./openItemsTable";
import { voucherRanges } from "./voucherRanges";
import type { Mark } from "../core/close/settlement";
import { Amount } from "../core/money";

export async function reportOutcome(file: string, wb: XlsxWorkbook, r: StepOutcome, out: Out): Promise<number> {
  const code = printIssues(out, r.issues);
  const p = r.proposal;
  if (p) {
    for (const t of p.trace)
      out.log(
        `  ${t.key}: ${t.formula} = ${t.result}${t.residue && t.residue !== "0" ? ` (rounding ${t.residue})` : ""}`,
      );
  }
  if (r.preview) {
    await wb.save(file);
    out.log(
      `Preview written to sheet "${r.preview.sheet}" in ${file}: ${count(p?.vouchers.length ?? 0, "voucher")}, ${count(p?.vouchers.reduce((n, v) => n + v.lines.length, 0) ?? 0, "line")}. Nothing was posted.`,
    );
    return code;
  }
  if (r.posted?.posted) {
    await wb.save(file);
    const v = r.posted.vouchers;
    const list =
      v.length > 4 ? `${v.length} vouchers ${v[0]}..${v[v.length - 1]}` : v.length ? v.join(", ") : "no voucher";
    out.log(`Posted ${list} (${r.posted.lines} ledger lines) as run ${r.posted.runId}.`);
    return code;
  }
  if (!code && p && p.vouchers.length === 0) out.log("Nothing to post.");
  else out.error(`Nothing posted; ${file} is unchanged.`);
  return code;
}

export async function revalueCommand(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  const date = need(options, "date");
  const user = need(options, "user");
  const rateType = str(options, "rate-type");
  if (rateType && !(RATE_TYPES as readonly string[]).includes(rateType))
    throw new UsageError(`--rate-type must be one of ${RATE_TYPES.join(", ")}`);
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const rateDate = str(options, "rate-date");
  const plFrom = str(options, "pl-from");
  const r = await sendTo(wb, deps)("revalue", {
    date,
    mode: options.preview ? "preview" : "post",
    ...(rateDate ? { rateDate } : {}),
    ...(rateType ? { rateType: rateType as RateType } : {}),
    ...(options["include-pl"] ? { includeProfitAndLoss: true } : {}),
    ...(plFrom ? { plFrom } : {}),
    user,
  });
  return reportOutcome(file, wb, r, out);
}

export async function reverseCommand(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  const runId = need(options, "run");
  const user = need(options, "user");
  const reason = need(options, "reason");
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  // refused when a later year-end run builds on it or it settles inside a closed year; a settlement run also
  // takes back its register rows; other runs are negated line by line
  const r = await sendTo(wb, deps)("reverse-close-step", { runId, reason, user });
  const code = printIssues(out, r.issues);
  if (!r.posted) {
    out.error(`Nothing reversed; ${file} is unchanged.`);
    return code || 1;
  }
  await wb.save(file);
  out.log(`Reversed ${runId}: ${voucherRanges(r.vouchers)} (${r.lines} ledger lines) as run ${r.runId}.`);
  return code;
}

export async function settleCommand(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  const user = need(options, "user");
  const date = need(options, "date");
  const entries = str(options, "entries");
  const reverse = str(options, "reverse");
  const modes = [entries !== undefined, options.auto === true, reverse !== undefined].filter(Boolean).length;
  if (modes !== 1) throw new UsageError("choose one of --entries N[:AMOUNT],N…, --auto, --reverse SETTLEMENT-ID");
  const request: SettleRequest = reverse
    ? { kind: "reverse", settlementId: reverse, date }
    : options.auto
      ? {
          kind: "auto",
          date,
          ...(str(options, "from") ? { from: str(options, "from")! } : {}),
          ...(str(options, "account") ? { accounts: str(options, "account")!.split(",") } : {}),
          ...(options["same-dimensions"] ? { sameDimensions: true } : {}),
        }
      : {
          kind: "marked",
          date,
          entries: parseMarks(entries!),
          ...(str(options, "account") ? { account: str(options, "account")! } : {}),
          ...(options.partial ? { partial: true } : {}),
        };
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const r = await sendTo(wb, deps)("settle", { request, mode: options.preview ? "preview" : "post", user });
  for (const s of r.settlements)
    out.log(
      `${s.settlementId}: ${s.account} ${s.how}, entries ${s.entries.map((e) => `${e.entryNo} (${e.settledAmount.toString()})`).join(", ")}${s.status === "reversed" ? " — reversed" : ""}`,
    );
  return reportOutcome(file, wb, r, out);
}

function parseMarks(text: string): (number | Mark)[] {
  return text.split(",").map((part) => {
    const [no, amount] = part.trim().split(":");
    const entryNo = Number(no);
    if (!Number.isInteger(entryNo) || entryNo <= 0) throw new UsageError(`--entries: "${part}" is not an entry number`);
    if (amount === undefined) return entryNo;
    const a = Amount.parse(amount);
    if (!a) throw new UsageError(`--entries: "${amount}" is not an amount`);
    return { entryNo, amount: a };
  });
}

export async function openItemsCommand(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const account = str(options, "account");
  const { items, issues, setup } = await sendTo(wb, deps)("open-items", account ? { account } : {});
  // the open items read the whole ledger: a sealed period that does not verify is named, and the exit code is 1
  const code = printIssues(out, issues);
  for (const line of openItemsTable(
    items,
    (c) => setup.currencies.get(c)?.precision ?? 2,
    setup.settings.accountingCurrency,
  ))
    out.log(line);
  out.log(`${items.length} open items.`);
  return code;
}

export async function allocateCommand(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  const period = need(options, "period");
  const user = need(options, "user");
  const rules = str(options, "rules");
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const r = await sendTo(wb, deps)("allocate", {
    period,
    mode: options.preview ? "preview" : "post",
    ...(rules ? { rules: rules.split(",").map((x) => x.trim()) } : {}),
    user,
  });
  return reportOutcome(file, wb, r, out);
}

export async function closeCommand(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  const period = need(options, "period");
  const user = need(options, "user");
  const override = options["override-drafts"] === true;
  if (override && !str(options, "reason")) throw new UsageError("--override-drafts needs --reason");
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const send = sendTo(wb, deps);
  const r = await send("close-period", {
    period,
    preview: options.preview === true,
    ...(override ? { overrideDrafts: { reason: str(options, "reason")! } } : {}),
    user,
  });
  let code = 0;
  for (const s of r.steps) {
    out.log(`${s.status === "ok" ? "✓" : s.status === "skipped" ? "–" : "✗"} ${s.step}: ${s.summary}`);
    code = Math.max(
      code,
      printIssues(
        out,
        s.issues.filter((i) => i.severity !== "info"),
      ),
    );
  }
  await wb.save(file); // what the steps posted (or previewed) is kept even when a later step stops the close
  if (!r.completed) {
    out.error(`The close of ${period} stopped at "${r.steps[r.steps.length - 1]?.step}".`);
    return 1;
  }
  out.log(
    `${options.preview ? "Previewed" : "Closed"} ${period}. Put it on hold with: closebook period ${file} --period ${period} --hold --reason "…" --user ${user}`,
  );
  if (options["year-end"]) {
    const { book } = await send("read-book", {});
    const p = book.setup.periods.find((x) => x.id.toLowerCase() === period.toLowerCase());
    const last =
      p &&
      book.setup.periods
        .filter((x) => x.fiscalYear === p.fiscalYear && x.kind === "operating")
        .every((x) => x.end <= p.end);
    if (!p || !last) {
      out.error(`--year-end: ${period} is not the last period of its fiscal year; the year-end close was not run.`);
      return 1;
    }
    const y = await send("year-end", {
      fiscalYear: p.fiscalYear,
      closingVouchers: true,
      mode: options.preview ? "preview" : "post",
      user,
    });
    out.log(
      `${y.posted?.posted || y.preview ? "✓" : "✗"} year-end close ${p.fiscalYear}: ${y.preview ? `previewed on sheet "${y.preview.sheet}"` : y.posted?.posted ? `posted ${y.posted.vouchers.join(", ")} as ${y.posted.runId}` : "nothing posted"}${y.createdYear ? ` (created ${y.createdYear})` : ""}`,
    );
    code = Math.max(
      code,
      printIssues(
        out,
        y.issues.filter((i) => i.severity !== "info"),
      ),
    );
    await wb.save(file);
  }
  return code;
}

export async function statementsCommand(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  const period = need(options, "period");
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const byDimension = str(options, "by-dimension");
  const r = await sendTo(wb, deps)("statements", { period, ...(byDimension ? { byDimension } : {}) });
  const code = printIssues(
    out,
    r.issues.filter((i) => i.severity !== "info"),
  );
  if (!r.income || !r.balance || !r.journal) return code || 1;
  const net = r.income.netIncome[r.income.netIncome.length - 1];
  out.log(
    `Income statement ${period}: net income ${net?.period.toFixed(r.journal.places) ?? "?"} (year to date ${net?.ytd.toFixed(r.journal.places) ?? "?"}) ${r.balance.currency}.`,
  );
  out.log(
    `Balance sheet as of ${r.balance.asOf}: total assets ${r.balance.assets.total.toFixed(r.journal.places)}, liabilities and equity ${r.balance.totalLiabilitiesAndEquity.toFixed(r.journal.places)}; check line ${r.balance.check.toFixed(r.journal.places)}.`,
  );
  out.log(
    `Journal report ${period}: ${count(r.journal.vouchers.length, "voucher")}, debits ${r.journal.debit.toFixed(r.journal.places)} = credits ${r.journal.credit.toFixed(r.journal.places)}${r.journal.balanced ? "" : " — NOT BALANCED"}.`,
  );
  await wb.save(file);
  out.log(`Wrote sheets ${r.sheets.map((s) => `"${s}"`).join(", ")} to ${file}.`);
  return code || (r.journal.balanced && r.balance.check.isZero() ? 0 : 1);
}

export async function yearEndCommand(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  const fiscalYear = need(options, "year");
  const user = need(options, "user");
  const single = str(options, "single");
  if (options.reverse !== undefined) {
    if (options.reverse !== true)
      throw new UsageError(
        "--reverse takes no value: closebook year-end FILE --year FY2026 --reverse --reason TEXT --user NAME",
      );
    const reason = need(options, "reason");
    const wb = await openExisting(file, out);
    if (!wb) return 1;
    const r = await sendTo(wb, deps)("reverse-year-end", { fiscalYear, reason, user });
    const code = printIssues(out, r.issues);
    if (!r.posted?.posted) {
      out.error(`Nothing reversed; ${file} is unchanged.`);
      return code || 1;
    }
    await wb.save(file);
    out.log(
      `Reversed the year-end close of ${fiscalYear} (${r.reversedRuns.join(", ")}): ${r.posted.vouchers.join(", ")} (${r.posted.lines} ledger lines) as run ${r.posted.runId}.`,
    );
    return code;
  }
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const r = await sendTo(wb, deps)("year-end", {
    fiscalYear,
    mode: options.preview ? "preview" : "post",
    ...(options["closing-vouchers"] ? { closingVouchers: true } : {}),
    ...(options["keep-detail"] ? { keepDetail: true } : {}),
    ...(single ? { single: parseDimensionsText(single) } : {}),
    user,
  });
  if (r.createdYear) out.log(`Created fiscal year ${r.createdYear} from the calendar pattern.`);
  if (r.reversedRun) out.log(`Reversed the earlier year-end close ${r.reversedRun}.`);
  return reportOutcome(file, wb, r, out);
}

function parseDimensionsText(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split(";")
      .map((p) => p.split("="))
      .filter((p) => p[0]?.trim())
      .map(([k, ...v]) => [k!.trim(), v.join("=").trim()]),
  );
}
