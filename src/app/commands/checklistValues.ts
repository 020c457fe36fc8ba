/**
 * The checklist's pure values for callers, apart from values.ts so the pane's first load does not carry the
 * checklist model (the Checklist tab's chunk and the Close tab's sign-off lines do).
 *
 * Example: periodChecklist(book, checklistTables, "2026-12", today) → the period's tasks with their states and tiles
 */
export { CHECKLIST_COLUMNS, checklistRows, tilesLine } from "../checklist/checklistReport";
export { periodChecklist } from "../checklist/checklistState";
