/**
 * The year-end close through the app layer: the next year is created, the
 * openings carry the balance sheet, retained earnings takes the net income,
 * the trial balance of the new year does not count the old year twice, and
 * a second close reverses and recreates the first.
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { loadBook } from "../../src/app/loadBook";
import { postJournals } from "../../src/app/postJournals";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { reverseYearEnd, runReversalIssues, yearEnd } from "../../src/app/yearEnd";
import { postProposal, reverseRun } from "../../src/app/closeRuns";
import { reverseCloseStep } from "../../src/app/closeStepByStep";
import { listOpenItems, settle } from "../../src/app/settle";
import type { Proposal } from "../../src/core/close/proposal";
import type { Issue } from "../../src/core/issues/issue";
import { trialBalance } from "../../src/core/ledger/trialBalance";
import { fixedClock } from "../../src/ports/clock";
import { A, journal } from "../support/fixtures";
import { smallCompany } from "../support/smallCompany";

const ctx = { user: "bob", clock: fixedClock("2027-01-05T10:00:00.000Z") };

async function tb(wb: MemoryWorkbook, from: string, to: string): Promise<Record<string, [string, string]>> {
  const { book } = await loadBook(wb);
  const t = trialBalance(book.ledger, book.setup, { from, to });
  return Object.fromEntries(
    t.rows
      .filter((r) => !r.closing.isZero() || !r.opening.isZero())
      .map((r) => [r.account, [r.opening.toString(), r.closing.toString()]]),
  );
}

test("FY2026: sales 1,000.00, rent 400.00 → FY2027 opens with cash 600.00 and retained earnings −600.00", async () => {
  const wb = new MemoryWorkbook();
  await setupWorkbook(
    wb,
    smallCompany(
      journal(`
        D-1 2026-03-10 1000 USD Dr 1000.00
        D-1 2026-03-10 4000 USD Cr 1000.00
        D-2 2026-05-10 6100 USD Dr 400.00 dept=ADMIN
        D-2 2026-05-10 1000 USD Cr 400.00`),
    ),
  );
  await postJournals(wb, ctx);
  const r = await yearEnd(wb, { fiscalYear: "FY2026", closingVouchers: true, mode: "post" }, ctx);
  expect(r.createdYear).toBe("FY2027");
  expect(r.posted?.posted).toBe(true);
  // net income = 1,000.00 − 400.00 = 600.00 (a credit to retained earnings)
  expect(await tb(wb, "2027-01-01", "2027-01-31")).toEqual({
    "1000": ["600.00", "600.00"],
    "3900": ["-600.00", "-600.00"],
  });
  // the closed year, closing period included: P&L zero, retained earnings −600.00
  const old = await tb(wb, "2026-01-01", "2026-12-31");
  expect(old["4000"]).toBeUndefined();
  expect(old["6100"]).toBeUndefined();
  expect(old["3900"]).toEqual(["0.00", "-600.00"]);

  // a second close of the same year reverses the first and recreates it: nothing doubles
  const again = await yearEnd(wb, { fiscalYear: "FY2026", closingVouchers: true, mode: "post" }, ctx);
  expect(again.reversedRun).toBe(r.posted!.runId);
  expect(await tb(wb, "2027-01-01", "2027-01-31")).toEqual({
    "1000": ["600.00", "600.00"],
    "3900": ["-600.00", "-600.00"],
  });

  // reversing the year-end close restores every balance
  expect((await reverseRun(wb, again.posted!.runId!, { ...ctx, reason: "test" })).posted).toBe(true);
  expect(await tb(wb, "2026-01-01", "2026-12-31")).toEqual({
    "1000": ["0.00", "600.00"],
    "4000": ["0.00", "-1000.00"],
    "6100": ["0.00", "400.00"],
  });
});

// ---- issue #10: settlement in a closed year, keep-detail open items, reversing the year, preview ----

/**
 * The small company with 1100 flagged Settle (used as prepaid insurance here)
 * and, optionally, the setting "Year-end re-run" = delta.
 */
async function companyWithSettle(rerun?: "delta"): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  const data = smallCompany();
  await setupWorkbook(wb, {
    ...data,
    settings: { ...data.settings, ...(rerun ? { yearEndRerun: rerun } : {}) },
    accounts: data.accounts.map((a) => (a.number === "1100" ? { ...a, name: "Prepaid insurance", settle: true } : a)),
  });
  return wb;
}

