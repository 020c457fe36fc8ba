/**
 * Use case: the ledger journal report of a period or date range (every
 * voucher with its lines, a total per voucher and overall, the balance
 * check) as data, as text/CSV/JSON and as the "Journal report" sheet; and
 * journalizing (D365): one journalizing number, from the "journalizing"
 * sequence (prefix "JNL-"), given to every reported voucher that has none
 * yet, recorded in tblJournalizing as a run with an audit row. A voucher is
 * journalized once: a second run over the same range journalizes nothing.
 *
 * The "journalizing" sequence row is appended to tblSequences by the first
 * journalizing run when the workbook has none (its first number already
 * reserved), and tblJournalizing is created when a workbook made before it
 * existed lacks it. An unbalanced report is not journalized.
 *
 * The report of a period is written to its own sheet ("Journal report 2026-03";
 * a date range or fiscal year to "Journal report"). When a sealed period in
 * the range does not verify, the report is still shown with the broken rows
 * as errors, but neither written nor journalized (sealGuard).
 *
 * Example: await journalize(port, { period: "2026-03" }, { user: "alice", clock })
 *   → { journalized: true, journalizingNo: "JNL-000001", runId: "RUN-000002", vouchers: ["GL-000001", "GL-000002"] }
 *   and again → { journalized: false, vouchers: [] } with the info NOTHING_TO_JOURNALIZE.
 */
import { draft } from "../core/audit/auditChain";
import { hasErrors, issue, type Issue } from "../core/issues/issue";
import type { Book } from "../core/ledger/book";
import { journalReport, type JournalReport } from "../core/statements/journalReport";
import { journalReportGrid } from "../core/statements/layout";
import type { Amount } from "../core/money";
import type { Clock } from "../ports/clock";
import type { RawTable, ReportCell, ReportSheet, WorkbookPort } from "../ports/workbook";
import { decodeTable } from "../schema/decodeTable";
import { encodeRecords } from "../schema/records";
import { JOURNALIZING, SEQUENCES, USERS } from "../schema/tables";
import { csvCell } from "./csv";
import { readBook, writeSession, type Source } from "./operation";
import { writeRun } from "./runRitual";
import { gridSheet, type ReportStamp } from "./reportLayout";
import { periodSheetName, writeReportSheet } from "./reports";
import { LEDGER_REPORT_READS, sealGuard } from "./sealGuard";
import { layoutIssues, tailOf } from "./runs";
import { findSequence, formatNumber, isIssue } from "./sequences";
import { shapeOf } from "./setupWorkbook";
import { groupThousands, resolveRange } from "./trialBalanceReport";
import { header, where } from "../schema/typedCells";

export const JOURNALIZING_SEQUENCE = { name: "journalizing", prefix: "JNL-" } as const;

export const JOURNAL_REPORT_SHEET = "Journal report";

export interface JournalReportRequest {
  /** a period id (2026-03) or a fiscal year (FY2026) */
  readonly period?: string;
  readonly from?: string;
  readonly to?: string;
  /** only entries whose source starts with this text, e.g. "journal:GJ" */
  readonly source?: string;
}

export interface JournalReportResult {
  readonly report?: JournalReport;
  /** journalizing number per voucher already journalized (of the whole workbook) */
  readonly journalized: ReadonlyMap<string, string>;
  /** decimals per currency code, for the transaction-currency amounts */
  readonly currencyPlaces: ReadonlyMap<string, number>;
  /** the period the report covers, when it was given as one period (protects the sheet of a closed period) */
  readonly periodId?: string;
  readonly issues: Issue[];
}

export interface JournalizeResult extends JournalReportResult {
  readonly done: boolean;
  readonly journalizingNo?: string;
  readonly runId?: string;
  /** vouchers given the number by this run */
  readonly vouchers: readonly string[];
}

/** Journalizing numbers per voucher from tblJournalizing (the first row of a voucher wins). */
export function journalizingNumbers(raw: RawTable | undefined): { numbers: Map<string, string>; issues: Issue[] } {
  const t = decodeTable(JOURNALIZING, raw, [], true);
  const numbers = new Map<string, string>();
  for (const r of t.rows) {
    const no = r.values.journalizingNo;
    const voucher = r.values.voucher;
    if (typeof no !== "string" || typeof voucher !== "string" || no === "" || voucher === "") continue;
    if (!numbers.has(voucher)) numbers.set(voucher, no);
  }
  return { numbers, issues: t.issues };
}

