/**
 * What an operation (operation.ts) holds of the workbook: the raw tables as
 * read once, patched by every write through `port` (a recording decorator of
 * the workbook port), and the book decoded from them — decoded again lazily
 * after writes, and then only in part: the ledger's appended rows are decoded
 * and added, the large tables nobody wrote (journal, audit log, seal rows,
 * settlements) are kept, and the small ones are decoded again. A write that
 * fails half-way makes the state stale: the next session use reads again.
 * It holds the tables the operation declared it needs (loadBook.ts: `TableNeeds`);
 * `need()` reads more once a use case asks for them (a write: every table).
 *
 * Example: 10,000 ledger rows read; a post appends rows 10,001..10,002 and
 *   2 run/audit rows → loaded() decodes 2 ledger rows (entry rows 10,001 and
 *   10,002), tblRuns and tblAudit again, and keeps the 10,000 entries decoded before.
 */
import type { Issue } from "../core/issues/issue";
import type { Book } from "../core/ledger/book";
import type { LedgerEntry } from "../core/ledger/types";
import { findHeader } from "../ports/cachedReads";
import { isRowsMoved } from "../ports/workbook";
import type { CellUpdate, CellValue, RawTable, TableShape, WorkbookPort } from "../ports/workbook";
import type { JournalLine } from "../core/ledger/types";
import { bookWith, decodeBook, decodeLedger, isOpenJournalLine } from "../schema/bookCodec";
import { ALL_TABLES, AUDIT, JOURNAL, LEDGER, SEAL_ROWS, SETTLEMENTS } from "../schema/tables";
import {
  bookOf,
  OPEN_JOURNAL,
  readTables,
  tablesOf,
  type LoadedBook,
  type ReadTables,
  type TableNeeds,
} from "./loadBook";

type Rows = readonly (readonly CellValue[])[];

/** Large tables a re-decode keeps when nothing wrote them: table name → the book's field. */
const KEPT: Readonly<Record<string, keyof Book>> = {
  [JOURNAL.name]: "journal",
  [AUDIT.name]: "audit",
  [SEAL_ROWS.name]: "sealRows",
  [SETTLEMENTS.name]: "settlements",
};

interface Decoded {
  /** the book's decoded tables, the ledger with every row (also those of runs that never committed) */
  readonly book: Book;
  readonly issues: readonly Issue[];
  readonly names: string;
}

const rowIssueOf = (table: string) => (i: Issue) => i.at?.table === table && (i.at.row ?? 0) > 0;

export class SessionState {
  readonly port: WorkbookPort;
  private raw: ReadTables;
  private decoded?: Decoded;
  private view?: LoadedBook;
  /** tables written since the last decode (declared names) */
  private readonly dirty = new Set<string>();
  /** ledger rows before the first append since the last decode, while appends are all that changed it */
  private ledgerFrom?: number;
  private ledgerRewritten = false;
  private isStale = false;
  /** the journal's open lines (loadBook.ts' OPEN_JOURNAL) while the journal itself is not held: its rows let go */
  private openJournal?: { readonly lines: readonly JournalLine[]; readonly issues: readonly Issue[] };

  constructor(
    private readonly inner: WorkbookPort,
    raw: ReadTables,
  ) {
    this.raw = raw;
    this.port = this.recording();
  }

  /** the declared name under which `name` is held, if it is */
  private held(name: string): string | undefined {
    const k = name.toLowerCase();
    for (const n of this.raw.keys()) if (n.toLowerCase() === k) return n;
    return undefined;
  }

  stale(): void {
    this.isStale = true;
  }

  get isStaleNow(): boolean {
    return this.isStale;
  }

  /** Reads the tables of `needs` not held yet (once); the book is decoded again with them. */
  async need(needs: TableNeeds): Promise<void> {
    const missing = tablesOf(needs).filter((n) => !this.raw.has(n));
    if (missing.includes(JOURNAL.name)) this.openJournal = undefined;
    else if (needs !== "all" && needs.includes(OPEN_JOURNAL) && !this.raw.has(JOURNAL.name) && !this.openJournal)
      await this.readOpenJournal();
    if (missing.length === 0) return;
    await readTables(this.inner, missing, this.raw);
    for (const n of missing) {
      this.raw.tails.delete(n);
      this.dirty.add(n);
    }
    if (missing.includes(LEDGER.name)) this.ledgerRewritten = true;
  }

