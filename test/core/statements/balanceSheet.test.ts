import { balanceSheet, type BalanceSection } from "../../../src/core/statements/balanceSheet";
import { LEDGER, ledger, statementSetup } from "./statementFixture";

const setup = statementSetup();
const sec = (s: BalanceSection) => ({
  categories: s.categories.map((c) => [
    c.category,
    c.lines.map((l) => [l.account, l.amount.toString()]),
    c.total.toString(),
  ]),
  total: s.total.toString(),
});

test("as of 2026-03-31 (hand-worked): A = L + E + current-year earnings", () => {
  const bs = balanceSheet(LEDGER, setup, { asOf: "2026-03-31" });
  expect(bs.fiscalYearStart).toBe("2026-01-01");
  // cash 10,000 − 300 − 5 + 800 + 1,200 + 25; receivables 1,200 − 1,200 + 1,000 + 1,500 + 600
  expect(sec(bs.assets)).toEqual({
    categories: [
      ["Cash and bank", [["1000", "11720.00"]], "11720.00"],
      ["Receivables", [["1100", "3100.00"]], "3100.00"],
    ],
    total: "14820.00",
  });
  // salaries 2,000 + rent 400 in March; April's rent is after the date
  expect(sec(bs.liabilities)).toEqual({
    categories: [["Trade payables", [["2000", "2400.00"]], "2400.00"]],
    total: "2400.00",
  });
  expect(sec(bs.equity)).toEqual({
    categories: [
      ["Share capital", [["3000", "10000.00"]], "10000.00"],
      ["Retained earnings", [["3900", "1695.00"]], "1695.00"],
    ],
    total: "11695.00",
  });
  // 2026 to date: revenue 1,000 + 1,500 + 25 + 600 − salaries 2,000 − rent 400
  expect(bs.currentYearEarnings.toString()).toBe("725.00");
  expect(bs.earlierYearsEarnings.toString()).toBe("0.00");
  expect(bs.totalEquity.toString()).toBe("12420.00");
  expect(bs.totalLiabilitiesAndEquity.toString()).toBe("14820.00");
  expect(bs.check.toString()).toBe("0.00");
  expect(bs.tieOuts.map((t) => [t.statement.toString(), t.trialBalance.toString(), t.difference.toString()])).toEqual([
    ["14820.00", "14820.00", "0.00"],
    ["14820.00", "14820.00", "0.00"],
    ["725.00", "725.00", "0.00"],
  ]);
  expect(bs.issues).toEqual([]);
});

test("at year end after the closing transaction: earnings are in retained earnings", () => {
  const bs = balanceSheet(LEDGER, setup, { asOf: "2025-12-31" });
  expect(bs.fiscalYearStart).toBe("2025-01-01");
  expect(sec(bs.assets)).toEqual({
    categories: [["Cash and bank", [["1000", "11695.00"]], "11695.00"]],
    total: "11695.00",
  });
  expect(bs.currentYearEarnings.toString()).toBe("0.00");
  expect(sec(bs.equity).total).toBe("11695.00");
  expect(bs.check.toString()).toBe("0.00");
});

test("without a year-end close, earlier years' earnings show in equity with a warning", () => {
  const open = LEDGER.filter((e) => e.voucher !== "GL-7");
  const bs = balanceSheet(open, setup, { asOf: "2026-03-31" });
  expect(sec(bs.equity)).toEqual({
    categories: [["Share capital", [["3000", "10000.00"]], "10000.00"]],
    total: "10000.00",
  });
  expect(bs.currentYearEarnings.toString()).toBe("725.00");
  expect(bs.earlierYearsEarnings.toString()).toBe("1695.00");
  expect(bs.totalEquity.toString()).toBe("12420.00");
  expect(bs.check.toString()).toBe("0.00");
  expect(bs.issues.map((i) => [i.code, i.severity])).toEqual([["YEAR_NOT_CLOSED", "warning"]]);
});

test("the worked example of the module comment", () => {
  const l = ledger(`
    V1 2025-01-02 1000 10000.00
    V1 2025-01-02 3000 -10000.00
    V2 2025-12-31 1000  1695.00
    V2 2025-12-31 3900 -1695.00
    V3 2026-03-05 1100  1500.00
    V3 2026-03-05 4000 -1500.00
    V4 2026-03-12 6100   400.00
    V4 2026-03-12 2000  -400.00
  `);
  const bs = balanceSheet(l, setup, { asOf: "2026-03-31" });
  expect(
    [
      bs.assets.total,
      bs.liabilities.total,
      bs.equity.total,
      bs.currentYearEarnings,
      bs.totalEquity,
      bs.totalLiabilitiesAndEquity,
      bs.check,
    ].map(String),
  ).toEqual(["13195.00", "400.00", "11695.00", "1100.00", "12795.00", "13195.00", "0.00"]);
});

test("an account missing from the chart breaks the check and is named", () => {
  const l = ledger(`
    V1 2026-03-10 1000  50.00
    V1 2026-03-10 9999 -50.00
  `);
  const bs = balanceSheet(l, setup, { asOf: "2026-03-31" });
  expect(bs.check.toString()).toBe("50.00");
  expect(bs.issues.map((i) => i.code)).toEqual(["UNKNOWN_ACCOUNT", "BALANCE_SHEET_CHECK"]);
  expect(bs.issues[0]!.message).toContain("9999");
});

test("a contra balance reads negative in its section", () => {
  const l = ledger(`
    V1 2026-03-10 1000 -20.00
    V1 2026-03-10 2000  20.00
  `);
  const bs = balanceSheet(l, setup, { asOf: "2026-03-31" });
  expect([bs.assets.total, bs.liabilities.total, bs.check].map(String)).toEqual(["-20.00", "-20.00", "0.00"]);
});
