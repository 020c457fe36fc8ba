/**
 * The Periods tab's seal receipt, as pure functions: the chain head shown after
 * a hold or close (to keep outside the workbook), the receipt as text to copy or
 * download, and the outcome of checking the workbook against a pasted or
 * uploaded receipt (app/sealReceipt.verifyReceipt, as `closebook verify --receipt`).
 *
 * Example: chainHeadSentence({ period: "2026-03", count: 6, hash: "$1$5f3a…", auditRows: 9, … })
 *   → "Seal chain head: $1$5f3a… (6 rows of 2026-03; audit log 9 rows). Keep it, or the receipt below, outside the workbook."
 *   receiptOutcome({ issues: [], receiptIssues: [], proven: "period 2026-03's 6 ledger rows … by bob." })
 *   → { intent: "success", text: "The workbook matches the receipt: period 2026-03's 6 ledger rows … by bob." }
 */
import type { ReceiptVerifyResult } from "../../app/sealReceipt";
import type { SealReceipt } from "../../core/seal/receipt";
import type { OutcomeValue } from "../shell/Outcome";

export function chainHeadSentence(r: Pick<SealReceipt, "period" | "count" | "hash" | "auditRows">): string {
  return `Seal chain head: ${r.hash} (${r.count.toLocaleString("en-US")} row${r.count === 1 ? "" : "s"} of ${r.period}; audit log ${r.auditRows.toLocaleString("en-US")} rows). Keep it, or the receipt below, outside the workbook.`;
}

/** The receipt as the CLI writes it (`--receipt-out`): indented JSON. */
export function receiptText(r: SealReceipt): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

/** "seal-receipt-2026-03.json" */
export function receiptFileName(r: Pick<SealReceipt, "period">): string {
  return `seal-receipt-${r.period.replace(/[^A-Za-z0-9_-]/g, "_")}.json`;
}

/** The one-sentence result of a receipt check; the issues are listed under it. */
export function receiptOutcome(
  r: Pick<ReceiptVerifyResult, "issues" | "receiptIssues" | "proven" | "receipt">,
): OutcomeValue {
  if (r.proven) return { intent: "success", text: `The workbook matches the receipt: ${r.proven}` };
  if (!r.receipt)
    return {
      intent: "error",
      title: "Not a seal receipt",
      text: "Paste or upload the JSON receipt written when the period was put on hold or closed.",
    };
  const errors = [...r.issues, ...r.receiptIssues].filter((i) => i.severity === "error").length;
  return {
    intent: "error",
    title: "The workbook does not match the receipt",
    text: `${errors} problem${errors === 1 ? "" : "s"}: what was sealed for ${r.receipt.period} on ${r.receipt.time} was changed, or the receipt was.`,
  };
}

/** The HMAC key as typed: blank means none. */
export function keyFromInput(typed: string): string | undefined {
  return typed.trim() ? typed.trim() : undefined;
}
