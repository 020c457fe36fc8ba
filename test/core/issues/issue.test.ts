import fc from "fast-check";
import { ISSUE_CODES, type IssueCode } from "../../../src/core/issues/codes";
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
    expect(formatIssue(issue("STALE_RATE", "w.", { table: "t" }, "warning"))).toBe("warning t: w. [STALE_RATE]");
    expect(formatIssue(issue("REPEATED_RATE", "i.", { table: "t" }, "info"))).toBe("info    t: i. [REPEATED_RATE]");
  });
  it("no location → no 'where:' part", () => {
    expect(formatIssue(issue("MISSING_RATE", "No rates."))).toBe("error   No rates. [MISSING_RATE]");
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
        fc.constantFrom(...(Object.keys(ISSUE_CODES) as IssueCode[])),
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
    expect(issue("UNKNOWN_ACCOUNT", "m")).toEqual({ code: "UNKNOWN_ACCOUNT", severity: "error", message: "m" });
    expect("at" in issue("UNKNOWN_ACCOUNT", "m")).toBe(false);
    expect(issue("UNKNOWN_ACCOUNT", "m", { table: "t" }, "warning")).toEqual({
      code: "UNKNOWN_ACCOUNT",
      severity: "warning",
      message: "m",
      at: { table: "t" },
    });
  });
  it("hasErrors only counts errors", () => {
    expect(hasErrors([])).toBe(false);
    expect(hasErrors([issue("STALE_RATE", "w", undefined, "warning"), issue("REPEATED_RATE", "i")])).toBe(false);
    expect(hasErrors([issue("STALE_RATE", "w", undefined, "warning"), issue("UNKNOWN_ACCOUNT", "e")])).toBe(true);
  });
});

describe("issue codes (ISSUE_CODES)", () => {
  it("an issue without a severity takes its code's: STALE_RATE is a warning, REPEATED_RATE info, UNBALANCED an error", () => {
    expect(issue("STALE_RATE", "m").severity).toBe("warning");
    expect(issue("REPEATED_RATE", "m").severity).toBe("info");
    expect(issue("UNBALANCED", "m").severity).toBe("error");
  });
  it("a call may still say another severity", () => {
    expect(issue("STALE_RATE", "m", undefined, "error").severity).toBe("error");
  });
  it("every code has a message form and is written in capitals", () => {
    for (const [code, info] of Object.entries(ISSUE_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(info.message.trim()).not.toBe("");
    }
  });
  it("a misspelt code does not compile; one that arrives anyway (JSON) is an error, not a throw", () => {
    // @ts-expect-error "UNKNOWN_ACOUNT" is not an IssueCode
    expect(issue("UNKNOWN_ACOUNT", "m")).toEqual({ code: "UNKNOWN_ACOUNT", severity: "error", message: "m" });
  });
});
