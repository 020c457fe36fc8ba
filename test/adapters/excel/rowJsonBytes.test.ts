/**
 * rowJsonBytes sizes a write chunk's rows without making their JSON: it must count exactly what
 * jsonBytes(JSON.stringify(row)) counts in UTF-8, for any cell a write sends (numbers of every kind, strings with
 * quotes, backslashes, control characters, non-ASCII and lone surrogates, booleans, null, undefined).
 * Worked example: [1, "GL-000001", null, true] → `[1,"GL-000001",null,true]`, 25 bytes; ["東"] → `["東"]`, 7 bytes.
 */
import fc from "fast-check";
import { jsonBytes, rowJsonBytes, rowsJsonBytes } from "../../../src/adapters/excel/chunks";

test("worked examples", () => {
  expect(rowJsonBytes([1, "GL-000001", null, true])).toBe(25);
  expect(rowJsonBytes(["東"])).toBe(7);
  expect(rowJsonBytes([])).toBe(2);
  expect(rowJsonBytes(['a"b\\c\n', -0, NaN, 1e21, undefined, false])).toBe(
    jsonBytes(['a"b\\c\n', -0, NaN, 1e21, undefined, false]),
  );
});

test("equals the UTF-8 length of the row's JSON for any cells", () => {
  const cell = fc.oneof(
    fc.double(),
    fc.integer(),
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.string({ unit: "grapheme" }),
    fc.constantFrom(null, undefined, true, false, Infinity, -0),
  );
  fc.assert(
    fc.property(fc.array(cell, { maxLength: 20 }), (row) => rowJsonBytes(row) === jsonBytes(row)),
    {
      numRuns: 2000,
    },
  );
});

test("rows: equals the UTF-8 length of the rows' JSON (a read chunk's values)", () => {
  const cell = fc.oneof(fc.double(), fc.string({ unit: "binary" }), fc.constantFrom(null, true, ""));
  fc.assert(
    fc.property(
      fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 }),
      (rows) => rowsJsonBytes(rows) === jsonBytes(rows),
    ),
    { numRuns: 1000 },
  );
});
