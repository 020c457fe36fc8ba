/**
 * Reads the conditional formats of a sheet from .xlsx bytes with exceljs directly, outside the adapter
 * (an independent reader for the tests), as the port's neutral AppliedRule, highest priority first.
 *
 * Example: a sheet with <conditionalFormatting sqref="C2:C3"><cfRule type="cellIs" operator="equal"
 *   priority="1" dxfId="0"><formula>"Reviewed"</formula></cfRule> and dxf 0 filled FFC6EFCE
 *   → [{ range: "C2:C3", equals: "Reviewed", fill: "#C6EFCE" }]
 */
import ExcelJS from "exceljs";
import type { AppliedRule } from "../../../src/ports/conditionalFormats";

interface Rule {
  type: string;
  operator?: string;
  formulae?: string[];
  priority: number;
  style?: { fill?: { bgColor?: { argb?: string } }; font?: { color?: { argb?: string } } };
}

const hex = (argb: string | undefined) => (argb ? `#${argb.slice(-6).toUpperCase()}` : undefined);

export async function rulesInXlsx(data: Buffer, sheet: string): Promise<AppliedRule[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets.find((w) => w.name.toLowerCase() === sheet.toLowerCase());
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const cfs = (ws as unknown as { conditionalFormattings: { ref: string; rules: Rule[] }[] }).conditionalFormattings;
  return cfs
    .flatMap((cf) => cf.rules.map((r) => ({ ref: cf.ref, r })))
    .sort((a, b) => a.r.priority - b.r.priority)
    .map(({ ref, r }) => {
      const f = r.formulae?.[0] ?? "";
      const font = hex(r.style?.font?.color?.argb);
      return {
        range: ref,
        ...(r.type === "cellIs" && r.operator === "equal"
          ? { equals: f.replace(/^"|"$/g, "").replace(/""/g, '"') }
          : { formula: f }),
        fill: hex(r.style?.fill?.bgColor?.argb) ?? "?",
        ...(font ? { font } : {}),
      };
    });
}
