/**
 * ExcelWorkbook: the WorkbookPort over the Excel JavaScript API, for the task
 * pane. It takes a `run` function so it never touches the `Excel` global: the
 * task pane passes `(batch) => Excel.run({ delayForCellEdit: true }, batch)`
 * (a batch waits while the user edits a cell instead of failing), tests pass
 * the fake's run (src/preview/fakeExcel).
 *
 * Each port call is one Excel.run with few syncs (figures for 100k × 16 rows:
 * readTable 22 syncs, appendRows 22, createTable with the rows 21):
 * - tables, headers and values move in chunks of ≤ 5,000 rows and ≤ 3 MB of
 *   JSON per sync (chunks.ts; Excel on the web refuses 5 MB);
 * - appends write below the table and resize it, one bulk write per chunk,
 *   with calculation and screen updating suspended (tableIO.ts);
 * - values are converted at the boundary (cellValues.ts): Date ↔ serial of the
 *   workbook's date system (1900, or 1904 for old Mac workbooks: asked once per
 *   instance with DATE(1904, 1, 1), dateSystem.ts; the 1900 system assumed when
 *   Workbook.functions is missing or fails, and asked again after a failure
 *   that may pass), "" ↔ null, error codes ↔ { error }, text kept as text
 *   (apostrophe prefix outside Text columns), a number in a date column in a
 *   "General" cell (it reads back as the number written, not as a Date).
 *
 * Semantics follow MemoryWorkbook (the reference): names case-insensitive, the
 * same messages, every input checked before the first change, a table whose
 * only data row is blank is empty (an Excel table always has a data row), a
 * protected sheet refuses every write with "AccessDenied: ...". Where Excel
 * differs:
 * - A write split over several syncs is not atomic: a failure after the first
 *   chunk leaves the earlier chunks written (the app's run/recovery truncates).
 * - A table sheet may hold other cells; a table cannot grow over values below
 *   it (the write is refused, nothing changed).
 * - createTable on an existing sheet needs the sheet to be empty; listTables
 *   reports each column's most common number format among the first 25 rows.
 *
 * Beyond the port: `onProgress` (constructor option) hears each chunk of
 * readTable / createTable / appendRows / replaceRows as rows done of the
 * call's total, and `selectCell` (selection.ts) shows the cell an issue names.
 *
 * Example:
 *   const port = new ExcelWorkbook((b) => Excel.run({ delayForCellEdit: true }, b), { onProgress: (p) => bar(p.done / p.total) });
 *   await withUnprotected(port, ["Ledger"], pw, () => port.appendRows("tblLedger", rows));
 *   await port.selectCell("tblJournal", 4, "Account");   // true: Journal!C5 selected
 */
import type { Progress, ProgressListener } from "../../ports/progress";
import type {
  CellBlock,
  CellUpdate,
  CellValue,
  KeyedUpdate,
  RawTable,
  ReportSheet,
  TableShape,
  WorkbookPort,
} from "../../ports/workbook";
import { ACCESS_DENIED } from "../../ports/workbook";
import type { DateSystem } from "./cellValues";
import { TEXT_FORMAT, fromExcelCell, toExcelCell, toTableCell } from "./cellValues";
import { addTableRules } from "./conditionalFormats";
import { detectDateSystem } from "./dateSystem";
import { columnFormats, planChunks, updateBatches } from "./chunks";
import type { RunBatch, XlContext, XlWorksheet } from "./excelHost";
import { syncOr } from "./officeErrors";
import { updateByKey } from "./keyedUpdates";
import { isSheetProtected, protectSheet, unprotectSheet } from "./protection";
import { writeReport } from "./reports";
import { selectCell } from "./selection";
import { readSheets } from "./sheetsRead";
import type { ChunkDone, TableHandle } from "./tableIO";
import { deleteRows, makeEmpty, openTable, readRows, verifyDeletes, writeRows } from "./tableIO";
import type { Rows } from "./validate";
import { checkReport, checkRows, checkShape, resolveUpdates } from "./validate";
import { textOf } from "../../core/text/textOf";

const UPDATES_PER_SYNC = 5_000;
const SAMPLE_ROWS = 25;

function denied(sheet: string, what: string): Error {
  return new Error(`${ACCESS_DENIED} sheet "${sheet}" is protected (${what}); unprotect it first`);
}

export interface ExcelWorkbookOptions {
  /** called after each chunk of rows read or written (a listener's failure is ignored) */
  readonly onProgress?: ProgressListener;
}

