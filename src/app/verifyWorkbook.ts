/**
 * Use case: verify a workbook's seals and audit chain (`closebook verify`,
 * and the task pane on open). Recomputes every seal in force over the
 * ledger as it is now and reports each changed, added, deleted or reordered
 * row of a sealed period by entry number and column; checks the chain between
 * seals and the audit log's chain; flags a period whose status no longer
 * matches its seal (edited outside Closebook) and system sheets left unprotected.
 *
 * Example: after a one-cent edit to entry 17 in sealed 2026-03 →
 *   error tblLedger row 17, Amount (accounting): Entry 17 in sealed period 2026-03
 *   was changed (Amount (accounting)). [SEAL_ROW_CHANGED]
 */
import { verifyAuditChain } from "../core/audit/auditChain";
import { withHashes } from "../core/crypto/hashing";
import { issue, type Issue } from "../core/issues/issue";
import { activeSeals } from "../core/seal/seal";
import { verifySeals } from "../core/seal/verifySeals";
import { isSheetNotFound } from "../ports/workbook";
import { CHECKLIST_TABLES } from "../schema/checklistTables";
import { AUDIT, LEDGER, PERIODS, PUBLISHED, SEALS, SEAL_ROWS, SEQUENCES, SETTINGS } from "../schema/tables";
import type { TableDef } from "../schema/defineTable";
import { verifyChecklists } from "./checklist/verifyChecklist";
import { integrityIssues } from "./integrityGuard";
import { portOf, readBook, type Source } from "./operation";
import { PROTECTED_SHEETS } from "./protectedSheets";
import { verifyPublished, type PublishedInfo } from "./verifyPublished";
import { where } from "../schema/typedCells";

export interface VerifyResult {
  readonly issues: Issue[];
  readonly sealedPeriods: number;
  readonly sealedRows: number;
  readonly auditRows: number;
  /** set for a published workbook (closebook publish), verified by its period's seal alone */
  readonly published?: PublishedInfo;
}

/** What verify reads besides the setup and runs: the seals over the ledger, the audit log, the run sequence and the checklists. */
export const VERIFY_READS: readonly TableDef[] = [LEDGER, SEALS, SEAL_ROWS, AUDIT, SEQUENCES, ...CHECKLIST_TABLES];

export async function verifyWorkbook(source: Source): Promise<VerifyResult> {
  const loaded = await readBook(source, VERIFY_READS);
  const port = portOf(source);
  const { book, issues: readIssues } = loaded;
  // a published workbook has no setup tables, only its period's ledger and seal (publish.ts)
  if (!loaded.raw.get(SETTINGS.name)) {
    const marker = await port.readTable(PUBLISHED.name);
    if (marker) return verifyPublished(port, marker);
  }
  const relevant = new Set([LEDGER.name, SEALS.name, SEAL_ROWS.name, AUDIT.name, PERIODS.name]);
  const out: Issue[] = readIssues.filter((i) => i.severity === "error" && i.at && relevant.has(i.at.table));
  // the SHA-256 work of verifying, through the installed batch hasher (the pane: Web Crypto, off its main thread)
  out.push(
    ...(await withHashes((hash) => [
      ...verifySeals(book.setup.where, book.ledger, book.seals, book.sealRows, undefined, hash),
      ...verifyAuditChain(book.setup.where, book.audit, hash),
    ])),
  );
  out.push(...verifyChecklists(book, loaded.raw));
  out.push(...integrityIssues(loaded));
  const active = activeSeals(book.seals);
  let sealedPeriods = 0;
  let sealedRows = 0;
  for (const p of book.setup.periods) {
    const s = active.get(p.id);
    const sealed = s?.status === "sealed";
    if (sealed) {
      sealedPeriods++;
      sealedRows += s.count;
    }
    const at = where(PERIODS, "status", p.row || undefined);
    if (p.status === "Open" && sealed)
      out.push(
        issue(
          "STATUS_EDITED",
          `Period ${p.id} is sealed but its status reads Open: the status was changed outside Closebook. It stays locked until reopened with a reason.`,
          at,
        ),
      );
    if (p.status !== "Open" && !sealed)
      out.push(
        issue(
          "NOT_SEALED",
          `Period ${p.id} is ${p.status} but has no seal in force: its status was changed outside Closebook.`,
          at,
          "warning",
        ),
      );
  }
  for (const sheet of PROTECTED_SHEETS) {
    try {
      if (!(await port.isProtected(sheet)))
        out.push(issue("SHEET_UNPROTECTED", `Sheet "${sheet}" is not protected.`, { table: sheet }, "warning"));
    } catch (e) {
      if (!isSheetNotFound(e)) throw e;
    }
  }
  return { issues: out, sealedPeriods, sealedRows, auditRows: book.audit.length };
}
