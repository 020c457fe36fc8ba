/**
 * Use case: the trial balance for a period (or date range), as data, as
 * text/CSV/JSON, and as a report sheet in the workbook. When a sealed period
 * it reads (any up to its end date) does not verify, the trial balance is
 * still computed but comes with the broken rows as errors; the sheet is then
 * not written (sealGuard).
 *
 * Example: await trialBalanceReport(port, { period: "2026-03" })
 *   → { tb: { from: "2026-03-01", to: "2026-03-31", rows: [...], totals }, issues: [] }
 */
import { issue, type Issue } from "../core/issues/issue";
import type { Book } from "../core/ledger/book";
import type { FiscalPeriod } from "../core/ledger/types";
import { trialBalance, type TrialBalance } from "../core/ledger/trialBalance";
import { AMOUNT_WIDTH, amountFormat } from "../core/statements/layout";
import type { Amount } from "../core/money";
import type { CellValue, ReportCell, ReportSheet, WorkbookPort } from "../ports/workbook";
import { REPORT_SHEET_FIRST_ROW } from "../ports/workbook";
import { PERIODS } from "../schema/tables";
import { csvCell } from "./csv";
import { readBook } from "./operation";
import { columnLetters, reportPrint } from "./reportLayout";
import { writeReportSheet } from "./reports";
import { LEDGER_REPORT_READS, sealGuard } from "./sealGuard";
import { where } from "../schema/typedCells";

export interface TbOptions {
  readonly period?: string;
  readonly from?: string;
  readonly to?: string;
  readonly byDimensions?: readonly string[];
  readonly byCurrency?: boolean;
}

export function resolveRange(book: Book, options: TbOptions): { from: string; to: string } | Issue {
  if (options.period) return periodRange(book.setup.periods, options.period);
  if (options.from && options.to) return { from: options.from, to: options.to };
  return issue("NO_RANGE", "Give a period (e.g. 2026-03) or a from and to date.");
}

/** The dates of a period ("2026-03") or of a fiscal year ("FY2026") of the calendar; case and spaces ignored. */
export function periodRange(periods: readonly FiscalPeriod[], id: string): { from: string; to: string } | Issue {
  const wanted = id.trim().toLowerCase();
  const p = periods.find((x) => x.id.toLowerCase() === wanted);
  if (p) return { from: p.start, to: p.end };
  const year = periods.filter((x) => x.fiscalYear.toLowerCase() === wanted);
  if (year.length)
    return {
      from: year.map((x) => x.start).sort()[0]!,
      to: year
        .map((x) => x.end)
        .sort()
        .reverse()[0]!,
    };
  return issue("UNKNOWN_PERIOD", `There is no period or fiscal year "${id}" in the calendar.`, where(PERIODS, "id"));
}

export async function trialBalanceReport(
  port: WorkbookPort,
  options: TbOptions,
): Promise<{ tb?: TrialBalance; issues: Issue[] }> {
  const { book, issues } = await readBook(port, LEDGER_REPORT_READS);
  const range = resolveRange(book, options);
  if ("code" in range) return { issues: [...issues, range] };
  const unknownDims = (options.byDimensions ?? []).filter((d) => !book.setup.dimensions.some((x) => x.name === d));
  if (unknownDims.length)
    return { issues: [...issues, issue("UNKNOWN_DIMENSION", `No dimension named ${unknownDims.join(", ")}.`)] };
  const tb = trialBalance(book.ledger, book.setup, {
    ...range,
    ...(options.byDimensions ? { byDimensions: options.byDimensions } : {}),
    ...(options.byCurrency ? { byCurrency: true } : {}),
  });
  return { tb, issues: [...issues, ...sealGuard(book, "The trial balance", { to: range.to }, "show")] };
}

/**
 * Writes the "Trial balance" sheet (protected when `periodId` is not Open);
 * refused, with the broken rows, when a sealed period it reads does not verify.
 */
export async function writeTrialBalanceSheet(
  port: WorkbookPort,
  tb: TrialBalance,
  periodId?: string,
  ranBy?: string,
): Promise<{ sheet?: string; protected: boolean; issues: Issue[] }> {
  const { book } = await readBook(port, LEDGER_REPORT_READS);
  const refused = sealGuard(book, `The trial balance ${tb.from} to ${tb.to}`, { to: tb.to }, "write");
  if (refused.length) return { protected: false, issues: refused };
  const places = new Map([...book.setup.currencies.values()].map((c) => [c.code, c.precision]));
  const sheet = tbReportSheet(tb, book.setup.settings.company, places, ranBy);
  const written = await writeReportSheet(port, book, sheet, periodId);
  return { sheet: sheet.sheet, ...written, issues: [] };
}

function columns(tb: TrialBalance): string[] {
  const dims = tb.rows[0] ? Object.keys(tb.rows[0].dimensions) : [];
  const hasCcy = tb.rows.some((r) => r.currency !== undefined);
  return [
    "Account",
    "Name",
    ...dims,
    ...(hasCcy ? ["Currency", "Balance (currency)"] : []),
    "Opening",
    "Debit",
    "Credit",
    "Closing",
  ];
}

/** A total row: "Total", blanks under the other text columns, then opening, debit, credit, closing. */
function totalRow<T>(tb: TrialBalance, pad: number, blank: T, amount: (a: Amount) => T): (string | T)[] {
  const t = tb.totals;
  return [
    "Total",
    "",
    ...Array<T>(pad).fill(blank),
    amount(t.opening),
    amount(t.debit),
    amount(t.credit),
    amount(t.closing),
  ];
}

