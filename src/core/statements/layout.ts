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
 *   formats [undefined, "#,##0.00;(#,##0.00);-" × 4, "0.0%"]
 *
 * Print-ready (issue #16): `heading` is the column-heading row (repeated on
 * every printed page), `formulas` the subtotals, totals and check lines as
 * formulas over the grid's own rows (row 6 col 1 above: SUM of rows 5..5;
 * "Total revenue" SUM of the category totals; net income total revenue −
 * total expenses), `ruleAbove` / `doubleBelow` the accounting underlines,
 * `align` and `widths` per column, `dateColumns` the columns of ISO dates and
 * `cellFormats` the cells in another currency's precision (JPY: "#,##0;(#,##0);-").
 */
import type { Issue } from "../issues/issue";
import type { Amount } from "../money";
import type { BalanceSection, BalanceSheet } from "./balanceSheet";
import type { TieOut } from "./common";
import type { Figures, IncomeSection, IncomeStatement } from "./incomeStatement";
import type { JournalReport } from "./journalReport";

export type GridCell = string | number | null;

/** A cell of the grid: `row` 0-based in `rows`, `col` 0-based. */
export interface GridRef {
  readonly row: number;
  readonly col: number;
}

/**
 * A formula over the grid's own cells; its value is the cell's number in `rows`.
 * SUM: the cells of the ranges (inclusive). SUBTOTAL: SUBTOTAL(9, …), a sum that skips the
 * SUBTOTAL cells inside its range (voucher totals inside the report's total). MINUS: left − right.
 */
export type GridFormula =
  | { readonly op: "SUM" | "SUBTOTAL"; readonly ranges: readonly (readonly [GridRef, GridRef])[] }
  | { readonly op: "MINUS"; readonly left: GridRef; readonly right: GridRef };

export interface GridFormulaAt extends GridRef {
  readonly formula: GridFormula;
}

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
  /** the column-heading row */
  readonly heading: number;
  readonly formulas: readonly GridFormulaAt[];
  /** rows with a single line above their numbers (subtotals) */
  readonly ruleAbove: readonly number[];
  /** rows with a double line below their numbers (totals) */
  readonly doubleBelow: readonly number[];
  readonly align: readonly ("left" | "right" | undefined)[];
  /** widths in characters; undefined = fitted */
  readonly widths: readonly (number | undefined)[];
  /** columns holding ISO dates ("2026-03-31"), written as real dates */
  readonly dateColumns: readonly number[];
  readonly cellFormats: readonly { readonly row: number; readonly col: number; readonly format: string }[];
  /** wide reports print landscape */
  readonly landscape: boolean;
}

export const PERCENT_FORMAT = "0.0%";
/** width of an amount column: "(12,345,678.00)" and a margin */
export const AMOUNT_WIDTH = 16;

/** "#,##0.00;(#,##0.00);-" for 2 places; "#,##0;(#,##0);-" for 0. */
export function amountFormat(places: number): string {
  const n = places > 0 ? `#,##0.${"0".repeat(places)}` : "#,##0";
  return `${n};(${n});-`;
}

const num = (a: Amount): number => a.toNumber();

interface RowStyle {
  bold?: boolean;
  indent?: number;
  /** a subtotal: single line above */
  rule?: boolean;
  /** a total: double line below */
  double?: boolean;
}

const sum = (col: number, ...ranges: (readonly [number, number])[]): GridFormula => ({
  op: "SUM",
  ranges: ranges.map(([a, b]) => [
    { row: a, col },
    { row: b, col },
  ]),
});

class GridBuilder {
  readonly rows: GridCell[][] = [];
  readonly bold: number[] = [];
  readonly indent: number[] = [];
  readonly formulas: GridFormulaAt[] = [];
  readonly ruleAbove: number[] = [];
  readonly doubleBelow: number[] = [];
  readonly cellFormats: { row: number; col: number; format: string }[] = [];
  heading = 0;
  constructor(readonly width: number) {}

