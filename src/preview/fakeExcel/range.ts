/**
 * Range, RangeFormat and RangeFont of the fake. A range is a fixed rectangle
 * on a sheet once resolved. Loadable: values, numberFormat, valueTypes,
 * address, rowIndex, columnIndex, rowCount, columnCount. Writes (values,
 * numberFormat, clear, delete, format.font.bold) are queued; at sync they need
 * a 2D array of exactly the range's size, and a protected sheet refuses them
 * with AccessDenied (number formats and bold pass when the sheet was protected
 * with allowFormatCells).
 *
 * select() records the selection on its sheet (which must be active).
 *
 * delete("Up") on rows of a table must span the table's full width and keep at
 * least one data row; the table shrinks and the cells below move up.
 *
 * Example:
 *   const body = table.getDataBodyRange();
 *   body.getRowsBelow(2).values = [["a", 1], ["b", 2]];  // cells below the table (the table does not grow)
 *   body.load("values, numberFormat, rowCount"); await ctx.sync();
 */
import { FakeConditionalFormatCollection } from "./conditionalFormats";
import type { FakeRequestContext } from "./context";
import type { Entry } from "./entry";
import { SKIP, enter, readType, readValue } from "./entry";
import { accessDenied, officeError, unmodelled } from "./errors";
import type { Rect, SheetModel } from "./model";
import { address, checkRect, intersect, overlaps, parseAddress } from "./model";
import { FakeRangeBorder, forCells } from "./pageLayout";
import { FakeClientObject, jsonLength } from "./proxy";

export interface RangeTarget {
  readonly sheet: SheetModel;
  readonly rect: Rect;
}

const RANGE_SCALARS = [
  "address",
  "rowIndex",
  "columnIndex",
  "rowCount",
  "columnCount",
  "values",
  "numberFormat",
  "formulas",
  "valueTypes",
];
const MAX_READ_CELLS = 5_000_000;

/** AccessDenied when `sheet` is protected (format-only writes pass with allowFormatCells). */
export function assertWritable(sheet: SheetModel, formatOnly: boolean, where: string): void {
  if (sheet.isProtected && !(formatOnly && sheet.allowFormatCells))
    throw accessDenied(`${where} on protected sheet "${sheet.name}"`);
}

export class FakeRange extends FakeClientObject<RangeTarget> {
  readonly format: FakeRangeFormat;

  constructor(context: FakeRequestContext, resolver: () => RangeTarget | null) {
    super(context, resolver, true, "Range");
    this.format = new FakeRangeFormat(context, () => this.target());
  }

  /** ExcelApi 1.6 (conditionalFormats.ts) */
  get conditionalFormats(): FakeConditionalFormatCollection {
    return new FakeConditionalFormatCollection(this.context, () => this.target());
  }

  get values(): unknown[][] {
    return this.loadedValue("values");
  }
  set values(grid: unknown[][]) {
    this.queue(
      "values",
      () => jsonLength(grid),
      () => this.writeValues(grid),
    );
  }
  get numberFormat(): unknown[][] {
    return this.loadedValue("numberFormat");
  }
  set numberFormat(grid: unknown[][]) {
    this.queue(
      "numberFormat",
      () => jsonLength(grid),
      () => this.writeFormats(grid),
    );
  }
  /** Formula text ("=SUM(B6:B7)") in formula cells, the value elsewhere; setting needs "=" text in every cell. */
  get formulas(): unknown[][] {
    return this.loadedValue("formulas");
  }
  set formulas(grid: unknown[][]) {
    this.queue(
      "formulas",
      () => jsonLength(grid),
      () => this.writeFormulas(grid),
    );
  }
  get valueTypes(): string[][] {
    return this.loadedValue("valueTypes");
  }
  get address(): string {
    return this.loadedValue("address");
  }
  get rowIndex(): number {
    return this.loadedValue("rowIndex");
  }
  get columnIndex(): number {
    return this.loadedValue("columnIndex");
  }
  get rowCount(): number {
    return this.loadedValue("rowCount");
  }
  get columnCount(): number {
    return this.loadedValue("columnCount");
  }

