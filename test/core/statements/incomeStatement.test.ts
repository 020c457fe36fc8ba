import { sameDateLastYear, fiscalYearStartOf, compareNatural } from "../../../src/core/statements/common";
import { incomeStatement, type Figures, type IncomeStatement } from "../../../src/core/statements/incomeStatement";
import { makeSetup } from "../../support/fixtures";
import { LEDGER, ledger, statementSetup } from "./statementFixture";

const setup = statementSetup();
const f = (x: Figures) => [x.period, x.ytd, x.lastYear, x.variance].map(String);

/** section → category → account lines, as text, for the block at `i` */
function shape(s: IncomeStatement, i: number) {
  return [s.revenue, s.expenses].map((sec) => ({
    section: sec.label,
    categories: sec.categories.map((c) => ({
      category: c.category,
      lines: c.lines.map((l) => [l.account, ...f(l.figures[i]!)]),
      total: f(c.total[i]!),
    })),
    total: f(sec.total[i]!),
  }));
}

describe("income statement for March 2026 (hand-worked)", () => {
  const s = incomeStatement(LEDGER, setup, { from: "2026-03-01", to: "2026-03-31" });

  test("columns: period, year to date from the fiscal year start, same month last year", () => {
    expect(s.period).toEqual({ from: "2026-03-01", to: "2026-03-31" });
    expect(s.yearToDate).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(s.lastYear).toEqual({ from: "2025-03-01", to: "2025-03-31" });
    expect(s.blocks).toEqual([{ label: "Total" }]);
  });

  test("grouped by category then account, revenue and expenses positive", () => {
    expect(shape(s, 0)).toEqual([
      {
        section: "Revenue",
        categories: [
          {
            category: "Sales",
            lines: [
              // 4000: March 1,500; YTD 1,000 (Jan) + 1,500; March 2025 1,200
              ["4000", "1500.00", "2500.00", "1200.00", "300.00"],
              ["4100", "600.00", "600.00", "0.00", "600.00"],
            ],
            total: ["2100.00", "3100.00", "1200.00", "900.00"],
          },
          {
            category: "Other income",
            lines: [["4900", "25.00", "25.00", "0.00", "25.00"]],
            total: ["25.00", "25.00", "0.00", "25.00"],
          },
        ],
        total: ["2125.00", "3125.00", "1200.00", "925.00"],
      },
      {
        section: "Expenses",
        categories: [
          {
            category: "Operating expenses",
            lines: [
              ["6100", "400.00", "400.00", "300.00", "100.00"],
              // salaries only in February: YTD only
              ["6200", "0.00", "2000.00", "0.00", "0.00"],
            ],
            total: ["400.00", "2400.00", "300.00", "100.00"],
          },
          // bank charges only in March 2025: a negative variance
          {
            category: "Finance costs",
            lines: [["7000", "0.00", "0.00", "5.00", "-5.00"]],
            total: ["0.00", "0.00", "5.00", "-5.00"],
          },
        ],
        total: ["400.00", "2400.00", "305.00", "95.00"],
      },
    ]);
  });

  test("net income = revenue − expenses, tied out to the trial balance", () => {
    expect(f(s.netIncome[0]!)).toEqual(["1725.00", "725.00", "895.00", "830.00"]);
    expect(
      s.tieOuts.map((t) => [t.label, t.statement.toString(), t.trialBalance.toString(), t.difference.toString()]),
    ).toEqual([
      ["Net income 2026-03-01 to 2026-03-31", "1725.00", "1725.00", "0.00"],
      ["Net income year to date 2026-01-01 to 2026-03-31", "725.00", "725.00", "0.00"],
      ["Net income last year 2025-03-01 to 2025-03-31", "895.00", "895.00", "0.00"],
    ]);
    expect(s.issues).toEqual([]);
  });
});

test("split by Department: a column block per value (setup order, blank last), then the total", () => {
  const s = incomeStatement(LEDGER, setup, { from: "2026-03-01", to: "2026-03-31", byDimension: "Department" });
  expect(s.dimension).toBe("Department");
  expect(s.blocks).toEqual([
    { value: "SALES", label: "Department SALES" },
    { value: "ADMIN", label: "Department ADMIN" },
    { value: "", label: "Department (blank)" },
    { label: "Total" },
  ]);
  expect(s.netIncome.map(f)).toEqual([
    ["2100.00", "3100.00", "1200.00", "900.00"],
    ["-400.00", "-2400.00", "-300.00", "-100.00"],
    ["25.00", "25.00", "-5.00", "30.00"],
    ["1725.00", "725.00", "895.00", "830.00"],
  ]);
  const rent = s.expenses.categories[0]!.lines[0]!;
  expect(rent.figures.map(f)).toEqual([
    ["0.00", "0.00", "0.00", "0.00"],
    ["400.00", "400.00", "300.00", "100.00"],
    ["0.00", "0.00", "0.00", "0.00"],
    ["400.00", "400.00", "300.00", "100.00"],
  ]);
  // the total block equals the statement without the split
  const plain = incomeStatement(LEDGER, setup, { from: "2026-03-01", to: "2026-03-31" });
  expect(shape(s, 3)).toEqual(shape(plain, 0));
});

