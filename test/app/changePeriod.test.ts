/**
 * Who may change a period's lock: only a user holding one of the roles of the
 * setting "Lock roles" (default controller, admin; tblUsers column Roles). A
 * refusal changes nothing in tblPeriods / tblLockExceptions / tblSeals, and is
 * recorded in the audit log as "refused".
 *
 * The small company (test/support): alice is in group Accountants with role
 * preparer, bob in Controllers with role controller. bob posts March's drafts:
 *   D-1 1000/4000, D-2 6100/2000, D-3 1010/4000 (2026-03) → tblLedger rows 1–6,
 *   D-4 1100/4000 (2026-04-02)                            → tblLedger rows 7–8.
 * FY2026 periods: FY2026-OPEN is tblPeriods row 1, 2026-01 row 2, …, 2026-03 row 4.
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { changePeriod } from "../../src/app/changePeriod";
import { loadBook } from "../../src/app/loadBook";
import type { PeriodAction } from "../../src/core/calendar/periodChange";
import { fixedClock } from "../../src/ports/clock";
import type { CellValue, WorkbookPort } from "../../src/ports/workbook";
import { postedSmallCompany } from "../support/smallCompany";

const clock = fixedClock("2026-04-05T09:00:00.000Z");
const as = (user: string) => ({ user, clock });

async function company(): Promise<MemoryWorkbook> {
  return postedSmallCompany(new MemoryWorkbook(), as("bob"));
}

/** Sets a tblSettings row by its label (appends the row when the workbook has none). */
async function setSetting(wb: WorkbookPort, label: string, value: CellValue): Promise<void> {
  const t = (await wb.readTable("tblSettings"))!;
  const i = t.rows.findIndex((r) => String(r[0]).toLowerCase() === label.toLowerCase());
  if (i >= 0) await wb.updateCells("tblSettings", [{ row: i + 1, column: "Value", value }]);
  else await wb.appendRows("tblSettings", [[label, value, ...t.headers.slice(2).map(() => null)]]);
}

async function periodRow(wb: WorkbookPort, id: string): Promise<{ status: string; access: string }> {
  const { book } = await loadBook(wb);
  const p = book.setup.periods.find((x) => x.id === id)!;
  return { status: p.status, access: p.access };
}

async function lastAudit(wb: WorkbookPort) {
  const { book } = await loadBook(wb);
  return book.audit[book.audit.length - 1]!;
}

const UNTIL = "2026-04-30T00:00:00Z";

