/**
 * Journal imports are checked a chunk of whole vouchers at a time (src/app/importJournal.ts, issue #14: a 1M-line
 * import fits in memory). Chunking must not change what is found: for any imported lines (vouchers interleaved,
 * some unbalanced, unknown accounts and currencies, bad cells, lines in a closed period), the issues and lock
 * overrides with chunks of 1 to 4 lines equal those of one chunk, the way posting all of them at once finds them.
 *
 * Worked example (voucherChunks): new rows A, B, A, C with chunks of 1 line → A's rows {0, 2} in chunk 1, B's {1}
 * in chunk 2, C's {3} in chunk 3: the second A row joins its voucher's chunk although chunk 2 is open.
 */
import fc from "fast-check";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { checkJournalImport, voucherChunks } from "../../src/app/importJournal";
import { loadBook } from "../../src/app/loadBook";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import type { JournalLine } from "../../src/core/ledger/types";
import { Amount } from "../../src/core/money";
import type { Issue } from "../../src/core/issues/issue";
import type { CellValue } from "../../src/ports/workbook";
import { resolveColumns } from "../../src/schema/defineTable";
import { encodeRecords } from "../../src/schema/records";
import { JOURNAL } from "../../src/schema/tables";
import { smallCompany } from "../support/smallCompany";

/** tblJournal's first three columns, as a raw table (voucherChunks reads only its headers) */
const TABLE = { name: "tblJournal", sheet: "Journal", headers: ["Journal", "Draft voucher", "Date"], rows: [] };

test("voucherChunks: a voucher's rows stay in the chunk of its first row", () => {
  const rows: CellValue[][] = [
    ["GJ", "A", "2026-03-01"],
    ["GJ", "B", "2026-03-01"],
    ["GJ", "A", "2026-03-01"],
    ["GJ", "C", "2026-03-01"],
  ];
  expect(voucherChunks(TABLE, rows, 1)).toEqual([[0, 2], [1], [3]]);
  expect(voucherChunks(TABLE, rows, 2)).toEqual([[0, 1, 2], [3]]);
  expect(voucherChunks(TABLE, rows, 50_000)).toEqual([[0, 1, 2, 3]]);
  // the key is coarse (trimmed, case-folded): " a " is put with "A", never split from it
  expect(voucherChunks(TABLE, [rows[0]!, ["GJ", "B", ""], ["gj", " a ", ""]], 1)).toEqual([[0, 2], [1]]);
});

/** One generated line: voucher id, account, currency, side and amount in cents; `bad` puts text in the debit cell. */
interface GenLine {
  readonly voucher: number;
  readonly date: string;
  readonly account: string;
  readonly currency: string;
  readonly debit: boolean;
  readonly cents: number;
  readonly bad: boolean;
}

const lineArb: fc.Arbitrary<GenLine> = fc.record({
  voucher: fc.integer({ min: 1, max: 6 }),
  // 2026-01 is closed in some runs below (a gate refusal), March is open
  date: fc.constantFrom("2026-03-10", "2026-03-12", "2026-01-15"),
  account: fc.constantFrom("1000", "4000", "6100", "9999"),
  currency: fc.constantFrom("USD", "USD", "EUR", "XXX"),
  debit: fc.boolean(),
  cents: fc.constantFrom(10000, 10000, 2550, 1),
  bad: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

function rowsOf(gen: readonly GenLine[], dims: readonly string[]): CellValue[][] {
  const lines: JournalLine[] = gen.map((g, i) => {
    const amount = Amount.fromUnits(BigInt(g.cents), 2);
    return {
      row: i + 1,
      journal: "GJ-IMPORT",
      draftVoucher: `V-${g.voucher}`,
      date: g.date,
      account: g.account,
      dimensions: Object.fromEntries(dims.map((d) => [d, ""])),
      currency: g.currency,
      debit: g.debit ? amount : undefined,
      credit: g.debit ? undefined : amount,
      rate: undefined,
      description: "imported",
      status: "Draft",
      message: "",
      postedVoucher: "",
    };
  });
  const rows = encodeRecords(JOURNAL, dims, lines);
  const debitAt = resolveColumns(JOURNAL, dims).findIndex((c) => c.key === "debit");
  gen.forEach((g, i) => {
    if (g.bad) rows[i]![debitAt] = "twelve";
  });
  return rows;
}

const key = (i: Issue) => `${i.code}|${i.severity}|${i.message}|${i.at?.table}|${i.at?.row}|${i.at?.column}`;

test("chunks of 1 to 4 lines find the same issues and overrides as one chunk", async () => {
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, smallCompany());
  const { book, raw } = await loadBook(wb);
  const existing = raw.get(JOURNAL.name)!;
  const dims = book.setup.dimensions.map((d) => d.name);
  expect(resolveColumns(JOURNAL, dims).map((c) => c.header)).toEqual(existing.headers);
  const codes = new Set<string>();
  await fc.assert(
    fc.asyncProperty(
      fc.array(lineArb, { minLength: 1, maxLength: 14 }),
      fc.integer({ min: 1, max: 4 }),
      fc.boolean(),
      async (gen, chunkLines, januaryClosed) => {
        const newRows = rowsOf(gen, dims);
        const input = {
          existing,
          base: existing.rows.length,
          newRows,
          setup: book.setup,
          dimensions: dims,
          user: "alice",
          now: "2026-04-01T09:00:00.000Z",
          locks: { exceptions: [], sealed: new Set(januaryClosed ? ["2026-01"] : []) },
        };
        const whole = checkJournalImport({ ...input, chunkLines: 1_000_000 });
        const chunked = checkJournalImport({ ...input, chunkLines });
        expect(new Set(chunked.issues.map(key))).toEqual(new Set(whole.issues.map(key)));
        expect(chunked.issues.length).toBe(whole.issues.length);
        expect(chunked.overrides).toEqual(whole.overrides);
        for (const i of whole.issues) codes.add(i.code);
        // every row named is one of the new rows, numbered after the existing ones
        for (const i of chunked.issues)
          if (i.at?.row !== undefined) {
            expect(i.at.row).toBeGreaterThan(existing.rows.length);
            expect(i.at.row).toBeLessThanOrEqual(existing.rows.length + newRows.length);
          }
      },
    ),
    { numRuns: 150 },
  );
  // the generator reaches the checks that matter: cells, accounts, currencies, balance, the gate
  expect([...codes]).toEqual(
    expect.arrayContaining([
      "BAD_CELL",
      "UNBALANCED",
      "VOUCHER_DATES",
      "UNKNOWN_ACCOUNT",
      "UNKNOWN_CURRENCY",
      "PERIOD_SEALED",
    ]),
  );
});
