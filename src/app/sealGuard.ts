/**
 * The seal check every report runs before it shows or writes figures: the
 * sealed periods the report reads are verified (src/core/seal), and each row
 * that changed since its period was sealed is named by row and column.
 *
 * A report reads a sealed period when the period starts on or before the
 * report's end date (balances, the trial balance's openings and the balance
 * sheet add up everything before) and, for a report of movements only (the
 * journal report), ends on or after its start date.
 *
 *   use "show"  (tb, open-items, the journal report on screen): the figures
 *               are still shown; SEAL_NOT_VERIFIED heads the broken rows, all
 *               errors, so the CLI exits 1.
 *   use "write" (statements, sheets, journalizing): REPORT_REFUSED heads
 *               them and the caller writes nothing.
 *
 * Example: entry 1 (sealed 2026-03) typed over, then the March trial balance ("show") →
 *   error SEAL_NOT_VERIFIED: The trial balance reads sealed period 2026-03, whose seal does not verify …
 *   error tblLedger row 1, Amount (accounting): Entry 1 in sealed period 2026-03 was changed (Amount (accounting)). [SEAL_ROW_CHANGED]
 */
import { issue, type Issue } from "../core/issues/issue";
import type { Book } from "../core/ledger/book";
import type { IsoDate } from "../core/ledger/types";
import { activeSeals } from "../core/seal/seal";
import { verifySeals } from "../core/seal/verifySeals";
import type { WorkbookPort } from "../ports/workbook";
import { LEDGER, SEALS, SEAL_ROWS } from "../schema/tables";
import type { TableDef } from "../schema/defineTable";
import { readBook } from "./operation";

export type SealUse = "show" | "write";

/** What a report over the ledger reads (besides the setup and runs): the ledger and the seals its guard checks. */
export const LEDGER_REPORT_READS: readonly TableDef[] = [LEDGER, SEALS, SEAL_ROWS];

export interface ReadRange {
  /** only for movement reports; balances read everything before */
  readonly from?: IsoDate;
  /** blank: every sealed period (the open items read the whole ledger) */
  readonly to?: IsoDate;
}

/** The sealed periods a report over `range` reads. A seal whose period is not in the calendar is always read. */
export function sealedPeriodsRead(book: Pick<Book, "seals" | "setup">, range: ReadRange): Set<string> {
  const out = new Set<string>();
  for (const s of activeSeals(book.seals).values()) {
    if (s.status !== "sealed") continue;
    const p = book.setup.periods.find((x) => x.id === s.period);
    if (p && ((range.to !== undefined && p.start > range.to) || (range.from !== undefined && p.end < range.from)))
      continue;
    out.add(s.period);
  }
  return out;
}

/**
 * No issues when every sealed period `what` reads verifies; otherwise a
 * headline (what the report does about it) followed by the broken rows.
 * `what` names the report: "The trial balance", "The statements".
 */
export function sealGuard(
  book: Pick<Book, "seals" | "sealRows" | "ledger" | "setup">,
  what: string,
  range: ReadRange,
  use: SealUse,
): Issue[] {
  const periods = sealedPeriodsRead(book, range);
  if (periods.size === 0) return [];
  const broken = verifySeals(book.setup.where, book.ledger, book.seals, book.sealRows, periods);
  if (broken.length === 0) return [];
  const named = brokenPeriods(broken, periods);
  const list = `sealed period${named.length > 1 ? "s" : ""} ${named.join(", ")}, whose seal does not verify`;
  const head =
    use === "show"
      ? issue(
          "SEAL_NOT_VERIFIED",
          `${what} reads ${list}: the figures shown include changes made after sealing (listed below). Run closebook verify.`,
          { table: SEALS.name },
        )
      : issue(
          "REPORT_REFUSED",
          `${what} would read ${list}; nothing was written (the changes are listed below). Restore the sealed rows, or reopen the period with a reason, before reporting on it.`,
          { table: SEALS.name },
        );
  return [head, ...broken.map((i) => (i.severity === "error" ? i : { ...i, severity: "error" as const }))];
}

/** The periods the issues mention (their messages name them), else every period checked. */
function brokenPeriods(issues: readonly Issue[], checked: ReadonlySet<string>): string[] {
  const names = (p: string) => new RegExp(`period ${p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-])`);
  const hit = [...checked].filter((p) => issues.some((i) => names(p).test(i.message)));
  return (hit.length ? hit : [...checked]).sort();
}

/** sealGuard over the workbook as it is now, for a path that holds no loaded book (open items). */
export async function sealGuardFor(port: WorkbookPort, what: string, range: ReadRange, use: SealUse): Promise<Issue[]> {
  const { book } = await readBook(port, LEDGER_REPORT_READS);
  return sealGuard(book, what, range, use);
}
