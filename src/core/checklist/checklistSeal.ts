/**
 * The checklist's part of a period's seal. When a period with checklist tasks
 * is put on hold or closed, its tasks as stored (status, who, when, evidence,
 * notes) are hashed in a chain like ledger rows, and the hash plus a 4-hex
 * fingerprint per column of each task is written as an audit row
 * "checklist-sealed" of the sealing run (the audit log is itself hash-chained,
 * so that row cannot be edited or removed unseen). The ledger seal is left
 * exactly as it was: a period without tasks seals as before.
 * `closebook verify` recomputes it and names the task row and column changed.
 *
 * Worked example: tasks T1 (Reviewed by bob), T2 (N/A) of 2026-01 →
 *   h1 = SHA-256("" + JSON(fields T1)), h2 = SHA-256(h1 + JSON(fields T2)),
 *   { hash: "$1$"+h2, detail: "T1=<44 hex>;T2=<44 hex>" }.
 *   Later "Reviewed by" of T1 edited to "carol" → CHECKLIST_SEAL_CHANGED at tblCloseTasks row 1, Reviewed by.
 */
import { fingerprint } from "../crypto/fingerprint";
import { sha256Hex } from "../crypto/sha256";
import { issue, type Issue } from "../issues/issue";
import { cellAt, header, type Where } from "../issues/where";
import { canonicalAmount, canonicalTimestamp } from "../seal/canonical";
import { type CloseTask } from "./types";

export const CHECKLIST_SEALED = "checklist-sealed";
/** The task columns a checklist seal covers (keys of tblCloseTasks), in canonicalTask order. */
export const CHECKLIST_SEALED_COLUMNS = [
  "period",
  "id",
  "status",
  "preparedBy",
  "preparedAt",
  "evidence",
  "reviewedBy",
  "reviewedAt",
  "note",
  "reason",
  "signedBalance",
] as const;

export function canonicalTask(t: CloseTask): string[] {
  return [
    t.period,
    t.id,
    t.status,
    t.preparedBy,
    canonicalTimestamp(t.preparedAt),
    t.evidence,
    t.reviewedBy,
    canonicalTimestamp(t.reviewedAt),
    t.note,
    t.reason,
    canonicalAmount(t.signedBalance),
  ];
}

export interface ChecklistSeal {
  readonly hash: string;
  readonly detail: string;
}

/** Undefined for a period without tasks (nothing to seal). */
export function sealChecklist(tasks: readonly CloseTask[]): ChecklistSeal | undefined {
  if (!tasks.length) return undefined;
  let prev = "";
  const parts: string[] = [];
  for (const t of tasks) {
    const f = canonicalTask(t);
    prev = sha256Hex(prev + JSON.stringify(f));
    parts.push(`${t.id}=${f.map(fingerprint).join("")}`);
  }
  return { hash: `$1$${prev}`, detail: parts.join(";") };
}

/** The stored tasks of a sealed period against the seal's audit row. */
/** `where`: the workbook's tables (setup.where), for issue locations. */
export function verifyChecklistSeal(
  period: string,
  tasks: readonly CloseTask[],
  sealed: ChecklistSeal,
  where: Pick<Where, "closeTasks">,
): Issue[] {
  const W = where.closeTasks;
  const now = sealChecklist(tasks);
  if (now?.hash === sealed.hash) return [];
  const out: Issue[] = [];
  const stored = new Map(
    sealed.detail
      .split(";")
      .filter(Boolean)
      .map((p) => [p.slice(0, p.lastIndexOf("=")).toUpperCase(), p.slice(p.lastIndexOf("=") + 1)]),
  );
  const seen = new Set<string>();
  for (const t of tasks) {
    const key = t.id.toUpperCase();
    const at = (key: string) => cellAt(W, key, t.row);
    const fp = stored.get(key);
    if (fp === undefined || seen.has(key)) {
      out.push(issue("CHECKLIST_SEAL_ADDED", `Task ${t.id} was added to the sealed checklist of ${period}.`, at("id")));
      continue;
    }
    seen.add(key);
    const cols = canonicalTask(t)
      .map(fingerprint)
      .flatMap((f, i) => (fp.slice(i * 4, i * 4 + 4) === f ? [] : [CHECKLIST_SEALED_COLUMNS[i]!]));
    if (cols.length)
      out.push(
        issue(
          "CHECKLIST_SEAL_CHANGED",
          `Task ${t.id} in the sealed checklist of ${period} was changed (${cols.map((c) => header(W, c)).join(", ")}) after the period was locked.`,
          at(cols[0]!),
        ),
      );
  }
  for (const id of stored.keys())
    if (!seen.has(id))
      out.push(
        issue(
          "CHECKLIST_SEAL_DELETED",
          `Task ${id} of the sealed checklist of ${period} was deleted.`,
          cellAt(W, "id"),
        ),
      );
  if (!out.length)
    out.push(
      issue(
        "CHECKLIST_SEAL_REORDERED",
        `The tasks of the sealed checklist of ${period} were reordered or the seal row altered.`,
        cellAt(W, "id"),
      ),
    );
  return out;
}
