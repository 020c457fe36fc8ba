/**
 * Importing rates through a provider into a workbook, with the ECB served by
 * msw from recorded files (test/fixtures/ecb/). No test touches the network:
 * any request without a handler is an error.
 */
// msw's ESM-only dependencies, compiled for Jest (see requireEsm.ts for why)
jest.mock("rettime", () =>
  jest.requireActual<typeof import("./requireEsm")>("./requireEsm").requireEsm(require.resolve("rettime")),
);
jest.mock("@open-draft/deferred-promise", () =>
  jest
    .requireActual<typeof import("./requireEsm")>("./requireEsm")
    .requireEsm(require.resolve("@open-draft/deferred-promise")),
);

import { readFileSync } from "node:fs";
import path from "node:path";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { MemoryWorkbook } from "../../../src/adapters/memory/memoryWorkbook";
import { loadBook } from "../../../src/app/loadBook";
import { openForWrite } from "../../../src/app/openForWrite";
import { importRates } from "../../../src/app/rates/importRates";
import { rateIssuesBeforeRun } from "../../../src/app/rates/rateRows";
import { CsvProvider, ECB_BASE_URL, EcbProvider } from "../../../src/app/rates/rateProvider";
import { setupWorkbook } from "../../../src/app/setupWorkbook";
import { verifyAuditChain } from "../../../src/core/audit/auditChain";
import type { Issue } from "../../../src/core/issues/issue";
import type { ExchangeRate } from "../../../src/core/ledger/types";
import { Rate } from "../../../src/core/money";
import { fixedClock } from "../../../src/ports/clock";
import { smallCompany } from "../../support/smallCompany";
import { WORKBOOK_WHERE } from "../../../src/schema/where";

const fixture = (name: string) => readFileSync(path.join(__dirname, "../../fixtures/ecb", name), "utf8");
const DAILY = fixture("eurofxref-daily.xml");
const HIST_90D = fixture("eurofxref-hist-90d.xml");

const clock = fixedClock("2026-04-01T09:00:00.000Z");
const ctx = { user: "alice", clock };

/** every URL the code asked for, in order */
let requested: string[] = [];
const xml = (body: string) => new HttpResponse(body, { headers: { "Content-Type": "text/xml" } });
const recorded = (base: string) => [
  http.get(`${base}eurofxref-daily.xml`, () => xml(DAILY)),
  http.get(`${base}eurofxref-hist-90d.xml`, () => xml(HIST_90D)),
];

