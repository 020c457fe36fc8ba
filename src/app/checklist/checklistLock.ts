/**
 * What the period change needs of the close checklist: the gate's input (the
 * setting, the period's task views, the template's size) and the stored tasks
 * the seal covers. An unreadable checklist table blocks the lock (a gate that
 * cannot read its tasks cannot say they are reviewed).
 *
 * Example: checklistLock(book, raw, "2026-01", now) → { required: true, views: [...], templateSize: 20, stored: [...] }
 */
import type { ChecklistLock } from "../../core/calendar/periodChange";
import { effectiveTemplate } from "../../core/checklist/generate";
import { issue, type Issue } from "../../core/issues/issue";
import type { Book } from "../../core/ledger/book";
import type { RawTable } from "../../ports/workbook";
import { decodeChecklist } from "../../schema/checklistCodec";
import { periodChecklist } from "./checklistState";

/**
 * CHECKLIST_NOT_GENERATED's severity for a lock: a period whose checklist was never generated is refused
 * (nothing of it was reviewed) unless a controller overrides with a reason, audited.
 */
export const NOT_GENERATED_SEVERITY: "error" | "warning" = "error";

export function checklistLock(
  book: Book,
  raw: ReadonlyMap<string, RawTable | undefined>,
  period: string,
  now: string,
): ChecklistLock | Issue | undefined {
  const p = book.setup.periods.find((x) => x.id.toLowerCase() === period.trim().toLowerCase());
  if (!p) return undefined;
  const data = decodeChecklist(raw);
  if (!data.requireReviewed && !data.tasks.some((t) => t.period === p.id)) return undefined;
  const bad = data.issues.find((i) => i.severity === "error");
  if (bad && data.requireReviewed)
    return issue(
      "CHECKLIST_UNREADABLE",
      `The close checklist cannot be read (${bad.message}); fix it before locking ${p.id}.`,
      bad.at,
    );
  const cl = periodChecklist(book, data, p, now.slice(0, 10), raw);
  const templateSize = p.kind === "operating" ? effectiveTemplate(data.template, data.reconcile).length : 0;
  return {
    required: data.requireReviewed,
    notGenerated: NOT_GENERATED_SEVERITY,
    views: cl.views,
    templateSize,
    stored: data.tasks.filter((t) => t.period === p.id),
  };
}
