/**
 * CLOSEBOOK.* functions on a hand-made ledger (numbers worked by hand):
 *   E1 2026-02-10 1000 USD +500.00      E2 2026-02-10 3000 USD −500.00
 *   E3 2026-03-05 6100 USD +120.00 ADMIN E4 2026-03-05 1000 USD −120.00
 *   E5 2026-03-20 1010 EUR 100.00 = USD +109.00   E6 2026-03-20 4000 EUR −100.00 = USD −109.00 SALES
 * BALANCE(1000, 2026-03) = 500 − 120 = 380.00; BALANCE(1000, 2026-02) = 500.00
 * ACTIVITY(1000, 2026-03, 2026-03) = −120.00; ACTIVITY("1*", 2026-02, 2026-03) = 500 − 120 + 109 = 489.00
 * BALANCE("4000:4999", 2026-03) = −109.00; with "Department=Sales" −109.00, "Department=ADMIN" 0
 * BALANCE(1010, 2026-03, , "EUR") = 100.00 (its own currency); BALANCE("6*", 2026-03, "Department=admin") = 120.00
 */
import { closebookFunctions, serialToIso } from "../../../src/core/formulas/functions";
import type { LedgerEntry } from "../../../src/core/ledger/types";
import { A, makeSetup } from "../../support/fixtures";

function line(
  entryNo: number,
  date: string,
  account: string,
  amount: string,
  opts: { currency?: string; accounting?: string; dept?: string } = {},
): LedgerEntry {
  return {
    entryNo,
    voucher: `GL-${entryNo}`,
    date,
    period: date.slice(0, 7),
    account,
    dimensions: { Department: opts.dept ?? "" },
    currency: opts.currency ?? "USD",
    amount: A(amount),
    amountAccounting: A(opts.accounting ?? amount),
    description: "",
    source: "journal:GJ",
    runId: "RUN-1",
    settlementId: "",
    user: "alice",
    postedAt: "2026-04-01T00:00:00Z",
  };
}

const ledger = [
  line(1, "2026-02-10", "1000", "500.00"),
  line(2, "2026-02-10", "3000", "-500.00"),
  line(3, "2026-03-05", "6100", "120.00", { dept: "ADMIN" }),
  line(4, "2026-03-05", "1000", "-120.00"),
  line(5, "2026-03-20", "1010", "100.00", { currency: "EUR", accounting: "109.00" }),
  line(6, "2026-03-20", "4000", "-100.00", { currency: "EUR", accounting: "-109.00", dept: "SALES" }),
];
const setup = makeSetup();
const f = closebookFunctions({ ledger, setup });
const value = (r: ReturnType<typeof f.balance>) => (r.ok ? r.value : r.error);

describe("CLOSEBOOK.BALANCE and ACTIVITY", () => {
  it("answer as worked by hand", () => {
    expect(value(f.balance("1000", "2026-03"))).toBe(380);
    expect(value(f.balance(1000, "2026-02"))).toBe(500);
    expect(value(f.activity("1000", "2026-03", "2026-03"))).toBe(-120);
    expect(value(f.activity("1*", "2026-02", "2026-03"))).toBe(489);
    expect(value(f.balance("4000:4999", "2026-03"))).toBe(-109);
    expect(value(f.balance("4000:4999", "2026-03", "Department=Sales"))).toBe(-109);
    expect(value(f.balance("4000:4999", "2026-03", "Department=ADMIN"))).toBe(0);
    expect(value(f.balance("1010", "2026-03", null, "EUR"))).toBe(100);
    expect(value(f.balance("6*", "2026-03", "Department=admin"))).toBe(120);
    expect(value(f.balance("1000,1010", "2026-03"))).toBe(489);
  });

  it("takes a period as a date inside it (an Excel serial or yyyy-mm-dd)", () => {
    // serial 46096 = 2026-03-15 (46023 = 2026-01-01, + 31 + 28 + 14)
    expect(serialToIso(46096)).toBe("2026-03-15");
    expect(value(f.balance("1000", 46096))).toBe(380);
    expect(value(f.balance("1000", "2026-03-15"))).toBe(380);
  });

  it("gives #VALUE! with a message for an unknown account, period, dimension or currency", () => {
    expect(f.balance("9999", "2026-03")).toEqual({
      ok: false,
      error: "#VALUE!",
      message: 'No account matches "9999".',
    });
    expect(f.balance("1000", "2031-01")).toEqual({
      ok: false,
      error: "#VALUE!",
      message: 'There is no period "2031-01" in the calendar.',
    });
    expect(f.balance("1000", "2026-03", "Region=EU")).toMatchObject({
      ok: false,
      error: "#VALUE!",
      message: expect.stringContaining('no dimension "Region"'),
    });
    expect(f.balance("1000", "2026-03", null, "XYZ")).toMatchObject({ ok: false, error: "#VALUE!" });
    expect(f.balance("4999:4000", "2026-03")).toMatchObject({
      ok: false,
      error: "#VALUE!",
      message: expect.stringContaining("starts after it ends"),
    });
    expect(f.activity("1000", "2026-04", "2026-03")).toMatchObject({ ok: false, error: "#VALUE!" });
    expect(f.balance(undefined, "2026-03")).toMatchObject({ ok: false, error: "#VALUE!" });
  });
});

describe("CLOSEBOOK.RATE and STATUS", () => {
  it("finds the rate in force, #N/A when there is none", () => {
    // fixtures: EUR→USD 1.0825 on 2026-03-01, 1.09 on 2026-03-20; 100 JPY = 0.6712 USD
    expect(value(f.rate("EUR", "USD", "2026-03-19"))).toBe(1.0825);
    expect(value(f.rate("eur", "usd", "2026-03-25"))).toBe(1.09);
    expect(value(f.rate("JPY", "USD", "2026-03-25"))).toBe(0.006712);
    expect(value(f.rate("USD", "USD", "2026-03-25"))).toBe(1);
    expect(f.rate("EUR", "USD", "2026-02-27")).toEqual({
      ok: false,
      error: "#N/A",
      message: "No EUR→USD spot rate on or before 2026-02-27.",
    });
    expect(f.rate("EUR", "USD", "2026-03-25", "weekly")).toMatchObject({ ok: false, error: "#VALUE!" });
  });

  it("gives a period's status", () => {
    expect(value(f.status("2026-03"))).toBe("Open");
    expect(f.status("nope")).toMatchObject({ ok: false, error: "#VALUE!" });
  });
});