  /** Adds a row; returns its index. */
  add(cells: readonly GridCell[], style: RowStyle = {}): number {
    const level = style.indent ?? 0;
    const row: GridCell[] = [...cells];
    if (level > 0 && typeof row[0] === "string") row[0] = "  ".repeat(level) + row[0];
    while (row.length < this.width) row.push(null);
    const i = this.rows.length;
    if (style.bold) this.bold.push(i);
    if (style.rule) this.ruleAbove.push(i);
    if (style.double) this.doubleBelow.push(i);
    this.indent.push(level);
    this.rows.push(row);
    return i;
  }

  /** The cell (row, col) is `formula` (its number stays the cached result); not on empty cells. */
  formula(row: number, col: number, formula: GridFormula): void {
    if (typeof this.rows[row]?.[col] === "number") this.formulas.push({ row, col, formula });
  }

  blank(): void {
    this.add([]);
  }

  tieOuts(tieOuts: readonly TieOut[]): void {
    this.add(["Tie-out to the trial balance", "Statement", "Trial balance", "Difference", "Trial balance figure"], {
      bold: true,
    });
    for (const t of tieOuts) {
      const r = this.add([t.label, num(t.statement), num(t.trialBalance), num(t.difference), t.trialBalanceLabel]);
      this.formula(r, 3, { op: "MINUS", left: { row: r, col: 1 }, right: { row: r, col: 2 } });
    }
  }

  notes(issues: readonly Issue[]): void {
    if (issues.length === 0) return;
    this.blank();
    this.add(["Notes"], { bold: true });
    for (const i of issues) this.add([`${i.severity}: ${i.message}`], { indent: 1 });
  }

  grid(
    title: string,
    formats: (string | undefined)[],
    layout: Pick<Grid, "align" | "widths"> & Partial<Pick<Grid, "dateColumns" | "landscape">>,
  ): Grid {
    return {
      title,
      rows: this.rows,
      formats,
      bold: this.bold,
      indent: this.indent,
      heading: this.heading,
      formulas: this.formulas,
      ruleAbove: this.ruleAbove,
      doubleBelow: this.doubleBelow,
      cellFormats: this.cellFormats,
      dateColumns: layout.dateColumns ?? [],
      landscape: layout.landscape ?? false,
      align: layout.align,
      widths: layout.widths,
    };
  }

  /** Width of the label column: its longest label (headings and notes excluded), within 24..60. */
  labelWidth(from: number, to = this.rows.length): number {
    let w = 24;
    for (let i = from; i < to; i++) {
      const c = this.rows[i]?.[0];
      if (typeof c === "string" && typeof this.rows[i]?.[1] === "number") w = Math.max(w, c.length + 2);
    }
    return Math.min(60, w);
  }
}

// ---------------------------------------------------------------- income statement

const FIGURE_HEADS = ["Period", "Year to date", "Same period last year", "Variance", "Variance %"];
const BLOCK = FIGURE_HEADS.length;

/** variance ÷ |same period last year|, to 0.01 % (0.1234 = 12.34 %); empty when last year is zero. */
export function variancePercent(f: Figures, places: number): number | null {
  const base = f.lastYear.abs().unitsAt(places);
  if (base === 0n) return null;
  return f.variance.mulDivRound(10n ** BigInt(places), base, 4).toNumber();
}

