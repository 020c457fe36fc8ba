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
import { activeSeals, chainHead, computeSeal, type SealRecord, type SealRow } from "../core/seal/seal";
import type { RawTable, ReportSheet, WorkbookPort } from "../ports/workbook";
import { DIMENSIONS, LEDGER, PERIODS, PUBLISHED } from "../schema/tables";
import { readBook } from "./operation";
import { protectionPassword } from "./protectedSheets";
import { formulasAsValues, type PublishFormulas } from "./publishFormulas";
import { coverSheet } from "./publishSheets";
import { sealGuard } from "./sealGuard";
import { where } from "../schema/typedCells";
import {
  checklistReports,
  formatsFor,
  partReports,
  periodFigures,
  publishedTables,
  type Figures,
  type PublishedTable,
  type Report,
} from "./publishParts";

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

function refused(issues: Issue[]): PublishResult {
  return { published: false, sheets: [], ledgerRows: 0, issues };
}

type Loaded = Awaited<ReturnType<typeof readBook>>;
type Book = Loaded["book"];
type Period = Book["setup"]["periods"][number];

/** The seal a published file carries, with the seal records and sealed rows verify needs. */
interface Carried {
  readonly seal: SealRecord;
  readonly seals: SealRecord[];
  readonly sealRows: SealRow[];
  readonly sealedInSource: boolean;
}

/** Sheet names and titles, marked DRAFT when publishing a draft. */
interface Marks {
  readonly mark: (name: string) => string;
  readonly titled: (title: string) => string;
}

export async function publishPeriod(
  source: WorkbookPort,
  target: WorkbookPort,
  options: PublishOptions,
): Promise<PublishResult> {
  const loaded = await readBook(source);
  const { book } = loaded;
  const draft = options.draft === true;
  const p = publishablePeriod(loaded, options.period, draft);
  if (!("start" in p)) return refused(p);
  const carried = carriedSeal(book, p, options, draft);
  if (!("seal" in carried)) return refused(carried);

  const marks: Marks = {
    mark: (name) => (draft ? `${name} (DRAFT)` : name),
    titled: (title) => (draft ? `DRAFT — ${title}` : title),
  };
  const figures = periodFigures(book, p);
  const reports: Report[] = [];
  const add = (r: ReportSheet, what: string) =>
    reports.push([{ ...r, sheet: marks.mark(r.sheet), title: marks.titled(r.title) }, what]);
  const wanted = (part: PublishPart) => (options.include?.length ? options.include : PUBLISH_PARTS).includes(part);
  for (const [r, what] of partReports(book, p, figures, wanted)) add(r, what);
  if (wanted("checklist")) for (const [r, what] of await checklistReports(source, p, book)) add(r, what);

  const entries = book.ledger.filter((e) => e.period === p.id);
  const rawLedger = loaded.raw.get(LEDGER.name);
  const ledgerRows = rawLedger ? entries.map((e) => rawLedger.rows[e.row! - 1]!) : [];
  const formulaSheets = await managementReports(source, book, p, options, marks, {
    headers: rawLedger?.headers ?? [],
    rows: ledgerRows.length,
  });
  const taken = new Set(
    [...reports.map(([r]) => r.sheet), ...PUBLISHED_SHEETS.map(marks.mark)].map((x) => x.toLowerCase()),
  );
  for (const r of formulaSheets.sheets) {
    const name = taken.has(marks.mark(r.sheet).toLowerCase()) ? `${r.sheet} (report)` : r.sheet;
    add(
      { ...r, sheet: name },
      `the working file's sheet "${r.sheet}": its CLOSEBOOK formulas as values computed from the ledger`,
    );
  }
  const tables = publishedTables({
    period: p,
    company: book.setup.settings.company,
    draft,
    ...carried,
    ledger: { name: LEDGER.name, sheet: "Ledger", headers: rawLedger?.headers ?? [], rows: ledgerRows },
    ledgerLines: entries.length,
    dimensions: loaded.raw.get(DIMENSIONS.name),
    publishedBy: options.user,
    publishedAt: options.now,
    version: options.version ?? "",
  });

  const cover = marks.mark("About this workbook");
  const contents: [string, string][] = [
    [cover, "this page"],
    ...reports.map(([r, what]) => [r.sheet, what] as [string, string]),
    ...tables.map(([, sheet, , what]) => [marks.mark(sheet), what] as [string, string]),
  ];
  const coverReport = coverSheet(cover, {
    company: book.setup.settings.company,
    period: p,
    draft,
    seal: carried.seal,
    sealedInSource: carried.sealedInSource,
    publishedBy: options.user,
    publishedAt: options.now,
    version: options.version ?? "",
    ...figures,
    contents,
  });
  await writePublished(target, book, marks, { cover: coverReport, reports, tables, contents });
  return {
    published: true,
    sheets: contents.map(([s]) => s),
    seal: { hash: carried.seal.hash, count: carried.seal.count },
    ledgerRows: entries.length,
    issues: [...draftNote(p, draft), ...formulaSheets.issues, ...statementErrors(figures)],
  };
}

