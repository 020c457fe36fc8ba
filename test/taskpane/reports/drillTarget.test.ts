/**
 * drillTarget: which account, range and trial balance figure a selected report
 * cell is, from the sheet as the reports are written (title in row 1, grid from row 3).
 */
import { drillTarget, type SelectedReportCell } from "../../../src/taskpane/reports/drillTarget";

const TB_HEAD = [
  ["Co — Trial balance 2026-03-01 to 2026-03-31 (USD)"],
  [],
  ["Account", "Name", "Opening", "Debit", "Credit", "Closing"],
];
const at = (head: unknown[][], values: unknown[], column: number): SelectedReportCell => ({
  sheet: "S",
  row: head.length,
  column,
  head: [...head, values],
  values,
});

describe("drillTarget on a trial balance", () => {
  const cash = ["1000", "Cash", 500, 50, 120, 430];
  it("each amount column is its figure; the range from the title", () => {
    expect(drillTarget(at(TB_HEAD, cash, 3))).toEqual({
      account: "1000",
      from: "2026-03-01",
      to: "2026-03-31",
      figure: "debit",
      heading: "Debit",
      value: 50,
    });
    expect(
      ["opening", "debit", "credit", "closing"].map(
        (_, i) => (drillTarget(at(TB_HEAD, cash, 2 + i)) as { figure: string }).figure,
      ),
    ).toEqual(["opening", "debit", "credit", "closing"]);
    // the account or name cell: the period's movement
    expect(drillTarget(at(TB_HEAD, cash, 1))).toMatchObject({ figure: "movement", account: "1000" });
  });

  it("found by heading when columns move: a subtitle row, a dimension split, a variance column", () => {
    const head = [
      ["Co — Trial balance 2026-03-01 to 2026-03-31 (USD)"],
      ["printed 2026-04-01"],
      ["Account", "Name", "Department", "Opening", "Debit", "Credit", "Closing", "Variance %"],
    ];
    expect(drillTarget(at(head, ["4000", "Revenue", "SALES", 0, 0, 1500, -1500, 0.1], 5))).toMatchObject({
      account: "4000",
      figure: "credit",
      dimension: "Department=SALES",
      value: 1500,
    });
  });

  it("the total row and the heading row are not accounts", () => {
    expect(drillTarget(at(TB_HEAD, ["Total", "", 0, 50, 50, 0], 3))).toHaveProperty("problem");
    expect(drillTarget(at(TB_HEAD.slice(0, 2), TB_HEAD[2]!, 3))).toHaveProperty("problem");
  });
});

describe("drillTarget on the statements", () => {
  const IS_HEAD = [
    ["Co — Income statement 2026-03-01 to 2026-03-31 (USD)"],
    [],
    [
      "Period 2026-03-01 to 2026-03-31 · year to date from 2026-01-01 · same period last year 2025-03-01 to 2025-03-31 · amounts in USD",
    ],
    [],
    ["", "Period", "Year to date", "Same period last year", "Variance", "Variance %"],
    ["Revenue"],
    ["  Sales"],
  ];
  const line = ["    4000 Product sales", 1500, 2500, 1200, 300, 0.25];
  it("Period, Year to date and Same period last year are the movements of their ranges", () => {
    expect(drillTarget(at(IS_HEAD, line, 1))).toEqual({
      account: "4000",
      from: "2026-03-01",
      to: "2026-03-31",
      figure: "movement",
      heading: "Period",
      value: 1500,
    });
    expect(drillTarget(at(IS_HEAD, line, 2))).toMatchObject({ from: "2026-01-01", to: "2026-03-31" });
    expect(drillTarget(at(IS_HEAD, line, 3))).toMatchObject({ from: "2025-03-01", to: "2025-03-31" });
    expect(drillTarget(at(IS_HEAD, line, 4))).toHaveProperty("problem");
    expect(drillTarget(at(IS_HEAD, ["  Total Sales", 1500, 2500, 1200, 300], 1))).toHaveProperty("problem");
  });

  it("a balance sheet's figure is the closing balance at its date (text or a date serial)", () => {
    const head = [
      ["Co — Balance sheet as of 2026-03-31 (USD)"],
      [],
      ["As of 2026-03-31 · …"],
      [],
      ["", "2026-03-31"],
      ["Assets"],
    ];
    expect(drillTarget(at(head, ["    1000 Cash USD", 430], 1))).toMatchObject({
      account: "1000",
      from: "2026-03-31",
      to: "2026-03-31",
      figure: "closing",
    });
    const serial = [...head.slice(0, 4), ["", 46112]]; // 46112 = 2026-03-31 in the 1900 system
    expect(drillTarget(at(serial, ["    1000 Cash USD", 430], 1))).toMatchObject({
      to: "2026-03-31",
      figure: "closing",
    });
  });
});
