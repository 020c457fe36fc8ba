/**
 * Who may change a period's lock (lockRights.ts), through planPeriodChange:
 * the role check for every kind of change, the "Lock roles" setting, and
 * "Separate lock from posting".
 *
 * Fixtures: alice (Accountants, preparer) is tblUsers row 1 here, bob
 * (Controllers, controller) row 2, carol inactive. Ledger: alice posted
 * entries 1–2 (journal, 2026-03, rows 1–2); entry 3 is a revaluation by bob
 * (2026-03, row 3).
 */
import fc from "fast-check";
import { buildFiscalYear } from "../../../src/core/calendar/fiscalYear";
import { DEFAULT_LOCK_ROLES, lockRoles, mayChangeLocks } from "../../../src/core/calendar/lockRights";
import { planPeriodChange, type PeriodAction } from "../../../src/core/calendar/periodChange";
import type { Book } from "../../../src/core/ledger/book";
import { ROLES, type LedgerEntry, type Role, type Settings, type User } from "../../../src/core/ledger/types";
import { A, makeSetup } from "../../support/fixtures";

const NOW = "2026-04-02T08:00:00.000Z";
const UNTIL = "2026-05-01T00:00:00Z";

function entry(row: number, user: string, source: string): LedgerEntry {
  return {
    row,
    entryNo: row,
    voucher: `GL-00000${row}`,
    date: "2026-03-31",
    period: "2026-03",
    account: "1000",
    dimensions: {},
    currency: "USD",
    amount: A("1.00"),
    amountAccounting: A("1.00"),
    description: "",
    source,
    runId: "RUN-000001",
    settlementId: "",
    user,
    postedAt: NOW,
  };
}

function book(
  settings: Partial<Settings> = {},
  roles: Record<string, Role[]> = {},
  periodStatus: Record<string, "On hold"> = {},
): Book {
  const setup = makeSetup({
    settings,
    periods: buildFiscalYear(2026, 1).map((p, i) => ({
      ...p,
      row: i + 1,
      ...(periodStatus[p.id] ? { status: periodStatus[p.id]! } : {}),
    })),
  });
  const users = new Map<string, User>(
    [...setup.users].map(([k, u], i) => [k, { ...u, row: i + 1, ...(roles[k] ? { roles: new Set(roles[k]) } : {}) }]),
  );
  return {
    setup: { ...setup, users },
    sequences: [],
    journal: [],
    ledger: [
      entry(1, "alice", "journal:GJ"),
      entry(2, "ALICE", "journal:GJ"),
      entry(3, "bob", "revaluation:RUN-000002"),
    ],
    runs: [],
    settlements: [],
    audit: [],
    lockExceptions: [],
    seals: [],
    sealRows: [],
  };
}

const ACTIONS: PeriodAction[] = [
  { kind: "hold", period: "2026-03", reason: "r" },
  { kind: "reopen", period: "2026-02", reason: "r" },
  { kind: "close", period: "2026-04", reason: "r", confirm: true },
  { kind: "access", period: "2026-03", access: "None", reason: "r" },
  { kind: "exception", period: "2026-03", user: "*", until: UNTIL, reason: "r" },
];
const heldFebruary = { "2026-02": "On hold" as const };
const codes = (b: Book, a: PeriodAction, user: string) =>
  planPeriodChange(b, a, user, NOW, "RUN-1").issues.map((i) => i.code);

