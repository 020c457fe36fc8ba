/**
 * A large Closebook workbook for the through-the-file bench: the demo company's
 * setup, n generated journal lines (2-line vouchers in USD, EUR, GBP, JPY on
 * every day of 2026: src/app/demo/largeJournal.ts) posted as one run (audited), plus
 * `drafts` further draft lines dated 2026-12-31 left in the journal for `closebook post`.
 * writeLargeWorkbook streams the ledger and journal rows into the file (the large demo,
 * `closebook demo FILE --lines N`: src/app/demo/largeDemo.ts + the xlsx adapter's
 * streamAppend.ts): 1M lines in minutes. writeLargeWorkbookExceljs is the way it was made
 * before (setupWorkbook + postJournals through exceljs: 100k lines took 2 min, 1M does not fit
 * in memory), kept as the reference the large demo's book is compared with (test/bench).
 *
 * Example: node dist-cli/largeWorkbook.js /tmp/big.xlsx 100000 1000 [--exceljs]
 *   → /tmp/big.xlsx with 100,000 ledger lines and 1,000 draft lines.
 */
import { StreamedRows } from "../src/adapters/xlsx/streamAppend";
import { XlsxWorkbook } from "../src/adapters/xlsx/xlsxWorkbook";
import { demoCompany } from "../src/app/demo/demoCompany";
import { largeDemo } from "../src/app/demo/largeDemo";
import { generateJournal } from "../src/app/demo/largeJournal";
import { postJournals } from "../src/app/postJournals";
import { setupWorkbook } from "../src/app/setupWorkbook";
import { fixedClock, type Clock } from "../src/ports/clock";

export { generateJournal } from "../src/app/demo/largeJournal";

const CLOCK = fixedClock("2026-12-31T12:00:00.000Z");

/** Writes the workbook to `file` by the large demo's streaming path; returns the ledger lines posted. */
export async function writeLargeWorkbook(
  file: string,
  lines: number,
  drafts = 0,
  clock: Clock = CLOCK,
): Promise<number> {
  const wb = XlsxWorkbook.create();
  const rows = new StreamedRows(wb);
  const r = await largeDemo(wb, { lines, drafts, clock }, (table) => rows.sink(table));
  if (!r.posted) throw new Error(`bench journal did not post: ${r.issues[0]?.message}`);
  await rows.save(file);
  return r.lines;
}

/** The same book written the old way: setupWorkbook with the whole journal, postJournals, exceljs save. */
export async function writeLargeWorkbookExceljs(
  file: string,
  lines: number,
  drafts = 0,
  clock: Clock = CLOCK,
): Promise<number> {
  const company = demoCompany(2026);
  const wb = XlsxWorkbook.create();
  await setupWorkbook(wb, { ...company, journal: generateJournal(lines) });
  const r = await postJournals(wb, { user: "admin", clock });
  if (!r.posted)
    throw new Error(`bench journal did not post: ${r.issues.find((i) => i.severity === "error")?.message}`);
  if (drafts > 0) {
    const { encodeRecords } = await import("../src/schema/records");
    const { JOURNAL } = await import("../src/schema/tables");
    const dims = company.dimensions.map((d) => d.name);
    const extra = generateJournal(drafts, { onDate: "2026-12-31", prefix: "NEW" });
    await wb.appendRows(JOURNAL.name, encodeRecords(JOURNAL, dims, extra));
  }
  await wb.save(file);
  return r.lines;
}

// run as its own bundle only (bench.js bundles this module too)
if (/largeWorkbook\.js$/.test(process.argv[1] ?? "")) {
  const args = process.argv.slice(2);
  const [file, n, drafts] = args.filter((a) => !a.startsWith("--"));
  if (!file) {
    console.error("usage: node dist-cli/largeWorkbook.js FILE [LINES=100000] [DRAFTS=0] [--exceljs]");
    process.exit(2);
  }
  const write = args.includes("--exceljs") ? writeLargeWorkbookExceljs : writeLargeWorkbook;
  write(file, Number(n ?? 100_000), Number(drafts ?? 0))
    .then((posted) => console.log(`wrote ${file}: ${posted} ledger lines`))
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
