/**
 * Pure helpers for the Reports tab: the default period, the sentence saying
 * which sheets were written (and which ended protected), and the key figures
 * of each report as label/value pairs. Amounts go through Amount's own
 * decimal text with thousands separators, never through a float.
 *
 * Example: trialBalanceFigures(tb) → [{ label: "Accounts", value: "6" },
 *   { label: "Total debit", value: "2,009.00 USD" }, { label: "Total credit", value: "2,009.00 USD" },
 *   { label: "Debit − credit", value: "0.00 USD" }]
 * Example: sheetsText([{ sheet: "Trial balance", protected: true }])
 *   → "Wrote the sheet Trial balance (protected). The period is not Open, so Excel keeps that sheet from being edited."
 */
import type { FiscalPeriod } from "../../core/ledger/types";
import { periodLabel as label } from "../shell/words";
import type { TrialBalance } from "../../core/ledger/trialBalance";
import type { Amount } from "../../core/money";
import type { JournalReportRun, SheetWritten } from "../../app/periodReports";
import type { Statements } from "../../app/statements";
import { groupThousands } from "../../app/commands/reportValues";

export interface Figure {
  readonly label: string;
  readonly value: string;
}

/** The latest operating period with ledger entries; else the earliest Open one; else the first. */
export function defaultReportPeriod(
  periods: readonly FiscalPeriod[],
  withEntries: readonly string[],
): string | undefined {
  const operating = periods
    .filter((p) => p.kind === "operating")
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const used = new Set(withEntries.map((id) => id.toLowerCase()));
  const latest = [...operating].reverse().find((p) => used.has(p.id.toLowerCase()));
  return (latest ?? operating.find((p) => p.status === "Open") ?? operating[0])?.id;
}

/** "2026-03 (Open)": how a period is offered in the dropdown. */
/** the pane's one period label (shell/words.ts): "2026-01 · January 2026 (On hold)" */
export function periodLabel(p: Pick<FiscalPeriod, "id" | "name" | "status">): string {
  return label(p);
}

export function sheetsText(sheets: readonly SheetWritten[]): string {
  if (sheets.length === 0) return "No sheet was written.";
  const names = sheets.map((s) => `${s.sheet}${s.protected ? " (protected)" : ""}`);
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]!}`;
  const locked = sheets.filter((s) => s.protected).length;
  const why =
    locked === 0
      ? ""
      : ` The period is not Open, so Excel keeps ${locked === 1 ? "that sheet" : "those sheets"} from being edited.`;
  return `Wrote the sheet${sheets.length === 1 ? "" : "s"} ${list}.${why}`;
}

/** An amount at `places` decimals (or as carried) with thousands separators: "-1,234.50 USD". */
export function money(a: Amount, currency: string, places?: number): string {
  return `${groupThousands(places === undefined ? a.toString() : a.toFixed(Math.max(places, a.decimalPlaces())))} ${currency}`;
}

const yesNo = (b: boolean) => (b ? "Yes" : "No");

export function statementsFigures(st: Statements): Figure[] {
  const out: Figure[] = [];
  if (st.balance) {
    const b = st.balance;
    out.push({ label: "Balance-sheet check", value: money(b.check, b.currency, b.places) });
    out.push({ label: "Total assets", value: money(b.assets.total, b.currency, b.places) });
    out.push({
      label: "Total liabilities and equity",
      value: money(b.totalLiabilitiesAndEquity, b.currency, b.places),
    });
  }
  const net = st.income?.netIncome[st.income.netIncome.length - 1];
  if (st.income && net) {
    out.push({ label: "Net income, period", value: money(net.period, st.income.currency, st.income.places) });
    out.push({ label: "Net income, year to date", value: money(net.ytd, st.income.currency, st.income.places) });
  }
  if (st.journal) {
    out.push({ label: "Vouchers in the journal report", value: String(st.journal.vouchers.length) });
    out.push({ label: "Journal report balanced", value: yesNo(st.journal.balanced) });
  }
  return out;
}

const range = (vouchers: readonly string[]) =>
  vouchers.length > 1 ? `${vouchers[0]}..${vouchers[vouchers.length - 1]}` : (vouchers[0] ?? "");

export function journalFigures(run: JournalReportRun): Figure[] {
  const r = run.result.report;
  if (!r) return [];
  const out: Figure[] = [
    { label: "Vouchers", value: String(r.vouchers.length) },
    { label: "Lines", value: String(r.vouchers.reduce((n, v) => n + v.lines.length, 0)) },
    { label: "Total debit", value: money(r.debit, r.currency, r.places) },
    { label: "Total credit", value: money(r.credit, r.currency, r.places) },
    {
      label: "Balanced",
      value: r.balanced
        ? "Yes"
        : `No${
            r.vouchers.some((v) => !v.balanced)
              ? `: ${r.vouchers
                  .filter((v) => !v.balanced)
                  .map((v) => v.voucher)
                  .join(", ")}`
              : ""
          }`,
    },
  ];
  const j = run.journalized;
  if (j?.done)
    out.push({
      label: "Journalized",
      value: `${j.journalizingNo ?? ""}: ${j.vouchers.length} voucher${j.vouchers.length === 1 ? "" : "s"} (${range(j.vouchers)}), run ${j.runId ?? ""}`,
    });
  else if (j && j.issues.some((i) => i.code === "NOTHING_TO_JOURNALIZE"))
    out.push({ label: "Journalized", value: "Nothing new: every voucher already has a journalizing number" });
  else if (j) out.push({ label: "Journalized", value: "No (see the issues below)" });
  return out;
}

export function trialBalanceFigures(tb: TrialBalance): Figure[] {
  const t = tb.totals;
  return [
    { label: "Accounts", value: String(tb.rows.length) },
    { label: "Total debit", value: money(t.debit, tb.currency) },
    { label: "Total credit", value: money(t.credit, tb.currency) },
    { label: "Debit − credit", value: money(t.debit.minus(t.credit), tb.currency) },
    { label: "Closing balances total", value: money(t.closing, tb.currency) },
  ];
}