/** Posts vouchers "date account amount, account amount, …" (USD, no dimensions) as one run. */
async function postVouchers(wb: MemoryWorkbook, name: string, vouchers: [string, [string, string][]][]): Promise<void> {
  const proposal: Proposal = {
    step: "activity",
    parameters: { name },
    trace: [],
    issues: [],
    vouchers: vouchers.map(([date, ls]) => ({
      date,
      description: name,
      lines: ls.map(([account, amount]) => ({
        account,
        dimensions: {},
        currency: "USD",
        amount: A(amount),
        amountAccounting: A(amount),
        description: `${name} ${account}`,
      })),
    })),
  };
  const r = await postProposal(wb, proposal, ctx);
  expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
  expect(r.posted).toBe(true);
}

const codesOf = (issues: readonly Issue[]) => issues.filter((i) => i.severity === "error").map((i) => i.code);
const items = async (wb: MemoryWorkbook) =>
  (await listOpenItems(wb, "1100")).map((i) => [i.entryNo, i.date, i.remaining.toFixed(2)]);

/**
 * The insurance example (W2): prepaid insurance 12,000.00 paid on 2026-01-02
 * (entry 1; cash entry 2), three monthly expenses of 1,000.00 (Oct, Nov, Dec:
 * the 1100 credits are entries 4, 6 and 8), settled partially on 2026-12-31:
 * SET-000001 {1: +1,000, 4: −1,000}, SET-000002 {1: +1,000, 6: −1,000},
 * SET-000003 {1: +1,000, 8: −1,000} → entry 1 has 12,000 − 3,000 = 9,000.00 left.
 */
async function insurance(): Promise<MemoryWorkbook> {
  const wb = await companyWithSettle();
  await postVouchers(wb, "insurance", [
    [
      "2026-01-02",
      [
        ["1100", "12000.00"],
        ["1000", "-12000.00"],
      ],
    ],
    [
      "2026-10-31",
      [
        ["6100", "1000.00"],
        ["1100", "-1000.00"],
      ],
    ],
    [
      "2026-11-30",
      [
        ["6100", "1000.00"],
        ["1100", "-1000.00"],
      ],
    ],
    [
      "2026-12-31",
      [
        ["6100", "1000.00"],
        ["1100", "-1000.00"],
      ],
    ],
  ]);
  const s = await settle(wb, { kind: "marked", partial: true, entries: [1, 4, 6, 8], date: "2026-12-31" }, "post", ctx);
  expect(s.settlements.map((x) => x.settlementId)).toEqual(["SET-000001", "SET-000002", "SET-000003"]);
  expect(await items(wb)).toEqual([[1, "2026-01-02", "9000.00"]]);
  return wb;
}

describe("keep detail: the carried originals are no longer open items (item 5)", () => {
  test("insurance: 9,000.00 open once after the close; the original refuses settlement; reversing the close reopens it", async () => {
    const wb = await insurance();
    const y = await yearEnd(wb, { fiscalYear: "FY2026", keepDetail: true, mode: "post" }, ctx);
    expect(codesOf(y.issues)).toEqual([]);
    // opening FY2027: cash −12,000.00 (entry 9), prepaid 9,000.00 carrying entry 1 (entry 10), RE +3,000.00 (the loss, entry 11)
    const { book } = await loadBook(wb);
    const copy = book.ledger.find((e) => e.account === "1100" && e.period === "FY2027-OPEN")!;
    expect([copy.entryNo, copy.amount.toFixed(2), copy.description]).toEqual([
      10,
      "9000.00",
      "Brought forward: entry 1, voucher GL-000001 of 2026-01-02 (partly settled)",
    ]);
    // only the opening copy is open: 9,000.00, not 18,000.00
    expect(await items(wb)).toEqual([[10, "2027-01-01", "9000.00"]]);

    // January 2027's expense: 6100 Dr 1,000.00 (entry 12) / 1100 Cr 1,000.00 (entry 13)
    await postVouchers(wb, "january", [
      [
        "2027-01-31",
        [
          ["6100", "1000.00"],
          ["1100", "-1000.00"],
        ],
      ],
    ]);
    const original = await settle(
      wb,
      { kind: "marked", entries: [{ entryNo: 1, amount: A("1000.00") }, 13], date: "2027-01-31" },
      "post",
      ctx,
    );
    expect(codesOf(original.issues)).toEqual(["SETTLEMENT_IN_CLOSED_YEAR"]);
    expect(original.issues[0]!.message).toContain("reverse the year-end close of FY2026");
    expect(original.posted?.posted).not.toBe(true);
    // the opening copy settles: 9,000.00 − 1,000.00 = 8,000.00 left
    const copySettled = await settle(
      wb,
      { kind: "marked", entries: [{ entryNo: 10, amount: A("1000.00") }, 13], date: "2027-01-31" },
      "post",
      ctx,
    );
    expect(codesOf(copySettled.issues)).toEqual([]);
    expect(copySettled.settlements.map((x) => x.settlementId)).toEqual(["SET-000004"]);
    expect(await items(wb)).toEqual([[10, "2027-01-01", "8000.00"]]);

    // the close cannot be reversed while an opening line is settled in FY2027 (D365-AWARE)
    const blocked = await reverseYearEnd(wb, { fiscalYear: "FY2026", reason: "test" }, ctx);
    expect(codesOf(blocked.issues)).toEqual(["YEAR_END_OPENING_SETTLED"]);
    expect(blocked.issues[0]!.message).toContain("SET-000004");
    expect(
      codesOf(
        (await settle(wb, { kind: "reverse", settlementId: "SET-000004", date: "2027-01-31" }, "post", ctx)).issues,
      ),
    ).toEqual([]);
    const back = await reverseYearEnd(wb, { fiscalYear: "FY2026", reason: "test" }, ctx);
    expect(codesOf(back.issues)).toEqual([]);
    expect(back.posted?.posted).toBe(true);
    // the original is open again with 9,000.00; the opening copy and its reversal are not items; January's credit is open
    expect(await items(wb)).toEqual([
      [1, "2026-01-02", "9000.00"],
      [13, "2027-01-31", "-1000.00"],
    ]);
  });
});

