/**
 * Typing into the preview grid (src/preview/gridFormulas.ts): a CLOSEBOOK formula
 * shows its value computed from the fake host's ledger, or Excel's error.
 * The small company (test/support/smallCompany.ts), worked by hand:
 *   1010 Bank EUR: D-3 Dr EUR 100.00 at 1.09 = USD 109.00 → BALANCE("1010", "2026-03") = 109.00;
 *   4000: Cr 1500.00 + Cr 109.00 → −1609.00; B1 + B2 = 109 − 1609 = −1500.00.
 */
import { ExcelWorkbook } from "../../src/adapters/excel/excelWorkbook";
import { fixedClock } from "../../src/ports/clock";
import { createFakeExcel } from "../../src/preview/fakeExcel";
import { ErrorValue } from "../../src/preview/fakeExcel/model";
import { editText, enterCell } from "../../src/preview/gridFormulas";
import { postedSmallCompany } from "../support/smallCompany";

jest.setTimeout(60_000);

it("evaluates CLOSEBOOK formulas typed into a cell, keeping the formula; bad arguments show Excel's errors", async () => {
  const fake = createFakeExcel();
  await postedSmallCompany(new ExcelWorkbook(fake.run), {
    user: "alice",
    clock: fixedClock("2026-04-05T09:00:00.000Z"),
  });
  const sheet = fake.model.addSheet("Scratch");
  expect(await enterCell(fake, sheet, 0, 1, '=CLOSEBOOK.BALANCE("1010","2026-03")')).toEqual({ value: 109 });
  expect(sheet.value(0, 1)).toBe(109);
  expect(editText(sheet, 0, 1)).toBe('=CLOSEBOOK.BALANCE("1010","2026-03")');
  await enterCell(fake, sheet, 1, 0, "4000");
  expect(await enterCell(fake, sheet, 1, 1, '=CLOSEBOOK.BALANCE(A2,"2026-03")')).toEqual({ value: -1609 });
  expect(await enterCell(fake, sheet, 2, 1, "=B1+B2")).toEqual({ value: -1500 });
  expect(await enterCell(fake, sheet, 3, 1, '=CLOSEBOOK.BALANCE("9999","2026-03")')).toEqual({
    error: "#VALUE!",
    message: 'No account matches "9999".',
  });
  expect(sheet.value(3, 1)).toEqual(new ErrorValue("#VALUE!"));
  expect(await enterCell(fake, sheet, 4, 1, '=CLOSEBOOK.RATE("CHF","USD","2026-03-25")')).toMatchObject({
    error: "#N/A",
  });
  // changing A2 and entering again recalculates B2 (and B3 through it): 1000's balance 1500.00 → 109 + 1500 = 1609
  await enterCell(fake, sheet, 1, 0, "1000");
  await enterCell(fake, sheet, 5, 1, '=CLOSEBOOK.STATUS("2026-03")');
  expect(sheet.value(1, 1)).toBe(1500);
  expect(sheet.value(2, 1)).toBe(1609);
  expect(sheet.value(5, 1)).toBe("Open");
});
