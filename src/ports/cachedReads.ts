/**
 * cachedReads: a WorkbookPort decorator that remembers what it read while a
 * *read scope* is open, so one pane operation reads each table from Excel at
 * most once. A close step, for instance, loads the book, then posting it opens
 * the workbook for writing and loads it again: in Excel on the web each full
 * read of a 100k-row ledger is 20+ syncs, and the second one is now free.
 *
 * - Inside a scope (`begin()` … its end function; scopes may overlap, the
 *   cache lives while at least one is open) readTable and listTables results
 *   are kept, keyed by table name case-insensitively ("not there" too).
 * - Every write through the decorator keeps the kept copy true: appendRows
 *   appends, updateCells patches, replaceRows replaces, truncateRows cuts —
 *   with the port's rules, which every adapter keeps (the contract suite,
 *   test/adapters/contract): a written cell reads back as written, "" as a
 *   blank cell (null), and a table whose only row is blank has no rows.
 *   createTable forgets the table. The kept listTables answer is forgotten by
 *   every write (an adapter may report a column's number format from its
 *   cells: Excel samples the first rows).
 * - A write the inner port refuses or fails forgets that table (Excel may have
 *   written some chunks): the recovery path reads the truth.
 * - Outside every scope each call goes straight to the inner port, so edits
 *   made in Excel between operations are always seen. Ending the last scope
 *   forgets everything; a read still in flight then (or overtaken by a write
 *   to its table) is not kept.
 * - Callers get copies (Dates and error values too): changing returned rows,
 *   or the rows they passed to a write, never changes the cache. -0 is kept as 0.
 * - Protection calls (isProtected, protect, unprotect) are never cached.
 *
 * Example:
 *   const reads = cachedReads(new ExcelWorkbook(run));
 *   const end = reads.begin();
 *   try {
 *     await loadBook(reads.port);                 // reads every table from Excel
 *     await postJournals(reads.port, options);    // its loadBook reads none; its appends patch the cache
 *   } finally {
 *     end();                                      // forgets everything: the next read goes to Excel
 *   }
 *   reads.stats()  // { hits: 19, misses: 20, passThrough: 0, forgotten: 0 }
 */
import type { CellUpdate, CellValue, RawTable, ReportSheet, TableShape, WorkbookPort } from "./workbook";
import { isCellError } from "./workbook";

type Rows = readonly (readonly CellValue[])[];

export interface ReadStats {
  /** reads answered from the cache */
  readonly hits: number;
  /** reads inside a scope that went to the inner port */
  readonly misses: number;
  /** reads outside any scope (always the inner port) */
  readonly passThrough: number;
  /** kept tables a write forgot (it failed) instead of patching */
  readonly forgotten: number;
}

export interface CachedReads {
  /** the decorated port: use it for every read and write */
  readonly port: WorkbookPort;
  /** opens a read scope; returns its end (calling it twice ends it once) */
  begin(): () => void;
  /** runs `work` inside a scope of its own */
  scoped<T>(work: () => Promise<T>): Promise<T>;
  /** whether a scope is open */
  active(): boolean;
  /** counts since creation */
  stats(): ReadStats;
}

interface KeptTable {
  readonly name: string;
  readonly sheet: string;
  readonly headers: readonly string[];
  rows: CellValue[][];
}

const key = (name: string): string => String(name).toLowerCase();

/** A cell copied (a Date or error value is an object a caller could change). */
function copyCell(v: CellValue): CellValue {
  if (v instanceof Date) return new Date(v.getTime());
  if (typeof v === "number") return v === 0 ? 0 : v;
  if (isCellError(v)) return { error: v.error };
  return v;
}

const copyRows = (rows: Rows): CellValue[][] => rows.map((r) => r.map(copyCell));

const isBlank = (v: CellValue): boolean => v === null || v === "";

/** The port's rule: a table whose only data row is entirely blank has no rows. */
function normaliseBlank(rows: CellValue[][]): CellValue[][] {
  const only = rows.length === 1 ? rows[0] : undefined;
  return only && only.every(isBlank) ? [] : rows;
}

function giveTable(t: KeptTable): RawTable {
  return { name: t.name, sheet: t.sheet, headers: [...t.headers], rows: copyRows(t.rows) };
}

const copyShape = (s: TableShape): TableShape => ({
  name: s.name,
  sheet: s.sheet,
  headers: [...s.headers],
  numberFormats: [...s.numberFormats],
});

/** Index of `column` among `headers`: exact spelling first, then case-insensitive (as the adapters find it). */
export function findHeader(headers: readonly string[], column: string): number {
  const exact = headers.indexOf(column);
  if (exact >= 0) return exact;
  const k = key(column);
  return headers.findIndex((h) => key(h) === k);
}

/** A written cell as every adapter reads it back (the port's rule: "" is a blank cell), copied. */
const writtenCell = (v: CellValue): CellValue => (v === "" ? null : copyCell(v));

const writtenRows = (rows: Rows): CellValue[][] => rows.map((r) => r.map(writtenCell));