describe("only a user with a lock role may change a period's lock", () => {
  // each action alice tries, on a period prepared by bob so that the action itself would be valid
  const attempts: [string, PeriodAction, string][] = [
    ["access back to All", { kind: "access", period: "2026-03", access: "All", reason: "open up" }, "2026-03"],
    [
      "exception for everyone",
      { kind: "exception", period: "2026-03", user: "*", until: UNTIL, reason: "late accruals" },
      "2026-03",
    ],
    ["hold", { kind: "hold", period: "2026-05", reason: "May close" }, "2026-05"],
    ["reopen", { kind: "reopen", period: "2026-02", reason: "late invoice" }, "2026-02"],
    ["close permanently", { kind: "close", period: "2026-01", reason: "audited", confirm: true }, "2026-01"],
  ];

  async function prepared(): Promise<MemoryWorkbook> {
    const wb = await company();
    // bob (controller) restricts March to Controllers and puts February on hold: both allowed
    expect(
      (
        await changePeriod(
          wb,
          { kind: "access", period: "2026-03", access: "Controllers", reason: "close in progress" },
          as("bob"),
        )
      ).done,
    ).toBe(true);
    expect(
      (await changePeriod(wb, { kind: "hold", period: "2026-02", reason: "February close" }, as("bob"))).done,
    ).toBe(true);
    return wb;
  }

  it.each(attempts)(
    "an Accountants user without the role is refused: %s (located, audited, nothing changed)",
    async (_name, action, period) => {
      const wb = await prepared();
      const before = await periodRow(wb, period);
      const exceptions = wb.rowCount("tblLockExceptions");
      const seals = wb.rowCount("tblSeals");

      const r = await changePeriod(wb, action, as("alice"));

      expect(r.done).toBe(false);
      expect(r.refusalRecorded).toBe(true);
      const refusal = r.issues.find((i) => i.code === "LOCK_ROLE_REQUIRED")!;
      // alice is tblUsers row 1 of the small company (alice, bob, carol)
      expect(refusal.at).toEqual({ table: "tblUsers", row: 1, column: "Roles" });
      expect(refusal.message).toContain("controller or admin");
      expect(refusal.message).toContain("Lock roles");
      expect(await periodRow(wb, period)).toEqual(before);
      expect(wb.rowCount("tblLockExceptions")).toBe(exceptions);
      expect(wb.rowCount("tblSeals")).toBe(seals);
      expect(await lastAudit(wb)).toMatchObject({
        user: "alice",
        action: "refused",
        subject: period,
        newValue: action.kind,
        reason: action.reason,
        detail: refusal.message,
      });
    },
  );

  it.each(attempts)("a controller succeeds: %s", async (_name, action, period) => {
    const wb = await prepared();
    const r = await changePeriod(wb, action, as("bob"));
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(r.done).toBe(true);
    expect(await lastAudit(wb)).toMatchObject({ user: "bob", subject: period, reason: action.reason });
  });

  it('the setting "Lock roles" decides who may: preparer in, controller out', async () => {
    const wb = await company();
    await setSetting(wb, "Lock roles", "preparer");
    const bob = await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "March close" }, as("bob"));
    expect(bob.done).toBe(false);
    expect(bob.issues.map((i) => i.code)).toContain("LOCK_ROLE_REQUIRED");
    // bob is row 2; the message names who does hold the role
    expect(bob.issues.find((i) => i.code === "LOCK_ROLE_REQUIRED")!.at).toEqual({
      table: "tblUsers",
      row: 2,
      column: "Roles",
    });
    expect(bob.issues.find((i) => i.code === "LOCK_ROLE_REQUIRED")!.message).toContain("alice");
    const alice = await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "March close" }, as("alice"));
    expect(alice.done).toBe(true);
    expect(await periodRow(wb, "2026-03")).toEqual({ status: "On hold", access: "All" });
  });

  it('an unknown role in "Lock roles" is an error naming the settings row, and nothing changes', async () => {
    const wb = await company();
    await setSetting(wb, "Lock roles", "controller, boss");
    const r = await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "March close" }, as("bob"));
    expect(r.done).toBe(false);
    const bad = r.issues.find((i) => i.at?.table === "tblSettings" && i.severity === "error")!;
    expect(bad.message).toContain("boss");
    expect(await periodRow(wb, "2026-03")).toEqual({ status: "Open", access: "All" });
  });
});

describe('"Separate lock from posting"', () => {
  it("off (the default): the controller who posted March's journals may hold March", async () => {
    const wb = await company();
    expect((await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "March close" }, as("bob"))).done).toBe(
      true,
    );
  });

  it("on: the user who posted journal lines in the period may not hold or close it, nor grant themselves an exception", async () => {
    const wb = await company();
    await setSetting(wb, "Separate lock from posting", "yes");
    // carl: a second controller who posted nothing
    await wb.appendRows("tblUsers", [
      await userRow(wb, {
        User: "carl",
        "Full name": "Carl",
        Groups: "Controllers",
        Roles: "controller",
        Active: true,
      }),
    ]);

    const hold = await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "March close" }, as("bob"));
    expect(hold.done).toBe(false);
    expect(hold.refusalRecorded).toBe(true);
    const sod = hold.issues.find((i) => i.code === "SEPARATION_OF_DUTIES")!;
    // bob posted tblLedger rows 1–6 in March; the first is named
    expect(sod.at).toEqual({ table: "tblLedger", row: 1, column: "User" });
    expect(sod.message).toContain("6 journal lines");
    expect(await lastAudit(wb)).toMatchObject({ user: "bob", action: "refused", subject: "2026-03", newValue: "hold" });

    const close = await changePeriod(
      wb,
      { kind: "close", period: "2026-03", reason: "audited", confirm: true },
      as("bob"),
    );
    expect(close.issues.map((i) => i.code)).toContain("SEPARATION_OF_DUTIES");
    for (const who of ["bob", "*"]) {
      const self = await changePeriod(
        wb,
        { kind: "exception", period: "2026-03", user: who, until: UNTIL, reason: "late" },
        as("bob"),
      );
      expect([who, self.issues.map((i) => i.code)]).toEqual([who, ["SEPARATION_OF_DUTIES"]]);
    }

    // April: bob posted there too (rows 7–8), but carl did not; carl may hold both
    expect((await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "March close" }, as("carl"))).done).toBe(
      true,
    );
    // bob may still hold a period he posted nothing in, and grant alice an exception
    expect((await changePeriod(wb, { kind: "hold", period: "2026-05", reason: "May close" }, as("bob"))).done).toBe(
      true,
    );
    expect(
      (
        await changePeriod(
          wb,
          { kind: "exception", period: "2026-04", user: "alice", until: UNTIL, reason: "late" },
          as("bob"),
        )
      ).done,
    ).toBe(true);
  });
});

