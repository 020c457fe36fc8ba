/**
 * The Close tab's pure decisions: periods offered and chosen first, badges,
 * step lines, result sentences, the trace shown (first 50 rows) and when Post is blocked.
 */
import { CLOSE_STEPS, closeStepDef, type CloseStepOutcome } from "../../src/app/closeStepByStep";
import type { Proposal } from "../../src/core/close/proposal";
import { buildFiscalYear } from "../../src/core/calendar/fiscalYear";
import { issue } from "../../src/core/issues/issue";
import {
  badgeColor,
  badgeFor,
  closablePeriods,
  defaultClosePeriod,
  markFor,
  postBlocked,
  postedSentence,
  resultFor,
  reversedResult,
  stepLine,
  traceNote,
  traceRows,
  voucherRange,
} from "../../src/taskpane/close/closeTabState";

const reval = closeStepDef("revaluation");
const rates = closeStepDef("rate-checks");

test("operating periods only, in date order; the default is the earliest Open one", () => {
  const periods = buildFiscalYear(2026, 1).map((p) =>
    p.id === "2026-01" || p.id === "2026-02" ? { ...p, status: "On hold" as const } : p,
  );
  const choices = closablePeriods(periods);
  expect(choices).toHaveLength(12);
  expect(choices[0]).toEqual({
    id: "2026-01",
    label: "2026-01 · January 2026 (On hold)",
    name: "January 2026",
    status: "On hold",
  });
  expect(defaultClosePeriod(choices)).toBe("2026-03");
  expect(defaultClosePeriod(choices.map((c) => ({ ...c, status: "Permanently closed" as const })))).toBe("2026-12");
  expect(defaultClosePeriod([])).toBeUndefined();
});

test("badges: a posted run wins; then what the session did; then a reversed run", () => {
  expect(badgeFor(reval, "not run")).toBe("Not run");
  expect(badgeFor(reval, "posted", { kind: "failed", summary: "already posted as RUN-000004" })).toBe("Posted");
  expect(badgeFor(reval, "reversed")).toBe("Reversed");
  expect(badgeFor(reval, "reversed", { kind: "previewed", summary: "" })).toBe("Previewed");
  expect(badgeFor(rates, "not run", markFor(rates, "post", { status: "ok", summary: "complete" }))).toBe("Done");
  expect(badgeFor(rates, "not run", markFor(rates, "post", { status: "skipped", summary: "" }))).toBe("Skipped");
  expect(badgeFor(rates, "not run", markFor(rates, "preview", { status: "failed", summary: "" }))).toBe("Failed");
  // a posting step that posted leaves no mark: its run state shows
  expect(markFor(reval, "post", { status: "ok", summary: "posted" })).toBeUndefined();
  expect(["Posted", "Failed", "Reversed", "Not run"].map((t) => badgeColor(t as "Posted"))).toEqual([
    "success",
    "danger",
    "warning",
    "subtle",
  ]);
});

test("the line under a step's title", () => {
  const posted = {
    step: "revaluation" as const,
    state: "posted" as const,
    runId: "RUN-000004",
    vouchers: "GL-000012",
    startedAt: "2026-04-02T10:00:00.000Z",
    user: "bob",
  };
  expect(stepLine(reval, posted)).toBe("Posted as RUN-000004 (GL-000012) on 2026-04-02 by bob.");
  expect(stepLine(reval, { ...posted, state: "reversed", note: "reversed by RUN-000005: rates corrected" })).toBe(
    "RUN-000004 was reversed by RUN-000005: rates corrected.",
  );
  expect(stepLine(reval, { step: "revaluation", state: "not run" })).toBe(reval.what);
  expect(stepLine(rates, undefined, { kind: "done", summary: "complete, current, no outliers" })).toBe(
    "complete, current, no outliers",
  );
});

test("a result names every sheet the step wrote, for the Open sheet links", () => {
  const statements = closeStepDef("statements");
  const o: CloseStepOutcome = {
    step: "statements",
    status: "ok",
    summary: "",
    issues: [],
    sheets: ["Income statement 2026-11", "Balance sheet 2026-11"],
  };
  expect(resultFor(statements, "post", o).sheets).toEqual(["Income statement 2026-11", "Balance sheet 2026-11"]);
  const proposal: Proposal = { step: "allocation", parameters: {}, vouchers: [], trace: [], issues: [] };
  expect(
    resultFor(closeStepDef("allocations"), "preview", {
      step: "allocations",
      status: "ok",
      summary: "",
      issues: [],
      proposal,
      previewSheet: "Preview allocation",
    }).sheets,
  ).toEqual(["Preview allocation"]);
  expect(
    resultFor(rates, "post", { step: "rate-checks", status: "ok", summary: "", issues: [] }).sheets,
  ).toBeUndefined();
});

