/**
 * Worksheet protection over Excel, with the state checked first: current
 * Excel builds throw AccessDenied for protect() on a protected sheet and for
 * unprotect() on an unprotected one (OfficeDev/office-js#6784, excel-addin.md
 * §2.2), so neither call is ever sent in that state; the port's own errors
 * ("already protected", "not protected") are thrown instead. Each call is one
 * Excel.run: 1 sync for isProtected, 2 for protect / unprotect (state, then the
 * call plus a re-read of the state, so a wrong password is caught whether Excel
 * throws or silently keeps the sheet protected). A missing sheet (ItemNotFound)
 * is a SheetNotFoundError. withUnprotected (src/ports/protection.ts) builds
 * the unprotect → write → re-protect-in-finally sequence on top of these.
 * unprotect reports the sheet's protection options (allowSort, allowAutoFilter,
 * ...) so ExcelWorkbook re-protects with them, not with bare protection.
 *
 * Example:
 *   await protectSheet(run, "Ledger", "pw");   // Ledger protected, no options
 *   await protectSheet(run, "ledger", "pw");   // throws 'protect: sheet "Ledger" is already protected'
 */
import { SheetNotFoundError } from "../../ports/workbook";
import type { RunBatch, XlContext, XlWorksheet } from "./excelHost";
import { fromOfficeError, officeCode } from "./officeErrors";

async function syncSheet(ctx: XlContext, sheet: string, op: string): Promise<void> {
  try {
    await ctx.sync();
  } catch (e) {
    if (officeCode(e) === "ItemNotFound") throw new SheetNotFoundError(sheet, op);
    throw fromOfficeError(e, `${op} "${sheet}"`);
  }
}

async function openSheet(ctx: XlContext, sheet: string, op: string, withOptions = false): Promise<XlWorksheet> {
  if (typeof sheet !== "string") throw new SheetNotFoundError(String(sheet), op);
  const ws = ctx.workbook.worksheets.getItem(sheet);
  ws.load("name");
  ws.protection.load(withOptions ? "protected, options" : "protected");
  await syncSheet(ctx, sheet, op);
  return ws;
}

export function isSheetProtected(run: RunBatch, sheet: string): Promise<boolean> {
  return run(async (ctx) => (await openSheet(ctx, sheet, "isProtected")).protection.protected);
}

/** `options`: the allow* options to protect with (those the sheet had when Closebook unprotected it). */
export async function protectSheet(run: RunBatch, sheet: string, password: string, options?: object): Promise<void> {
  if (typeof password !== "string") throw new Error(`protect: the password for sheet "${sheet}" must be text`);
  await run(async (ctx) => {
    const ws = await openSheet(ctx, sheet, "protect");
    if (ws.protection.protected) throw new Error(`protect: sheet "${ws.name}" is already protected`);
    if (password === "") ws.protection.protect(options);
    else ws.protection.protect(options, password);
    ws.protection.load("protected");
    await syncSheet(ctx, sheet, "protect");
    if (!ws.protection.protected) throw new Error(`protect: Excel did not protect sheet "${ws.name}"`);
  });
}

/** `remember` hears the sheet's protection options before they are dropped, so re-protecting can restore them. */
export function unprotectSheet(
  run: RunBatch,
  sheet: string,
  password: string,
  remember?: (sheet: string, options: object) => void,
): Promise<void> {
  return run(async (ctx) => {
    const ws = await openSheet(ctx, sheet, "unprotect", true);
    if (!ws.protection.protected) throw new Error(`unprotect: sheet "${ws.name}" is not protected`);
    remember?.(ws.name, ws.protection.options);
    ws.protection.unprotect(typeof password === "string" ? password : "");
    ws.protection.load("protected");
    try {
      await ctx.sync();
    } catch (e) {
      if (officeCode(e) === "ItemNotFound") throw new SheetNotFoundError(sheet, "unprotect");
      const detail =
        officeCode(e) === undefined ? String(e) : `${officeCode(e)}: ${e instanceof Error ? e.message : String(e)}`;
      throw new Error(`unprotect: wrong password for sheet "${ws.name}" (Excel: ${detail})`, { cause: e });
    }
    if (ws.protection.protected) throw new Error(`unprotect: wrong password for sheet "${ws.name}"`);
  });
}