export class ExcelWorkbook implements WorkbookPort {
  private readonly onProgress: ProgressListener | undefined;
  /** protection options of sheets this port unprotected, by lower-case name: protect() restores them */
  private readonly protectionOptions = new Map<string, object>();
  /** the workbook's date system, asked on the first call that converts dates */
  private dateSystem: Promise<DateSystem> | undefined;

  constructor(
    private readonly run: RunBatch,
    options: ExcelWorkbookOptions = {},
  ) {
    this.onProgress = options.onProgress;
  }

  /**
   * Activates the table's sheet and selects data row `row` (1-based) of
   * `column`, or the whole column / row / table when one is missing; false
   * when the table, column or row does not exist.
   */
  selectCell(table: string, row?: number, column?: string): Promise<boolean> {
    return selectCell(this.run, table, row, column);
  }

  // ---------------------------------------------------------------- reading

  listTables(): Promise<readonly TableShape[]> {
    return this.run(async (ctx) => {
      const tables = ctx.workbook.tables.load("items/name");
      await syncOr(ctx, "listTables");
      const found = tables.items.map((table) => {
        const sheet = table.worksheet.load("name");
        const header = table.getHeaderRowRange().load("values, columnCount");
        const sample = header.getRowsBelow(SAMPLE_ROWS).getIntersection(table.getDataBodyRange()).load("numberFormat");
        return { table, sheet, header, sample };
      });
      if (found.length > 0) await syncOr(ctx, "listTables");
      return found.map(({ table, sheet, header, sample }) => ({
        name: table.name,
        sheet: sheet.name,
        headers: (header.values[0] ?? []).map((h) => String(h)),
        numberFormats: columnFormats(sample.numberFormat, header.columnCount),
      }));
    });
  }

  async readTable(name: string): Promise<RawTable | undefined> {
    const dates = await this.dates();
    return this.run(async (ctx) => {
      const op = `readTable ${name}`;
      const h = await openTable(ctx, name, op, dates);
      if (!h) return undefined;
      return {
        name: h.name,
        sheet: h.sheetName,
        headers: [...h.headers],
        rows: await readRows(ctx, h, op, this.progress(h.name, "read")),
      };
    });
  }

  /** One sync for the sheet, one for the block (values, formats and value types: an error cell is a CellError). */
  async readRange(sheet: string, block: CellBlock): Promise<CellValue[][] | undefined> {
    const dates = await this.dates();
    return this.run(async (ctx) => {
      const op = `readRange ${sheet}`;
      const ws = ctx.workbook.worksheets.getItemOrNullObject(sheet).load("name");
      await syncOr(ctx, op);
      if (ws.isNullObject) return undefined;
      const r = ws
        .getRangeByIndexes(block.row - 1, block.column - 1, block.rows, block.columns)
        .load("values, numberFormat, valueTypes");
      await syncOr(ctx, op);
      return r.values.map((row, i) =>
        row.map((v, j) =>
          fromExcelCell(v, textOf(r.numberFormat[i]?.[j] ?? "General"), r.valueTypes[i]?.[j] === "Error", dates),
        ),
      );
    });
  }

  /** The sheets without tables as reports, with their formulas (sheetsRead.ts). */
  async readSheets(): Promise<ReportSheet[]> {
    return readSheets(this.run, await this.dates());
  }

  isProtected(sheet: string): Promise<boolean> {
    return isSheetProtected(this.run, sheet);
  }

  // ---------------------------------------------------------------- writing

