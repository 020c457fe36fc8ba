/**
 * The Rates tab's pure helpers: the per-pair summary (latest date and rate as
 * Rate's own decimal text), the date range of pasted CSV, the default As-of
 * date, the ECB range and the rate-check headline.
 */
import { MemoryWorkbook } from "../../../src/adapters/memory/memoryWorkbook";
import { importRates } from "../../../src/app/rates/importRates";
import { CsvProvider } from "../../../src/app/rates/rateProvider";
import { setupWorkbook } from "../../../src/app/setupWorkbook";
import { fixedClock } from "../../../src/ports/clock";
import { buildFiscalYear } from "../../../src/core/calendar/fiscalYear";
import { issue } from "../../../src/core/issues/issue";
import type { FiscalPeriod } from "../../../src/core/ledger/types";
import { busyText } from "../../../src/taskpane/reports/BusyStatus";
import {
  csvDateRange,
  defaultAsOf,
  ecbRange,
  rateCheckHeadline,
  RATES_CSV_FORMAT,
  showRate,
  summarizeRates,
} from "../../../src/taskpane/rates/rateSummary";
import { rate } from "../../support/fixtures";
import { smallCompany } from "../../support/smallCompany";

// busyText is plain text; nothing here renders, so BusyStatus.tsx's Fluent UI import is stubbed (loading Fluent
// costs about 3.5 s of CPU per suite; test/preview/sheetGrid.test.tsx renders with the real one)
jest.mock("@fluentui/react-components", () => ({}));

const withRow = (row: number, r: ReturnType<typeof rate>) => ({ ...r, row });

test("one line per pair and type, with the latest date and the rate as quoted", () => {
  const lines = summarizeRates([
    withRow(1, rate("2026-03-20", "EUR", "USD", "1.0900")),
    withRow(2, rate("2026-03-01", "EUR", "USD", "1.0825")),
    withRow(3, rate("2026-03-01", "JPY", "USD", "0.6712", 100)),
    withRow(4, rate("2026-03-31", "EUR", "USD", "1.1", 1, "average")),
    withRow(5, rate("2026-03-01", "GBP", "USD", "1.27")),
  ]);
  expect(lines).toEqual([
    { pair: "EUR→USD", type: "average", latest: "2026-03-31", rate: "1.1", rows: 1, row: 4 },
    { pair: "EUR→USD", type: "spot", latest: "2026-03-20", rate: "1.09", rows: 2, row: 1 },
    { pair: "GBP→USD", type: "spot", latest: "2026-03-01", rate: "1.27", rows: 1, row: 5 },
    { pair: "JPY→USD", type: "spot", latest: "2026-03-01", rate: "0.6712 per 100", rows: 1, row: 3 },
  ]);
  expect(summarizeRates([])).toEqual([]);
});

test("a rate is shown from its exact value, never a float's digits", () => {
  expect(showRate(rate("2026-03-01", "EUR", "USD", "0.30000000000000004"))).toBe("0.30000000000000004");
  expect(showRate(rate("2026-03-01", "EUR", "USD", "1.23456789012345678"))).toBe("1.23456789012345678");
});

test("the CSV range is its first and last date; problems come back as issues instead", () => {
  const csv = `${RATES_CSV_FORMAT.header}\n${RATES_CSV_FORMAT.example.join("\n")}\n2026-03-02,GBP,USD,1.27,,,\n`;
  expect(csvDateRange(csv, "rates.csv")).toEqual({ from: "2026-03-02", to: "2026-03-31" });
  expect(csvDateRange("  ", "Rates CSV")).toEqual({ issues: [expect.objectContaining({ code: "EMPTY_FILE" })] });
  const bad = csvDateRange("Date,From,To\n2026-03-31,EUR,USD", "rates.csv");
  expect("issues" in bad && bad.issues.map((i) => [i.code, i.at?.column])).toEqual([["MISSING_COLUMN", "Rate"]]);
  // the example in the help text imports as it stands
  expect(csvDateRange([RATES_CSV_FORMAT.header, ...RATES_CSV_FORMAT.example].join("\n"), "x")).toEqual({
    from: "2026-03-31",
    to: "2026-03-31",
  });
});

test("As of defaults to the end of the earliest Open operating period", () => {
  const fy = buildFiscalYear(2026, 1);
  const status = (closed: readonly string[]): FiscalPeriod[] =>
    fy.map((p) => (closed.includes(p.id) ? { ...p, status: "On hold" } : p));
  expect(defaultAsOf(fy)).toBe("2026-01-31");
  expect(defaultAsOf(status(["2026-01", "2026-02"]))).toBe("2026-03-31");
  const allClosed = status(fy.filter((p) => p.kind === "operating").map((p) => p.id));
  expect(defaultAsOf(allClosed)).toBe("2026-12-31");
  expect(defaultAsOf([])).toBeUndefined();
});

test("the ECB import covers the As-of date's period up to that date", () => {
  const fy = buildFiscalYear(2026, 1);
  expect(ecbRange(fy, "2026-03-17")).toEqual({ from: "2026-03-01", to: "2026-03-17" });
  expect(ecbRange(fy, "2027-01-05")).toEqual({ from: "2027-01-05", to: "2027-01-05" });
});

test("the headline says all is well, or counts what was found", () => {
  expect(rateCheckHeadline([], "2026-03-31")).toEqual({
    ok: true,
    text: "Rates complete, current, no outliers as of 2026-03-31",
  });
  expect(rateCheckHeadline([issue("REPEATED_RATE", "same twice", undefined, "info")], "2026-03-31").ok).toBe(true);
  const found = [
    issue("MISSING_RATE", "no GBP"),
    issue("STALE_RATE", "old", undefined, "warning"),
    issue("STALE_RATE", "old", undefined, "warning"),
    issue("RATE_OUTLIER", "jump", undefined, "warning"),
    issue("DUPLICATE_RATE", "twice"),
    issue("BAD_CELL", "unreadable"),
  ];
  expect(rateCheckHeadline(found, "2026-03-31")).toEqual({
    ok: false,
    text: "As of 2026-03-31: 1 missing rate, 2 stale rates, 1 outlier, 1 duplicate, 1 other finding.",
  });
});

test("the busy line names the operation, and the table and counts once the port reports chunks", () => {
  expect(busyText({ label: "Checking rates" })).toBe("Checking rates…");
  expect(busyText({ label: "Importing rates", table: "tblRates", op: "write", done: 5000, total: 24000 })).toBe(
    "Importing rates: writing tblRates, 5,000 of 24,000 rows",
  );
});

test("the format shown as help imports as the pane imports it: over the CSV's own date range", async () => {
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, smallCompany());
  const text = [RATES_CSV_FORMAT.header, ...RATES_CSV_FORMAT.example].join("\n");
  const range = csvDateRange(text, "Rates CSV");
  if ("issues" in range) throw new Error("the example does not parse");
  const r = await importRates(wb, new CsvProvider(text, "Rates CSV"), range, {
    user: "alice",
    clock: fixedClock("2026-04-01T09:00:00.000Z"),
  });
  expect([r.imported, r.skipped, r.runId]).toEqual([2, 0, "RUN-000001"]);
  expect(r.issues.filter((i) => i.severity !== "info")).toEqual([]);
});
