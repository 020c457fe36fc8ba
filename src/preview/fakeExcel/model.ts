/**
 * The fake host's workbook state: sheets with sparse cells (value, number
 * format, bold), tables over rectangles, sheet protection, the active sheet
 * and each sheet's selection (what the preview grid highlights). No proxies here;
 * the proxy objects in range.ts / worksheet.ts / table.ts read and change this
 * model only while a batch runs at `context.sync()`.
 *
 * Example:
 *   const wb = new WorkbookModel(["Sheet1"]);
 *   const s = wb.sheetByName("sheet1")!;          // names match case-insensitively
 *   s.setValue(0, 0, 42); s.setFormat(0, 0, "0.00");
 *   address(s, { row: 0, col: 0, rows: 2, cols: 3 })   // "Sheet1!A1:C2"
 */
import { officeError } from "./errors";
import type { ConditionalFormatModel } from "./conditionalFormats";
import type { CellStyle, SheetPrint } from "./pageLayout";
import { textOf } from "../../core/text/textOf";

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;
export const MAX_TEXT = 32_767;
export const GENERAL = "General";

/** An error value held by a cell (#N/A, #DIV/0!, ...). */
export class ErrorValue {
  constructor(readonly code: string) {}
}

export type Stored = number | string | boolean | ErrorValue;

/** 0-based, in cells. */
export interface Rect {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

interface RowCells {
  v: (Stored | undefined)[];
  f: (string | undefined)[];
  b: (true | undefined)[];
}

export const WHOLE_SHEET: Rect = { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLS };

export type SheetVisibility = "Visible" | "Hidden" | "VeryHidden";

export class SheetModel {
  rows: (RowCells | undefined)[] = [];
  /** Worksheet.visibility: a hidden sheet cannot be activated (InvalidOperation) */
  visibility: SheetVisibility = "Visible";
  isProtected = false;
  password = "";
  allowFormatCells = false;
  /** WorksheetProtection.options as the protection was set (allowSort, allowAutoFilter, ...; false ones omitted) */
  protectionOptions: Record<string, boolean> = {};
  /** the sheet's selected range (Excel keeps one per sheet; A1 at first) */
  selection: Rect = { row: 0, col: 0, rows: 1, cols: 1 };
  /**
   * Formula text by "row,col" (Range.formulas). The fake has no calculation engine: a formula
   * cell shows the value written before its formula (the writer's cached result). A value
   * written over it removes the formula; deleting rows does not move formulas (not modelled).
   */
  readonly formulas = new Map<string, string>();
  /** print setup, cell alignment and borders, column widths in points (pageLayout.ts); cleared with the formats */
  print: SheetPrint = {};
  readonly cellStyles = new Map<string, CellStyle>();
  readonly columnWidths = new Map<number, number>();
  /** Range.conditionalFormats as added, highest priority first (conditionalFormats.ts) */
  readonly conditionalFormats: ConditionalFormatModel[] = [];

  constructor(
    public name: string,
    readonly id: number,
  ) {}

  value(r: number, c: number): Stored | undefined {
    return this.rows[r]?.v[c];
  }

  format(r: number, c: number): string {
    return this.rows[r]?.f[c] ?? GENERAL;
  }

  bold(r: number, c: number): boolean {
    return this.rows[r]?.b[c] === true;
  }

  formula(r: number, c: number): string | undefined {
    return this.formulas.size ? this.formulas.get(`${r},${c}`) : undefined;
  }

  setFormula(r: number, c: number, f: string): void {
    this.formulas.set(`${r},${c}`, f);
  }

  setValue(r: number, c: number, v: Stored | undefined): void {
    if (this.formulas.size) this.formulas.delete(`${r},${c}`);
    if (v === undefined) {
      const row = this.rows[r];
      if (row) row.v[c] = undefined;
    } else this.row(r).v[c] = v;
  }

  setFormat(r: number, c: number, f: string | undefined): void {
    const keep = f === undefined || f === "" || f === GENERAL ? undefined : f;
    if (keep === undefined && !this.rows[r]) return;
    this.row(r).f[c] = keep;
  }

  setBold(r: number, c: number, b: boolean): void {
    if (!b && !this.rows[r]) return;
    this.row(r).b[c] = b ? true : undefined;
  }

