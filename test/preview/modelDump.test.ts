/**
 * The preview restores its workbook in a worker and sends the fake host's model over as a dump (modelDump.ts):
 * the page's copy must hold exactly what the Excel adapter wrote (values with their holes, error values, number
 * formats, bold, formulas, cell styles, widths, conditional formats on tables, print setup, protection, tables, the
 * active sheet and the id counter), after a structured clone as postMessage makes.
 */
import fc from "fast-check";
import { ExcelWorkbook } from "../../src/adapters/excel/excelWorkbook";
import { snapshotOf, type JsonCell, type WorkbookSnapshot } from "../../src/app/snapshot";
import { createFakeExcel } from "../../src/preview/fakeExcel";
import { tableByName } from "../../src/schema/tables";
import { ErrorValue } from "../../src/preview/fakeExcel/model";
import { dumpModel, fakeFromDump } from "../../src/preview/fakeExcel/modelDump";
import { fakeFromSnapshot } from "../../src/preview/workbookTransfer";
import { demoMemory } from "../support/demoFixture";

async function roundTrip(snapshot: WorkbookSnapshot) {
  const fake = await fakeFromSnapshot(snapshot);
  const copy = fakeFromDump(structuredClone(dumpModel(fake.model)));
  return { fake, copy };
}

describe("the fake host's model through a dump", () => {
  it("holds the demo workbook exactly as the adapter wrote it, and reads back the same snapshot", async () => {
    const { wb } = await demoMemory("feb");
    const snapshot = await snapshotOf(wb, { reports: wb.reports() });
    const { fake, copy } = await roundTrip(snapshot);
    expect(copy.model).toStrictEqual(fake.model);
    // the demo has conditional formats on a table (the checklist's colours) and protected sheets
    expect(copy.model.sheets.some((s) => s.conditionalFormats.some((f) => "table" in f.at))).toBe(true);
    expect(copy.model.sheets.some((s) => s.isProtected)).toBe(true);
    const tables = (s: WorkbookSnapshot) => s.tables;
    expect(tables(await snapshotOf(new ExcelWorkbook(copy.run)))).toStrictEqual(
      tables(await snapshotOf(new ExcelWorkbook(fake.run))),
    );
    // a table in the copy keeps its identity: the pane's writes go on after the load
    const port = new ExcelWorkbook(copy.run);
    const before = (await port.readTable("tblSettings"))!.rows.length;
    await port.appendRows("tblSettings", [
      ["Preview note", "x", ""].slice(
        0,
        (await port.listTables()).find((t) => t.name === "tblSettings")!.headers.length,
      ),
    ]);
    expect((await port.readTable("tblSettings"))!.rows.length).toBe(before + 1);
  });

  it("keeps error values, holes, the active sheet and the id counter", async () => {
    const fake = createFakeExcel({ sheets: ["A", "B"] });
    const b = fake.model.sheetByName("B")!;
    b.setValue(3, 2, new ErrorValue("#N/A"));
    b.setValue(3, 5, "x");
    b.setValue(4, 0, undefined); // no row made
    b.setFormat(7, 1, "0.00");
    fake.model.activate(b);
    const copy = fakeFromDump(structuredClone(dumpModel(fake.model)));
    expect(copy.model).toStrictEqual(fake.model);
    expect(copy.model.sheetByName("B")!.value(3, 2)).toBeInstanceOf(ErrorValue);
    expect(copy.model.activeSheet()?.name).toBe("B");
    // ids go on from where the original's stopped: sheets A, B took 1 and 2, so the next is 3
    expect(copy.model.addSheet("C").id).toBe(3);
  });

  const cell: fc.Arbitrary<JsonCell> = fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.integer({ min: -1e6, max: 1e6 }),
    fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom({ date: "2026-03-31" }, { date: "2026-03-31T17:00:00.000Z" }),
    fc.constantFrom({ error: "#N/A" }, { error: "#DIV/0!" }),
  );
  // table 0 is a Closebook table with conditional formats (restoreSnapshot adds its declared rules), the others are not
  const CLOSE_TASKS = tableByName("tblCloseTasks")!.columns.map((c) => c.header);
  const table = (i: number) => {
    const headers = i === 0 ? CLOSE_TASKS : ["H0", "H1", "H2"];
    const width = headers.length;
    return fc.record({
      shape: fc.record({
        name: fc.constant(i === 0 ? "tblCloseTasks" : `tblGen${i}`),
        sheet: fc.constant(`Sheet${i + 2}`),
        headers: fc.constant(headers),
        numberFormats: fc.array(fc.constantFrom("General", "@", "0.00", "yyyy-mm-dd"), {
          minLength: width,
          maxLength: width,
        }),
      }),
      rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 12 }),
      protected: fc.boolean(),
    });
  };

  it("holds generated tables exactly as the adapter wrote them", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => table(i)))),
        async (tables) => {
          const { fake, copy } = await roundTrip({ version: 1, tables });
          expect(copy.model).toStrictEqual(fake.model);
        },
      ),
      { numRuns: 40 },
    );
  });
});
