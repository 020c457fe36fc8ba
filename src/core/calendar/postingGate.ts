/**
 * The posting gate: the one function that decides whether a user may post on
 * a date. Every write path asks it before writing (D365's predicate, plus the
 * seal and Odoo-style exceptions):
 *   canPost = user active ∧ period(date) exists ∧ status = Open ∧ not sealed
 *             ∧ (access = All ∨ (access = group ∧ user ∈ group) ∨ an exception holds)
 * An exception (tblLockExceptions) lets one user, or "*" everyone, past an
 * access restriction of an Open period until a time; it never opens a period
 * that is On hold, permanently closed or sealed. A pass through an exception
 * is reported (`override`) so the caller records it in the audit log.
 *
 * Example: period 2026-03 Open with access "Controllers":
 *   gate.check("bob", "2026-03-15")   → ok, period "2026-03" (bob is a Controller)
 *   gate.check("alice", "2026-03-15") → PERIOD_ACCESS "... only group Controllers may post"
 *   with an exception {2026-03, alice, until 2026-04-05T18:00Z} and now = 2026-04-02
 *                                     → ok, override "exception for alice until ..."
 *   gate.check("bob", "2031-01-01")   → NO_PERIOD "2031-01-01 falls in no period ..."
 * Closing-period postings name the period explicitly: check(user, date, "FY2026-CLOSE").
 */
import type { FiscalPeriod, IsoDate, LockException, User } from "../ledger/types";

export type GateCode = "NO_PERIOD" | "PERIOD_NOT_OPEN" | "PERIOD_SEALED" | "PERIOD_ACCESS" | "UNKNOWN_USER";

export type GateResult =
  | { readonly ok: true; readonly period: FiscalPeriod; readonly override?: LockException }
  | { readonly ok: false; readonly code: GateCode; readonly message: string; readonly period?: FiscalPeriod };

export interface GateOptions {
  readonly exceptions?: readonly LockException[];
  /** periods whose seal is in force */
  readonly sealed?: ReadonlySet<string>;
  /** ISO timestamp: exceptions hold while now ≤ until */
  readonly now?: string;
}

export class PostingGate {
  private readonly operating: FiscalPeriod[];
  private readonly byId: Map<string, FiscalPeriod>;

  constructor(
    periods: readonly FiscalPeriod[],
    private readonly users: ReadonlyMap<string, User>,
    private readonly options: GateOptions = {},
  ) {
    this.operating = periods.filter((p) => p.kind === "operating").sort((a, b) => (a.start < b.start ? -1 : 1));
    this.byId = new Map(periods.map((p) => [p.id, p]));
  }

  /** The operating period containing the date (binary search). */
  periodOf(date: IsoDate): FiscalPeriod | undefined {
    let lo = 0;
    let hi = this.operating.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = this.operating[mid]!;
      if (date < p.start) hi = mid - 1;
      else if (date > p.end) lo = mid + 1;
      else return p;
    }
    return undefined;
  }

  private exceptionFor(period: FiscalPeriod, user: User): LockException | undefined {
    const now = this.options.now;
    if (!now) return undefined;
    const nowMs = Date.parse(now);
    return this.options.exceptions?.find(
      (x) =>
        x.period === period.id &&
        (x.user === "*" || x.user.toLowerCase() === user.name.toLowerCase()) &&
        Date.parse(x.until) >= nowMs,
    );
  }

  check(userName: string, date: IsoDate, periodId?: string): GateResult {
    const period = periodId !== undefined ? this.byId.get(periodId) : this.periodOf(date);
    if (!period || date < period.start || date > period.end) {
      return {
        ok: false,
        code: "NO_PERIOD",
        message: periodId
          ? `${date} is not in period ${periodId}.`
          : `${date} falls in no period of the fiscal calendar.`,
      };
    }
    const user = this.users.get(userName.toLowerCase());
    if (!user || !user.active) {
      return {
        ok: false,
        code: "UNKNOWN_USER",
        period,
        message: `User "${userName}" is not an active user in the users table.`,
      };
    }
    if (period.status !== "Open") {
      return {
        ok: false,
        code: "PERIOD_NOT_OPEN",
        period,
        message: `Period ${period.id} is ${period.status}; nothing can be posted into it.`,
      };
    }
    if (this.options.sealed?.has(period.id)) {
      return {
        ok: false,
        code: "PERIOD_SEALED",
        period,
        message: `Period ${period.id} is sealed; reopen it (with a reason) before posting into it.`,
      };
    }
    const access = period.access.trim();
    if (access === "" || access.toLowerCase() === "all") return { ok: true, period };
    if (access.toLowerCase() !== "none" && user.groups.some((g) => g.toLowerCase() === access.toLowerCase()))
      return { ok: true, period };
    const exception = this.exceptionFor(period, user);
    if (exception) return { ok: true, period, override: exception };
    if (access.toLowerCase() === "none") {
      return {
        ok: false,
        code: "PERIOD_ACCESS",
        period,
        message: `Period ${period.id} has access None; nobody may post into it.`,
      };
    }
    return {
      ok: false,
      code: "PERIOD_ACCESS",
      period,
      message: `Period ${period.id} is restricted: only group ${access} may post, and ${user.name} is not in it.`,
    };
  }
}
