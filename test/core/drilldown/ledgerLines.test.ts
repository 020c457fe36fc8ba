/**
 * ledgerLines: the ledger lines behind one trial balance figure.
 * The small ledger below (March 2026, USD accounting), worked out by hand:
 *   row 1  2026-02-10 GL-1 1000 +500.00          row 2  2026-02-10 GL-1 3000 −500.00
 *   row 3  2026-03-05 GL-2 6100 +120.00 ADMIN    row 4  2026-03-05 GL-2 1000 −120.00
 *   row 5  2026-03-20 GL-3 1010 EUR 100.00 = +109.00   row 6  GL-3 4000 EUR −100.00 = −109.00 SALES
 *   row 7  2026-03-25 GL-4 4000 −50.00 ADMIN     row 8  2026-03-25 GL-4 1000 +50.00
 *   row 9  2026-04-02 GL-5 1000 +10.00           row 10 2026-04-02 GL-5 4000 −10.00  (after March)
 * March's TB for 1000: opening 500.00, debit 50.00, credit 120.00, closing 500 − 120 + 50 = 430.00.
 */
import { ledgerLines } from "../../../src/core/drilldown/ledgerLines";
import type { LedgerEntry } from "../../../src/core/ledger/types";
import { Amount } from "../../../src/core/money";
import { makeSetup } from "../../support/fixtures";

const setup = makeSetup();
let n = 0;
function line(
  voucher: string,
  date: string,
  account: string,
  acc: string,
  extra: Partial<LedgerEntry> = {},
): LedgerEntry {
  n++;
  return {
    row: n,
    entryNo: n,
    voucher,
    date,
    period: date.slice(0, 7),
    account,
    dimensions: { Department: "" },
    currency: "USD",
    amount: Amount.parse(acc)!,
    amountAccounting: Amount.parse(acc)!,
    description: `line ${n}`,
    source: "journal:GJ",
    runId: "RUN-1",
    settlementId: "",
    user: "alice",
    postedAt: "2026-04-03T00:00:00Z",
    ...extra,
  };
}
const eur = (a: string) => ({ currency: "EUR", amount: Amount.parse(a)! });
const LEDGER: LedgerEntry[] = [
  line("GL-1", "2026-02-10", "1000", "500.00"),
  line("GL-1", "2026-02-10", "3000", "-500.00"),
  line("GL-2", "2026-03-05", "6100", "120.00", { dimensions: { Department: "ADMIN" } }),
  line("GL-2", "2026-03-05", "1000", "-120.00"),
  line("GL-3", "2026-03-20", "1010", "109.00", eur("100.00")),
  line("GL-3", "2026-03-20", "4000", "-109.00", { ...eur("-100.00"), dimensions: { Department: "SALES" } }),
  line("GL-4", "2026-03-25", "4000", "-50.00", { dimensions: { Department: "ADMIN" } }),
  line("GL-4", "2026-03-25", "1000", "50.00"),
  line("GL-5", "2026-04-02", "1000", "10.00"),
  line("GL-5", "2026-04-02", "4000", "-10.00"),
];
const MARCH = { from: "2026-03-01", to: "2026-03-31" };
const q = (query: Omit<Parameters<typeof ledgerLines>[2], "from" | "to">) =>
  ledgerLines(LEDGER, setup, { ...MARCH, ...query });

describe("ledgerLines", () => {
  it("the movement of one account: its lines of the range, by date, with their ledger rows", () => {
    const r = q({ account: "1000" }).result!;
    expect(r.lines.map((l) => [l.row, l.voucher, l.date, l.amountAccounting.toString()])).toEqual([
      [4, "GL-2", "2026-03-05", "-120.00"],
      [8, "GL-4", "2026-03-25", "50.00"],
    ]);
    expect(r.total.toString()).toBe("-70.00"); // debit 50.00 − credit 120.00
    expect(r.figure).toBe("movement");
  });

  it("opening, debit, credit and closing figures give the lines behind each TB column", () => {
    expect(q({ account: "1000", figure: "opening" }).result!.lines.map((l) => l.row)).toEqual([1]);
    expect(q({ account: "1000", figure: "opening" }).result!.value.toString()).toBe("500.00");
    expect(q({ account: "1000", figure: "debit" }).result!.value.toString()).toBe("50.00");
    const credit = q({ account: "1000", figure: "credit" }).result!;
    expect([credit.lines.map((l) => l.row), credit.total.toString(), credit.value.toString()]).toEqual([
      [4],
      "-120.00",
      "120.00", // the TB prints credits positive
    ]);
    const closing = q({ account: "1000", figure: "closing" }).result!;
    expect([closing.lines.map((l) => l.row), closing.value.toString()]).toEqual([[1, 4, 8], "430.00"]);
  });

  it("a range selector, a wildcard and a dimension filter; transaction-currency totals", () => {
    const range = q({ account: "1000:1999" }).result!;
    expect(range.lines.map((l) => l.row)).toEqual([4, 5, 8]);
    expect(range.total.toString()).toBe("39.00"); // −120 + 109 + 50
    expect(range.byCurrency.map((c) => `${c.currency} ${c.total.toString()}`)).toEqual(["EUR 100.00", "USD -70.00"]);
    expect(q({ account: "6*" }).result!.total.toString()).toBe("120.00");
    const sales = q({ account: "4000", dimension: "Department=Sales" }).result!;
    expect([sales.lines.map((l) => l.row), sales.total.toString(), sales.byCurrency[0]!.total.toString()]).toEqual([
      [6],
      "-109.00",
      "-100.00",
    ]);
  });

  it("a bad selector, filter or range is an issue, never a throw", () => {
    expect(q({ account: "5000:4000" }).issues.map((i) => i.code)).toEqual(["BAD_ACCOUNT"]);
    expect(q({ account: "" }).issues.map((i) => i.code)).toEqual(["BAD_ACCOUNT"]);
    expect(q({ account: "7*" }).issues[0]!.message).toBe('No account matches "7*".');
    expect(q({ account: "4000", dimension: "Region=EU" }).issues.map((i) => i.code)).toEqual(["BAD_DIMENSION"]);
    expect(ledgerLines(LEDGER, setup, { account: "1000", from: "2026-04-01", to: "2026-03-31" }).issues[0]!.code).toBe(
      "BAD_RANGE",
    );
  });
});
