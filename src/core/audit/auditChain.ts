/**
 * The audit log's hash chain: each row's hash is SHA-256 over the previous
 * row's hash and this row's canonical form (version 1: a JSON array of seq,
 * at (to the second), user, action, subject, old value, new value, reason,
 * detail, run id). Any edited, inserted, removed or reordered row breaks the
 * chain from that row on.
 *
 * Example: the first row {seq 1, action "post-journals", ...} gets
 *   hash "$1$" + SHA-256("" + '[1,"2026-04-01T09:00:00Z","alice","post-journals",...]');
 * the second chains from the first's hex digest.
 */
import { sha256Text, type HashText } from "../crypto/hashing";
import { issue, type Issue } from "../issues/issue";
import { cellAt, type Where } from "../issues/where";
import type { AuditRecord } from "../ledger/types";
import { canonicalTimestamp } from "../seal/canonical";
import { stripVersion, versioned } from "../seal/seal";

export type AuditDraft = Omit<AuditRecord, "seq" | "hash">;

export function canonicalAudit(r: Omit<AuditRecord, "hash">): string {
  return JSON.stringify([
    r.seq,
    canonicalTimestamp(r.at),
    r.user,
    r.action,
    r.subject,
    r.oldValue,
    r.newValue,
    r.reason,
    r.detail,
    r.runId,
  ]);
}

export function auditHash(previousHash: string, r: Omit<AuditRecord, "hash">, hash: HashText = sha256Text): string {
  return versioned(hash(stripVersion(previousHash) + canonicalAudit(r)));
}

/** Numbers and chains new audit rows after the existing log. */
export function chainAudit(log: readonly AuditRecord[], drafts: readonly AuditDraft[]): AuditRecord[] {
  const last = log[log.length - 1];
  let seq = last?.seq ?? 0;
  let prev = last?.hash ?? "";
  return drafts.map((d) => {
    const r = { ...d, seq: ++seq };
    const hash = auditHash(prev, r);
    prev = hash;
    return { ...r, hash };
  });
}

/** Every row whose hash does not follow from the row before it (or whose number is out of sequence). */
/** `hash`: the SHA-256 to use (withHashes gives Web Crypto's digests in the pane). */
/** `where`: the workbook's tables (setup.where), for issue locations. */
export function verifyAuditChain(where: Where, log: readonly AuditRecord[], hash: HashText = sha256Text): Issue[] {
  const out: Issue[] = [];
  let prev = "";
  log.forEach((r, i) => {
    const row = r.row ?? i + 1;
    const at = cellAt(where.audit, "hash", row);
    if (r.seq !== i + 1)
      out.push(
        issue(
          "AUDIT_SEQUENCE",
          `Audit row ${row} has number ${r.seq}: rows were removed, inserted or reordered.`,
          cellAt(where.audit, "seq", row),
        ),
      );
    if (stripVersion(auditHash(prev, r, hash)) !== stripVersion(r.hash))
      out.push(
        issue(
          "AUDIT_CHAIN_BROKEN",
          `Audit row ${row} (${r.action}) does not match its hash: it or the row before it was changed.`,
          at,
        ),
      );
    prev = r.hash;
  });
  return out;
}

export function draft(
  at: string,
  user: string,
  action: string,
  fields: Partial<Omit<AuditDraft, "at" | "user" | "action">> = {},
): AuditDraft {
  return { at, user, action, subject: "", oldValue: "", newValue: "", reason: "", detail: "", runId: "", ...fields };
}
