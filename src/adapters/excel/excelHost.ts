/**
 * The part of the Excel JavaScript API this adapter uses, as structural types.
 * Excel.RequestContext satisfies them (checked below at compile time), and so
 * does the test fake (src/preview/fakeExcel), so the adapter is written
 * against these and never against the `Excel` global (type-only use; nothing
 * here exists at run time).
 *
 * Requirement sets (manifest: ExcelApi 1.14): getRangeByIndexes 1.7,
 * suspendApiCalculationUntilNextSync 1.6, suspendScreenUpdatingUntilNextSync
 * 1.9, Table.resize 1.13, getItemOrNullObject / getUsedRangeOrNullObject 1.4,
 * WorksheetProtection.protect(options, password) / unprotect(password) 1.7,
 * Worksheet.activate, Range.select, getSelectedRange and getActiveWorksheet 1.1, Range.conditionalFormats 1.6,
 * Workbook.functions 1.2 (optional
 * here: dateSystem.ts assumes the 1900 system without it).
 *
 * Example (task pane composition root):
 *   const run: RunBatch = (batch) => Excel.run({ delayForCellEdit: true }, batch);
 *   const port = new ExcelWorkbook(run);
 */

/** Runs a batch in a fresh request context, like Excel.run. */
export type RunBatch = <T>(batch: (context: XlContext) => Promise<T>) => Promise<T>;

interface XlObject<Self> {
  load(propertyNames?: string | string[]): Self;
  readonly isNullObject: boolean;
}

export interface XlContext {
  readonly workbook: XlWorkbook;
  readonly application: XlApplication;
  sync(): Promise<unknown>;
}

export interface XlApplication {
  suspendApiCalculationUntilNextSync(): void;
  suspendScreenUpdatingUntilNextSync(): void;
}

export interface XlWorkbookProtection extends XlObject<XlWorkbookProtection> {
  /** ExcelApi 1.7: the workbook's structure is protected (no sheets added, deleted, renamed) */
  readonly protected: boolean;
}

/** ExcelApi 1.2: a worksheet function's result, evaluated without a cell */
export interface XlFunctionResult<T> extends XlObject<XlFunctionResult<T>> {
  readonly value: T;
  /** set (e.g. "#NUM!") when the evaluation failed; `value` is then not set */
  readonly error: string;
}

export interface XlFunctions {
  /** DATE(year, month, day): the date's serial in the workbook's date system */
  date(year: number, month: number, day: number): XlFunctionResult<number>;
}

export interface XlWorkbook {
  readonly protection: XlWorkbookProtection;
  /** ExcelApi 1.2 (Excel.Functions) */
  readonly functions?: XlFunctions;
  readonly worksheets: XlWorksheetCollection;
  readonly tables: XlTableCollection;
  /** ExcelApi 1.1: the selected range of the active sheet (fails when the selection is not cells, e.g. a chart) */
  getSelectedRange(): XlRange;
}

export interface XlWorksheetCollection extends XlObject<XlWorksheetCollection> {
  readonly items: XlWorksheet[];
  getItem(key: string): XlWorksheet;
  getItemOrNullObject(key: string): XlWorksheet;
  add(name?: string): XlWorksheet;
  /** ExcelApi 1.1: the sheet shown in the window */
  getActiveWorksheet(): XlWorksheet;
}

export interface XlWorksheet extends XlObject<XlWorksheet> {
  readonly name: string;
  /** "Visible" | "Hidden" | "VeryHidden" (ExcelApi 1.1) */
  readonly visibility: string;
  readonly protection: XlWorksheetProtection;
  readonly tables: XlTableCollection;
  getRange(address?: string): XlRange;
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): XlRange;
  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange;
  /** ExcelApi 1.1: shows the sheet */
  activate(): void;
  /** ExcelApi 1.7 */
  readonly freezePanes: { freezeRows(count?: number): void };
  /** ExcelApi 1.9: print setup */
  readonly pageLayout: XlPageLayout;
}

export interface XlPageLayout {
  orientation: string;
  zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  setPrintTitleRows(address: string): void;
  readonly headersFooters: {
    readonly defaultForAllPages: { leftHeader: string; leftFooter: string; centerFooter: string; rightFooter: string };
  };
}

export interface XlWorksheetProtection extends XlObject<XlWorksheetProtection> {
  readonly protected: boolean;
  /** ExcelApi 1.2: the allow* options the protection was set with */
  readonly options: object;
  protect(options?: object, password?: string): void;
  unprotect(password?: string): void;
}

export interface XlTableCollection extends XlObject<XlTableCollection> {
  readonly items: XlTable[];
  getItemOrNullObject(key: string): XlTable;
  add(address: XlRange | string, hasHeaders: boolean): XlTable;
}

export interface XlTable extends XlObject<XlTable> {
  name: string;
  /** ExcelApi 1.3: the total row is on (settable) */
  showTotals: boolean;
  /** ExcelApi 1.3: the header row is shown */
  readonly showHeaders: boolean;
  readonly worksheet: XlWorksheet;
  getHeaderRowRange(): XlRange;
  getDataBodyRange(): XlRange;
  resize(newRange: XlRange | string): void;
  /** ExcelApi 1.2: clears the table's filters */
  clearFilters(): void;
}

export interface XlRange extends XlObject<XlRange> {
  /** raw values: number, string or boolean; "" for an empty cell, "#N/A" for an error */
  values: unknown[][];
  numberFormat: unknown[][];
  /** ExcelApi 1.1: "=SUM(B6:B7)" in a formula cell, the value in any other */
  formulas: unknown[][];
  readonly valueTypes: string[][];
  readonly address: string;
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly format: {
    readonly font: { bold: boolean | null };
    autofitColumns(): void;
    /** ExcelApi 1.1: "Left" | "Right" | … */
    horizontalAlignment: string;
    /** ExcelApi 1.2: points */
    columnWidth: number;
    /** ExcelApi 1.1: "EdgeTop" | "EdgeBottom" …; style "Continuous" | "Double" … */
    readonly borders: { getItem(index: "EdgeTop" | "EdgeBottom"): { style: string } };
  };
  getRowsBelow(count?: number): XlRange;
  getIntersection(anotherRange: XlRange | string): XlRange;
  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange;
  clear(applyTo?: "All" | "Formats" | "Contents"): void;
  delete(shift: "Up" | "Left"): void;
  /** ExcelApi 1.1: selects the range in the window (its sheet active) */
  select(): void;
  /** ExcelApi 1.6 */
  readonly conditionalFormats: XlConditionalFormats;
}

/** ExcelApi 1.6: conditional formats of a range (the two kinds conditionalFormats.ts writes). */
export interface XlConditionalFormats {
  add(type: "CellValue" | "Custom"): XlConditionalFormat;
}

export interface XlConditionalLook {
  readonly fill: { color: string };
  readonly font: { color: string };
}

export interface XlConditionalFormat {
  /** 0 = evaluated first; setting it renumbers the others */
  priority: number;
  readonly cellValue: { readonly format: XlConditionalLook; rule: { formula1: string; operator: string } };
  readonly custom: { readonly format: XlConditionalLook; readonly rule: { formula: string } };
}

// Compile-time proof that the real office-js context fits (no run-time code).
type Assert<T extends true> = T;
export type _ExcelContextFits = Assert<Excel.RequestContext extends XlContext ? true : false>;
