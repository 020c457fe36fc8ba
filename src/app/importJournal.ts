/**
 * The checks an import of journal lines gets (importCsv.ts), a chunk of whole vouchers at a time: each chunk's
 * rows decoded as tblJournal rows and posted as a simulation through the same posting gate, so a million
 * imported lines never sit in memory as JournalLine objects and simulated ledger entries at once (issue #14:
 * "import of 1M journal lines works"). A voucher never straddles two chunks: rows go to the chunk of their
 * voucher's first row (the voucher key taken coarsely, trimmed and case-folded: two vouchers merged into one
 * chunk change nothing, a voucher split would). An import of at most CHUNK_LINES lines is one chunk, checked
 * exactly as one posting of all of it.
 *
 * Example: 3 new rows after 10 existing ones, chunk size 2, vouchers A (rows 1, 3) and B (row 2) →
 *   chunk 1 = rows 1 and 3 (voucher A, tblJournal rows 11 and 13), chunk 2 = row 2 (B, row 12); a bad
 *   debit in the CSV's row 3 is reported at tblJournal row 13, which importCsv names as the CSV's row.
 */
import type { Setup } from "../core/ledger/book";
import type { Issue } from "../core/issues/issue";
import type { LockException } from "../core/ledger/types";
import { postJournal } from "../core/posting/postJournal";
import { textOf } from "../core/text/textOf";
import type { CellValue, RawTable } from "../ports/workbook";
import { decodeJournal } from "../schema/bookCodec";
import { JOURNAL } from "../schema/tables";
import { columnIndex } from "../schema/typedCells";

/** Lines checked at once: enough that an ordinary import is one chunk, few enough that 1M lines fit in memory. */
export const CHUNK_LINES = 50_000;

export interface JournalImportCheck {
  /** the workbook's tblJournal before the import (its headers; its row count is `base`) */
  readonly existing: RawTable;
  readonly base: number;
  /** the rows to append, in the table's column order */
  readonly newRows: readonly (readonly CellValue[])[];
  readonly setup: Setup;
  readonly dimensions: readonly string[];
  readonly user: string;
  readonly now: string;
  readonly locks: { readonly exceptions: readonly LockException[]; readonly sealed: ReadonlySet<string> };
  /** lines per chunk (tests make it small) */
  readonly chunkLines?: number;
}

export interface JournalImportFindings {
  /** cell issues of the new rows, then the simulation's, at tblJournal rows (base + 1 on) */
  readonly issues: Issue[];
  /** the lock exceptions the simulation used */
  readonly overrides: LockException[];
}

/** The new rows' indexes, chunk by chunk, each voucher whole in the chunk of its first row (`table`: tblJournal's headers). */
export function voucherChunks(
  table: RawTable,
  rows: readonly (readonly CellValue[])[],
  chunkLines: number,
): number[][] {
  const journalCol = columnIndex(JOURNAL, table, "journal");
  const voucherCol = columnIndex(JOURNAL, table, "draftVoucher");
  const keyOf = (r: readonly CellValue[]) =>
    `${textOf(r[journalCol] ?? null)
      .trim()
      .toLowerCase()}\u0000${textOf(r[voucherCol] ?? null)
      .trim()
      .toLowerCase()}`;
  const chunkOfVoucher = new Map<string, number>();
  const chunks: number[][] = [];
  let opened = 0;
  rows.forEach((r, i) => {
    const key = keyOf(r);
    let c = chunkOfVoucher.get(key);
    if (c === undefined) {
      if (chunks.length === 0 || opened >= chunkLines) {
        chunks.push([]);
        opened = 0;
      }
      c = chunks.length - 1;
      chunkOfVoucher.set(key, c);
    }
    chunks[c]!.push(i);
    if (c === chunks.length - 1) opened++;
  });
  return chunks;
}

/** Decodes and simulates the posting of the new rows, chunk by chunk; rows numbered as in the table after the import. */
export function checkJournalImport(input: JournalImportCheck): JournalImportFindings {
  const issues: Issue[] = [];
  const overrides = new Set<LockException>();
  const { existing, base } = input;
  for (const chunk of voucherChunks(existing, input.newRows, input.chunkLines ?? CHUNK_LINES)) {
    // chunk-local row k (1-based) is new row chunk[k - 1], tblJournal row base + chunk[k - 1] + 1
    const rowOf = (local: number) => base + chunk[local - 1]! + 1;
    const decodeIssues: Issue[] = [];
    const raw: RawTable = { ...existing, rows: chunk.map((i) => input.newRows[i]!) };
    const lines = decodeJournal(raw, input.dimensions, decodeIssues).map((l) => ({ ...l, row: rowOf(l.row) }));
    // header issues (no row) were the table's before the import: only the new rows' cells count
    for (const i of decodeIssues)
      if (i.at?.row !== undefined && i.at.row >= 1) issues.push({ ...i, at: { ...i.at, row: rowOf(i.at.row) } });
    const sim = postJournal({
      setup: input.setup,
      journal: lines,
      user: input.user,
      now: input.now,
      runId: "SIMULATION",
      nextEntryNo: 1,
      nextVoucherNo: 1,
      voucherPrefix: "SIM-",
      locks: input.locks,
    });
    issues.push(...sim.issues);
    for (const o of sim.overrides) overrides.add(o);
  }
  return { issues, overrides: [...overrides] };
}
