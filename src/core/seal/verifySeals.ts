/**
 * Verifies every seal in force against the ledger as it is now, and the chain
 * between seals. Reports each changed, added, deleted or reordered row of a
 * sealed period by entry number (and, for a change, the columns), and any
 * seal record that was altered, deleted or inserted.
 *
 * `hash` is the SHA-256 used (the installed one; withHashes passes Web Crypto's digests in the pane).
 * `periods`, when given, limits the check to those periods' seals (a report
 * that reads only some sealed periods; see src/app/sealGuard.ts).
 *
 * Example: a one-cent edit of entry 17's "Amount (accounting)" in sealed
 * period 2026-03 →
 *   SEAL_ROW_CHANGED tblLedger row 17, Amount (accounting):
 *   "Entry 17 in sealed period 2026-03 was changed (Amount (accounting))."
 */
import { fingerprint } from "../crypto/fingerprint";
import { sha256Text, type HashText } from "../crypto/hashing";
import { issue, type Issue } from "../issues/issue";
import { cellAt, header, inTable, type Where } from "../issues/where";
import type { LedgerEntry } from "../ledger/types";
import { canonicalFields, SEALED_COLUMNS } from "./canonical";
import { activeSeals, chainHead, rowHash, type SealRecord, type SealRow, stripVersion } from "./seal";

/** The headers of the sealed columns whose fingerprint changed ("Dimensions" for the dimension columns together). */
function changedColumns(where: Where, e: LedgerEntry, stored: string): string[] {
  const now = canonicalFields(e).map(fingerprint);
  const cols: string[] = [];
  now.forEach((f, i) => {
    const key = SEALED_COLUMNS[i]!;
    if (stored.slice(i * 4, i * 4 + 4) !== f)
      cols.push(key === "dimensions" ? "Dimensions" : header(where.ledger, key));
  });
  return cols;
}

/** `where`: the workbook's tables (setup.where), for issue locations. */
export function verifySeals(
  where: Where,
  ledger: readonly LedgerEntry[],
  seals: readonly SealRecord[],
  sealRows: readonly SealRow[],
  periods?: ReadonlySet<string>,
  hash: HashText = sha256Text,
): Issue[] {
  const out: Issue[] = [];
  const checked = (period: string) => periods === undefined || periods.has(period);
  // the chain between seal records, in the order they were written
  seals.forEach((s, i) => {
    if (s.status !== "sealed" || !checked(s.period)) return;
    const expected = chainHead(seals.slice(0, i));
    if (stripVersion(s.previousHash) !== stripVersion(expected)) {
      out.push(
        issue(
          "SEAL_CHAIN_BROKEN",
          `The seal of period ${s.period} (row ${s.row ?? i + 1}) does not chain from the seal before it: a seal record was altered, removed or inserted.`,
          cellAt(where.seals, "previousHash", s.row ?? i + 1),
        ),
      );
    }
  });
  const byEntry = new Map<number, LedgerEntry>();
  for (const e of ledger) if (!byEntry.has(e.entryNo)) byEntry.set(e.entryNo, e);
  for (const seal of activeSeals(seals).values()) {
    if (seal.status !== "sealed" || !checked(seal.period)) continue;
    const p = seal.period;
    const stored = sealRows
      .filter((r) => r.period === p && r.runId === seal.runId)
      .sort((a, b) => a.position - b.position);
    const current = ledger.filter((e) => e.period === p);
    const at = (e: LedgerEntry | undefined, column?: string) => ({
      ...inTable(where.ledger, e?.row),
      ...(column ? { column } : {}),
    });
    if (stored.length !== seal.count) {
      out.push(
        issue(
          "SEAL_ROWS_ALTERED",
          `Period ${p} was sealed with ${seal.count} rows, but ${stored.length} sealed-row records remain.`,
          inTable(where.sealRows),
        ),
      );
    }
    const storedNos = new Set(stored.map((r) => r.entryNo));
    // sealed-row records deleted (positions missing): the ledger rows at those positions are still sealed
    const positions = new Set(stored.map((r) => r.position));
    const recordDeleted = new Set<number>();
    for (let pos = 1; pos <= seal.count; pos++) {
      const e = positions.has(pos) ? undefined : current[pos - 1];
      if (!e || storedNos.has(e.entryNo)) continue;
      recordDeleted.add(e.entryNo);
      out.push(
        issue(
          "SEAL_ROW_RECORD_DELETED",
          `The sealed-row record of entry ${e.entryNo} (position ${pos} of period ${p}) was deleted from ${where.sealRows.table}; the ledger row itself is still there.`,
          cellAt(where.sealRows, "entryNo"),
        ),
      );
    }
    // changed or deleted rows, and each row's own hash (after a missing record the chain cannot be followed: the row's fingerprints decide)
    let prev = seal.previousHash;
    let lastPos = 0;
    for (const r of stored) {
      const e = byEntry.get(r.entryNo);
      const afterGap = r.position !== lastPos + 1;
      lastPos = r.position;
      if (!e) {
        out.push(
          issue(
            "SEAL_ROW_DELETED",
            `Entry ${r.entryNo} in sealed period ${p} was deleted.`,
            cellAt(where.ledger, "entryNo"),
          ),
        );
      } else if (
        afterGap
          ? changedColumns(where, e, r.fingerprints).length > 0
          : stripVersion(rowHash(prev, e, hash)) !== stripVersion(r.hash)
      ) {
        const cols = changedColumns(where, e, r.fingerprints);
        const named = cols.length ? cols : ["(a column)"];
        out.push(
          issue(
            "SEAL_ROW_CHANGED",
            `Entry ${r.entryNo} in sealed period ${p} was changed (${named.join(", ")}).`,
            at(e, cols[0]),
          ),
        );
      }
      prev = r.hash;
    }
    // added rows: entries not sealed, and repeats of a sealed entry number (a pasted duplicate)
    const sealedInOrder: LedgerEntry[] = [];
    const seen = new Set<number>();
    for (const e of current) {
      if (recordDeleted.has(e.entryNo) && !seen.has(e.entryNo)) seen.add(e.entryNo);
      else if (!storedNos.has(e.entryNo) || seen.has(e.entryNo))
        out.push(
          issue(
            "SEAL_ROW_ADDED",
            `Entry ${e.entryNo} was added to sealed period ${p}.`,
            at(e, header(where.ledger, "entryNo")),
          ),
        );
      else {
        seen.add(e.entryNo);
        sealedInOrder.push(e);
      }
    }
    // reordered rows: sealed entries that no longer appear in their sealed order
    const expectedOrder = stored.map((r) => r.entryNo).filter((n) => seen.has(n));
    sealedInOrder.forEach((e, i) => {
      if (expectedOrder[i] !== e.entryNo)
        out.push(
          issue(
            "SEAL_ROW_REORDERED",
            `Entry ${e.entryNo} in sealed period ${p} is out of its sealed order (expected entry ${expectedOrder[i]} here).`,
            at(e, header(where.ledger, "entryNo")),
          ),
        );
    });
    // the seal's own hash must be the last row's hash (or the previous hash for an empty period)
    const last = stored[stored.length - 1]?.hash ?? seal.previousHash;
    if (stripVersion(last) !== stripVersion(seal.hash)) {
      out.push(
        issue(
          "SEAL_RECORD_ALTERED",
          `The seal record of period ${p} does not match its sealed rows.`,
          cellAt(where.seals, "hash"),
        ),
      );
    }
  }
  return out;
}
