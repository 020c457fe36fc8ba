/**
 * Statements as a neutral cell grid (STYLE.md example 15): plain values only —
 * text, numbers, empty cells — so the sheet reads like a statement in Excel
 * without the add-in. Headings, then account lines indented under their
 * category, subtotals and totals in bold, amounts as numbers in the
 * accounting format "#,##0.00;(#,##0.00);-" (negative in parentheses, zero as
 * a dash), then the auditor's tie-out block (statement figure, trial-balance
 * figure, difference, how the TB figure is taken) and the issues as notes.
 * The app layer maps a Grid to the workbook port's ReportSheet (rows →
 * rows, formats → numberFormats, bold → boldRows).
 *
 * Labels carry their indent as two leading spaces per level, so the values
 * alone read right; `indent` gives the level too, for an adapter that prefers
 * the cell's indent format (it would then trim the spaces).
 *
 * Worked example (the income statement of incomeStatement.ts, no split):
 *   title  "Test Co — Income statement 2026-03-01 to 2026-03-31 (USD)"
 *   row 0  "Period 2026-03-01 to 2026-03-31 · year to date from 2026-01-01 · …"
 *   row 2  ""                    "Period" "Year to date" "Same period last year" "Variance"   bold
 *   row 3  "Revenue"                                                                      bold
 *   row 4  "  Sales"                                                                      bold, indent 1
 *   row 5  "    4000 Product sales"   1500  2500  1200  300                                indent 2
 *   row 6  "  Total Sales"            1500  2500  1200  300                                bold, indent 1
 *   row 7  "Total revenue"            1500  2500  1200  300                                bold
 *   …      "Net income"               1100  2100   900  200                                bold
 *   …      "Tie-out to the trial balance" "Statement" "Trial balance" "Difference" "Trial balance figure"
 *          "Net income 2026-03-01 to 2026-03-31"  1100  1100  0  "Trial balance … credits − debits …"
 *   formats [undefined, "#,##0.00;(#,##0.00);-" × 4]
 */
import type { Issue } from "../issues/issue";
import type { Amount } from "../money";
import type { BalanceSection, BalanceSheet } from "./balanceSheet";
import type { TieOut } from "./common";
import type { Figures, IncomeSection, IncomeStatement } from "./incomeStatement";
import type { JournalReport } from "./journalReport";

export type GridCell = string | number | null;

export interface Grid {
  readonly title: string;
  /** every row has the same width */
  readonly rows: readonly (readonly GridCell[])[];
  /** number format per column; undefined = General */
  readonly formats: readonly (string | undefined)[];
  /** 0-based rows shown bold: headings, subtotals, totals, the check line */
  readonly bold: readonly number[];
  /** indent level per row (labels already carry two spaces per level) */
  readonly indent: readonly number[];
}

/** "#,##0.00;(#,##0.00);-" for 2 places; "#,##0;(#,##0);-" for 0. */
export function amountFormat(places: number): string {
  const n = places > 0 ? `#,##0.${"0".repeat(places)}` : "#,##0";
  return `${n};(${n});-`;
}

const num = (a: Amount): number => a.toNumber();

class GridBuilder {
  readonly rows: GridCell[][] = [];
  readonly bold: number[] = [];
  readonly indent: number[] = [];
  constructor(readonly width: number) {}

  add(cells: readonly GridCell[], style: { bold?: boolean; indent?: number } = {}): void {
    const level = style.indent ?? 0;
    const row: GridCell[] = [...cells];
    if (level > 0 && typeof row[0] === "string") row[0] = "  ".repeat(level) + row[0];
    while (row.length < this.width) row.push(null);
    if (style.bold) this.bold.push(this.rows.length);
    this.indent.push(level);
    this.rows.push(row);
  }

  blank(): void {
    this.add([]);
  }

  tieOuts(tieOuts: readonly TieOut[]): void {
    this.add(["Tie-out to the trial balance", "Statement", "Trial balance", "Difference", "Trial balance figure"], {
      bold: true,
    });
    for (const t of tieOuts)
      this.add([t.label, num(t.statement), num(t.trialBalance), num(t.difference), t.trialBalanceLabel]);
  }

  notes(issues: readonly Issue[]): void {
    if (issues.length === 0) return;
    this.blank();
    this.add(["Notes"], { bold: true });
    for (const i of issues) this.add([`${i.severity}: ${i.message}`], { indent: 1 });
  }

  grid(title: string, formats: (string | undefined)[]): Grid {
    return { title, rows: this.rows, formats, bold: this.bold, indent: this.indent };
  }
}

// ---------------------------------------------------------------- income statement

const FIGURE_HEADS = ["Period", "Year to date", "Same period last year", "Variance"];
const figureCells = (fs: readonly Figures[]): number[] =>
  fs.flatMap((f) => [num(f.period), num(f.ytd), num(f.lastYear), num(f.variance)]);

