import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { changePeriod } from "../../src/app/changePeriod";
import { postProposal, previewProposal, reverseRun } from "../../src/app/closeRuns";
import { loadBook } from "../../src/app/loadBook";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import type { Proposal } from "../../src/core/close/proposal";
import { trialBalance } from "../../src/core/ledger/trialBalance";
import { fixedClock } from "../../src/ports/clock";
import { A } from "../support/fixtures";
import { smallCompany } from "../support/smallCompany";

const clock = fixedClock("2026-04-02T10:00:00.000Z");
const ctx = { user: "bob", clock };

/** A hand-made step: move 12.34 USD of rent from ADMIN to SALES on 2026-03-31. */
const proposal: Proposal = {
  step: "test-allocation",
  parameters: { date: "2026-03-31", rule: "R1" },
  trace: [{ key: "6100", inputs: { source: "12.34" }, formula: "12.34 × 100%", result: "12.34" }],
  issues: [],
  vouchers: [
    {
      date: "2026-03-31",
      description: "Rent to sales",
      lines: [
        {
          account: "6100",
          dimensions: { Department: "SALES" },
          currency: "USD",
          amount: A("12.34"),
          amountAccounting: A("12.34"),
          description: "to SALES",
        },
        {
          account: "6100",
          dimensions: { Department: "ADMIN" },
          currency: "USD",
          amount: A("-12.34"),
          amountAccounting: A("-12.34"),
          description: "from ADMIN",
        },
      ],
    },
  ],
};

async function workbook(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, smallCompany());
  return wb;
}

const balances = async (wb: MemoryWorkbook) => {
  const { book } = await loadBook(wb);
  return trialBalance(book.ledger, book.setup, {
    from: "2026-01-01",
    to: "2026-12-31",
    byDimensions: ["Department"],
  }).rows.map((r) => [r.account, r.dimensions.Department, r.closing.toString()]);
};

test("preview writes the vouchers and the trace to a sheet and leaves the ledger alone", async () => {
  const wb = await workbook();
  const sheet = await previewProposal(wb, proposal);
  expect(sheet?.title).toContain("nothing has been posted");
  expect(wb.getReport("Preview test-allocation")?.rows[1]?.slice(0, 7)).toEqual([
    1,
    "2026-03-31",
    "6100",
    "Department=SALES",
    "USD",
    12.34,
    12.34,
  ]);
  expect(wb.rowCount("tblLedger")).toBe(0);
});

test("post appends as a run; the same parameters again are refused until the run is reversed", async () => {
  const wb = await workbook();
  const first = await postProposal(wb, proposal, ctx);
  expect(first).toMatchObject({ posted: true, runId: "RUN-000001", vouchers: ["GL-000001"], lines: 2 });
  expect(await balances(wb)).toEqual([
    ["6100", "ADMIN", "-12.34"],
    ["6100", "SALES", "12.34"],
  ]);
  const again = await postProposal(wb, proposal, ctx);
  expect(again.posted).toBe(false);
  expect(again.issues.map((i) => i.code)).toEqual(["REPEATED_RUN"]);
  expect(again.issues[0]!.message).toContain("RUN-000001");

  const reversed = await reverseRun(wb, "RUN-000001", { ...ctx, reason: "wrong rule" });
  expect(reversed).toMatchObject({ posted: true, runId: "RUN-000002", vouchers: ["GL-000002"] });
  // post then reverse is neutral
  expect((await balances(wb)).map((r) => r[2])).toEqual(["0.00", "0.00"]);
  const { book } = await loadBook(wb);
  expect(book.runs.map((r) => [r.runId, r.step, r.status])).toEqual([
    ["RUN-000001", "test-allocation", "reversed"],
    ["RUN-000002", "reverse", "committed"],
  ]);
  expect(book.ledger.filter((e) => e.runId === "RUN-000002").every((e) => e.source === "reversal:RUN-000001")).toBe(
    true,
  );
  // a reversed run cannot be reversed twice; after the reversal the step may run again
  expect((await reverseRun(wb, "RUN-000001", { ...ctx, reason: "again" })).issues.map((i) => i.code)).toEqual([
    "NOT_REVERSIBLE",
  ]);
  expect((await postProposal(wb, proposal, ctx)).posted).toBe(true);
});

