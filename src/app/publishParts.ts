/**
 * The parts of a published workbook (publish.ts): the report sheets (statements, trial balances, the parts
 * `--include` names, the source's checklist tables) and the tables (the period's ledger lines as sealed, the seal
 * records up to the period's, its sealed rows, the dimensions and tblPublished), each with what the cover says of it.
 *
 * Example: publishing 2026-03 (6 ledger rows, sealed in the source) gives five tables in this order:
 *   Ledger (6 rows), Seals (the records up to 2026-03's), Seal rows (6), Dimensions, Published (1 row: 2026-03).
 */
import type { Book } from "../core/ledger/book";
import { trialBalance } from "../core/ledger/trialBalance";
import type { SealRecord, SealRow } from "../core/seal/seal";
import { balanceSheet } from "../core/statements/balanceSheet";
import { fiscalYearStartOf } from "../core/statements/common";
import { incomeStatement } from "../core/statements/incomeStatement";
import { journalReport } from "../core/statements/journalReport";
import { balanceSheetGrid, incomeStatementGrid, journalReportGrid } from "../core/statements/layout";
import type { RawTable, ReportSheet, WorkbookPort } from "../ports/workbook";
import { NUMBER_FORMATS, resolveColumns, type TableDef } from "../schema/defineTable";
import { normalizeHeader } from "../schema/decodeTable";
import { encodeRecords } from "../schema/records";
import { CLOSE_TASKS, RECON_ITEMS, RECONCILIATIONS } from "../schema/checklistTables";
import { DIMENSIONS, LEDGER, PUBLISHED, SEALS, SEAL_ROWS } from "../schema/tables";
import { header } from "../schema/typedCells";
import { textOf } from "../core/text/textOf";
import type { FiscalPeriod } from "../core/ledger/types";
import type { PublishPart } from "./publish";
import { auditSheet, ratesSheet, ratesUsed, runsSheet, tableAsSheet } from "./publishSheets";
import { gridSheet } from "./statements";
import { tbReportSheet } from "./trialBalanceReport";

type Period = FiscalPeriod;
/** A report sheet with what the cover says of it. */
export type Report = [ReportSheet, string];

/** Source tables copied as the checklist part, when present: the close tasks with their sign-offs, reconciliations (src/schema/checklistTables.ts), or any table named like a checklist. */
const CHECKLIST_TABLES = new Set([CLOSE_TASKS, RECONCILIATIONS, RECON_ITEMS].map((t) => t.name.toLowerCase()));
const CHECKLIST_NAME = /checklist|sign-?offs?/i;

export function periodFigures(book: Book, p: Period) {
  return {
    income: incomeStatement(book.ledger, book.setup, { from: p.start, to: p.end }),
    balance: balanceSheet(book.ledger, book.setup, { asOf: p.end }),
    tb: trialBalance(book.ledger, book.setup, { from: p.start, to: p.end }),
  };
}
export type Figures = ReturnType<typeof periodFigures>;

/** The statements and trial balances, always there, then the parts `include` names (but the checklist). */
export function partReports(book: Book, p: Period, figures: Figures, wanted: (part: PublishPart) => boolean): Report[] {
  const company = book.setup.settings.company;
  const ytdFrom = fiscalYearStartOf(book.setup, p.end);
  const tbYtd = trialBalance(book.ledger, book.setup, { from: ytdFrom, to: p.end });
  const runs = book.runs.filter((r) => r.period === p.id);
  const reports: Report[] = [
    [
      gridSheet("Income statement", incomeStatementGrid(figures.income)),
      `income statement ${p.start} to ${p.end}, year to date and last year, with its tie-out to the trial balance`,
    ],
    [
      gridSheet("Balance sheet", balanceSheetGrid(figures.balance)),
      `balance sheet as of ${p.end}, with its check line`,
    ],
    [
      { ...tbReportSheet(figures.tb, company), sheet: "Trial balance" },
      `trial balance of the period, ${p.start} to ${p.end}`,
    ],
    [
      { ...tbReportSheet(tbYtd, company), sheet: "Trial balance YTD" },
      `trial balance year to date, ${ytdFrom} to ${p.end}`,
    ],
  ];
  if (wanted("journal-report"))
    reports.push([
      gridSheet(
        "Journal report",
        journalReportGrid(journalReport(book.ledger, book.setup, { from: p.start, to: p.end })),
      ),
      "every voucher of the period with its lines and totals",
    ]);
  if (wanted("rates"))
    reports.push([
      ratesSheet("Rates", `${company} — Exchange rates used in ${p.id}`, ratesUsed(book.setup.rates, p)),
      "the exchange rates dated in the period, and the last one before it per currency pair and type",
    ]);
  if (wanted("runs"))
    reports.push([
      runsSheet("Runs", `${company} — Runs of ${p.id}`, runs),
      "the period's run history: postings and close steps, with their status",
    ]);
  if (wanted("audit")) {
    const runIds = new Set(runs.map((r) => r.runId));
    const audit = book.audit.filter((a) => a.subject === p.id || (a.runId !== "" && runIds.has(a.runId)));
    reports.push([
      auditSheet("Audit extract", `${company} — Audit log extract for ${p.id}`, audit),
      "the audit-log rows about the period and its runs (an extract: its hashes chain only in the full log)",
    ]);
  }
  return reports;
}

