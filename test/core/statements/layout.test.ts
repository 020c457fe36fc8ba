import { balanceSheet } from "../../../src/core/statements/balanceSheet";
import { incomeStatement } from "../../../src/core/statements/incomeStatement";
import { journalReport } from "../../../src/core/statements/journalReport";
import {
  amountFormat,
  balanceSheetGrid,
  incomeStatementGrid,
  journalReportGrid,
  type Grid,
} from "../../../src/core/statements/layout";
import { makeSetup } from "../../support/fixtures";
import { CHART, LEDGER, gridText, ledger, statementSetup } from "./statementFixture";

const setup = statementSetup();
const ACC = "#,##0.00;(#,##0.00);-";

/** every row as wide as the formats, bold rows and indents in range, only plain values */
function wellFormed(g: Grid): void {
  for (const r of g.rows) {
    expect(r.length).toBe(g.formats.length);
    for (const c of r)
      expect(c === null || typeof c === "string" || (typeof c === "number" && Number.isFinite(c))).toBe(true);
  }
  expect(g.indent.length).toBe(g.rows.length);
  for (const b of g.bold) expect(b >= 0 && b < g.rows.length).toBe(true);
}

const marked = (g: Grid) => gridText(g.rows).map((l, i) => `${g.bold.includes(i) ? "*" : " "} ${l}`);

test("amount formats: negative in parentheses, zero as a dash, places from the currency", () => {
  expect(amountFormat(2)).toBe(ACC);
  expect(amountFormat(0)).toBe("#,##0;(#,##0);-");
  expect(amountFormat(3)).toBe("#,##0.000;(#,##0.000);-");
});

test("income statement grid reads like the statement (golden)", () => {
  const g = incomeStatementGrid(incomeStatement(LEDGER, setup, { from: "2026-03-01", to: "2026-03-31" }));
  wellFormed(g);
  expect(g.title).toBe("Test Co — Income statement 2026-03-01 to 2026-03-31 (USD)");
  expect(g.formats).toEqual([undefined, ACC, ACC, ACC, ACC, "0.0%"]);
  expect(marked(g)).toEqual([
    "  Period 2026-03-01 to 2026-03-31 · year to date from 2026-01-01 · same period last year 2025-03-01 to 2025-03-31 · amounts in USD",
    "  ",
    "*  | Period | Year to date | Same period last year | Variance | Variance %",
    "* Revenue",
    "*   Sales",
    "      4000 Product sales | 1500.00 | 2500.00 | 1200.00 | 300.00 | 0.25",
    "      4100 Service revenue | 600.00 | 600.00 | 0.00 | 600.00",
    "*   Total Sales | 2100.00 | 3100.00 | 1200.00 | 900.00 | 0.75",
    "*   Other income",
    "      4900 Interest income | 25.00 | 25.00 | 0.00 | 25.00",
    "*   Total Other income | 25.00 | 25.00 | 0.00 | 25.00",
    "* Total revenue | 2125.00 | 3125.00 | 1200.00 | 925.00 | 0.77",
    "  ",
    "* Expenses",
    "*   Operating expenses",
    "      6100 Rent | 400.00 | 400.00 | 300.00 | 100.00 | 0.33",
    "      6200 Salaries | 0.00 | 2000.00 | 0.00 | 0.00",
    "*   Total Operating expenses | 400.00 | 2400.00 | 300.00 | 100.00 | 0.33",
    "*   Finance costs",
    "      7000 Bank charges | 0.00 | 0.00 | 5.00 | -5.00 | -1.00",
    "*   Total Finance costs | 0.00 | 0.00 | 5.00 | -5.00 | -1.00",
    "* Total expenses | 400.00 | 2400.00 | 305.00 | 95.00 | 0.31",
    "  ",
    "* Net income | 1725.00 | 725.00 | 895.00 | 830.00 | 0.93",
    "  ",
    "* Tie-out to the trial balance | Statement | Trial balance | Difference | Trial balance figure",
    "  Net income 2026-03-01 to 2026-03-31 | 1725.00 | 1725.00 | 0.00 | Trial balance 2026-03-01 to 2026-03-31: credits − debits of revenue and expense accounts",
    "  Net income year to date 2026-01-01 to 2026-03-31 | 725.00 | 725.00 | 0.00 | Trial balance 2026-01-01 to 2026-03-31: credits − debits of revenue and expense accounts",
    "  Net income last year 2025-03-01 to 2025-03-31 | 895.00 | 895.00 | 0.00 | Trial balance 2025-03-01 to 2025-03-31: credits − debits of revenue and expense accounts",
  ]);
  // account lines indented two levels under their category; amounts are numbers
  expect(g.indent.slice(3, 8)).toEqual([0, 1, 2, 2, 1]);
  expect(g.rows[5]!.slice(1)).toEqual([1500, 2500, 1200, 300, 0.25]);
  // variance % = variance ÷ |last year| to 0.01 %, blank when last year is 0 (by hand:
  // 925 / 1200 = 0.770833 → 0.7708; 95 / 305 = 0.311475 → 0.3115; 830 / 895 = 0.927374 → 0.9274)
  const pct = (label: string) => g.rows.find((r) => String(r[0]).trim() === label)![5];
  expect([pct("Total revenue"), pct("Total expenses"), pct("Net income")]).toEqual([0.7708, 0.3115, 0.9274]);
  expect(pct("4100 Service revenue")).toBeNull();
  // the column headings (row 2) repeat on printed pages; subtotals ruled above, net income double-ruled below
  expect(g.heading).toBe(2);
  expect(g.ruleAbove).toEqual([7, 10, 11, 17, 20, 21, 23]);
  expect(g.doubleBelow).toEqual([23]);
  // Total Sales (row 7) = SUM of its two lines (rows 5..6); net income = total revenue − total expenses
  expect(g.formulas.find((f) => f.row === 7 && f.col === 1)!.formula).toEqual({
    op: "SUM",
    ranges: [
      [
        { row: 5, col: 1 },
        { row: 6, col: 1 },
      ],
    ],
  });
  expect(g.formulas.find((f) => f.row === 23 && f.col === 4)!.formula).toEqual({
    op: "MINUS",
    left: { row: 11, col: 4 },
    right: { row: 21, col: 4 },
  });
  expect(g.formulas.some((f) => f.col === 5)).toBe(false); // variance % is a value
});

