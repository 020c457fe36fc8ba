/**
 * Decoded ledger lines share what repeats (bookCodec.ts): lines with the same dimension values hold one
 * frozen dimension set (a million-line ledger has a few hundred distinct sets, not a million objects).
 */
import { decodeLedger } from "../../src/schema/bookCodec";
import { tableHeaders } from "../../src/schema/defineTable";
import { LEDGER } from "../../src/schema/tables";
import type { CellValue, RawTable } from "../../src/ports/workbook";
import type { Issue } from "../../src/core/issues/issue";

const NAMES = ["Department", "Cost center"];
const headers = tableHeaders(LEDGER, NAMES);

function line(entryNo: number, dept: string | null, cc: string | null): CellValue[] {
  const byHeader: Record<string, CellValue> = {
    "Entry no": entryNo,
    Voucher: `GL-${entryNo}`,
    Date: new Date("2026-03-31T00:00:00.000Z"),
    Period: "2026-03",
    Account: "6100",
    Department: dept,
    "Cost center": cc,
    Currency: "EUR",
    Amount: 10,
    "Amount (accounting)": 10,
  };
  return headers.map((h) => byHeader[h] ?? null);
}

test("lines with the same dimension values share one frozen set; other values get their own", () => {
  const raw: RawTable = {
    name: LEDGER.name,
    sheet: LEDGER.sheet,
    headers,
    rows: [line(1, "SALES", "CC100"), line(2, "SALES", "CC100"), line(3, "SALES", null), line(4, null, "CC100")],
  };
  const issues: Issue[] = [];
  const lines = decodeLedger(raw, NAMES, issues);
  expect(issues).toEqual([]);
  expect(lines.map((l) => l.dimensions)).toEqual([
    { Department: "SALES", "Cost center": "CC100" },
    { Department: "SALES", "Cost center": "CC100" },
    { Department: "SALES", "Cost center": "" },
    { Department: "", "Cost center": "CC100" },
  ]);
  expect(lines[1]!.dimensions).toBe(lines[0]!.dimensions);
  expect(lines[2]!.dimensions).not.toBe(lines[0]!.dimensions);
  expect(Object.isFrozen(lines[0]!.dimensions)).toBe(true);
});