  // ---------------------------------------------------------------- derived ranges

  getRowsBelow(count = 1): FakeRange {
    return this.derive((r) => ({ row: r.row + r.rows, col: r.col, rows: count, cols: r.cols }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derive((r) => ({ row: r.row, col: r.col, rows: r.rows + deltaRows, cols: r.cols + deltaColumns }));
  }
  getCell(row: number, column: number): FakeRange {
    return this.derive((r) => ({ row: r.row + row, col: r.col + column, rows: 1, cols: 1 }));
  }
  getRow(row: number): FakeRange {
    return this.derive((r) => ({ row: r.row + row, col: r.col, rows: 1, cols: r.cols }));
  }
  getIntersection(other: FakeRange | string): FakeRange {
    return new FakeRange(this.context, () => {
      const t = this.target();
      const o = typeof other === "string" ? parseAddress(other) : other.targetOn(t.sheet);
      const rect = intersect(t.rect, o);
      if (!rect) throw officeError("ItemNotFound", "The ranges do not intersect.");
      return { sheet: t.sheet, rect };
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(this.context, () => {
      const t = this.target();
      const rect = t.sheet.usedRect(t.rect, valuesOnly);
      return rect ? { sheet: t.sheet, rect } : null;
    });
  }

  // ---------------------------------------------------------------- changes

  /**
   * Selects the range in the window (ExcelApi 1.1). The fake needs its sheet to
   * be the active one (activate() it first): what Excel does for a range on
   * another sheet differs by platform and is not modelled.
   */
  select(): void {
    this.queue(
      "select",
      () => 0,
      () => {
        const t = this.target();
        if (this.context.host.model.activeSheet() !== t.sheet)
          throw unmodelled(
            `Range.select on sheet "${t.sheet.name}", which is not the active sheet (activate it first)`,
          );
        t.sheet.selection = t.rect;
      },
    );
  }

  clear(applyTo: "All" | "Formats" | "Contents" = "All"): void {
    if (!["All", "Formats", "Contents"].includes(applyTo)) throw unmodelled(`Range.clear("${applyTo}")`);
    this.queue(
      "clear",
      () => applyTo.length,
      () => {
        const t = this.target();
        assertWritable(t.sheet, applyTo === "Formats", "Range.clear");
        t.sheet.clear(t.rect, applyTo !== "Formats", applyTo !== "Contents");
      },
    );
  }

  delete(shift: "Up" | "Left"): void {
    if (shift !== "Up") throw unmodelled(`Range.delete("${shift}")`);
    this.queue(
      "delete",
      () => 4,
      () => {
        const t = this.target();
        assertWritable(t.sheet, false, "Range.delete");
        deleteUp(this.context, t);
      },
    );
  }

  // ---------------------------------------------------------------- internals

  /** The rectangle of this range, which must be on `sheet` (runs in the batch). */
  targetOn(sheet: SheetModel): Rect {
    const t = this.target();
    if (t.sheet !== sheet) throw officeError("InvalidArgument", "The ranges are on different worksheets.");
    return t.rect;
  }

  /** The resolved target (runs in the batch). */
  resolvedTarget(): RangeTarget {
    return this.target();
  }

  private derive(rect: (r: Rect) => Rect): FakeRange {
    return new FakeRange(this.context, () => {
      const t = this.target();
      return { sheet: t.sheet, rect: checkRect(rect(t.rect)) };
    });
  }

  private checkGrid(grid: unknown, what: string): unknown[][] {
    const { rect } = this.target();
    const ok =
      Array.isArray(grid) &&
      grid.length === rect.rows &&
      grid.every((row) => Array.isArray(row) && row.length === rect.cols);
    if (!ok) {
      if (!Array.isArray(grid)) throw unmodelled(`setting Range.${what} to a single value`);
      throw officeError(
        "InvalidArgument",
        `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}).`,
      );
    }
    return grid as unknown[][];
  }

  private writeValues(input: unknown[][]): void {
    const { sheet, rect } = this.target();
    const grid = this.checkGrid(input, "values");
    assertWritable(sheet, false, "Range.values");
    // validate everything first: a refused request changes no cell
    const entries: (Entry | typeof SKIP)[][] = grid.map((row, i) =>
      row.map((x, j) => enter(x, sheet.format(rect.row + i, rect.col + j), this.context.host.model.date1904)),
    );
    entries.forEach((row, i) =>
      row.forEach((e, j) => {
        if (e === SKIP) return;
        sheet.setValue(rect.row + i, rect.col + j, e.value);
        if (e.format) sheet.setFormat(rect.row + i, rect.col + j, e.format);
      }),
    );
  }

  private writeFormulas(input: unknown[][]): void {
    const { sheet, rect } = this.target();
    const grid = this.checkGrid(input, "formulas");
    assertWritable(sheet, false, "Range.formulas");
    for (const row of grid)
      for (const f of row)
        if (typeof f !== "string" || !f.startsWith("="))
          throw unmodelled(`setting Range.formulas to a constant (${JSON.stringify(f)}); write values instead`);
    grid.forEach((row, i) => row.forEach((f, j) => sheet.setFormula(rect.row + i, rect.col + j, f as string)));
  }

  private writeFormats(input: unknown[][]): void {
    const { sheet, rect } = this.target();
    const grid = this.checkGrid(input, "numberFormat");
    assertWritable(sheet, true, "Range.numberFormat");
    for (const row of grid)
      for (const f of row)
        if (f !== null && f !== undefined && typeof f !== "string")
          throw officeError("InvalidArgument", `Not a number format: ${JSON.stringify(f)}`);
    grid.forEach((row, i) =>
      row.forEach((f, j) => {
        if (typeof f === "string") sheet.setFormat(rect.row + i, rect.col + j, f);
      }),
    );
  }

  protected scalarNames(): string[] {
    return RANGE_SCALARS;
  }

  protected readScalar(name: string): unknown {
    const { sheet, rect } = this.target();
    const grid = <V>(cell: (r: number, c: number) => V): V[][] => {
      if (rect.rows * rect.cols > MAX_READ_CELLS)
        throw unmodelled(`reading ${name} of ${rect.rows * rect.cols} cells (Excel may return null over 5,000,000)`);
      return Array.from({ length: rect.rows }, (_, i) =>
        Array.from({ length: rect.cols }, (_, j) => cell(rect.row + i, rect.col + j)),
      );
    };
    switch (name) {
      case "address":
        return address(sheet, rect);
      case "rowIndex":
        return rect.row;
      case "columnIndex":
        return rect.col;
      case "rowCount":
        return rect.rows;
      case "columnCount":
        return rect.cols;
      case "values":
        return grid((r, c) => readValue(sheet.value(r, c)));
      case "numberFormat":
        return grid((r, c) => sheet.format(r, c));
      case "formulas":
        return grid((r, c) => sheet.formula(r, c) ?? readValue(sheet.value(r, c)));
      case "valueTypes":
        return grid((r, c) => readType(sheet.value(r, c)));
      default:
        return this.unknownProperty(name);
    }
  }
}

/** Range.delete("Up") with Excel's table rules. */
function deleteUp(context: FakeRequestContext, t: RangeTarget): void {
  const { sheet, rect } = t;
  const model = context.host.model;
  const end = rect.row + rect.rows;
  // a filtered table: Excel has been seen to ignore the delete (office-js #994, #468); the fake does nothing
  if (model.tablesOn(sheet).some((table) => table.filtered && overlaps(table.bodyRect(), rect))) return;
  for (const table of model.tablesOn(sheet)) {
    const tr = table.rect();
    const sharesColumns = tr.col < rect.col + rect.cols && rect.col < tr.col + tr.cols;
    if (!sharesColumns || tr.row + tr.rows <= rect.row) continue; // beside or above: untouched
    const spans = rect.col <= tr.col && rect.col + rect.cols >= tr.col + tr.cols;
    if (!spans)
      throw officeError(
        "InvalidOperation",
        "This operation is not allowed. The operation is attempting to shift cells in a table on your worksheet.",
      );
    if (tr.row >= end) continue; // below: moves up whole (handled by the shift)
    if (rect.row <= tr.row) throw unmodelled("deleting the header row of a table");
    if (table.showTotals && end > table.top + table.rows) throw unmodelled("deleting the total row of a table");
    const removed = Math.min(end, tr.row + tr.rows) - rect.row;
    if (table.rows - 1 - removed < 1) throw unmodelled("deleting every data row of a table (Excel keeps one)");
  }
  for (const table of model.tablesOn(sheet)) {
    const tr = table.rect();
    if (tr.col + tr.cols <= rect.col || rect.col + rect.cols <= tr.col || tr.row + tr.rows <= rect.row) continue;
    if (tr.row >= end) table.top -= rect.rows;
    else table.rows -= Math.min(end, tr.row + tr.rows) - rect.row;
  }
  sheet.deleteUp(rect);
}

export class FakeRangeFormat extends FakeClientObject<RangeTarget> {
  readonly font: FakeRangeFont;
  readonly borders: { getItem(edge: string): FakeRangeBorder };

  constructor(context: FakeRequestContext, resolver: () => RangeTarget) {
    super(context, resolver, false, "RangeFormat");
    this.font = new FakeRangeFont(context, () => this.target());
    this.borders = { getItem: (edge) => new FakeRangeBorder(context, () => this.target(), edge) };
  }

  /** ExcelApi 1.1: "Left" | "Right" | "Center" | "General" … for every cell */
  set horizontalAlignment(v: string) {
    this.queue(
      "horizontalAlignment",
      () => v.length + 2,
      () => {
        const t = this.target();
        assertWritable(t.sheet, true, "RangeFormat.horizontalAlignment");
        forCells(t, (st) => (st.align = v));
      },
    );
  }

  /** ExcelApi 1.2: the width of every column of the range, in points */
  set columnWidth(points: number) {
    this.queue(
      "columnWidth",
      () => 8,
      () => {
        const { sheet, rect } = this.target();
        assertWritable(sheet, true, "RangeFormat.columnWidth");
        if (!(points >= 0)) throw officeError("InvalidArgument", `Not a column width: ${points}`);
        for (let j = 0; j < rect.cols; j++) sheet.columnWidths.set(rect.col + j, points);
      },
    );
  }

  /** Fits column widths to the contents (the fake keeps no widths). */
  autofitColumns(): void {
    this.queue(
      "autofitColumns",
      () => 0,
      () => assertWritable(this.target().sheet, true, "RangeFormat.autofitColumns"),
    );
  }

  protected scalarNames(): string[] {
    return [];
  }
  protected readScalar(name: string): unknown {
    return this.unknownProperty(name);
  }
  protected override navigate(name: string): FakeClientObject<unknown> | undefined {
    return name === "font" ? this.font : undefined;
  }
}

export class FakeRangeFont extends FakeClientObject<RangeTarget> {
  constructor(context: FakeRequestContext, resolver: () => RangeTarget) {
    super(context, resolver, false, "RangeFont");
  }

  /** true / false when every cell agrees, null otherwise (as Excel). */
  get bold(): boolean | null {
    return this.loadedValue("bold");
  }
  set bold(b: boolean | null) {
    this.queue(
      "bold",
      () => 5,
      () => {
        const { sheet, rect } = this.target();
        assertWritable(sheet, true, "RangeFont.bold");
        for (let i = 0; i < rect.rows; i++)
          for (let j = 0; j < rect.cols; j++) sheet.setBold(rect.row + i, rect.col + j, b === true);
      },
    );
  }

  protected scalarNames(): string[] {
    return ["bold"];
  }
  protected readScalar(name: string): unknown {
    if (name !== "bold") return this.unknownProperty(name);
    const { sheet, rect } = this.target();
    const first = sheet.bold(rect.row, rect.col);
    for (let i = 0; i < rect.rows; i++)
      for (let j = 0; j < rect.cols; j++) if (sheet.bold(rect.row + i, rect.col + j) !== first) return null;
    return first;
  }
}
