/**
 * The Journals tab's pure parts: drafts grouped per period and journal, the
 * default "Post through" date, and the result sentences.
 */
import { buildFiscalYear } from "../../../src/core/calendar/fiscalYear";
import type { FiscalPeriod, JournalLine } from "../../../src/core/ledger/types";
import type { PostedVoucher } from "../../../src/core/posting/postJournal";
import {
  defaultThrough,
  periodLabel,
  postedSentence,
  summarizeDrafts,
  validatedSentence,
  voucherNumbers,
} from "../../../src/taskpane/journals/draftModel";
import { postOutcome, validateOutcome } from "../../../src/taskpane/journals/journalOutcome";

let row = 0;
function line(journal: string, date: string, status: JournalLine["status"] = "Draft"): JournalLine {
  return {
    row: ++row,
    journal,
    draftVoucher: `D-${row}`,
    date,
    account: "1000",
    dimensions: {},
    currency: "USD",
    description: "",
    status,
    message: "",
    postedVoucher: "",
  };
}

const FY = buildFiscalYear(2026, 1);
const withStatus = (periods: FiscalPeriod[], status: Record<string, FiscalPeriod["status"]>) =>
  periods.map((p) => (status[p.id] ? { ...p, status: status[p.id]! } : p));

describe("summarizeDrafts", () => {
  test("counts draft and failed lines per period and journal, in calendar order; posted lines are left out", () => {
    const journal = [
      line("GJ", "2026-04-02"),
      line("AP", "2026-03-10"),
      line("GJ", "2026-03-31", "Error"),
      line("GJ", "2026-03-01"),
      line("GJ", "2026-03-15", "Posted"),
      line("GJ", ""),
      line("GJ", "2030-01-01"),
    ];
    expect(summarizeDrafts(journal, FY)).toEqual([
      { period: "2026-03", journal: "AP", drafts: 1, failed: 0, first: "2026-03-10", last: "2026-03-10" },
      { period: "2026-03", journal: "GJ", drafts: 1, failed: 1, first: "2026-03-01", last: "2026-03-31" },
      { period: "2026-04", journal: "GJ", drafts: 1, failed: 0, first: "2026-04-02", last: "2026-04-02" },
      { period: "", journal: "GJ", drafts: 2, failed: 0, first: "2030-01-01", last: "2030-01-01" },
    ]);
  });

  test("an empty or fully posted journal gives no groups", () => {
    expect(summarizeDrafts([], FY)).toEqual([]);
    expect(summarizeDrafts([line("GJ", "2026-03-01", "Posted")], FY)).toEqual([]);
  });

  test("a blank period has a plain label", () => {
    expect(periodLabel("2026-03")).toBe("2026-03");
    expect(periodLabel("")).toMatch(/^No period/);
  });
});

describe("defaultThrough", () => {
  test("the end of the earliest Open period that has drafts", () => {
    const periods = withStatus(FY, { "2026-01": "On hold", "2026-02": "Permanently closed" });
    expect(
      defaultThrough([line("GJ", "2026-01-05"), line("GJ", "2026-04-20"), line("GJ", "2026-03-02", "Posted")], periods),
    ).toBe("2026-04-30");
  });

  test("failed lines count as drafts", () => {
    expect(defaultThrough([line("GJ", "2026-02-10", "Error")], FY)).toBe("2026-02-28");
  });

  test("no drafts: the end of the earliest Open period; nothing open: empty", () => {
    expect(defaultThrough([], withStatus(FY, { "2026-01": "On hold" }))).toBe("2026-02-28");
    expect(
      defaultThrough(
        [],
        FY.map((p) => ({ ...p, status: "On hold" as const })),
      ),
    ).toBe("");
  });
});

const v = (voucher: string, reversal?: string): PostedVoucher => ({
  voucher,
  journal: "GJ",
  draftVoucher: "D",
  date: "2026-03-31",
  rows: [1],
  ...(reversal ? { reversal: { voucher: reversal, date: "2026-04-01" } } : {}),
});

describe("sentences", () => {
  test("posted: count, range and run", () => {
    expect(postedSentence([v("GL-000321"), v("GL-000322")], 4, "RUN-000045")).toBe(
      "Posted 2 vouchers (GL-000321..GL-000322), 4 lines as RUN-000045.",
    );
    expect(postedSentence([v("GL-000001")], 1, "RUN-000001")).toBe(
      "Posted 1 voucher (GL-000001), 1 line as RUN-000001.",
    );
  });

  test("accrual reversals are vouchers too, and are named", () => {
    expect(voucherNumbers([v("GL-000003"), v("GL-000001", "GL-000002")])).toEqual([
      "GL-000001",
      "GL-000002",
      "GL-000003",
    ]);
    expect(postedSentence([v("GL-000001", "GL-000002")], 1200, "RUN-000002")).toBe(
      "Posted 2 vouchers (GL-000001..GL-000002), including 1 accrual reversal, 1,200 lines as RUN-000002.",
    );
  });

  test("validated: what would be posted, and that nothing was written", () => {
    expect(validatedSentence([v("GL-000001")], 2, 2, "2026-03-31")).toBe(
      "Ready to post 1 voucher (GL-000001), 2 ledger lines from 2 draft lines through 2026-03-31. Nothing was written.",
    );
    expect(validatedSentence([v("GL-000001")], 2, 2, "")).not.toContain("through");
  });
});

describe("outcomes", () => {
  const err = {
    code: "UNKNOWN_ACCOUNT" as const,
    severity: "error" as const,
    message: "x",
    at: { table: "tblJournal", row: 4, column: "Account" },
  };
  const nothing = { code: "NOTHING_TO_POST" as const, severity: "info" as const, message: "none" };

  test("post: success, nothing to post, refused (with the audit note when recorded)", () => {
    expect(
      postOutcome({ posted: true, runId: "RUN-000001", vouchers: [v("GL-000001")], lines: 2, issues: [] }, ""),
    ).toEqual({ intent: "success", text: "Posted 1 voucher (GL-000001), 2 lines as RUN-000001." });
    expect(postOutcome({ posted: false, vouchers: [], lines: 0, issues: [nothing] }, "2026-03-31")).toEqual({
      intent: "info",
      text: "There are no draft journal lines to post dated up to 2026-03-31.",
    });
    const refused = postOutcome(
      { posted: false, vouchers: [], lines: 2, issues: [err, err], refusalRecorded: true },
      "",
    );
    expect(refused).toMatchObject({ intent: "error", title: "Nothing was posted" });
    expect(refused.text).toBe(
      "2 errors in the draft lines. The refusal was recorded in the audit log. Click an issue to select its cell.",
    );
  });

  test("validate: ok, nothing, refused", () => {
    expect(
      validateOutcome({ ok: true, vouchers: [v("GL-000001")], lines: 2, draftLines: 2, issues: [] }, "").intent,
    ).toBe("success");
    expect(validateOutcome({ ok: false, vouchers: [], lines: 0, draftLines: 0, issues: [nothing] }, "").intent).toBe(
      "info",
    );
    expect(validateOutcome({ ok: false, vouchers: [], lines: 0, draftLines: 1, issues: [err] }, "")).toMatchObject({
      intent: "error",
      title: "Posting would be refused",
      text: expect.stringContaining("1 error in the draft lines. Nothing was written."),
    });
  });
});
