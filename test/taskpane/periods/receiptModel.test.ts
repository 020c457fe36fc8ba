/**
 * The Periods tab's receipt check, at the use-case level: after a hold the pane
 * shows the chain head and the receipt; a pasted receipt is checked through
 * app/sealReceipt.verifyReceipt (the function `closebook verify --receipt` uses).
 *
 * The small company (test/support): bob posts March's drafts D-1..D-3 → tblLedger
 * rows 1–6 in 2026-03 (3 vouchers × 2 lines), D-4 → rows 7–8 in 2026-04. Holding
 * 2026-03 seals its 6 rows.
 */
import { MemoryWorkbook } from "../../../src/adapters/memory/memoryWorkbook";
import { changePeriod } from "../../../src/app/changePeriod";
import { receiptFor, verifyReceipt } from "../../../src/app/sealReceipt";
import { fixedClock } from "../../../src/ports/clock";
import {
  chainHeadSentence,
  keyFromInput,
  receiptFileName,
  receiptOutcome,
  receiptText,
} from "../../../src/taskpane/periods/receiptModel";
import { postedSmallCompany } from "../../support/smallCompany";

const clock = fixedClock("2026-04-05T09:00:00.000Z");

async function held() {
  const wb = await postedSmallCompany(new MemoryWorkbook(), { user: "bob", clock });
  const r = await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "March close" }, { user: "bob", clock });
  expect(r.done).toBe(true);
  return wb;
}

test("after a hold the pane shows the chain head and a receipt that verifies the workbook", async () => {
  const wb = await held();
  const receipt = (await receiptFor(wb, "2026-03", clock.now(), "bob", keyFromInput("  secret ")))!;
  expect(receipt).toMatchObject({ period: "2026-03", count: 6, hmac: expect.stringMatching(/^[0-9a-f]{64}$/) });
  expect(chainHeadSentence(receipt)).toBe(
    `Seal chain head: ${receipt.hash} (6 rows of 2026-03; audit log ${receipt.auditRows} rows). Keep it, or the receipt below, outside the workbook.`,
  );
  expect(receiptFileName(receipt)).toBe("seal-receipt-2026-03.json");

  const ok = await verifyReceipt(wb, receiptText(receipt), "the pasted receipt", keyFromInput("secret"));
  expect([...ok.issues, ...ok.receiptIssues]).toEqual([]);
  const outcome = receiptOutcome(ok);
  expect(outcome.intent).toBe("success");
  expect(outcome.text).toContain("period 2026-03's 6 ledger rows, every period sealed before it");
  expect(outcome.text).toContain("(receipt signature verified)");
});

test("a receipt that does not match, is forged, or is not a receipt is reported, not thrown", async () => {
  const wb = await held();
  const receipt = (await receiptFor(wb, "2026-03", clock.now(), "bob", "secret"))!;
  // one more row claimed than sealed (7 instead of 6): the signature breaks and the row count differs
  const altered = await verifyReceipt(wb, JSON.stringify({ ...receipt, count: 7 }), "the pasted receipt", "secret");
  expect(altered.receiptIssues.map((i) => i.code).sort()).toEqual(["RECEIPT_FORGED", "RECEIPT_MISMATCH"]);
  expect(receiptOutcome(altered)).toMatchObject({ intent: "error", text: expect.stringMatching(/^2 problems/) });

  // a wrong key typed in
  const wrongKey = await verifyReceipt(wb, receiptText(receipt), "the pasted receipt", keyFromInput("not the key"));
  expect(wrongKey.receiptIssues.map((i) => i.code)).toEqual(["RECEIPT_FORGED"]);

  const junk = await verifyReceipt(wb, "{ not json", "upload.json");
  expect(junk.receiptIssues.map((i) => i.code)).toEqual(["RECEIPT_UNREADABLE"]);
  expect(receiptOutcome(junk)).toMatchObject({ intent: "error", title: "Not a seal receipt" });

  // unsigned and no key: proven, with a note that the receipt must be kept safe
  const { hmac: _drop, ...unsigned } = receipt;
  const plain = await verifyReceipt(wb, JSON.stringify(unsigned), "the pasted receipt");
  expect(plain.receiptIssues.map((i) => [i.code, i.severity])).toEqual([["RECEIPT_NOT_SIGNED", "info"]]);
  expect(receiptOutcome(plain).intent).toBe("success");
});
