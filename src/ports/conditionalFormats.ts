/**
 * Conditional formatting of a table's columns, as data (issue #13: the Close
 * checklist sheet reads as a review sheet without the add-in). A rule colours
 * one column's data body — every data row of the table, kept as the table grows
 * — when the cell equals a text, or when a formula over the row is true. In the
 * formula, `[@Header]` names the row's cell of another column (Excel itself
 * takes no structured references in conditional formats, so every adapter
 * writes the A1 form `rulesAt` gives). Rules are listed highest priority first:
 * where two rules set the fill of a cell, the earlier one wins.
 *
 * Example: headers ["Task", "Due", "Status"] on A1, 3 data rows,
 *   { column: "Due", formula: 'AND([@Due]<TODAY(),[@Status]<>"Reviewed")', fill: "#FFC7CE" }
 *   → rulesAt(...) = [{ range: "B2:B4", formula: 'AND($B2<TODAY(),$C2<>"Reviewed")', fill: "#FFC7CE" }]
 *   (the formula is relative to the range's first cell, B2, as Excel reads it).
 */

interface RuleLook {
  /** the header of the column the rule colours */
  readonly column: string;
  /** background colour, #RRGGBB */
  readonly fill: string;
  /** text colour, #RRGGBB */
  readonly font?: string;
}

/** A rule of a table declaration: the cell equals `equals` (Excel: Cell Value = "text"), or `formula` is true. */
export type ColumnFormatRule =
  | (RuleLook & { readonly equals: string; readonly formula?: undefined })
  | (RuleLook & { readonly formula: string; readonly equals?: undefined });

/** A rule as it sits on the sheet: its A1 range and, for a formula rule, the A1 formula (no "="). */
export interface AppliedRule {
  readonly range: string;
  readonly equals?: string;
  readonly formula?: string;
  readonly fill: string;
  readonly font?: string;
}

const COLOUR = /^#[0-9A-Fa-f]{6}$/;
const REF = /\[@([^\]]+)\]/g;

export function columnLetters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function indexOf(headers: readonly string[], name: string): number {
  const k = name.trim().toLowerCase();
  return headers.findIndex((h) => h.trim().toLowerCase() === k);
}

/** Why `rules` cannot go on a table with `headers` (undefined when they can): each names an existing column. */
export function ruleProblem(
  table: string,
  headers: readonly string[],
  rules: readonly ColumnFormatRule[] | undefined,
): string | undefined {
  if (rules === undefined) return undefined;
  if (!Array.isArray(rules)) return `table ${table}: conditionalFormats must be an array`;
  for (const [i, r] of rules.entries()) {
    const where = `table ${table} conditional format ${i + 1}`;
    if (typeof r?.column !== "string" || indexOf(headers, r.column) < 0)
      return `${where}: no column "${String(r?.column)}"`;
    if ((typeof r.equals === "string") === (typeof r.formula === "string"))
      return `${where}: give either equals or formula`;
    if (!COLOUR.test(r.fill) || (r.font !== undefined && !COLOUR.test(r.font))) return `${where}: colours are #RRGGBB`;
    for (const m of (r.formula ?? "").matchAll(REF))
      if (indexOf(headers, m[1] ?? "") < 0) return `${where}: the formula names no column "${m[1]}"`;
  }
  return undefined;
}

/**
 * The rules of a table whose header row is sheet row `top` and first column `left` (1-based), with
 * `dataRows` data rows (an empty table still has one blank row): each over its column's data body.
 */
export function rulesAt(
  headers: readonly string[],
  rules: readonly ColumnFormatRule[],
  top: number,
  left: number,
  dataRows: number,
): AppliedRule[] {
  const first = top + 1;
  const last = top + Math.max(dataRows, 1);
  const letter = (name: string) => columnLetters(left + indexOf(headers, name));
  return rules.map((r) => ({
    range: `${letter(r.column)}${first}:${letter(r.column)}${last}`,
    ...(r.equals !== undefined ? { equals: r.equals } : {}),
    ...(r.formula !== undefined ? { formula: r.formula.replace(REF, (_, h: string) => `$${letter(h)}${first}`) } : {}),
    fill: r.fill.toUpperCase(),
    ...(r.font ? { font: r.font.toUpperCase() } : {}),
  }));
}

/** The text `equals` as an Excel formula operand: "Reviewed" → "\"Reviewed\"" (quotes doubled). */
export function textOperand(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}
