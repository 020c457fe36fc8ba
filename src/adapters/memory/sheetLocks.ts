/**
 * Worksheet protection state of a MemoryWorkbook: which sheets are protected
 * and how each one checks its password. A lock is the password given to
 * `protect` (memory), or an adapter's own check, e.g. a password hash read
 * from an xlsx file (see src/adapters/xlsx/sheetProtection.ts). Sheet names
 * are matched case-insensitively; the declared spelling is kept.
 *
 * Example:
 *   const locks = new SheetLocks();
 *   locks.lock("Ledger", passwordLock("s3cret"));
 *   locks.assertWritable("LEDGER", "appendRows tblLedger")
 *     // throws 'AccessDenied: sheet "Ledger" is protected (appendRows tblLedger); unprotect it first'
 *   locks.unlock("Ledger", "wrong", "unprotect")   // throws: wrong password, stays locked
 */
import { ACCESS_DENIED } from "../../ports/workbook";

/** How a protected sheet checks a password. */
export interface SheetLock {
  /** true when `password` unprotects the sheet */
  verify(password: string): boolean;
}

/** A lock opened by exactly `password`. */
export function passwordLock(password: string): SheetLock {
  return { verify: (p) => p === password };
}

export class SheetLocks {
  private readonly locks = new Map<string, { sheet: string; lock: SheetLock }>();

  has(sheet: string): boolean {
    return this.locks.has(sheet.toLowerCase());
  }

  get(sheet: string): SheetLock | undefined {
    return this.locks.get(sheet.toLowerCase())?.lock;
  }

  /** Declared names of the protected sheets, in the order they were protected. */
  names(): string[] {
    return [...this.locks.values()].map((l) => l.sheet);
  }

  /** Protects `sheet` (its declared spelling); throws when it is already protected. */
  lock(sheet: string, lock: SheetLock, op = "protect"): void {
    if (this.has(sheet)) throw new Error(`${op}: sheet "${sheet}" is already protected`);
    this.locks.set(sheet.toLowerCase(), { sheet, lock });
  }

  /** Unprotects `sheet`; throws when it is not protected or `password` is wrong (then it stays protected). */
  unlock(sheet: string, password: string, op = "unprotect"): void {
    const entry = this.locks.get(sheet.toLowerCase());
    if (!entry) throw new Error(`${op}: sheet "${sheet}" is not protected`);
    if (typeof password !== "string" || !entry.lock.verify(password))
      throw new Error(`${op}: wrong password for sheet "${entry.sheet}"`);
    this.locks.delete(sheet.toLowerCase());
  }

  /** Throws "AccessDenied: ..." when `sheet` is protected (`what` names the write). */
  assertWritable(sheet: unknown, what: string): void {
    if (typeof sheet !== "string") return; // the write's own validation reports a bad sheet name
    const entry = this.locks.get(sheet.toLowerCase());
    if (entry) throw new Error(`${ACCESS_DENIED} sheet "${entry.sheet}" is protected (${what}); unprotect it first`);
  }
}