export function incomeStatementGrid(s: IncomeStatement): Grid {
  const width = Math.max(5, 1 + 4 * s.blocks.length);
  const b = new GridBuilder(width);
  b.add([
    `Period ${s.period.from} to ${s.period.to} · year to date from ${s.yearToDate.from} · same period last year ${s.lastYear.from} to ${s.lastYear.to} · amounts in ${s.currency}`,
  ]);
  b.blank();
  if (s.dimension !== undefined) b.add(["", ...s.blocks.flatMap((k) => [k.label, null, null, null])], { bold: true });
  b.add(["", ...s.blocks.flatMap(() => FIGURE_HEADS)], { bold: true });
  const section = (sec: IncomeSection, totalLabel: string) => {
    b.add([sec.label], { bold: true });
    for (const c of sec.categories) {
      b.add([c.category], { bold: true, indent: 1 });
      for (const l of c.lines) b.add([`${l.account} ${l.name}`, ...figureCells(l.figures)], { indent: 2 });
      b.add([`Total ${c.category}`, ...figureCells(c.total)], { bold: true, indent: 1 });
    }
    b.add([totalLabel, ...figureCells(sec.total)], { bold: true });
    b.blank();
  };
  section(s.revenue, "Total revenue");
  section(s.expenses, "Total expenses");
  b.add(["Net income", ...figureCells(s.netIncome)], { bold: true });
  b.blank();
  b.tieOuts(s.tieOuts);
  b.notes(s.issues);
  const fmt = amountFormat(s.places);
  return b.grid(`${s.company} — Income statement ${s.period.from} to ${s.period.to} (${s.currency})`, [
    undefined,
    ...Array.from({ length: width - 1 }, () => fmt),
  ]);
}

// ---------------------------------------------------------------- balance sheet

export function balanceSheetGrid(s: BalanceSheet): Grid {
  const b = new GridBuilder(5);
  b.add([`As of ${s.asOf} · current-year earnings from ${s.fiscalYearStart} · amounts in ${s.currency}`]);
  b.blank();
  b.add(["", s.asOf], { bold: true });
  const section = (sec: BalanceSection, after?: () => void) => {
    b.add([sec.label], { bold: true });
    for (const c of sec.categories) {
      b.add([c.category], { bold: true, indent: 1 });
      for (const l of c.lines) b.add([`${l.account} ${l.name}`, num(l.amount)], { indent: 2 });
      b.add([`Total ${c.category}`, num(c.total)], { bold: true, indent: 1 });
    }
    after?.();
  };
  section(s.assets);
  b.add(["Total assets", num(s.assets.total)], { bold: true });
  b.blank();
  section(s.liabilities);
  b.add(["Total liabilities", num(s.liabilities.total)], { bold: true });
  b.blank();
  section(s.equity, () => {
    b.add([`Current-year earnings (from ${s.fiscalYearStart})`, num(s.currentYearEarnings)], { indent: 1 });
    if (!s.earlierYearsEarnings.isZero())
      b.add([`Earlier years' earnings not closed (before ${s.fiscalYearStart})`, num(s.earlierYearsEarnings)], {
        indent: 1,
      });
  });
  b.add(["Total equity", num(s.totalEquity)], { bold: true });
  b.blank();
  b.add(["Total liabilities and equity", num(s.totalLiabilitiesAndEquity)], { bold: true });
  b.blank();
  b.add(["Check: assets − (liabilities + equity + earnings), must be 0", num(s.check)], { bold: true });
  b.blank();
  b.tieOuts(s.tieOuts);
  b.notes(s.issues);
  const fmt = amountFormat(s.places);
  return b.grid(`${s.company} — Balance sheet as of ${s.asOf} (${s.currency})`, [undefined, fmt, fmt, fmt, undefined]);
}

// ---------------------------------------------------------------- journal report

export function journalReportGrid(r: JournalReport): Grid {
  const dims = r.dimensions;
  const head = [
    "Date",
    "Voucher",
    "Account",
    "Account name",
    ...dims,
    "Currency",
    "Amount",
    "Debit",
    "Credit",
    "Description",
  ];
  const b = new GridBuilder(head.length);
  const filters = [
    r.options.source ? `source ${r.options.source}…` : "",
    r.options.voucherFrom || r.options.voucherTo
      ? `vouchers ${r.options.voucherFrom || "…"} to ${r.options.voucherTo || "…"}`
      : "",
  ].filter((x) => x !== "");
  b.add([
    `From ${r.options.from} to ${r.options.to}${filters.length ? ` · ${filters.join(" · ")}` : ""} · debit and credit in ${r.currency}`,
  ]);
  b.blank();
  b.add(head, { bold: true });
  const pad = dims.map(() => null);
  const orNull = (a: Amount) => (a.isZero() ? null : num(a));
  for (const v of r.vouchers) {
    for (const l of v.lines) {
      b.add([
        l.date,
        v.voucher,
        l.account,
        l.name,
        ...dims.map((d) => l.dimensions[d] ?? ""),
        l.currency,
        num(l.amount),
        orNull(l.debit),
        orNull(l.credit),
        l.description,
      ]);
    }
    const note = v.balanced ? "" : `Not balanced: difference ${v.debit.minus(v.credit).toString()}`;
    b.add(["", v.voucher, "", "Voucher total", ...pad, "", null, num(v.debit), num(v.credit), note], { bold: true });
  }
  const lines = r.vouchers.reduce((n, v) => n + v.lines.length, 0);
  b.add(
    [
      "Total",
      "",
      "",
      `${r.vouchers.length} voucher(s), ${lines} line(s)`,
      ...pad,
      "",
      null,
      num(r.debit),
      num(r.credit),
      "",
    ],
    { bold: true },
  );
  b.add(
    [
      "Check: debits − credits, must be 0",
      "",
      "",
      "",
      ...pad,
      "",
      null,
      num(r.debit.minus(r.credit)),
      null,
      r.balanced ? "Every voucher balances" : "Not balanced: see notes",
    ],
    { bold: true },
  );
  b.notes(r.issues);
  const fmt = amountFormat(r.places);
  const formats = head.map((h) => (h === "Debit" || h === "Credit" ? fmt : undefined));
  return b.grid(`${r.company} — Ledger journal report ${r.options.from} to ${r.options.to} (${r.currency})`, formats);
}