/** The source's checklist tables (the period's rows), each as a sheet. */
export async function checklistReports(source: WorkbookPort, p: Period, book: Book): Promise<Report[]> {
  const company = book.setup.settings.company;
  const reports: Report[] = [];
  for (const t of await source.listTables()) {
    if (!CHECKLIST_TABLES.has(t.name.toLowerCase()) && !CHECKLIST_NAME.test(t.name)) continue;
    const raw = await source.readTable(t.name);
    const rows = raw && periodRowsOf(raw, p.id);
    if (raw && rows && rows.rows.length)
      reports.push([
        tableAsSheet(t.sheet, `${company} — ${t.sheet} of ${p.id} (${t.name}) at publishing`, rows),
        `table ${t.name} of the source workbook: the period's rows, as values`,
      ]);
  }
  return reports;
}

/** A table's declaration, its sheet (before the DRAFT mark), its rows, and what the cover says of it. */
export type PublishedTable = [TableDef, string, RawTable, string];

export interface PublishedFacts {
  readonly period: FiscalPeriod;
  readonly company: string;
  readonly draft: boolean;
  readonly seal: SealRecord;
  readonly seals: readonly SealRecord[];
  readonly sealRows: readonly SealRow[];
  /** the period's ledger lines as read from the source */
  readonly ledger: RawTable;
  /** how many ledger lines the period has */
  readonly ledgerLines: number;
  readonly dimensions: RawTable | undefined;
  readonly publishedBy: string;
  readonly publishedAt: string;
  readonly version: string;
}

export function publishedTables(f: PublishedFacts): PublishedTable[] {
  const p = f.period;
  const { seal } = f;
  return [
    [LEDGER, "Ledger", f.ledger, `the period's ${f.ledgerLines} ledger lines (table ${LEDGER.name}), as sealed`],
    [
      SEALS,
      "Seals",
      rawOf(SEALS, [], f.seals),
      `the seal records up to ${p.id}'s (table ${SEALS.name}): the chain verify follows`,
    ],
    [
      SEAL_ROWS,
      "Seal rows",
      rawOf(SEAL_ROWS, [], f.sealRows),
      `each sealed row's hash and column fingerprints (table ${SEAL_ROWS.name}), so verify names a changed column`,
    ],
    [
      DIMENSIONS,
      "Dimensions",
      f.dimensions ?? rawOf(DIMENSIONS, [], []),
      `the ledger's dimensions (table ${DIMENSIONS.name})`,
    ],
    [
      PUBLISHED,
      "Published",
      rawOf(
        PUBLISHED,
        [],
        [
          {
            period: p.id,
            start: p.start,
            end: p.end,
            status: p.status,
            draft: f.draft,
            company: f.company,
            sealHash: seal.hash,
            sealedRows: seal.count,
            sealVersion: seal.version,
            sealedBy: seal.sealedBy,
            sealedAt: seal.sealedAt,
            publishedBy: f.publishedBy,
            publishedAt: f.publishedAt,
            version: f.version,
          },
        ],
      ),
      `which period this file publishes and the seal it carries (table ${PUBLISHED.name})`,
    ],
  ];
}

function rawOf(def: TableDef, dims: readonly string[], records: readonly object[]): RawTable {
  return {
    name: def.name,
    sheet: def.sheet,
    headers: resolveColumns(def, dims).map((c) => c.header),
    rows: encodeRecords(def, dims, records),
  };
}

/** Each header's number format from the table's declaration (a dimension or unknown column: text). */
export function formatsFor(def: TableDef, dims: readonly string[], headers: readonly string[]): string[] {
  const byHeader = new Map(resolveColumns(def, dims).map((c) => [normalizeHeader(c.header), NUMBER_FORMATS[c.type]]));
  return headers.map((h) => byHeader.get(normalizeHeader(String(h))) ?? "@");
}

/** The rows of `period` when the table has a Period column (as the checklist tables declare it); else every row. */
export function periodRowsOf(raw: RawTable, period: string): RawTable {
  const at = raw.headers.findIndex(
    (h) => normalizeHeader(String(h)) === normalizeHeader(header(CLOSE_TASKS, "period")),
  );
  if (at < 0) return raw;
  return { ...raw, rows: raw.rows.filter((r) => textOf(r[at]).toLowerCase() === period.toLowerCase()) };
}
