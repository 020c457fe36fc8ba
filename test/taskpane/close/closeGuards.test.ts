import fc from "fast-check";
import type { Proposal, ProposedLine } from "../../../src/core/close/proposal";
import { Amount } from "../../../src/core/money";
import {
  closeSummary,
  draftsWarning,
  postGuard,
  postSummary,
  postSummaryLine,
  type SummaryStep,
} from "../../../src/taskpane/close/closeGuards";
import type { BadgeText } from "../../../src/taskpane/close/closeTabState";

const TITLES = [
  "Verify journals are posted",
  "Rate checks",
  "Settlement",
  "Revaluation",
  "Allocations",
  "Period-end adjustments",
  "Journal report and statements",
];
const steps = (badges: BadgeText[]): SummaryStep[] => TITLES.map((title, i) => ({ title, badge: badges[i]! }));

describe("the close summary", () => {
  it("counts the steps done and names the next two", () => {
    // Done, Done, Posted, Posted, Not run, Done, Not run → 5 done; next Allocations, then the statements
    expect(
      closeSummary("November 2026", "Open", steps(["Done", "Done", "Posted", "Posted", "Not run", "Done", "Not run"])),
    ).toBe("November 2026: 5 of 7 done · next: Allocations · then Journal report and statements");
    // all but the last: next is the last, then the hold
    expect(
      closeSummary("November 2026", "Open", steps(["Done", "Done", "Posted", "Posted", "Skipped", "Done", "Not run"])),
    ).toBe("November 2026: 6 of 7 done · next: Journal report and statements · then put the period on hold");
    expect(
      closeSummary("November 2026", "Open", steps(["Done", "Done", "Posted", "Posted", "Skipped", "Done", "Done"])),
    ).toBe("November 2026: 7 of 7 done · next: put the period on hold (Periods tab)");
    expect(
      closeSummary(
        "November 2026",
        "Open",
        steps(["Failed", "Not run", "Not run", "Not run", "Not run", "Not run", "Not run"]),
      ),
    ).toBe("November 2026: 0 of 7 done · next: Verify journals are posted (failed: fix its issues) · then Rate checks");
    expect(closeSummary("October 2026", "On hold", steps(Array(7).fill("Posted")))).toBe(
      "October 2026: on hold; nothing more can be posted to it.",
    );
  });

  it("never counts more done than there are steps", () => {
    const badge = fc.constantFrom<BadgeText>("Not run", "Previewed", "Posted", "Reversed", "Failed", "Done", "Skipped");
    fc.assert(
      fc.property(fc.array(badge, { minLength: 7, maxLength: 7 }), (b) => {
        const m = /: (\d+) of 7 done/.exec(closeSummary("P", "Open", steps(b)));
        expect(Number(m![1])).toBe(b.filter((x) => x === "Posted" || x === "Done" || x === "Skipped").length);
      }),
    );
  });
});

describe("the post guard", () => {
  it("refuses a posted step and any step after a failed one, with the reason", () => {
    const g = TITLES.map((title) => ({ title }));
    expect(postGuard(g, 3)).toBeUndefined();
    const posted = g.map((s, i) => (i === 3 ? { ...s, state: { state: "posted" as const, runId: "RUN-000004" } } : s));
    expect(postGuard(posted, 3)).toBe("Already posted as RUN-000004; reverse it first to post again.");
    const failed = g.map((s, i) => (i === 1 ? { ...s, mark: { kind: "failed" as const, summary: "2 findings" } } : s));
    expect(postGuard(failed, 3)).toBe("Rate checks has errors: fix them and run it again first.");
    // a failure after the step does not block it
    expect(postGuard(failed, 0)).toBeUndefined();
    // the drafts check failed, but the post asks for the override: not a blocker
    const drafts = g.map((s, i) =>
      i === 0 ? { ...s, mark: { kind: "failed" as const, summary: "53 draft lines" }, overridable: true } : s,
    );
    expect(postGuard(drafts, 3)).toBeUndefined();
    const reversed = g.map((s, i) =>
      i === 3 ? { ...s, state: { state: "reversed" as const, runId: "RUN-000004" } } : s,
    );
    expect(postGuard(reversed, 3)).toBeUndefined();
  });

  it("asks for an override only while the period has drafts", () => {
    expect(draftsWarning(0, "2026-12")).toBeUndefined();
    expect(draftsWarning(1, "2026-12")).toMatch(/^1 draft journal line is dated in 2026-12/);
    expect(draftsWarning(53, "2026-12")).toMatch(/^53 draft journal lines are dated in 2026-12/);
  });
});

describe("what a post will post", () => {
  const line = (account: string, amount: string): ProposedLine => ({
    account,
    dimensions: {},
    currency: "USD",
    amount: Amount.ZERO,
    amountAccounting: Amount.parse(amount)!,
    description: "",
  });
  it("counts vouchers and lines, adds the debits, names the accounts once", () => {
    const proposal: Pick<Proposal, "vouchers"> = {
      vouchers: [
        { date: "2026-11-30", description: "", lines: [line("7100", "4165.34"), line("1010", "-4165.34")] },
        { date: "2026-11-30", description: "", lines: [line("1020", "1200.50"), line("7100", "-1200.50")] },
      ],
    };
    // debits: 4,165.34 + 1,200.50 = 5,365.84; accounts 1010, 1020, 7100
    const s = postSummary(
      proposal,
      new Map([
        ["1010", "Bank EUR"],
        ["7100", "FX loss"],
      ]),
      "USD",
    );
    expect(s).toEqual({
      vouchers: 2,
      lines: 4,
      totalDebit: "USD 5,365.84",
      accounts: ["1010 Bank EUR", "1020", "7100 FX loss"],
    });
    expect(postSummaryLine(s)).toBe("2 vouchers, 4 ledger lines, total debit USD 5,365.84");
    expect(postSummaryLine(postSummary({ vouchers: [] }, new Map(), "USD"))).toBe(
      "0 vouchers, 0 ledger lines, total debit USD 0",
    );
  });
});
