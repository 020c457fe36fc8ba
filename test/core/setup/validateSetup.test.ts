/**
 * Cross-table setup checks name the row the record was read from (its source), without the caller
 * looking rows up by table name.
 */
import { validateSetup } from "../../../src/core/setup/validateSetup";
import { acct, ACCOUNTS, makeSetup, rate } from "../../support/fixtures";

describe("validateSetup locations come from the records", () => {
  it("an account restricted to an unknown currency: its own row, column Currency", () => {
    // the account was read from tblAccounts row 7; "EUX" is not in the fixture's currencies (USD, EUR, GBP, JPY)
    const setup = makeSetup({
      accounts: [...ACCOUNTS, { ...acct("1120", "Bank EUX", "asset", { currency: "EUX" }), row: 7 }],
    });
    expect(validateSetup(setup)).toEqual([
      expect.objectContaining({ code: "UNKNOWN_CURRENCY", at: { table: "tblAccounts", row: 7, column: "Currency" } }),
    ]);
  });
  it("a rate from or to an unknown currency: its own row, column From / To (a warning)", () => {
    // tblRates row 5: CHF→USD, and CHF is not a currency of the fixture
    const setup = makeSetup({ rates: [{ ...rate("2026-03-01", "CHF", "USD", "1.1"), row: 5 }] });
    expect(validateSetup(setup)).toEqual([
      expect.objectContaining({
        code: "UNKNOWN_CURRENCY",
        severity: "warning",
        at: { table: "tblRates", row: 5, column: "From" },
      }),
    ]);
  });
  it("a row index given by the caller still wins (checkWorkbook passes one)", () => {
    const setup = makeSetup({
      accounts: [...ACCOUNTS, { ...acct("1120", "Bank EUX", "asset", { currency: "EUX" }), row: 7 }],
    });
    expect(validateSetup(setup, { account: () => 9 })[0]!.at).toEqual({
      table: "tblAccounts",
      row: 9,
      column: "Currency",
    });
  });
});