test("posting and reversing go through the gate: a period on hold refuses both", async () => {
  const wb = await workbook();
  await postProposal(wb, proposal, ctx);
  expect((await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "closed" }, ctx)).done).toBe(true);
  const r = await reverseRun(wb, "RUN-000001", { ...ctx, reason: "too late" });
  expect(r.posted).toBe(false);
  expect(r.issues.map((i) => i.code)).toEqual(["PERIOD_NOT_OPEN"]);
  const other = await postProposal(wb, { ...proposal, parameters: { date: "2026-03-31", rule: "R2" } }, ctx);
  expect(other.issues.map((i) => i.code)).toEqual(["PERIOD_NOT_OPEN"]);
});

test("an unbalanced or invalid proposal is refused whole", async () => {
  const wb = await workbook();
  const bad: Proposal = {
    ...proposal,
    vouchers: [
      {
        ...proposal.vouchers[0]!,
        lines: [
          proposal.vouchers[0]!.lines[0]!,
          { ...proposal.vouchers[0]!.lines[1]!, account: "9999", amountAccounting: A("-12.33") },
        ],
      },
    ],
  };
  const r = await postProposal(wb, bad, ctx);
  expect(r.posted).toBe(false);
  expect(r.issues.map((i) => i.code).sort()).toEqual(["UNBALANCED", "UNKNOWN_ACCOUNT"]);
  expect(wb.rowCount("tblLedger")).toBe(0);
});

test("a posted run keeps its calculation trace in tblRunTrace; the next preview does not take it away", async () => {
  const { readRunTrace } = await import("../../src/app/runTrace");
  const wb = await workbook();
  const posted = await postProposal(wb, proposal, ctx);
  // Run id, Step, Key, Inputs, Rate, Formula, Result, Residue — the proposal's one trace row, as text (blank cells empty)
  const row = ["RUN-000001", "test-allocation", "6100", "source 12.34", null, "12.34 × 100%", "12.34", null];
  expect((await wb.readTable("tblRunTrace"))?.rows).toEqual([row]);
  await previewProposal(wb, {
    ...proposal,
    parameters: { date: "2026-03-31", rule: "R2" },
    trace: [{ key: "other", inputs: {}, formula: "1 × 1", result: "1" }],
  });
  expect((await wb.readTable("tblRunTrace"))?.rows).toEqual([row]);
  const t = await readRunTrace(wb, posted.runId!);
  expect(t.run?.step).toBe("test-allocation");
  expect(t.rows.map((r) => [r.key, r.formula, r.result])).toEqual([["6100", "12.34 × 100%", "12.34"]]);
  expect(await wb.isProtected("Run trace")).toBe(true);
  expect((await readRunTrace(wb, "RUN-000099")).issues.map((i) => i.code)).toEqual(["UNKNOWN_RUN"]);
});

test("a workbook made before tblRunTrace existed gets the table (protected) with its first posted trace", async () => {
  const made = await workbook();
  const snap = made.snapshot();
  // the same workbook without the Run trace sheet, its other system sheets protected as before
  const wb = MemoryWorkbook.from(snap.tables.filter((t) => t.name !== "tblRunTrace"));
  for (const sheet of snap.protectedSheets) if (sheet !== "Run trace") await wb.protect(sheet, "");
  expect(await wb.readTable("tblRunTrace")).toBeUndefined();
  const posted = await postProposal(wb, proposal, ctx);
  expect(posted.posted).toBe(true);
  expect((await wb.readTable("tblRunTrace"))?.rows.map((r) => r[0])).toEqual(["RUN-000001"]);
  expect(await wb.isProtected("Run trace")).toBe(true);
});

test("posting keys, not parameters, decide a repeat: other parameters with a posted key are refused, a new key posts", async () => {
  const wb = await workbook();
  const keyed = (n: number, key: string): Proposal => ({
    ...proposal,
    parameters: { date: "2026-03-31", n },
    postingKeys: [{ key, what: `the thing ${key}` }],
  });
  expect((await postProposal(wb, keyed(1, "k:1"), ctx)).posted).toBe(true);
  const again = await postProposal(wb, keyed(2, "k:1"), ctx);
  expect(again.posted).toBe(false);
  expect(again.issues).toEqual([
    expect.objectContaining({ code: "REPEATED_RUN", at: { table: "tblRuns", row: 1, column: "Run id" } }),
  ]);
  expect(again.issues[0]!.message).toMatch(/^the thing k:1 was already posted by RUN-000001 on 2026-04-02/);
  expect((await postProposal(wb, keyed(2, "k:2"), ctx)).posted).toBe(true);
  // a delta step is never refused by keys
  expect((await postProposal(wb, { ...keyed(3, "k:1"), rerun: "delta" }, ctx)).posted).toBe(true);
  expect((await balances(wb)).map((r) => r[2])).toEqual(["-37.02", "37.02"]); // 3 × 12.34
});
