/**
 * Size caps when reading an .xlsx: a tiny file can hold a part that inflates to
 * hundreds of megabytes (a 616 KB file held a 300 MB shared string and took
 * 1.4 GB to open). Parts over their cap are refused from the zip's declared
 * sizes before anything is inflated, and, when a declared size lies, by
 * inflating at most the cap. Caps: 1,536 MB (1,536 × 2^20 = 1,610,612,736 bytes) a
 * worksheet, 50 MB (52,428,800 bytes) the shared strings and any other part.
 * A cell longer than Excel's 32,767 characters is a located issue (cells.test.ts).
 */
import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkDeclaredSize, PartTooLargeError } from "../../../src/adapters/xlsx/partLimits";
import { XlsxWorkbook } from "../../../src/adapters/xlsx/xlsxWorkbook";
import { cli } from "../../support/cli";

const SST = (text: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>${text}</t></si></sst>`;

/** A one-sheet workbook whose A1 is shared string 0, with xl/sharedStrings.xml replaced by `sst`. */
async function withSharedStrings(sst: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Sheet1").getCell("A1").value = "x";
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  zip.file("xl/sharedStrings.xml", sst);
  // level 1: 60 MB of one letter still packs to about 270 KB, for about 60 % of level 9's CPU (pako is plain JS)
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 1 } });
}

/** Overwrites the uncompressed size the central directory declares for `part` (offset 24 of its record). */
function declareSize(zip: Buffer, part: string, size: number): Buffer {
  const out = Buffer.from(zip);
  const name = Buffer.from(part, "utf8");
  for (let at = out.length - 22; at >= 0; at--) {
    if (
      out.readUInt32LE(at) === 0x02014b50 &&
      out.readUInt16LE(at + 28) === name.length &&
      out.subarray(at + 46, at + 46 + name.length).equals(name)
    ) {
      out.writeUInt32LE(size, at + 24);
      return out;
    }
  }
  throw new Error(`no ${part}`);
}

let bomb: Buffer;
beforeAll(async () => {
  // 60 MB of one letter: deflate packs it in well under a megabyte, and it is over the 50 MB shared-strings cap
  bomb = await withSharedStrings(SST("a".repeat(60 * 1024 * 1024)));
  expect(bomb.length).toBeLessThan(1024 * 1024);
}, 60_000);

test("a shared-strings part declared over 50 MB is refused before it is inflated, naming the part and the cap", async () => {
  const err = await XlsxWorkbook.load(bomb).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PartTooLargeError);
  expect((err as Error).message).toBe(
    "part xl/sharedStrings.xml would take 60.0 MB once unpacked; Closebook reads at most 50 MB for shared strings (Excel's cells hold at most 32,767 characters each).",
  );
});

test("a part whose declared size lies is stopped at the cap while inflating", async () => {
  const lying = declareSize(bomb, "xl/sharedStrings.xml", 1000);
  await expect(XlsxWorkbook.load(lying)).rejects.toThrow(/part xl\/sharedStrings\.xml unpacks to more than 50 MB/);
});

// The worksheet cap was 200 MB; a million-line Ledger (issue #14, the large demo) is 1,030,117,725 bytes
// unpacked (about 1,030 bytes a row of 17 columns), so the cap is now 1,536 MB (1,610,612,736 bytes).
test("a worksheet declared over 1,536 MB is refused; one at the shared-strings size is not", async () => {
  const small = await withSharedStrings(SST("hello"));
  await expect(XlsxWorkbook.load(declareSize(small, "xl/worksheets/sheet1.xml", 1537 * 1024 * 1024))).rejects.toThrow(
    /part xl\/worksheets\/sheet1\.xml would take 1537\.0 MB once unpacked; Closebook reads at most 1536 MB for a worksheet/,
  );
  const ok = await XlsxWorkbook.load(small);
  expect(ok).toBeInstanceOf(XlsxWorkbook);
});

test("a million-line Ledger part (1,030,117,725 bytes unpacked) is under the worksheet cap", () => {
  expect(() => checkDeclaredSize("xl/worksheets/sheet11.xml", 1_030_117_725)).not.toThrow();
  // the shared strings keep their 50 MB cap (52,428,800 bytes)
  expect(() => checkDeclaredSize("xl/sharedStrings.xml", 52_428_801)).toThrow(PartTooLargeError);
});

test("the CLI reports an oversized part in plain words, with exit code 1", async () => {
  const dir = mkdtempSync(join(tmpdir(), "closebook-bomb-"));
  try {
    const file = join(dir, "bomb.xlsx");
    writeFileSync(file, bomb);
    const r = await cli("verify", file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("part xl/sharedStrings.xml would take 60.0 MB once unpacked");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
