/**
 * Close step 1, a check: no draft or failed journal line may be dated in the period.
 *
 * Example: two draft lines (journal rows 9 and 12) dated 2026-03-30 →
 *   propose → issues [DRAFTS_IN_PERIOD "2 draft or failed journal lines are dated in 2026-03 (rows 9, 12)."]
 */
import { draftsInPeriod } from "../../calendar/periodChange";
import { issue } from "../../issues/issue";
import { inTable } from "../../issues/where";
import type { CloseStep } from "./closeStep";
import { findings } from "./closeStep";

export const verifyJournalsStep: CloseStep<{ period: string; start: string; end: string }> = {
  id: "verify-journals",
  title: "Verify journals are posted",
  kind: "check",
  what: "No draft or failed journal lines may be dated in the period.",
  params: (p) => ({ period: p.id, start: p.start, end: p.end }),
  propose: (book, x) => {
    const p = book.setup.periods.find((q) => q.id === x.period);
    const drafts = p ? draftsInPeriod(book, p) : [];
    const more = drafts.length > 20 ? ", …" : "";
    const found = drafts.length
      ? [
          issue(
            "DRAFTS_IN_PERIOD",
            `${drafts.length} draft or failed journal lines are dated in ${x.period} (rows ${drafts.slice(0, 20).join(", ")}${more}).`,
            inTable(book.setup.where.journal, drafts[0]),
          ),
        ]
      : [];
    return findings("verify-journals", x, found);
  },
};
