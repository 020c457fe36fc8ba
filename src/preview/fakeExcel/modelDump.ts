/**
 * The fake host's workbook state as plain data that survives structuredClone / postMessage, and back: the preview
 * page restores a snapshot through the Excel adapter in a worker (src/preview/restoreWorker.ts), sends the model
 * over as a dump, and loads it into a fresh fake host on its own thread without the adapter or the proxies (#16:
 * the restore was one 0.6–0.9 s task on the page's main thread, which the pane shares).
 *
 * The dump keeps the model's own arrays (sheet rows as { v, f, b } with their holes); an error value (a class the
 * clone would flatten) travels beside them as [row, col, code] and is put back on load. Tables and a conditional
 * format's table are referred to by index.
 *
 * Example:
 *   const dump = dumpModel(fake.model);                    // in the worker, then postMessage(dump)
 *   const copy = fakeFromDump(structuredClone(dump));      // on the page: copy.model deep-equals fake.model
 */
import type { ConditionalFormatModel } from "./conditionalFormats";
import { FakeExcel } from "./context";
import {
  ErrorValue,
  SheetModel,
  TableModel,
  WorkbookModel,
  type Rect,
  type SheetVisibility,
  type Stored,
} from "./model";
import type { CellStyle, SheetPrint } from "./pageLayout";

type RowCells = NonNullable<SheetModel["rows"][number]>;
/** a cell value as cloned: an error value as { error } */
type DumpValue = Exclude<Stored, ErrorValue> | { readonly error: string } | undefined;

interface SheetDump {
  readonly name: string;
  readonly id: number;
  readonly rows: SheetModel["rows"];
  /** the error values taken out of `rows`: [row, col, code] */
  readonly errors: [number, number, string][];
  readonly visibility: SheetVisibility;
  readonly isProtected: boolean;
  readonly password: string;
  readonly allowFormatCells: boolean;
  readonly protectionOptions: Record<string, boolean>;
  readonly selection: Rect;
  readonly formulas: Map<string, string>;
  readonly print: SheetPrint;
  readonly cellStyles: Map<string, CellStyle>;
  readonly columnWidths: Map<number, number>;
  readonly conditionalFormats: (Omit<ConditionalFormatModel, "at"> & {
    readonly at: Rect | { readonly table: number; readonly col: number; readonly cols: number };
  })[];
}

interface TableDump {
  readonly name: string;
  readonly sheet: number;
  readonly top: number;
  readonly left: number;
  readonly rows: number;
  readonly cols: number;
  readonly id: number;
  readonly showTotals: boolean;
  readonly showHeaders: boolean;
  readonly filtered: boolean;
  readonly savedTotals: DumpValue[] | undefined;
}

export interface ModelDump {
  readonly sheets: SheetDump[];
  readonly tables: TableDump[];
  readonly structureProtected: boolean;
  readonly date1904: boolean;
  readonly nextId: number;
  /** index of the sheet activated, -1 when none was */
  readonly active: number;
}

/** WorkbookModel's private counters, copied as they are. */
interface WorkbookInternals {
  nextId: number;
  active: SheetModel | undefined;
}

const toDump = (v: Stored | undefined): DumpValue => (v instanceof ErrorValue ? { error: v.code } : v);
const fromDump = (v: DumpValue): Stored | undefined =>
  v !== null && typeof v === "object" ? new ErrorValue(v.error) : v;

/** Sheet rows with the error values taken out (copies only the rows that hold one). */
function rowsWithoutErrors(rows: SheetModel["rows"]): { rows: SheetModel["rows"]; errors: [number, number, string][] } {
  const errors: [number, number, string][] = [];
  const out = rows.slice();
  rows.forEach((row, r) => {
    let copy: RowCells | undefined;
    row?.v.forEach((v, c) => {
      if (!(v instanceof ErrorValue)) return;
      copy ??= { v: row.v.slice(), f: row.f, b: row.b };
      copy.v[c] = undefined; // put back on load
      errors.push([r, c, v.code]);
    });
    if (copy) out[r] = copy;
  });
  return { rows: out, errors };
}

