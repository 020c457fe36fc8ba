import fc from "fast-check";
import { buildFiscalYear } from "../../../src/core/calendar/fiscalYear";
import { PostingGate, type GateOptions, type GateResult } from "../../../src/core/calendar/postingGate";
import type { FiscalPeriod, LockException } from "../../../src/core/ledger/types";
import { makeSetup } from "../../support/fixtures";

// users: alice (Accountants), bob (Controllers), carol (inactive)
const USERS = makeSetup().users;

function periods(overrides: Record<string, Partial<FiscalPeriod>> = {}): FiscalPeriod[] {
  return buildFiscalYear(2026, 1).map((p) => ({ ...p, ...overrides[p.id] }));
}

function gate(overrides: Record<string, Partial<FiscalPeriod>> = {}, options: GateOptions = {}): PostingGate {
  return new PostingGate(periods(overrides), USERS, options);
}

function exc(period: string, user: string, until: string): LockException {
  return { period, user, until, reason: "late accrual", createdBy: "bob", createdAt: "2026-04-01T00:00:00Z" };
}

const okPeriod = (r: GateResult) => (r.ok ? r.period.id : `refused ${r.code}`);
const code = (r: GateResult) => (r.ok ? "ok" : r.code);

describe("PostingGate: period and status", () => {
  it("an Open period with access All lets any active user post", () => {
    const g = gate();
    expect(okPeriod(g.check("alice", "2026-03-15"))).toBe("2026-03");
    expect(okPeriod(g.check("bob", "2026-01-01"))).toBe("2026-01"); // operating month, not FY2026-OPEN
    expect(okPeriod(g.check("bob", "2026-12-31"))).toBe("2026-12"); // operating month, not FY2026-CLOSE
    const r = g.check("alice", "2026-03-15");
    expect(r.ok && r.override).toBeUndefined();
  });

  it("a date in no period → NO_PERIOD", () => {
    const g = gate();
    for (const d of ["2025-12-31", "2027-01-01", "2031-01-01"]) {
      const r = g.check("bob", d);
      expect(code(r)).toBe("NO_PERIOD");
      expect(!r.ok && r.message).toContain(d);
    }
  });

  it("On hold and Permanently closed → PERIOD_NOT_OPEN", () => {
    const g = gate({ "2026-03": { status: "On hold" }, "2026-02": { status: "Permanently closed" } });
    const held = g.check("alice", "2026-03-31");
    expect(code(held)).toBe("PERIOD_NOT_OPEN");
    expect(!held.ok && held.period?.id).toBe("2026-03");
    expect(!held.ok && held.message).toContain("On hold");
    expect(code(g.check("bob", "2026-02-01"))).toBe("PERIOD_NOT_OPEN");
    expect(code(g.check("bob", "2026-04-01"))).toBe("ok");
  });

  it("an unknown or inactive user → UNKNOWN_USER; user names are case-insensitive", () => {
    const g = gate();
    expect(code(g.check("mallory", "2026-03-15"))).toBe("UNKNOWN_USER");
    expect(code(g.check("carol", "2026-03-15"))).toBe("UNKNOWN_USER");
    expect(code(g.check("ALICE", "2026-03-15"))).toBe("ok");
  });

  it("a sealed period is refused even though its status reads Open", () => {
    const g = gate({}, { sealed: new Set(["2026-03"]) });
    const r = g.check("bob", "2026-03-10");
    expect(code(r)).toBe("PERIOD_SEALED");
    expect(!r.ok && r.period?.id).toBe("2026-03");
    expect(code(g.check("bob", "2026-04-10"))).toBe("ok");
  });
});

describe("PostingGate: access", () => {
  it("None: nobody may post", () => {
    const g = gate({ "2026-03": { access: "None" } });
    for (const u of ["alice", "bob"]) expect(code(g.check(u, "2026-03-15"))).toBe("PERIOD_ACCESS");
    expect(code(g.check("alice", "2026-04-15"))).toBe("ok");
  });

  it("a group: members may post (case-insensitively), others not", () => {
    const g = gate({ "2026-03": { access: "controllers" } });
    expect(code(g.check("bob", "2026-03-15"))).toBe("ok");
    const r = g.check("alice", "2026-03-15");
    expect(code(r)).toBe("PERIOD_ACCESS");
    expect(!r.ok && r.message).toContain("alice");
  });

  it('"all" in any case and blank mean everyone', () => {
    expect(code(gate({ "2026-03": { access: "ALL" } }).check("alice", "2026-03-15"))).toBe("ok");
    expect(code(gate({ "2026-03": { access: " " } }).check("alice", "2026-03-15"))).toBe("ok");
  });

  it("a user is refused before the access check when inactive, even with access All", () => {
    expect(code(gate({ "2026-03": { access: "All" } }).check("carol", "2026-03-15"))).toBe("UNKNOWN_USER");
  });
});

