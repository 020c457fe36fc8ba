import type { RunRecord } from "../../../src/core/ledger/types";
import { journalRuns } from "../../../src/taskpane/journals/journalRuns";

const run = (runId: string, step: string, status: RunRecord["status"], lines = 2): RunRecord => ({
  runId,
  step,
  status,
  lines,
  period: "2026-11",
  parameters: "{}",
  user: "admin",
  startedAt: "2026-12-02T10:00:00Z",
  vouchers: lines ? "GL-000301..GL-000302" : "",
  note: "",
});

test("committed journal postings only, newest first, in words", () => {
  const runs = [
    run("RUN-000001", "post-journals", "committed", 1),
    run("RUN-000002", "fx-revaluation", "committed"),
    run("RUN-000003", "post-journals", "reversed"),
    run("RUN-000004", "post-journals", "committed", 96),
  ];
  const got = journalRuns(runs);
  expect(got.map((r) => r.runId)).toEqual(["RUN-000004", "RUN-000001"]);
  expect(got[0]!.line).toBe("2026-11 · 96 ledger lines (GL-000301..GL-000302) · posted 2026-12-02 by admin");
  expect(got[1]!.line).toBe("2026-11 · 1 ledger line (GL-000301..GL-000302) · posted 2026-12-02 by admin");
  expect(journalRuns(runs, 1)).toHaveLength(1);
});