  async createTable(shape: TableShape, rows: Rows): Promise<void> {
    checkShape(shape, "createTable");
    checkRows(shape.name, shape.headers, rows, "createTable");
    const dates = await this.dates();
    await this.run(async (ctx) => {
      const op = `createTable ${shape.name}`;
      const sheet = await this.sheetForNewTable(ctx, shape, op);
      const width = shape.headers.length;
      const chunks = planChunks(rows, width, (j) => shape.numberFormats[j] ?? "General", dates);
      const first = chunks.next();
      const firstRows = first.done ? [shape.numberFormats.map(() => "")] : first.value.values;
      const firstFormats = first.done ? [[...shape.numberFormats]] : first.value.formats;
      const header = shape.headers.map((h) => toExcelCell(h, TEXT_FORMAT));
      ctx.application.suspendApiCalculationUntilNextSync();
      ctx.application.suspendScreenUpdatingUntilNextSync();
      const headerRange = sheet.getRangeByIndexes(0, 0, 1, width);
      headerRange.numberFormat = [header.map((c) => c.format)];
      headerRange.values = [header.map((c) => c.value)];
      const body = sheet.getRangeByIndexes(1, 0, firstRows.length, width);
      body.numberFormat = firstFormats;
      body.values = firstRows;
      const table = sheet.tables.add(sheet.getRangeByIndexes(0, 0, 1 + firstRows.length, width), true);
      table.name = shape.name;
      await syncOr(ctx, op);
      const rules = shape.conditionalFormats ?? [];
      if (rules.length > 0 && first.done) {
        addTableRules(sheet, shape.headers, rules, rows.length);
        await syncOr(ctx, op);
      }
      if (first.done) return;
      const progress = this.progress(shape.name, "write");
      progress?.(firstRows.length, rows.length);
      const h: TableHandle = {
        table,
        sheet,
        name: shape.name,
        sheetName: shape.sheet,
        headers: shape.headers,
        top: 0,
        left: 0,
        width,
        physicalRows: firstRows.length,
        logicalRows: firstRows.length,
        formats: shape.numberFormats,
        dates,
        isProtected: false,
        usedBottom: -1,
        bytesPerRow: 0,
      };
      await writeRows(ctx, h, 0, chunks, rows.length, op, progress); // chunk offsets count from rows[0]
      if (rules.length > 0) {
        addTableRules(sheet, shape.headers, rules, rows.length);
        await syncOr(ctx, op);
      }
    });
  }

  appendRows(name: string, rows: Rows): Promise<void> {
    return this.withTable("appendRows", name, true, async (ctx, h, op) => {
      checkRows(h.name, h.headers, rows, "appendRows");
      if (rows.length === 0) return;
      await writeRows(
        ctx,
        h,
        h.logicalRows,
        planChunks(rows, h.width, (j) => h.formats[j] ?? "General", h.dates),
        rows.length,
        op,
        this.progress(h.name, "write"),
      );
    });
  }

  updateCells(name: string, updates: readonly CellUpdate[]): Promise<void> {
    return this.withTable("updateCells", name, false, async (ctx, h, op) => {
      const cells = resolveUpdates(h.name, h.headers, h.logicalRows, updates).map((u) => ({
        ...u,
        ...toTableCell(u.value, h.formats[u.col] ?? "General", h.dates),
      }));
      for (const batch of updateBatches(cells, UPDATES_PER_SYNC)) {
        ctx.application.suspendApiCalculationUntilNextSync();
        for (const c of batch) {
          const cell = h.sheet.getRangeByIndexes(h.top + 1 + c.row, h.left + c.col, 1, 1);
          cell.numberFormat = [[c.format]];
          cell.values = [[c.value]];
        }
        await syncOr(ctx, op);
      }
    });
  }

  /**
   * updateCells guarded by row keys (keyedUpdates.ts): one sync checks the
   * keys before anything is written; then each chunk's sync loads the target
   * rows (old cells and keys) and writes, and a key that moved meanwhile puts
   * the old cells back and refuses with RowsMovedError.
   */
  updateCellsByKey(name: string, keyColumns: readonly string[], updates: readonly KeyedUpdate[]): Promise<void> {
    return this.withTable("updateCellsByKey", name, false, (ctx, h, op) =>
      updateByKey(ctx, h, op, keyColumns, updates, UPDATES_PER_SYNC),
    );
  }

  truncateRows(name: string, keep: number): Promise<void> {
    const checkKeep = (h: TableHandle): void => {
      if (!Number.isInteger(keep) || keep < 0)
        throw new Error(`truncateRows ${h.name}: keep must be a whole number ≥ 0, not ${keep}`);
    };
    return this.withTable(
      "truncateRows",
      name,
      false,
      async (ctx, h, op) => {
        if (keep >= h.logicalRows) return;
        if (keep === 0) makeEmpty(h);
        else deleteRows(h, keep, h.physicalRows - keep);
        await syncOr(ctx, op);
        verifyDeletes(h, op);
      },
      checkKeep,
    );
  }

