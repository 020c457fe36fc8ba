import fc from "fast-check";
import {
  periodLabel,
  readableSummary,
  columnLetter,
  excelLocation,
  grouped,
  issueDetails,
  money,
  plural,
  readableFormula,
  readableResult,
  traceSentence,
} from "../../../src/taskpane/shell/words";

describe("the pane's words", () => {
  it("counts with their plural and separators", () => {
    expect(plural(1, "voucher")).toBe("1 voucher");
    expect(plural(0, "voucher")).toBe("0 vouchers");
    expect(plural(1234, "ledger line")).toBe("1,234 ledger lines");
  });

  it("groups thousands and keeps sign and decimals", () => {
    // 1 234 567 . 5 → 1,234,567.5; 730 316 . 04 → 730,316.04; 999 has no separator
    expect(grouped("-1234567.5")).toBe("-1,234,567.5");
    expect(grouped("730316.04")).toBe("730,316.04");
    expect(grouped("999")).toBe("999");
    expect(grouped("n/a")).toBe("n/a");
    expect(money("730316.04", "EUR")).toBe("EUR 730,316.04");
  });

  it("grouping never changes the number it groups", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.nat(99), (units, cents) => {
        const text = `${units}.${String(cents).padStart(2, "0")}`;
        expect(grouped(text).replace(/,/g, "")).toBe(text);
      }),
    );
  });

  it("reads a formula as a person writes it", () => {
    // the issue's examples: "48253.66 + -48253.66" and "− -16070.45"
    expect(readableFormula("48253.66 + -48253.66")).toBe("48,253.66 − 48,253.66");
    expect(readableFormula("0 − -16070.45")).toBe("0 + 16,070.45");
    // dates stay ISO
    expect(readableFormula("no spot rate EUR on or before 2026-11-30")).toBe(
      "no spot rate EUR on or before 2026-11-30",
    );
  });

  it("writes a revaluation trace row as a sentence with the account's name and the currencies", () => {
    const names = new Map([["1010", "Bank EUR"]]);
    // 730,316.04 EUR × 1.063021 = 776,341.29 USD; booked 780,506.63 → 776,341.29 − 780,506.63 = −4,165.34
    const row = {
      key: "1010 · EUR",
      formula: "round(730316.04 × 1.063021) − 780506.63 = 776341.29 − 780506.63",
      result: "-4165.34 USD",
    };
    expect(traceSentence(row, names)).toBe(
      "1010 Bank EUR · EUR: round(730,316.04 × 1.063021) − 780,506.63 = 776,341.29 − 780,506.63 → USD -4,165.34",
    );
    expect(readableResult("left out")).toBe("left out");
  });

  it("reads a step's summary with plurals and separators", () => {
    expect(readableSummary("posted 1 vouchers (1200 lines) as RUN-000004")).toBe(
      "posted 1 voucher (1,200 lines) as RUN-000004",
    );
    expect(readableSummary("1 settlements; posted 11 vouchers (1 lines) as RUN-000011")).toBe(
      "1 settlement; posted 11 vouchers (1 line) as RUN-000011",
    );
    expect(readableSummary("total debit 6050.00 USD")).toBe("total debit 6,050.00 USD");
  });

  it("labels a period the same way in every tab", () => {
    expect(periodLabel({ id: "2026-11", name: "November 2026", status: "On hold" })).toBe(
      "2026-11 · November 2026 (On hold)",
    );
  });

  it("names columns as Excel does", () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(["A", "Z", "AA", "AZ", "AAA"]);
  });

  it("shows a location as Excel does: data row 594 of tblJournal is sheet row 595", () => {
    // tblJournal: Journal (A), Draft voucher (B), Date (C), Account (D); header on row 1, so data row 594 → row 595
    expect(excelLocation({ table: "tblJournal", row: 594, column: "Account" })).toBe(
      "Journal!D595 (row 595 on the sheet, Account)",
    );
    // a dimension column after Account shifts Currency from E to F
    expect(
      excelLocation(
        { table: "tblJournal", row: 1, column: "Currency" },
        { sheet: "Journal", headers: ["Journal", "Draft voucher", "Date", "Account", "Department", "Currency"] },
      ),
    ).toBe("Journal!F2 (row 2 on the sheet, Currency)");
    // a sheet name with a space is quoted, as in an Excel reference; a table below a title row
    expect(
      excelLocation(
        { table: "tblX", row: 3, column: "B" },
        { sheet: "Dimension values", headers: ["A", "B"], headerRow: 4, firstColumn: 2 },
      ),
    ).toBe("'Dimension values'!C7 (row 7 on the sheet, B)");
    expect(excelLocation({ table: "tblPeriods" })).toBe("sheet Calendar");
    // dimension columns unknown: a column after Account keeps its name, without a letter that could be wrong
    expect(excelLocation({ table: "tblJournal", row: 9, column: "Amount" })).toBe("sheet Journal, row 10, Amount");
    expect(excelLocation({ table: "tblNope", row: 2 })).toBe("tblNope row 2");
    expect(issueDetails("REPEATED_RUN", { table: "tblRuns", row: 4 })).toBe(
      "Details: REPEATED_RUN · tblRuns data row 4",
    );
  });
});
