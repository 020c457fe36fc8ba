/**
 * Revaluation through the app layer on a workbook: preview, post, re-run
 * (proposes nothing), reverse — with worked numbers.
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { allocate, revalue } from "../../src/app/closeSteps";
import { reverseRun } from "../../src/app/closeRuns";
import { readRunTrace } from "../../src/app/runTrace";
import { loadBook } from "../../src/app/loadBook";
import { postJournals } from "../../src/app/postJournals";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { trialBalance } from "../../src/core/ledger/trialBalance";
import { fixedClock } from "../../src/ports/clock";
import { acct, journal } from "../support/fixtures";
import { smallCompany } from "../support/smallCompany";

const clock = fixedClock("2026-04-02T10:00:00.000Z");
const ctx = { user: "bob", clock };

async function workbook(): Promise<MemoryWorkbook> {
  const company = smallCompany(
    journal(`
      D-1 2026-03-10 1010 EUR Dr 100.00
      D-1 2026-03-10 4000 EUR Cr 100.00`),
  );
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, {
    ...company,
    settings: { ...company.settings, unrealizedGainAccount: "7100", unrealizedLossAccount: "7110" },
    accounts: [
      ...company.accounts,
      acct("7100", "Unrealized FX gain", "revenue"),
      acct("7110", "Unrealized FX loss", "expense"),
    ],
  });
  await postJournals(wb, ctx);
  return wb;
}

async function balance(wb: MemoryWorkbook, account: string): Promise<string> {
  const { book } = await loadBook(wb);
  return (
    trialBalance(book.ledger, book.setup, { from: "2026-01-01", to: "2026-12-31" })
      .rows.find((r) => r.account === account)
      ?.closing.toString() ?? "0.00"
  );
}

/** 1100 (settle-flagged) Dr 100.00 EUR on 03-10 at 1.0825 and Cr 100.00 EUR on 03-25 at 1.09, posted; realized gain 7200, loss 7210. */
async function eurReceivableInvoicedAndPaid(): Promise<MemoryWorkbook> {
  const company = smallCompany(
    journal(`
      D-1 2026-03-10 1100 EUR Dr 100.00
      D-1 2026-03-10 4000 EUR Cr 100.00
      D-2 2026-03-25 1010 EUR Dr 100.00
      D-2 2026-03-25 1100 EUR Cr 100.00`),
  );
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, {
    ...company,
    settings: { ...company.settings, realizedGainAccount: "7200", realizedLossAccount: "7210" },
    accounts: [
      ...company.accounts.map((a) => (a.number === "1100" ? { ...a, settle: true } : a)),
      acct("7200", "Realized FX gain", "revenue"),
      acct("7210", "Realized FX loss", "expense"),
    ],
  });
  await postJournals(wb, ctx);
  return wb;
}

test("revalue: 100.00 EUR booked at 1.0825 (108.25) is worth 109.00 at 1.09 on 2026-03-31: gain 0.75", async () => {
  const wb = await workbook();
  const preview = await revalue(wb, { date: "2026-03-31", mode: "preview" }, ctx);
  expect(preview.preview?.sheet).toBe("Preview fx-revaluation");
  expect(await balance(wb, "7100")).toBe("0.00");

  const posted = await revalue(wb, { date: "2026-03-31", mode: "post" }, ctx);
  expect(posted.posted?.posted).toBe(true);
  expect(await balance(wb, "1010")).toBe("109.00");
  expect(await balance(wb, "7100")).toBe("-0.75");

  // the delta method: a re-run at the same rate proposes nothing
  const again = await revalue(wb, { date: "2026-03-31", mode: "post" }, ctx);
  expect(again.proposal?.vouchers).toEqual([]);
  expect(again.posted?.posted).toBe(false);

  // reversing the run restores every balance
  expect((await reverseRun(wb, posted.posted!.runId!, { ...ctx, reason: "rates corrected" })).posted).toBe(true);
  expect(await balance(wb, "1010")).toBe("108.25");
  expect(await balance(wb, "7100")).toBe("0.00");
});

