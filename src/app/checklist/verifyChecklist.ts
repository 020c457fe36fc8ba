/**
 * `closebook verify`'s checklist part: each sealed period whose sealing run
 * recorded a "checklist-sealed" audit row has its stored tasks checked against
 * it (core/checklist/checklistSeal.ts), so a sign-off edited after the lock is
 * named by task row and column like an edited ledger row.
 *
 * Example: T1's "Reviewed by" changed from bob to carol in sealed 2026-01 →
 *   CHECKLIST_SEAL_CHANGED at tblCloseTasks row 1, Reviewed by.
 */
import { CHECKLIST_SEALED, verifyChecklistSeal } from "../../core/checklist/checklistSeal";
import type { Issue } from "../../core/issues/issue";
import type { Book } from "../../core/ledger/book";
import { activeSeals } from "../../core/seal/seal";
import type { RawTable } from "../../ports/workbook";
import { decodeChecklist } from "../../schema/checklistCodec";

export function verifyChecklists(book: Book, raw: ReadonlyMap<string, RawTable | undefined>): Issue[] {
  const sealedRows = book.audit.filter((a) => a.action === CHECKLIST_SEALED);
  if (!sealedRows.length) return [];
  const data = decodeChecklist(raw);
  const out: Issue[] = [];
  for (const seal of activeSeals(book.seals).values()) {
    if (seal.status !== "sealed") continue;
    const row = sealedRows.filter((a) => a.subject === seal.period && a.runId === seal.runId).pop();
    if (!row) continue;
    out.push(
      ...verifyChecklistSeal(
        seal.period,
        data.tasks.filter((t) => t.period === seal.period),
        { hash: row.newValue, detail: row.detail },
        book.setup.where,
      ),
    );
  }
  return out;
}
