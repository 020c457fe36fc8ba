/**
 * A new table's conditional formats in Excel (src/ports/conditionalFormats.ts): each rule on its
 * column's data body (the table stands at A1), `equals` as a Cell Value = "text" format, a formula
 * rule as a custom one. Excel extends a format over a whole table column as the table grows, so
 * appendRows needs nothing more. Added last rule first, each moved to priority 0, so the declared
 * order is Excel's priority order whatever place `add` gives a new format; the priority is set last
 * (office-js: after a priority change the object must be fetched again before other changes).
 *
 * Example: headers ["Task", "Due", "Status"], 3 rows, { column: "Status", equals: "Reviewed", fill: "#C6EFCE" }
 *   → sheet.getRange("C2:C4").conditionalFormats.add("CellValue"),
 *     rule { formula1: '="Reviewed"', operator: "EqualTo" }, format.fill.color "#C6EFCE", priority 0.
 */
import type { ColumnFormatRule } from "../../ports/conditionalFormats";
import { rulesAt, textOperand } from "../../ports/conditionalFormats";
import type { XlConditionalLook, XlWorksheet } from "./excelHost";

/** Queues the rules (the caller syncs). */
export function addTableRules(
  sheet: XlWorksheet,
  headers: readonly string[],
  rules: readonly ColumnFormatRule[],
  dataRows: number,
): void {
  const applied = rulesAt(headers, rules, 1, 1, dataRows);
  for (const r of [...applied].reverse()) {
    const cf = sheet.getRange(r.range).conditionalFormats.add(r.formula !== undefined ? "Custom" : "CellValue");
    let look: XlConditionalLook;
    if (r.formula !== undefined) {
      cf.custom.rule.formula = `=${r.formula}`;
      look = cf.custom.format;
    } else {
      cf.cellValue.rule = { formula1: `=${textOperand(r.equals ?? "")}`, operator: "EqualTo" };
      look = cf.cellValue.format;
    }
    look.fill.color = r.fill;
    if (r.font) look.font.color = r.font;
    cf.priority = 0;
  }
}
