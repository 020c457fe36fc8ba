import { createHash } from "node:crypto";
import { buildFiscalYear } from "../../../src/core/calendar/fiscalYear";
import {
  draftsInPeriod,
  planPeriodChange,
  type PeriodAction,
  type PeriodPlan,
} from "../../../src/core/calendar/periodChange";
import type { Book } from "../../../src/core/ledger/book";
import type { FiscalPeriod, JournalLine, LedgerEntry } from "../../../src/core/ledger/types";
import { computeSeal, sealedPeriods } from "../../../src/core/seal/seal";
import { A, journal, makeSetup } from "../../support/fixtures";

const NOW = "2026-04-02T08:00:00.000Z";
const RUN = "RUN-000042";

/** FY2026 with rows (FY2026-OPEN row 1, 2026-01 row 2, …, 2026-03 row 4, …, FY2026-CLOSE row 14). */
function periods(overrides: Record<string, Partial<FiscalPeriod>> = {}): FiscalPeriod[] {
  return buildFiscalYear(2026, 1).map((p, i) => ({ ...p, row: i + 1, ...overrides[p.id] }));
}

function le(
  entryNo: number,
  period: string,
  account: string,
  amount: string,
  extra: Partial<LedgerEntry> = {},
): LedgerEntry {
  return {
    row: entryNo,
    entryNo,
    voucher: `GL-${String(entryNo).padStart(6, "0")}`,
    date: `${period}-15`,
    period,
    account,
    dimensions: {},
    currency: "USD",
    amount: A(amount),
    amountAccounting: A(amount),
    description: "test",
    source: "journal:GJ",
    runId: "RUN-000001",
    settlementId: "",
    user: "alice",
    postedAt: "2026-03-31T12:00:00Z",
    ...extra,
  };
}

const LEDGER: LedgerEntry[] = [
  le(1, "2026-02", "1000", "100.00"),
  le(2, "2026-02", "3000", "-100.00"),
  le(3, "2026-03", "6100", "40.00"),
  le(4, "2026-03", "1000", "-40.00"),
  le(5, "2026-03", "1100", "25.50"),
  le(6, "2026-03", "4000", "-25.50"),
];

function makeBook(over: Partial<Book> & { periodOverrides?: Record<string, Partial<FiscalPeriod>> } = {}): Book {
  const { periodOverrides, ...rest } = over;
  return {
    setup: makeSetup({ periods: periods(periodOverrides) }),
    sequences: [],
    journal: [],
    ledger: LEDGER,
    runs: [],
    settlements: [],
    audit: [],
    lockExceptions: [],
    seals: [],
    sealRows: [],
    ...rest,
  };
}

const plan = (book: Book, action: PeriodAction, user = "bob", now = NOW): PeriodPlan =>
  planPeriodChange(book, action, user, now, RUN);
const codes = (p: PeriodPlan) => p.issues.map((i) => i.code);

function expectAudit(
  p: PeriodPlan,
  action: string,
  subject: string,
  oldValue: string,
  newValue: string,
  reason: string,
) {
  expect(p.audit).toHaveLength(1);
  expect(p.audit[0]).toMatchObject({ at: NOW, user: "bob", action, subject, oldValue, newValue, reason, runId: RUN });
}

