/**
 * @jest-environment node
 *
 * The preview grid (src/preview/SheetGrid.tsx), rendered to HTML: the grid
 * is named by its sheet, every drawn cell carries its address and its value
 * as Excel shows it, the selection is marked aria-selected, table headers are
 * shaded, and a 20,000-row sheet draws only the rows in view.
 *
 * Example: <SheetGrid sheet={Ledger} …/> → <table role="grid" aria-label="Ledger" aria-rowcount="20002"> … <td data-address="B2">GL-000001</td>
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { renderToStaticMarkup } from "react-dom/server";
import { ExcelWorkbook } from "../../src/adapters/excel/excelWorkbook";
import { createFakeExcel } from "../../src/preview/fakeExcel";
import { MAX_DRAWN_ROWS, SheetGrid } from "../../src/preview/SheetGrid";

async function ledger(rows: number) {
  const fake = createFakeExcel();
  const port = new ExcelWorkbook(fake.run);
  await port.createTable(
    {
      name: "tblLedger",
      sheet: "Ledger",
      headers: ["Entry no", "Voucher", "Date", "Amount"],
      numberFormats: ["0", "@", "yyyy-mm-dd", "#,##0.00;[Red]-#,##0.00"],
    },
    Array.from({ length: rows }, (_, i) => [
      i + 1,
      `GL-${String(i + 1).padStart(6, "0")}`,
      new Date(Date.UTC(2026, 0, 1 + (i % 28))),
      i % 2 ? -1234.5 : 99,
    ]),
  );
  return fake;
}

function render(fake: Awaited<ReturnType<typeof ledger>>): string {
  const sheet = fake.model.sheetByName("Ledger")!;
  return renderToStaticMarkup(
    <FluentProvider theme={webLightTheme}>
      <SheetGrid sheet={sheet} tables={fake.model.tablesOn(sheet)} version={0} />
    </FluentProvider>,
  );
}

describe("the preview grid", () => {
  test("names the grid by its sheet; each cell has its address and its shown value; table headers shaded; the selection marked", async () => {
    const fake = await ledger(3);
    await new ExcelWorkbook(fake.run).selectCell("tblLedger", 2, "Amount");
    const html = render(fake);
    expect(html).toMatch(/<table[^>]*role="grid"[^>]*aria-label="Ledger"/);
    expect(html).toMatch(/aria-rowcount="5"/); // column letters + header + 3 rows
    expect(html).toMatch(/<td[^>]*data-address="A1"[^>]*class="[^"]*cbg-table-header[^"]*"[^>]*>Entry no<\/td>/);
    expect(html).toMatch(/data-address="B2"[^>]*>GL-000001<\/td>/);
    expect(html).toMatch(/data-address="C2"[^>]*>2026-01-01<\/td>/);
    expect(html).toMatch(
      /<td[^>]*aria-selected="true"[^>]*data-address="D3"|<td[^>]*data-address="D3"[^>]*aria-selected="true"/,
    );
    expect(html).toMatch(/data-address="D3"[^>]*>-1,234.50<\/td>/);
    expect(html.match(/aria-selected="true"/g)?.length).toBe(1);
    expect(html).toMatch(/>A<\/th>.*>B<\/th>.*>C<\/th>.*>D<\/th>.*>E<\/th>/); // one spare column
  });

  test("a 20,000-row sheet draws only the rows in view, never more than the limit", async () => {
    const fake = await ledger(20_000);
    const html = render(fake);
    const drawn = new Set([...html.matchAll(/data-address="[A-Z]+(\d+)"/g)].map((m) => m[1]));
    expect(drawn.size).toBeGreaterThan(20);
    expect(drawn.size).toBeLessThanOrEqual(MAX_DRAWN_ROWS);
    expect(drawn.has("1")).toBe(true);
    expect(drawn.has("20001")).toBe(false);
    expect(html).toMatch(/aria-rowcount="20002"/);
  });
});
