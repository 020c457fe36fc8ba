import {
  postedJournalUpdates,
  postJournal,
  type PostJournalInput,
  type PostJournalResult,
} from "../../../src/core/posting/postJournal";
import { unbalancedVouchers } from "../../../src/core/ledger/balance";
import type { FiscalPeriod, JournalLine } from "../../../src/core/ledger/types";
import { buildFiscalYear } from "../../../src/core/calendar/fiscalYear";
import { journal, makeSetup } from "../../support/fixtures";

/** Posts draft lines as alice with the fixtures' setup (or `extra`'s), vouchers from GL-000001. */
function postLines(lines: JournalLine[], extra: Partial<PostJournalInput> = {}): PostJournalResult {
  return postJournal({
    setup: makeSetup(),
    journal: lines,
    user: "alice",
    now: "2026-04-01T09:00:00.000Z",
    runId: "RUN-000007",
    nextEntryNo: 1,
    nextVoucherNo: 1,
    voucherPrefix: "GL-",
    ...extra,
  });
}

function post(text: string, extra: Partial<PostJournalInput> = {}): PostJournalResult {
  return postLines(journal(text), extra);
}

const view = (r: ReturnType<typeof post>) =>
  r.entries.map((e) => [e.voucher, e.account, e.currency, e.amount.toString(), e.amountAccounting.toString()]);

