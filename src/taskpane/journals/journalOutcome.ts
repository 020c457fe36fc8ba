/**
 * The sentence the Journals tab shows after "Validate" or "Post journals",
 * from the use case's result (the issues are listed separately).
 *
 * Example: postOutcome({ posted: true, runId: "RUN-000045", vouchers: [14 vouchers], lines: 52, issues: [] })
 *   → { intent: "success", text: "Posted 14 vouchers (GL-000321..GL-000334), 52 lines as RUN-000045." }
 *   postOutcome({ posted: false, issues: [2 errors], refusalRecorded: true, … })
 *   → { intent: "error", title: "Nothing was posted", text: "2 errors in the draft lines. The refusal was recorded in the audit log. …" }
 */
import type { PostJournalsResult } from "../../app/postJournals";
import type { ValidateJournalsResult } from "../../app/validateJournals";
import type { Issue } from "../../core/issues/issue";
import type { OutcomeValue } from "../shell/Outcome";
import { postedSentence, validatedSentence } from "./draftModel";

function errorCount(issues: readonly Issue[]): number {
  return issues.filter((i) => i.severity === "error").length;
}

function nothingToPost(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.code === "NOTHING_TO_POST") && errorCount(issues) === 0;
}

function errorsText(issues: readonly Issue[]): string {
  const n = errorCount(issues);
  return `${n} error${n === 1 ? "" : "s"}`;
}

const CLICK = "Click an issue to select its cell.";

export function postOutcome(r: PostJournalsResult, through: string): OutcomeValue {
  if (r.posted && r.runId) return { intent: "success", text: postedSentence(r.vouchers, r.lines, r.runId) };
  if (nothingToPost(r.issues))
    return {
      intent: "info",
      text: `There are no draft journal lines to post${through ? ` dated up to ${through}` : ""}.`,
    };
  const recorded = r.refusalRecorded ? " The refusal was recorded in the audit log." : "";
  return {
    intent: "error",
    title: "Nothing was posted",
    text: `${errorsText(r.issues)} in the draft lines.${recorded} ${CLICK}`,
  };
}

export function validateOutcome(r: ValidateJournalsResult, through: string): OutcomeValue {
  if (r.ok) return { intent: "success", text: validatedSentence(r.vouchers, r.lines, r.draftLines, through) };
  if (nothingToPost(r.issues))
    return {
      intent: "info",
      text: `There are no draft journal lines to post${through ? ` dated up to ${through}` : ""}.`,
    };
  return {
    intent: "error",
    title: "Posting would be refused",
    text: `${errorsText(r.issues)} in the draft lines. Nothing was written. ${CLICK}`,
  };
}
