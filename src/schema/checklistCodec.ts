/**
 * Decodes the checklist tables and settings into core values, each unreadable
 * cell an issue at its row and column (decodeTable), a due offset that is not a
 * whole number of business days too. Missing tables read as empty (a workbook
 * from before the checklist).
 *
 * Example: tblCloseTemplate row 4 with Due (BD) "soon" →
 *   BAD_DUE_OFFSET at tblCloseTemplate row 4, Due (BD): "Task T04: the due offset "soon" is not …"
 */
import { MON_FRI } from "../core/checklist/businessDays";
import { parseDueOffset } from "../core/checklist/template";
import type { CloseTask, ReconItem, Reconciliation, TemplateTask, WorkCalendar } from "../core/checklist/types";
import { issue, type Issue } from "../core/issues/issue";
import { Amount } from "../core/money";
import type { RawTable } from "../ports/workbook";
import { CLOSE_TASKS, CLOSE_TEMPLATE, RECON_ITEMS, RECONCILIATIONS, WORK_CALENDAR } from "./checklistTables";
import { decodeCell } from "./cells";
import { decodeTable, normalizeHeader, validRows } from "./decodeTable";
import type { TableDef } from "./defineTable";
import { ACCOUNTS, SETTINGS } from "./tables";
import { SETTING_KEYS } from "./settingsKeys";
import { columnIndex, where } from "./typedCells";
import { textOf } from "../core/text/textOf";

type Raw = ReadonlyMap<string, RawTable | undefined>;
/** A decoded text cell by key (checked against the row's declaration), blank as "". */
const s = <T extends object>(v: T, k: keyof T & string): string => {
  const x: unknown = v[k];
  return textOf(x);
};
const list = (v: { readonly [k: string]: unknown }, k: "dependsOn"): string[] => [
  ...((v[k] as readonly string[] | undefined) ?? []),
];

export interface ChecklistData {
  readonly template: TemplateTask[];
  readonly calendar: WorkCalendar;
  readonly tasks: CloseTask[];
  readonly recons: Reconciliation[];
  readonly items: ReconItem[];
  /** accounts flagged Reconcile */
  readonly reconcile: { number: string; name: string }[];
  readonly requireReviewed: boolean;
  readonly tolerance: Amount;
  readonly issues: Issue[];
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function setting(raw: Raw, key: string, issues: Issue[]): unknown {
  const k = SETTING_KEYS.find((x) => x.key === key)!;
  const t = raw.get(SETTINGS.name);
  const vi = columnIndex(SETTINGS, t, "value");
  const si = columnIndex(SETTINGS, t, "setting");
  const i = t && si >= 0 ? t.rows.findIndex((r) => normalizeHeader(textOf(r[si])) === normalizeHeader(k.label)) : -1;
  const cell = t && i >= 0 && vi >= 0 ? (t.rows[i]![vi] ?? null) : null;
  const d = decodeCell(k.type, cell === null || cell === "" ? (k.defaultValue ?? null) : cell, k.values);
  if (d.ok) return d.value;
  issues.push(
    issue("BAD_CELL", `${k.label}: the value ${d.problem}.`, where(SETTINGS, "value", i >= 0 ? i + 1 : undefined)),
  );
  const fallback = decodeCell(k.type, k.defaultValue ?? null, k.values);
  return fallback.ok ? fallback.value : undefined;
}

export function decodeChecklist(raw: Raw): ChecklistData {
  const issues: Issue[] = [];
  const table = <D extends TableDef>(def: D) => {
    const t = decodeTable(def, raw.get(def.name), [], true);
    issues.push(...t.issues);
    return validRows(t.rows);
  };
  const template: TemplateTask[] = table(CLOSE_TEMPLATE).map((r) => {
    const v = r.values;
    const due = parseDueOffset(v.due);
    if (due === undefined)
      issues.push(
        issue(
          "BAD_DUE_OFFSET",
          `Task ${s(v, "id")}: the due offset "${s(v, "due")}" is not a whole number of business days (BD-2, 0, BD+3).`,
          where(CLOSE_TEMPLATE, "due", r.row),
        ),
      );
    return {
      id: s(v, "id"),
      area: s(v, "area"),
      title: s(v, "title"),
      description: s(v, "description"),
      preparer: s(v, "preparer"),
      reviewer: s(v, "reviewer"),
      due: due ?? Number.NaN,
      dependsOn: list(v, "dependsOn"),
      link: s(v, "link"),
      automatic: v.automatic === true,
      account: s(v, "account"),
      row: r.row,
    };
  });
  const days = table(WORK_CALENDAR);
  const weekdays = (setting(raw, "workingWeekdays", issues) as string[] | undefined) ?? [];
  const calendar: WorkCalendar = {
    workingWeekdays: weekdays.length
      ? new Set(weekdays.map((d) => WEEKDAYS.findIndex((w) => w.toLowerCase() === d.toLowerCase())))
      : MON_FRI,
    holidays: new Set(days.filter((d) => d.values.working !== true).map((d) => s(d.values, "date"))),
    extraWorkingDays: new Set(days.filter((d) => d.values.working === true).map((d) => s(d.values, "date"))),
  };
  const tasks: CloseTask[] = table(CLOSE_TASKS).map((r) => {
    const v = r.values;
    const signed = v.signedBalance;
    return {
      period: s(v, "period"),
      id: s(v, "id"),
      area: s(v, "area"),
      title: s(v, "title"),
      preparer: s(v, "preparer"),
      reviewer: s(v, "reviewer"),
      due: s(v, "due"),
      dependsOn: list(v, "dependsOn"),
      link: s(v, "link"),
      automatic: v.automatic === true,
      account: s(v, "account"),
      status: v.status,
      preparedBy: s(v, "preparedBy"),
      preparedAt: s(v, "preparedAt"),
      evidence: s(v, "evidence"),
      reviewedBy: s(v, "reviewedBy"),
      reviewedAt: s(v, "reviewedAt"),
      note: s(v, "note"),
      reason: s(v, "reason"),
      ...(signed ? { signedBalance: signed } : {}),
      row: r.row,
    };
  });
  const recons: Reconciliation[] = table(RECONCILIATIONS).map((r) => ({
    period: s(r.values, "period"),
    account: s(r.values, "account"),
    ...(r.values.supporting ? { supporting: r.values.supporting } : {}),
    source: s(r.values, "source"),
    row: r.row,
  }));
  const items: ReconItem[] = table(RECON_ITEMS).map((r) => ({
    period: s(r.values, "period"),
    account: s(r.values, "account"),
    amount: r.values.amount,
    explanation: s(r.values, "explanation"),
    row: r.row,
  }));
  const accounts = decodeTable(ACCOUNTS, raw.get(ACCOUNTS.name), [], true);
  const reconcile = accounts.rows
    .filter((r) => r.values.reconcile === true)
    .map((r) => ({ number: s(r.values, "number"), name: s(r.values, "name") }));
  const requireReviewed = setting(raw, "requireReviewedChecklist", issues) !== false;
  const tolerance = ((setting(raw, "reconciliationTolerance", issues) as Amount | undefined) ?? Amount.ZERO).abs();
  return { template, calendar, tasks, recons, items, reconcile, requireReviewed, tolerance, issues };
}