export function incomeStatementGrid(s: IncomeStatement): Grid {
  const width = 1 + BLOCK * s.blocks.length;
  const figureCells = (fs: readonly Figures[]): (number | null)[] =>
    fs.flatMap((f) => [num(f.period), num(f.ytd), num(f.lastYear), num(f.variance), variancePercent(f, s.places)]);
  /** the four amount columns of every block (not the variance %) */
  const amountCols = s.blocks.flatMap((_, k) => [0, 1, 2, 3].map((j) => 1 + BLOCK * k + j));
  const b = new GridBuilder(width);
  b.add([
    `Period ${s.period.from} to ${s.period.to} · year to date from ${s.yearToDate.from} · same period last year ${s.lastYear.from} to ${s.lastYear.to} · amounts in ${s.currency}`,
  ]);
  b.blank();
  if (s.dimension !== undefined)
    b.add(["", ...s.blocks.flatMap((k) => [k.label, null, null, null, null])], { bold: true });
  b.heading = b.add(["", ...s.blocks.flatMap(() => FIGURE_HEADS)], { bold: true });
  const section = (sec: IncomeSection, totalLabel: string): number => {
    b.add([sec.label], { bold: true });
    const totals: number[] = [];
    for (const c of sec.categories) {
      // a category named as its section ("Revenue" under "Revenue") gets no second heading
      if (c.category.trim().toLowerCase() !== sec.label.trim().toLowerCase())
        b.add([c.category], { bold: true, indent: 1 });
      const first = b.rows.length;
      for (const l of c.lines) b.add([`${l.account} ${l.name}`, ...figureCells(l.figures)], { indent: 2 });
      const last = b.rows.length - 1;
      const t = b.add([`Total ${c.category}`, ...figureCells(c.total)], { bold: true, indent: 1, rule: true });
      if (last >= first) for (const col of amountCols) b.formula(t, col, sum(col, [first, last]));
      totals.push(t);
    }
    const t = b.add([totalLabel, ...figureCells(sec.total)], { bold: true, rule: true });
    if (totals.length) for (const col of amountCols) b.formula(t, col, sum(col, ...totals.map((r) => [r, r] as const)));
    b.blank();
    return t;
  };
  const revenue = section(s.revenue, "Total revenue");
  const expenses = section(s.expenses, "Total expenses");
  const net = b.add(["Net income", ...figureCells(s.netIncome)], { bold: true, rule: true, double: true });
  for (const col of amountCols)
    b.formula(net, col, { op: "MINUS", left: { row: revenue, col }, right: { row: expenses, col } });
  b.blank();
  b.tieOuts(s.tieOuts);
  b.notes(s.issues);
  const fmt = amountFormat(s.places);
  const blockFormats = (): (string | undefined)[] => [fmt, fmt, fmt, fmt, PERCENT_FORMAT];
  const blockWidths = (): (number | undefined)[] => [AMOUNT_WIDTH, AMOUNT_WIDTH, AMOUNT_WIDTH, AMOUNT_WIDTH, 11];
  return b.grid(
    `${s.company} — Income statement ${s.period.from} to ${s.period.to} (${s.currency})`,
    [undefined, ...s.blocks.flatMap(blockFormats)],
    {
      align: ["left", ...s.blocks.flatMap(() => Array<"right">(BLOCK).fill("right"))],
      widths: [b.labelWidth(b.heading), ...s.blocks.flatMap(blockWidths)],
      landscape: s.blocks.length > 1,
    },
  );
}

// ---------------------------------------------------------------- balance sheet

export function balanceSheetGrid(s: BalanceSheet): Grid {
  const b = new GridBuilder(5);
  b.add([`As of ${s.asOf} · current-year earnings from ${s.fiscalYearStart} · amounts in ${s.currency}`]);
  b.blank();
  b.heading = b.add(["", s.asOf], { bold: true });
  /** the section's subtotal rows and lines directly under it, to be summed by its total */
  const section = (sec: BalanceSection, after?: () => number[]): number[] => {
    b.add([sec.label], { bold: true });
    const parts: number[] = [];
    for (const c of sec.categories) {
      b.add([c.category], { bold: true, indent: 1 });
      const first = b.rows.length;
      for (const l of c.lines) b.add([`${l.account} ${l.name}`, num(l.amount)], { indent: 2 });
      const last = b.rows.length - 1;
      const t = b.add([`Total ${c.category}`, num(c.total)], { bold: true, indent: 1, rule: true });
      if (last >= first) b.formula(t, 1, sum(1, [first, last]));
      parts.push(t);
    }
    return [...parts, ...(after?.() ?? [])];
  };
  const total = (label: string, value: Amount, parts: readonly number[], double = false): number => {
    const t = b.add([label, num(value)], { bold: true, rule: true, double });
    if (parts.length) b.formula(t, 1, sum(1, ...parts.map((r) => [r, r] as const)));
    return t;
  };
  const assets = total("Total assets", s.assets.total, section(s.assets), true);
  b.blank();
  const liabilities = total("Total liabilities", s.liabilities.total, section(s.liabilities));
  b.blank();
  const equityParts = section(s.equity, () => {
    const rows = [
      b.add([`Current-year earnings (from ${s.fiscalYearStart})`, num(s.currentYearEarnings)], { indent: 1 }),
    ];
    if (!s.earlierYearsEarnings.isZero())
      rows.push(
        b.add([`Earlier years' earnings not closed (before ${s.fiscalYearStart})`, num(s.earlierYearsEarnings)], {
          indent: 1,
        }),
      );
    return rows;
  });
  const equity = total("Total equity", s.totalEquity, equityParts);
  b.blank();
  const le = total("Total liabilities and equity", s.totalLiabilitiesAndEquity, [liabilities, equity], true);
  b.blank();
  const check = b.add(["Check: assets − (liabilities + equity + earnings), must be 0", num(s.check)], { bold: true });
  b.formula(check, 1, { op: "MINUS", left: { row: assets, col: 1 }, right: { row: le, col: 1 } });
  b.blank();
  b.tieOuts(s.tieOuts);
  b.notes(s.issues);
  const fmt = amountFormat(s.places);
  return b.grid(`${s.company} — Balance sheet as of ${s.asOf} (${s.currency})`, [undefined, fmt, fmt, fmt, undefined], {
    align: ["left", "right", "right", "right", undefined],
    widths: [b.labelWidth(b.heading), AMOUNT_WIDTH, AMOUNT_WIDTH, AMOUNT_WIDTH, undefined],
  });
}