describe("settlement inside a closed year (item 3)", () => {
  test("reversing or making a settlement of FY2026 after its close is refused until the close is reversed", async () => {
    const wb = await insurance();
    // one more FY2026 credit left open: 2026-12-31 1100 Cr 500.00 (entry 10) / 6100 Dr 500.00 (entry 9)
    await postVouchers(wb, "december", [
      [
        "2026-12-31",
        [
          ["6100", "500.00"],
          ["1100", "-500.00"],
        ],
      ],
    ]);
    expect(codesOf((await yearEnd(wb, { fiscalYear: "FY2026", mode: "post" }, ctx)).issues)).toEqual([]);

    for (const date of ["2026-12-31", "2027-01-15"]) {
      const r = await settle(wb, { kind: "reverse", settlementId: "SET-000001", date }, "post", ctx);
      expect(codesOf(r.issues)).toEqual(["SETTLEMENT_IN_CLOSED_YEAR"]);
      expect(r.issues[0]!.message).toContain("reverse the year-end close of FY2026 first");
    }
    const fresh = await settle(
      wb,
      { kind: "marked", entries: [{ entryNo: 1, amount: A("500.00") }, 10], date: "2026-12-31" },
      "post",
      ctx,
    );
    expect(codesOf(fresh.issues)).toContain("SETTLEMENT_IN_CLOSED_YEAR");
    const auto = await settle(wb, { kind: "auto", date: "2026-12-31" }, "post", ctx);
    expect(codesOf(auto.issues)).toEqual(["SETTLEMENT_IN_CLOSED_YEAR"]);
    const { book } = await loadBook(wb);
    expect(book.settlements.every((s) => s.status === "settled")).toBe(true);
    expect(book.settlements).toHaveLength(3);

    expect(codesOf((await reverseYearEnd(wb, { fiscalYear: "FY2026", reason: "reopen" }, ctx)).issues)).toEqual([]);
    expect(
      codesOf(
        (await settle(wb, { kind: "reverse", settlementId: "SET-000001", date: "2026-12-31" }, "post", ctx)).issues,
      ),
    ).toEqual([]);
  });
});

