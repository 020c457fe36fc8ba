/**
 * The close checklist's tables (issue #13), declared like every other table
 * and listed in ALL_TABLES (tables.ts): the template, the work calendar, the
 * tasks of each period (sheet "Close checklist", readable without the add-in),
 * and account reconciliations with their reconciling items.
 *
 * Example: template row [T05, Cash, "Bank reconciliation EUR", "", alice, reviewer, "BD+3", "T01", "range:Bank!A1:D40", no, 1010]
 *   → for 2026-01 a task row [2026-01, T05, Cash, …, due 2026-02-04, status "Not started"].
 */
import { TASK_STATUSES } from "../core/checklist/types";
import { col, defineTable } from "./defineTable";

export const CLOSE_TEMPLATE = defineTable({
  name: "tblCloseTemplate",
  sheet: "Close template",
  description: "The close checklist template: one row per task, generated into each period's checklist.",
  columns: [
    col("id", "Task", "text", { required: true }),
    col("area", "Area", "text"),
    col("title", "Title", "text", { required: true }),
    col("description", "Description", "text"),
    col("preparer", "Preparer", "text", { description: "a user, or a role (preparer, reviewer, controller, admin)" }),
    col("reviewer", "Reviewer", "text", { description: "a user, or a role; never the preparer" }),
    col("due", "Due (BD)", "text", { required: true, description: "business days from the period end: BD-2, 0, BD+3" }),
    col("dependsOn", "Depends on", "list", { description: "task ids that must be Reviewed or N/A first" }),
    col("link", "Link", "text", { description: "step:<close step>, range:Sheet!A1:B9 or a URL" }),
    col("automatic", "Automatic", "bool", { description: "prepared by its close step's run" }),
    col("account", "Account", "text", { description: "a reconciliation task: the account reconciled" }),
  ],
});

export const WORK_CALENDAR = defineTable({
  name: "tblWorkCalendar",
  sheet: "Work calendar",
  description:
    'Holidays (and extra working days) the checklist\'s business-day due dates skip; working weekdays are the setting "Working weekdays".',
  columns: [
    col("date", "Date", "date", { required: true }),
    col("name", "Name", "text"),
    col("working", "Working", "bool", { description: "yes: an extra working day; blank or no: a holiday" }),
  ],
});

/**
 * How the Close checklist sheet reads without the add-in: Status coloured as a controller scans it (Excel's
 * own Good / Neutral / Bad styles, so the colours mean what they mean elsewhere in Excel), and Due red while
 * a task is past due — the pane's rule (state.ts: due before today and not Reviewed or N/A).
 * Reviewed: green (done). Prepared: light blue (waiting for the reviewer, the controller's queue).
 * In progress: amber; but In progress with a Reason is a reopened task (reopening keeps its reason) and is
 * orange, listed first so it wins. N/A: grey. Not started: no fill. "Changed after sign-off" is never stored
 * (the pane computes it from the ledger), so no cell rule can show it; the pane and `closebook checklist` do.
 */
const CLOSE_TASK_COLOURS = [
  { column: "Status", formula: 'AND([@Status]="In progress",LEN([@Reason])>0)', fill: "#F8CBAD", font: "#833C0B" },
  { column: "Status", equals: "Reviewed", fill: "#C6EFCE", font: "#006100" },
  { column: "Status", equals: "Prepared", fill: "#DDEBF7", font: "#1F4E78" },
  { column: "Status", equals: "In progress", fill: "#FFEB9C", font: "#9C5700" },
  { column: "Status", equals: "N/A", fill: "#D9D9D9", font: "#595959" },
  {
    column: "Due",
    formula: 'AND(ISNUMBER([@Due]),[@Due]<TODAY(),[@Status]<>"Reviewed",[@Status]<>"N/A")',
    fill: "#FFC7CE",
    font: "#9C0006",
  },
] as const;

export const CLOSE_TASKS = defineTable({
  name: "tblCloseTasks",
  sheet: "Close checklist",
  description:
    "The close checklist: each period's tasks with their preparer and reviewer sign-offs. Written by Closebook (closebook task); sealed with the period.",
  columns: [
    col("period", "Period", "text", { required: true }),
    col("id", "Task", "text", { required: true }),
    col("area", "Area", "text"),
    col("title", "Title", "text"),
    col("preparer", "Preparer", "text"),
    col("reviewer", "Reviewer", "text"),
    col("due", "Due", "date"),
    col("dependsOn", "Depends on", "list"),
    col("link", "Link", "text"),
    col("automatic", "Automatic", "bool"),
    col("account", "Account", "text"),
    col("status", "Status", "enum", { required: true, values: TASK_STATUSES }),
    col("preparedBy", "Prepared by", "text"),
    col("preparedAt", "Prepared at", "timestamp"),
    col("evidence", "Evidence", "text"),
    col("reviewedBy", "Reviewed by", "text"),
    col("reviewedAt", "Reviewed at", "timestamp"),
    col("note", "Note", "text"),
    col("reason", "Reason", "text", { description: "why it was reopened or is N/A" }),
    col("signedBalance", "Signed balance", "amount", {
      description: "reconciliations: the ledger balance when signed",
    }),
  ],
  conditionalFormats: CLOSE_TASK_COLOURS,
});

export const RECONCILIATIONS = defineTable({
  name: "tblReconciliations",
  sheet: "Reconciliations",
  description:
    "Account reconciliations per period: the supporting balance (typed or read from a range) against the ledger balance.",
  columns: [
    col("period", "Period", "text", { required: true }),
    col("account", "Account", "text", { required: true }),
    col("supporting", "Supporting balance", "amount"),
    col("source", "Source", "text", { description: "typed, or the range it was read from" }),
    col("ledger", "Ledger balance", "amount", { description: "at the last update" }),
    col("difference", "Difference", "amount", { description: "ledger − supporting − reconciling items" }),
    col("updatedBy", "Updated by", "text"),
    col("updatedAt", "Updated at", "timestamp"),
  ],
});

export const RECON_ITEMS = defineTable({
  name: "tblReconItems",
  sheet: "Reconciling items",
  description: "Reconciling items explaining a reconciliation's difference: ledger = supporting + items.",
  columns: [
    col("period", "Period", "text", { required: true }),
    col("account", "Account", "text", { required: true }),
    col("amount", "Amount", "amount", { required: true }),
    col("explanation", "Explanation", "text", { required: true }),
  ],
});

export const CHECKLIST_TABLES = [CLOSE_TEMPLATE, WORK_CALENDAR, CLOSE_TASKS, RECONCILIATIONS, RECON_ITEMS];