/** The sheets besides the reports, in tab order after them (a management report taking one of these names is renamed). */
const PUBLISHED_SHEETS = ["About this workbook", "Ledger", "Seals", "Seal rows", "Dimensions", "Published"];

/** The period to publish, or why not: unknown, Open without `draft`, unreadable ledger rows, a broken seal. */
function publishablePeriod(loaded: Loaded, period: string, draft: boolean): Period | Issue[] {
  const { book } = loaded;
  const p = book.setup.periods.find((x) => x.id.toLowerCase() === period.toLowerCase());
  if (!p) return [issue("UNKNOWN_PERIOD", `There is no period "${period}" in the calendar.`, where(PERIODS, "id"))];
  if (p.status === "Open" && !draft) {
    return [
      issue(
        "PUBLISH_OPEN_PERIOD",
        `Period ${p.id} is Open: only a period On hold or Permanently closed is published. Put it on hold first, or publish a watermarked draft with --draft.`,
        where(PERIODS, "status", p.row || undefined),
      ),
    ];
  }
  const ledgerErrors = loaded.issues.filter((i) => i.severity === "error" && i.at?.table === LEDGER.name);
  if (ledgerErrors.length)
    return [
      issue("PUBLISH_REFUSED", `The ledger has unreadable rows; nothing was published.`, { table: LEDGER.name }),
      ...ledgerErrors,
    ];
  const guard = sealGuard(book, `Publishing ${p.id}`, { to: p.end }, "write");
  return guard.length ? guard : p;
}

/** The seal carried: the source's seal in force, or (a draft of an unsealed period) one computed now. */
function carriedSeal(book: Book, p: Period, options: PublishOptions, draft: boolean): Carried | Issue[] {
  const all = book.seals;
  const active = activeSeals(all).get(p.id);
  if (active && active.status === "sealed") {
    return {
      seal: active,
      seals: all.slice(0, all.lastIndexOf(active) + 1),
      sealRows: book.sealRows.filter((r) => r.period === p.id && r.runId === active.runId),
      sealedInSource: true,
    };
  }
  if (draft) {
    const computed = computeSeal(book.ledger, {
      period: p.id,
      previousHash: chainHead(all),
      user: options.user,
      now: options.now,
      reason: "Draft: not sealed in the source workbook",
      runId: "DRAFT",
    });
    return { seal: computed.seal, seals: [...all, computed.seal], sealRows: computed.rows, sealedInSource: false };
  }
  return [
    issue(
      "PUBLISH_NOT_SEALED",
      `Period ${p.id} is ${p.status} but has no seal in force (its status was changed outside Closebook); nothing was published. Run closebook verify.`,
      where(PERIODS, "status", p.row || undefined),
    ),
  ];
}

/**
 * The working file's management reports: CLOSEBOOK.* formulas as values (or SUMIFS over the Ledger sheet);
 * without `sheets` given, those the source can read itself (the Excel adapter: the pane's Publish).
 */
async function managementReports(
  source: WorkbookPort,
  book: Book,
  p: Period,
  options: PublishOptions,
  marks: Marks,
  ledger: { readonly headers: RawTable["headers"]; readonly rows: number },
): Promise<{ sheets: readonly ReportSheet[]; issues: readonly Issue[] }> {
  const sourceSheets = options.sheets ?? (source.readSheets ? await source.readSheets() : []);
  return sourceSheets.length
    ? formulasAsValues(sourceSheets, closebookFunctions(book), {
        mode: options.formulas ?? "values",
        period: p,
        ledger: { sheet: marks.mark("Ledger"), ...ledger },
      })
    : { sheets: [], issues: [] };
}

/** The published file: the cover, the reports, the tables, then every sheet protected. */
async function writePublished(
  target: WorkbookPort,
  book: Book,
  marks: Marks,
  parts: {
    readonly cover: ReportSheet;
    readonly reports: readonly Report[];
    readonly tables: readonly PublishedTable[];
    readonly contents: readonly [string, string][];
  },
): Promise<void> {
  const dims = book.setup.dimensions.map((d) => d.name);
  await target.writeReport(parts.cover);
  for (const [r] of parts.reports) await target.writeReport(r);
  for (const [def, sheet, raw] of parts.tables)
    await target.createTable(
      {
        name: def.name,
        sheet: marks.mark(sheet),
        headers: raw.headers,
        numberFormats: formatsFor(def, dims, raw.headers),
      },
      raw.rows,
    );
  const password = protectionPassword(book);
  for (const [sheet] of parts.contents) await target.protect(sheet, password);
}

function draftNote(p: Period, draft: boolean): Issue[] {
  return draft
    ? [
        issue(
          "PUBLISHED_DRAFT",
          `Published ${p.id} (${p.status}) as a DRAFT: every sheet is marked so.`,
          { table: PUBLISHED.name },
          "warning",
        ),
      ]
    : [];
}

/** The statements' warnings and errors, reported only when one is an error. */
function statementErrors(figures: Figures): Issue[] {
  const notes = [...figures.income.issues, ...figures.balance.issues].filter((i) => i.severity !== "info");
  return hasErrors(notes) ? notes : [];
}