test("allocate: 60 % of ADMIN's March rent (1,000.00) to SALES, read from tblAllocationRules", async () => {
  const wb = new MemoryWorkbook();
  await setupWorkbook(
    wb,
    smallCompany(
      journal(`
        D-1 2026-03-05 6100 USD Dr 1000.00 dept=ADMIN
        D-1 2026-03-05 1000 USD Cr 1000.00`),
    ),
  );
  await postJournals(wb, ctx);
  // Rule, Description, Method, Source accounts, Source dimensions, Fixed amount, Destination account,
  // Destination dimensions, Percentage, Weight, Basis accounts, Basis dimensions, Offset account, Offset dimensions, Active
  await wb.appendRows("tblAllocationRules", [
    [
      "R1",
      "Rent to sales",
      "fixedPercentage",
      "6100",
      "Department=ADMIN",
      null,
      "6100",
      "Department=SALES",
      60,
      null,
      null,
      null,
      null,
      null,
      true,
    ],
  ]);
  const r = await allocate(wb, { period: "2026-03", mode: "post" }, ctx);
  expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
  expect(r.posted?.posted).toBe(true);
  const { book } = await loadBook(wb);
  const tb = trialBalance(book.ledger, book.setup, {
    from: "2026-03-01",
    to: "2026-03-31",
    byDimensions: ["Department"],
  });
  // 1,000.00 × 60 % = 600.00 moved; ADMIN keeps 400.00
  expect(
    tb.rows.filter((x) => x.account === "6100").map((x) => [x.dimensions.Department, x.closing.toString()]),
  ).toEqual([
    ["ADMIN", "400.00"],
    ["SALES", "600.00"],
  ]);
  // the same rule for the same period again is refused (it is not a delta step)
  const again = await allocate(wb, { period: "2026-03", mode: "post" }, ctx);
  expect(again.issues.map((i) => i.code)).toContain("REPEATED_RUN");
});

test("settle: a EUR receivable invoiced at 1.0825 and paid at 1.09 — realized gain 0.75; reversing reopens it", async () => {
  const { settle, listOpenItems } = await import("../../src/app/settle");
  const wb = await eurReceivableInvoicedAndPaid();
  expect((await listOpenItems(wb, "1100")).map((i) => [i.entryNo, i.remainingAccounting.toString()])).toEqual([
    [1, "108.25"],
    [4, "-109"],
  ]);
  // invoice 100.00 EUR × 1.0825 = 108.25; payment 100.00 EUR × 1.09 = 109.00; 0 − (108.25 − 109.00) = 0.75 gain
  const r = await settle(wb, { kind: "marked", entries: [1, 4], date: "2026-03-31" }, "post", ctx);
  expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
  expect(r.settlements.map((s) => s.settlementId)).toEqual(["SET-000001"]);
  expect(await balance(wb, "1100")).toBe("0.00");
  expect(await balance(wb, "7200")).toBe("-0.75");
  expect(await listOpenItems(wb, "1100")).toEqual([]);
  const back = await settle(wb, { kind: "reverse", settlementId: "SET-000001", date: "2026-03-31" }, "post", ctx);
  expect(back.posted?.posted).toBe(true);
  expect(await balance(wb, "7200")).toBe("0.00");
  expect((await listOpenItems(wb, "1100")).map((i) => i.entryNo)).toEqual([1, 4]);
});

/**
 * Re-runs of allocations are guarded per rule and period, not per parameter text.
 * November: overhead 6000 500.00, rent 6100 ADMIN 1,000.00.
 *   A3 (fixed weights 1:2:2 of 6000, offset 6090): 500 × 1/5 = 100.00 → 6200, 500 × 2/5 = 200.00 → 6300 and 6400; 6090 −500.00
 *   A5 (60 % of 6100 ADMIN to 6100 SALES, offset 6190): 1,000 × 60 % = 600.00 → 6100 SALES; 6190 −600.00
 * Both offsets go to other accounts, so the sources keep their balances and a second run would find them again.
 */
