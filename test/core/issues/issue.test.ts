import fc from "fast-check";
import { formatIssue, formatLocation, hasErrors, issue, type Issue } from "../../../src/core/issues/issue";

describe("formatLocation", () => {
  it("undefined → empty", () => {
    expect(formatLocation(undefined)).toBe("");
  });
  it.each([
    [{ table: "tblJournal" }, "tblJournal"],
    [{ table: "tblJournal", row: 4 }, "tblJournal row 4"],
    [{ table: "tblJournal", row: 4, column: "Account" }, "tblJournal row 4, Account"],
    [
      { table: "tblJournal", row: 4, column: "Account", voucher: "GJ-0001" },
      "tblJournal row 4, Account (voucher GJ-0001)",
    ],
    [{ table: "tblJournal", column: "Account" }, "tblJournal, Account"],
    [{ table: "tblJournal", voucher: "GJ-0001" }, "tblJournal (voucher GJ-0001)"],
    [{ table: "tblCurrencies", row: 0, column: "Currency" }, "tblCurrencies row 0, Currency"], // row 0 (the header) is still a row
    [{ table: "tblJournal", row: 2, column: "", voucher: "" }, "tblJournal row 2"], // empty column/voucher are left out
  ])("%j → %j", (at, text) => {
    expect(formatLocation(at)).toBe(text);
  });
});

describe("formatIssue", () => {
  it("the documented example: severity padded to 7, location, message, code", () => {
    const i = issue("UNKNOWN_ACCOUNT", "Account 9999 does not exist in the chart of accounts.", {
      table: "tblJournal",
      row: 4,
      column: "Account",
    });
    // "error".padEnd(7) = "error  " then one space → three spaces before the location
    expect(formatIssue(i)).toBe(
      "error   tblJournal row 4, Account: Account 9999 does not exist in the chart of accounts. [UNKNOWN_ACCOUNT]",
    );
  });
  it("warning (7 letters) gets one space; info gets four", () => {
    expect(formatIssue(issue("W", "w.", { table: "t" }, "warning"))).toBe("warning t: w. [W]");
    expect(formatIssue(issue("I", "i.", { table: "t" }, "info"))).toBe("info    t: i. [I]");
  });
  it("no location → no 'where:' part", () => {
    expect(formatIssue(issue("NO_RATES", "No rates."))).toBe("error   No rates. [NO_RATES]");
  });
  it("with a voucher", () => {
    const i = issue("UNBALANCED", "Voucher does not balance by 0.01 USD.", {
      table: "tblJournal",
      row: 7,
      voucher: "D-3",
    });
    expect(formatIssue(i)).toBe(
      "error   tblJournal row 7 (voucher D-3): Voucher does not balance by 0.01 USD. [UNBALANCED]",
    );
  });
  it("message and code always appear, location text precedes the message (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        fc.constantFrom("error", "warning", "info" as const),
        fc.option(fc.record({ table: fc.string({ minLength: 1 }), row: fc.option(fc.nat(), { nil: undefined }) }), {
          nil: undefined,
        }),
        (code, message, severity, at) => {
          const i: Issue = at ? { code, message, severity, at } : { code, message, severity };
          const text = formatIssue(i);
          expect(text.startsWith(severity)).toBe(true);
          expect(text.slice(0, 8)).toBe(severity.padEnd(8));
          expect(text.endsWith(`${message} [${code}]`)).toBe(true);
          if (at)
            expect(text.slice(8)).toBe(
              `${at.table}${at.row === undefined ? "" : ` row ${at.row}`}: ${message} [${code}]`,
            );
          else expect(text.slice(8)).toBe(`${message} [${code}]`);
        },
      ),
    );
  });
});

describe("issue / hasErrors", () => {
  it("issue() defaults to error and omits `at` when there is none", () => {
    expect(issue("X", "m")).toEqual({ code: "X", severity: "error", message: "m" });
    expect("at" in issue("X", "m")).toBe(false);
    expect(issue("X", "m", { table: "t" }, "warning")).toEqual({
      code: "X",
      severity: "warning",
      message: "m",
      at: { table: "t" },
    });
  });
  it("hasErrors only counts errors", () => {
    expect(hasErrors([])).toBe(false);
    expect(hasErrors([issue("W", "w", undefined, "warning"), issue("I", "i", undefined, "info")])).toBe(false);
    expect(hasErrors([issue("W", "w", undefined, "warning"), issue("E", "e")])).toBe(true);
  });
});