describe("the role check", () => {
  it.each(ACTIONS.map((a) => [a.kind, a] as const))(
    "%s: alice (preparer) refused at her Roles cell, bob (controller) allowed",
    (_k, a) => {
      const b = book({}, {}, heldFebruary);
      const p = planPeriodChange(b, a, "alice", NOW, "RUN-1");
      expect(p.issues.map((i) => i.code)).toEqual(["LOCK_ROLE_REQUIRED"]);
      expect(p.issues[0]!.at).toEqual({ table: "tblUsers", row: 1, column: "Roles" });
      expect(p.issues[0]!.message).toBe(
        'alice may not change period locks: that needs the role controller or admin (setting "Lock roles"); alice has preparer. bob has it.',
      );
      expect([p.status, p.access, p.exception, p.seal, p.unseal, p.audit]).toEqual([
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        [],
      ]);
      expect(codes(b, a, "bob")).toEqual([]);
    },
  );

  it("comes before the other refusals (a user without the role learns nothing else)", () => {
    expect(codes(book(), { kind: "hold", period: "2026-03", reason: "" }, "alice")).toEqual(["LOCK_ROLE_REQUIRED"]);
  });

  it("no lock role anywhere: the message says how to fix it", () => {
    const b = book({}, { bob: ["reviewer"] });
    const msg = planPeriodChange(b, ACTIONS[0]!, "bob", NOW, "RUN-1").issues[0]!.message;
    expect(msg).toBe(
      'bob may not change period locks: that needs the role controller or admin (setting "Lock roles"); bob has reviewer. Nobody in tblUsers has it: write "controller" in the Roles column of tblUsers for the user who closes periods (add the column if the table has none), or change the setting "Lock roles".',
    );
  });

  it('"Lock roles" unset or empty means controller, admin', () => {
    expect(lockRoles(book())).toEqual(DEFAULT_LOCK_ROLES);
    expect(lockRoles(book({ lockRoles: [] }))).toEqual(["controller", "admin"]);
    expect(lockRoles(book({ lockRoles: ["reviewer"] }))).toEqual(["reviewer"]);
  });

  it("property: a change is planned only for an active user holding one of the lock roles", () => {
    const roleSet = fc.uniqueArray(fc.constantFrom(...ROLES), { maxLength: 4 });
    fc.assert(
      fc.property(roleSet, roleSet, fc.constantFrom(...ACTIONS), (userRoles, lock, action) => {
        const b = book({ lockRoles: lock }, { bob: userRoles }, heldFebruary);
        const p = planPeriodChange(b, action, "bob", NOW, "RUN-1");
        const effective = lock.length ? lock : ["controller", "admin"];
        const allowed = userRoles.some((r) => effective.includes(r));
        expect(mayChangeLocks(b, b.setup.users.get("bob")!)).toBe(allowed);
        if (allowed) expect(p.issues).toEqual([]);
        else {
          expect(p.issues.map((i) => i.code)).toEqual(["LOCK_ROLE_REQUIRED"]);
          expect([p.status, p.access, p.exception, p.seal, p.unseal, p.audit]).toEqual([
            undefined,
            undefined,
            undefined,
            undefined,
            undefined,
            [],
          ]);
        }
      }),
    );
  });
});

describe('"Separate lock from posting"', () => {
  const on = (roles: Record<string, Role[]> = { alice: ["controller"] }) =>
    book({ separateLockFromPosting: true }, roles, heldFebruary);

  it("on: alice posted journal lines in 2026-03 (rows 1, 2) and may not hold or close it", () => {
    for (const a of [ACTIONS[0]!, { kind: "close", period: "2026-03", reason: "r", confirm: true } as PeriodAction]) {
      const p = planPeriodChange(on(), a, "alice", NOW, "RUN-1");
      expect(p.issues.map((i) => i.code)).toEqual(["SEPARATION_OF_DUTIES"]);
      expect(p.issues[0]!.at).toEqual({ table: "tblLedger", row: 1, column: "User" });
      expect(p.issues[0]!.message).toContain("alice posted 2 journal lines in period 2026-03 (tblLedger rows 1, 2)");
      expect(p.seal).toBeUndefined();
    }
  });

  it("on: bob's revaluation entry in 2026-03 is no journal line, so bob may hold it", () => {
    expect(codes(on(), ACTIONS[0]!, "bob")).toEqual([]);
  });

  it("on: no exception for oneself or for everyone; one for somebody else is fine; access and reopen are not affected", () => {
    expect(
      codes(on(), { kind: "exception", period: "2026-03", user: "Bob", until: UNTIL, reason: "r" }, "bob"),
    ).toEqual(["SEPARATION_OF_DUTIES"]);
    expect(codes(on(), { kind: "exception", period: "2026-03", user: "*", until: UNTIL, reason: "r" }, "bob")).toEqual([
      "SEPARATION_OF_DUTIES",
    ]);
    expect(
      codes(on(), { kind: "exception", period: "2026-03", user: "alice", until: UNTIL, reason: "r" }, "bob"),
    ).toEqual([]);
    expect(codes(on(), ACTIONS[3]!, "alice")).toEqual([]);
    expect(codes(on(), ACTIONS[1]!, "alice")).toEqual([]);
  });

  it("off (the default): alice, given the controller role, may hold the period she posted in", () => {
    expect(codes(book({}, { alice: ["controller"] }), ACTIONS[0]!, "alice")).toEqual([]);
  });

  it("on, without a lock role: the role refusal comes first", () => {
    expect(codes(on({}), ACTIONS[0]!, "alice")).toEqual(["LOCK_ROLE_REQUIRED"]);
  });
});
