/**
 * Office errors (OfficeExtension.Error: `code`, `message`, `debugInfo`) turned
 * into errors the app understands:
 * - AccessDenied → Error whose message starts with "AccessDenied:" (the port's
 *   ACCESS_DENIED), as a write to a protected sheet is answered;
 * - everything else → ExcelApiError "<op>: Excel error <code>: <message>",
 *   with the Office error as `cause`.
 * Callers that expect a particular code (ItemNotFound for a sheet, a wrong
 * password) check `officeCode(e)` first.
 *
 * Example:
 *   await syncOr(ctx, "appendRows tblLedger");
 *   // rejects with Error('AccessDenied: appendRows tblLedger: Excel refused the change (a protected sheet?): You cannot ...')
 */
import { ACCESS_DENIED } from "../../ports/workbook";
import type { XlContext } from "./excelHost";

export class ExcelApiError extends Error {
  override readonly name = "ExcelApiError";
  constructor(
    message: string,
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The Office error code of `e` ("AccessDenied", "ItemNotFound", ...), if it is an Office error. */
export function officeCode(e: unknown): string | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const code = (e as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The app-level error for an Office error raised during `op`. */
export function fromOfficeError(e: unknown, op: string): Error {
  if (e instanceof ExcelApiError || (e instanceof Error && e.message.startsWith(ACCESS_DENIED))) return e;
  const code = officeCode(e);
  if (code === undefined) return e instanceof Error ? e : new Error(`${op}: ${String(e)}`);
  if (code === "AccessDenied")
    return new Error(`${ACCESS_DENIED} ${op}: Excel refused the change (a protected sheet?): ${messageOf(e)}`, {
      cause: e,
    });
  return new ExcelApiError(`${op}: Excel error ${code}: ${messageOf(e)}`, code, { cause: e });
}

/** context.sync(), with Office errors mapped for `op`. */
export async function syncOr(context: XlContext, op: string): Promise<void> {
  try {
    await context.sync();
  } catch (e) {
    throw fromOfficeError(e, op);
  }
}
