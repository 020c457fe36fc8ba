/**
 * A large report through the Excel adapter stays under Excel on the web's 5 MB request limit: a journal report of
 * 100k ledger lines has a bold voucher row every few rows and a formula per subtotal, and those were queued in one
 * request (13.7 MB measured by the bench, refused by the fake host as Excel on the web refuses it).
 *
 * Worked example: 60,000 rows, every third row bold (20,000 separate bold ranges) and every third row a SUBTOTAL
 * formula over the two rows above it: each bold range is one call of OP_OVERHEAD (120 bytes) plus its address,
 * so 20,000 of them alone are ~3 MB and with the formulas over 5 MB in one request.
 */
import { ExcelWorkbook } from "../../../src/adapters/excel/excelWorkbook";
import { REPORT_FIRST_ROW } from "../../../src/adapters/excel/reports";
import type { ReportCell } from "../../../src/ports/workbook";
import { createFakeExcel } from "../../../src/preview/fakeExcel";

const FIVE_MB = 5 * 1024 * 1024;
const N = 60_000;

test("a 60,000-row report with 20,000 bold rows and 20,000 formulas goes in requests under 5 MB, every cell written", async () => {
  const fake = createFakeExcel();
  const port = new ExcelWorkbook(fake.run);
  const rows: ReportCell[][] = [["Voucher", "Amount", "Check"]];
  const bold: number[] = [0];
  for (let i = 1; i < N; i++) {
    if (i % 3 === 1) {
      rows.push([`V-${i}`, i, null]);
      bold.push(i);
    } else if (i % 3 === 2) rows.push([`line ${i}`, 2 * i, null]);
    else {
      const sheetRow = REPORT_FIRST_ROW + i + 1; // 1-based sheet row of this grid row
      rows.push([
        "subtotal",
        3 * i - 3,
        { formula: `=SUBTOTAL(9,B${sheetRow - 2}:B${sheetRow - 1})`, result: 3 * i - 3 },
      ]);
    }
  }
  await port.writeReport({
    sheet: "Big",
    title: "Big report",
    rows,
    boldRows: bold,
    numberFormats: ["@", "#,##0", "#,##0"],
  });

  const syncs = fake.stats.syncs;
  expect(syncs.every((s) => s.error === undefined)).toBe(true);
  expect(Math.max(...syncs.map((s) => s.requestBytes))).toBeLessThan(FIVE_MB);
  const ws = fake.model.sheetByName("Big")!;
  // every bold row bold, its neighbours not
  for (const i of [1, 4, 30_001, N - 2]) {
    expect(ws.bold(REPORT_FIRST_ROW + i, 0)).toBe(true);
    expect(ws.bold(REPORT_FIRST_ROW + i + 1, 0)).toBe(false);
  }
  // the last subtotal's formula and cached value: rows N-2 (bold, N-2) and N-1 (2(N-1)) → 3(N-1) - 3
  const last = N - 1 - ((N - 1) % 3);
  expect(ws.formula(REPORT_FIRST_ROW + last, 2)).toBe(
    `=SUBTOTAL(9,B${REPORT_FIRST_ROW + last - 1}:B${REPORT_FIRST_ROW + last})`,
  );
  expect(ws.value(REPORT_FIRST_ROW + 3, 1)).toBe(6);
}, 120_000);
