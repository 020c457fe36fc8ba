/**
 * The shell's pure decisions: whether a workbook is set up for Closebook,
 * which users the identity Dropdown offers, how a user is labelled, and the
 * "verify on open" sentence.
 *
 * Example: isSetUp([{ name: "tblSettings", … }]) → true; isSetUp([]) → false
 *          pickableUsers(users) → [{ name: "alice", label: "alice (Alice Smith)" }, …] (active only, by name;
 *            the label starts with the user name, as in tblUsers and "Signed in as alice")
 *          verifiedSentence(2) → "Seals and audit log verified (2 sealed periods)"
 */
import type { User } from "../../core/ledger/types";
import type { TableShape } from "../../ports/workbook";
import { SETTINGS } from "../../schema/tables";

export function isSetUp(tables: readonly Pick<TableShape, "name">[]): boolean {
  const name = SETTINGS.name.toLowerCase();
  return tables.some((t) => t.name.toLowerCase() === name);
}

export interface UserChoice {
  readonly name: string;
  readonly label: string;
}

export function userLabel(u: Pick<User, "name" | "fullName">): string {
  return u.fullName && u.fullName !== u.name ? `${u.name} (${u.fullName})` : u.name;
}

/** Active users, sorted by name, as Dropdown options. */
export function pickableUsers(users: ReadonlyMap<string, User>): UserChoice[] {
  return [...users.values()]
    .filter((u) => u.active)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((u) => ({ name: u.name, label: userLabel(u) }));
}

export function verifiedSentence(sealedPeriods: number): string {
  return `Seals and audit log verified (${sealedPeriods} sealed period${sealedPeriods === 1 ? "" : "s"})`;
}