  /**
   * Takes the tail (headers and row count, loadBook.ts' TableTail) of the tables `names` neither read nor
   * tailed yet: from the port's tableSize, or by reading the table when the port cannot tell.
   */
  async tail(names: readonly string[]): Promise<void> {
    const take = names.filter((n) => !this.raw.has(n) && !this.raw.tails.has(n));
    const size = this.inner.tableSize?.bind(this.inner);
    if (!size) return this.need(ALL_TABLES.filter((t) => take.includes(t.name)));
    for (const n of take) {
      const s = await size(n);
      this.raw.tails.set(n, s && { name: n, headers: [...s.headers], rows: s.rows });
    }
  }

  /**
   * Reads the journal, decodes its open lines (with every row's issues) and lets its rows go: the book's journal
   * is those lines while the journal is not held. Example: 1M posted lines and 2 drafts → book.journal = the 2 drafts.
   */
  private async readOpenJournal(): Promise<void> {
    const t = await this.inner.readTable(JOURNAL.name);
    const raw = this.raw;
    const d = decodeBook((n) => (n === JOURNAL.name ? t : raw.get(n)), new Set([JOURNAL.name]), {
      journal: isOpenJournalLine,
    });
    this.openJournal = { lines: d.book.journal, issues: d.issues.filter((i) => i.at?.table === JOURNAL.name) };
    this.view = undefined;
  }

  /** Reads the tables held again (after a repair, or when stale). */
  async reread(): Promise<void> {
    const tails = [...this.raw.tails.keys()];
    this.raw = await readTables(this.inner, [...this.raw.keys()]);
    if (this.openJournal) await this.readOpenJournal();
    await this.tail(tails);
    this.decoded = undefined;
    this.view = undefined;
    this.dirty.clear();
    this.ledgerFrom = undefined;
    this.ledgerRewritten = false;
    this.isStale = false;
  }

  loaded(): LoadedBook {
    if (this.view && this.dirty.size === 0) return this.view;
    this.decoded = this.decode();
    this.dirty.clear();
    this.ledgerFrom = undefined;
    this.ledgerRewritten = false;
    this.view = bookOf(this.raw, this.decoded);
    return this.view;
  }

  private decode(): Decoded {
    const raw = this.raw;
    const prev = this.decoded;
    const read = new Set(raw.keys());
    if (!prev) {
      const full = decodeBook((n) => raw.get(n), read, this.journalLines());
      return { ...full, names: full.book.setup.dimensions.map((d) => d.name).join("\n") };
    }
    // the small tables decoded again; large ones nobody wrote (nor read just now) stand in empty (their header checks still run)
    const keep = new Set(Object.keys(KEPT).filter((t) => read.has(t) && !this.dirty.has(t)));
    const ledgerT = read.has(LEDGER.name) ? raw.get(LEDGER.name) : undefined;
    const incremental = !this.ledgerRewritten && read.has(LEDGER.name);
    if (incremental) keep.add(LEDGER.name);
    const fresh = decodeBook(
      (n) => {
        const t = raw.get(n);
        return t && keep.has(n) ? { ...t, rows: [] } : t;
      },
      read,
      this.journalLines(),
    );
    const names = fresh.book.setup.dimensions.map((d) => d.name);
    if (names.join("\n") !== prev.names) {
      const full = decodeBook((n) => raw.get(n), read, this.journalLines());
      return { ...full, names: names.join("\n") };
    }
    const patch: Record<string, unknown> = {};
    const issues: Issue[] = [...fresh.issues];
    for (const t of keep) {
      if (t === LEDGER.name) continue;
      patch[KEPT[t]!] = prev.book[KEPT[t]!];
      issues.push(...prev.issues.filter(rowIssueOf(t)));
    }
    if (incremental) {
      let ledger: readonly LedgerEntry[] = prev.book.ledger;
      issues.push(...prev.issues.filter(rowIssueOf(LEDGER.name)));
      const from = this.ledgerFrom;
      if (ledgerT && from !== undefined && ledgerT.rows.length > from) {
        const found: Issue[] = [];
        const added = decodeLedger({ ...ledgerT, rows: ledgerT.rows.slice(from) }, names, found);
        ledger = [...ledger, ...added.map((e) => ({ ...e, row: (e.row ?? 0) + from }))];
        for (const i of found.filter(rowIssueOf(LEDGER.name)))
          issues.push({ ...i, at: { ...i.at!, row: i.at!.row! + from } });
      }
      patch.ledger = ledger;
    }
    return { book: bookWith(fresh.book, patch), issues, names: names.join("\n") };
  }

  private journalLines(): { journalLines?: NonNullable<SessionState["openJournal"]> } {
    return this.openJournal ? { journalLines: this.openJournal } : {};
  }

