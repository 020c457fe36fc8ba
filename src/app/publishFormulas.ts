/**
 * The working file's own sheets that hold CLOSEBOOK.* formulas (a management
 * report), as a published workbook carries them: every CLOSEBOOK.* formula
 * becomes its value, computed by the core evaluator from the ledger
 * (src/core/formulas), so a recipient without the add-in never sees #NAME?.
 * With `mode: "sumifs"`, a cell that is exactly one ACTIVITY of the published
 * period over one account or wildcard (and at most one dimension) becomes a
 * native SUMIFS over the published Ledger sheet, its value cached; every other
 * CLOSEBOOK cell becomes its value (the published ledger holds the period's
 * lines only, so a balance cannot be summed from it). Other formulas (SUM …)
 * are kept, their cached results recomputed from the new values where the
 * evaluator's grammar reaches (else as the working file had them). A formula that
 * does not evaluate is published as its error value, with a warning naming sheet and cell.
 *
 * Example: "Management report" B5 =CLOSEBOOK.ACTIVITY("4*","2026-11","2026-11","Department=SALES")
 *   values → B5 = -81234.5;  sumifs → B5 = { formula: '=SUMIFS(Ledger!$H$2:$H$90,Ledger!$E$2:$E$90,"4*",
 *   Ledger!$F$2:$F$90,"SALES")', result: -81234.5 }
 */
import { callsClosebook, cellAddress, sheetEvaluator, type SheetCell } from "../core/formulas/cellFormula";
import type { ClosebookFunctions } from "../core/formulas/functions";
import { issue, type Issue } from "../core/issues/issue";
import type { FiscalPeriod } from "../core/ledger/types";
import {
  isCellError,
  isFormulaCell,
  REPORT_SHEET_FIRST_ROW,
  type CellValue,
  type ReportCell,
  type ReportSheet,
} from "../ports/workbook";
import { LEDGER } from "../schema/tables";
import { header } from "../schema/typedCells";

export type PublishFormulas = "values" | "sumifs";

/** Where the published ledger lies, for SUMIFS: its sheet, headers (column A on), and data row count. */
export interface PublishedLedger {
  readonly sheet: string;
  readonly headers: readonly string[];
  readonly rows: number;
}

export function hasClosebookFormulas(r: ReportSheet): boolean {
  return r.rows.some((row) => row.some((c) => isFormulaCell(c) && callsClosebook(c.formula)));
}

export function formulasAsValues(
  sheets: readonly ReportSheet[],
  fns: ClosebookFunctions,
  options: { mode: PublishFormulas; period: FiscalPeriod; ledger: PublishedLedger },
): { sheets: ReportSheet[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const out: ReportSheet[] = [];
  const first = REPORT_SHEET_FIRST_ROW - 1; // 0-based sheet row of rows[0]
  for (const r of sheets.filter(hasClosebookFormulas)) {
    const cellAt = (row: number, column: number): SheetCell | undefined => {
      if (row === 0 && column === 0) return { value: r.title };
      const c = r.rows[row - first]?.[column];
      if (c === undefined || c === null) return undefined;
      if (isFormulaCell(c)) return { formula: c.formula };
      return { value: plain(c) };
    };
    const cached = (row: number, column: number) => {
      const c = r.rows[row - first]?.[column];
      const v = isFormulaCell(c) ? plain(c.result) : null;
      return { ok: true as const, value: v === null || typeof v === "boolean" ? String(v ?? "") : v };
    };
    const valueAt = sheetEvaluator(cellAt, fns, cached);
    const rows = r.rows.map((row, i) =>
      row.map((c, j): ReportCell => {
        if (!isFormulaCell(c)) return c;
        const v = valueAt(i + first, j);
        // another formula (=B4+B5, SUM) stays a formula; its cached result follows the values computed here
        if (!callsClosebook(c.formula)) return v.ok ? { formula: c.formula, result: v.value } : c;
        if (!v.ok) {
          issues.push(
            issue(
              "PUBLISH_FORMULA_ERROR",
              `${r.sheet}!${cellAddress(i + first, j)} ${c.formula}: ${v.message} Published as ${v.error}.`,
              { table: r.sheet, row: i + first + 1, column: cellAddress(i + first, j).replace(/\d+$/, "") },
              "warning",
            ),
          );
          return { error: v.error };
        }
        const sumifs = options.mode === "sumifs" ? sumifsOf(c.formula, options.period, options.ledger) : undefined;
        return sumifs ? { formula: sumifs, result: v.value } : v.value;
      }),
    );
    out.push({ ...r, rows });
  }
  return { sheets: out, issues };
}

function plain(v: CellValue): number | string | boolean | null {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (isCellError(v)) return v.error;
  return v;
}

const ACTIVITY_ONLY =
  /^=?\s*(?:CLOSEBOOK\.|_xldudf_CLOSEBOOK_)ACTIVITY\(\s*"([^"]*)"\s*,\s*"([^"]*)"\s*,\s*"([^"]*)"\s*(?:,\s*"([^"]*)"\s*)?\)\s*$/i;

/** The SUMIFS a single ACTIVITY of the published period becomes, or undefined when it cannot be one. */
export function sumifsOf(formula: string, period: FiscalPeriod, ledger: PublishedLedger): string | undefined {
  const m = ACTIVITY_ONLY.exec(formula);
  if (!m) return undefined;
  const [, account, from, to, filter] = m as unknown as [string, string, string, string, string | undefined];
  const same = (x: string) => x.trim().toLowerCase() === period.id.toLowerCase();
  if (!same(from) || !same(to) || !/^[\w*?]+$/.test(account.trim())) return undefined;
  const dims = (filter ?? "").trim() === "" ? [] : filter!.split(";").map((x) => x.split("="));
  if (dims.length > 1 || dims.some((d) => d.length !== 2 || d[1]!.trim() === "")) return undefined;
  const column = (header: string): string | undefined => {
    const j = ledger.headers.findIndex((h) => h.trim().toLowerCase() === header.trim().toLowerCase());
    if (j < 0) return undefined;
    const letter = cellAddress(0, j).replace(/\d+$/, "");
    const sheet = /^[A-Za-z_]\w*$/.test(ledger.sheet) ? ledger.sheet : `'${ledger.sheet.replace(/'/g, "''")}'`;
    return `${sheet}!$${letter}$2:$${letter}$${Math.max(2, ledger.rows + 1)}`;
  };
  const sum = column(header(LEDGER, "amountAccounting"));
  const acct = column(header(LEDGER, "account"));
  if (!sum || !acct) return undefined;
  const q = (s: string) => `"${s.trim().replace(/"/g, '""')}"`;
  let text = `SUMIFS(${sum},${acct},${q(account)}`;
  for (const [name, value] of dims) {
    const col = column(name!);
    if (!col) return undefined;
    text += `,${col},${q(value!)}`;
  }
  return `=${text})`;
}