function build(
  book: Book,
  raw: ReadonlyMap<string, RawTable | undefined>,
  request: JournalReportRequest,
  readIssues: readonly Issue[],
): JournalReportResult {
  const currencyPlaces = new Map([...book.setup.currencies.values()].map((c) => [c.code, c.precision]));
  const { numbers, issues: tableIssues } = journalizingNumbers(raw.get(JOURNALIZING.name));
  const issues = [...readIssues, ...tableIssues];
  const range = resolveRange(book, request);
  if ("code" in range) return { journalized: numbers, currencyPlaces, issues: [...issues, range] };
  const report = journalReport(book.ledger, book.setup, {
    ...range,
    ...(request.source ? { source: request.source } : {}),
  });
  const periodId = request.period
    ? book.setup.periods.find((p) => p.id.toLowerCase() === request.period!.toLowerCase())?.id
    : undefined;
  const seal = sealGuard(book, `The journal report ${range.from} to ${range.to}`, range, "show");
  return {
    report,
    journalized: numbers,
    currencyPlaces,
    ...(periodId ? { periodId } : {}),
    issues: [...issues, ...seal, ...report.issues],
  };
}

/** The journal report of a period or range; reads only. */
export async function ledgerJournalReport(
  port: WorkbookPort,
  request: JournalReportRequest,
): Promise<JournalReportResult> {
  const { book, raw, issues } = await readBook(port, [...LEDGER_REPORT_READS, JOURNALIZING]);
  return build(book, raw, request, issues);
}

/** The sheet a journal report is written to: "Journal report 2026-03" for a period, "Journal report" otherwise. */
export function journalReportSheetName(periodId: string | undefined): string {
  return periodSheetName(JOURNAL_REPORT_SHEET, periodId);
}

/**
 * Writes the report's sheet (protected when the period is not Open). Refused,
 * with the broken rows, when a sealed period in its range does not verify.
 */
export async function writeJournalReportSheet(
  port: WorkbookPort,
  result: JournalReportResult,
  user?: string,
): Promise<{ sheet?: string; protected: boolean; issues: Issue[] } | undefined> {
  if (!result.report) return undefined;
  const { book } = await readBook(port, LEDGER_REPORT_READS);
  const { from, to } = result.report.options;
  const refused = sealGuard(book, `The journal report ${from} to ${to}`, { from, to }, "write");
  if (refused.length) return { protected: false, issues: refused };
  const sheet = journalReportSheet(
    result.report,
    result.journalized,
    journalReportSheetName(result.periodId),
    result.currencyPlaces,
    {
      company: book.setup.settings.company,
      period: result.periodId ? `Period ${result.periodId}` : `${from} to ${to}`,
      ...(user ? { ranBy: user } : {}),
    },
  );
  const written = await writeReportSheet(port, book, sheet, result.periodId);
  return { sheet: sheet.sheet, ...written, issues: [] };
}

/**
 * The report grid as a sheet (formulas, print setup: reportLayout.ts); a "Journalizing no"
 * column is added when a reported voucher has one.
 */
export function journalReportSheet(
  r: JournalReport,
  journalized: ReadonlyMap<string, string>,
  sheet = JOURNAL_REPORT_SHEET,
  currencyPlaces?: ReadonlyMap<string, number>,
  stamp?: ReportStamp,
): ReportSheet {
  const grid = journalReportGrid(r, currencyPlaces);
  const base = gridSheet(sheet, grid, stamp);
  const any = r.vouchers.some((v) => journalized.has(v.voucher));
  if (!any) return base;
  const head = grid.heading;
  const rows: ReportCell[][] = base.rows.map((row, i) => {
    if (i === head) return [...row, header(JOURNALIZING, "journalizingNo")];
    const v = i > head && typeof row[1] === "string" ? journalized.get(row[1]) : undefined;
    return [...row, v ?? null];
  });
  return {
    ...base,
    rows,
    numberFormats: [...(base.numberFormats ?? []), undefined],
    align: [...(base.align ?? []), "left"],
    widths: [...(base.widths ?? []), undefined],
  };
}