  replaceRows(name: string, rows: Rows): Promise<void> {
    return this.withTable("replaceRows", name, true, async (ctx, h, op) => {
      checkRows(h.name, h.headers, rows, "replaceRows");
      if (rows.length === 0) {
        makeEmpty(h);
        await syncOr(ctx, op);
        verifyDeletes(h, op);
        return;
      }
      await writeRows(
        ctx,
        h,
        0,
        planChunks(rows, h.width, (j) => h.formats[j] ?? "General", h.dates),
        rows.length,
        op,
        this.progress(h.name, "write"),
      );
      if (h.physicalRows > rows.length) {
        deleteRows(h, rows.length, h.physicalRows - rows.length);
        await syncOr(ctx, op);
        verifyDeletes(h, op);
      }
    });
  }

  async writeReport(report: ReportSheet): Promise<void> {
    checkReport(report);
    const dates = await this.dates();
    await this.run((ctx) => writeReport(ctx, dates, report));
  }

  async protect(sheet: string, password: string): Promise<void> {
    const k = String(sheet).toLowerCase();
    await protectSheet(this.run, sheet, password, this.protectionOptions.get(k));
    this.protectionOptions.delete(k);
  }

  unprotect(sheet: string, password: string): Promise<void> {
    return unprotectSheet(this.run, sheet, password, (name, options) =>
      this.protectionOptions.set(name.toLowerCase(), options),
    );
  }

  // ---------------------------------------------------------------- internals

  /** The workbook's date system: one Excel.run on first use, then remembered (a workbook's date system does not change while it is open); asked again after a failure that may pass. */
  private dates(): Promise<DateSystem> {
    const asked = (this.dateSystem ??= detectDateSystem(this.run).then((d) => {
      if (!d.final && this.dateSystem === asked) this.dateSystem = undefined;
      return d.dates;
    }));
    return asked;
  }

  /** The chunk callback that reports `table`'s progress, when anyone listens. */
  private progress(table: string, op: Progress["op"]): ChunkDone | undefined {
    const listener = this.onProgress;
    if (!listener) return undefined;
    return (done, total) => {
      try {
        listener({ table, op, done, total });
      } catch {
        // a progress bar's failure must not fail the write
      }
    };
  }

  /** Opens table `name` for a write: missing table → error naming it; `checkFirst`; protected sheet → AccessDenied. */
  private async withTable(
    verb: string,
    name: string,
    forWrite: boolean,
    work: (ctx: XlContext, h: TableHandle, op: string) => Promise<void>,
    checkFirst?: (h: TableHandle) => void,
  ): Promise<void> {
    const dates = await this.dates();
    return this.run(async (ctx) => {
      const h = await openTable(ctx, name, `${verb} ${name}`, dates, forWrite);
      if (!h) throw new Error(`${verb}: the workbook has no table ${name}`);
      checkFirst?.(h);
      const op = `${verb} ${h.name}`;
      if (h.isProtected) throw denied(h.sheetName, op);
      await work(ctx, h, op);
    });
  }

  /** The sheet a new table goes on (created when missing), after the checks MemoryWorkbook makes. */
  private async sheetForNewTable(ctx: XlContext, shape: TableShape, op: string): Promise<XlWorksheet> {
    const existing = ctx.workbook.tables.getItemOrNullObject(shape.name).load("name");
    const sheet = ctx.workbook.worksheets.getItemOrNullObject(shape.sheet).load("name");
    const structure = ctx.workbook.protection.load("protected");
    await syncOr(ctx, op);
    const taken = (): Error => new Error(`createTable: table ${shape.name} already exists (as ${existing.name})`);
    if (sheet.isNullObject) {
      if (!existing.isNullObject) throw taken();
      if (structure.protected)
        throw new Error(
          `createTable: the workbook's structure is protected (Review › Protect Workbook), so sheet "${shape.sheet}" cannot be added; unprotect the workbook structure first`,
        );
      return ctx.workbook.worksheets.add(shape.sheet);
    }
    sheet.protection.load("protected");
    sheet.tables.load("items/name");
    const used = sheet.getUsedRangeOrNullObject(true).load("address");
    await syncOr(ctx, op);
    if (sheet.protection.protected) throw denied(sheet.name, op);
    if (!existing.isNullObject) throw taken();
    const onSheet = sheet.tables.items[0];
    if (onSheet) throw new Error(`createTable: sheet "${shape.sheet}" already holds table ${onSheet.name}`);
    if (!used.isNullObject)
      throw new Error(
        `createTable: sheet "${sheet.name}" is not empty (a report or other values at ${used.address}); a table needs its own sheet`,
      );
    return sheet;
  }
}
