/**
 * writeReport over office-js (the fake host) lays a statement out print-ready:
 * subtotals and totals as formulas over the cells above with the cached result
 * as the value, headings right-aligned over their numbers, a thin line above
 * subtotals and a double line below totals, the heading row repeated on every
 * printed page and frozen, landscape or portrait, one page wide, "Page &P of &N".
 */
import { ExcelWorkbook } from "../../../src/adapters/excel/excelWorkbook";
import { writeStatements } from "../../../src/app/statements";
import { fixedClock } from "../../../src/ports/clock";
import { createFakeExcel } from "../../../src/preview/fakeExcel";
import { postedSmallCompany } from "../../support/smallCompany";

const ctx = { user: "alice", clock: fixedClock("2026-04-05T09:00:00.000Z") };

test("the statements written through the Excel adapter carry formulas, underlines, print titles and footers", async () => {
  const fake = createFakeExcel();
  const port = new ExcelWorkbook(fake.run);
  await postedSmallCompany(port, ctx);
  await writeStatements(port, { period: "2026-03", user: "alice" });

  const is = fake.model.sheetByName("Income statement 2026-03")!;
  const headingRow = [...Array(12).keys()].find((r) => is.value(r, 1) === "Period")!;
  expect(headingRow).toBe(4); // 0-based sheet row 4 = sheet row 5: subtitle (3), blank (4), headings (5)
  expect(is.print.printTitleRows).toBe("$5:$5");
  expect(is.print.freezeRows).toBe(5);
  expect(is.print.orientation).toBe("Portrait");
  expect(is.print.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
  expect(is.print.centerFooter).toBe("Page &P of &N");
  expect(is.print.leftFooter).toBe("Test Co · Period 2026-03");
  expect(is.print.rightFooter).toBe("Run by alice");
  expect(is.cellStyles.get(`${headingRow},1`)?.align).toBe("Right");

  // section totals are not indented ("  Total revenue" is the category's)
  const rowOf = (label: string) => [...Array(60).keys()].find((r) => is.value(r, 0) === label)!;
  const net = rowOf("Net income");
  const revenue = rowOf("Total revenue");
  const expenses = rowOf("Total expenses");
  // net income = total revenue − total expenses, as a formula; its value is the cached result
  expect(is.formula(net, 1)).toBe(`=B${revenue + 1}-B${expenses + 1}`);
  expect(is.value(net, 1)).toBe((is.value(revenue, 1) as number) - (is.value(expenses, 1) as number));
  expect(is.cellStyles.get(`${net},1`)).toMatchObject({ top: "Continuous", bottom: "Double" });
  expect(is.formula(revenue, 1)).toMatch(/^=SUM\(B\d+/);

  const bs = fake.model.sheetByName("Balance sheet 2026-03")!;
  const check = [...Array(80).keys()].find((r) => String(bs.value(r, 0) ?? "").startsWith("Check:"))!;
  expect(bs.formula(check, 1)).toMatch(/^=B\d+-B\d+$/);
  expect(bs.value(check, 1)).toBe(0);

  const jr = fake.model.sheetByName("Journal report 2026-03")!;
  expect(jr.print.orientation).toBe("Landscape");
  const total = [...Array(200).keys()].find((r) => jr.value(r, 0) === "Total")!;
  expect(jr.formula(total, 7) ?? jr.formula(total, 8)).toMatch(/^=SUBTOTAL\(9,[HI]\d+:[HI]\d+\)$/);
});
