/**
 * A CSV of n generated journal lines for `closebook import FILE --table journal` (the file bench's import row):
 * the large demo's 2-line vouchers (src/app/demo/largeJournal.ts), all dated `onDate`, written a thousand
 * vouchers at a time so a million lines never sit in memory as one string; cells as export writes them.
 *
 * Example: writeJournalCsv("/tmp/j.csv", 4) → a header (Journal, Voucher, Date, Account, …, Department,
 *   CostCenter) and four rows: IMP-2026-12 vouchers dated 2026-12-31, each a debit line and a credit line.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { cellText } from "../src/app/exportCsv";
import { csvCell } from "../src/app/csv";
import { demoCompany } from "../src/app/demo/demoCompany";
import { voucherCount, voucherLines, voucherUnits } from "../src/app/demo/largeJournal";
import { resolveColumns } from "../src/schema/defineTable";
import { encodeRecord } from "../src/schema/records";
import { JOURNAL } from "../src/schema/tables";

export function writeJournalCsv(file: string, n: number, onDate = "2026-12-31"): void {
  const dims = demoCompany(2026).dimensions.map((d) => d.name);
  const columns = resolveColumns(JOURNAL, dims);
  const count = voucherCount(n);
  const units = voucherUnits(count);
  const fd = openSync(file, "w");
  try {
    writeSync(fd, `${columns.map((c) => csvCell(c.header)).join(",")}\r\n`);
    let chunk: string[] = [];
    for (let v = 0; v < count; v++) {
      for (const line of voucherLines(v, units[v]!, { onDate, prefix: "IMP" })) {
        const row = encodeRecord(JOURNAL, dims, line);
        chunk.push(`${row.map((cell, i) => csvCell(cellText(columns[i]!.type, cell))).join(",")}\r\n`);
      }
      if (chunk.length >= 2000 || v === count - 1) {
        writeSync(fd, chunk.join(""));
        chunk = [];
      }
    }
  } finally {
    closeSync(fd);
  }
}
