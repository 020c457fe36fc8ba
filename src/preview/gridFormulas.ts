/**
 * Typing into a cell of the preview grid (SheetGrid's formula bar): text, a
 * number, or a formula. A formula is evaluated with the core evaluator the
 * add-in's CLOSEBOOK.* functions and `publish` use (src/core/formulas), over
 * the book read from the fake host through the Excel adapter, so the functions
 * can be tried without Excel: the cell keeps its formula (Range.formulas) and
 * shows the value, or Excel's error (#VALUE!, #N/A, #NAME?) with the message
 * beside the formula bar. Every other formula of the sheet is evaluated again
 * at the same time (the ledger may have changed since), as Excel recalculates;
 * one beyond the evaluator's grammar keeps the value it shows.
 *
 * Example: enterCell(fake, sheet, 4, 1, '=CLOSEBOOK.BALANCE("1010","2026-11")')
 *   → { value: 812345.67 } and B5 shows 812,345.67; '=CLOSEBOOK.BALANCE("9999","2026-11")'
 *   → { error: "#VALUE!", message: 'No account matches "9999".' }
 */
import { sheetEvaluator, type CellResult, type SheetCell } from "../core/formulas/cellFormula";
import { closebookFunctions } from "../core/formulas/functions";
import type { FakeExcel } from "./fakeExcel";
import { ErrorValue, type SheetModel, type Stored } from "./fakeExcel/model";

export type Entered = { readonly value: Stored } | { readonly error: string; readonly message: string };

/** What the formula bar shows for a cell: its formula, else its value as typed. */
export function editText(sheet: SheetModel, row: number, col: number): string {
  const f = sheet.formula(row, col);
  if (f !== undefined) return f;
  const v = sheet.value(row, col);
  if (v === undefined) return "";
  return v instanceof ErrorValue ? v.code : String(v);
}

function plain(v: Stored | undefined): SheetCell | undefined {
  if (v === undefined) return undefined;
  return { value: v instanceof ErrorValue ? v.code : v };
}

export async function enterCell(
  fake: FakeExcel,
  sheet: SheetModel,
  row: number,
  col: number,
  text: string,
): Promise<Entered> {
  if (sheet.isProtected)
    return { error: "#PROTECTED", message: `Sheet ${sheet.name} is protected: unprotect it to type into it.` };
  const t = text.trim();
  if (!t.startsWith("=")) {
    const n = t === "" ? NaN : Number(t);
    const value: Stored | undefined = t === "" ? undefined : Number.isFinite(n) ? n : text;
    sheet.setValue(row, col, value);
    return { value: value ?? "" };
  }
  // the command map and the adapter load with the first formula typed, not with the page (#16: its main thread is the pane's)
  const [{ commandsFor }, { ExcelWorkbook }] = await Promise.all([
    import("../app/commands"),
    import("../adapters/excel/excelWorkbook"),
  ]);
  const { book } = await commandsFor({ port: new ExcelWorkbook(fake.run) })("read-book", {});
  const fns = closebookFunctions(book);
  sheet.setFormula(row, col, t);
  // a formula beyond the evaluator (one the pane wrote, say) answers with the value it shows
  const shown = (r: number, c: number): CellResult => {
    const v = sheet.value(r, c);
    if (v instanceof ErrorValue) return { ok: false, error: v.code, message: `${v.code} in a cell it refers to.` };
    return { ok: true, value: v === undefined ? "" : typeof v === "boolean" ? String(v).toUpperCase() : v };
  };
  const valueAt = sheetEvaluator(
    (r, c) => {
      const f = sheet.formula(r, c);
      return f !== undefined ? { formula: f } : plain(sheet.value(r, c));
    },
    fns,
    (r, c) => (r === row && c === col ? undefined : shown(r, c)),
  );
  const show = (r: number, c: number, v: CellResult) => {
    const f = sheet.formula(r, c)!;
    sheet.setValue(r, c, v.ok ? v.value : new ErrorValue(v.error)); // removes the formula …
    sheet.setFormula(r, c, f); // … so it is put back
  };
  for (const [key] of [...sheet.formulas]) {
    const [r, c] = key.split(",").map(Number) as [number, number];
    show(r, c, valueAt(r, c));
  }
  const v = valueAt(row, col);
  return v.ok ? { value: v.value } : { error: v.error, message: v.message };
}
