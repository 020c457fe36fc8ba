/**
 * The period a checklist view shows first: the earliest Open month whose checklist is not finished, else the
 * earliest Open month (else the first period). Shared by the pane's Checklist tab and its view command.
 *
 * Example: 2026-01 all Reviewed, 2026-02 one Prepared, 2026-03 none → "2026-02".
 */
import { isDone } from "./types";

export function defaultChecklistPeriod(
  periods: readonly { id: string; kind: string; status: string; start: string }[],
  tasks: readonly { period: string; status: string }[],
): string {
  const open = periods
    .filter((p) => p.kind === "operating" && p.status === "Open")
    .sort((a, b) => a.start.localeCompare(b.start));
  const unfinished = new Set(tasks.filter((t) => !isDone(t.status)).map((t) => t.period));
  return (open.find((p) => unfinished.has(p.id)) ?? open[0] ?? periods[0])?.id ?? "";
}
