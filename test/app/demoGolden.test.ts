/**
 * Golden files for the demo's statements (hledger-style): the whole demo year
 * is closed in memory (once per test run: test/support/demoFixture.ts) and the December income statement and balance sheet
 * (after the year-end close) must match test/fixtures/golden/*.csv cell for
 * cell. A deliberate change regenerates them with UPDATE_GOLDEN=1; the
 * numbers themselves are checked elsewhere (statement tests, tie-out rows,
 * the balance-sheet check line).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { loadBook } from "../../src/app/loadBook";
import { Amount } from "../../src/core/money";
import { RateTable } from "../../src/core/rates/rateTable";
import { shownValue, type CellValue } from "../../src/ports/workbook";
import { demoMemory } from "../support/demoFixture";

const GOLDEN = join(__dirname, "..", "fixtures", "golden");

function toCsv(rows: readonly (readonly CellValue[])[]): string {
  const cell = (v: CellValue): string => {
    if (v === null) return "";
    if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toFixed(2);
    const t = v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === "object" ? v.error : String(v);
    return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  return `${rows.map((r) => r.map(cell).join(",").replace(/,+$/, "")).join("\n")}\n`;
}

let wb: MemoryWorkbook;
beforeAll(async () => {
  const { wb: built, result: r } = await demoMemory("year");
  wb = built;
  expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
  expect(r.yearClosed).toBe("FY2026");
}, 120_000);

test.each([
  ["Income statement 2026-12", "demo-income-statement-2026-12.csv"],
  ["Balance sheet 2026-12", "demo-balance-sheet-2026-12-31.csv"],
])("%s matches its golden file", (sheet, file) => {
  const report = wb.getReport(sheet);
  expect(report).toBeDefined();
  const actual = `${report!.title}\n${toCsv(report!.rows.map((row) => row.map(shownValue)))}`;
  const path = join(GOLDEN, file);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, "utf8"));
});

test("the demo's balance sheet check line is zero and every tie-out difference is zero", () => {
  const rows = wb.getReport("Balance sheet 2026-12")!.rows.map((row) => row.map(shownValue)); // formulas: their results
  const check = rows.find((r) => String(r[0] ?? "").startsWith("Check"));
  expect(check?.[1]).toBe(0);
  const tieOuts = rows
    .slice(rows.findIndex((r) => String(r[0] ?? "").startsWith("Tie-out")) + 1)
    .filter((r) => typeof r[3] === "number");
  expect(tieOuts.length).toBeGreaterThan(0);
  for (const r of tieOuts) expect([r[0], r[3]]).toEqual([r[0], 0]);
});

test("after the demo's December close every revalued account stands at round(currency balance × the 2026-12-31 spot rate)", async () => {
  // Independent of the revaluation code: sum the ledger per account and currency up to 2026-12-31, leaving
  // out the year-end close's own runs (its closing vouchers sit in the closing period), and value the
  // currency balance at the spot rate of 2026-12-31 read from tblRates. Settled items and the realized
  // differences settlement posted net to zero in both currencies, so the account must stand exactly at
  // round(currency balance × rate) — before the fix 1110 was off by −1,127.08, 2010 by −13.40, 2020 by −247.75.
  const { book } = await loadBook(wb);
  const closing = new Set(book.setup.periods.filter((p) => p.kind === "closing").map((p) => p.id));
  const table = new RateTable(book.setup.rates, book.setup.settings.triangulationCurrency);
  const revalued = [...book.setup.accounts.values()].filter((a) => a.revalue).map((a) => a.number);
  const sums = new Map<string, { currency: string; amount: Amount; accounting: Amount }>();
  for (const e of book.ledger) {
    if (e.date > "2026-12-31" || closing.has(e.period) || e.currency === "USD" || !revalued.includes(e.account))
      continue;
    const k = `${e.account} ${e.currency}`;
    const s = sums.get(k) ?? { currency: e.currency, amount: Amount.ZERO, accounting: Amount.ZERO };
    sums.set(k, {
      currency: e.currency,
      amount: s.amount.plus(e.amount),
      accounting: s.accounting.plus(e.amountAccounting),
    });
  }
  expect([...sums.keys()]).toEqual(expect.arrayContaining(["1110 EUR", "2010 GBP", "2020 JPY"]));
  for (const [k, s] of sums) {
    const expected = table.find(s.currency, "USD", "2026-12-31", "spot")!.factor.apply(s.amount, 2, "halfAwayFromZero");
    expect([k, s.accounting.toFixed(2)]).toEqual([k, expected.toFixed(2)]);
  }
});
