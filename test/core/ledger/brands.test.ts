/**
 * Branded ids (soft): a plain string is accepted where an id is expected, but one kind of id is not
 * taken for another. The @ts-expect-error lines are the test: `tsc` fails if the mix-up compiles.
 */
import type { AccountNumber, CurrencyCode, FiscalPeriod, LedgerEntry, PeriodId } from "../../../src/core/ledger/types";

describe("branded ids", () => {
  it("an account number is not a currency code, nor a period id; a plain string is any of them", () => {
    const account: AccountNumber = "1000";
    const currency: CurrencyCode = "EUR";
    const period: PeriodId = "2026-03";
    // @ts-expect-error an AccountNumber is not a CurrencyCode
    const wrongCurrency: CurrencyCode = account;
    // @ts-expect-error a CurrencyCode is not an AccountNumber
    const wrongAccount: AccountNumber = currency;
    // @ts-expect-error a PeriodId is not an AccountNumber
    const wrongPeriod: AccountNumber = period;
    const text: string = account; // every id is still text
    expect([wrongCurrency, wrongAccount, wrongPeriod, text]).toEqual(["1000", "EUR", "2026-03", "1000"]);
  });
  it("the ledger's and the calendar's fields carry them", () => {
    const e: Pick<LedgerEntry, "account" | "currency" | "period"> = {
      account: "1210",
      currency: "USD",
      period: "2026-03",
    };
    // @ts-expect-error a ledger line's account is not its currency
    const c: CurrencyCode = e.account;
    const p: FiscalPeriod["id"] = e.period;
    expect([c, p]).toEqual(["1210", "2026-03"]);
  });
});