test("year-end closing entries (closing period) are left out unless asked for", () => {
  const year = incomeStatement(LEDGER, setup, { from: "2025-12-01", to: "2025-12-31" });
  expect(f(year.netIncome[0]!)).toEqual(["0.00", "1695.00", "0.00", "0.00"]);
  expect(year.closingEntriesLeftOut).toBe(5);
  expect(year.issues.map((i) => [i.code, i.severity])).toEqual([["CLOSING_PERIOD_LEFT_OUT", "info"]]);
  expect(year.tieOuts.every((t) => t.difference.isZero())).toBe(true);
  const withClose = incomeStatement(LEDGER, setup, {
    from: "2025-12-01",
    to: "2025-12-31",
    includeClosingPeriods: true,
  });
  // December carries the closing transaction: −1,695.00 of net income, and the year nets to zero
  expect(f(withClose.netIncome[0]!)).toEqual(["-1695.00", "0.00", "0.00", "-1695.00"]);
});

test("the worked example of the module comment", () => {
  const l = ledger(`
    V1 2025-03-10 4000 -1200.00 dept=SALES
    V1 2025-03-10 1000  1200.00
    V2 2025-03-15 6100   300.00 dept=ADMIN
    V2 2025-03-15 1000  -300.00
    V3 2026-01-20 4000 -1000.00 dept=SALES
    V3 2026-01-20 1000  1000.00
    V4 2026-03-05 4000 -1500.00 dept=SALES
    V4 2026-03-05 1000  1500.00
    V5 2026-03-12 6100   400.00 dept=ADMIN
    V5 2026-03-12 1000  -400.00
  `);
  const s = incomeStatement(l, setup, { from: "2026-03-01", to: "2026-03-31", byDimension: "Department" });
  expect(s.netIncome.map(f)).toEqual([
    ["1500.00", "2500.00", "1200.00", "300.00"],
    ["-400.00", "-400.00", "-300.00", "-100.00"],
    ["1100.00", "2100.00", "900.00", "200.00"],
  ]);
  expect(s.tieOuts[0]!.trialBalance.toString()).toBe("1100.00");
});

test("a P&L line on an account missing from the chart is reported, not shown", () => {
  const l = ledger(`
    V1 2026-03-10 9999 -50.00
    V1 2026-03-10 1000  50.00
  `);
  const s = incomeStatement(l, setup, { from: "2026-03-01", to: "2026-03-31" });
  expect(s.revenue.categories).toEqual([]);
  expect(s.issues.map((i) => i.code)).toEqual(["UNKNOWN_ACCOUNT"]);
});

test("bad ranges and unknown dimensions are issues", () => {
  expect(incomeStatement(LEDGER, setup, { from: "2026-04-01", to: "2026-03-31" }).issues.map((i) => i.code)).toContain(
    "BAD_RANGE",
  );
  expect(
    incomeStatement(LEDGER, setup, { from: "2026-03-01", to: "2026-03-31", byDimension: "Region" }).issues.map(
      (i) => i.code,
    ),
  ).toContain("UNKNOWN_DIMENSION");
  expect(incomeStatement(LEDGER, setup, { from: "2025-12-01", to: "2026-03-31" }).issues.map((i) => i.code)).toContain(
    "YTD_AFTER_PERIOD",
  );
});

describe("date helpers", () => {
  test("same date last year keeps month ends month ends", () => {
    expect(sameDateLastYear("2026-03-15")).toBe("2025-03-15");
    expect(sameDateLastYear("2026-03-31")).toBe("2025-03-31");
    expect(sameDateLastYear("2025-02-28")).toBe("2024-02-29");
    expect(sameDateLastYear("2024-02-29")).toBe("2023-02-28");
    expect(sameDateLastYear("2026-04-30")).toBe("2025-04-30");
  });

  test("fiscal year start from the calendar, else from the start month", () => {
    expect(fiscalYearStartOf(setup, "2026-03-31")).toBe("2026-01-01");
    expect(fiscalYearStartOf(setup, "2025-12-31")).toBe("2025-01-01");
    const july = makeSetup({ settings: { fiscalYearStartMonth: 7 }, periods: [] });
    expect(fiscalYearStartOf(july, "2026-03-31")).toBe("2025-07-01");
    expect(fiscalYearStartOf(july, "2026-07-01")).toBe("2026-07-01");
  });

  test("voucher numbers compare by value", () => {
    expect(["GL-10", "GL-9", "GL-000011", "AP-2"].sort(compareNatural)).toEqual(["AP-2", "GL-9", "GL-10", "GL-000011"]);
  });
});
