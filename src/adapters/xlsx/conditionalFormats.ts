/**
 * Conditional formats of table columns in the xlsx adapter (src/ports/conditionalFormats.ts).
 *
 * - A table created in this session: its rules go on the sheet when it is built (exceljs
 *   `addConditionalFormatting`), each over its column's data rows, formula rules as `expression`,
 *   `equals` rules as `cellIs` equal, listed first = highest priority.
 * - A sheet loaded from a file keeps the conditional formats it had (SheetExtras); a range that
 *   covered exactly a table's data rows in some of its columns follows the table's new size
 *   (`followTables`), as Excel extends a rule over a whole table column when the table grows.
 * - The patch save rewrites the same ranges in the worksheet part (`patchSqref`).
 *
 * Example: tblCloseTasks at A1 with 20 data rows loaded, 2 rows appended:
 *   <conditionalFormatting sqref="L2:L21"> → sqref="L2:L23"; a rule on "N5:N9" stays as it is.
 */
import type * as ExcelJS from "exceljs";
import type { AppliedRule, ColumnFormatRule } from "../../ports/conditionalFormats";
import { rulesAt, textOperand } from "../../ports/conditionalFormats";
import type { Rect } from "./layout";
import { columnLetters, parseRange } from "./layout";

const argb = (hex: string) => ({ argb: `FF${hex.slice(1).toUpperCase()}` });

function style(r: AppliedRule): Partial<ExcelJS.Style> {
  return {
    fill: { type: "pattern", pattern: "solid", bgColor: argb(r.fill), fgColor: argb(r.fill) },
    ...(r.font ? { font: { color: argb(r.font) } } : {}),
  };
}

/** Adds a new table's rules to its sheet: header at `top`, first column `left`, `dataRows` data rows. */
export function addTableRules(
  ws: ExcelJS.Worksheet,
  headers: readonly string[],
  rules: readonly ColumnFormatRule[],
  top: number,
  left: number,
  dataRows: number,
): void {
  const existing = (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] })
    .conditionalFormattings;
  const base = existing.reduce((p, cf) => Math.max(p, ...cf.rules.map((x) => x.priority || 0)), 0);
  rulesAt(headers, rules, top, left, dataRows).forEach((r, i) => {
    const priority = base + i + 1;
    ws.addConditionalFormatting({
      ref: r.range,
      rules: [
        r.formula !== undefined
          ? { type: "expression", formulae: [r.formula], priority, style: style(r) }
          : { type: "cellIs", operator: "equal", formulae: [textOperand(r.equals ?? "")], priority, style: style(r) },
      ],
    });
  });
}

/** A table as it was in the file (`before`: header row to last data row) and its last data row now. */
export interface TableMove {
  readonly before: Rect;
  readonly bottom: number;
}

/** `ref` ("L2:L21 N2:N21") with each range that covered exactly a table's data rows given its new bottom. */
export function followRef(ref: string, moves: readonly TableMove[]): string {
  return ref
    .split(/\s+/)
    .filter((p) => p.length > 0)
    .map((piece) => {
      let rect: Rect;
      try {
        rect = parseRange(piece);
      } catch {
        return piece;
      }
      const m = moves.find(
        (x) =>
          rect.top === x.before.top + 1 &&
          rect.bottom === x.before.bottom &&
          rect.left >= x.before.left &&
          rect.right <= x.before.right,
      );
      if (!m || m.bottom === rect.bottom) return piece;
      return `${columnLetters(rect.left)}${rect.top}:${columnLetters(rect.right)}${m.bottom}`;
    })
    .join(" ");
}

/** A loaded sheet's conditional formats (exceljs model) with their table ranges following `moves`. */
export function followTables(cfs: unknown, moves: readonly TableMove[]): unknown {
  if (!Array.isArray(cfs)) return cfs;
  return cfs.map((cf: unknown) => {
    const ref = (cf as { ref?: unknown })?.ref;
    return typeof ref === "string" ? { ...(cf as object), ref: followRef(ref, [...moves]) } : cf;
  });
}

/** The worksheet part's tail (from </sheetData>) with its <conditionalFormatting sqref> ranges following `move`. */
export function patchSqref(tail: string, move: TableMove): string {
  return tail.replace(
    /(<conditionalFormatting\b[^>]*?\bsqref=")([^"]*)(")/g,
    (_, a: string, ref: string, b: string) => `${a}${followRef(ref, [move])}${b}`,
  );
}