describe("postJournal: conversion", () => {
  test("EUR voucher uses the latest rate on or before its date (2026-03-20: 1.09)", () => {
    // 1,000.00 EUR × 1.09 = 1,090.00 USD
    const r = post(`
      D-1 2026-03-31 1010 EUR Dr 1000.00
      D-1 2026-03-31 4000 EUR Cr 1000.00`);
    expect(r.issues).toEqual([]);
    expect(r.posted).toBe(true);
    expect(view(r)).toEqual([
      ["GL-000001", "1010", "EUR", "1000.00", "1090.00"],
      ["GL-000001", "4000", "EUR", "-1000.00", "-1090.00"],
    ]);
    expect(r.entries.map((e) => [e.entryNo, e.period, e.runId, e.user, e.source])).toEqual([
      [1, "2026-03", "RUN-000007", "alice", "journal:GJ"],
      [2, "2026-03", "RUN-000007", "alice", "journal:GJ"],
    ]);
    expect(postedJournalUpdates(r.vouchers)).toEqual([
      { row: 1, status: "Posted", message: "", postedVoucher: "GL-000001" },
      { row: 2, status: "Posted", message: "", postedVoucher: "GL-000001" },
    ]);
  });

  test("a rounding difference goes to the rounding account", () => {
    // at 1.0825: 10.00 → 10.825 → 10.83; 5.00 → 5.4125 → 5.41 (twice)
    // rounded lines: +10.83 −5.41 −5.41 = +0.01 → rounding line −0.01 on 6900
    const r = post(`
      D-1 2026-03-10 1010 EUR Dr 10.00
      D-1 2026-03-10 4000 EUR Cr 5.00
      D-1 2026-03-10 4000 EUR Cr 5.00`);
    expect(view(r)).toEqual([
      ["GL-000001", "1010", "EUR", "10.00", "10.83"],
      ["GL-000001", "4000", "EUR", "-5.00", "-5.41"],
      ["GL-000001", "4000", "EUR", "-5.00", "-5.41"],
      ["GL-000001", "6900", "USD", "-0.01", "-0.01"],
    ]);
    expect(unbalancedVouchers(r.entries, "tblLedger")).toEqual([]);
  });

  test("or to the largest line, when the settings say so", () => {
    const r = post(
      `
        D-1 2026-03-10 1010 EUR Dr 10.00
        D-1 2026-03-10 4000 EUR Cr 5.00
        D-1 2026-03-10 4000 EUR Cr 5.00`,
      { setup: makeSetup({ settings: { roundingPlacement: "largestLine" } }) },
    );
    // the largest line (10.83) absorbs −0.01 → 10.82
    expect(r.entries.map((e) => e.amountAccounting.toString())).toEqual(["10.82", "-5.41", "-5.41"]);
  });

  test("half-even rounding when the settings choose it", () => {
    // 10.00 × 1.0825 = 10.825 → 10.82 half-even; 5.4125 → 5.41; residue 0.00 → no rounding line
    const r = post(
      `
        D-1 2026-03-10 1010 EUR Dr 10.00
        D-1 2026-03-10 4000 EUR Cr 5.00
        D-1 2026-03-10 4000 EUR Cr 5.00`,
      { setup: makeSetup({ settings: { roundingMode: "halfEven" } }) },
    );
    expect(r.entries.map((e) => e.amountAccounting.toString())).toEqual(["10.82", "-5.41", "-5.41"]);
  });

  test("JPY has no decimals and is quoted per 100", () => {
    // 12,345 JPY × 0.6712 / 100 = 82.85964 → 82.86
    const r = post(`
      D-1 2026-03-05 1030 JPY Dr 12345
      D-1 2026-03-05 4000 JPY Cr 12345`);
    expect(view(r)).toEqual([
      ["GL-000001", "1030", "JPY", "12345", "82.86"],
      ["GL-000001", "4000", "JPY", "-12345", "-82.86"],
    ]);
  });

  test("a multi-currency voucher balances after conversion", () => {
    // 100.00 EUR × 1.0825 = 108.25 USD against 108.25 USD
    const r = post(`
      D-1 2026-03-10 1010 EUR Dr 100.00
      D-1 2026-03-10 1000 USD Cr 108.25`);
    expect(r.issues).toEqual([]);
    expect(view(r)).toEqual([
      ["GL-000001", "1010", "EUR", "100.00", "108.25"],
      ["GL-000001", "1000", "USD", "-108.25", "-108.25"],
    ]);
  });

  test("offsetting lines each rounded by the user still balance (tolerance: half a cent per foreign line)", () => {
    // 4,501,814.51 × 0.000001 = 4.50181451 → 4.50; 973,185.49 × 0.000001 = 0.97318549 → 0.97
    // exact total +0.005 ≤ 2 lines × 0.005 → balanced; rounded lines sum to 0.00 → no rounding line
    const r = post(`
      D-1 2026-03-10 1010 EUR Dr 4501814.51 rate=0.000001
      D-1 2026-03-10 1010 EUR Dr 973185.49 rate=0.000001
      D-1 2026-03-10 1000 USD Cr 4.50
      D-1 2026-03-10 1000 USD Cr 0.97`);
    expect(r.issues).toEqual([]);
    expect(r.entries.map((e) => e.amountAccounting.toString())).toEqual(["4.50", "0.97", "-4.50", "-0.97"]);
    // but three cents off is not rounding
    const off = post(`
      D-1 2026-03-10 1010 EUR Dr 4501814.51 rate=0.000001
      D-1 2026-03-10 1010 EUR Dr 973185.49 rate=0.000001
      D-1 2026-03-10 1000 USD Cr 4.47
      D-1 2026-03-10 1000 USD Cr 0.97`);
    expect(off.issues.map((i) => i.code)).toEqual(["UNBALANCED"]);
  });

  test("an explicit line rate overrides the rate table", () => {
    const r = post(`
      D-1 2026-03-10 1010 EUR Dr 100.00 rate=1.1
      D-1 2026-03-10 1000 USD Cr 110.00`);
    expect(r.entries.map((e) => e.amountAccounting.toString())).toEqual(["110.00", "-110.00"]);
  });

  test("reporting currency amounts are converted and balanced too", () => {
    // USD→EUR is the inverse of EUR→USD 1.0825: 108.25 / 1.0825 = 100.00 EUR
    const r = post(
      `
        D-1 2026-03-10 6100 USD Dr 108.25 dept=ADMIN
        D-1 2026-03-10 1000 USD Cr 108.25`,
      { setup: makeSetup({ settings: { reportingCurrency: "EUR" } }) },
    );
    expect(r.issues).toEqual([]);
    expect(r.entries.map((e) => e.amountReporting?.toString())).toEqual(["100.00", "-100.00"]);
  });

  test("vouchers are numbered from the sequence in date order", () => {
    const r = post(
      `
      D-9 2026-03-20 6100 USD Dr 1.00
      D-9 2026-03-20 1000 USD Cr 1.00
      D-2 2026-03-02 6100 USD Dr 2.00
      D-2 2026-03-02 1000 USD Cr 2.00`,
      { nextVoucherNo: 42, nextEntryNo: 100 },
    );
    expect(r.vouchers.map((v) => [v.voucher, v.draftVoucher, v.date])).toEqual([
      ["GL-000042", "D-2", "2026-03-02"],
      ["GL-000043", "D-9", "2026-03-20"],
    ]);
    expect(r.entries.map((e) => e.entryNo)).toEqual([100, 101, 102, 103]);
    expect(r.nextVoucherNo).toBe(44);
  });

  test("the same draft voucher number in two journals is two vouchers", () => {
    const r = post(`
      D-1 2026-03-02 6100 USD Dr 2.00 journal=A
      D-1 2026-03-02 1000 USD Cr 2.00 journal=A
      D-1 2026-03-02 6100 USD Dr 3.00 journal=B
      D-1 2026-03-02 1000 USD Cr 3.00 journal=B`);
    expect(r.vouchers.map((v) => [v.voucher, v.journal])).toEqual([
      ["GL-000001", "A"],
      ["GL-000002", "B"],
    ]);
  });

  test("posted lines are skipped and the filter selects journal and date", () => {
    const lines = journal(`
      D-1 2026-03-02 6100 USD Dr 2.00 journal=A
      D-1 2026-03-02 1000 USD Cr 2.00 journal=A
      D-2 2026-03-25 6100 USD Dr 3.00 journal=A
      D-2 2026-03-25 1000 USD Cr 3.00 journal=A
      D-3 2026-03-02 6100 USD Dr 4.00 journal=B
      D-3 2026-03-02 1000 USD Cr 4.00 journal=B`);
    const withPosted = lines.map((l, i) => (i < 2 ? { ...l, status: "Posted" as const } : l));
    const r = postLines(withPosted, { setup: makeSetup(), filter: { journal: "A", through: "2026-03-31" } });
    expect(r.vouchers.map((v) => v.draftVoucher)).toEqual(["D-2"]);
  });
});

