import { trialBalance } from "../../../src/core/ledger/trialBalance";
import type { LedgerEntry } from "../../../src/core/ledger/types";
import { A, makeSetup } from "../../support/fixtures";

let n = 0;
function e(
  voucher: string,
  date: string,
  account: string,
  amountAccounting: string,
  extra: Partial<LedgerEntry> = {},
): LedgerEntry {
  return {
    entryNo: ++n,
    voucher,
    date,
    period: date.slice(0, 7),
    account,
    dimensions: { Department: "" },
    currency: "USD",
    amount: A(amountAccounting),
    amountAccounting: A(amountAccounting),
    description: "",
    source: "test",
    runId: "R",
    settlementId: "",
    user: "alice",
    postedAt: "t",
    ...extra,
  };
}

const setup = makeSetup();

test("the worked example: opening, debits, credits, closing", () => {
  const ledger = [
    e("V1", "2026-02-10", "1000", "500.00"),
    e("V1", "2026-02-10", "3000", "-500.00"),
    e("V2", "2026-03-05", "6100", "120.00"),
    e("V2", "2026-03-05", "1000", "-120.00"),
    e("V3", "2026-04-01", "6100", "99.00"),
    e("V3", "2026-04-01", "1000", "-99.00"),
  ];
  const tb = trialBalance(ledger, setup, { from: "2026-03-01", to: "2026-03-31" });
  expect(
    tb.rows.map((r) => [
      r.account,
      r.name,
      r.opening.toString(),
      r.debit.toString(),
      r.credit.toString(),
      r.closing.toString(),
    ]),
  ).toEqual([
    ["1000", "Cash USD", "500.00", "0.00", "120.00", "380.00"],
    ["3000", "Share capital", "-500.00", "0.00", "0.00", "-500.00"],
    ["6100", "Rent", "0.00", "120.00", "0.00", "120.00"],
  ]);
  expect([tb.totals.opening, tb.totals.debit, tb.totals.credit, tb.totals.closing].map(String)).toEqual([
    "0.00",
    "120.00",
    "120.00",
    "0.00",
  ]);
});

test("split by dimension and by currency", () => {
  const ledger = [
    e("V1", "2026-03-01", "6100", "30.00", { dimensions: { Department: "SALES" } }),
    e("V1", "2026-03-01", "6100", "70.00", { dimensions: { Department: "ADMIN" } }),
    e("V1", "2026-03-01", "1010", "-100.00", { currency: "EUR", amount: A("-92.38") }),
    e("V2", "2026-03-02", "1010", "54.13", { currency: "EUR", amount: A("50.00") }),
    e("V2", "2026-03-02", "1000", "-54.13"),
  ];
  const byDim = trialBalance(ledger, setup, { from: "2026-03-01", to: "2026-03-31", byDimensions: ["Department"] });
  expect(byDim.rows.map((r) => [r.account, r.dimensions.Department, r.closing.toString()])).toEqual([
    ["1000", "", "-54.13"],
    ["1010", "", "-45.87"],
    ["6100", "ADMIN", "70.00"],
    ["6100", "SALES", "30.00"],
  ]);
  const byCcy = trialBalance(ledger, setup, { from: "2026-03-01", to: "2026-03-31", byCurrency: true });
  const eur = byCcy.rows.find((r) => r.account === "1010");
  // −92.38 + 50.00 = −42.38 EUR; −100.00 + 54.13 = −45.87 USD
  expect([eur?.currency, eur?.closingTransaction?.toString(), eur?.closing.toString()]).toEqual([
    "EUR",
    "-42.38",
    "-45.87",
  ]);
  expect(byCcy.totals.closing.isZero()).toBe(true);
});

test("entries after the range are left out; an empty ledger gives zero totals", () => {
  const tb = trialBalance([e("V9", "2026-05-01", "1000", "1.00"), e("V9", "2026-05-01", "3000", "-1.00")], setup, {
    from: "2026-03-01",
    to: "2026-03-31",
  });
  expect(tb.rows).toEqual([]);
  expect(tb.totals.closing.toString()).toBe("0.00");
});
