/**
 * Excel on the web's 5 MB limit is on the whole request in UTF-8 bytes
 * (issue #17 risk 4). The fake counts UTF-8 bytes of the JSON plus
 * OP_OVERHEAD per call, and can fail an oversized request as a bare
 * GeneralException (office-js #1012, #1314).
 *
 * Worked example: a row [n, "東"×20,000, "東"×20,000] is ~40,000 characters
 * but ~120,000 bytes (each 東 is 3 bytes in UTF-8). A chunk cut at 3,000,000
 * characters holds ~75 such rows = ~9 MB: refused. Cut by bytes, ~25 rows
 * (~3 MB) fit.
 */
import { ExcelWorkbook } from "../../../src/adapters/excel/excelWorkbook";
import { createFakeExcel } from "../../../src/preview/fakeExcel";

const FIVE_MB = 5 * 1024 * 1024;
const CJK = "東".repeat(20_000);
const SHAPE = { name: "tblLong", sheet: "Long", headers: ["N", "A", "B"], numberFormats: ["0", "@", "General"] };
const rows = Array.from({ length: 200 }, (_, i) => [i, CJK, CJK]);

for (const payloadError of ["limit", "GeneralException"] as const) {
  test(`CJK text: createTable, appendRows and readTable stay under 5 MB in bytes (oversized fails as ${payloadError})`, async () => {
    const fake = createFakeExcel({ payloadError });
    const port = new ExcelWorkbook(fake.run);
    await port.createTable(SHAPE, rows.slice(0, 100));
    await port.appendRows("tblLong", rows.slice(100));
    const read = await port.readTable("tblLong");
    expect(read?.rows).toHaveLength(200);
    expect(read?.rows[199]).toEqual([199, CJK, CJK]);
    expect(Math.max(...fake.stats.syncs.map((s) => s.requestBytes))).toBeLessThan(FIVE_MB);
  });
}

test("updateCells is sized by bytes, not only by count: 2,000 cells of 1,000 CJK characters (~6 MB) go in several syncs", async () => {
  const fake = createFakeExcel({ payloadError: "GeneralException" });
  const port = new ExcelWorkbook(fake.run);
  await port.createTable(
    { name: "tblU", sheet: "U", headers: ["K", "Note"], numberFormats: ["@", "@"] },
    Array.from({ length: 2000 }, (_, i) => [`k${i}`, null]),
  );
  const note = "東".repeat(1000);
  fake.resetStats();
  await port.updateCells(
    "tblU",
    Array.from({ length: 2000 }, (_, i) => ({ row: i + 1, column: "Note", value: note })),
  );
  expect(fake.stats.syncs.every((s) => s.error === undefined && s.requestBytes < FIVE_MB)).toBe(true);
  expect((await port.readTable("tblU"))?.rows[1999]).toEqual(["k1999", note]);
});

test("a write refused as GeneralException under a tighter limit is retried in halves and completes", async () => {
  // 39 rows × 60,000 bytes = ~2.3 MB in one chunk (under the adapter's 3 MB aim); the limit here is 1 MB:
  // refused, then halves of 20 rows (~1.2 MB) refused again, then 10 rows (~0.6 MB) fit
  const fake = createFakeExcel({ payloadLimit: 1_000_000, payloadError: "GeneralException" });
  const port = new ExcelWorkbook(fake.run);
  const small = Array.from({ length: 40 }, (_, i) => [i, "東".repeat(20_000), "x"]);
  await port.createTable(SHAPE, small.slice(0, 1));
  await port.appendRows("tblLong", small.slice(1));
  expect((await port.readTable("tblLong"))?.rows).toEqual(small);
  expect(fake.stats.syncs.some((s) => s.error === "GeneralException")).toBe(true);
});
