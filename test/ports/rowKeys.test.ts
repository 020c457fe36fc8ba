/**
 * Key columns of updateCellsByKey (src/ports/rowKeys.ts) are found the way the
 * schema matches headers: case, surrounding and repeated spaces ignored. A
 * journal whose header reads "  JOURNAL " (the bad-input fuzz's "upper"
 * rename) decodes as the Journal column, so posting must find it too — before
 * the fix keyIndexes compared lower case only and threw
 * `updateCellsByKey tblJournal: no column "Journal"` out of postJournals.
 */
import { keyIndexes } from "../../src/ports/rowKeys";

test("a key column is found whatever its case and spacing; a missing one still throws naming it", () => {
  // headers 0..3: "  JOURNAL ", "Draft   voucher", "date", "Line"
  expect(
    keyIndexes("tblJournal", ["  JOURNAL ", "Draft   voucher", "date", "Line"], ["Journal", "Draft voucher", "Date"]),
  ).toEqual([0, 1, 2]);
  expect(() => keyIndexes("tblJournal", ["Journal x"], ["Journal"])).toThrow(
    'updateCellsByKey tblJournal: no column "Journal"',
  );
});
