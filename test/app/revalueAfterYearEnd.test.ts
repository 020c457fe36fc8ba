/**
 * Revaluation in a year that a year-end close has opened: the balance starts at
 * the year's openings, as the trial balance does, so the closed year is not
 * counted twice (with or without closing vouchers).
 *
 * 1010 Bank EUR: Dr 100.00 EUR on 2026-03-20 at 1.09 = 109.00 USD. FY2026 is
 * closed; FY2027 opens with 1010 100.00 EUR / 109.00 USD. Revalued on 2027-01-31
 * at 1.20: round(100.00 × 1.20) − 109.00 = 120.00 − 109.00 = +11.00 (a gain).
 * Counting 2026's line beside its opening copy would see 200.00 EUR booked at
 * 218.00 and propose 240.00 − 218.00 = +22.00.
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { revalue } from "../../src/app/closeSteps";
import { loadBook } from "../../src/app/loadBook";
import { postJournals } from "../../src/app/postJournals";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { yearEnd } from "../../src/app/yearEnd";
import { Amount } from "../../src/core/money";
import { fixedClock } from "../../src/ports/clock";
import { ACCOUNTS, acct, journal, rate } from "../support/fixtures";
import { smallCompany } from "../support/smallCompany";

const ctx = { user: "bob", clock: fixedClock("2027-02-01T10:00:00.000Z") };

test.each([false, true])(
  "revaluing 2027-01-31 after the FY2026 close (closing vouchers: %s) proposes +11.00, not +22.00",
  async (closingVouchers) => {
    const wb = new MemoryWorkbook();
    const data = smallCompany(
      journal(`
      D-1 2026-03-20 1010 EUR Dr 100.00
      D-1 2026-03-20 3000 EUR Cr 100.00`),
    );
    await setupWorkbook(wb, {
      ...data,
      accounts: [...ACCOUNTS, acct("7100", "Unrealized gain", "revenue"), acct("7200", "Unrealized loss", "expense")],
      settings: { ...data.settings, unrealizedGainAccount: "7100", unrealizedLossAccount: "7200" },
      rates: [...(data.rates ?? []), rate("2027-01-31", "EUR", "USD", "1.20")],
    });
    expect((await postJournals(wb, ctx)).posted).toBe(true);
    const closed = await yearEnd(wb, { fiscalYear: "FY2026", closingVouchers, mode: "post" }, ctx);
    expect(closed.posted?.posted).toBe(true);
    const r = await revalue(wb, { date: "2027-01-31", mode: "post" }, ctx);
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
    const lines = r.proposal!.vouchers.flatMap((v) => v.lines.map((l) => [l.account, l.amountAccounting.toString()]));
    expect(lines).toEqual([
      ["1010", "11.00"],
      ["7100", "-11.00"],
    ]);
    // FY2027's 1010: the opening 109.00 + 11.00 = 120.00 = 100.00 EUR × 1.20
    const { book } = await loadBook(wb);
    const fy2027 = book.ledger.filter((e) => e.account === "1010" && e.date >= "2027-01-01");
    expect(Amount.sum(fy2027.map((e) => e.amountAccounting)).toFixed(2)).toBe("120.00");
  },
);
