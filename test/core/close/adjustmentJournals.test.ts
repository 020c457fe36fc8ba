/**
 * Period-end adjustments: the issue saw "0 accruals" in a November holding an accrual journal and the
 * manual reversal of October's. Every adjustment voucher of the period is listed, with totals.
 */
import { adjustmentsOf } from "../../../src/core/close/adjustmentJournals";
import { adjustmentsStep } from "../../../src/core/close/steps/adjustments";
import type { JournalLine, LedgerEntry, RunRecord } from "../../../src/core/ledger/types";
import { Amount } from "../../../src/core/money";
import { makeSetup } from "../../support/fixtures";

const A = (s: string) => Amount.parse(s)!;
let entryNo = 0;
function voucher(
  voucher: string,
  date: string,
  source: string,
  description: string,
  debit: string,
  debitAccount = "6100",
  creditAccount = "2100",
  runId = "RUN-000001",
): LedgerEntry[] {
  const base = {
    voucher,
    date,
    period: date.slice(0, 7),
    dimensions: {},
    currency: "USD",
    description,
    source,
    runId,
    settlementId: "",
    user: "u",
    postedAt: "2026-12-01T00:00:00Z",
  };
  return [
    { ...base, row: ++entryNo, entryNo, account: debitAccount, amount: A(debit), amountAccounting: A(debit) },
    {
      ...base,
      row: ++entryNo,
      entryNo,
      account: creditAccount,
      amount: A(debit).neg(),
      amountAccounting: A(debit).neg(),
    },
  ];
}
const posted = (postedVoucher: string, autoReverse: boolean): JournalLine => ({
  row: 1,
  journal: "ACCR-11",
  draftVoucher: "D-1",
  date: "2026-11-30",
  account: "6100",
  dimensions: {},
  currency: "USD",
  debit: A("1"),
  description: "",
  status: "Posted",
  message: "",
  postedVoucher,
  autoReverse,
});
const run = (runId: string, status: RunRecord["status"]): RunRecord => ({
  runId,
  step: "post-journals",
  period: "2026-11",
  parameters: "{}",
  user: "u",
  startedAt: "",
  status,
  vouchers: "",
  lines: 2,
  note: "",
});

const NOV = { start: "2026-11-01", end: "2026-11-30" };

test("the demo's November: a manual accrual and the manual reversal of October's are both listed, with totals", () => {
  const ledger = [
    ...voucher(
      "GL-000380",
      "2026-11-01",
      "journal:GJ-2026-11",
      "Reverse utilities accrual 2026-10",
      "2950.00",
      "2100",
      "6100",
    ),
    ...voucher("GL-000390", "2026-11-25", "journal:GJ-2026-11", "Payroll 2026-11", "60000.00"),
    ...voucher("GL-000410", "2026-11-30", "journal:GJ-2026-11", "Accrue utilities 2026-11", "3100.00"),
    ...voucher("GL-000300", "2026-10-31", "journal:GJ-2026-10", "Accrue utilities 2026-10", "2950.00"), // October: not this period
  ];
  const list = adjustmentsOf({ setup: makeSetup(), journal: [], ledger, runs: [] }, NOV);
  expect(list.vouchers.map((v) => [v.voucher, v.kind, v.how, v.autoReversing, v.debit.toString()])).toEqual([
    ["GL-000380", "accrual reversal", "manual", false, "2950.00"],
    ["GL-000410", "accrual", "manual", false, "3100.00"],
  ]);
  // 2,950.00 + 3,100.00 = 6,050.00 over 2 vouchers; the payroll is not an adjustment
  expect(list.total.count).toBe(2);
  expect(list.total.debit.toString()).toBe("6050.00");
  expect(list.byKind.accrual.count).toBe(1);
  expect(list.byKind["accrual reversal"].debit.toString()).toBe("2950.00");
  expect(list.byKind.adjustment.count).toBe(0);
});

test("auto-reversing accruals, their automatic reversals and adjustment journals by type; reversed runs left out", () => {
  const ledger = [
    ...voucher("GL-000001", "2026-11-30", "journal:ACCR-11", "Audit fee", "500"), // read from a cell as 500: shown at 2 places
    ...voucher(
      "GL-000002",
      "2026-11-01",
      "journal:ACCR-10",
      "Reversal of accrual GL-000000: Audit fee",
      "400.00",
      "2100",
      "6100",
    ),
    ...voucher("GL-000003", "2026-11-30", "journal:ADJ-11", "Reclassify office supplies", "120.00", "6200", "6100"),
    ...voucher("GL-000004", "2026-11-30", "journal:ADJ-11", "Reclassify again", "80.00", "6200", "6100", "RUN-000009"), // its run was reversed
    ...voucher(
      "GL-000005",
      "2026-11-30",
      "reversal:RUN-000009",
      "Reversal of GL-000004 (RUN-000009)",
      "80.00",
      "6100",
      "6200",
      "RUN-000010",
    ),
  ];
  const list = adjustmentsOf(
    { setup: makeSetup(), journal: [posted("GL-000001", true)], ledger, runs: [run("RUN-000009", "reversed")] },
    NOV,
  );
  expect(list.vouchers.map((v) => [v.voucher, v.kind, v.how, v.autoReversing])).toEqual([
    ["GL-000002", "accrual reversal", "automatic", false],
    ["GL-000001", "accrual", "auto-reverse", true],
    ["GL-000003", "adjustment", "journal type", false],
  ]);
  // 400.00 + 500.00 + 120.00 = 1,020.00
  expect(list.total.debit.toString()).toBe("1020.00");
});

test("the step proposes nothing to post, one trace row per adjustment and the totals", () => {
  const ledger = voucher("GL-000410", "2026-11-30", "journal:GJ-2026-11", "Accrue utilities 2026-11", "3100.00");
  const setup = makeSetup();
  const book = { setup, journal: [], ledger, runs: [] } as unknown as Parameters<
    NonNullable<typeof adjustmentsStep.propose>
  >[0];
  const p = adjustmentsStep.propose!(book, { start: NOV.start, end: NOV.end });
  expect(p.vouchers).toEqual([]);
  expect(p.issues).toEqual([]);
  expect(p.trace.map((t) => `${t.key} | ${t.formula} | ${t.result}`)).toEqual([
    `GL-000410 · GJ-2026-11 | accrual, manual (not auto-reversing), 2026-11-30: Accrue utilities 2026-11 | 3100.00 ${setup.settings.accountingCurrency}`,
    `Total | 1 accrual, 0 accrual reversals, 0 other adjustments | 3100.00 ${setup.settings.accountingCurrency}`,
  ]);
});
