/**
 * The demo's "Management report": a sheet of CLOSEBOOK.* formulas, the way an
 * accountant writes one (README, "A management report with CLOSEBOOK
 * formulas"): months across row 3, revenue by department and cash by currency
 * down column A, each cell a formula over those two headings. Every formula's
 * cached result is computed here by the core evaluator (the same code the
 * add-in's functions and `publish` run), so Excel or LibreOffice without the
 * add-in show numbers, and a published copy carries them as values.
 *
 * Example: B5 = -CLOSEBOOK.ACTIVITY("4*",B$3,B$3,"Department="&$A5) with B3 "2026-01", A5 "SALES"
 *   → { formula: '=-CLOSEBOOK.ACTIVITY("4*",B$3,B$3,"Department="&$A5)', result: January's sales revenue }
 */
import { cellAddress, sheetEvaluator, type SheetCell } from "../../core/formulas/cellFormula";
import { closebookFunctions } from "../../core/formulas/functions";
import { REPORT_SHEET_FIRST_ROW, type ReportCell, type ReportSheet, type WorkbookPort } from "../../ports/workbook";
import { readBook } from "../operation";

export const MANAGEMENT_REPORT = "Management report";

type Spec = string | { readonly f: (col: string) => string } | null;

/** The report of `year`'s months for the book in `port`, its formulas' results cached. */
export async function managementReport(port: WorkbookPort, year: string): Promise<ReportSheet> {
  const { book } = await readBook(port);
  const months = book.setup.periods.filter((p) => p.kind === "operating" && p.fiscalYear === `FY${year}`).map((p) => p.id);
  const departments = book.setup.dimensionValues.get("Department");
  const depts = departments ? [...departments.keys()].sort() : [];
  const currencies = [...book.setup.currencies.keys()].filter((c) => c !== book.setup.settings.accountingCurrency).sort();
  const acc = book.setup.settings.accountingCurrency;
  const first = REPORT_SHEET_FIRST_ROW; // sheet row of rows[0]: the months
  const specs: Spec[][] = [["", ...months]];
  const bold = [0];
  const line = (label: string, f: (col: string, row: number) => string) => {
    const row = first + specs.length;
    specs.push([label, ...months.map(() => ({ f: (col: string) => f(col, row) }))]);
  };
  const heading = (text: string) => {
    bold.push(specs.length);
    specs.push([text, ...months.map(() => null)]);
  };
  heading(`Revenue by department (${acc}, credit positive)`);
  for (const d of depts) line(d, (c, r) => `=-CLOSEBOOK.ACTIVITY("4*",${c}$${first},${c}$${first},"Department="&$A${r})`);
  bold.push(specs.length);
  line("Total revenue", (c) => `=-CLOSEBOOK.ACTIVITY("4*",${c}$${first},${c}$${first})`);
  specs.push([]);
  heading("Cash at month end, by currency (in that currency)");
  for (const cur of currencies) line(cur, (c, r) => `=CLOSEBOOK.BALANCE("10*",${c}$${first},,$A${r})`);
  bold.push(specs.length);
  line(`All cash (${acc})`, (c) => `=CLOSEBOOK.BALANCE("10*",${c}$${first})`);

  const width = months.length + 1;
  const formulaAt = (i: number, j: number): string | undefined => {
    const s = specs[i]?.[j];
    return s && typeof s === "object" ? s.f(cellAddress(0, j).replace(/\d+$/, "")) : undefined;
  };
  const cellAt = (row: number, column: number): SheetCell | undefined => {
    const i = row - (first - 1);
    const formula = formulaAt(i, column);
    if (formula) return { formula };
    const s = specs[i]?.[column];
    return typeof s === "string" ? { value: s } : undefined;
  };
  const valueAt = sheetEvaluator(cellAt, closebookFunctions(book));
  const rows = specs.map((spec, i) =>
    Array.from({ length: width }, (_, j): ReportCell => {
      const formula = formulaAt(i, j);
      if (!formula) return (spec[j] as string | null | undefined) ?? null;
      const v = valueAt(i + first - 1, j);
      return { formula, result: v.ok ? v.value : { error: v.error } };
    }),
  );
  return {
    sheet: MANAGEMENT_REPORT,
    title: `${book.setup.settings.company} — Management report ${year} (CLOSEBOOK formulas)`,
    rows,
    numberFormats: [undefined, ...months.map(() => "#,##0.00;[Red]-#,##0.00")],
    boldRows: bold,
  };
}

/** Writes the report to its sheet and returns it (for publish, which turns its formulas into values). */
export async function writeManagementReport(port: WorkbookPort, year: string): Promise<ReportSheet> {
  const report = await managementReport(port, year);
  await port.writeReport(report);
  return report;
}