test("income statement grid with a dimension: a header row of block labels over the figure heads", () => {
  const g = incomeStatementGrid(
    incomeStatement(LEDGER, setup, { from: "2026-03-01", to: "2026-03-31", byDimension: "Department" }),
  );
  wellFormed(g);
  expect(g.formats.length).toBe(1 + 4 * 5);
  expect(g.rows[2]).toEqual([
    "",
    "Department SALES",
    null,
    null,
    null,
    null,
    "Department ADMIN",
    null,
    null,
    null,
    null,
    "Department (blank)",
    null,
    null,
    null,
    null,
    "Total",
    null,
    null,
    null,
    null,
  ]);
  expect(g.rows[3]!.slice(1, 5)).toEqual(["Period", "Year to date", "Same period last year", "Variance"]);
  const net = g.rows.find((r) => r[0] === "Net income")!;
  // each block ends with its variance %: 900/1200, -100/300, 30/|-5|, 830/895 (by hand)
  expect(net.slice(1)).toEqual([
    2100, 3100, 1200, 900, 0.75, -400, -2400, -300, -100, -0.3333, 25, 25, -5, 30, 6, 1725, 725, 895, 830, 0.9274,
  ]);
});

test("balance sheet grid (golden)", () => {
  const g = balanceSheetGrid(balanceSheet(LEDGER, setup, { asOf: "2026-03-31" }));
  wellFormed(g);
  expect(g.title).toBe("Test Co — Balance sheet as of 2026-03-31 (USD)");
  expect(g.formats).toEqual([undefined, ACC, ACC, ACC, undefined]);
  expect(marked(g)).toEqual([
    "  As of 2026-03-31 · current-year earnings from 2026-01-01 · amounts in USD",
    "  ",
    "*  | 2026-03-31",
    "* Assets",
    "*   Cash and bank",
    "      1000 Cash | 11720.00",
    "*   Total Cash and bank | 11720.00",
    "*   Receivables",
    "      1100 Receivables | 3100.00",
    "*   Total Receivables | 3100.00",
    "* Total assets | 14820.00",
    "  ",
    "* Liabilities",
    "*   Trade payables",
    "      2000 Payables | 2400.00",
    "*   Total Trade payables | 2400.00",
    "* Total liabilities | 2400.00",
    "  ",
    "* Equity",
    "*   Share capital",
    "      3000 Share capital | 10000.00",
    "*   Total Share capital | 10000.00",
    "*   Retained earnings",
    "      3900 Retained earnings | 1695.00",
    "*   Total Retained earnings | 1695.00",
    "    Current-year earnings (from 2026-01-01) | 725.00",
    "* Total equity | 12420.00",
    "  ",
    "* Total liabilities and equity | 14820.00",
    "  ",
    "* Check: assets − (liabilities + equity + earnings), must be 0 | 0.00",
    "  ",
    "* Tie-out to the trial balance | Statement | Trial balance | Difference | Trial balance figure",
    "  Total assets 2026-03-31 | 14820.00 | 14820.00 | 0.00 | Trial balance to 2026-03-31: closing balances of asset accounts",
    "  Total liabilities and equity 2026-03-31 | 14820.00 | 14820.00 | 0.00 | Trial balance to 2026-03-31: −(closing balances of liability, equity, revenue and expense accounts)",
    "  Current-year earnings 2026-01-01 to 2026-03-31 | 725.00 | 725.00 | 0.00 | Trial balance 2026-01-01 to 2026-03-31: credits − debits of revenue and expense accounts",
  ]);
});