describe("PostingGate: lock exceptions", () => {
  const UNTIL = "2026-04-05T18:00:00.000Z";
  const aliceEx = exc("2026-03", "alice", UNTIL);

  it("a user exception lets that user past a group restriction while now ≤ until, reported as override", () => {
    const g = gate({ "2026-03": { access: "Controllers" } }, { exceptions: [aliceEx], now: "2026-04-02T09:00:00Z" });
    const r = g.check("alice", "2026-03-20");
    expect(r).toEqual({ ok: true, period: expect.objectContaining({ id: "2026-03" }), override: aliceEx });
  });

  it("and past None", () => {
    const g = gate({ "2026-03": { access: "None" } }, { exceptions: [aliceEx], now: "2026-04-02T09:00:00Z" });
    const r = g.check("Alice", "2026-03-20");
    expect(r.ok && r.override).toBe(aliceEx);
    expect(code(g.check("bob", "2026-03-20"))).toBe("PERIOD_ACCESS");
  });

  it("holds up to and including until, not after", () => {
    const at = (now: string) =>
      gate({ "2026-03": { access: "None" } }, { exceptions: [aliceEx], now }).check("alice", "2026-03-20");
    expect(code(at(UNTIL))).toBe("ok");
    expect(code(at("2026-04-05T17:59:59.999Z"))).toBe("ok");
    expect(code(at("2026-04-05T18:00:00.001Z"))).toBe("PERIOD_ACCESS");
    expect(code(at("2026-05-01T00:00:00Z"))).toBe("PERIOD_ACCESS");
  });

  it("without a now, no exception holds", () => {
    expect(code(gate({ "2026-03": { access: "None" } }, { exceptions: [aliceEx] }).check("alice", "2026-03-20"))).toBe(
      "PERIOD_ACCESS",
    );
  });

  it("applies only to its period and its user", () => {
    const g = gate(
      { "2026-03": { access: "None" }, "2026-04": { access: "None" } },
      { exceptions: [aliceEx], now: "2026-04-02T09:00:00Z" },
    );
    expect(code(g.check("alice", "2026-04-02"))).toBe("PERIOD_ACCESS");
    expect(code(g.check("bob", "2026-03-02"))).toBe("PERIOD_ACCESS");
  });

  it('"*" lets everyone past', () => {
    const star = exc("2026-03", "*", UNTIL);
    const g = gate({ "2026-03": { access: "None" } }, { exceptions: [star], now: "2026-04-02T09:00:00Z" });
    for (const u of ["alice", "bob"]) {
      const r = g.check(u, "2026-03-31");
      expect(r.ok && r.override).toBe(star);
    }
    // but not an inactive or unknown user
    expect(code(g.check("carol", "2026-03-31"))).toBe("UNKNOWN_USER");
    expect(code(g.check("mallory", "2026-03-31"))).toBe("UNKNOWN_USER");
  });

  it("an exception never opens a period On hold, permanently closed or sealed", () => {
    const opts = {
      exceptions: [exc("2026-03", "*", UNTIL), exc("2026-02", "*", UNTIL), exc("2026-01", "*", UNTIL)],
      now: "2026-04-02T09:00:00Z",
      sealed: new Set(["2026-01"]),
    };
    const g = gate(
      { "2026-03": { status: "On hold", access: "None" }, "2026-02": { status: "Permanently closed" } },
      opts,
    );
    expect(code(g.check("alice", "2026-03-15"))).toBe("PERIOD_NOT_OPEN");
    expect(code(g.check("alice", "2026-02-15"))).toBe("PERIOD_NOT_OPEN");
    expect(code(g.check("alice", "2026-01-15"))).toBe("PERIOD_SEALED");
  });

  it("no override when the user passes without the exception", () => {
    const g = gate(
      { "2026-03": { access: "Controllers" } },
      { exceptions: [exc("2026-03", "*", UNTIL)], now: "2026-04-02T09:00:00Z" },
    );
    const r = g.check("bob", "2026-03-15");
    expect(r.ok).toBe(true);
    expect(r.ok && "override" in r).toBe(false);
    const open = gate({}, { exceptions: [exc("2026-03", "*", UNTIL)], now: "2026-04-02T09:00:00Z" }).check(
      "alice",
      "2026-03-15",
    );
    expect(open.ok && "override" in open).toBe(false);
  });

  it("an expired exception is skipped in favour of a live one", () => {
    const old = exc("2026-03", "alice", "2026-04-01T00:00:00Z");
    const live = exc("2026-03", "*", UNTIL);
    const r = gate({ "2026-03": { access: "None" } }, { exceptions: [old, live], now: "2026-04-02T09:00:00Z" }).check(
      "alice",
      "2026-03-15",
    );
    expect(r.ok && r.override).toBe(live);
  });
});

