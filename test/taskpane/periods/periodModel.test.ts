/**
 * The Periods tab's pure parts: which actions apply to a status, the
 * calendar rows with their seal, access choices, the dialog's checks and the
 * result sentence.
 */
import { buildFiscalYear } from "../../../src/core/calendar/fiscalYear";
import type { User } from "../../../src/core/ledger/types";
import { Amount } from "../../../src/core/money";
import type { SealRecord } from "../../../src/core/seal/seal";
import { actionFromForm } from "../../../src/taskpane/periods/actionForm";
import {
  accessChoices,
  actionsFor,
  calendarRows,
  changedSentence,
  defaultPeriod,
  hashPrefix,
  sealDetail,
  sealHash,
} from "../../../src/taskpane/periods/periodModel";

const FY = buildFiscalYear(2026, 1);

function seal(period: string, status: SealRecord["status"], count = 61): SealRecord {
  return {
    period,
    version: 1,
    status,
    count,
    debit: Amount.ZERO,
    credit: Amount.ZERO,
    hash: "$1$5f3a9c0e1234abcd",
    previousHash: "",
    sealedBy: "bob",
    sealedAt: "2026-04-01T00:00:00.000Z",
    reason: "r",
    runId: "RUN-000004",
  };
}

test("actions by status: hold from Open, reopen from On hold, close from either, nothing once permanently closed", () => {
  expect(actionsFor("Open")).toEqual({ hold: true, reopen: false, close: true, access: true });
  expect(actionsFor("On hold")).toEqual({ hold: false, reopen: true, close: true, access: true });
  expect(actionsFor("Permanently closed")).toEqual({ hold: false, reopen: false, close: false, access: false });
});

test("calendar rows carry the seal in force; an unsealed period shows none", () => {
  const rows = calendarRows({
    setup: { periods: FY },
    seals: [seal("2026-01", "sealed"), seal("2026-02", "sealed"), seal("2026-02", "unsealed")],
  });
  expect(rows).toHaveLength(FY.length);
  const byId = new Map(rows.map((r) => [r.period.id, r.seal]));
  expect(byId.get("2026-01")?.count).toBe(61);
  expect(byId.get("2026-02")).toBeUndefined();
  expect(byId.get("2026-03")).toBeUndefined();
  // the calendar says "Sealed ✓ · 61 rows"; the hash only on demand, whole
  expect(sealDetail(byId.get("2026-01")!)).toBe("61 rows");
  expect(sealDetail({ count: 1 })).toBe("1 row");
  expect(sealHash({ hash: "$1$5f3a9c0e1234abcd" })).toBe("5f3a9c0e1234abcd");
});

test("the default period is the earliest Open operating one", () => {
  expect(defaultPeriod(FY)).toBe("2026-01");
  expect(defaultPeriod(FY.map((p) => (p.id === "2026-01" ? { ...p, status: "On hold" as const } : p)))).toBe("2026-02");
  expect(defaultPeriod(FY.map((p) => ({ ...p, status: "Permanently closed" as const })))).toBe("FY2026-OPEN");
  expect(defaultPeriod([])).toBe("");
});

test("access choices: All, None, then the groups of active users", () => {
  const u = (name: string, groups: string[], active = true): [string, User] => [
    name,
    { name, fullName: name, groups, roles: new Set(), active },
  ];
  expect(
    accessChoices(
      new Map([u("alice", ["Accountants"]), u("bob", ["Controllers", "Accountants"]), u("old", ["Retired"], false)]),
    ),
  ).toEqual(["All", "None", "Accountants", "Controllers"]);
});

test("hash prefix drops the version and keeps 8 hex digits", () => {
  expect(hashPrefix("$1$5f3a9c0e1234abcd")).toBe("5f3a9c0e…");
  expect(hashPrefix("abc")).toBe("abc");
});

test("result sentences name the run and the seal", () => {
  expect(
    changedSentence("hold", "2026-03", { runId: "RUN-000004", seal: { count: 61, hash: "$1$5f3a9c0e1234" } }),
  ).toBe("Period 2026-03 is on hold as RUN-000004: sealed 61 ledger rows (hash 5f3a9c0e…).");
  expect(changedSentence("reopen", "2026-03", { runId: "RUN-000005" })).toBe(
    "Period 2026-03 is open again as RUN-000005.",
  );
  expect(changedSentence("close", "2026-03", { runId: "RUN-000006", seal: { count: 1, hash: "$1$ab" } })).toBe(
    "Period 2026-03 is permanently closed as RUN-000006: sealed 1 ledger row (hash ab).",
  );
  expect(changedSentence("access", "2026-03", { runId: "RUN-000007" }, "Controllers")).toBe(
    "Period 2026-03 now has access Controllers as RUN-000007.",
  );
});

describe("the action dialog's checks", () => {
  const form = { reason: "", confirm: false, access: "" };
  test("a reason is always required", () => {
    expect(actionFromForm("hold", "2026-03", form)).toEqual({ errors: { reason: expect.stringMatching(/reason/) } });
    expect(actionFromForm("hold", "2026-03", { ...form, reason: "  March close " })).toEqual({
      action: { kind: "hold", period: "2026-03", reason: "March close" },
      errors: {},
    });
    expect(actionFromForm("reopen", "2026-03", { ...form, reason: "late invoice" }).action).toEqual({
      kind: "reopen",
      period: "2026-03",
      reason: "late invoice",
    });
  });

  test("closing permanently needs the confirmation", () => {
    expect(actionFromForm("close", "2026-03", { ...form, reason: "audited" }).errors).toEqual({
      confirm: expect.any(String),
    });
    expect(actionFromForm("close", "2026-03", { ...form, reason: "audited", confirm: true }).action).toEqual({
      kind: "close",
      period: "2026-03",
      reason: "audited",
      confirm: true,
    });
  });

  test("an access change needs the access", () => {
    expect(actionFromForm("access", "2026-03", { ...form, reason: "review" }).errors).toEqual({
      access: expect.any(String),
    });
    expect(
      actionFromForm("access", "2026-03", { reason: "review", confirm: false, access: "Controllers" }).action,
    ).toEqual({ kind: "access", period: "2026-03", reason: "review", access: "Controllers" });
  });
});
