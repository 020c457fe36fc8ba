import { journalReport } from "../../../src/core/statements/journalReport";
import { LEDGER, ledger, statementSetup } from "./statementFixture";

const setup = statementSetup();

test("March 2026: every voucher with its lines, per-voucher and overall totals (hand-worked)", () => {
  const r = journalReport(LEDGER, setup, { from: "2026-03-01", to: "2026-03-31" });
  expect(r.vouchers.map((v) => [v.voucher, v.date, v.debit.toString(), v.credit.toString(), v.balanced])).toEqual([
    ["GL-10", "2026-03-05", "1500.00", "1500.00", true],
    ["GL-11", "2026-03-12", "400.00", "400.00", true],
    ["GL-12", "2026-03-20", "25.00", "25.00", true],
    ["GL-13", "2026-03-25", "600.00", "600.00", true],
  ]);
  const gl12 = r.vouchers[2]!;
  expect(
    gl12.lines.map((l) => [
      l.date,
      l.account,
      l.name,
      l.dimensions.Department,
      l.currency,
      l.amount.toString(),
      l.debit.toString(),
      l.credit.toString(),
      l.description,
    ]),
  ).toEqual([
    ["2026-03-20", "1000", "Cash", "", "EUR", "23.00", "25.00", "0.00", "Interest"],
    ["2026-03-20", "4900", "Interest income", "", "USD", "-25.00", "0.00", "25.00", ""],
  ]);
  // 1,500 + 400 + 25 + 600
  expect([r.debit.toString(), r.credit.toString(), r.balanced]).toEqual(["2525.00", "2525.00", true]);
  expect(r.dimensions).toEqual(["Department"]);
  expect(r.issues).toEqual([]);
});

test("voucher range compares numbers by value (GL-9 .. GL-11)", () => {
  const r = journalReport(LEDGER, setup, {
    from: "2026-01-01",
    to: "2026-12-31",
    voucherFrom: "GL-9",
    voucherTo: "GL-11",
  });
  expect(r.vouchers.map((v) => v.voucher)).toEqual(["GL-9", "GL-10", "GL-11"]);
  expect([r.debit.toString(), r.credit.toString()]).toEqual(["3900.00", "3900.00"]);
});

test("one source only: the year-end close", () => {
  const r = journalReport(LEDGER, setup, { from: "2025-01-01", to: "2025-12-31", source: "CLOSE:" });
  expect(r.vouchers.map((v) => [v.voucher, v.source, v.lines.length, v.debit.toString()])).toEqual([
    ["GL-7", "close:YEC", 5, "2000.00"],
  ]);
  expect(r.balanced).toBe(true);
});

test("the worked example of the module comment: an unbalanced voucher is named", () => {
  const l = ledger(`
    GL-000002 2026-03-05 1100 1500.00
    GL-000002 2026-03-05 4000 -1500.00
    GL-000003 2026-03-12 6100 400.00
    GL-000003 2026-03-12 2000 -399.00
  `);
  const r = journalReport(l, setup, { from: "2026-03-01", to: "2026-03-31" });
  expect(r.vouchers.map((v) => [v.voucher, v.debit.toString(), v.credit.toString(), v.balanced])).toEqual([
    ["GL-000002", "1500.00", "1500.00", true],
    ["GL-000003", "400.00", "399.00", false],
  ]);
  expect([r.debit.toString(), r.credit.toString(), r.balanced]).toEqual(["1900.00", "1899.00", false]);
  expect(r.issues.map((i) => [i.code, i.at?.voucher])).toEqual([
    ["UNBALANCED", "GL-000003"],
    ["UNBALANCED_RANGE", undefined],
  ]);
  expect(r.issues[0]!.message).toBe(
    "Voucher GL-000003 does not balance: debits 400.00, credits 399.00 (difference 1.00) in accounting currency.",
  );
});

test("a voucher with lines on two dates is split by the range and flagged", () => {
  const l = ledger(`
    V1 2026-03-31 6100 100.00
    V1 2026-04-01 2000 -100.00
  `);
  const r = journalReport(l, setup, { from: "2026-03-01", to: "2026-03-31" });
  expect(r.issues.map((i) => i.code)).toEqual(["VOUCHER_OUTSIDE_RANGE", "UNBALANCED", "UNBALANCED_RANGE"]);
  expect(r.issues[0]!.message).toContain("2026-04-01");
});

test("an empty range gives zero totals and no issues", () => {
  const r = journalReport(LEDGER, setup, { from: "2024-01-01", to: "2024-12-31" });
  expect([r.vouchers.length, r.debit.toString(), r.credit.toString(), r.balanced, r.issues.length]).toEqual([
    0,
    "0.00",
    "0.00",
    true,
    0,
  ]);
});