describe("allocation re-runs: no rule is posted twice for a period", () => {
  const ALLOCATION_RULE_ROWS = [
    // Rule, Description, Method, Source accounts, Source dimensions, Fixed amount, Destination account, Destination dimensions, Percentage, Weight, Basis accounts, Basis dimensions, Offset account, Offset dimensions, Active
    ["A3", "Overhead", "fixedWeight", "6000", null, null, "6200", null, null, 1, null, null, "6090", null, true],
    ["A3", "Overhead", "fixedWeight", "6000", null, null, "6300", null, null, 2, null, null, "6090", null, true],
    ["A3", "Overhead", "fixedWeight", "6000", null, null, "6400", null, null, 2, null, null, "6090", null, true],
    [
      "A5",
      "Rent to sales",
      "fixedPercentage",
      "6100",
      "Department=ADMIN",
      null,
      "6100",
      "Department=SALES",
      60,
      null,
      null,
      null,
      "6190",
      null,
      true,
    ],
  ];

  async function november(): Promise<MemoryWorkbook> {
    const company = smallCompany(
      journal(`
        D-1 2026-11-10 6000 USD Dr 500.00
        D-1 2026-11-10 1000 USD Cr 500.00
        D-2 2026-11-12 6100 USD Dr 1000.00 dept=ADMIN
        D-2 2026-11-12 1000 USD Cr 1000.00`),
    );
    const wb = new MemoryWorkbook();
    await setupWorkbook(wb, {
      ...company,
      accounts: [
        ...company.accounts,
        acct("6000", "Overhead", "expense"),
        acct("6090", "Overhead allocated", "expense"),
        acct("6190", "Rent allocated", "expense"),
        acct("6200", "IT", "expense"),
        acct("6300", "Production", "expense"),
        acct("6400", "Logistics", "expense"),
      ],
    });
    await postJournals(wb, ctx);
    await wb.appendRows("tblAllocationRules", ALLOCATION_RULE_ROWS);
    return wb;
  }

  async function targets(wb: MemoryWorkbook): Promise<string[]> {
    const { book } = await loadBook(wb);
    const tb = trialBalance(book.ledger, book.setup, {
      from: "2026-11-01",
      to: "2026-11-30",
      byDimensions: ["Department"],
    });
    const at = (account: string, dept = "") =>
      tb.rows.find((r) => r.account === account && (r.dimensions.Department ?? "") === dept)?.closing.toString() ??
      "0.00";
    return [at("6200"), at("6300"), at("6400"), at("6090"), at("6100", "SALES"), at("6190")];
  }

  const post = (wb: MemoryWorkbook, rules?: string[]) =>
    allocate(wb, { period: "2026-11", mode: "post", ...(rules ? { rules } : {}) }, ctx);

  test("a full allocate, then --rules A3: refused, naming the earlier run and the rule; the totals stay one share", async () => {
    const wb = await november();
    const full = await post(wb);
    expect(full.posted?.posted).toBe(true);
    expect(await targets(wb)).toEqual(["100.00", "200.00", "200.00", "-500.00", "600.00", "-600.00"]);
    const again = await post(wb, ["A3"]);
    expect(again.posted?.posted).toBe(false);
    expect(again.issues.map((i) => i.code)).toEqual(["REPEATED_RUN"]);
    expect(again.issues[0]!.message).toContain(full.posted!.runId!);
    expect(again.issues[0]!.message).toContain("A3");
    expect(again.issues[0]!.message).toContain("2026-11");
    expect(again.issues[0]!.at).toMatchObject({ table: "tblRuns", row: 2, column: "Run id" });
    expect(await targets(wb)).toEqual(["100.00", "200.00", "200.00", "-500.00", "600.00", "-600.00"]);
  });

  test("--rules A5, then --rules A5,A3: refused for A5 (only A5 named); --rules A3 alone then posts A3", async () => {
    const wb = await november();
    const a5 = await post(wb, ["A5"]);
    expect(a5.posted?.posted).toBe(true);
    expect(await targets(wb)).toEqual(["0.00", "0.00", "0.00", "0.00", "600.00", "-600.00"]);
    const both = await post(wb, ["A5", "A3"]);
    expect(both.posted?.posted).toBe(false);
    expect(both.issues.map((i) => i.code)).toEqual(["REPEATED_RUN"]);
    expect(both.issues[0]!.message).toContain("A5");
    expect(both.issues[0]!.message).not.toContain("A3");
    expect(await targets(wb)).toEqual(["0.00", "0.00", "0.00", "0.00", "600.00", "-600.00"]);
    expect((await post(wb, ["A3"])).posted?.posted).toBe(true);
    expect(await targets(wb)).toEqual(["100.00", "200.00", "200.00", "-500.00", "600.00", "-600.00"]);
  });

  test("after the earlier run is reversed, the rule may be posted again — once", async () => {
    const wb = await november();
    const full = await post(wb);
    expect((await reverseRun(wb, full.posted!.runId!, { ...ctx, reason: "wrong weights" })).posted).toBe(true);
    expect(await targets(wb)).toEqual(["0.00", "0.00", "0.00", "0.00", "0.00", "0.00"]);
    expect((await post(wb, ["A3"])).posted?.posted).toBe(true);
    // A3 once; A5 stays reversed
    expect(await targets(wb)).toEqual(["100.00", "200.00", "200.00", "-500.00", "0.00", "0.00"]);
    expect((await post(wb, ["A3"])).issues.map((i) => i.code)).toEqual(["REPEATED_RUN"]);
    expect((await post(wb)).issues.map((i) => i.code)).toEqual(["REPEATED_RUN"]);
    expect((await post(wb, ["A5"])).posted?.posted).toBe(true);
    expect(await targets(wb)).toEqual(["100.00", "200.00", "200.00", "-500.00", "600.00", "-600.00"]);
  });

  test("the run carries its posting keys and its period", async () => {
    const wb = await november();
    const full = await post(wb);
    const { book } = await loadBook(wb);
    const run = book.runs.find((r) => r.runId === full.posted!.runId)!;
    expect(run.period).toBe("2026-11");
    expect((JSON.parse(run.parameters) as { postingKeys: string[] }).postingKeys).toEqual([
      "allocation:A3:2026-11",
      "allocation:A5:2026-11",
    ]);
  });

  test("the posted run's trace, kept in tblRunTrace, re-performs every line it posted", async () => {
    const wb = await november();
    const full = await post(wb);
    await allocate(wb, { period: "2026-11", mode: "preview", rules: ["A5"] }, ctx); // a later preview overwrites the preview sheet only
    const t = await readRunTrace(wb, full.posted!.runId!);
    const shares = t.rows.filter((r) => r.key.includes("→")).map((r) => [r.key, r.formula, r.result]);
    // 500.00 × 1/5 = 100.00, × 2/5 = 200.00 twice; 1,000.00 × 60/100 = 600.00
    expect(shares).toEqual([
      ["A3 → 6200", "500.00 × 1 / 5", "100.00"],
      ["A3 → 6300", "500.00 × 2 / 5", "200.00"],
      ["A3 → 6400", "500.00 × 2 / 5", "200.00"],
      ["A5 → 6100 · Department=SALES", "1000.00 × 60 / 100", "600.00"],
    ]);
    // each result is the amount the run posted to that destination
    const { book } = await loadBook(wb);
    const posted = book.ledger
      .filter((e) => e.runId === full.posted!.runId && e.amount.isPositive())
      .map((e) => e.amountAccounting.atScale(2).toString());
    expect(posted).toEqual(shares.map((x) => x[2]));
  });

  test("a preview whose proposal has errors writes nothing", async () => {
    const wb = await november();
    await wb.appendRows("tblAllocationRules", [
      ["A9", "Broken", "fixedPercentage", "6100", null, null, "9999", null, 50, null, null, null, null, null, true],
    ]);
    const p = await allocate(wb, { period: "2026-11", mode: "preview" }, ctx);
    expect(p.issues.some((i) => i.severity === "error")).toBe(true);
    expect(p.preview).toBeUndefined();
    expect(wb.getReport("Preview allocation")).toBeUndefined();
  });
});

