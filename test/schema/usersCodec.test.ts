/**
 * tblUsers' Roles column decoded into a typed set, the legacy rule for
 * workbooks without it, and the two lock settings.
 */
import type { Issue } from "../../src/core/issues/issue";
import type { CellValue, RawTable } from "../../src/ports/workbook";
import { decodeSetup } from "../../src/schema/bookCodec";
import { decodeCell, encodeCell } from "../../src/schema/cells";
import { ROLES } from "../../src/core/ledger/types";
import { decodeUsers, rolesFromGroups } from "../../src/schema/usersCodec";

const raw = (headers: string[], rows: CellValue[][]): RawTable => ({ name: "tblUsers", sheet: "Users", headers, rows });

describe("the Roles column", () => {
  it("is a typed set: case and separators ignored, canonical spelling, duplicates once, blank = none", () => {
    const issues: Issue[] = [];
    const users = decodeUsers(
      raw(
        ["User", "Groups", "Roles", "Active"],
        [
          ["bob", "Controllers", "Controller; REVIEWER, controller", true],
          ["alice", "Accountants", null, true],
        ],
      ),
      issues,
    );
    expect(issues).toEqual([]);
    expect(users.get("bob")).toMatchObject({ row: 1, roles: new Set(["controller", "reviewer"]) });
    expect(users.get("alice")!.roles).toEqual(new Set());
  });

  it("an unknown role is an error at its row and the Roles column; that user is left out", () => {
    const issues: Issue[] = [];
    const users = decodeUsers(
      raw(
        ["User", "Roles"],
        [
          ["ann", "admin"],
          ["bob", "controler, boss"],
        ],
      ),
      issues,
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: "BAD_CELL",
      severity: "error",
      at: { table: "tblUsers", row: 2, column: "Roles" },
    });
    expect(issues[0]!.message).toBe(
      'Roles holds "controler", "boss"; expected a comma-separated list of preparer, reviewer, controller, admin.',
    );
    expect([...users.keys()]).toEqual(["ann"]);
  });

  it("encodes a set back to a cell that decodes to the same roles", () => {
    const cell = encodeCell("list", new Set(["controller", "reviewer"]));
    expect(cell).toBe("controller, reviewer");
    expect(decodeCell("list", cell, ROLES)).toEqual({ ok: true, value: ["controller", "reviewer"] });
  });
});

describe("a workbook from before the Roles column", () => {
  it("takes roles from group names and says so once, as info", () => {
    const issues: Issue[] = [];
    const users = decodeUsers(
      raw(
        ["User", "Full name", "Groups", "Active"],
        [
          ["bob", "Bob", "Controllers", true],
          ["alice", "Alice", "Accountants", true],
          ["root", "Root", "Administrators, reviewers", true],
        ],
      ),
      issues,
    );
    expect(users.get("bob")!.roles).toEqual(new Set(["controller"]));
    expect(users.get("alice")!.roles).toEqual(new Set());
    expect(users.get("root")!.roles).toEqual(new Set(["admin", "reviewer"]));
    expect(issues.map((i) => [i.code, i.severity, i.at])).toEqual([
      ["ROLES_FROM_GROUPS", "info", { table: "tblUsers", column: "Roles" }],
    ]);
    expect(issues[0]!.message).toContain("here bob controller; root admin, reviewer");
  });

  it("group names: singular or plural, any case; anything else gives nothing", () => {
    expect(rolesFromGroups(["CONTROLLER", "admins", "Preparers", "Finance", "Controllerss"])).toEqual(
      new Set(["controller", "admin", "preparer"]),
    );
  });
});

describe("the lock settings", () => {
  const settings = (rows: CellValue[][]) => {
    const issues: Issue[] = [];
    const tables = (name: string): RawTable | undefined =>
      name === "tblSettings"
        ? {
            name,
            sheet: "Settings",
            headers: ["Setting", "Value"],
            rows: [["Company", "X"], ["Accounting currency", "USD"], ...rows],
          }
        : undefined;
    const s = decodeSetup(tables, issues).settings;
    return { s, issues: issues.filter((i) => i.at?.table === "tblSettings") };
  };

  it("default: Lock roles controller, admin; Separate lock from posting off", () => {
    const { s, issues } = settings([]);
    expect([s.lockRoles, s.separateLockFromPosting, issues]).toEqual([["controller", "admin"], false, []]);
  });

  it("set: a role list and yes", () => {
    const { s, issues } = settings([
      ["Lock roles", "Admin"],
      ["Separate lock from posting", "yes"],
    ]);
    expect([s.lockRoles, s.separateLockFromPosting, issues]).toEqual([["admin"], true, []]);
  });

  it("an unknown role is an error at the settings row (row 3 here)", () => {
    const { issues } = settings([["Lock roles", "controller, boss"]]);
    expect(issues).toEqual([
      {
        code: "BAD_CELL",
        severity: "error",
        message:
          'Lock roles: the value holds "boss"; expected a comma-separated list of preparer, reviewer, controller, admin.',
        at: { table: "tblSettings", row: 3, column: "Value" },
      },
    ]);
  });
});
