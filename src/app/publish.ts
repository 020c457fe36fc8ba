/**
 * Use case: publish a closed period as a NEW workbook for people without the
 * add-in (`closebook publish`): values only, every sheet protected; the cover
 * "About this workbook", the statements, the trial balance (period and year to
 * date), the journal report, the period's ledger lines (table tblLedger), the
 * rates used, the period's runs and audit-log extract, a checklist table when
 * the source has one, and what `closebook verify` needs to recompute the seal:
 * the seal records up to the period's (tblSeals, so the chain checks), the
 * period's sealed-row records (tblSealRows), the dimensions (the ledger's
 * dimension columns) and tblPublished (which period, which seal).
 *
 * Only a period On hold or Permanently closed is published; with `draft` an
 * Open one too, every sheet marked DRAFT (title, and " (DRAFT)" in its name),
 * carrying a seal computed at publishing (run id "DRAFT").
 *
 * Example: hold 2026-03 (6 ledger rows), then
 *   await publishPeriod(source, XlsxWorkbook.create(), { period: "2026-03", user: "bob", now })
 *   → { published: true, sheets: ["About this workbook", "Income statement", …, "Published"],
 *       seal: { hash: "$1$…" (the source's seal of 2026-03), count: 6 } }
 * and verifyWorkbook(that file) recomputes the 6 rows' chain and finds no issue.
 */
import { hasErrors, issue, type Issue } from "../core/issues/issue";
import { closebookFunctions } from "../core/formulas/functions";
import { trialBalance } from "../core/ledger/trialBalance";
import { activeSeals, chainHead, computeSeal, type SealRecord, type SealRow } from "../core/seal/seal";
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
import { DIMENSIONS, LEDGER, PERIODS, PUBLISHED, SEALS, SEAL_ROWS } from "../schema/tables";
import { readBook } from "./operation";
import { protectionPassword } from "./protectedSheets";
import { formulasAsValues, type PublishFormulas } from "./publishFormulas";
import { auditSheet, coverSheet, ratesSheet, ratesUsed, runsSheet, tableAsSheet } from "./publishSheets";
import { sealGuard } from "./sealGuard";
import { gridSheet } from "./statements";
import { tbReportSheet } from "./trialBalanceReport";
import { header, where } from "../schema/typedCells";
import { textOf } from "../core/text/textOf";

/** Parts `--include` may name; the cover, statements, trial balances and ledger are always there. */
export const PUBLISH_PARTS = ["ledger", "journal-report", "rates", "runs", "audit", "checklist"] as const;
export type PublishPart = (typeof PUBLISH_PARTS)[number];

export interface PublishOptions {
  readonly period: string;
  readonly user: string;
  /** ISO time of publishing */
  readonly now: string;
  readonly draft?: boolean;
  /** default: every part */
  readonly include?: readonly PublishPart[];
  /** the Closebook version, for the cover */
  readonly version?: string;
  /** the working file's sheets without tables, with their formulas: those calling CLOSEBOOK.* are published (publishFormulas.ts); default: source.readSheets() when the adapter has it */
  readonly sheets?: readonly ReportSheet[];
  /** CLOSEBOOK.* formulas become values (default) or, where one can, native SUMIFS over the published ledger */
  readonly formulas?: PublishFormulas;
}

export interface PublishResult {
  readonly published: boolean;
  /** sheet names in tab order */
  readonly sheets: string[];
  readonly seal?: { readonly hash: string; readonly count: number };
  readonly ledgerRows: number;
  readonly issues: Issue[];
}

/** Source tables copied as the checklist part, when present: the close tasks with their sign-offs, reconciliations (src/schema/checklistTables.ts), or any table named like a checklist. */
const CHECKLIST_TABLES = new Set([CLOSE_TASKS, RECONCILIATIONS, RECON_ITEMS].map((t) => t.name.toLowerCase()));
const CHECKLIST_NAME = /checklist|sign-?offs?/i;

function refused(issues: Issue[]): PublishResult {
  return { published: false, sheets: [], ledgerRows: 0, issues };
}

