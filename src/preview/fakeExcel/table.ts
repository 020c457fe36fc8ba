/**
 * Table, TableCollection (workbook.tables and worksheet.tables), and the rows
 * and columns of a table, in the fake. Table names are unique and matched
 * case-insensitively. Like Excel: tables.add(range, true) takes the first row
 * as headers (blank headers become "Column1", ..., repeats get a number) and
 * a range of only a header row gets one blank data row; a table never overlaps
 * another; writing below a table does not grow it (AutoExpansion is a user
 * setting) — use table.resize (ExcelApi 1.13) or rows.add. A total row
 * (TableModel.showTotals, set by a test or Table.showTotals) sits below the
 * body: writing below the table then hits it, resize and rows.add refuse to
 * guess (FakeUnmodelled); a header row turned off (showHeaders false) makes
 * getHeaderRowRange fail. A filtered table (TableModel.filtered) ignores
 * Range.delete over its rows until Table.clearFilters().
 *
 * Example:
 *   ws.getRange("A1:B1").values = [["Key", "N"]];
 *   const t = ws.tables.add(ws.getRange("A1:B1"), true);   // A1:B2, one blank data row
 *   t.name = "tblT";
 *   t.resize(ws.getRange("A1:B5"));                        // four data rows
 */
import type { FakeRequestContext } from "./context";
import { SKIP, enter, readValue } from "./entry";
import { officeError, unmodelled } from "./errors";
import type { Rect, SheetModel, WorkbookModel } from "./model";
import { TableModel, checkRect, parseAddress } from "./model";
import { FakeClientObject, jsonLength } from "./proxy";
import { FakeRange, assertWritable } from "./range";
import { FakeWorksheet } from "./worksheet";

const NAME_RULE = /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u;
const LOOKS_LIKE_CELL = /^([A-Za-z]{1,3}\d+|[RrCc]\d*|[Rr]\d+[Cc]\d+)$/;

export class FakeTable extends FakeClientObject<TableModel> {
  readonly worksheet: FakeWorksheet;
  readonly rows: FakeTableRowCollection;
  readonly columns: FakeTableColumnCollection;

  constructor(context: FakeRequestContext, resolver: () => TableModel | null, eager: boolean) {
    super(context, resolver, eager, "Table");
    this.worksheet = new FakeWorksheet(context, () => this.target().sheet, false);
    this.rows = new FakeTableRowCollection(context, () => this.target());
    this.columns = new FakeTableColumnCollection(context, () => this.target());
  }

  get name(): string {
    return this.loadedValue("name");
  }
  set name(name: string) {
    this.queue(
      "name",
      () => jsonLength(name),
      () => {
        const t = this.target();
        if (typeof name !== "string" || name.length > 255 || !NAME_RULE.test(name) || LOOKS_LIKE_CELL.test(name)) {
          throw officeError("InvalidArgument", `The table name "${String(name)}" is not valid.`);
        }
        const other = this.context.host.model.tableByName(name);
        if (other && other !== t) throw officeError("ItemAlreadyExists", `A table named "${name}" already exists.`);
        t.name = name;
      },
    );
  }

  /** Fails (InvalidOperation) when the header row is turned off: what Excel answers there is unverified, so the adapter must not rely on it. */
  getHeaderRowRange(): FakeRange {
    return new FakeRange(this.context, () => {
      const t = this.target();
      if (!t.showHeaders) throw officeError("InvalidOperation", `The header row of table ${t.name} is turned off.`);
      return { sheet: t.sheet, rect: t.headerRect() };
    });
  }

  get showHeaders(): boolean {
    return this.loadedValue("showHeaders");
  }

  /** Table.showTotals (1.3): turning the total row off clears its cells (kept for later); on needs the row below the body to be empty. */
  get showTotals(): boolean {
    return this.loadedValue("showTotals");
  }
  set showTotals(on: boolean) {
    this.queue(
      "showTotals",
      () => 5,
      () => {
        const t = this.target();
        assertWritable(t.sheet, false, "Table.showTotals");
        if (on === t.showTotals) return;
        const row = t.totalRect();
        if (!on) {
          t.savedTotals = Array.from({ length: t.cols }, (_, j) => t.sheet.value(row.row, row.col + j));
          t.sheet.clear(row, true, true);
          t.showTotals = false;
          return;
        }
        checkRect(row);
        if (
          t.sheet.usedRect(row, false) ||
          this.context.host.model.tablesOverlapping(t.sheet, row).some((o) => o !== t)
        ) {
          throw unmodelled("turning a total row on over cells that are not empty (Excel would ask to move them)");
        }
        const saved = t.savedTotals ?? ["Total"];
        saved.forEach((v, j) => t.sheet.setValue(row.row, row.col + j, v));
        t.showTotals = true;
      },
    );
  }
  getDataBodyRange(): FakeRange {
    return new FakeRange(this.context, () => ({ sheet: this.target().sheet, rect: this.target().bodyRect() }));
  }
  getRange(): FakeRange {
    return new FakeRange(this.context, () => ({ sheet: this.target().sheet, rect: this.target().rect() }));
  }

