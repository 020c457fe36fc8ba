/**
 * The consolidation run of a group workbook for one period: the group's rules
 * read from its tables, the packages given as data, then the close step
 * "consolidation" (CONSOLIDATION_STEPS) previewed or posted through the same
 * loop as every close step (closeStepByStep.ts: a re-post refused naming the
 * earlier run; `closebook reverse --run` takes a run back), and the
 * consolidation worksheet written as the sheet "Consolidation <period>".
 *
 * Example: await consolidateGroup(port, { period: "2026-03", mode: "post", packages: [us, uk] }, ctx)
 *   → { status: "ok", summary: "posted 3 vouchers (41 lines) as RUN-000004", sheet: "Consolidation 2026-03", checksPass: true }
 */
import { CONSOLIDATION_STEPS } from "../../core/close/steps";
import { consolidate, type ConsolidationResult } from "../../core/consolidation/consolidate";
import type { EntityPackage } from "../../core/consolidation/model";
import { combinePackages } from "../../core/consolidation/packageInputs";
import { consolidationWorksheet, type Worksheet } from "../../core/consolidation/worksheet";
import { hasErrors, issue, type Issue } from "../../core/issues/issue";
import type { CellValue, RawTable, ReportSheet, WorkbookPort } from "../../ports/workbook";
import { decodeGroupRules } from "../../schema/consolidationCodec";
import { GROUP_TABLES } from "../../schema/consolidationTables";
import { SETTINGS } from "../../schema/tables";
import type { StepContext } from "../closeRuns";
import { runCloseStep, type CloseStepOutcome } from "../closeStepByStep";
import type { StepMode } from "../closeSteps";
import { readBook } from "../operation";
import { where } from "../../schema/typedCells";

export interface ConsolidateRequest {
  readonly period: string;
  readonly mode: StepMode;
  readonly packages: readonly EntityPackage[];
  /** packages built from entity workbooks (their entity is the workbook's Company: matched to tblEntities by id or name); one given beside its entity's package file checks that file's seal */
  readonly workbooks?: readonly EntityPackage[];
}

export interface ConsolidateOutcome extends Pick<CloseStepOutcome, "status" | "summary" | "posted" | "previewSheet"> {
  readonly issues: readonly Issue[];
  readonly sheet?: string;
  readonly worksheet?: Worksheet;
  /** the computation behind the worksheet (per entity translated totals and CTA, the elimination lines), for the pane's Group tab */
  readonly result?: ConsolidationResult;
}

export async function consolidateGroup(
  port: WorkbookPort,
  req: ConsolidateRequest,
  ctx: StepContext,
): Promise<ConsolidateOutcome> {
  const raw = new Map<string, RawTable | undefined>();
  for (const def of [SETTINGS, ...GROUP_TABLES]) raw.set(def.name, await port.readTable(def.name));
  const rules = decodeGroupRules(raw);
  const fail = (summary: string, issues: readonly Issue[]): ConsolidateOutcome => ({
    status: "failed",
    summary,
    issues,
  });
  if (!rules.isGroup)
    return fail("not a group workbook", [
      issue(
        "NOT_A_GROUP",
        `This workbook's setting "Consolidation company" is not yes: create a group workbook with "closebook init --group".`,
        where(SETTINGS, "value"),
      ),
    ]);
  if (hasErrors(rules.issues)) return fail("the group's tables have errors", rules.issues);
  const byName = (p: EntityPackage): EntityPackage => {
    const e =
      rules.entities.find((x) => x.id === p.entity) ??
      rules.entities.find((x) => x.name.toLowerCase() === p.entity.toLowerCase());
    return e ? { ...p, entity: e.id } : p;
  };
  const combined = combinePackages(req.packages, (req.workbooks ?? []).map(byName));
  if (hasErrors(combined.issues))
    return fail("a package does not match its workbook", [...rules.issues, ...combined.issues]);
  const inputs = {
    entities: rules.entities,
    mapping: rules.mapping,
    translation: rules.translation,
    eliminations: rules.eliminations,
    packages: combined.packages,
  };
  const outcome = await runCloseStep(
    port,
    { period: req.period, step: "consolidation", mode: req.mode, inputs },
    ctx,
    CONSOLIDATION_STEPS,
  );
  const issues = [...rules.issues, ...outcome.issues];
  if (hasErrors(outcome.issues)) return { status: outcome.status, summary: outcome.summary, issues };
  // the worksheet: the same pure computation, laid out (year to date at the period end)
  const { book } = await readBook(port);
  const period = book.setup.periods.find((p) => p.id === req.period && p.kind === "operating")!;
  const ledgerBefore = outcome.posted?.runId
    ? book.ledger.filter((e) => e.runId !== outcome.posted!.runId)
    : book.ledger;
  const result = consolidate({ book: { ...book, ledger: ledgerBefore }, period, ...inputs });
  const worksheet = consolidationWorksheet(result, book.setup);
  const sheet = worksheetSheet(
    worksheet,
    req.period,
    outcome.posted?.runId,
    combined.packages.some((p) => p.draft),
  );
  await port.writeReport(sheet);
  const checks = worksheet.checksPass
    ? []
    : [
        issue(
          "WORKSHEET_CHECK",
          `A check line of the consolidation worksheet "${sheet.sheet}" is not zero.`,
          { table: sheet.sheet },
          "warning",
        ),
      ];
  return {
    status: outcome.status,
    summary: outcome.summary,
    issues: [...issues, ...checks],
    sheet: sheet.sheet,
    worksheet,
    result,
    ...(outcome.posted ? { posted: outcome.posted } : {}),
    ...(outcome.previewSheet ? { previewSheet: outcome.previewSheet } : {}),
  };
}

export function worksheetSheet(w: Worksheet, period: string, runId: string | undefined, draft: boolean): ReportSheet {
  const header: CellValue[] = ["Account", "Name", ...w.columns];
  const rows: CellValue[][] = [header];
  const bold = [0];
  for (const r of w.rows) {
    if (r.role !== "account") bold.push(rows.length);
    rows.push([r.account ?? null, r.label, ...w.columns.map((_, i) => r.values[i]?.toNumber() ?? null)]);
  }
  const width = header.length;
  return {
    sheet: `Consolidation ${period}`.slice(0, 31),
    title: `${draft ? "DRAFT — " : ""}Consolidation worksheet ${period}, year to date (${runId ? `posted as ${runId}` : "preview, nothing posted"})`,
    rows: rows.map((r) => [...r, ...Array<CellValue>(Math.max(0, width - r.length)).fill(null)]),
    numberFormats: [undefined, undefined, ...w.columns.map(() => "#,##0.00;(#,##0.00);-")],
    boldRows: bold,
  };
}