  /** Applies a successful write to the held table `name` (a declared table: others are not held), or to its tail. */
  private patch(name: string, change: (t: RawTable) => RawTable | undefined, rows?: (n: number) => number): void {
    const n = this.held(name);
    // the journal's open lines were decoded from the rows before this write: read them again on next use
    if (!n && this.openJournal && name.toLowerCase() === JOURNAL.name.toLowerCase()) this.isStale = true;
    if (!n) return this.patchTail(name, rows);
    const t = this.raw.get(n);
    if (!t) {
      this.isStale = true;
      return;
    }
    const next = change(t);
    if (!next) {
      this.isStale = true;
      return;
    }
    this.raw.set(n, next);
    this.dirty.add(n);
  }

  /** A table held by its tail: its row count after the write (`rows`; undefined: a cell update, the count stays). */
  private patchTail(name: string, rows?: (n: number) => number): void {
    const k = name.toLowerCase();
    for (const [n, t] of this.raw.tails) {
      if (n.toLowerCase() !== k) continue;
      if (t && rows) this.raw.tails.set(n, { ...t, rows: rows(t.rows) });
      else if (!t) this.isStale = true;
    }
  }

  private update(t: RawTable, updates: readonly CellUpdate[]): RawTable | undefined {
    const rows = [...t.rows];
    for (const u of updates) {
      const c = findHeader(t.headers, u.column);
      const r = rows[u.row - 1];
      if (c < 0 || !r) return undefined;
      const copy = [...r];
      copy[c] = u.value;
      rows[u.row - 1] = copy;
    }
    return { ...t, rows };
  }

  private recording(): WorkbookPort {
    const inner = this.inner;
    const write = async (
      name: string,
      w: () => Promise<void>,
      change: (t: RawTable) => RawTable | undefined,
      rowsAfter?: (n: number) => number,
    ) => {
      try {
        await w();
      } catch (e) {
        if (!isRowsMoved(e)) this.isStale = true; // a refused keyed update changed nothing
        throw e;
      }
      this.patch(name, change, rowsAfter);
    };
    const ledger = (name: string, appended: boolean): void => {
      if (this.held(name) !== LEDGER.name) return;
      if (!appended) this.ledgerRewritten = true;
      else if (this.ledgerFrom === undefined) this.ledgerFrom = this.raw.get(LEDGER.name)?.rows.length ?? 0;
    };
    return {
      listTables: () => inner.listTables(),
      readTable: (name) => inner.readTable(name),
      readRange: (sheet, block) => inner.readRange(sheet, block),
      writeReport: (report) => inner.writeReport(report),
      isProtected: (sheet) => inner.isProtected(sheet),
      protect: (sheet, password) => inner.protect(sheet, password),
      unprotect: (sheet, password) => inner.unprotect(sheet, password),
      createTable: async (shape: TableShape, rows: Rows) => {
        try {
          await inner.createTable(shape, rows);
        } catch (e) {
          this.isStale = true;
          throw e;
        }
        const n = this.held(shape.name);
        if (!n) {
          // a table created over one held by its tail: its rows are these
          for (const t of [...this.raw.tails.keys()])
            if (t.toLowerCase() === shape.name.toLowerCase())
              this.raw.tails.set(t, { name: t, headers: [...shape.headers], rows: rows.length });
          return;
        }
        if (n === LEDGER.name) this.ledgerRewritten = true;
        this.raw.set(n, { name: n, sheet: shape.sheet, headers: [...shape.headers], rows: rows.map((r) => [...r]) });
        this.dirty.add(n);
      },
      appendRows: (name, rows) => {
        // the ledger's appended rows are decoded on their own: note where they start before patching
        ledger(name, true);
        return write(
          name,
          () => inner.appendRows(name, rows),
          (t) => {
            const only = t.rows.length === 1 && t.rows[0]!.every((v) => v === null || v === "");
            return { ...t, rows: [...(only ? [] : t.rows), ...rows.map((r) => [...r])] };
          },
          (n) => n + rows.length,
        );
      },
      updateCells: (name, updates) => {
        ledger(name, false);
        return write(
          name,
          () => inner.updateCells(name, updates),
          (t) => this.update(t, updates),
        );
      },
      updateCellsByKey: (name, keys, updates) => {
        ledger(name, false);
        return write(
          name,
          () => inner.updateCellsByKey(name, keys, updates),
          (t) => this.update(t, updates),
        );
      },
      truncateRows: (name, keep) => {
        ledger(name, false);
        return write(
          name,
          () => inner.truncateRows(name, keep),
          (t) => ({ ...t, rows: t.rows.slice(0, keep) }),
          (n) => Math.min(n, keep),
        );
      },
      replaceRows: (name, rows) => {
        ledger(name, false);
        return write(
          name,
          () => inner.replaceRows(name, rows),
          (t) => ({ ...t, rows: rows.map((r) => [...r]) }),
          () => rows.length,
        );
      },
    };
  }
}
