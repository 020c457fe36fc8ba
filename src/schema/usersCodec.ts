/**
 * Decodes tblUsers into users with their groups and a typed set of roles.
 * The Roles cell goes through the list codec with the allowed roles, so
 * "Controller; reviewer" gives {controller, reviewer} and "boss" is an issue
 * naming the row and the Roles column.
 *
 * A workbook written before the Roles column existed still opens: each user's
 * roles are then read from their group names (a group named after a role,
 * singular or plural, gives that role: "Controllers" → controller,
 * "Administrators" or "Admins" → admin), which is what such a workbook meant by
 * its Controllers group, and one info issue says so and how to set roles.
 *
 * Example: headers [User, Full name, Groups, Active], row ["bob", "Bob", "Controllers", true]
 *   → bob with roles {controller}, and the info ROLES_FROM_GROUPS at tblUsers, Roles.
 */
import { issue, type Issue } from "../core/issues/issue";
import { ROLES, type Role, type User } from "../core/ledger/types";
import type { RawTable } from "../ports/workbook";
import { decodeTable, normalizeHeader, validRows } from "./decodeTable";
import { USERS } from "./tables";
import { header, where } from "./typedCells";

const ROLE_COLUMN = header(USERS, "roles");

/** Roles named by group names, for workbooks without a Roles column. */
export function rolesFromGroups(groups: readonly string[]): Set<Role> {
  const out = new Set<Role>();
  for (const g of groups) {
    const n = normalizeHeader(g);
    const singular = n === "administrators" || n === "administrator" ? "admin" : n.replace(/s$/, "");
    const role = ROLES.find((r) => r === singular);
    if (role) out.add(role);
  }
  return out;
}

export function decodeUsers(raw: RawTable | undefined, issues: Issue[]): Map<string, User> {
  const table = decodeTable(USERS, raw, []);
  issues.push(...table.issues);
  const hasRoles = !raw || raw.headers.some((h) => normalizeHeader(String(h ?? "")) === normalizeHeader(ROLE_COLUMN));
  const users = new Map<string, User>();
  const seen = new Map<string, number>();
  for (const r of validRows(table.rows)) {
    const v = r.values;
    const name = v.name;
    const first = seen.get(name.toUpperCase());
    if (first !== undefined) {
      issues.push(
        issue(
          "DUPLICATE_KEY",
          `"${name}" appears again (first at row ${first}); this row is ignored.`,
          where(USERS, "name", r.row),
        ),
      );
      continue;
    }
    seen.set(name.toUpperCase(), r.row);
    const groups = v.groups ?? [];
    const roles = hasRoles ? new Set(v.roles ?? []) : rolesFromGroups(groups);
    users.set(name.toLowerCase(), {
      name,
      fullName: v.fullName ?? "",
      groups,
      roles,
      active: v.active ?? true,
      row: r.row,
    });
  }
  if (!hasRoles && table.usable) {
    const given = [...users.values()]
      .filter((u) => u.roles.size > 0)
      .map((u) => `${u.name} ${[...u.roles].join(", ")}`);
    issues.push(
      issue(
        "ROLES_FROM_GROUPS",
        `tblUsers has no ${ROLE_COLUMN} column (a workbook from before roles), so roles are read from group names: a group named after a role gives it (Controllers → controller)${given.length ? `; here ${given.join("; ")}` : "; here nobody gets one"}. Add a ${ROLE_COLUMN} column to tblUsers to set them (${ROLES.join(", ")}).`,
        { table: USERS.name, column: ROLE_COLUMN },
        "info",
      ),
    );
  }
  return users;
}
