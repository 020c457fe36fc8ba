/**
 * Reads every Closebook table through the port (one read phase) and decodes
 * it into a Book with the issues found on the way.
 *
 * Example: const { book, issues } = await loadBook(port);
 *          book.ledger.length  // posted lines
 */
import type { Issue } from "../core/issues/issue";
import type { Book } from "../core/ledger/book";
import type { RawTable, WorkbookPort } from "../ports/workbook";
import { decodeBook } from "../schema/bookCodec";
import { ALL_TABLES } from "../schema/tables";

export interface LoadedBook {
  readonly book: Book;
  readonly issues: Issue[];
  readonly raw: ReadonlyMap<string, RawTable | undefined>;
}

export async function readAllTables(port: WorkbookPort): Promise<Map<string, RawTable | undefined>> {
  const raw = new Map<string, RawTable | undefined>();
  for (const t of ALL_TABLES) raw.set(t.name, await port.readTable(t.name));
  return raw;
}

export async function loadBook(port: WorkbookPort): Promise<LoadedBook> {
  const raw = await readAllTables(port);
  const { book, issues } = decodeBook((name) => raw.get(name));
  return { book, issues, raw };
}

export function nextEntryNo(book: Book): number {
  let max = 0;
  for (const e of book.ledger) if (e.entryNo > max) max = e.entryNo;
  return max + 1;
}
