/**
 * A large Closebook workbook for the through-the-file bench: the demo company's
 * setup, n generated journal lines (2-line vouchers in USD, EUR, GBP, JPY on
 * every day of 2026) posted through the app (one run, audited), plus `drafts`
 * further draft lines dated 2026-12-31 left in the journal for `closebook post`.
 *
 * Example: node dist-cli/largeWorkbook.js /tmp/big.xlsx 100000 1000
 *   → /tmp/big.xlsx with ~100,000 ledger lines and 1,000 draft lines.
 */
import { XlsxWorkbook } from "../src/adapters/xlsx/xlsxWorkbook";
import { demoCompany } from "../src/app/demo/demoCompany";
import { postJournals } from "../src/app/postJournals";
import { setupWorkbook } from "../src/app/setupWorkbook";
import type { JournalLine } from "../src/core/ledger/types";
import { Amount } from "../src/core/money";
import { fixedClock } from "../src/ports/clock";

const DEPTS = [
  { Department: "SALES", CostCenter: "CC100" },
  { Department: "ADMIN", CostCenter: "CC100" },
  { Department: "SALES", CostCenter: "CC200" },
  { Department: "ADMIN", CostCenter: "CC200" },
];
const NO_DIMS = { Department: "", CostCenter: "" };

/** n journal lines: 2-line vouchers in USD, EUR, GBP and JPY on every day of 2026 (or all on `onDate`), with departments. */
export function generateJournal(n: number, options: { onDate?: string; prefix?: string } = {}): JournalLine[] {
  const kinds = [
    { currency: "USD", dr: "6100", cr: "1000", places: 2 },
    { currency: "EUR", dr: "1110", cr: "4000", places: 2 },
    { currency: "GBP", dr: "5000", cr: "2010", places: 2 },
    { currency: "JPY", dr: "5000", cr: "2020", places: 0 },
  ];
  const out: JournalLine[] = [];
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  for (let v = 0; out.length < n; v++) {
    const k = kinds[v % kinds.length]!;
    const day = (v * 7) % 365;
    const date = options.onDate ?? new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
    const amount = Amount.fromUnits(BigInt(100 + (rnd() % 10_000_000)), k.places);
    const journal = `${options.prefix ?? "GJ"}-${date.slice(0, 7)}`;
    const draftVoucher = `D-${v}`;
    const line = (
      account: string,
      dimensions: JournalLine["dimensions"],
      debit: Amount | undefined,
      credit: Amount | undefined,
    ): JournalLine => ({
      row: out.length + 1,
      journal,
      draftVoucher,
      date,
      account,
      dimensions,
      currency: k.currency,
      debit,
      credit,
      rate: undefined,
      description: "bench",
      status: "Draft",
      message: "",
      postedVoucher: "",
    });
    out.push(line(k.dr, DEPTS[v % 4]!, amount, undefined));
    out.push(line(k.cr, NO_DIMS, undefined, amount));
  }
  return out;
}

/** Writes the workbook to `file`; returns the ledger lines posted. */
export async function writeLargeWorkbook(file: string, lines: number, drafts = 0): Promise<number> {
  const company = demoCompany(2026);
  const wb = XlsxWorkbook.create();
  await setupWorkbook(wb, { ...company, journal: generateJournal(lines) });
  const r = await postJournals(wb, { user: "admin", clock: fixedClock("2026-12-31T12:00:00.000Z") });
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
  const [file, n, drafts] = process.argv.slice(2);
  if (!file) {
    console.error("usage: node dist-cli/largeWorkbook.js FILE [LINES=100000] [DRAFTS=0]");
    process.exit(2);
  }
  writeLargeWorkbook(file, Number(n ?? 100_000), Number(drafts ?? 0))
    .then((posted) => console.log(`wrote ${file}: ${posted} ledger lines`))
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