describe("planPeriodChange: common refusals", () => {
  it("unknown period", () => {
    const p = plan(makeBook(), { kind: "hold", period: "2027-01", reason: "x" });
    expect(codes(p)).toEqual(["UNKNOWN_PERIOD"]);
    expect(p.audit).toEqual([]);
  });

  it("an unknown or inactive acting user is refused", () => {
    for (const user of ["mallory", "carol"]) {
      const p = plan(makeBook(), { kind: "hold", period: "2026-03", reason: "March close" }, user);
      expect(codes(p)).toEqual(["UNKNOWN_USER"]);
      expect(p.issues[0]!.at).toEqual({ table: "tblPeriods", row: 4, column: "Status" });
      expect(p.status).toBeUndefined();
      expect(p.seal).toBeUndefined();
      expect(p.audit).toEqual([]);
    }
  });

  it("the acting user is matched case-insensitively and recorded by their name", () => {
    const p = plan(makeBook(), { kind: "hold", period: "2026-03", reason: "March close" }, "BOB");
    expect(p.issues).toEqual([]);
    expect(p.audit[0]!.user).toBe("bob");
    expect(p.seal!.seal.sealedBy).toBe("bob");
  });

  it("a reason is required (blank or whitespace) for every kind of change", () => {
    const actions: PeriodAction[] = [
      { kind: "hold", period: "2026-03", reason: "" },
      { kind: "reopen", period: "2026-03", reason: "   " },
      { kind: "close", period: "2026-03", reason: "", confirm: true },
      { kind: "access", period: "2026-03", access: "None", reason: "" },
      { kind: "exception", period: "2026-03", user: "alice", until: "2026-05-01T00:00:00Z", reason: " \t" },
    ];
    for (const a of actions) {
      const p = plan(makeBook({ periodOverrides: { "2026-03": { status: "On hold" } } }), a);
      expect([a.kind, codes(p)]).toEqual([a.kind, ["REASON_REQUIRED"]]);
      expect(p.audit).toEqual([]);
    }
  });

  it("the period is found case-insensitively", () => {
    const p = plan(makeBook(), { kind: "hold", period: "fy2026-close", reason: "year end" });
    expect(p.issues).toEqual([]);
    expect(p.period!.id).toBe("FY2026-CLOSE");
  });
});

describe("hold", () => {
  it("from Open: status On hold, seals the period's ledger rows, audit with old/new value and reason", () => {
    const p = plan(makeBook(), { kind: "hold", period: "2026-03", reason: "  March close " });
    expect(p.issues).toEqual([]);
    expect(p.period!.id).toBe("2026-03");
    expect(p.status).toBe("On hold");
    expect(p.seal!.seal).toMatchObject({
      period: "2026-03",
      status: "sealed",
      count: 4,
      firstEntry: 3,
      lastEntry: 6,
      previousHash: "",
      sealedBy: "bob",
      sealedAt: NOW,
      reason: "March close",
      runId: RUN,
    });
    expect(p.seal!.seal.debit.toString()).toBe("65.50");
    expect(p.seal!.seal.credit.toString()).toBe("65.50");
    expect(p.seal!.rows.map((r) => r.entryNo)).toEqual([3, 4, 5, 6]);
    expectAudit(p, "period-status", "2026-03", "Open", "On hold", "March close");
    expect(p.audit[0]!.detail).toContain("sealed 4 ledger rows");
    expect(p.audit[0]!.detail).toContain(p.seal!.seal.hash);
  });

  it("the seal's first row hash is SHA-256 of the hand-written canonical row", () => {
    const p = plan(makeBook(), { kind: "hold", period: "2026-03", reason: "March close" });
    const c3 =
      '[3,"GL-000003","2026-03-15","2026-03","6100",{},"USD","40","40","","test","journal:GJ","RUN-000001","","alice","2026-03-31T12:00:00Z"]';
    expect(p.seal!.rows[0]!.hash).toBe(
      "$1$" +
        createHash("sha256")
          .update("" + c3)
          .digest("hex"),
    );
  });

  it("chains from the last seal in force", () => {
    const feb = computeSeal(LEDGER, {
      period: "2026-02",
      previousHash: "",
      user: "bob",
      now: NOW,
      reason: "Feb",
      runId: "RUN-000010",
    });
    const book = makeBook({
      seals: [feb.seal],
      sealRows: feb.rows,
      periodOverrides: { "2026-02": { status: "On hold" } },
    });
    const p = plan(book, { kind: "hold", period: "2026-03", reason: "March close" });
    expect(p.seal!.seal.previousHash).toBe(feb.seal.hash);
  });

  it("an empty period seals with count 0", () => {
    const p = plan(makeBook(), { kind: "hold", period: "2026-07", reason: "nothing there" });
    expect(p.seal!.seal.count).toBe(0);
    expect(p.seal!.rows).toEqual([]);
  });

  it("already On hold → NO_CHANGE", () => {
    const p = plan(makeBook({ periodOverrides: { "2026-03": { status: "On hold" } } }), {
      kind: "hold",
      period: "2026-03",
      reason: "again",
    });
    expect(codes(p)).toEqual(["NO_CHANGE"]);
  });

  it("refused with draft (or error) journal lines dated in the period, listing their rows", () => {
    const lines: JournalLine[] = journal(`
      D-1 2026-02-28 6100 USD Dr 10.00
      D-1 2026-03-01 1000 USD Cr 10.00
      D-2 2026-04-01 6100 USD Dr 5.00
      D-3 2026-03-31 1000 USD Cr 5.00`);
    const withError = lines.map((l) => (l.row === 4 ? { ...l, status: "Error" as const } : l));
    const p = plan(makeBook({ journal: withError }), { kind: "hold", period: "2026-03", reason: "March close" });
    expect(codes(p)).toEqual(["DRAFTS_IN_PERIOD"]);
    expect(p.issues[0]!.message).toContain("2 draft journal lines");
    expect(p.issues[0]!.message).toContain("rows 2, 4");
    expect(p.issues[0]!.at).toEqual({ table: "tblPeriods", row: 4, column: "Status" });
    expect(p.seal).toBeUndefined();
    expect(p.status).toBeUndefined();
    expect(p.audit).toEqual([]);
    expect(draftsInPeriod(makeBook({ journal: withError }), makeBook().setup.periods[3]!)).toEqual([2, 4]);
  });

  it("one draft line: singular message", () => {
    const p = plan(makeBook({ journal: journal("D-1 2026-03-15 6100 USD Dr 10.00") }), {
      kind: "hold",
      period: "2026-03",
      reason: "x",
    });
    expect(p.issues[0]!.message).toContain("1 draft journal line (rows 1)");
  });

  it("more than 20 drafts: the first 20 rows and a count of the rest", () => {
    const many = journal(Array.from({ length: 23 }, (_, i) => `D-${i} 2026-03-10 6100 USD Dr 1.00`).join("\n"));
    const p = plan(makeBook({ journal: many }), { kind: "hold", period: "2026-03", reason: "x" });
    expect(p.issues[0]!.message).toContain("23 draft journal lines");
    expect(p.issues[0]!.message).toContain(
      "rows 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, … (3 more)",
    );
  });

  it("posted journal lines dated in the period don't block", () => {
    const posted = journal(`
      D-1 2026-03-05 6100 USD Dr 10.00
      D-1 2026-03-05 1000 USD Cr 10.00`).map((l) => ({ ...l, status: "Posted" as const, postedVoucher: "GL-000009" }));
    const p = plan(makeBook({ journal: posted }), { kind: "hold", period: "2026-03", reason: "March close" });
    expect(p.issues).toEqual([]);
    expect(p.status).toBe("On hold");
  });
});

