/**
 * Adding a close step is one core file plus one registry entry: a toy posting step, registered in a
 * test-only registry, gets preview, post, its state, the repeat refusal, reverse and closePeriod for
 * free — no hook, no app code.
 *
 * The toy step books a bank fee of 5.00 USD on the period's last day: Dr 6900 5.00 / Cr 2000 5.00.
 * Worked by hand: 6900 starts March at 0.00 (no March line touches it) → 5.00 after the post,
 * 0.00 after the reversal (5.00 − 5.00).
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { closePeriod } from "../../src/app/closePeriod";
import { closeStepStates, reverseCloseStep, runCloseStep } from "../../src/app/closeStepByStep";
import { loadBook } from "../../src/app/loadBook";
import { CLOSE_STEPS, registerCloseSteps, type CloseStep } from "../../src/core/close/steps";
import { trialBalance } from "../../src/core/ledger/trialBalance";
import { fixedClock } from "../../src/ports/clock";
import { A } from "../support/fixtures";
import { postedSmallCompany } from "../support/smallCompany";

const ctx = { user: "bob", clock: fixedClock("2026-04-02T10:00:00.000Z") };

// the whole definition of the step: what src/core/close/steps/<step>.ts would hold
const bankFee: CloseStep<{ date: string; period: string }> = {
  id: "bank-fee",
  title: "Bank fee",
  what: "Books the month's bank fee.",
  kind: "posting",
  runStep: "bank-fee",
  params: (p) => ({ date: p.end, period: p.id }),
  propose: (_book, x) => ({
    step: "bank-fee",
    parameters: { date: x.date },
    postingKeys: [{ key: `bank-fee:${x.period}`, what: `the bank fee of ${x.period}` }],
    vouchers: [
      {
        date: x.date,
        description: "Bank fee",
        lines: [
          {
            account: "6900",
            dimensions: {},
            currency: "USD",
            amount: A("5.00"),
            amountAccounting: A("5.00"),
            description: "Bank fee",
          },
          {
            account: "2000",
            dimensions: {},
            currency: "USD",
            amount: A("-5.00"),
            amountAccounting: A("-5.00"),
            description: "Bank fee",
          },
        ],
      },
    ],
    trace: [{ key: "6900", inputs: {}, formula: "5.00", result: "5.00 USD" }],
    issues: [],
  }),
};
const TEST_STEPS = registerCloseSteps([CLOSE_STEPS[0]!, bankFee as unknown as CloseStep]);

async function fee(wb: MemoryWorkbook): Promise<string> {
  const { book } = await loadBook(wb);
  const tb = trialBalance(book.ledger, book.setup, { from: "2026-03-01", to: "2026-03-31" });
  return tb.rows.find((r) => r.account === "6900")?.closing.toString() ?? "0.00";
}

const state = async (wb: MemoryWorkbook) =>
  (await closeStepStates(wb, "2026-03", TEST_STEPS)).find((s) => s.step === "bank-fee")!;

test("a toy step in a test-only registry is previewed, posted, refused again, reversed and closed with the period", async () => {
  const wb = await postedSmallCompany(new MemoryWorkbook(), ctx);
  const request = { period: "2026-03", step: "bank-fee" } as const;

  const preview = await runCloseStep(wb, { ...request, mode: "preview" }, ctx, TEST_STEPS);
  expect(preview).toMatchObject({
    status: "ok",
    previewSheet: "Preview bank-fee",
    summary: '1 voucher proposed (sheet "Preview bank-fee")',
  });
  expect([await fee(wb), (await state(wb)).state]).toEqual(["0.00", "not run"]);

  const post = await runCloseStep(wb, { ...request, mode: "post" }, ctx, TEST_STEPS);
  expect(post.summary).toBe(`posted 1 voucher (2 lines) as ${post.posted!.runId}`);
  expect(await fee(wb)).toBe("5.00");
  expect(await state(wb)).toMatchObject({ state: "posted", runId: post.posted!.runId });

  const again = await runCloseStep(wb, { ...request, mode: "post" }, ctx, TEST_STEPS);
  expect(again.issues.map((i) => i.code)).toEqual(["REPEATED_RUN"]);
  expect(again.issues[0]!.message).toContain(`Bank fee of 2026-03 was already posted as ${post.posted!.runId}`);

  const back = await reverseCloseStep(wb, { runId: post.posted!.runId!, reason: "fee waived" }, ctx, TEST_STEPS);
  expect(back.posted).toBe(true);
  expect(await fee(wb)).toBe("0.00");
  expect(await state(wb)).toMatchObject({ state: "reversed", runId: post.posted!.runId });

  // the one-command close loops over the same registry: it posts the fee again, once
  const closed = await closePeriod(wb, { period: "2026-03", preview: false }, ctx, TEST_STEPS);
  expect(closed.steps.map((s) => [s.id, s.status])).toEqual([
    ["verify-journals", "ok"],
    ["bank-fee", "ok"],
  ]);
  expect(closed.completed).toBe(true);
  expect(await fee(wb)).toBe("5.00");
  // and keeping what is posted (the pane's Run all steps) leaves it as it is
  const kept = await closePeriod(wb, { period: "2026-03", preview: false, posted: "keep" }, ctx, TEST_STEPS);
  expect(kept.steps.map((s) => [s.id, s.status])).toEqual([
    ["verify-journals", "ok"],
    ["bank-fee", "skipped"],
  ]);
  expect(await fee(wb)).toBe("5.00");
});