/** A tblUsers row in the table's own column order. */
async function userRow(wb: WorkbookPort, values: Record<string, CellValue>): Promise<CellValue[]> {
  const t = (await wb.readTable("tblUsers"))!;
  return t.headers.map((h) => values[h] ?? null);
}

describe("a workbook written before the Roles column", () => {
  /** The company's tables as they were: tblUsers without Roles, no lock settings rows. */
  async function legacy(groups: Record<string, string> = {}): Promise<MemoryWorkbook> {
    const wb = await company();
    const snap = wb.snapshot();
    const tables = snap.tables.map((t) => {
      if (t.name === "tblSettings")
        return {
          ...t,
          rows: t.rows.filter(
            (r) => !["lock roles", "separate lock from posting"].includes(String(r[0]).toLowerCase()),
          ),
        };
      if (t.name !== "tblUsers") return t;
      const keep = t.headers.map((h, i) => (h === "Roles" ? -1 : i)).filter((i) => i >= 0);
      const gi = t.headers.indexOf("Groups");
      return {
        ...t,
        headers: keep.map((i) => t.headers[i]!),
        numberFormats: keep.map((i) => t.numberFormats[i]!),
        rows: t.rows.map((r) =>
          keep.map((i) => (i === gi && groups[String(r[0])] !== undefined ? groups[String(r[0])]! : r[i]!)),
        ),
      };
    });
    return MemoryWorkbook.from(tables);
  }

  it("opens; users of a group named after a role (Controllers) have that role, and say so once", async () => {
    const wb = await legacy();
    const { book, issues } = await loadBook(wb);
    expect(book.setup.users.get("bob")!.roles).toEqual(new Set(["controller"]));
    expect(book.setup.users.get("alice")!.roles).toEqual(new Set());
    const note = issues.filter((i) => i.code === "ROLES_FROM_GROUPS");
    expect(note).toHaveLength(1);
    expect(note[0]).toMatchObject({ severity: "info", at: { table: "tblUsers", column: "Roles" } });

    expect((await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "March close" }, as("bob"))).done).toBe(
      true,
    );
    const alice = await changePeriod(wb, { kind: "reopen", period: "2026-03", reason: "late invoice" }, as("alice"));
    expect(alice.issues.map((i) => i.code)).toContain("LOCK_ROLE_REQUIRED");
    expect(alice.refusalRecorded).toBe(true);
  });

  it("nobody with a lock role: the refusal says how to fix it (the Roles column of tblUsers)", async () => {
    const wb = await legacy({ bob: "Finance" });
    const r = await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "March close" }, as("bob"));
    expect(r.done).toBe(false);
    const refusal = r.issues.find((i) => i.code === "LOCK_ROLE_REQUIRED")!;
    expect(refusal.message).toContain("Nobody");
    expect(refusal.message).toContain("Roles column of tblUsers");
    expect(refusal.message).toContain('"controller"');
  });
});