describe("reopen", () => {
  it("only from On hold", () => {
    expect(codes(plan(makeBook(), { kind: "reopen", period: "2026-03", reason: "fix" }))).toEqual(["NO_CHANGE"]);
  });

  it("from On hold with a seal in force: Open, and an unseal record with status unsealed and the reason", () => {
    const mar = computeSeal(LEDGER, {
      period: "2026-03",
      previousHash: "",
      user: "alice",
      now: "2026-04-01T00:00:00Z",
      reason: "March close",
      runId: "RUN-000020",
    });
    const book = makeBook({
      seals: [mar.seal],
      sealRows: mar.rows,
      periodOverrides: { "2026-03": { status: "On hold" } },
    });
    const p = plan(book, { kind: "reopen", period: "2026-03", reason: " late invoice " });
    expect(p.issues).toEqual([]);
    expect(p.status).toBe("Open");
    expect(p.unseal).toMatchObject({
      period: "2026-03",
      status: "unsealed",
      reason: "late invoice",
      sealedBy: "bob",
      sealedAt: NOW,
      runId: RUN,
      hash: mar.seal.hash,
      count: 4,
    });
    expect(sealedPeriods([mar.seal, p.unseal!]).has("2026-03")).toBe(false);
    expectAudit(p, "period-status", "2026-03", "On hold", "Open", "late invoice");
    expect(p.audit[0]!.detail).toContain(mar.seal.hash);
  });

  it("from On hold without a seal: Open, no unseal record", () => {
    const p = plan(makeBook({ periodOverrides: { "2026-03": { status: "On hold" } } }), {
      kind: "reopen",
      period: "2026-03",
      reason: "fix",
    });
    expect(p.issues).toEqual([]);
    expect(p.status).toBe("Open");
    expect(p.unseal).toBeUndefined();
    expectAudit(p, "period-status", "2026-03", "On hold", "Open", "fix");
  });
});