test("a revaluation run carries the period of its date in tblRuns", async () => {
  const wb = await workbook();
  const posted = await revalue(wb, { date: "2026-03-31", mode: "post" }, ctx);
  const { book } = await loadBook(wb);
  expect(book.runs.find((r) => r.runId === posted.posted!.runId)?.period).toBe("2026-03");
});

test("settle: the register rows carry the run that posted them; a settle preview with errors writes nothing", async () => {
  const { settle } = await import("../../src/app/settle");
  const wb = await eurReceivableInvoicedAndPaid();
  const bad = await settle(wb, { kind: "marked", entries: [1, 99], date: "2026-03-31" }, "preview", ctx);
  expect(bad.issues.some((i) => i.severity === "error")).toBe(true);
  expect(wb.getReport("Preview settlement")).toBeUndefined();
  const r = await settle(wb, { kind: "marked", entries: [1, 4], date: "2026-03-31" }, "post", ctx);
  const runId = r.posted!.runId!;
  const t = (await wb.readTable("tblSettlements"))!;
  const col = t.headers.indexOf("Run id");
  expect(t.rows.map((row) => row[col])).toEqual([runId, runId]);
  const { book } = await loadBook(wb);
  expect(book.runs.find((x) => x.runId === runId)?.period).toBe("2026-03");
});