// ---------------------------------------------------------------------------
// text, CSV and JSON

function columns(r: JournalReport): string[] {
  return [
    "Date",
    "Voucher",
    "Account",
    "Name",
    ...r.dimensions,
    "Currency",
    "Amount",
    "Debit",
    "Credit",
    "Description",
    "Journalizing no",
  ];
}

function textRows(res: JournalReportResult, r: JournalReport): string[][] {
  const fix = (a: Amount) => a.toFixed(Math.max(r.places, a.decimalPlaces()));
  const fixCcy = (a: Amount, ccy: string) => a.toFixed(Math.max(res.currencyPlaces.get(ccy) ?? 2, a.decimalPlaces()));
  const orBlank = (a: Amount) => (a.isZero() ? "" : fix(a));
  const pad = r.dimensions.map(() => "");
  const rows: string[][] = [];
  for (const v of r.vouchers) {
    const no = res.journalized.get(v.voucher) ?? "";
    for (const l of v.lines) {
      rows.push([
        l.date,
        v.voucher,
        l.account,
        l.name,
        ...r.dimensions.map((d) => l.dimensions[d] ?? ""),
        l.currency,
        fixCcy(l.amount, l.currency),
        orBlank(l.debit),
        orBlank(l.credit),
        l.description,
        no,
      ]);
    }
    rows.push([
      "",
      v.voucher,
      "",
      "Voucher total",
      ...pad,
      "",
      "",
      fix(v.debit),
      fix(v.credit),
      v.balanced ? "" : `Not balanced: difference ${fix(v.debit.minus(v.credit))}`,
      no,
    ]);
  }
  const lines = r.vouchers.reduce((n, v) => n + v.lines.length, 0);
  rows.push([
    "Total",
    "",
    "",
    `${r.vouchers.length} voucher(s), ${lines} line(s)`,
    ...pad,
    "",
    "",
    fix(r.debit),
    fix(r.credit),
    r.balanced ? "" : "Not balanced",
    "",
  ]);
  return rows;
}

function filters(r: JournalReport): string {
  const f = [
    r.options.source ? `source ${r.options.source}…` : "",
    r.options.voucherFrom || r.options.voucherTo
      ? `vouchers ${r.options.voucherFrom || "…"} to ${r.options.voucherTo || "…"}`
      : "",
  ].filter((x) => x !== "");
  return f.length ? ` · ${f.join(" · ")}` : "";
}

