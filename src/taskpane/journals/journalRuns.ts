/**
 * The Journals tab's list of posted journal runs ("post-journals" runs still
 * committed), newest first, each reversible with a reason from the tab (as the
 * close steps are, through reverseRun).
 *
 * Example: journalRuns([{ runId: "RUN-000003", step: "post-journals", status: "committed", period: "2026-11",
 *            vouchers: "GL-000301..GL-000340", lines: 96, user: "admin", startedAt: "2026-12-02T10:00:00Z", … }])
 *   → [{ runId: "RUN-000003", line: "2026-11 · 96 ledger lines (GL-000301..GL-000340) · posted 2026-12-02 by admin" }]
 */
import type { RunRecord } from "../../core/ledger/types";
import { plural } from "../shell/words";

export interface JournalRunView {
  readonly runId: string;
  readonly vouchers: string;
  readonly line: string;
}

export const JOURNAL_RUNS_SHOWN = 10;

export function journalRuns(runs: readonly RunRecord[], max = JOURNAL_RUNS_SHOWN): JournalRunView[] {
  return runs
    .filter((r) => r.step === "post-journals" && r.status === "committed")
    .reverse()
    .slice(0, max)
    .map((r) => ({
      runId: r.runId,
      vouchers: r.vouchers,
      line: `${r.period ? `${r.period} · ` : ""}${plural(r.lines, "ledger line")}${r.vouchers ? ` (${r.vouchers})` : ""} · posted ${r.startedAt.slice(0, 10)} by ${r.user}`,
    }));
}