describe("reversing the year-end close of a year (item 4)", () => {
  test("delta re-run: the first run cannot be reversed alone; reversing the year takes back both runs in one run", async () => {
    const wb = await companyWithSettle("delta");
    await postVouchers(wb, "sales", [
      [
        "2026-03-10",
        [
          ["1000", "1000.00"],
          ["4000", "-1000.00"],
        ],
      ],
    ]);
    const before26 = await tb(wb, "2026-01-01", "2026-12-31");
    const first = await yearEnd(wb, { fiscalYear: "FY2026", closingVouchers: true, mode: "post" }, ctx);
    expect(first.posted?.posted).toBe(true);
    // W4 [derived]: a 5,000.00 revenue entry after the close → a delta opening of 1000 Dr 5,000.00 / 3900 Cr 5,000.00
    await postVouchers(wb, "late sale", [
      [
        "2026-12-20",
        [
          ["1000", "5000.00"],
          ["4000", "-5000.00"],
        ],
      ],
    ]);
    const delta = await yearEnd(wb, { fiscalYear: "FY2026", closingVouchers: true, mode: "post" }, ctx);
    expect(delta.posted?.posted).toBe(true);
    expect(await tb(wb, "2027-01-01", "2027-01-31")).toEqual({
      "1000": ["6000.00", "6000.00"],
      "3900": ["-6000.00", "-6000.00"],
    });

    const { book } = await loadBook(wb);
    const single = runReversalIssues(book, first.posted!.runId!);
    expect(single.map((i) => i.code)).toEqual(["YEAR_END_RUN_DEPENDED_ON"]);
    expect(single[0]!.message).toContain(delta.posted!.runId!);
    // every reversal path asks the same question: the pane's reverseCloseStep and reverseRun refuse too
    const viaPane = await reverseCloseStep(wb, { runId: first.posted!.runId!, reason: "undo" }, ctx);
    expect([viaPane.posted, codesOf(viaPane.issues)]).toEqual([false, ["YEAR_END_RUN_DEPENDED_ON"]]);
    const direct = await reverseRun(wb, first.posted!.runId!, { ...ctx, reason: "undo" });
    expect([direct.posted, codesOf(direct.issues)]).toEqual([false, ["YEAR_END_RUN_DEPENDED_ON"]]);

    const back = await reverseYearEnd(wb, { fiscalYear: "FY2026", reason: "redo" }, ctx);
    expect(codesOf(back.issues)).toEqual([]);
    expect(back.reversedRuns).toEqual([first.posted!.runId, delta.posted!.runId]);
    const runs = (await loadBook(wb)).book.runs;
    expect(runs.filter((r) => r.step === "year-end").map((r) => r.status)).toEqual(["reversed", "reversed"]);
    expect(runs.filter((r) => r.step === "reverse")).toHaveLength(1);
    // every balance as without any close: FY2026 sales 1,000.00 + 5,000.00; FY2027 starts from the cumulative balances
    expect(before26).toEqual({ "1000": ["0.00", "1000.00"], "4000": ["0.00", "-1000.00"] });
    expect(await tb(wb, "2026-01-01", "2026-12-31")).toEqual({
      "1000": ["0.00", "6000.00"],
      "4000": ["0.00", "-6000.00"],
    });
    expect(await tb(wb, "2027-01-01", "2027-01-31")).toEqual({
      "1000": ["6000.00", "6000.00"],
      "4000": ["-6000.00", "-6000.00"],
    });
    // nothing left to reverse
    expect(codesOf((await reverseYearEnd(wb, { fiscalYear: "FY2026", reason: "again" }, ctx)).issues)).toEqual([
      "YEAR_END_NOT_CLOSED",
    ]);
  });
});

describe("preview without the next fiscal year (item 12)", () => {
  test("shows the openings as if FY2027 existed and writes nothing to the calendar", async () => {
    const wb = await companyWithSettle();
    await postVouchers(wb, "sales", [
      [
        "2026-03-10",
        [
          ["1000", "1000.00"],
          ["4000", "-1000.00"],
        ],
      ],
    ]);
    const periodsBefore = (await loadBook(wb)).book.setup.periods.length;
    const p = await yearEnd(wb, { fiscalYear: "FY2026", mode: "preview" }, ctx);
    expect(codesOf(p.issues)).toEqual([]);
    expect(p.issues.map((i) => i.code)).toContain("NEXT_YEAR_WILL_BE_CREATED");
    // opening FY2027: cash 1,000.00 carried, the profit 1,000.00 into retained earnings (Cr)
    const v = p.proposal!.vouchers;
    expect(v.map((x) => [x.date, x.period])).toEqual([["2027-01-01", "FY2027-OPEN"]]);
    expect(v[0]!.lines.map((l) => [l.account, l.amountAccounting.toFixed(2)])).toEqual([
      ["1000", "1000.00"],
      ["3900", "-1000.00"],
    ]);
    expect(p.preview?.sheet).toBe("Preview year-end");
    const { book } = await loadBook(wb);
    expect(book.setup.periods).toHaveLength(periodsBefore);
    expect(book.runs.filter((r) => r.step !== "activity")).toEqual([]);
  });
});