  /** ExcelApi 1.13. The fake supports changing the number of rows only (same top-left corner, same columns). */
  resize(newRange: FakeRange | string): void {
    this.queue(
      "resize",
      () => (typeof newRange === "string" ? newRange.length : 40),
      () => {
        const t = this.target();
        const rect = typeof newRange === "string" ? parseAddress(newRange) : newRange.targetOn(t.sheet);
        if (rect.row !== t.top || rect.col !== t.left || rect.cols !== t.cols)
          throw unmodelled("Table.resize to a range with another top-left corner or column count");
        if (t.showTotals) throw unmodelled("Table.resize of a table with a total row (turn the total row off first)");
        if (rect.rows < 2)
          throw officeError("InvalidArgument", "A table needs a header row and at least one data row.");
        assertWritable(t.sheet, false, "Table.resize");
        checkNoOverlap(this.context.host.model, t.sheet, rect, t);
        t.rows = rect.rows;
      },
    );
  }

  /** ExcelApi 1.2: clears the filters applied to the table (its hidden rows show again). */
  clearFilters(): void {
    this.queue(
      "clearFilters",
      () => 0,
      () => {
        const t = this.target();
        assertWritable(t.sheet, false, "Table.clearFilters");
        t.filtered = false;
      },
    );
  }

  /** Deletes the table and its cells' contents. */
  delete(): void {
    this.queue(
      "delete",
      () => 0,
      () => {
        const t = this.target();
        assertWritable(t.sheet, false, "Table.delete");
        t.sheet.clear(t.rect(), true, true);
        const model = this.context.host.model;
        model.tables.splice(model.tables.indexOf(t), 1);
      },
    );
  }

  protected scalarNames(): string[] {
    return ["name", "id", "showHeaders", "showTotals"];
  }
  protected readScalar(name: string): unknown {
    const t = this.target();
    if (name === "name") return t.name;
    if (name === "id") return `{table-${t.id}}`;
    if (name === "showHeaders") return t.showHeaders;
    if (name === "showTotals") return t.showTotals;
    return this.unknownProperty(name);
  }
  protected override navigate(name: string): FakeClientObject<unknown> | undefined {
    return name === "worksheet"
      ? this.worksheet
      : name === "rows"
        ? this.rows
        : name === "columns"
          ? this.columns
          : undefined;
  }
}

function checkNoOverlap(model: WorkbookModel, sheet: SheetModel, rect: Rect, self?: TableModel): void {
  if (model.tablesOverlapping(sheet, rect).some((o) => o !== self))
    throw officeError("InvalidOperation", "A table can't overlap another table.");
}

interface TableScope {
  readonly model: WorkbookModel;
  readonly sheet: SheetModel | undefined;
}

export class FakeTableCollection extends FakeClientObject<TableScope> {
  constructor(context: FakeRequestContext, sheet: (() => SheetModel) | undefined) {
    super(context, () => ({ model: context.host.model, sheet: sheet?.() }), false, "TableCollection");
  }

  get items(): FakeTable[] {
    return this.loadedValue("items");
  }
  get count(): number {
    return this.loadedValue("count");
  }

  getItem(key: string): FakeTable {
    return new FakeTable(
      this.context,
      () => {
        const t = this.find(key);
        if (!t) throw officeError("ItemNotFound", `The requested resource doesn't exist (table "${key}").`);
        return t;
      },
      true,
    );
  }

  getItemOrNullObject(key: string): FakeTable {
    return new FakeTable(this.context, () => this.find(key) ?? null, true);
  }

  /** Creates a table over `range` (a Range, or an address: "Sheet1!A1:C3" on workbook.tables). */
  add(range: FakeRange | string, hasHeaders: boolean): FakeTable {
    this.context.assertOpen();
    return new FakeTable(
      this.context,
      () => {
        this.context.noteChange();
        const { model, sheet: scoped } = this.target();
        const { sheet, rect } = typeof range === "string" ? this.parseTarget(range) : range.resolvedTarget();
        if (scoped && scoped !== sheet) throw officeError("InvalidArgument", "The range is not on this worksheet.");
        assertWritable(sheet, false, "TableCollection.add");
        if (!hasHeaders) throw unmodelled("tables.add without headers (Excel inserts a header row)");
        const full = checkRect({ ...rect, rows: Math.max(rect.rows, 2) });
        checkNoOverlap(model, sheet, full);
        const seen = new Set<string>();
        for (let j = 0; j < rect.cols; j++) {
          const v = sheet.value(rect.row, rect.col + j);
          const base = v === undefined || v === "" ? `Column${j + 1}` : String(readValue(v));
          let header = base;
          for (let n = 2; seen.has(header.toLowerCase()); n++) header = `${base}${n}`;
          seen.add(header.toLowerCase());
          sheet.setValue(rect.row, rect.col + j, header);
        }
        let n = 1;
        while (model.tableByName(`Table${n}`)) n++;
        const t = new TableModel(`Table${n}`, sheet, full.row, full.col, full.rows, full.cols, model.newTableId());
        model.tables.push(t);
        return t;
      },
      true,
    );
  }