export function cachedReads(inner: WorkbookPort): CachedReads {
  let scopes = 0;
  /** moves when the cache is emptied, so a read begun before does not refill it */
  let epoch = 0;
  /** kept tables by lower-case name; null = the workbook has no such table */
  const tables = new Map<string, KeptTable | null>();
  /** moves at the start and end of every write to a table, so a read it overlapped is not kept */
  const versions = new Map<string, number>();
  let shapes: readonly TableShape[] | undefined;
  let shapesVersion = 0;
  let hits = 0;
  let misses = 0;
  let passThrough = 0;
  let forgotten = 0;

  const version = (k: string): number => versions.get(k) ?? 0;
  const forgetShapes = (): void => {
    shapesVersion++;
    shapes = undefined;
  };
  /** marks a write to table `k` starting or ending; it may change what listTables reports */
  const touch = (k: string): void => {
    versions.set(k, version(k) + 1);
    forgetShapes();
  };
  const forget = (k: string): void => {
    if (tables.get(k)) forgotten++;
    tables.delete(k);
  };

  /** Runs a write of table `name`; on success `patch` updates the kept copy (when there is one), on failure the table is forgotten. */
  async function writeTable(name: string, write: () => Promise<void>, patch: (t: KeptTable) => void): Promise<void> {
    const k = key(name);
    touch(k);
    try {
      await write();
    } catch (e) {
      forget(k);
      throw e;
    } finally {
      touch(k);
    }
    const now = tables.get(k);
    if (now === undefined) return;
    if (now === null) {
      tables.delete(k); // the inner port wrote to a table we thought missing: read it again
      return;
    }
    try {
      patch(now);
      now.rows = normaliseBlank(now.rows);
    } catch {
      forget(k);
    }
  }

  /** Patches the kept copy with cell updates (the inner port has checked them). */
  const updated =
    (verb: string, updates: readonly CellUpdate[]) =>
    (t: KeptTable): void => {
      for (const u of updates) {
        const col = findHeader(t.headers, u.column);
        const row = t.rows[u.row - 1];
        if (col < 0 || !row) throw new Error(`${verb}: ${t.name} has no cell ${u.row}, ${u.column}`);
        row[col] = writtenCell(u.value);
      }
    };

  const port: WorkbookPort = {
    async listTables() {
      if (scopes === 0) {
        passThrough++;
        return inner.listTables();
      }
      if (shapes) {
        hits++;
        return shapes.map(copyShape);
      }
      misses++;
      const at = { epoch, version: shapesVersion };
      const got = await inner.listTables();
      if (scopes > 0 && at.epoch === epoch && at.version === shapesVersion) shapes = got.map(copyShape);
      return got;
    },

    async readTable(name) {
      if (scopes === 0) {
        passThrough++;
        return inner.readTable(name);
      }
      const k = key(name);
      const kept = tables.get(k);
      if (kept !== undefined) {
        hits++;
        return kept === null ? undefined : giveTable(kept);
      }
      misses++;
      const at = { epoch, version: version(k) };
      const got = await inner.readTable(name);
      if (scopes > 0 && at.epoch === epoch && at.version === version(k)) {
        tables.set(
          k,
          got ? { name: got.name, sheet: got.sheet, headers: [...got.headers], rows: copyRows(got.rows) } : null,
        );
      }
      return got;
    },

    async createTable(shape, rows) {
      const k = key(shape?.name ?? "");
      touch(k);
      try {
        await inner.createTable(shape, rows);
      } finally {
        tables.delete(k);
        touch(k);
      }
    },

    appendRows(name, rows) {
      return writeTable(
        name,
        () => inner.appendRows(name, rows),
        (t) => {
          t.rows = [...t.rows, ...writtenRows(rows)];
        },
      );
    },

    updateCells(name, updates: readonly CellUpdate[]) {
      return writeTable(name, () => inner.updateCells(name, updates), updated("updateCells", updates));
    },

    updateCellsByKey(name, keyColumns, updates) {
      // the inner port checks the keys against the workbook itself (the user may have moved rows): never against the cache
      return writeTable(
        name,
        () => inner.updateCellsByKey(name, keyColumns, updates),
        updated("updateCellsByKey", updates),
      );
    },

    truncateRows(name, keep) {
      return writeTable(
        name,
        () => inner.truncateRows(name, keep),
        (t) => {
          if (keep < t.rows.length) t.rows = t.rows.slice(0, keep);
        },
      );
    },

    replaceRows(name, rows) {
      return writeTable(
        name,
        () => inner.replaceRows(name, rows),
        (t) => {
          t.rows = writtenRows(rows);
        },
      );
    },

    // a plain range is never kept: every read reaches the workbook
    readRange(sheet, block) {
      return inner.readRange(sheet, block);
    },
    // never kept either (publish reads the sheets once)
    ...(inner.readSheets ? { readSheets: () => inner.readSheets!() } : {}),

    async writeReport(report: ReportSheet) {
      forgetShapes();
      try {
        await inner.writeReport(report);
      } finally {
        forgetShapes();
      }
    },

    isProtected: (sheet) => inner.isProtected(sheet),
    protect: (sheet, password) => inner.protect(sheet, password),
    unprotect: (sheet, password) => inner.unprotect(sheet, password),
  };

  function begin(): () => void {
    scopes++;
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      scopes--;
      if (scopes === 0) {
        tables.clear();
        versions.clear();
        shapes = undefined;
        epoch++;
      }
    };
  }

  return {
    port,
    begin,
    async scoped(work) {
      const end = begin();
      try {
        return await work();
      } finally {
        end();
      }
    },
    active: () => scopes > 0,
    stats: () => ({ hits, misses, passThrough, forgotten }),
  };
}