describe("close (permanently)", () => {
  it("needs confirm", () => {
    const p = plan(makeBook(), { kind: "close", period: "2026-03", reason: "year end", confirm: false });
    expect(codes(p)).toEqual(["CONFIRM_REQUIRED"]);
    expect(p.seal).toBeUndefined();
  });

  it("from Open: Permanently closed, sealed", () => {
    const p = plan(makeBook(), { kind: "close", period: "2026-03", reason: "year end", confirm: true });
    expect(p.issues).toEqual([]);
    expect(p.status).toBe("Permanently closed");
    expect(p.seal!.seal.count).toBe(4);
    expectAudit(p, "period-status", "2026-03", "Open", "Permanently closed", "year end");
  });

  it("from On hold with its seal intact: closed, the seal kept (no new seal)", () => {
    const mar = computeSeal(LEDGER, {
      period: "2026-03",
      previousHash: "",
      user: "alice",
      now: NOW,
      reason: "March",
      runId: "RUN-000020",
    });
    const book = makeBook({
      seals: [mar.seal],
      sealRows: mar.rows,
      periodOverrides: { "2026-03": { status: "On hold" } },
    });
    const p = plan(book, { kind: "close", period: "2026-03", reason: "year end", confirm: true });
    expect(p.issues).toEqual([]);
    expect(p.status).toBe("Permanently closed");
    expect(p.seal).toBeUndefined();
    expectAudit(p, "period-status", "2026-03", "On hold", "Permanently closed", "year end");
  });

  it("from On hold with a broken seal: refused with the seal issues", () => {
    const mar = computeSeal(LEDGER, {
      period: "2026-03",
      previousHash: "",
      user: "alice",
      now: NOW,
      reason: "March",
      runId: "RUN-000020",
    });
    const tampered = LEDGER.map((e) => (e.entryNo === 5 ? { ...e, amountAccounting: A("25.51") } : e));
    const book = makeBook({
      ledger: tampered,
      seals: [mar.seal],
      sealRows: mar.rows,
      periodOverrides: { "2026-03": { status: "On hold" } },
    });
    const p = plan(book, { kind: "close", period: "2026-03", reason: "year end", confirm: true });
    expect(codes(p)).toEqual(["SEAL_ROW_CHANGED"]);
    expect(p.status).toBeUndefined();
    expect(p.audit).toEqual([]);
  });

  it("from On hold with a seal record whose row count was altered: refused (SEAL_ROWS_ALTERED)", () => {
    const mar = computeSeal(LEDGER, {
      period: "2026-03",
      previousHash: "",
      user: "alice",
      now: NOW,
      reason: "March",
      runId: "RUN-000020",
    });
    const book = makeBook({
      seals: [{ ...mar.seal, count: 3 }],
      sealRows: mar.rows,
      periodOverrides: { "2026-03": { status: "On hold" } },
    });
    const p = plan(book, { kind: "close", period: "2026-03", reason: "year end", confirm: true });
    expect(codes(p)).toEqual(["SEAL_ROWS_ALTERED"]);
    expect(p.status).toBeUndefined();
  });

  it("a broken seal of another period does not block this one", () => {
    const feb = computeSeal(LEDGER, {
      period: "2026-02",
      previousHash: "",
      user: "alice",
      now: NOW,
      reason: "Feb",
      runId: "RUN-000019",
    });
    const mar = computeSeal(LEDGER, {
      period: "2026-03",
      previousHash: feb.seal.hash,
      user: "alice",
      now: NOW,
      reason: "March",
      runId: "RUN-000020",
    });
    const tampered = LEDGER.map((e) => (e.entryNo === 1 ? { ...e, description: "edited" } : e));
    const book = makeBook({
      ledger: tampered,
      seals: [feb.seal, mar.seal],
      sealRows: [...feb.rows, ...mar.rows],
      periodOverrides: { "2026-02": { status: "On hold" }, "2026-03": { status: "On hold" } },
    });
    expect(plan(book, { kind: "close", period: "2026-03", reason: "year end", confirm: true }).status).toBe(
      "Permanently closed",
    );
    expect(codes(plan(book, { kind: "close", period: "2026-02", reason: "year end", confirm: true }))).toEqual([
      "SEAL_ROW_CHANGED",
    ]);
  });

  it("from On hold without a seal: seals now", () => {
    const p = plan(makeBook({ periodOverrides: { "2026-03": { status: "On hold" } } }), {
      kind: "close",
      period: "2026-03",
      reason: "year end",
      confirm: true,
    });
    expect(p.status).toBe("Permanently closed");
    expect(p.seal!.seal.count).toBe(4);
  });

  it("refused with drafts in the period", () => {
    const p = plan(makeBook({ journal: journal("D-1 2026-03-15 6100 USD Dr 10.00") }), {
      kind: "close",
      period: "2026-03",
      reason: "year end",
      confirm: true,
    });
    expect(codes(p)).toEqual(["DRAFTS_IN_PERIOD"]);
  });
});

