/**
 * Appends rows to the hash-chained audit log (tblAudit), numbering and chaining
 * them after the last row the caller has read.
 *
 * Example: const log = new AuditWriter(book.audit);
 *          await log.append(port, [draft(now, "alice", "import", { subject: "tblAccounts" })]);
 */
import { chainAudit, type AuditDraft } from "../core/audit/auditChain";
import type { AuditRecord } from "../core/ledger/types";
import type { WorkbookPort } from "../ports/workbook";
import { encodeRecords } from "../schema/records";
import { AUDIT } from "../schema/tables";

export class AuditWriter {
  private log: AuditRecord[];

  constructor(existing: readonly AuditRecord[]) {
    this.log = [...existing];
  }

  async append(port: WorkbookPort, drafts: readonly AuditDraft[]): Promise<AuditRecord[]> {
    if (drafts.length === 0) return [];
    const rows = chainAudit(this.log, drafts);
    await port.appendRows(AUDIT.name, encodeRecords(AUDIT, [], rows));
    this.log = [...this.log, ...rows];
    return rows;
  }
}