describe("postJournal: accruals", () => {
  test("an accrual posts with a reversal dated the first day of the next period", () => {
    const lines = journal(`
      D-1 2026-03-31 6100 USD Dr 300.00 dept=ADMIN
      D-1 2026-03-31 2000 USD Cr 300.00
      D-2 2026-03-15 6100 USD Dr 1.00
      D-2 2026-03-15 1000 USD Cr 1.00`).map((l) => (l.draftVoucher === "D-1" ? { ...l, autoReverse: true } : l));
    const r = postLines(lines, { setup: makeSetup() });
    expect(r.issues).toEqual([]);
    expect(r.entries.map((e) => [e.voucher, e.date, e.period, e.account, e.amountAccounting.toString()])).toEqual([
      ["GL-000001", "2026-03-15", "2026-03", "6100", "1.00"],
      ["GL-000001", "2026-03-15", "2026-03", "1000", "-1.00"],
      ["GL-000002", "2026-03-31", "2026-03", "6100", "300.00"],
      ["GL-000002", "2026-03-31", "2026-03", "2000", "-300.00"],
      ["GL-000003", "2026-04-01", "2026-04", "6100", "-300.00"],
      ["GL-000003", "2026-04-01", "2026-04", "2000", "300.00"],
    ]);
    expect(r.vouchers.map((v) => [v.voucher, v.reversal?.voucher])).toEqual([
      ["GL-000001", undefined],
      ["GL-000002", "GL-000003"],
    ]);
    expect(r.nextVoucherNo).toBe(4);
  });

  test("an accrual whose reversal date is in a closed period, or past the calendar, is refused", () => {
    const periods = buildFiscalYear(2026, 1).map((p) =>
      p.id === "2026-04" ? { ...p, status: "On hold" as const } : p,
    );
    const lines = journal(`
      D-1 2026-03-31 6100 USD Dr 300.00
      D-1 2026-03-31 2000 USD Cr 300.00
      D-2 2026-12-31 6100 USD Dr 5.00
      D-2 2026-12-31 2000 USD Cr 5.00`).map((l) => ({ ...l, autoReverse: true }));
    const r = postLines(lines, { setup: makeSetup({ periods }) });
    expect(r.posted).toBe(false);
    expect(r.issues.map((i) => [i.code, i.at?.row, i.at?.column])).toEqual([
      ["PERIOD_NOT_OPEN", 1, "Auto-reverse"],
      ["NO_PERIOD", 3, "Auto-reverse"],
    ]);
  });
});