export function dumpModel(model: WorkbookModel): ModelDump {
  const internals = model as unknown as WorkbookInternals;
  const tableIndex = new Map(model.tables.map((t, i) => [t, i]));
  return {
    sheets: model.sheets.map((s) => ({
      name: s.name,
      id: s.id,
      ...rowsWithoutErrors(s.rows),
      visibility: s.visibility,
      isProtected: s.isProtected,
      password: s.password,
      allowFormatCells: s.allowFormatCells,
      protectionOptions: s.protectionOptions,
      selection: s.selection,
      formulas: s.formulas,
      print: s.print,
      cellStyles: s.cellStyles,
      columnWidths: s.columnWidths,
      conditionalFormats: s.conditionalFormats.map((f) =>
        "table" in f.at ? { ...f, at: { ...f.at, table: tableIndex.get(f.at.table) ?? -1 } } : { ...f, at: f.at },
      ),
    })),
    tables: model.tables.map((t) => ({
      name: t.name,
      sheet: model.sheets.indexOf(t.sheet),
      top: t.top,
      left: t.left,
      rows: t.rows,
      cols: t.cols,
      id: t.id,
      showTotals: t.showTotals,
      showHeaders: t.showHeaders,
      filtered: t.filtered,
      savedTotals: t.savedTotals?.map(toDump),
    })),
    structureProtected: model.structureProtected,
    date1904: model.date1904,
    nextId: internals.nextId,
    active: internals.active ? model.sheets.indexOf(internals.active) : -1,
  };
}

/** Replaces `model`'s sheets, tables and settings with the dump's (the dump's arrays and maps are taken over). */
export function loadModel(model: WorkbookModel, dump: ModelDump): void {
  const sheets = dump.sheets.map((d) => {
    const s = new SheetModel(d.name, d.id);
    s.rows = d.rows;
    for (const [r, c, code] of d.errors) (s.rows[r] as RowCells).v[c] = new ErrorValue(code);
    s.visibility = d.visibility;
    s.isProtected = d.isProtected;
    s.password = d.password;
    s.allowFormatCells = d.allowFormatCells;
    s.protectionOptions = d.protectionOptions;
    s.selection = d.selection;
    for (const [k, v] of d.formulas) s.formulas.set(k, v);
    s.print = d.print;
    for (const [k, v] of d.cellStyles) s.cellStyles.set(k, v);
    for (const [k, v] of d.columnWidths) s.columnWidths.set(k, v);
    return s;
  });
  const tables = dump.tables.map((d) => {
    const t = new TableModel(d.name, sheets[d.sheet] as SheetModel, d.top, d.left, d.rows, d.cols, d.id);
    t.showTotals = d.showTotals;
    t.showHeaders = d.showHeaders;
    t.filtered = d.filtered;
    t.savedTotals = d.savedTotals?.map(fromDump);
    return t;
  });
  dump.sheets.forEach((d, i) => {
    const s = sheets[i] as SheetModel;
    for (const f of d.conditionalFormats)
      s.conditionalFormats.push(
        "table" in f.at ? { ...f, at: { ...f.at, table: tables[f.at.table] as TableModel } } : { ...f, at: f.at },
      );
  });
  model.sheets.splice(0, model.sheets.length, ...sheets);
  model.tables.splice(0, model.tables.length, ...tables);
  model.structureProtected = dump.structureProtected;
  model.date1904 = dump.date1904;
  const internals = model as unknown as WorkbookInternals;
  internals.nextId = dump.nextId;
  internals.active = dump.active >= 0 ? sheets[dump.active] : undefined;
}

/** A fresh fake Excel host holding the dumped workbook (its stats empty). */
export function fakeFromDump(dump: ModelDump): FakeExcel {
  const fake = new FakeExcel({ date1904: dump.date1904 });
  loadModel(fake.model, dump);
  return fake;
}