export async function publishPeriod(
  source: WorkbookPort,
  target: WorkbookPort,
  options: PublishOptions,
): Promise<PublishResult> {
  const loaded = await readBook(source);
  const { book } = loaded;
  const p = book.setup.periods.find((x) => x.id.toLowerCase() === options.period.toLowerCase());
  if (!p)
    return refused([
      issue("UNKNOWN_PERIOD", `There is no period "${options.period}" in the calendar.`, where(PERIODS, "id")),
    ]);
  const draft = options.draft === true;
  if (p.status === "Open" && !draft) {
    return refused([
      issue(
        "PUBLISH_OPEN_PERIOD",
        `Period ${p.id} is Open: only a period On hold or Permanently closed is published. Put it on hold first, or publish a watermarked draft with --draft.`,
        where(PERIODS, "status", p.row || undefined),
      ),
    ]);
  }
  const ledgerErrors = loaded.issues.filter((i) => i.severity === "error" && i.at?.table === LEDGER.name);
  if (ledgerErrors.length)
    return refused([
      issue("PUBLISH_REFUSED", `The ledger has unreadable rows; nothing was published.`, { table: LEDGER.name }),
      ...ledgerErrors,
    ]);
  const guard = sealGuard(book, `Publishing ${p.id}`, { to: p.end }, "write");
  if (guard.length) return refused(guard);

  // the seal carried: the source's seal in force, or (a draft of an unsealed period) one computed now
  const all = book.seals;
  const active = activeSeals(all).get(p.id);
  let seals: SealRecord[];
  let sealRows: SealRow[];
  let seal: SealRecord;
  const sealedInSource = active?.status === "sealed";
  if (active && sealedInSource) {
    seal = active;
    seals = all.slice(0, all.lastIndexOf(active) + 1);
    sealRows = book.sealRows.filter((r) => r.period === p.id && r.runId === active.runId);
  } else if (draft) {
    const computed = computeSeal(book.ledger, {
      period: p.id,
      previousHash: chainHead(all),
      user: options.user,
      now: options.now,
      reason: "Draft: not sealed in the source workbook",
      runId: "DRAFT",
    });
    seal = computed.seal;
    seals = [...all, seal];
    sealRows = computed.rows;
  } else {
    return refused([
      issue(
        "PUBLISH_NOT_SEALED",
        `Period ${p.id} is ${p.status} but has no seal in force (its status was changed outside Closebook); nothing was published. Run closebook verify.`,
        where(PERIODS, "status", p.row || undefined),
      ),
    ]);
  }

  const include = new Set<PublishPart>(options.include?.length ? options.include : PUBLISH_PARTS);
  const mark = (name: string) => (draft ? `${name} (DRAFT)` : name);
  const titled = (title: string) => (draft ? `DRAFT — ${title}` : title);
  const company = book.setup.settings.company;

  const income = incomeStatement(book.ledger, book.setup, { from: p.start, to: p.end });
  const balance = balanceSheet(book.ledger, book.setup, { asOf: p.end });
  const tb = trialBalance(book.ledger, book.setup, { from: p.start, to: p.end });
  const ytdFrom = fiscalYearStartOf(book.setup, p.end);
  const tbYtd = trialBalance(book.ledger, book.setup, { from: ytdFrom, to: p.end });
  const entries = book.ledger.filter((e) => e.period === p.id);
  const runs = book.runs.filter((r) => r.period === p.id);
  const runIds = new Set(runs.map((r) => r.runId));
  const audit = book.audit.filter((a) => a.subject === p.id || (a.runId !== "" && runIds.has(a.runId)));

  const reports: [ReportSheet, string][] = [];
  const add = (r: ReportSheet, what: string) =>
    reports.push([{ ...r, sheet: mark(r.sheet), title: titled(r.title) }, what]);
  add(
    gridSheet("Income statement", incomeStatementGrid(income)),
    `income statement ${p.start} to ${p.end}, year to date and last year, with its tie-out to the trial balance`,
  );
  add(gridSheet("Balance sheet", balanceSheetGrid(balance)), `balance sheet as of ${p.end}, with its check line`);
  add({ ...tbReportSheet(tb, company), sheet: "Trial balance" }, `trial balance of the period, ${p.start} to ${p.end}`);
  add(
    { ...tbReportSheet(tbYtd, company), sheet: "Trial balance YTD" },
    `trial balance year to date, ${ytdFrom} to ${p.end}`,
  );
  if (include.has("journal-report"))
    add(
      gridSheet(
        "Journal report",
        journalReportGrid(journalReport(book.ledger, book.setup, { from: p.start, to: p.end })),
      ),
      "every voucher of the period with its lines and totals",
    );
  if (include.has("rates"))
    add(
      ratesSheet("Rates", `${company} — Exchange rates used in ${p.id}`, ratesUsed(book.setup.rates, p)),
      "the exchange rates dated in the period, and the last one before it per currency pair and type",
    );
  if (include.has("runs"))
    add(
      runsSheet("Runs", `${company} — Runs of ${p.id}`, runs),
      "the period's run history: postings and close steps, with their status",
    );
  if (include.has("audit"))
    add(
      auditSheet("Audit extract", `${company} — Audit log extract for ${p.id}`, audit),
      "the audit-log rows about the period and its runs (an extract: its hashes chain only in the full log)",
    );
  if (include.has("checklist")) {
    for (const t of await source.listTables()) {
      if (!CHECKLIST_TABLES.has(t.name.toLowerCase()) && !CHECKLIST_NAME.test(t.name)) continue;
      const raw = await source.readTable(t.name);
      const rows = raw && periodRowsOf(raw, p.id);
      if (raw && rows && rows.rows.length)
        add(
          tableAsSheet(t.sheet, `${company} — ${t.sheet} of ${p.id} (${t.name}) at publishing`, rows),
          `table ${t.name} of the source workbook: the period's rows, as values`,
        );
    }
  }

  const dims = book.setup.dimensions.map((d) => d.name);
  const rawLedger = loaded.raw.get(LEDGER.name);
  const ledgerRows = rawLedger ? entries.map((e) => rawLedger.rows[e.row! - 1]!) : [];
  // the working file's management reports: CLOSEBOOK.* formulas as values (or SUMIFS over the Ledger sheet);
  // without `sheets` given, those the source can read itself (the Excel adapter: the pane's Publish)
  const sourceSheets = options.sheets ?? (source.readSheets ? await source.readSheets() : []);
  const formulaSheets = sourceSheets.length
    ? formulasAsValues(sourceSheets, closebookFunctions(book), {
        mode: options.formulas ?? "values",
        period: p,
        ledger: { sheet: mark("Ledger"), headers: rawLedger?.headers ?? [], rows: ledgerRows.length },
      })
    : { sheets: [], issues: [] };
  const taken = new Set(
    [
      ...reports.map(([r]) => r.sheet),
      ...["About this workbook", "Ledger", "Seals", "Seal rows", "Dimensions", "Published"].map(mark),
    ].map((x) => x.toLowerCase()),
  );
  for (const r of formulaSheets.sheets) {
    const name = taken.has(mark(r.sheet).toLowerCase()) ? `${r.sheet} (report)` : r.sheet;
    add(
      { ...r, sheet: name },
      `the working file's sheet "${r.sheet}": its CLOSEBOOK formulas as values computed from the ledger`,
    );
  }
  const tables: [TableDef, string, RawTable, string][] = [
    [
      LEDGER,
      "Ledger",
      { name: LEDGER.name, sheet: "Ledger", headers: rawLedger?.headers ?? [], rows: ledgerRows },
      `the period's ${entries.length} ledger lines (table ${LEDGER.name}), as sealed`,
    ],
    [
      SEALS,
      "Seals",
      rawOf(SEALS, [], seals),
      `the seal records up to ${p.id}'s (table ${SEALS.name}): the chain verify follows`,
    ],
    [
      SEAL_ROWS,
      "Seal rows",
      rawOf(SEAL_ROWS, [], sealRows),
      `each sealed row's hash and column fingerprints (table ${SEAL_ROWS.name}), so verify names a changed column`,
    ],
    [
      DIMENSIONS,
      "Dimensions",
      loaded.raw.get(DIMENSIONS.name) ?? rawOf(DIMENSIONS, [], []),
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
            draft,
            company,
            sealHash: seal.hash,
            sealedRows: seal.count,
            sealVersion: seal.version,
            sealedBy: seal.sealedBy,
            sealedAt: seal.sealedAt,
            publishedBy: options.user,
            publishedAt: options.now,
            version: options.version ?? "",
          },
        ],
      ),
      `which period this file publishes and the seal it carries (table ${PUBLISHED.name})`,
    ],
  ];

  const cover = mark("About this workbook");
  const contents: [string, string][] = [
    [cover, "this page"],
    ...reports.map(([r, what]) => [r.sheet, what] as [string, string]),
    ...tables.map(([, sheet, , what]) => [mark(sheet), what] as [string, string]),
  ];
  const coverReport = coverSheet(cover, {
    company,
    period: p,
    draft,
    seal,
    sealedInSource,
    publishedBy: options.user,
    publishedAt: options.now,
    version: options.version ?? "",
    income,
    balance,
    tb,
    contents,
  });

  await target.writeReport(coverReport);
  for (const [r] of reports) await target.writeReport(r);
  for (const [def, sheet, raw] of tables)
    await target.createTable(
      {
        name: def.name,
        sheet: mark(sheet),
        headers: raw.headers,
        numberFormats: formatsFor(def, dims, raw.headers),
      },
      raw.rows,
    );
  const password = protectionPassword(book);
  for (const [sheet] of contents) await target.protect(sheet, password);

  const notes = [...income.issues, ...balance.issues].filter((i) => i.severity !== "info");
  const draftNote = draft
    ? [
        issue(
          "PUBLISHED_DRAFT",
          `Published ${p.id} (${p.status}) as a DRAFT: every sheet is marked so.`,
          { table: PUBLISHED.name },
          "warning",
        ),
      ]
    : [];
  return {
    published: true,
    sheets: contents.map(([s]) => s),
    seal: { hash: seal.hash, count: seal.count },
    ledgerRows: entries.length,
    issues: [...draftNote, ...formulaSheets.issues, ...(hasErrors(notes) ? notes : [])],
  };
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
function formatsFor(def: TableDef, dims: readonly string[], headers: readonly string[]): string[] {
  const byHeader = new Map(resolveColumns(def, dims).map((c) => [normalizeHeader(c.header), NUMBER_FORMATS[c.type]]));
  return headers.map((h) => byHeader.get(normalizeHeader(String(h))) ?? "@");
}

/** The rows of `period` when the table has a Period column (as the checklist tables declare it); else every row. */
function periodRowsOf(raw: RawTable, period: string): RawTable {
  const at = raw.headers.findIndex(
    (h) => normalizeHeader(String(h)) === normalizeHeader(header(CLOSE_TASKS, "period")),
  );
  if (at < 0) return raw;
  return { ...raw, rows: raw.rows.filter((r) => textOf(r[at]).toLowerCase() === period.toLowerCase()) };
}