  private find(key: string): TableModel | undefined {
    const { model, sheet } = this.target();
    const t = model.tableByName(key);
    return t && (!sheet || t.sheet === sheet) ? t : undefined;
  }

  private parseTarget(addr: string): { sheet: SheetModel; rect: Rect } {
    const { model, sheet } = this.target();
    const bang = addr.lastIndexOf("!");
    if (bang < 0) {
      if (!sheet) throw officeError("InvalidArgument", `The address "${addr}" needs a sheet name.`);
      return { sheet, rect: parseAddress(addr) };
    }
    const name = addr
      .slice(0, bang)
      .replace(/^'(.*)'$/, "$1")
      .replace(/''/g, "'");
    const s = model.sheetByName(name);
    if (!s) throw officeError("ItemNotFound", `The requested resource doesn't exist (worksheet "${name}").`);
    return { sheet: s, rect: parseAddress(addr) };
  }

  protected scalarNames(): string[] {
    return ["count"];
  }
  protected readScalar(name: string): unknown {
    return name === "count" ? this.list().length : this.unknownProperty(name);
  }
  protected override navigate(name: string): FakeClientObject<unknown>[] | undefined {
    return name === "items" ? this.list().map((t) => new FakeTable(this.context, () => t, false)) : undefined;
  }
  private list(): TableModel[] {
    const { model, sheet } = this.target();
    return sheet ? model.tablesOn(sheet) : [...model.tables];
  }
}

export class FakeTableRowCollection extends FakeClientObject<TableModel> {
  constructor(context: FakeRequestContext, resolver: () => TableModel) {
    super(context, resolver, false, "TableRowCollection");
  }

  get count(): number {
    return this.loadedValue("count");
  }

  /** Appends rows (index null/undefined only); ExcelApi 1.4 for several rows. Returns nothing in the fake. */
  add(index?: number | null, values?: unknown[][]): void {
    if (index !== null && index !== undefined) throw unmodelled("TableRowCollection.add at an index");
    this.queue(
      "add",
      () => jsonLength(values ?? null),
      () => {
        const t = this.target();
        if (t.showTotals) throw unmodelled("TableRowCollection.add on a table with a total row");
        const grid = values ?? [Array.from({ length: t.cols }, () => "")];
        if (!Array.isArray(grid) || grid.length === 0 || grid.some((r) => !Array.isArray(r) || r.length !== t.cols)) {
          throw officeError(
            "InvalidArgument",
            "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
          );
        }
        assertWritable(t.sheet, false, "TableRowCollection.add");
        const below = checkRect({ row: t.top + t.rows, col: t.left, rows: grid.length, cols: t.cols });
        checkNoOverlap(this.context.host.model, t.sheet, below, t);
        const entries = grid.map((row, i) =>
          row.map((x, j) => enter(x, t.sheet.format(below.row + i, below.col + j), this.context.host.model.date1904)),
        );
        entries.forEach((row, i) =>
          row.forEach((e, j) => e !== SKIP && t.sheet.setValue(below.row + i, below.col + j, e.value)),
        );
        t.rows += grid.length;
      },
    );
  }

  protected scalarNames(): string[] {
    return ["count"];
  }
  protected readScalar(name: string): unknown {
    return name === "count" ? this.target().rows - 1 : this.unknownProperty(name);
  }
}

export class FakeTableColumn extends FakeClientObject<{ table: TableModel; index: number }> {
  constructor(context: FakeRequestContext, resolver: () => { table: TableModel; index: number }) {
    super(context, resolver, false, "TableColumn");
  }
  get name(): string {
    return this.loadedValue("name");
  }
  get index(): number {
    return this.loadedValue("index");
  }
  protected scalarNames(): string[] {
    return ["name", "index"];
  }
  protected readScalar(name: string): unknown {
    const { table, index } = this.target();
    if (name === "name") return table.headers()[index];
    return name === "index" ? index : this.unknownProperty(name);
  }
}

export class FakeTableColumnCollection extends FakeClientObject<TableModel> {
  constructor(context: FakeRequestContext, resolver: () => TableModel) {
    super(context, resolver, false, "TableColumnCollection");
  }
  get count(): number {
    return this.loadedValue("count");
  }
  get items(): FakeTableColumn[] {
    return this.loadedValue("items");
  }
  protected scalarNames(): string[] {
    return ["count"];
  }
  protected readScalar(name: string): unknown {
    return name === "count" ? this.target().cols : this.unknownProperty(name);
  }
  protected override navigate(name: string): FakeClientObject<unknown>[] | undefined {
    if (name !== "items") return undefined;
    const t = this.target();
    return Array.from({ length: t.cols }, (_, index) => new FakeTableColumn(this.context, () => ({ table: t, index })));
  }
}
