/**
 * What keeps a close step from posting the same thing twice, and the period a
 * run is filed under in tblRuns.
 *
 * A proposal names what it posts as posting keys (allocation:A3:2026-11 —
 * computed by the core step); a run stores them in its parameters, and a post
 * is refused while a committed (unreversed) run holds any of its keys, naming
 * that run and what it posted. Delta steps (revaluation, settlement) propose
 * only what is missing and are not refused; a proposal without keys falls back
 * to comparing its parameters.
 *
 * Example: RUN-000002 posted allocation:A3:2026-11 and allocation:A5:2026-11;
 *   allocate --rules A5,A3 → REPEATED_RUN "allocation rule A5 for 2026-11 was already
 *   posted by RUN-000002 on 2026-04-02; …" (A3 is not named: it was not the conflict).
 */
import { periodOfDate } from "../core/calendar/fiscalYear";
import type { Proposal } from "../core/close/proposal";
import { issue, type Issue } from "../core/issues/issue";
import type { Book } from "../core/ledger/book";
import type { RunRecord } from "../core/ledger/types";
import { RUNS } from "../schema/tables";
import { where } from "../schema/typedCells";

/** Parameters as stable text, for steps without posting keys (and runs written before keys existed). */
export function parameterKey(step: string, parameters: Proposal["parameters"]): string {
  return JSON.stringify([
    step,
    Object.keys(parameters)
      .sort()
      .map((k) => [k, parameters[k]]),
  ]);
}

function runParameters(run: RunRecord): Record<string, unknown> {
  try {
    const p: unknown = JSON.parse(run.parameters);
    return typeof p === "object" && p !== null ? (p as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The posting keys a run stored, or undefined for a run that stored none. */
export function storedKeys(run: RunRecord): string[] | undefined {
  const k = runParameters(run).postingKeys;
  return Array.isArray(k) ? k.map(String) : undefined;
}

/** Every key held by a committed run, with that run and its row in tblRuns. */
export function postedKeys(book: Pick<Book, "runs">): Map<string, { run: RunRecord; row: number }> {
  const out = new Map<string, { run: RunRecord; row: number }>();
  book.runs.forEach((run, i) => {
    if (run.status !== "committed") return;
    for (const k of storedKeys(run) ?? []) if (!out.has(k)) out.set(k, { run, row: i + 1 });
  });
  return out;
}

/** Why the proposal may not be posted because an unreversed run already posted (part of) it; [] when it may. */
export function repeatedRunIssues(book: Pick<Book, "runs">, proposal: Proposal): Issue[] {
  if (proposal.rerun === "delta") return [];
  const key = parameterKey(proposal.step, proposal.parameters);
  const at = (row: number) => where(RUNS, "runId", row);
  const day = (r: RunRecord) => r.startedAt.slice(0, 10);
  const out: Issue[] = [];
  if (proposal.postingKeys) {
    const held = postedKeys(book);
    for (const k of proposal.postingKeys) {
      const h = held.get(k.key);
      if (h)
        out.push(
          issue(
            "REPEATED_RUN",
            `${k.what} was already posted by ${h.run.runId} on ${day(h.run)}; reverse that run (or leave it out) before posting it again.`,
            at(h.row),
          ),
        );
    }
    if (out.length) return out;
  }
  // runs without keys: the same step with the same parameters
  const i = book.runs.findIndex(
    (r) =>
      r.status === "committed" &&
      r.step === proposal.step &&
      storedKeys(r) === undefined &&
      runParameters(r).key === key,
  );
  const earlier = book.runs[i];
  return earlier
    ? [
        issue(
          "REPEATED_RUN",
          `${proposal.step} with these parameters was already posted by ${earlier.runId} on ${day(earlier)}; reverse that run before running it again.`,
          at(i + 1),
        ),
      ]
    : [];
}

/**
 * The period a run is filed under: the reversed run's for a reversal; the operating period of the
 * step's date (revaluation, settlement, allocation); a year-end close's closing period; else the
 * first voucher's period.
 */
export function runPeriodOf(book: Pick<Book, "runs" | "setup">, proposal: Proposal): string {
  const periods = book.setup.periods;
  const p = proposal.parameters;
  if (typeof p.runId === "string") {
    const reversed = book.runs.find((r) => r.runId === p.runId);
    if (reversed) return reversed.period;
  }
  if (typeof p.period === "string" && periods.some((x) => x.id === p.period)) return p.period;
  if (typeof p.date === "string") {
    const hit = periodOfDate(periods, p.date);
    if (hit) return hit.id;
  }
  if (typeof p.fiscalYear === "string") {
    const closing = periods.find((x) => x.fiscalYear === p.fiscalYear && x.kind === "closing");
    return closing?.id ?? p.fiscalYear;
  }
  const v = proposal.vouchers[0];
  if (!v) return "";
  return v.period ?? periodOfDate(periods, v.date)?.id ?? "";
}
