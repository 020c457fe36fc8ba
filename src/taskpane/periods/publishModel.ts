/**
 * The Periods tab's Publish (PublishPanel.tsx), without React: whether the
 * chosen period may be published (On hold or Permanently closed; an Open one
 * only as a draft, chosen explicitly), the file name, and the outcome sentence.
 *
 * Example: publishChoice("On hold", false) → { allowed: true }
 *          publishChoice("Open", false)    → { allowed: false, why: "2026-12 is Open: …" }
 *          publishedFileName("closebook-demo.xlsx", "2026-11", false) → "closebook-demo-2026-11-published.xlsx"
 */
import type { PeriodStatus } from "../../core/ledger/types";

export function publishChoice(
  period: string,
  status: PeriodStatus,
  draft: boolean,
): { allowed: boolean; why?: string } {
  if (status !== "Open" || draft) return { allowed: true };
  return {
    allowed: false,
    why: `${period} is Open: only a period On hold or Permanently closed is published. Tick "Draft copy" for a copy marked DRAFT on every sheet.`,
  };
}

/** As `closebook demo --publish` names it: the workbook's name with "-PERIOD-published" (and "-DRAFT"). */
export function publishedFileName(workbook: string, period: string, draft: boolean): string {
  const base = workbook.replace(/\.xlsx$/i, "").replace(/[\\/:*?"<>|]/g, "-") || "closebook";
  return `${base}-${period}-published${draft ? "-DRAFT" : ""}.xlsx`;
}

export function publishedSentence(file: string, period: string, sheets: number, rows: number, draft: boolean): string {
  return `Downloaded ${file}: ${period}${draft ? " as a DRAFT" : ""}, ${sheets} sheets, ${rows} ledger rows, read-only. "closebook verify ${file}" checks it.`;
}