describe("postJournal: validation reports every problem at once and posts nothing", () => {
  test("each kind of bad line names its row and column", () => {
    const r = post(`
      D-1 2026-03-10 9999 USD Dr 1.00
      D-1 2026-03-10 1900 USD Cr 1.00
      D-2 2026-03-10 1950 USD Dr 1.00
      D-2 2026-03-10 6100 USD Cr 1.00 dept=OLD
      D-3 2026-03-10 6100 USD Dr 1.00 dept=NOPE
      D-3 2026-03-10 1100 XXX Cr 1.00
      D-4 2026-03-10 1010 USD Dr 1.00
      D-4 2026-03-10 1100 USD Cr -
      D-5 2026-03-10 1100 USD Dr 1.001
      D-5 2026-03-10 1100 USD Cr 1.001
      D-6 2031-01-01 1100 USD Dr 1.00
      D-6 2031-01-01 1100 USD Cr 1.00
      D-7 2026-02-15 1100 GBP Dr 1.00
      D-7 2026-02-15 2000 GBP Cr 1.00
      D-8 2026-03-10 1100 USD Dr 5.00
      D-8 2026-03-10 2000 USD Cr 4.00`);
    expect(r.posted).toBe(false);
    expect(r.entries).toEqual([]);
    const got = r.issues.map((i) => [i.code, i.at?.row, i.at?.column]);
    expect(got).toEqual(
      expect.arrayContaining([
        ["UNKNOWN_ACCOUNT", 1, "Account"],
        ["INACTIVE_ACCOUNT", 2, "Account"],
        ["BLOCKED_ACCOUNT", 3, "Account"],
        ["INACTIVE_DIMENSION_VALUE", 4, "Department"],
        ["UNKNOWN_DIMENSION_VALUE", 5, "Department"],
        ["UNKNOWN_CURRENCY", 6, "Currency"],
        ["ACCOUNT_CURRENCY", 7, "Currency"],
        ["NO_AMOUNT", 8, "Debit"],
        ["DECIMALS", 9, "Debit"],
        ["DECIMALS", 10, "Credit"],
        ["NO_PERIOD", 11, "Date"],
        ["NO_PERIOD", 12, "Date"],
        ["NO_RATE", 13, "Rate"],
        ["UNBALANCED", 15, "Debit"],
      ]),
    );
    expect(r.issues.every((i) => i.at?.table === "tblJournal")).toBe(true);
    // failed lines are reported for the journal's Status/Message columns
    expect(r.journalUpdates.find((u) => u.row === 1)).toMatchObject({
      status: "Error",
      message: expect.stringContaining("9999"),
    });
  });

  test("both debit and credit on one line", () => {
    const lines = journal(`
      D-1 2026-03-10 1100 USD Dr 1.00
      D-1 2026-03-10 2000 USD Cr 1.00`);
    const both = [{ ...lines[0]!, credit: lines[0]!.debit! }, lines[1]!];
    const r = postLines(both, { setup: makeSetup() });
    expect(r.issues.map((i) => i.code)).toContain("DEBIT_AND_CREDIT");
    expect(r.posted).toBe(false);
  });

  test("a voucher that does not balance after conversion", () => {
    // 100.00 EUR = 108.25 USD against 108.20 USD: 0.05 short
    const r = post(`
      D-1 2026-03-10 1010 EUR Dr 100.00
      D-1 2026-03-10 1000 USD Cr 108.20`);
    expect(r.issues).toEqual([
      expect.objectContaining({ code: "UNBALANCED", message: expect.stringContaining("0.05") }),
    ]);
  });

  test("a voucher on two dates is refused", () => {
    const r = post(`
      D-1 2026-03-10 1100 USD Dr 1.00
      D-1 2026-03-11 2000 USD Cr 1.00`);
    expect(r.issues.map((i) => i.code)).toEqual(["VOUCHER_DATES"]);
  });

  test("one bad voucher stops the good ones too (all or nothing)", () => {
    const r = post(`
      D-1 2026-03-10 1100 USD Dr 1.00
      D-1 2026-03-10 2000 USD Cr 1.00
      D-2 2026-03-10 9999 USD Dr 1.00
      D-2 2026-03-10 2000 USD Cr 1.00`);
    expect(r.posted).toBe(false);
    expect(r.entries).toEqual([]);
    expect(r.vouchers).toEqual([]);
    expect(r.nextVoucherNo).toBe(1);
  });

  test("period status and access are checked for the posting user", () => {
    const periods: FiscalPeriod[] = buildFiscalYear(2026, 1).map((p) =>
      p.id === "2026-02"
        ? { ...p, status: "On hold" }
        : p.id === "2026-04"
          ? { ...p, access: "Controllers" }
          : p.id === "2026-05"
            ? { ...p, access: "None" }
            : p.id === "2026-06"
              ? { ...p, status: "Permanently closed" }
              : p,
    );
    const lines = journal(`
      D-1 2026-02-10 6100 USD Dr 1.00
      D-1 2026-02-10 1000 USD Cr 1.00
      D-2 2026-04-10 6100 USD Dr 1.00
      D-2 2026-04-10 1000 USD Cr 1.00
      D-3 2026-05-10 6100 USD Dr 1.00
      D-3 2026-05-10 1000 USD Cr 1.00
      D-4 2026-06-10 6100 USD Dr 1.00
      D-4 2026-06-10 1000 USD Cr 1.00`);
    const run = (user: string) => postLines(lines, { setup: makeSetup({ periods }), user });
    const alice = run("alice")
      .issues.filter((i) => i.at?.column === "Date")
      .map((i) => [i.code, i.at?.row]);
    expect(alice).toEqual([
      ["PERIOD_NOT_OPEN", 1],
      ["PERIOD_NOT_OPEN", 2],
      ["PERIOD_ACCESS", 3],
      ["PERIOD_ACCESS", 4],
      ["PERIOD_ACCESS", 5],
      ["PERIOD_ACCESS", 6],
      ["PERIOD_NOT_OPEN", 7],
      ["PERIOD_NOT_OPEN", 8],
    ]);
    // bob is a Controller: April is open to him, the rest stays refused
    const bob = run("bob")
      .issues.filter((i) => i.at?.column === "Date")
      .map((i) => i.at?.row);
    expect(bob).toEqual([1, 2, 5, 6, 7, 8]);
    // an inactive user posts nowhere
    expect(run("carol").issues.filter((i) => i.code === "UNKNOWN_USER")).toHaveLength(8);
  });

  test("a rounding difference with no rounding account is refused", () => {
    const r = post(
      `
        D-1 2026-03-10 1010 EUR Dr 10.00
        D-1 2026-03-10 4000 EUR Cr 5.00
        D-1 2026-03-10 4000 EUR Cr 5.00`,
      { setup: makeSetup({ settings: { roundingAccount: undefined as unknown as string } }) },
    );
    expect(r.issues.map((i) => i.code)).toEqual(["ROUNDING_ACCOUNT"]);
  });
});
