/**
 * A Ledger-like worksheet part as Closebook writes it, for the patch-save tests (sheetStream.test.ts,
 * deflatedAppend.test.ts): header row 1, data rows 2..4 (A1:D4), styles 1 (text), 2 (date), 3 (amount), the sheet
 * protected, a conditional format over column C that follows the table's bottom.
 * Example: FILE_ROWS[0] = ["GL-000002", 2026-01-01, 2.5, null], row 2 of XML.
 */
import type { CellValue } from "../../../src/ports/workbook";

export const d = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);

export const HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<dimension ref="A1:D4"/><cols><col min="1" max="1" width="12" style="1" customWidth="1"/></cols><sheetData>' +
  '<row r="1"><c r="A1" t="inlineStr"><is><t>Voucher</t></is></c><c r="B1" t="inlineStr"><is><t>Date</t></is></c>' +
  '<c r="C1" t="inlineStr"><is><t>Amount</t></is></c><c r="D1" t="inlineStr"><is><t>Note</t></is></c></row>';
export const ROWS = [2, 3, 4]
  .map(
    (r) =>
      `<row r="${r}"><c r="A${r}" s="1" t="inlineStr"><is><t xml:space="preserve">GL-00000${r}</t></is></c>` +
      `<c r="B${r}" s="2"><v>${46020 + r}</v></c><c r="C${r}" s="3"><v>${r}.5</v></c><c r="D${r}" s="1"/></row>`,
  )
  .join("");
export const TAIL =
  '</sheetData><sheetProtection sheet="1" objects="1" scenarios="1"/><conditionalFormatting sqref="C2:C4">' +
  '<cfRule type="cellIs" dxfId="0" priority="1" operator="lessThan"><formula>0</formula></cfRule></conditionalFormatting>' +
  '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
export const XML = Buffer.from(HEAD + ROWS + TAIL, "utf8");
export const FILE_ROWS: CellValue[][] = [2, 3, 4].map((r) => [`GL-00000${r}`, d("2026-01-01"), r + 0.5, null]);
