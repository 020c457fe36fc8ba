/**
 * The ledger's row count as the standing runs left it (ledgerRowsOfRuns): the largest tail + lines of a committed
 * or reversed run's recorded ledger range; rolled-back and started runs, and runs that recorded no ledger tail, do
 * not count. postJournals appends without reading the ledger only when the ledger has exactly that many rows.
 */
import { ledgerRowsOfRuns } from "../../../src/core/audit/integrity";
import type { RunRecord, RunStatus } from "../../../src/core/ledger/types";

const run = (
  runId: string,
  status: RunStatus,
  tails: Record<string, number> | undefined,
  lines: number,
): RunRecord => ({
  runId,
  step: "post-journals",
  period: "",
  parameters: JSON.stringify(tails ? { tails } : {}),
  user: "bob",
  startedAt: "2026-04-02T10:00:00.000Z",
  status,
  vouchers: "",
  lines,
  note: "",
});

test("committed and reversed runs count; a rolled-back or started run, a run without a ledger tail, do not", () => {
  expect(ledgerRowsOfRuns([], "tblLedger")).toBe(0);
  const runs = [
    run("RUN-000001", "committed", { tblLedger: 0 }, 4), // rows 1..4
    run("RUN-000002", "reversed", { tblLedger: 4 }, 6), // rows 5..10
    run("RUN-000003", "rolled back", { tblLedger: 10 }, 3), // rows 11..13, cut back
    run("RUN-000004", "committed", { tblPeriods: 12 }, 0), // a period change: no ledger rows
    run("RUN-000005", "started", { tblLedger: 10 }, 2), // interrupted: the writer reads and repairs first
  ];
  // 4 + 6 = 10
  expect(ledgerRowsOfRuns(runs, "tblLedger")).toBe(10);
  // a reversal of RUN-000002 committed after: its 6 lines are rows 11..16
  expect(ledgerRowsOfRuns([...runs, run("RUN-000006", "committed", { tblLedger: 10 }, 6)], "tblLedger")).toBe(16);
});
