/**
 * Decoded records carry the row they were read from (their source), so an issue about one names
 * that row even when the decoder skipped a blank or unreadable row above it.
 */
import { decodeBook } from "../../src/schema/bookCodec";
import { tableHeaders, type TableDef } from "../../src/schema/defineTable";
import { ACCOUNTS, AUDIT, RATES, RUNS, SEALS } from "../../src/schema/tables";
import type { CellValue, RawTable } from "../../src/ports/workbook";

const blank = (n: number): CellValue[] => Array<CellValue>(n).fill(null);

function raw(def: TableDef, rows: Record<string, CellValue>[]): RawTable {
  const headers = tableHeaders(def, []);
  const keys = def.columns.map((c) => c.key);
  return {
    name: def.name,
    sheet: def.sheet,
    headers,
    rows: rows.map((r) => (Object.keys(r).length ? keys.map((k) => r[k] ?? null) : blank(headers.length))),
  };
}

test("runs, audit rows and seals keep their table row: row 3 blank → the third record is row 4", () => {
  const audit = (seq: number) => ({ seq, at: "2026-03-01 10:00:00", user: "alice", action: "import", hash: "$1$x" });
  const run = (n: number) => ({
    runId: `RUN-00000${n}`,
    step: "import",
    period: "2026-03",
    parameters: "{}",
    user: "alice",
    startedAt: "2026-03-01 10:00:00",
    status: "committed",
  });
  const seal = (p: string) => ({
    period: p,
    version: 1,
    status: "sealed",
    count: 0,
    hash: "$1$x",
    runId: "RUN-000001",
  });
  const tables = new Map<string, RawTable>([
    [AUDIT.name, raw(AUDIT, [audit(1), audit(2), {}, audit(3)])],
    [RUNS.name, raw(RUNS, [run(1), run(2), {}, run(3)])],
    [SEALS.name, raw(SEALS, [seal("2026-01"), seal("2026-02"), {}, seal("2026-03")])],
  ]);
  const { book } = decodeBook((n) => tables.get(n));
  expect(book.audit.map((a) => [a.seq, a.row])).toEqual([
    [1, 1],
    [2, 2],
    [3, 4],
  ]);
  expect(book.runs.map((r) => [r.runId, r.row])).toEqual([
    ["RUN-000001", 1],
    ["RUN-000002", 2],
    ["RUN-000003", 4],
  ]);
  expect(book.seals.map((s) => [s.period, s.row])).toEqual([
    ["2026-01", 1],
    ["2026-02", 2],
    ["2026-03", 4],
  ]);
});

test("accounts and rates keep their table row too (validateSetup names it)", () => {
  const account = (number: string) => ({ number, name: `Account ${number}`, type: "asset" });
  const rate = (date: string) => ({ date, from: "EUR", to: "USD", type: "spot", rate: 1.1 });
  const tables = new Map<string, RawTable>([
    [ACCOUNTS.name, raw(ACCOUNTS, [account("1000"), {}, account("1100")])],
    [RATES.name, raw(RATES, [{}, rate("2026-03-01"), rate("2026-03-02")])],
  ]);
  const { book } = decodeBook((n) => tables.get(n));
  expect([...book.setup.accounts.values()].map((a) => [a.number, a.row])).toEqual([
    ["1000", 1],
    ["1100", 3],
  ]);
  expect(book.setup.rates.map((r) => [r.date, r.row])).toEqual([
    ["2026-03-01", 2],
    ["2026-03-02", 3],
  ]);
});