  /** Clears values and/or formats (number format and bold) of `rect`. */
  clear(rect: Rect, values: boolean, formats: boolean): void {
    if (formats && this.cellStyles.size)
      for (const k of [...this.cellStyles.keys()]) {
        const [r, c] = k.split(",").map(Number) as [number, number];
        if (r >= rect.row && r < rect.row + rect.rows && c >= rect.col && c < rect.col + rect.cols)
          this.cellStyles.delete(k);
      }
    if (values && this.formulas.size)
      for (const k of [...this.formulas.keys()]) {
        const [r, c] = k.split(",").map(Number) as [number, number];
        if (r >= rect.row && r < rect.row + rect.rows && c >= rect.col && c < rect.col + rect.cols)
          this.formulas.delete(k);
      }
    if (rect.row === 0 && rect.col === 0 && rect.rows === MAX_ROWS && rect.cols === MAX_COLS && values && formats) {
      this.rows = [];
      return;
    }
    const end = Math.min(rect.row + rect.rows, this.rows.length);
    for (let r = rect.row; r < end; r++) {
      const row = this.rows[r];
      if (!row) continue;
      const last = Math.min(rect.col + rect.cols, Math.max(row.v.length, row.f.length, row.b.length));
      for (let c = rect.col; c < last; c++) {
        if (values) row.v[c] = undefined;
        if (formats) {
          row.f[c] = undefined;
          row.b[c] = undefined;
        }
      }
    }
  }

  /** Deletes the cells of `rect`, shifting the cells below it (same columns) up. */
  deleteUp(rect: Rect): void {
    if (rect.col === 0 && rect.cols === MAX_COLS) {
      this.rows.splice(rect.row, rect.rows);
      return;
    }
    const colEnd = rect.col + rect.cols;
    const last = this.rows.length;
    for (let r = rect.row; r < last; r++) {
      const src = this.rows[r + rect.rows];
      const dst = this.rows[r];
      const width = Math.min(colEnd, Math.max(src ? rowWidth(src) : 0, dst ? rowWidth(dst) : 0));
      if (width <= rect.col) continue;
      const row = dst ?? this.row(r);
      for (let c = rect.col; c < width; c++) {
        row.v[c] = src?.v[c];
        row.f[c] = src?.f[c];
        row.b[c] = src?.b[c];
      }
    }
  }

  /** The smallest rectangle inside `within` holding every non-empty cell (and formatted cell unless valuesOnly); null when none. */
  usedRect(within: Rect, valuesOnly: boolean): Rect | null {
    let top = -1;
    let bottom = -1;
    let left = Number.MAX_SAFE_INTEGER;
    let right = -1;
    const end = Math.min(within.row + within.rows, this.rows.length);
    for (let r = within.row; r < end; r++) {
      const row = this.rows[r];
      if (!row) continue;
      const width = Math.min(
        within.col + within.cols,
        Math.max(row.v.length, valuesOnly ? 0 : Math.max(row.f.length, row.b.length)),
      );
      for (let c = within.col; c < width; c++) {
        if (row.v[c] === undefined && (valuesOnly || (row.f[c] === undefined && row.b[c] === undefined))) continue;
        if (top < 0) top = r;
        bottom = r;
        left = Math.min(left, c);
        right = Math.max(right, c);
      }
    }
    return top < 0 ? null : { row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 };
  }

  private row(r: number): RowCells {
    let row = this.rows[r];
    if (!row) {
      row = { v: [], f: [], b: [] };
      this.rows[r] = row;
    }
    return row;
  }
}

function rowWidth(row: RowCells): number {
  return Math.max(row.v.length, row.f.length, row.b.length);
}

export class TableModel {
  /** a total row below the data body (Table Design › Total Row): one more sheet row in rect() */
  showTotals = false;
  /** false: the header row is turned off; getHeaderRowRange fails (see table.ts) */
  showHeaders = true;
  /** an AutoFilter with criteria is applied (some rows hidden): Range.delete over its rows silently does nothing, as Excel has (office-js #994, #468) */
  filtered = false;
  /** the total row's cells while it is off (Excel brings them back when it is turned on again) */
  savedTotals: (Stored | undefined)[] | undefined;

  constructor(
    public name: string,
    readonly sheet: SheetModel,
    public top: number,
    readonly left: number,
    /** rows including the header row */
    public rows: number,
    readonly cols: number,
    readonly id: number,
  ) {}

