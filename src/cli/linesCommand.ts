/**
 * `closebook lines FILE --account A (--period P | --from F --to T) [--dimension D=V] [--figure F] [--format table|csv|json]`:
 * the ledger lines behind a trial balance figure (drill-down), read-only (the
 * lazy xlsx path: only the setup, ledger and runs sheets are streamed). Each
 * line with its tblLedger row, date, voucher, account, description and amounts
 * in transaction and accounting currency; the total equals the trial balance's.
 *
 * Example: closebook lines books.xlsx --account 4000 --period 2026-03
 *   → Ledger lines of 4000, 2026-03-01 to 2026-03-31, movement (debit − credit) in USD: 2 lines
 *     Row  Date        Voucher    Account  Description  Currency  Amount     Amount USD
 *       2  2026-03-10  GL-000001  4000     Sale         USD       -1,500.00  -1,500.00 …
 *     Total -1,609.00 USD
 */
import { csvCell } from "../app/commands/values";
import { groupThousands } from "../app/commands/reportValues";
import { DRILL_FIGURES, type DrilledLines, type DrillFigure } from "../core/drilldown/ledgerLines";
import { type CliDeps, need, openExisting, type Options, sendTo, str, UsageError, formatOf } from "./cliSupport";
import { printIssues, type Out } from "./output";

const FIGURE_WORDS: Record<DrillFigure, string> = {
  movement: "movement (debit − credit)",
  debit: "debits",
  credit: "credits",
  opening: "opening balance",
  closing: "closing balance",
};

export async function linesCommand(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  const account = need(options, "account");
  const format = formatOf(options);
  const figure = str(options, "figure") ?? "movement";
  if (!DRILL_FIGURES.includes(figure as DrillFigure))
    throw new UsageError(`--figure must be one of ${DRILL_FIGURES.join(", ")}`);
  const period = str(options, "period");
  const from = str(options, "from");
  const to = str(options, "to");
  if (!period && !(from && to)) throw new UsageError("give --period, or --from and --to");
  const dimension = str(options, "dimension");
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const r = await sendTo(wb, deps)("drilldown", {
    account,
    figure: figure as DrillFigure,
    ...(period ? { period } : { from: from!, to: to! }),
    ...(dimension ? { dimension } : {}),
  });
  const code = printIssues(
    out,
    r.issues.filter((i) => i.severity !== "info"),
  );
  if (!r.result) return code || 1;
  out.log(formatLines(r.result, format));
  return code;
}

export function formatLines(r: DrilledLines, format: "table" | "csv" | "json"): string {
  const acc = r.currency;
  if (format === "json")
    return JSON.stringify(
      {
        account: String(r.query.account),
        accounts: r.accounts,
        from: r.query.from,
        to: r.query.to,
        ...(r.query.dimension ? { dimension: r.query.dimension } : {}),
        figure: r.figure,
        currency: acc,
        lines: r.lines.map((l) => ({
          row: l.row,
          entryNo: l.entryNo,
          date: l.date,
          voucher: l.voucher,
          account: l.account,
          dimensions: l.dimensions,
          description: l.description,
          currency: l.currency,
          amount: l.amount.toString(),
          amountAccounting: l.amountAccounting.toString(),
        })),
        total: r.total.toString(),
        value: r.value.toString(),
        byCurrency: r.byCurrency.map((c) => ({ currency: c.currency, total: c.total.toString() })),
      },
      null,
      2,
    );
  const head = ["Row", "Date", "Voucher", "Account", "Description", "Currency", "Amount", `Amount ${acc}`];
  const rows = r.lines.map((l) => [
    l.row === undefined ? "" : String(l.row),
    l.date,
    l.voucher,
    l.account,
    l.description,
    l.currency,
    l.amount.toString(),
    l.amountAccounting.toString(),
  ]);
  if (format === "csv") return [head, ...rows].map((x) => x.map(csvCell).join(",")).join("\n");
  const numeric = (i: number) => i === 0 || i >= 6;
  const cells = [head, ...rows.map((x) => x.map((c, i) => (i >= 6 ? groupThousands(c) : c)))];
  const widths = head.map((_, i) => cells.reduce((w, x) => Math.max(w, (x[i] ?? "").length), 0));
  const line = (x: string[]) =>
    x
      .map((c, i) => (numeric(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const what = `${String(r.query.account)}${r.accounts.length > 1 ? ` (${r.accounts.length} accounts)` : ""}`;
  const dims = r.query.dimension ? `, ${r.query.dimension}` : "";
  const total =
    r.figure === "credit"
      ? `Total credits ${groupThousands(r.value.toString())} ${acc}`
      : `Total ${groupThousands(r.total.toString())} ${acc}`;
  const perCurrency =
    r.byCurrency.length > 1 || r.byCurrency.some((c) => c.currency !== acc)
      ? [
          `By transaction currency: ${r.byCurrency.map((c) => `${c.currency} ${groupThousands(c.total.toString())}`).join(", ")}`,
        ]
      : [];
  return [
    `Ledger lines of ${what}${dims}, ${r.query.from} to ${r.query.to}, ${FIGURE_WORDS[r.figure]} in ${acc}: ${r.lines.length} line${r.lines.length === 1 ? "" : "s"}`,
    line(head),
    ...cells.slice(1).map(line),
    total,
    ...perCurrency,
  ].join("\n");
}