const server = setupServer(...recorded(ECB_BASE_URL));
server.events.on("request:start", ({ request }) => {
  requested.push(new URL(request.url).pathname.split("/").pop() ?? "");
});
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
beforeEach(() => {
  requested = [];
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

async function workbook(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, smallCompany()); // USD books; EUR, GBP, JPY; four rates (EUR 03-01 and 03-20, JPY and GBP 03-01)
  return wb;
}

const brief = (r: ExchangeRate) =>
  `${r.date} ${r.from}→${r.to} ${r.type} ${r.rate.toString()}/${r.quotationUnit} ${r.source}`;
const codes = (issues: readonly Issue[]) => issues.map((i) => `${i.severity} ${i.code}`);
const state = (wb: MemoryWorkbook) => JSON.stringify(wb.snapshot());

describe("the ECB, through recorded responses", () => {
  test("a single date: the daily file, triangulated to USD; rows, a run and an audit row are written", async () => {
    const wb = await workbook();
    const r = await importRates(wb, new EcbProvider(), { from: "2026-03-31" }, ctx);
    expect(requested).toEqual(["eurofxref-daily.xml"]);
    expect(r).toMatchObject({ imported: 3, skipped: 0, runId: "RUN-000001" });
    expect(codes(r.issues)).toEqual(["info ECB_CURRENCY_SKIPPED"]); // CHF is not in the currencies table
    const { book } = await loadBook(wb);
    expect(book.setup.rates.slice(4).map(brief)).toEqual([
      "2026-03-31 EUR→USD spot 1.0823/1 ECB 2026-03-31",
      "2026-03-31 GBP→USD spot 1.267181829/1 ECB 2026-03-31", // 1.0823 / 0.8541 = 1.26718182882…
      "2026-03-31 JPY→USD spot 0.6661537515/100 ECB 2026-03-31", // 100 × 1.0823 / 162.47 = 0.66615375146…
    ]);
    expect(book.runs).toEqual([
      expect.objectContaining({ runId: "RUN-000001", step: "import-rates", status: "committed", lines: 3 }),
    ]);
    expect(JSON.parse(book.runs[0]!.parameters)).toEqual({
      provider: "ECB",
      from: "2026-03-31",
      to: "2026-03-31",
      currencies: ["EUR", "GBP", "JPY"],
      tails: { tblRates: 4 },
    });
    expect(book.audit).toEqual([
      expect.objectContaining({
        action: "import",
        subject: "tblRates",
        detail: "3 rates from ECB for 2026-03-31 into tblRates",
        runId: "RUN-000001",
        user: "alice",
      }),
    ]);
    expect(verifyAuditChain(WORKBOOK_WHERE, book.audit)).toEqual([]);
  });

  test("importing again skips what is there: nothing written, no run", async () => {
    const wb = await workbook();
    await importRates(wb, new EcbProvider(), { from: "2026-03-31" }, ctx);
    const before = state(wb);
    const again = await importRates(wb, new EcbProvider(), { from: "2026-03-31" }, ctx);
    expect(again).toMatchObject({ imported: 0, skipped: 3 });
    expect(again.runId).toBeUndefined();
    expect(codes(again.issues)).toEqual(["info ECB_CURRENCY_SKIPPED", "info NOTHING_NEW"]);
    expect(again.issues[1]!.message).toBe(
      "All 3 rates from ECB for 2026-03-31 are already in tblRates; nothing was written.",
    );
    expect(state(wb)).toBe(before);
  });

  test("a range: the 90-day file; a later overlapping range adds only the new days", async () => {
    const wb = await workbook();
    const week = await importRates(wb, new EcbProvider(), { from: "2026-03-23", to: "2026-03-27" }, ctx);
    expect(requested).toEqual(["eurofxref-hist-90d.xml"]);
    expect(week).toMatchObject({ imported: 15, skipped: 0 });
    const more = await importRates(wb, new EcbProvider(), { from: "2026-03-23", to: "2026-03-31" }, ctx);
    expect(more).toMatchObject({ imported: 6, skipped: 15, runId: "RUN-000002" });
    const { book } = await loadBook(wb);
    expect(book.setup.rates).toHaveLength(4 + 21);
    expect(book.runs.map((x) => [x.runId, x.status, x.lines])).toEqual([
      ["RUN-000001", "committed", 15],
      ["RUN-000002", "committed", 6],
    ]);
    expect(book.audit.map((a) => a.detail)).toEqual([
      "15 rates from ECB for 2026-03-23..2026-03-27 into tblRates",
      "6 rates from ECB for 2026-03-23..2026-03-31 into tblRates; 15 already there",
    ]);
  });

  test("a date the daily file is newer than: on to the 90-day file", async () => {
    const wb = await workbook();
    const r = await importRates(wb, new EcbProvider(), { from: "2026-03-27" }, ctx);
    expect(requested).toEqual(["eurofxref-daily.xml", "eurofxref-hist-90d.xml"]);
    expect(r.imported).toBe(3);
    const { book } = await loadBook(wb);
    expect(book.setup.rates.slice(4).map((x) => `${x.date} ${x.from} ${x.rate.toString()}`)).toEqual([
      "2026-03-27 EUR 1.0866",
      "2026-03-27 GBP 1.272872104",
      "2026-03-27 JPY 0.6695421776",
    ]);
  });

  test("a holiday (Good Friday 2026-04-03): the rates in force, dated the last working day", async () => {
    const wb = await workbook();
    const r = await importRates(wb, new EcbProvider(), { from: "2026-04-03" }, ctx);
    expect(requested).toEqual(["eurofxref-daily.xml"]);
    expect(r.imported).toBe(3);
    expect((await loadBook(wb)).book.setup.rates.slice(4).map((x) => x.date)).toEqual([
      "2026-03-31",
      "2026-03-31",
      "2026-03-31",
    ]);
  });

  test("a value that differs from tblRates is refused, naming the row; nothing is written", async () => {
    const wb = await workbook();
    const before = state(wb);
    // the ECB gives EUR→USD 1.0874 on 2026-03-20; tblRates row 2 holds 1.09
    const r = await importRates(wb, new EcbProvider(), { from: "2026-03-16", to: "2026-03-31" }, ctx);
    expect(r).toMatchObject({ imported: 0, skipped: 0 });
    const conflict = r.issues.filter((i) => i.severity === "error");
    expect(conflict).toEqual([
      {
        code: "DUPLICATE_RATE",
        severity: "error",
        message:
          "ECB gives EUR→USD spot 2026-03-20 as 1.0874, but this row holds 1.09. Nothing was imported; correct or delete the row and import again.",
        at: { table: "tblRates", row: 2, column: "Rate" },
      },
    ]);
    expect(state(wb)).toBe(before);
  });

  test("the same value in another quotation unit is the same rate: skipped", async () => {
    const wb = new MemoryWorkbook();
    const company = smallCompany();
    // 0.006661537515 per 1 yen = the ECB's 0.6661537515 per 100
    const jpyPerUnit: ExchangeRate = {
      date: "2026-03-31",
      from: "JPY",
      to: "USD",
      type: "spot",
      rate: Rate.parse("0.006661537515")!,
      quotationUnit: 1,
      source: "typed",
    };
    await setupWorkbook(wb, { ...company, rates: [...(company.rates ?? []), jpyPerUnit] });
    const r = await importRates(wb, new EcbProvider(), { from: "2026-03-31" }, ctx);
    expect(r).toMatchObject({ imported: 2, skipped: 1 });
  });

  test("HTTP 500: an error issue, nothing written", async () => {
    server.use(
      http.get(
        `${ECB_BASE_URL}eurofxref-daily.xml`,
        () => new HttpResponse("Internal Server Error", { status: 500, statusText: "Internal Server Error" }),
      ),
    );
    const wb = await workbook();
    const before = state(wb);
    const r = await importRates(wb, new EcbProvider(), { from: "2026-03-31" }, ctx);
    expect(r).toMatchObject({ imported: 0, skipped: 0 });
    expect(r.issues).toEqual([
      {
        code: "RATES_HTTP_ERROR",
        severity: "error",
        message:
          "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml answered HTTP 500 Internal Server Error; nothing was imported. Try again later.",
        at: { table: "eurofxref-daily.xml" },
      },
    ]);
    expect(state(wb)).toBe(before);
  });

  test("malformed XML (a response cut short): an error issue naming file and line, nothing written", async () => {
    server.use(http.get(`${ECB_BASE_URL}eurofxref-hist-90d.xml`, () => xml(HIST_90D.slice(0, 1200))));
    const wb = await workbook();
    const before = state(wb);
    const r = await importRates(wb, new EcbProvider(), { from: "2026-03-23", to: "2026-03-31" }, ctx);
    expect(r.imported).toBe(0);
    expect(codes(r.issues)).toEqual(["error ECB_MALFORMED"]);
    expect(r.issues[0]!.at).toMatchObject({ table: "eurofxref-hist-90d.xml" });
    expect(r.issues[0]!.message).toMatch(/cut short/);
    expect(state(wb)).toBe(before);
  });

  test("an HTML page instead of XML (a captive portal): an error issue, nothing written", async () => {
    server.use(
      http.get(`${ECB_BASE_URL}eurofxref-daily.xml`, () =>
        HttpResponse.html("<!DOCTYPE html><html><body><p>Please log in<br></body></html>"),
      ),
    );
    const wb = await workbook();
    const before = state(wb);
    const r = await importRates(wb, new EcbProvider(), { from: "2026-03-31" }, ctx);
    expect(codes(r.issues)).toEqual(["error ECB_MALFORMED"]);
    expect(state(wb)).toBe(before);
  });

  test("the network failing: an error issue, nothing written", async () => {
    server.use(http.get(`${ECB_BASE_URL}eurofxref-daily.xml`, () => HttpResponse.error()));
    const wb = await workbook();
    const before = state(wb);
    const r = await importRates(wb, new EcbProvider(), { from: "2026-03-31" }, ctx);
    expect(codes(r.issues)).toEqual(["error RATES_UNREACHABLE"]);
    expect(state(wb)).toBe(before);
  });

  test("a range before the 90 days: on to the full history (here unavailable: 503)", async () => {
    server.use(http.get(`${ECB_BASE_URL}eurofxref-hist.xml`, () => new HttpResponse(null, { status: 503 })));
    const wb = await workbook();
    const before = state(wb);
    const r = await importRates(wb, new EcbProvider(), { from: "2026-02-16", to: "2026-03-31" }, ctx);
    expect(requested).toEqual(["eurofxref-hist-90d.xml", "eurofxref-hist.xml"]);
    expect(codes(r.issues)).toEqual(["error RATES_HTTP_ERROR"]);
    expect(r.issues[0]!.message).toMatch(/eurofxref-hist\.xml answered HTTP 503/);
    expect(state(wb)).toBe(before);
  });

  test("the base URL is an option (a same-origin proxy for the task pane)", async () => {
    server.use(...recorded("https://proxy.closebook.test/ecb/"));
    const wb = await workbook();
    const r = await importRates(
      wb,
      new EcbProvider({ baseUrl: "https://proxy.closebook.test/ecb" }),
      { from: "2026-03-31" },
      ctx,
    );
    expect(r.imported).toBe(3);
  });

  test("only the currencies asked for; one not in the currencies table is a warning", async () => {
    const wb = await workbook();
    const r = await importRates(wb, new EcbProvider(), { from: "2026-03-31", currencies: ["gbp", "CHF"] }, ctx);
    expect(r.imported).toBe(1);
    expect(codes(r.issues)).toEqual(["warning UNKNOWN_CURRENCY", "info ECB_CURRENCY_SKIPPED"]);
    expect((await loadBook(wb)).book.setup.rates.slice(4).map((x) => x.from)).toEqual(["GBP"]);
  });

  test("bad request dates are refused before anything is fetched", async () => {
    const wb = await workbook();
    const r = await importRates(wb, new EcbProvider(), { from: "2026-03-31", to: "2026-03-01" }, ctx);
    expect(codes(r.issues)).toEqual(["error BAD_REQUEST"]);
    expect(requested).toEqual([]);
  });

  test("a jump beyond 5% from the previous rate is imported with a warning at its new row", async () => {
    server.use(http.get(`${ECB_BASE_URL}eurofxref-daily.xml`, () => xml(DAILY.replace("'0.85410'", "'0.80000'"))));
    const wb = await workbook();
    const r = await importRates(wb, new EcbProvider(), { from: "2026-03-31", currencies: ["GBP"] }, ctx);
    expect(r.imported).toBe(1);
    // GBP→USD 1.27 (row 4, 03-01) → 1.0823 / 0.8 = 1.352875: +6.5%
    expect(r.issues.filter((i) => i.code === "RATE_OUTLIER").map((i) => [i.severity, i.at?.row, i.message])).toEqual([
      [
        "warning",
        5,
        "GBP→USD spot moved 6.5% from 1.27 on 2026-03-01 to 1.352875 on 2026-03-31 (per unit), more than 5.0%; check it.",
      ],
    ]);
  });

  test("an import interrupted after appending rows is rolled back by the next write", async () => {
    const probe = await workbook();
    const start = probe.writeCount;
    await importRates(probe, new EcbProvider(), { from: "2026-03-31" }, ctx);
    const writes = probe.writeCount - start;
    let rolledBack = 0;
    for (let n = 1; n <= writes; n++) {
      const w = await workbook();
      w.failOnWrite(n);
      await expect(importRates(w, new EcbProvider(), { from: "2026-03-31" }, ctx)).rejects.toThrow(/injected failure/);
      await openForWrite(w, "alice", clock);
      const { book } = await loadBook(w);
      expect(book.runs.filter((x) => x.status === "started")).toEqual([]);
      if (book.runs.some((x) => x.status === "rolled back")) {
        rolledBack++;
        expect(book.setup.rates).toHaveLength(4);
      }
      const again = await importRates(w, new EcbProvider(), { from: "2026-03-31" }, ctx);
      expect((await loadBook(w)).book.setup.rates).toHaveLength(7);
      expect(again.imported + again.skipped).toBe(3);
    }
    expect(rolledBack).toBeGreaterThan(0);
  });
});

describe("a CSV provider", () => {
  const CSV =
    "Date,From,To,Rate,Quotation unit,Source\n2026-03-31,GBP,USD,1.267181829,,bank\n2026-03-31,JPY,USD,0.6661537515,100,bank\n2026-03-31,CHF,USD,1.1354,,bank\n2026-02-27,GBP,USD,1.26,,bank\n";

  test("rows in the range and the workbook's currencies are imported; the rest reported", async () => {
    const wb = await workbook();
    const r = await importRates(
      wb,
      new CsvProvider(CSV, "bank-rates.csv"),
      { from: "2026-03-01", to: "2026-03-31" },
      ctx,
    );
    expect(r.imported).toBe(2);
    expect(codes(r.issues)).toEqual(["info RATE_OUT_OF_RANGE", "info RATE_CURRENCY_SKIPPED"]);
    const { book } = await loadBook(wb);
    expect(book.setup.rates.slice(4).map(brief)).toEqual([
      "2026-03-31 GBP→USD spot 1.267181829/1 bank",
      "2026-03-31 JPY→USD spot 0.6661537515/100 bank",
    ]);
    expect(book.audit[0]!.detail).toBe("2 rates from bank-rates.csv for 2026-03-01..2026-03-31 into tblRates");
  });

  test("the CSV and the ECB agree: importing one after the other skips", async () => {
    const wb = await workbook();
    await importRates(wb, new CsvProvider(CSV, "bank-rates.csv"), { from: "2026-03-01", to: "2026-03-31" }, ctx);
    const r = await importRates(wb, new EcbProvider(), { from: "2026-03-31" }, ctx);
    expect(r).toMatchObject({ imported: 1, skipped: 2 }); // only EUR is new
  });

  test("a bad cell refuses the whole file, naming its row and column", async () => {
    const wb = await workbook();
    const before = state(wb);
    const r = await importRates(
      wb,
      new CsvProvider('Date,From,To,Rate\n2026-03-31,GBP,USD,1.2672\n2026-03-31,JPY,USD,"0,0067"\n', "bank.csv"),
      { from: "2026-03-31" },
      ctx,
    );
    expect(r.imported).toBe(0);
    expect(r.issues.map((i) => [i.code, i.at?.table, i.at?.row, i.at?.column])).toEqual([
      ["BAD_CELL", "bank.csv", 2, "Rate"],
    ]);
    expect(r.issues[0]!.message).toBe('Rate "0,0067" is not a number (use a decimal point, e.g. 0.0067).');
    expect(state(wb)).toBe(before);
  });

  test("the same date, pair and type twice with different values in the file: refused", async () => {
    const wb = await workbook();
    const r = await importRates(
      wb,
      new CsvProvider("Date,From,To,Rate\n2026-03-31,GBP,USD,1.2672\n2026-03-31,GBP,USD,1.2673\n"),
      { from: "2026-03-31" },
      ctx,
    );
    expect(codes(r.issues)).toEqual(["error DUPLICATE_RATE"]);
    expect(r.imported).toBe(0);
  });
});

describe("rate checks over a loaded book", () => {
  test("after importing 2026-03-31, the EUR revaluation on 2026-03-31 has a fresh rate; before, it was stale", async () => {
    const wb = await workbook();
    expect(rateIssuesBeforeRun(await loadBook(wb), { asOf: "2026-03-31" }).map((i) => [i.code, i.at?.row])).toEqual([
      ["STALE_RATE", 2],
    ]);
    await importRates(wb, new EcbProvider(), { from: "2026-03-31" }, ctx);
    expect(rateIssuesBeforeRun(await loadBook(wb), { asOf: "2026-03-31" })).toEqual([]);
  });

  test("a zero rate typed into tblRates is named at its row (the book itself leaves it out)", async () => {
    const wb = await workbook();
    await wb.updateCells("tblRates", [{ row: 3, column: "Rate", value: 0 }]);
    const issues = rateIssuesBeforeRun(await loadBook(wb));
    expect(issues.map((i) => [i.code, i.at?.table, i.at?.row, i.at?.column])).toEqual([
      ["NON_POSITIVE_RATE", "tblRates", 3, "Rate"],
    ]);
  });
});
