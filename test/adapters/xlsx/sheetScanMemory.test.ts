/**
 * The fast reader keeps a sheet's values, not its XML (sheetScan.ts): a text cell read from a 256 KB chunk
 * of the part must not keep that chunk alive (V8 keeps the whole string behind any slice of 13 characters or
 * more; a million-line Ledger's rows held its 1 GB of XML so), and a repeated date is one object in the rows read.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { StyleIndex } from "../../../src/adapters/xlsx/packageIndex";
import { scanSheet } from "../../../src/adapters/xlsx/sheetScan";
import { ZipPackage } from "../../../src/adapters/xlsx/zipPackage";
import { deflatedEntry, zipPackageBytes } from "../../../src/adapters/xlsx/zipWriter";
import type { CellValue } from "../../../src/ports/workbook";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const ROWS = 60_000;
const PAD = "x".repeat(200);

function sheet(): Buffer {
  const rows: string[] = [];
  for (let r = 1; r <= ROWS; r++)
    rows.push(
      `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>journal:GJ-2026-01</t></is></c>` +
        `<c r="B${r}" s="1"><v>46023</v></c><c r="C${r}" t="inlineStr"><is><t>${PAD}</t></is></c></row>`,
    );
  return Buffer.from(
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData></worksheet>`,
  );
}

test("rows read keep neither the part's XML nor a date object per cell", async () => {
  const xml = sheet();
  // 60,000 rows of about 190 bytes: about 11 MB of XML, in some 45 chunks of 256 KB
  expect(xml.length).toBeGreaterThan(10e6);
  const zip = await ZipPackage.fromBuffer(zipPackageBytes([deflatedEntry("xl/worksheets/sheet1.xml", xml)]));
  const styles = new StyleIndex([undefined, "yyyy-mm-dd"], 2);
  const rows: CellValue[][] = [];
  gc();
  const before = process.memoryUsage().heapUsed;
  await scanSheet(
    zip,
    "xl/worksheets/sheet1.xml",
    { styles, date1904: false, sharedStrings: [] },
    {
      top: 1,
      bottom: ROWS,
      left: 1,
      right: 2,
      onCell(row, col, value) {
        (rows[row - 1] ??= [null, null])[col - 1] = value;
      },
    },
  );
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  expect(rows).toHaveLength(ROWS);
  expect(rows[ROWS - 1]).toEqual(["journal:GJ-2026-01", new Date("2026-01-01T00:00:00.000Z")]);
  // by hand: the rows themselves are 60,000 arrays of two slots (about 32 bytes each) and the outer array,
  // about 2.4 MB; the XML held as strings would add its 11 MB, a Date per row another 60,000 × ~56 bytes
  expect(grown).toBeLessThan(6e6);
  expect(rows[0]![1]).toBe(rows[ROWS - 1]![1]);
});
