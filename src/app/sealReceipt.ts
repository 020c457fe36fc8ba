/**
 * Use cases around the seal receipt (src/core/seal/receipt.ts), shared by the
 * CLI (`period --hold/--close`, `verify --receipt`) and the task pane's Periods
 * tab: the receipt of a period just sealed, and a workbook checked against a
 * receipt's text (pasted, uploaded or read from a file).
 *
 * Example: hold 2026-01, then
 *   await receiptFor(port, "2026-01", clock.now(), "bob")  → { period: "2026-01", hash: "$1$ab…", … }
 *   await verifyReceipt(port, JSON.stringify(that), "jan.json") → { issues: [RECEIPT_NOT_SIGNED (info)],
 *     proven: "period 2026-01's 6 ledger rows, every period sealed before it, and the first 9 audit rows are exactly as sealed on … by bob." }
 */
import { hasErrors, issue, type Issue } from "../core/issues/issue";
import { checkReceipt, makeReceipt, parseReceipt, type SealReceipt } from "../core/seal/receipt";
import type { WorkbookPort } from "../ports/workbook";
import { openRead, readBook } from "./operation";
import { VERIFY_READS, verifyWorkbook, type VerifyResult } from "./verifyWorkbook";

/** The receipt of the seal in force for `period` (undefined when it has none), signed when a key is given. */
export async function receiptFor(
  port: WorkbookPort,
  period: string,
  time: string,
  user: string,
  key?: string,
): Promise<SealReceipt | undefined> {
  const { book } = await readBook(port, VERIFY_READS);
  return makeReceipt(book, period, time, user, key);
}

export interface ReceiptVerifyResult extends VerifyResult {
  /** the receipt read, when its text was one */
  readonly receipt?: SealReceipt;
  /** the receipt's own issues (unreadable, mismatch, forged, not signed); `issues` holds verify's */
  readonly receiptIssues: Issue[];
  /** what the receipt proves, when neither verify nor the receipt check found an error */
  readonly proven?: string;
}

/**
 * Verifies the workbook (as `verify` does) and checks it against the receipt
 * `text`; `source` names the receipt in issues (a file name, "the pasted receipt").
 * With `key` the receipt's HMAC signature is checked too.
 */
export async function verifyReceipt(
  port: WorkbookPort,
  text: string,
  source: string,
  key?: string,
): Promise<ReceiptVerifyResult> {
  // one read of verify's tables for both checks
  const session = await openRead(port, VERIFY_READS);
  const r = await verifyWorkbook(session);
  const parsed = parseReceipt(text, source);
  if ("code" in parsed) return { ...r, receiptIssues: [parsed] };
  const checked = checkReceipt((await readBook(session, VERIFY_READS)).book, parsed, source, key);
  // a published workbook (closebook publish) carries its period's rows and seal, not the audit log
  const receiptIssues = r.published ? checked.filter((i) => i.code !== "RECEIPT_AUDIT_MISMATCH") : checked;
  if (!parsed.hmac && key === undefined) {
    receiptIssues.push(
      issue(
        "RECEIPT_NOT_SIGNED",
        `${source} is not signed: it proves the workbook against itself only if the receipt was kept where the workbook's editors cannot change it.`,
        { table: source },
        "info",
      ),
    );
  }
  if (hasErrors([...r.issues, ...receiptIssues])) return { ...r, receipt: parsed, receiptIssues };
  const signed = parsed.hmac && key !== undefined ? " (receipt signature verified)" : "";
  const proven = r.published
    ? `period ${parsed.period}'s ${parsed.count} ledger rows in this published file are exactly as sealed on ${parsed.time} by ${parsed.user}${signed} (the audit log is not part of a published file).`
    : `period ${parsed.period}'s ${parsed.count} ledger rows, every period sealed before it, and the first ${parsed.auditRows} audit rows are exactly as sealed on ${parsed.time} by ${parsed.user}${signed}.`;
  return { ...r, receipt: parsed, receiptIssues, proven };
}
