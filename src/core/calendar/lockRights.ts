/**
 * Who may change a period's lock (hold, reopen, close permanently, access,
 * exceptions): a user holding one of the roles of the setting "Lock roles"
 * (tblUsers column Roles; default controller, admin). With the setting
 * "Separate lock from posting" on, the user who posted journal lines in a
 * period may not hold or close it, nor grant an exception that lets
 * themselves post (to themselves or to "*"). Refusals are issues located where
 * the fix goes: the user's Roles cell, or the first ledger row they posted.
 *
 * Example: "Lock roles" = controller, admin; alice has roles {preparer} (tblUsers row 1):
 *   lockRoleRefusal(book, alice)
 *   → LOCK_ROLE_REQUIRED at tblUsers row 1, Roles: "alice may not change period locks:
 *     that needs the role controller or admin (setting "Lock roles"); alice has preparer.
 *     bob has it."
 */
import { issue, type Issue } from "../issues/issue";
import { cellAt, header } from "../issues/where";
import type { Book } from "../ledger/book";
import type { FiscalPeriod, Role, User } from "../ledger/types";
import type { PeriodAction } from "./periodChange";

export const DEFAULT_LOCK_ROLES: readonly Role[] = ["controller", "admin"];

export function lockRoles(book: Pick<Book, "setup">): readonly Role[] {
  const r = book.setup.settings.lockRoles;
  return r && r.length ? r : DEFAULT_LOCK_ROLES;
}

export function mayChangeLocks(book: Pick<Book, "setup">, user: User): boolean {
  return user.active && lockRoles(book).some((r) => user.roles.has(r));
}

function list(xs: readonly string[], last = "and"): string {
  return xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} ${last} ${xs[xs.length - 1]}`;
}

/** Why `user` may not change period locks at all (no lock role), or undefined when they may. */
export function lockRoleRefusal(book: Pick<Book, "setup">, user: User): Issue | undefined {
  if (mayChangeLocks(book, user)) return undefined;
  const roles = lockRoles(book);
  const users = book.setup.where.users;
  const holders = [...book.setup.users.values()].filter((u) => mayChangeLocks(book, u)).map((u) => u.name);
  const has = user.roles.size ? `${user.name} has ${list([...user.roles])}` : `${user.name} has no role`;
  const who = holders.length
    ? `${list(holders)} ${holders.length > 1 ? "have" : "has"} it.`
    : `Nobody in ${users.table} has it: write "${roles[0]}" in the ${header(users, "roles")} column of ${users.table} for the user who closes periods (add the column if the table has none), or change the setting "Lock roles".`;
  return issue(
    "LOCK_ROLE_REQUIRED",
    `${user.name} may not change period locks: that needs the role ${list(roles, "or")} (setting "Lock roles"); ${has}. ${who}`,
    cellAt(users, "roles", user.row),
  );
}

/** With "Separate lock from posting" on: why `user` may not make this change to `p`, or undefined. */
export function separationRefusal(book: Book, user: User, action: PeriodAction, p: FiscalPeriod): Issue | undefined {
  if (!book.setup.settings.separateLockFromPosting) return undefined;
  const name = user.name.toLowerCase();
  if (action.kind === "hold" || action.kind === "close") {
    const own = book.ledger.filter(
      (e) => e.period === p.id && e.source.startsWith("journal:") && e.user.toLowerCase() === name,
    );
    if (!own.length) return undefined;
    const rows =
      own
        .slice(0, 10)
        .map((e) => e.row)
        .join(", ") + (own.length > 10 ? `, … (${own.length - 10} more)` : "");
    return issue(
      "SEPARATION_OF_DUTIES",
      `${user.name} posted ${own.length} journal line${own.length > 1 ? "s" : ""} in period ${p.id} (${book.setup.where.ledger.table} rows ${rows}); with the setting "Separate lock from posting" on, another user with a lock role must ${action.kind === "hold" ? "put it on hold" : "close it"}.`,
      cellAt(book.setup.where.ledger, "user", own[0]!.row),
    );
  }
  if (action.kind === "exception") {
    const who = action.user.trim();
    if (who !== "*" && who.toLowerCase() !== name) return undefined;
    return issue(
      "SEPARATION_OF_DUTIES",
      `With the setting "Separate lock from posting" on, ${user.name} may not grant an exception that lets ${who === "*" ? "everyone, themselves included," : "themselves"} post into ${p.id}; another user with a lock role must.`,
      cellAt(book.setup.where.periods, "access", p.row),
    );
  }
  return undefined;
}