test("balance sheet grid shows earlier years' earnings and the issues as notes", () => {
  const g = balanceSheetGrid(
    balanceSheet(
      LEDGER.filter((e) => e.voucher !== "GL-7"),
      setup,
      { asOf: "2026-03-31" },
    ),
  );
  wellFormed(g);
  const text = gridText(g.rows);
  expect(text).toContain("  Earlier years' earnings not closed (before 2026-01-01) | 1695.00");
  expect(text).toContain("Check: assets − (liabilities + equity + earnings), must be 0 | 0.00");
  expect(text.slice(-2)).toEqual([
    "Notes",
    expect.stringMatching(
      /^ {2}warning: Revenue and expense accounts carry 1695\.00 of earnings from before 2026-01-01/,
    ),
  ]);
});

test("journal report grid: lines, bold voucher totals, overall total and check", () => {
  const g = journalReportGrid(
    journalReport(LEDGER, setup, { from: "2026-03-01", to: "2026-03-31", source: "journal:" }),
  );
  wellFormed(g);
  expect(g.title).toBe("Test Co — Ledger journal report 2026-03-01 to 2026-03-31 (USD)");
  expect(g.formats).toEqual([
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    ACC,
    ACC,
    ACC,
    undefined,
  ]);
  const text = marked(g);
  expect(text.slice(0, 6)).toEqual([
    "  From 2026-03-01 to 2026-03-31 · source journal:… · debit and credit in USD",
    "  ",
    "* Date | Voucher | Account | Account name | Department | Currency | Amount | Debit | Credit | Description",
    "  2026-03-05 | GL-10 | 1100 | Receivables |  | USD | 1500.00 | 1500.00",
    "  2026-03-05 | GL-10 | 4000 | Product sales | SALES | USD | -1500.00 |  | 1500.00",
    "*  | GL-10 |  | Voucher total |  |  |  | 1500.00 | 1500.00",
  ]);
  expect(text.slice(-2)).toEqual([
    "* Total |  |  | 4 voucher(s), 8 line(s) |  |  |  | 2525.00 | 2525.00",
    "* Check: debits − credits, must be 0 |  |  |  |  |  |  | 0.00 |  | Every voucher balances",
  ]);
});

test("journal report grid marks an unbalanced voucher and lists the issues", () => {
  const l = ledger(`
    GL-3 2026-03-12 6100 400.00
    GL-3 2026-03-12 2000 -399.00
  `);
  const g = journalReportGrid(
    journalReport(l, setup, { from: "2026-03-01", to: "2026-03-31", voucherFrom: "GL-1", voucherTo: "GL-5" }),
  );
  wellFormed(g);
  const text = gridText(g.rows);
  expect(text[0]).toBe("From 2026-03-01 to 2026-03-31 · vouchers GL-1 to GL-5 · debit and credit in USD");
  expect(text).toContain(" | GL-3 |  | Voucher total |  |  |  | 400.00 | 399.00 | Not balanced: difference 1.00");
  expect(text).toContain("Check: debits − credits, must be 0 |  |  |  |  |  |  | 1.00 |  | Not balanced: see notes");
  expect(text.filter((t) => t.startsWith("  error: "))).toHaveLength(2);
});

test("a zero-decimal accounting currency gets a whole-number format", () => {
  const jpy = makeSetup({ accounts: CHART, settings: { accountingCurrency: "JPY" } });
  const l = ledger(`
    V1 2026-03-10 1000 500
    V1 2026-03-10 4000 -500
  `);
  const g = incomeStatementGrid(incomeStatement(l, jpy, { from: "2026-03-01", to: "2026-03-31" }));
  expect(g.formats[1]).toBe("#,##0;(#,##0);-");
  expect(g.rows.find((r) => r[0] === "Net income")!.slice(1)).toEqual([500, 500, 0, 500, null]);
});