describe("Permanently closed never changes again", () => {
  const closed = () =>
    makeBook({ periodOverrides: { "2026-03": { status: "Permanently closed", access: "Controllers" } } });
  const actions: PeriodAction[] = [
    { kind: "reopen", period: "2026-03", reason: "please" },
    { kind: "hold", period: "2026-03", reason: "please" },
    { kind: "close", period: "2026-03", reason: "please", confirm: true },
    { kind: "access", period: "2026-03", access: "All", reason: "please" },
    { kind: "exception", period: "2026-03", user: "alice", until: "2026-05-01T00:00:00Z", reason: "please" },
    { kind: "exception", period: "2026-03", user: "*", until: "2026-05-01T00:00:00Z", reason: "please" },
  ];
  it.each(actions.map((a) => [a.kind, a] as const))("%s → PERIOD_PERMANENT", (_kind, a) => {
    const p = plan(closed(), a);
    expect(codes(p)).toEqual(["PERIOD_PERMANENT"]);
    expect(p.issues[0]!.at).toMatchObject({ table: "tblPeriods", row: 4 });
    expect(p.status).toBeUndefined();
    expect(p.access).toBeUndefined();
    expect(p.exception).toBeUndefined();
    expect(p.unseal).toBeUndefined();
    expect(p.audit).toEqual([]);
  });
});

describe("access", () => {
  it("All → None", () => {
    const p = plan(makeBook(), { kind: "access", period: "2026-03", access: "None", reason: "freeze" });
    expect(p.issues).toEqual([]);
    expect(p.access).toBe("None");
    expect(p.status).toBeUndefined();
    expect(p.seal).toBeUndefined();
    expectAudit(p, "period-access", "2026-03", "All", "None", "freeze");
  });

  it('a group; "all" and "NONE" are normalised', () => {
    const p = plan(makeBook(), {
      kind: "access",
      period: "2026-03",
      access: " Controllers ",
      reason: "controllers only",
    });
    expect(p.access).toBe("Controllers");
    expectAudit(p, "period-access", "2026-03", "All", "Controllers", "controllers only");

    const back = plan(makeBook({ periodOverrides: { "2026-03": { access: "Controllers" } } }), {
      kind: "access",
      period: "2026-03",
      access: "all",
      reason: "open up",
    });
    expect(back.access).toBe("All");
    expectAudit(back, "period-access", "2026-03", "Controllers", "All", "open up");

    expect(plan(makeBook(), { kind: "access", period: "2026-03", access: "NONE", reason: "r" }).access).toBe("None");
  });

  it("a group name is matched against user groups case-insensitively", () => {
    const p = plan(makeBook(), { kind: "access", period: "2026-03", access: "accountants", reason: "r" });
    expect(p.issues).toEqual([]);
    expect(p.access!.toLowerCase()).toBe("accountants");
  });

  it("unknown group → UNKNOWN_GROUP on the Access column", () => {
    const p = plan(makeBook(), { kind: "access", period: "2026-03", access: "Auditors", reason: "r" });
    expect(codes(p)).toEqual(["UNKNOWN_GROUP"]);
    expect(p.issues[0]!.at).toEqual({ table: "tblPeriods", row: 4, column: "Access" });
    expect(p.access).toBeUndefined();
  });

  it("blank access → BAD_ACCESS; same access → NO_CHANGE", () => {
    expect(codes(plan(makeBook(), { kind: "access", period: "2026-03", access: "  ", reason: "r" }))).toEqual([
      "BAD_ACCESS",
    ]);
    expect(codes(plan(makeBook(), { kind: "access", period: "2026-03", access: "ALL", reason: "r" }))).toEqual([
      "NO_CHANGE",
    ]);
  });

  it("works on a period On hold (status untouched)", () => {
    const p = plan(makeBook({ periodOverrides: { "2026-03": { status: "On hold" } } }), {
      kind: "access",
      period: "2026-03",
      access: "None",
      reason: "r",
    });
    expect(p.issues).toEqual([]);
    expect(p.access).toBe("None");
    expect(p.status).toBeUndefined();
  });
});

