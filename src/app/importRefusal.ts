/**
 * Refusals of an import, recorded in the audit log like every refusal: the
 * posting gate refusing journal lines, and imports that would change who may
 * lock (tblPeriods' Status and Access, tblUsers' Roles and Groups, the settings
 * "Lock roles" and "Separate lock from posting") by a user without a lock role.
 *
 * While nobody in tblUsers holds a lock role (a workbook being set up), such
 * imports are allowed: there is no one else to ask.
 *
 * Example: alice (role preparer) imports periods.csv → LOCK_ROLE_REQUIRED at
 * tblUsers row 1, Roles; an audit row ("refused", "import tblPeriods"); nothing imported.
 */
import { draft } from "../core/audit/auditChain";
import { lockRoleRefusal, mayChangeLocks } from "../core/calendar/lockRights";
import { issue, type Issue } from "../core/issues/issue";
import type { Book } from "../core/ledger/book";
import * as T from "../schema/tables";
import type { ImportResult } from "./importCsv";
import type { Session } from "./operation";
import { layoutIssues } from "./runs";
import { writeRun } from "./runRitual";

/** Tables whose rows decide period locks or who may change them. */
export const LOCK_GOVERNED_TABLES: ReadonlySet<string> = new Set([T.PERIODS.name, T.USERS.name]);
/** Settings that decide who may change period locks. */
export const LOCK_GOVERNED_SETTINGS: ReadonlySet<string> = new Set(["lockRoles", "separateLockFromPosting"]);

/** Why `user` may not import something that governs the locks (what: "tblPeriods", "the setting Lock roles"), or undefined. */
export function lockImportRefusal(book: Book, user: string, what: string): Issue | undefined {
  // bootstrapping: while nobody holds a lock role (a new workbook's empty users table) there is no one to ask
  if (![...book.setup.users.values()].some((x) => mayChangeLocks(book, x))) return undefined;
  const u = book.setup.users.get(user.toLowerCase());
  if (!u)
    return issue(
      "UNKNOWN_USER",
      `User "${user}" is not in the users table; importing ${what} needs a user with a lock role.`,
      { table: T.USERS.name },
    );
  const refusal = lockRoleRefusal(book, u);
  return refusal
    ? { ...refusal, message: `Importing ${what} changes who may post or lock: ${refusal.message}` }
    : undefined;
}

/** Records a refused import in the audit log; nothing is imported. */
/** A file column that is no column of the table: ignored, with a warning. */
export function unknownColumn(h: string, table: string, file: string): Issue {
  return issue(
    "UNKNOWN_COLUMN",
    `Column "${h}" is not a column of ${table}; it is ignored.`,
    { table: file, column: h },
    "warning",
  );
}

/** The lock-role check of an import (lockImportRefusal) with its refusal recorded; undefined when the user may import. */
export async function refuseLockedImport(
  session: Session,
  by: { readonly user: string; readonly clock: { now(): string } },
  table: string,
  what: string,
  issues: readonly Issue[] = [],
): Promise<ImportResult | undefined> {
  const refusal = lockImportRefusal(session.loaded.book, by.user, what);
  if (!refusal) return undefined;
  const r = { user: by.user, now: by.clock.now(), table, detail: refusal.message, issues: [...issues, refusal] };
  return recordImportRefusal(session, r);
}

export async function recordImportRefusal(
  session: Session,
  r: { user: string; now: string; table: string; detail: string; issues: Issue[] },
): Promise<ImportResult> {
  const cannot = layoutIssues(session.loaded.raw, { appends: [{ def: T.AUDIT }] });
  if (cannot.length) return { imported: 0, issues: [...r.issues, ...cannot] };
  const written = await writeRun(session, { operation: "record a refused import", now: r.now }, async () => ({
    result: undefined,
    audit: [draft(r.now, r.user, "refused", { subject: `import ${r.table}`, detail: r.detail })],
  }));
  if (written) return { imported: 0, issues: [...r.issues, written] };
  return { imported: 0, issues: r.issues, refusalRecorded: true };
}
