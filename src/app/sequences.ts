/**
 * Number sequences kept in tblSequences. Numbers are reserved (written back)
 * before anything that uses them is written, so a failed run burns its numbers
 * instead of handing them out twice.
 *
 * Example: sequence "voucher" {prefix "GL-", next 42}; reserving 3 vouchers
 * gives GL-000042..GL-000044 and writes next = 45.
 */
import type { Book } from "../core/ledger/book";
import type { Sequence } from "../core/ledger/types";
import { issue, type Issue } from "../core/issues/issue";
import { SEQUENCES } from "../schema/tables";
import { where } from "../schema/typedCells";

/** Longest prefix, and largest next number, a sequence may have: its numbers must fit in a cell (and stay whole numbers). */
const MAX_PREFIX = 100;
const MAX_NEXT = 1e12;

export function findSequence(book: Book, name: string): Sequence | Issue {
  const s = book.sequences.find((x) => x.name.toLowerCase() === name);
  if (!s) return issue("MISSING_SEQUENCE", `The sequences table has no "${name}" row.`, where(SEQUENCES, "name"));
  if (s.prefix.length > MAX_PREFIX)
    return issue(
      "BAD_CELL",
      `Prefix of sequence "${name}" is ${s.prefix.length} characters long; at most ${MAX_PREFIX}.`,
      where(SEQUENCES, "prefix", s.row),
    );
  if (s.next > MAX_NEXT)
    return issue(
      "BAD_CELL",
      `Next of sequence "${name}" holds ${s.next}, beyond ${MAX_NEXT}.`,
      where(SEQUENCES, "next", s.row),
    );
  return s;
}

export function isIssue(x: unknown): x is Issue {
  return typeof x === "object" && x !== null && "code" in x && "severity" in x;
}

/** A sequence number with its prefix, as every number in Closebook is written: "GL-000042". */
export { formatVoucher as formatNumber } from "../core/posting/postJournal";