describe("exception", () => {
  it("for a user with a future until", () => {
    const p = plan(makeBook({ periodOverrides: { "2026-03": { access: "Controllers" } } }), {
      kind: "exception",
      period: "2026-03",
      user: "alice",
      until: "2026-04-05T18:00:00Z",
      reason: "late accrual",
    });
    expect(p.issues).toEqual([]);
    expect(p.exception).toEqual({
      period: "2026-03",
      user: "alice",
      until: "2026-04-05T18:00:00.000Z",
      reason: "late accrual",
      createdBy: "bob",
      createdAt: NOW,
    });
    expect(p.status).toBeUndefined();
    expect(p.access).toBeUndefined();
    expectAudit(p, "lock-exception", "2026-03", "", "alice until 2026-04-05T18:00:00.000Z", "late accrual");
  });

  it('for everyone ("*")', () => {
    const p = plan(makeBook(), {
      kind: "exception",
      period: "2026-03",
      user: "*",
      until: "2026-04-03T00:00:00.000Z",
      reason: "all hands",
    });
    expect(p.issues).toEqual([]);
    expect(p.exception).toMatchObject({ period: "2026-03", user: "*", until: "2026-04-03T00:00:00.000Z" });
    expect(p.audit[0]!.newValue).toBe("* until 2026-04-03T00:00:00.000Z");
  });

  it("until in the past, equal to now, or unreadable → BAD_UNTIL", () => {
    for (const until of ["2026-04-01T00:00:00Z", NOW, "next week"]) {
      const p = plan(makeBook(), { kind: "exception", period: "2026-03", user: "alice", until, reason: "r" });
      expect([until, codes(p)]).toEqual([until, ["BAD_UNTIL"]]);
      expect(p.exception).toBeUndefined();
    }
  });

  it("unknown user → UNKNOWN_USER on the Access column", () => {
    const p = plan(makeBook(), {
      kind: "exception",
      period: "2026-03",
      user: "mallory",
      until: "2026-05-01T00:00:00Z",
      reason: "r",
    });
    expect(codes(p)).toEqual(["UNKNOWN_USER"]);
    expect(p.issues[0]!.at).toEqual({ table: "tblPeriods", row: 4, column: "Access" });
  });
});

describe("every successful plan has one audit draft naming the period, the old and new value and the reason", () => {
  const sealedMarch = computeSeal(LEDGER, {
    period: "2026-03",
    previousHash: "",
    user: "alice",
    now: NOW,
    reason: "March",
    runId: "RUN-000020",
  });
  const cases: [string, Book, PeriodAction, string, string][] = [
    ["hold", makeBook(), { kind: "hold", period: "2026-02", reason: "R" }, "Open", "On hold"],
    [
      "reopen",
      makeBook({
        seals: [sealedMarch.seal],
        sealRows: sealedMarch.rows,
        periodOverrides: { "2026-03": { status: "On hold" } },
      }),
      { kind: "reopen", period: "2026-03", reason: "R" },
      "On hold",
      "Open",
    ],
    [
      "close from Open",
      makeBook(),
      { kind: "close", period: "FY2026-CLOSE", reason: "R", confirm: true },
      "Open",
      "Permanently closed",
    ],
    [
      "access",
      makeBook(),
      { kind: "access", period: "2026-12", access: "Accountants", reason: "R" },
      "All",
      "Accountants",
    ],
    [
      "exception",
      makeBook(),
      { kind: "exception", period: "2026-01", user: "bob", until: "2026-04-03T00:00:00Z", reason: "R" },
      "",
      "bob until 2026-04-03T00:00:00.000Z",
    ],
  ];
  it.each(cases)("%s", (_name, book, action, oldValue, newValue) => {
    const p = plan(book, action);
    expect(p.issues).toEqual([]);
    expect(p.period!.id).toBe(action.period);
    expect(p.audit).toHaveLength(1);
    expect(p.audit[0]).toMatchObject({
      subject: action.period,
      oldValue,
      newValue,
      reason: "R",
      user: "bob",
      at: NOW,
      runId: RUN,
    });
  });
});