export function formatJournalReport(res: JournalReportResult, format: "table" | "csv" | "json"): string {
  const r = res.report;
  if (!r) return "";
  const fix = (a: Amount) => a.toFixed(Math.max(r.places, a.decimalPlaces()));
  if (format === "json") {
    return JSON.stringify(
      {
        company: r.company,
        from: r.options.from,
        to: r.options.to,
        ...(r.options.source ? { source: r.options.source } : {}),
        currency: r.currency,
        vouchers: r.vouchers.map((v) => ({
          voucher: v.voucher,
          date: v.date,
          source: v.source,
          journalizingNo: res.journalized.get(v.voucher) ?? null,
          debit: fix(v.debit),
          credit: fix(v.credit),
          balanced: v.balanced,
          lines: v.lines.map((l) => ({
            entryNo: l.entryNo,
            date: l.date,
            account: l.account,
            name: l.name,
            dimensions: l.dimensions,
            currency: l.currency,
            amount: l.amount.toFixed(Math.max(res.currencyPlaces.get(l.currency) ?? 2, l.amount.decimalPlaces())),
            debit: fix(l.debit),
            credit: fix(l.credit),
            description: l.description,
          })),
        })),
        totals: { debit: fix(r.debit), credit: fix(r.credit), difference: fix(r.debit.minus(r.credit)) },
        balanced: r.balanced,
        issues: r.issues.map((i) => ({ code: i.code, severity: i.severity, message: i.message })),
      },
      null,
      2,
    );
  }
  const head = columns(r);
  const rows = textRows(res, r);
  if (format === "csv") return [head, ...rows].map((row) => row.map(csvCell).join(",")).join("\n");
  const numeric = (i: number) => head[i] === "Amount" || head[i] === "Debit" || head[i] === "Credit";
  const cells = [head, ...rows.map((row) => row.map((c, i) => (numeric(i) && c !== "" ? groupThousands(c) : c)))];
  const widths = head.map((_, i) => cells.reduce((w, row) => Math.max(w, (row[i] ?? "").length), 0));
  const line = (row: string[]) =>
    row
      .map((c, i) => (numeric(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  const out = [
    `${r.company} — Ledger journal report ${r.options.from} to ${r.options.to}${filters(r)} (debit and credit in ${r.currency})`,
    line(head),
    rule,
  ];
  for (const row of cells.slice(1, -1)) {
    out.push(line(row));
    if (row[3] === "Voucher total") out.push("");
  }
  out.push(rule, line(cells[cells.length - 1]!));
  const difference = r.debit.minus(r.credit);
  out.push(
    `Check: debits − credits = ${groupThousands(fix(difference))}; ${
      r.balanced
        ? "every voucher balances."
        : `NOT BALANCED${
            r.vouchers.some((v) => !v.balanced)
              ? `: ${r.vouchers
                  .filter((v) => !v.balanced)
                  .map((v) => v.voucher)
                  .join(", ")}`
              : ""
          }.`
    }`,
  );
  return out.join("\n");
}

// ---------------------------------------------------------------------------
// journalizing

export interface JournalizeContext {
  readonly user: string;
  readonly clock: Clock;
}

export async function journalize(
  source: Source,
  request: JournalReportRequest,
  ctx: JournalizeContext,
): Promise<JournalizeResult> {
  const session = await writeSession(source, ctx);
  const { book, raw, issues: readIssues } = session.loaded;
  const res = build(book, raw, request, readIssues);
  const refuse = (extra: Issue[] = []) => refused(res, extra);
  const checked = toJournalize(book, res, ctx);
  if ("done" in checked) return checked;
  const { report: r, fresh } = checked;
  const seq = findSequence(book, JOURNALIZING_SEQUENCE.name);
  const seqMissing = isIssue(seq) && seq.code === "MISSING_SEQUENCE";
  if (isIssue(seq) && !seqMissing) return refuse([seq]);
  const runSeq = findSequence(book, "run");
  if (isIssue(runSeq)) return refuse([runSeq]);
  const prefix = isIssue(seq) ? JOURNALIZING_SEQUENCE.prefix : seq.prefix;
  const number = isIssue(seq) ? 1 : seq.next;

  // the table a workbook made before journalizing existed lacks is created (empty) first
  const tableMissing = !raw.get(JOURNALIZING.name);
  const rawNow = new Map(raw);
  if (tableMissing)
    rawNow.set(JOURNALIZING.name, {
      name: JOURNALIZING.name,
      sheet: JOURNALIZING.sheet,
      headers: shapeOf(JOURNALIZING, []).headers,
      rows: [],
    });
  const layout = layoutIssues(rawNow, {
    appends: [{ def: JOURNALIZING }, ...(seqMissing ? [{ def: SEQUENCES }] : [])],
  });
  if (layout.length) return refuse(layout);

  const journalizingNo = formatNumber(prefix, number);
  const vouchers = fresh.map((v) => v.voucher);
  const written = await writeJournalizing(session, ctx, {
    report: r,
    periodId: res.periodId,
    fresh,
    rawNow,
    tableMissing,
    sequence: { missing: seqMissing, prefix, number },
    journalizingNo,
  });
  if (isIssue(written)) return refuse([written]);
  const journalized = new Map(res.journalized);
  for (const v of vouchers) journalized.set(v, journalizingNo);
  return { ...res, journalized, done: true, journalizingNo, runId: written.runId, vouchers };
}

type Voucher = JournalReport["vouchers"][number];

/** Nothing journalized: the report with its issues and `extra`. */
function refused(res: JournalReportResult, extra: readonly Issue[]): JournalizeResult {
  return { ...res, done: false, vouchers: [], issues: [...res.issues, ...extra] };
}

/** The report's vouchers not journalized yet; or the refusal: a seal broken, errors, an unknown user, nothing new. */
function toJournalize(
  book: Book,
  res: JournalReportResult,
  ctx: JournalizeContext,
): { report: JournalReport; fresh: Voucher[] } | JournalizeResult {
  const refuse = (extra: Issue[] = []) => refused(res, extra);
  const r = res.report;
  if (r) {
    const sealed = sealGuard(book, `Journalizing ${r.options.from} to ${r.options.to}`, r.options, "write");
    if (sealed.length)
      return {
        ...res,
        done: false,
        vouchers: [],
        issues: [...res.issues.filter((i) => !i.code.startsWith("SEAL_")), ...sealed],
      };
  }
  if (!r || hasErrors(res.issues))
    return refuse(
      r
        ? [
            issue("NOT_JOURNALIZED", "The journal report has errors; nothing was journalized.", {
              table: JOURNALIZING.name,
            }),
          ]
        : [],
    );
  const u = book.setup.users.get(ctx.user.trim().toLowerCase());
  if (!u || !u.active)
    return refuse([
      issue("UNKNOWN_USER", `User "${ctx.user}" is not an active user in the users table.`, where(USERS, "name")),
    ]);
  const fresh = r.vouchers.filter((v) => !res.journalized.has(v.voucher));
  if (fresh.length === 0) {
    return refuse([
      issue(
        "NOTHING_TO_JOURNALIZE",
        `Every voucher from ${r.options.from} to ${r.options.to}${r.options.source ? ` (source ${r.options.source}…)` : ""} already has a journalizing number; nothing was journalized.`,
        { table: JOURNALIZING.name },
        "info",
      ),
    ]);
  }
  return { report: r, fresh };
}

/** One run: the number reserved (a missing sequence row appended with it taken), a tblJournalizing row per voucher, one audit row. */
async function writeJournalizing(
  session: Awaited<ReturnType<typeof writeSession>>,
  ctx: JournalizeContext,
  j: {
    readonly report: JournalReport;
    readonly periodId: string | undefined;
    readonly fresh: readonly Voucher[];
    readonly rawNow: Map<string, RawTable | undefined>;
    readonly tableMissing: boolean;
    readonly sequence: { readonly missing: boolean; readonly prefix: string; readonly number: number };
    readonly journalizingNo: string;
  },
) {
  const { report: r, fresh, rawNow, tableMissing, journalizingNo } = j;
  const { missing: seqMissing, prefix, number } = j.sequence;
  const now = ctx.clock.now();
  const vouchers = fresh.map((v) => v.voucher);
  const range = vouchers.length > 1 ? `${vouchers[0]}..${vouchers[vouchers.length - 1]}` : vouchers[0]!;
  return writeRun(
    session,
    {
      operation: "journalize",
      now,
      raw: rawNow,
      ...(tableMissing ? { create: [JOURNALIZING] } : {}),
      // 1. reserve the number: a missing sequence row is appended with its first number taken
      ...(seqMissing
        ? {
            before: (port: WorkbookPort) =>
              port.appendRows(
                SEQUENCES.name,
                encodeRecords(SEQUENCES, [], [{ name: JOURNALIZING_SEQUENCE.name, prefix, next: number + 1 }]),
              ),
          }
        : {}),
      run: {
        step: "journalize",
        period: j.periodId ?? "",
        tails: { [JOURNALIZING.name]: tailOf(rawNow, JOURNALIZING.name) },
        parameters: {
          from: r.options.from,
          to: r.options.to,
          ...(r.options.source ? { source: r.options.source } : {}),
          journalizingNo,
          ...(seqMissing ? { sequenceAdded: JOURNALIZING_SEQUENCE.name } : {}),
        },
        writes: { appends: [{ def: JOURNALIZING }] },
        reserve: seqMissing ? [] : [{ name: JOURNALIZING_SEQUENCE.name, next: number + 1 }],
      },
    },
    async ({ port, runId }) => {
      await port.appendRows(
        JOURNALIZING.name,
        encodeRecords(
          JOURNALIZING,
          [],
          fresh.map((v) => ({
            journalizingNo,
            voucher: v.voucher,
            date: v.date,
            from: r.options.from,
            to: r.options.to,
            runId,
            user: ctx.user,
            at: now,
          })),
        ),
      );
      return {
        result: { runId },
        audit: [
          draft(now, ctx.user, "journalize", {
            subject: journalizingNo,
            newValue: range,
            detail: `${vouchers.length} vouchers from ${r.options.from} to ${r.options.to}${r.options.source ? ` (source ${r.options.source}…)` : ""} journalized as ${journalizingNo}`,
          }),
        ],
      };
    },
  );
}