test("result sentences for accountants", () => {
  const r = {
    posted: true,
    runId: "RUN-000045",
    vouchers: Array.from({ length: 14 }, (_, i) => `GL-000${321 + i}`),
    lines: 30,
    issues: [],
  };
  expect(postedSentence(r)).toBe("Posted 14 vouchers (GL-000321..GL-000334), 30 ledger lines, as RUN-000045.");
  expect(postedSentence({ ...r, vouchers: ["GL-000012"], lines: 2 })).toBe(
    "Posted 1 voucher (GL-000012), 2 ledger lines, as RUN-000045.",
  );
  expect(postedSentence({ ...r, posted: false })).toBeUndefined();
  expect(voucherRange([])).toBe("");

  const proposal: Proposal = {
    step: "allocation",
    parameters: {},
    vouchers: [{ date: "2026-03-31", description: "", lines: [] }],
    trace: [],
    issues: [],
  };
  const preview: CloseStepOutcome = {
    step: "allocations",
    status: "ok",
    summary: "",
    issues: [],
    proposal,
    previewSheet: "Preview allocation",
  };
  expect(resultFor(closeStepDef("allocations"), "preview", preview)).toMatchObject({
    intent: "info",
    sentence: 'Allocations previewed: 1 voucher proposed on the sheet "Preview allocation". Nothing was posted.',
    sheet: "Preview allocation",
  });
  const refused = {
    step: "revaluation" as const,
    status: "failed" as const,
    summary: "already posted as RUN-000004",
    issues: [issue("REPEATED_RUN", "…")],
  };
  expect(resultFor(reval, "post", refused)).toMatchObject({
    intent: "error",
    sentence: "Revaluation failed: already posted as RUN-000004.",
    issues: refused.issues,
  });
  expect(
    resultFor(closeStepDef("settlement"), "post", {
      step: "settlement",
      status: "ok",
      summary: "0 settlements; nothing to post",
      issues: [],
    }),
  ).toMatchObject({ intent: "info", sentence: "Settlement: 0 settlements; nothing to post." });
  expect(
    resultFor(reval, "post", {
      step: "revaluation",
      status: "ok",
      summary: "",
      issues: [],
      posted: { ...r, vouchers: ["GL-000012"], lines: 2 },
    }).intent,
  ).toBe("success");
  expect(
    resultFor(rates, "post", {
      step: "rate-checks",
      status: "ok",
      summary: "1 findings",
      issues: [issue("STALE_RATE", "old", undefined, "warning")],
    }),
  ).toMatchObject({ intent: "warning", sentence: "Rate checks: 1 finding." }); // the app says "1 findings": the pane says it right
  expect(
    reversedResult("Revaluation", "RUN-000004", { ...r, runId: "RUN-000005", vouchers: ["GL-000013"], lines: 2 })
      .sentence,
  ).toBe("Reversed RUN-000004 with 1 voucher (GL-000013), 2 ledger lines, as RUN-000005.");
  expect(
    reversedResult("Revaluation", "RUN-000004", { posted: false, vouchers: [], lines: 0, issues: [] }).intent,
  ).toBe("error");
});

test("the trace shows the first 50 rows and says the sheet holds all", () => {
  const trace = Array.from({ length: 312 }, (_, i) => ({
    key: `k${i}`,
    inputs: { a: "1" },
    formula: `${i} × 2`,
    result: String(i * 2),
  }));
  const { rows, total } = traceRows({ trace });
  expect([rows.length, total]).toEqual([50, 312]);
  expect(rows[3]).toEqual({ key: "k3", formula: "3 × 2", result: "6" });
  expect(traceNote(rows.length, total, "Preview fx-revaluation")).toBe(
    'Showing the first 50 of 312 rows; the sheet "Preview fx-revaluation" holds all of them, with inputs and rates.',
  );
  expect(traceNote(2, 2, undefined)).toBe("2 rows; a preview of this step also shows each row's inputs and rates.");
  expect(traceNote(0, 0, undefined)).toBe("This step has no calculation trace.");
  expect(traceRows(undefined)).toEqual({ rows: [], total: 0 });
});

test("Post needs a chosen user and an Open period", () => {
  expect(postBlocked(undefined, "Open")).toBe("Choose who you are at the top first.");
  expect(postBlocked("bob", "On hold")).toBe("The period is On hold; only an Open period can be posted to.");
  expect(postBlocked("bob", "Open")).toBeUndefined();
  expect(CLOSE_STEPS).toHaveLength(7);
});