  /** header, data body and (when on) the total row */
  rect(): Rect {
    return { row: this.top, col: this.left, rows: this.rows + (this.showTotals ? 1 : 0), cols: this.cols };
  }
  /** the total row (below the data body); meaningful when showTotals */
  totalRect(): Rect {
    return { row: this.top + this.rows, col: this.left, rows: 1, cols: this.cols };
  }
  headerRect(): Rect {
    return { row: this.top, col: this.left, rows: 1, cols: this.cols };
  }
  bodyRect(): Rect {
    return { row: this.top + 1, col: this.left, rows: this.rows - 1, cols: this.cols };
  }
  headers(): string[] {
    return Array.from({ length: this.cols }, (_, j) => textOf(this.sheet.value(this.top, this.left + j)));
  }
}

export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  /** Review › Protect Workbook (structure): sheets cannot be added, deleted, renamed, hidden through the API (AccessDenied) */
  structureProtected = false;
  /** File › Options › "Use 1904 date system": date serials count from 1904-01-01 (serial 0), not 1899-12-30 */
  date1904 = false;
  readonly tables: TableModel[] = [];
  private nextId = 1;
  private active: SheetModel | undefined;

  constructor(sheetNames: readonly string[] = ["Sheet1"]) {
    for (const n of sheetNames) this.addSheet(n);
  }

  /** The sheet shown in Excel's window (the first sheet until one is activated). */
  activeSheet(): SheetModel | undefined {
    return this.active && this.sheets.includes(this.active) ? this.active : this.sheets[0];
  }

  activate(sheet: SheetModel): void {
    this.active = sheet;
  }

  sheetByName(name: string): SheetModel | undefined {
    const k = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === k);
  }

  tableByName(name: string): TableModel | undefined {
    const k = name.toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === k);
  }

  tablesOn(sheet: SheetModel): TableModel[] {
    return this.tables.filter((t) => t.sheet === sheet);
  }

  tablesOverlapping(sheet: SheetModel, rect: Rect): TableModel[] {
    return this.tablesOn(sheet).filter((t) => overlaps(t.rect(), rect));
  }

  addSheet(name: string): SheetModel {
    if (
      name.length === 0 ||
      name.length > 31 ||
      /[[\]:*?/\\]/.test(name) ||
      name.startsWith("'") ||
      name.endsWith("'")
    ) {
      throw officeError("InvalidArgument", `The sheet name "${name}" is not valid.`);
    }
    if (this.sheetByName(name)) throw officeError("ItemAlreadyExists", `A sheet named "${name}" already exists.`);
    const s = new SheetModel(name, this.nextId++);
    this.sheets.push(s);
    return s;
  }

  removeSheet(sheet: SheetModel): void {
    if (this.sheets.length === 1)
      throw officeError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    if (this.active === sheet) this.active = undefined;
    for (const t of this.tablesOn(sheet)) this.tables.splice(this.tables.indexOf(t), 1);
  }

  newTableId(): number {
    return this.nextId++;
  }
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const row = Math.max(a.row, b.row);
  const col = Math.max(a.col, b.col);
  const rows = Math.min(a.row + a.rows, b.row + b.rows) - row;
  const cols = Math.min(a.col + a.cols, b.col + b.cols) - col;
  return rows > 0 && cols > 0 ? { row, col, rows, cols } : null;
}

export function checkRect(rect: Rect): Rect {
  const ok =
    [rect.row, rect.col, rect.rows, rect.cols].every(Number.isInteger) &&
    rect.row >= 0 &&
    rect.col >= 0 &&
    rect.rows >= 1 &&
    rect.cols >= 1;
  if (!ok || rect.row + rect.rows > MAX_ROWS || rect.col + rect.cols > MAX_COLS) {
    throw officeError(
      "InvalidArgument",
      `The argument is invalid or missing or has an incorrect format (range ${JSON.stringify(rect)}).`,
    );
  }
  return rect;
}

export function columnLetters(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function address(sheet: SheetModel, rect: Rect): string {
  const name = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet.name) ? sheet.name : `'${sheet.name.replace(/'/g, "''")}'`;
  const a = `${columnLetters(rect.col)}${rect.row + 1}`;
  const b = `${columnLetters(rect.col + rect.cols - 1)}${rect.row + rect.rows}`;
  return `${name}!${a === b ? a : `${a}:${b}`}`;
}

/** "B2", "A1:C10" (optionally "Sheet!A1:C10", the sheet part ignored) → Rect. */
export function parseAddress(text: string): Rect {
  const bare = text.includes("!") ? text.slice(text.lastIndexOf("!") + 1) : text;
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(bare.trim());
  if (!m)
    throw officeError("InvalidArgument", `The address "${text}" is not valid (the fake accepts A1 and A1:B2 forms).`);
  const col = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const r1 = Number(m[2]) - 1;
  const c1 = col(m[1] as string);
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  const c2 = m[3] ? col(m[3]) : c1;
  return checkRect({
    row: Math.min(r1, r2),
    col: Math.min(c1, c2),
    rows: Math.abs(r2 - r1) + 1,
    cols: Math.abs(c2 - c1) + 1,
  });
}