/** Rows of cell values: header, one row per line, a total row. */
export function tbGrid(tb: TrialBalance): CellValue[][] {
  const hasCcy = tb.rows.some((r) => r.currency !== undefined);
  const out: CellValue[][] = [columns(tb)];
  for (const r of tb.rows) {
    out.push([
      r.account,
      r.name,
      ...Object.values(r.dimensions),
      ...(hasCcy ? [r.currency ?? "", r.closingTransaction?.toNumber() ?? null] : []),
      ...[r.opening, r.debit, r.credit, r.closing].map((x) => x.toNumber()),
    ]);
  }
  out.push(totalRow<CellValue>(tb, out[0]!.length - 6, "", (x) => x.toNumber()));
  return out;
}

function textRows(tb: TrialBalance): string[][] {
  const hasCcy = tb.rows.some((r) => r.currency !== undefined);
  const rows = tb.rows.map((r) => [
    r.account,
    r.name,
    ...Object.values(r.dimensions),
    ...(hasCcy ? [r.currency ?? "", r.closingTransaction?.toString() ?? ""] : []),
    ...[r.opening, r.debit, r.credit, r.closing].map((x) => x.toString()),
  ]);
  rows.push(totalRow(tb, columns(tb).length - 6, "", (x) => x.toString()));
  return rows;
}

export function formatTb(tb: TrialBalance, format: "table" | "csv" | "json"): string {
  const head = columns(tb);
  if (format === "json") {
    return JSON.stringify(
      {
        from: tb.from,
        to: tb.to,
        currency: tb.currency,
        rows: tb.rows.map((r) => ({
          account: r.account,
          name: r.name,
          dimensions: r.dimensions,
          ...(r.currency ? { currency: r.currency, balanceInCurrency: r.closingTransaction?.toString() } : {}),
          opening: r.opening.toString(),
          debit: r.debit.toString(),
          credit: r.credit.toString(),
          closing: r.closing.toString(),
        })),
        totals: {
          opening: tb.totals.opening.toString(),
          debit: tb.totals.debit.toString(),
          credit: tb.totals.credit.toString(),
          closing: tb.totals.closing.toString(),
        },
      },
      null,
      2,
    );
  }
  const rows = textRows(tb);
  if (format === "csv") return [head, ...rows].map((r) => r.map(csvCell).join(",")).join("\n");
  const numeric = (i: number) => i >= head.length - 4 || head[i] === "Balance (currency)";
  const fmt = (s: string, i: number) => (numeric(i) && s !== "" && s !== head[i] ? groupThousands(s) : s);
  const cells = [head, ...rows.map((r) => r.map(fmt))];
  const widths = head.map((_, i) => cells.reduce((w, r) => Math.max(w, (r[i] ?? "").length), 0));
  const line = (r: string[]) =>
    r.map((c, i) => (numeric(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  const body = cells.slice(1, -1).map(line);
  return [
    `Trial balance ${tb.from} to ${tb.to} (${tb.currency})`,
    line(head),
    rule,
    ...body,
    rule,
    line(cells[cells.length - 1]!),
  ].join("\n");
}

export function groupThousands(s: string): string {
  const neg = s.startsWith("-");
  const [int = "", frac] = (neg ? s.slice(1) : s).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${neg ? "-" : ""}${grouped}${frac !== undefined ? `.${frac}` : ""}`;
}

/**
 * The "Trial balance" sheet: the total row sums each amount column with a formula
 * (cached result = the exact total), a line above it and a double line below; the
 * heading row repeats on every printed page; "Balance (currency)" in each currency's
 * precision (`currencyPlaces`, JPY without decimals).
 */
export function tbReportSheet(
  tb: TrialBalance,
  company: string,
  currencyPlaces?: ReadonlyMap<string, number>,
  ranBy?: string,
): ReportSheet {
  const grid = tbGrid(tb);
  const fmt = amountFormat(currencyPlaces?.get(tb.currency) ?? 2);
  const width = grid[0]!.length;
  const last = grid.length - 1;
  const amountCol = (_h: CellValue, i: number) => i >= width - 4;
  const ccyCol = grid[0]!.indexOf("Balance (currency)");
  const rows: ReportCell[][] = grid.map((row, i) =>
    i !== last || last < 2
      ? row
      : row.map((v, j) =>
          amountCol(grid[0]![j]!, j) && typeof v === "number"
            ? {
                formula: `=SUM(${columnLetters(j)}${REPORT_SHEET_FIRST_ROW + 1}:${columnLetters(j)}${REPORT_SHEET_FIRST_ROW + last - 1})`,
                result: v,
              }
            : v,
        ),
  );
  const cellFormats =
    ccyCol < 0 || !currencyPlaces
      ? []
      : tb.rows.flatMap((r, i) => {
          const places = r.currency === undefined ? undefined : currencyPlaces.get(r.currency);
          return places === undefined ? [] : [{ row: i + 1, col: ccyCol, format: amountFormat(places) }];
        });
  const numeric = (h: CellValue, i: number) => amountCol(h, i) || i === ccyCol;
  return {
    sheet: "Trial balance",
    title: `${company} — Trial balance ${tb.from} to ${tb.to} (${tb.currency})`,
    rows,
    numberFormats: grid[0]!.map((h, i) => (numeric(h, i) ? fmt : undefined)),
    boldRows: [0, last],
    ...(cellFormats.length ? { cellFormats } : {}),
    align: grid[0]!.map((h, i) => (numeric(h, i) ? "right" : "left")),
    widths: grid[0]!.map((h, i) => (numeric(h, i) ? AMOUNT_WIDTH : undefined)),
    ruleAbove: [last],
    doubleBelow: [last],
    print: reportPrint(0, width > 6, {
      company,
      period: `${tb.from} to ${tb.to}`,
      ...(ranBy ? { ranBy } : {}),
    }),
  };
}