describe("PostingGate: explicit period", () => {
  it("closing-period postings name the period", () => {
    const g = gate();
    const r = g.check("bob", "2026-12-31", "FY2026-CLOSE");
    expect(okPeriod(r)).toBe("FY2026-CLOSE");
    expect(okPeriod(g.check("bob", "2026-01-01", "FY2026-OPEN"))).toBe("FY2026-OPEN");
  });

  it("the date must fall inside the named period", () => {
    const r = gate().check("bob", "2026-12-30", "FY2026-CLOSE");
    expect(code(r)).toBe("NO_PERIOD");
    expect(!r.ok && r.message).toContain("FY2026-CLOSE");
  });

  it("an unknown period id → NO_PERIOD", () => {
    expect(code(gate().check("bob", "2026-12-31", "FY2027-CLOSE"))).toBe("NO_PERIOD");
  });

  it("the named period's own status, seal and access apply, not the operating month's", () => {
    expect(code(gate({ "FY2026-CLOSE": { status: "On hold" } }).check("bob", "2026-12-31", "FY2026-CLOSE"))).toBe(
      "PERIOD_NOT_OPEN",
    );
    expect(code(gate({ "FY2026-CLOSE": { status: "On hold" } }).check("bob", "2026-12-31"))).toBe("ok");
    expect(code(gate({ "2026-12": { status: "On hold" } }).check("bob", "2026-12-31", "FY2026-CLOSE"))).toBe("ok");
    expect(code(gate({}, { sealed: new Set(["FY2026-CLOSE"]) }).check("bob", "2026-12-31", "FY2026-CLOSE"))).toBe(
      "PERIOD_SEALED",
    );
    expect(code(gate({ "FY2026-CLOSE": { access: "Controllers" } }).check("alice", "2026-12-31", "FY2026-CLOSE"))).toBe(
      "PERIOD_ACCESS",
    );
  });
});

// ---------------------------------------------------------------------------
// periodOf: binary search vs a linear scan

function nextDay(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function linear(ps: readonly FiscalPeriod[], date: string): string | undefined {
  for (const p of ps) if (p.kind === "operating" && p.start <= date && date <= p.end) return p.id;
  return undefined;
}

describe("PostingGate.periodOf", () => {
  it("agrees with a linear scan on every day of 2026 (and the days around it)", () => {
    const ps = periods();
    const g = new PostingGate(ps, USERS);
    let days = 0;
    for (let d = "2025-12-25"; d <= "2027-01-07"; d = nextDay(d)) {
      expect([d, g.periodOf(d)?.id]).toEqual([d, linear(ps, d)]);
      days++;
    }
    expect(days).toBe(365 + 14);
    expect(g.periodOf("2026-02-28")?.id).toBe("2026-02");
    expect(g.periodOf("2026-03-01")?.id).toBe("2026-03");
    expect(g.periodOf("2026-02-29")).toBeUndefined(); // not a real date; sorts after the 28th, before March
  });

  it("property: for shuffled, gapped calendars of several fiscal years, agrees with a linear scan", () => {
    const calendar = fc
      .record({
        startYear: fc.integer({ min: 2020, max: 2030 }),
        startMonth: fc.integer({ min: 1, max: 12 }),
        years: fc.integer({ min: 1, max: 3 }),
        keep: fc.array(fc.boolean(), { minLength: 48, maxLength: 48 }),
        order: fc.array(fc.nat(), { minLength: 48, maxLength: 48 }),
      })
      .map(({ startYear, startMonth, years, keep, order }) => {
        const all = Array.from({ length: years }, (_, y) => buildFiscalYear(startYear + y, startMonth)).flat();
        let k = 0;
        const kept = all.filter((p) => p.kind !== "operating" || keep[k++ % keep.length]);
        // a deterministic shuffle driven by `order`
        return kept
          .map((p, i) => ({ p, key: order[i % order.length]! * 1000 + i }))
          .sort((a, b) => a.key - b.key)
          .map((x) => x.p);
      });
    const day = fc
      .integer({ min: Date.UTC(2019, 10, 1), max: Date.UTC(2034, 1, 1) })
      .map((ms) => new Date(Math.floor(ms / 86_400_000) * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(calendar, fc.array(day, { minLength: 1, maxLength: 40 }), (ps, dates) => {
        const g = new PostingGate(ps, USERS);
        for (const d of dates) expect(g.periodOf(d)?.id).toBe(linear(ps, d));
        // every start and end day, and the days just after each end
        for (const p of ps) {
          if (p.kind !== "operating") continue;
          expect(g.periodOf(p.start)?.id).toBe(p.id);
          expect(g.periodOf(p.end)?.id).toBe(p.id);
          expect(g.periodOf(nextDay(p.end))?.id).toBe(linear(ps, nextDay(p.end)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("check() uses periodOf for the date when no period is named", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 364 }), (n) => {
        const d = new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
        const r = gate().check("alice", d);
        expect(r.ok && r.period.id).toBe(d.slice(0, 7));
      }),
    );
  });
});
