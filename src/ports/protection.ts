/**
 * withUnprotected: unprotect → work → re-protect, safely. Excel has no bypass
 * for API writes to a protected sheet, and a failed batch would leave the sheet
 * open (excel-addin.md §2.2), so:
 * - each sheet's state is checked first (protect on a protected sheet and
 *   unprotect on an unprotected one throw, OfficeDev/office-js#6784); sheets
 *   that do not exist are skipped, unprotected ones are left alone;
 * - re-protecting happens in `finally`, for exactly the sheets this call
 *   unprotected (and still open), even when `work` (or a later unprotect)
 *   throws; when re-protecting fails after a failure, the original error wins.
 *
 * Example:
 *   await port.protect("Ledger", pw);
 *   await withUnprotected(port, ["Ledger", "Journal"], pw, () => port.appendRows("tblGL", rows));
 *   await port.isProtected("Ledger")   // true again ("Journal" was not protected: still not)
 */
import type { WorkbookPort } from "./workbook";
import { isSheetNotFound } from "./workbook";

export type ProtectionPort = Pick<WorkbookPort, "isProtected" | "protect" | "unprotect">;

export async function withUnprotected<R>(
  port: ProtectionPort,
  sheets: readonly string[],
  password: string,
  work: () => Promise<R>,
): Promise<R> {
  const opened: string[] = [];
  let result: R;
  try {
    for (const sheet of sheets) {
      if (!(await protectedOrMissing(port, sheet))) continue;
      await port.unprotect(sheet, password);
      opened.push(sheet);
    }
    result = await work();
  } catch (e) {
    await reprotect(port, opened, password).catch(() => undefined); // the original error wins
    throw e;
  }
  await reprotect(port, opened, password);
  return result;
}

/** true when `sheet` exists and is protected; false when it is unprotected or missing. */
async function protectedOrMissing(port: ProtectionPort, sheet: string): Promise<boolean> {
  try {
    return await port.isProtected(sheet);
  } catch (e) {
    if (isSheetNotFound(e)) return false;
    throw e;
  }
}

/** Protects every sheet of `sheets` that is not protected (again) by now; tries them all, then throws the first failure. */
async function reprotect(port: ProtectionPort, sheets: readonly string[], password: string): Promise<void> {
  let first: Error | undefined;
  for (const sheet of sheets) {
    try {
      if (!(await port.isProtected(sheet))) await port.protect(sheet, password);
    } catch (e) {
      first ??= new Error(
        `withUnprotected: could not protect sheet "${sheet}" again: ${e instanceof Error ? e.message : String(e)}`,
        { cause: e },
      );
    }
  }
  if (first !== undefined) throw first;
}
