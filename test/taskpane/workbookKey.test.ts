/**
 * "Remembered for this workbook" (issue #17 risk 9): Office.context.partitionKey
 * is a storage partition (the same for every workbook the add-in opens in one
 * Excel on the web origin), not a workbook. Keyed by partitionKey alone, two
 * workbooks in one partition shared the remembered user.
 *
 * Worked example: partition "p1", workbooks https://x/a.xlsx and https://x/b.xlsx →
 * keys "p1|https://x/a.xlsx" and "p1|https://x/b.xlsx" (different); without a
 * partition the key stays the URL, as before, so nothing remembered is lost.
 */
import { workbookKeyOf } from "../../src/taskpane/workbookKey";

test("two workbooks in the same storage partition get different keys", () => {
  const a = workbookKeyOf({ partitionKey: "p1", document: { url: "https://x/a.xlsx" } });
  const b = workbookKeyOf({ partitionKey: "p1", document: { url: "https://x/b.xlsx" } });
  expect(a).not.toBe(b);
  expect(a).toBe("p1|https://x/a.xlsx");
});

test("the same workbook in two partitions gets two keys (storage is per partition anyway)", () => {
  expect(workbookKeyOf({ partitionKey: "p1", document: { url: "u" } })).not.toBe(
    workbookKeyOf({ partitionKey: "p2", document: { url: "u" } }),
  );
});

test("without a partition the key is the document URL (unchanged from before); without either, one key", () => {
  expect(workbookKeyOf({ document: { url: "C:\\books\\close.xlsx" } })).toBe("C:\\books\\close.xlsx");
  expect(workbookKeyOf({ partitionKey: "", document: { url: "" } })).toBe("workbook");
  expect(workbookKeyOf(undefined)).toBe("workbook");
  expect(workbookKeyOf({ partitionKey: "p1" })).toBe("p1|");
});

test("a host whose document getter throws gets the partition-only or default key", () => {
  const throwing = {
    partitionKey: "p1",
    get document(): { url: string } {
      throw new Error("no document");
    },
  };
  expect(workbookKeyOf(throwing)).toBe("p1|");
});
