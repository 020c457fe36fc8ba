/**
 * The month-end close one step at a time (the Close tab's use cases) on a small
 * March book whose numbers are worked by hand:
 *   - EUR bank 1010: 200.00 EUR at 1.0825 (216.50) + 100.00 EUR at 1.09 (109.00) = 325.50 booked;
 *     at 1.09 on 2026-03-31 worth 327.00 → unrealized gain 1.50 (7100).
 *   - receivable 1100 (settle): invoice 100.00 EUR at 1.0825 (108.25), paid 100.00 EUR at 1.09 (109.00)
 *     → settled, realized gain 0.75 (7200).
 *   - rent 6100 ADMIN 1,000.00; rule R1 moves 60 % to SALES → ADMIN 400.00, SALES 600.00.
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { changePeriod } from "../../src/app/changePeriod";
import { closePeriod } from "../../src/app/closePeriod";
import {
  CLOSE_STEPS,
  closeStepStates,
  reverseCloseStep,
  runCloseStep,
  type CloseStepId,
} from "../../src/app/closeStepByStep";
import { loadBook } from "../../src/app/loadBook";
import { openForWrite } from "../../src/app/openForWrite";
import { postJournals } from "../../src/app/postJournals";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { trialBalance } from "../../src/core/ledger/trialBalance";
import { fixedClock } from "../../src/ports/clock";
import { acct, journal } from "../support/fixtures";
import { smallCompany } from "../support/smallCompany";

const clock = fixedClock("2026-04-02T10:00:00.000Z");
const ctx = { user: "bob", clock };

async function march(): Promise<MemoryWorkbook> {
  const company = smallCompany(
    journal(`
      D-0 2026-03-02 1010 EUR Dr 200.00
      D-0 2026-03-02 3000 EUR Cr 200.00
      D-1 2026-03-10 1100 EUR Dr 100.00
      D-1 2026-03-10 4000 EUR Cr 100.00
      D-2 2026-03-25 1010 EUR Dr 100.00
      D-2 2026-03-25 1100 EUR Cr 100.00
      D-3 2026-03-05 6100 USD Dr 1000.00 dept=ADMIN
      D-3 2026-03-05 1000 USD Cr 1000.00`),
  );
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, {
    ...company,
    settings: {
      ...company.settings,
      unrealizedGainAccount: "7100",
      unrealizedLossAccount: "7110",
      realizedGainAccount: "7200",
      realizedLossAccount: "7210",
    },
    accounts: [
      ...company.accounts.map((a) => (a.number === "1100" ? { ...a, settle: true } : a)),
      acct("7100", "Unrealized FX gain", "revenue"),
      acct("7110", "Unrealized FX loss", "expense"),
      acct("7200", "Realized FX gain", "revenue"),
      acct("7210", "Realized FX loss", "expense"),
    ],
  });
  expect((await postJournals(wb, ctx)).posted).toBe(true);
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
  return wb;
}

async function balances(wb: MemoryWorkbook): Promise<Record<string, string>> {
  const { book } = await loadBook(wb);
  const tb = trialBalance(book.ledger, book.setup, {
    from: "2026-03-01",
    to: "2026-03-31",
    byDimensions: ["Department"],
  });
  return Object.fromEntries(
    tb.rows.map((r) => [
      `${r.account}${r.dimensions.Department ? ` ${r.dimensions.Department}` : ""}`,
      r.closing.toString(),
    ]),
  );
}

async function state(wb: MemoryWorkbook, step: CloseStepId) {
  return (await closeStepStates(wb, "2026-03")).find((s) => s.step === step)!;
}

test("the steps have the titles of the UI contract, in order; three of them post", () => {
  expect(CLOSE_STEPS.map((s) => s.title)).toEqual([
    "Verify journals are posted",
    "Rate checks",
    "Settlement",
    "Revaluation",
    "Allocations",
    "Period-end adjustments",
    "Journal report and statements",
  ]);
  expect(CLOSE_STEPS.filter((s) => s.kind === "posting").map((s) => s.id)).toEqual([
    "settlement",
    "revaluation",
    "allocations",
  ]);
});

test("stepping through March posts the worked amounts and leaves the same workbook as closePeriod", async () => {
  const stepped = await march();
  for (const def of CLOSE_STEPS) {
    const r = await runCloseStep(stepped, { period: "2026-03", step: def.id, mode: "post" }, ctx);
    expect([def.id, r.status]).toEqual([def.id, "ok"]);
  }
  const b = await balances(stepped);
  expect([b["1010"], b["7100"], b["1100"], b["7200"], b["6100 ADMIN"], b["6100 SALES"]]).toEqual([
    "327.00",
    "-1.50",
    "0.00",
    "-0.75",
    "400.00",
    "600.00",
  ]);

  const whole = await march();
  const closed = await closePeriod(whole, { period: "2026-03", preview: false }, ctx);
  expect(closed.completed).toBe(true);
  for (const table of ["tblLedger", "tblSettlements", "tblRuns", "tblAudit", "tblSequences"]) {
    expect([table, (await stepped.readTable(table))?.rows]).toEqual([table, (await whole.readTable(table))?.rows]);
  }
  expect(stepped.getReport("Balance sheet 2026-03")?.rows).toEqual(whole.getReport("Balance sheet 2026-03")?.rows);
  expect(stepped.getReport("Balance sheet 2026-03")).toBeDefined();
});

test("Run all steps (closePeriod keeping what is posted) leaves a posted step as it is and posts the others", async () => {
  const wb = await march();
  const a = await runCloseStep(wb, { period: "2026-03", step: "allocations", mode: "post" }, ctx);
  const seen: string[] = [];
  const r = await closePeriod(
    wb,
    { period: "2026-03", preview: false, posted: "keep", onStep: (def, o) => seen.push(`${def.id} ${o.status}`) },
    ctx,
  );
  expect(r.completed).toBe(true);
  expect(r.steps.find((s) => s.id === "allocations")).toMatchObject({
    status: "skipped",
    summary: `already posted as ${a.posted!.runId}`,
  });
  expect(seen).toEqual([
    "verify-journals ok",
    "rate-checks ok",
    "settlement ok",
    "revaluation ok",
    "adjustments ok",
    "statements ok",
  ]);
  // the same worked amounts as stepping through; R1 once: 1,000.00 × 60 % = 600.00
  const b = await balances(wb);
  expect([b["1010"], b["7100"], b["1100"], b["7200"], b["6100 ADMIN"], b["6100 SALES"]]).toEqual([
    "327.00",
    "-1.50",
    "0.00",
    "-0.75",
    "400.00",
    "600.00",
  ]);
});

test("states go not run → posted → reversed; a re-post is refused naming the run; a reversal restores the balances", async () => {
  const wb = await march();
  expect((await closeStepStates(wb, "2026-03")).map((s) => s.state)).toEqual(Array(7).fill("not run"));

  const reval = await runCloseStep(wb, { period: "2026-03", step: "revaluation", mode: "post" }, ctx);
  expect(reval.summary).toBe(`posted 1 voucher (2 lines) as ${reval.posted!.runId}`);
  // the trace shows the worked figure: 300.00 EUR at 1.09 = 327.00 against 325.50 booked
  expect(reval.proposal!.trace.map((t) => t.result)).toContain("1.50 USD");
  const posted = await state(wb, "revaluation");
  expect(posted).toMatchObject({
    state: "posted",
    runId: reval.posted!.runId,
    vouchers: reval.posted!.vouchers[0],
    user: "bob",
    startedAt: "2026-04-02T10:00:00.000Z",
  });

  const again = await runCloseStep(wb, { period: "2026-03", step: "revaluation", mode: "post" }, ctx);
  expect(again.status).toBe("failed");
  expect(again.issues[0]).toMatchObject({ code: "REPEATED_RUN", at: { table: "tblRuns", column: "Run id" } });
  expect(again.issues[0]!.message).toContain(`Revaluation of 2026-03 was already posted as ${posted.runId}`);
  // a preview is still allowed and writes nothing to the ledger
  expect((await runCloseStep(wb, { period: "2026-03", step: "revaluation", mode: "preview" }, ctx)).status).toBe("ok");

  const back = await reverseCloseStep(wb, { runId: posted.runId!, reason: "rates corrected" }, ctx);
  expect(back.posted).toBe(true);
  expect(await state(wb, "revaluation")).toMatchObject({
    state: "reversed",
    runId: posted.runId,
    note: `reversed by ${back.runId}: rates corrected`,
  });
  expect((await balances(wb))["1010"]).toBe("325.50");
  expect((await balances(wb))["7100"] ?? "0.00").toBe("0.00");

  // after the reversal it can be posted again
  const repost = await runCloseStep(wb, { period: "2026-03", step: "revaluation", mode: "post" }, ctx);
  expect(repost.posted?.posted).toBe(true);
  expect(await state(wb, "revaluation")).toMatchObject({ state: "posted", runId: repost.posted!.runId });
});

test("reversing the settlement run reopens the items and marks the register rows reversed, in one run", async () => {
  const wb = await march();
  const s = await runCloseStep(wb, { period: "2026-03", step: "settlement", mode: "post" }, ctx);
  expect(s.summary).toMatch(/^1 settlement; posted 1 voucher \(\d lines\) as RUN-\d+$/);
  expect((await balances(wb))["7200"]).toBe("-0.75");
  const runId = (await state(wb, "settlement")).runId!;

  expect((await reverseCloseStep(wb, { runId, reason: "" }, ctx)).issues.map((i) => i.code)).toEqual([
    "REASON_REQUIRED",
  ]);
  const back = await reverseCloseStep(wb, { runId, reason: "wrong match" }, ctx);
  expect(back.issues.filter((i) => i.severity === "error")).toEqual([]);
  expect(back.posted).toBe(true);
  expect((await balances(wb))["7200"] ?? "0.00").toBe("0.00");
  expect((await balances(wb))["1100"]).toBe("-0.75"); // 108.25 − 109.00: open again
  expect(await state(wb, "settlement")).toMatchObject({ state: "reversed", runId });
  const register = (await wb.readTable("tblSettlements"))!;
  const status = register.headers.indexOf("Status");
  expect(register.rows.map((r) => r[status])).toEqual(["reversed", "reversed"]);
  // settled again from scratch
  const again = await runCloseStep(wb, { period: "2026-03", step: "settlement", mode: "post" }, ctx);
  expect(again.summary).toMatch(/^1 settlement; posted/);
  expect((await balances(wb))["7200"]).toBe("-0.75");
});

test("a settlement reversal interrupted at any write is rolled back whole by the next open, and can then be done", async () => {
  const settled = async () => {
    const wb = await march();
    await runCloseStep(wb, { period: "2026-03", step: "settlement", mode: "post" }, ctx);
    return { wb, runId: (await state(wb, "settlement")).runId! };
  };
  const clean = await settled();
  const before = clean.wb.writeCount;
  await reverseCloseStep(clean.wb, { runId: clean.runId, reason: "wrong match" }, ctx);
  const writes = clean.wb.writeCount - before;
  const expected = await balances(clean.wb);
  for (let n = 1; n <= writes; n++) {
    const { wb, runId } = await settled();
    const register = (await wb.readTable("tblSettlements"))!.rows;
    const ledger = (await wb.readTable("tblLedger"))!.rows.length;
    wb.failOnWrite(n);
    await expect(reverseCloseStep(wb, { runId, reason: "wrong match" }, ctx)).rejects.toThrow(/injected failure/);
    await openForWrite(wb, "bob", clock);
    const after = await state(wb, "settlement");
    if (after.state === "posted") {
      // rolled back: register and ledger as before, and the reversal can simply be run again
      expect([n, (await wb.readTable("tblSettlements"))!.rows, (await wb.readTable("tblLedger"))!.rows.length]).toEqual(
        [n, register, ledger],
      );
      expect((await reverseCloseStep(wb, { runId, reason: "wrong match" }, ctx)).posted).toBe(true);
    }
    expect([n, (await state(wb, "settlement")).state, await balances(wb)]).toEqual([n, "reversed", expected]);
  }
});

test("allocations: posted once, refused again naming the run, reversed", async () => {
  const wb = await march();
  const a = await runCloseStep(wb, { period: "2026-03", step: "allocations", mode: "post" }, ctx);
  expect(a.status).toBe("ok");
  expect((await balances(wb))["6100 SALES"]).toBe("600.00");
  const again = await runCloseStep(wb, { period: "2026-03", step: "allocations", mode: "post" }, ctx);
  expect(again.issues.map((i) => i.code)).toEqual(["REPEATED_RUN"]);
  expect(again.issues[0]!.message).toContain(a.posted!.runId!);
  expect((await reverseCloseStep(wb, { runId: a.posted!.runId!, reason: "rule changes" }, ctx)).posted).toBe(true);
  expect((await balances(wb))["6100 ADMIN"]).toBe("1000.00");
  expect((await state(wb, "allocations")).state).toBe("reversed");
});

test("the one-command close's re-run posts the rules not yet posted for the period, and no rule twice", async () => {
  const wb = await march();
  // R2: 10 % of ADMIN's rent to SALES, offset to 6900 (so ADMIN keeps its 1,000.00 for R1)
  await wb.appendRows("tblAllocationRules", [
    [
      "R2",
      "Rent share",
      "fixedPercentage",
      "6100",
      "Department=ADMIN",
      null,
      "6100",
      "Department=SALES",
      10,
      null,
      null,
      null,
      "6900",
      null,
      true,
    ],
  ]);
  const { allocate } = await import("../../src/app/closeSteps");
  const r2 = await allocate(wb, { period: "2026-03", rules: ["R2"], mode: "post" }, ctx);
  expect(r2.posted?.posted).toBe(true);
  const r = await runCloseStep(wb, { period: "2026-03", step: "allocations", mode: "post", repeat: "rerun" }, ctx);
  expect(r.status).toBe("ok");
  expect(r.issues.map((i) => [i.code, i.severity])).toEqual([["ALREADY_POSTED", "info"]]);
  expect(r.issues[0]!.message).toContain(r2.posted!.runId!);
  // R2 once: 1,000.00 × 10 % = 100.00; R1: 1,000.00 × 60 % = 600.00 → ADMIN 400.00, SALES 700.00, 6900 −100.00
  const b = await balances(wb);
  expect([b["6100 ADMIN"], b["6100 SALES"], b["6900"]]).toEqual(["400.00", "700.00", "-100.00"]);
  // and again: every rule is posted, nothing more
  const again = await runCloseStep(wb, { period: "2026-03", step: "allocations", mode: "post", repeat: "rerun" }, ctx);
  expect(again).toMatchObject({ status: "ok", summary: "already posted for this period" });
  expect(await balances(wb)).toEqual(b);
});

test("a posting step's preview with errors writes no sheet", async () => {
  const wb = await march();
  await wb.appendRows("tblAllocationRules", [
    ["R9", "Broken", "fixedPercentage", "6100", null, null, "9999", null, 50, null, null, null, null, null, true],
  ]);
  const p = await runCloseStep(wb, { period: "2026-03", step: "allocations", mode: "preview" }, ctx);
  expect(p.status).toBe("failed");
  expect(p.previewSheet).toBeUndefined();
  expect(p.summary).toContain("no preview written");
  expect(wb.getReport("Preview allocation")).toBeUndefined();
});

test("a posting step's preview writes its sheet and posts nothing", async () => {
  const wb = await march();
  const before = (await wb.readTable("tblLedger"))!.rows.length;
  const runs = (await wb.readTable("tblRuns"))!.rows.length;
  const p = await runCloseStep(wb, { period: "2026-03", step: "allocations", mode: "preview" }, ctx);
  expect(p).toMatchObject({
    status: "ok",
    previewSheet: "Preview allocation",
    summary: '1 voucher proposed (sheet "Preview allocation")',
  });
  expect(wb.getReport("Preview allocation")?.title).toContain("nothing has been posted");
  expect(p.proposal!.vouchers[0]!.lines.map((l) => l.amountAccounting.toString()).sort()).toEqual([
    "-600.00",
    "600.00",
  ]);
  expect((await wb.readTable("tblLedger"))!.rows.length).toBe(before);
  expect((await wb.readTable("tblRuns"))!.rows.length).toBe(runs);
  expect((await state(wb, "allocations")).state).toBe("not run");
});

test("drafts in the period fail the first step; an override continues with a warning and is audited", async () => {
  const wb = await march();
  const { headers } = (await wb.readTable("tblJournal"))!;
  const late: Record<string, unknown> = {
    Journal: "GJ",
    "Draft voucher": "D-9",
    Date: new Date("2026-03-30T00:00:00Z"),
    Account: "6100",
    Department: "ADMIN",
    Currency: "USD",
    Debit: 5,
    Description: "late",
    Status: "Draft",
  };
  await wb.appendRows("tblJournal", [headers.map((h) => (late[String(h)] ?? null) as string | number | Date | null)]);
  const stop = await runCloseStep(wb, { period: "2026-03", step: "verify-journals", mode: "post" }, ctx);
  expect(stop).toMatchObject({ status: "failed", summary: "1 draft line" });
  expect(stop.issues[0]).toMatchObject({
    code: "DRAFTS_IN_PERIOD",
    severity: "error",
    at: { table: "tblJournal", row: 9 },
  }); // after the 8 posted lines
  const go = await runCloseStep(
    wb,
    {
      period: "2026-03",
      step: "verify-journals",
      mode: "post",
      overrideDrafts: { reason: "late invoice goes to April" },
    },
    ctx,
  );
  expect(go).toMatchObject({ status: "ok", summary: "1 draft line (overridden)" });
  expect(go.issues[0]!.severity).toBe("warning");
  const { book } = await loadBook(wb);
  expect(book.audit.filter((a) => a.action === "override").map((a) => a.reason)).toEqual([
    "late invoice goes to April",
  ]);
});

test("an unknown period fails every step with UNKNOWN_PERIOD; states of an unknown period are all not run", async () => {
  const wb = await march();
  const r = await runCloseStep(wb, { period: "2026-13", step: "settlement", mode: "preview" }, ctx);
  expect(r.issues.map((i) => i.code)).toEqual(["UNKNOWN_PERIOD"]);
  expect((await closeStepStates(wb, "2026-13")).every((s) => s.state === "not run")).toBe(true);
});

test("the posting gate stands: a period on hold can be previewed, not posted to, and its runs not reversed", async () => {
  const wb = await march();
  const reval = await runCloseStep(wb, { period: "2026-03", step: "revaluation", mode: "post" }, ctx);
  expect((await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "March closed" }, ctx)).done).toBe(true);
  const ledger = (await wb.readTable("tblLedger"))!.rows.length;
  expect((await runCloseStep(wb, { period: "2026-03", step: "allocations", mode: "preview" }, ctx)).status).toBe("ok");
  const refused = await runCloseStep(wb, { period: "2026-03", step: "allocations", mode: "post" }, ctx);
  expect(refused.status).toBe("failed");
  expect(refused.issues.some((i) => i.severity === "error")).toBe(true);
  const back = await reverseCloseStep(wb, { runId: reval.posted!.runId!, reason: "too late" }, ctx);
  expect(back.posted).toBe(false);
  expect((await wb.readTable("tblLedger"))!.rows.length).toBe(ledger);
  expect((await state(wb, "revaluation")).state).toBe("posted");
});