// ---------------------------------------------------------------- journal report

/**
 * `currencyPlaces`: each transaction currency's precision, for the Amount column
 * (JPY without decimals); the accounting currency's places when not given.
 */
export function journalReportGrid(r: JournalReport, currencyPlaces?: ReadonlyMap<string, number>): Grid {
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
  const amountCol = head.indexOf("Amount");
  const debitCol = amountCol + 1;
  const creditCol = amountCol + 2;
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
  b.heading = b.add(head, { bold: true });
  const pad = dims.map(() => null);
  const orNull = (a: Amount) => (a.isZero() ? null : num(a));
  const subtotal = (row: number, from: number, to: number) => {
    for (const col of [debitCol, creditCol])
      b.formula(row, col, {
        op: "SUBTOTAL",
        ranges: [
          [
            { row: from, col },
            { row: to, col },
          ],
        ],
      });
  };
  const firstLine = b.rows.length;
  for (const v of r.vouchers) {
    const first = b.rows.length;
    for (const l of v.lines) {
      const row = b.add([
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
      const places = currencyPlaces?.get(l.currency);
      if (places !== undefined && places !== r.places)
        b.cellFormats.push({ row, col: amountCol, format: amountFormat(places) });
    }
    const note = v.balanced ? "" : `Not balanced: difference ${v.debit.minus(v.credit).toString()}`;
    const t = b.add(["", v.voucher, "", "Voucher total", ...pad, "", null, num(v.debit), num(v.credit), note], {
      bold: true,
      rule: true,
    });
    if (v.lines.length) subtotal(t, first, t - 1);
  }
  const lines = r.vouchers.reduce((n, v) => n + v.lines.length, 0);
  const total = b.add(
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
    { bold: true, rule: true, double: true },
  );
  if (total > firstLine) subtotal(total, firstLine, total - 1);
  const check = b.add(
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
  b.formula(check, debitCol, {
    op: "MINUS",
    left: { row: total, col: debitCol },
    right: { row: total, col: creditCol },
  });
  b.notes(r.issues);
  const fmt = amountFormat(r.places);
  const formats = head.map((h) => (h === "Debit" || h === "Credit" || h === "Amount" ? fmt : undefined));
  const numeric = (h: string) => h === "Debit" || h === "Credit" || h === "Amount";
  return b.grid(`${r.company} — Ledger journal report ${r.options.from} to ${r.options.to} (${r.currency})`, formats, {
    align: head.map((h) => (numeric(h) ? "right" : "left")),
    widths: head.map((h) => (numeric(h) ? AMOUNT_WIDTH : h === "Date" ? 12 : undefined)),
    dateColumns: [0],
    landscape: true,
  });
}
