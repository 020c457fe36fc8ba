/**
 * The shell's pure parts: set-up detection, the identity choices, the
 * verify-on-open sentence, the setup form and the progress words.
 */
import type { User } from "../../../src/core/ledger/types";
import { progressText } from "../../../src/taskpane/shell/progressText";
import { parseSetupForm } from "../../../src/taskpane/shell/setupForm";
import { isSetUp, pickableUsers, userLabel, verifiedSentence } from "../../../src/taskpane/shell/workbookModel";

test("a workbook is set up when it has tblSettings (any case)", () => {
  expect(isSetUp([{ name: "tblAccounts" }, { name: "TBLSETTINGS" }])).toBe(true);
  expect(isSetUp([{ name: "Table1" }])).toBe(false);
  expect(isSetUp([])).toBe(false);
});

test("the identity Dropdown offers active users only, by name, labelled by name, then full name", () => {
  const u = (name: string, fullName: string, active = true): [string, User] => [
    name,
    { name, fullName, groups: [], roles: new Set(), active },
  ];
  const users = new Map([
    u("bob", "Bob Jones"),
    u("alice", "Alice Smith"),
    u("old", "Old User", false),
    u("admin", ""),
  ]);
  expect(pickableUsers(users)).toEqual([
    { name: "admin", label: "admin" },
    { name: "alice", label: "alice (Alice Smith)" },
    { name: "bob", label: "bob (Bob Jones)" },
  ]);
  expect(userLabel({ name: "carol", fullName: "carol" })).toBe("carol");
});

test("verify on open: the success sentence", () => {
  expect(verifiedSentence(0)).toBe("Seals and audit log verified (0 sealed periods)");
  expect(verifiedSentence(1)).toBe("Seals and audit log verified (1 sealed period)");
  expect(verifiedSentence(3)).toBe("Seals and audit log verified (3 sealed periods)");
});

test("the setup form: trimmed and upper-cased, one message per bad field", () => {
  expect(parseSetupForm({ company: " Acme ", currency: "usd", year: "2026", startMonth: "7" })).toEqual({
    options: { company: "Acme", accountingCurrency: "USD", fiscalYearStart: 2026, startMonth: 7 },
    errors: {},
  });
  const bad = parseSetupForm({ company: "", currency: "US", year: "26", startMonth: "13" });
  expect(bad.options).toBeUndefined();
  expect(Object.keys(bad.errors).sort()).toEqual(["company", "currency", "startMonth", "year"]);
});

test("progress words: counts when the port reports them", () => {
  expect(progressText({ label: "Posting journals", table: "tblLedger", op: "write", done: 10000, total: 24000 })).toBe(
    "Posting journals: writing tblLedger, 10,000 of 24,000 rows",
  );
  expect(progressText({ label: "Verifying seals" })).toBe("Verifying seals…");
});
